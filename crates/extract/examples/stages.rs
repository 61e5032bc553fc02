//! Profiling harness: extract every document twice; the second pass runs inside `measured`, so
//! `valgrind --tool=callgrind --toggle-collect=stages::measured` counts per-document work only
//! (no one-time rule compilation).
fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let files = jikenbo_text::collect_inputs(&paths).unwrap();
    let docs: Vec<String> = files
        .iter()
        .map(|f| {
            jikenbo_text::load_path(f, &Default::default())
                .unwrap()
                .text
        })
        .collect();
    for d in &docs {
        std::hint::black_box(jikenbo_extract::extract_text("x", d));
    }
    let t = std::time::Instant::now();
    let n = measured(&docs);
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    eprintln!(
        "{n} incidents, {:.1} MB/s",
        bytes as f64 / 1e6 / t.elapsed().as_secs_f64()
    );
}

#[inline(never)]
fn measured(docs: &[String]) -> usize {
    docs.iter()
        .map(|d| jikenbo_extract::extract_text("x", d).len())
        .sum()
}
