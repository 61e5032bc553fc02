//! Profiling harness: nanoseconds per byte by file-name prefix (the corpus generator names
//! files by kind: `casebook_…`, `digest_…`).
fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let files = jikenbo_text::collect_inputs(&paths).unwrap();
    let mut by: std::collections::BTreeMap<String, (usize, f64, usize)> = Default::default();
    for f in &files {
        let text = jikenbo_text::load_path(f, &Default::default())
            .unwrap()
            .text;
        let name = f.file_name().unwrap().to_string_lossy();
        let kind = name.split(['_', '.']).next().unwrap_or("").to_string();
        std::hint::black_box(jikenbo_extract::extract_text("x", &text));
        let t = std::time::Instant::now();
        for _ in 0..3 {
            std::hint::black_box(jikenbo_extract::extract_text("x", &text));
        }
        let e = by.entry(kind).or_default();
        e.0 += text.len() * 3;
        e.1 += t.elapsed().as_secs_f64();
        e.2 += 1;
    }
    for (k, (b, s, n)) in by {
        println!(
            "{k:20} {n:6} files {:8.1} KB avg {:6.1} MB/s",
            b as f64 / 3.0 / n as f64 / 1e3,
            b as f64 / 1e6 / s
        );
    }
}
