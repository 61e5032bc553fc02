//! Extract every file under the given paths, one thread, JSON Lines on stdout (evidence
//! included): a profiling and regression harness that needs nothing but this crate.
//!
//! `cargo run --release -p jikenbo-extract --example extract_dir -- DIR...`
use std::io::Write;

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let files = jikenbo_text::collect_inputs(&paths).expect("inputs");
    let limits = jikenbo_text::Limits::default();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for f in files {
        match jikenbo_text::load_path(&f, &limits) {
            Ok(doc) => {
                for inc in jikenbo_extract::extract(&doc) {
                    serde_json::to_writer(&mut out, &inc).expect("write");
                    out.write_all(b"\n").expect("write");
                }
            }
            Err(e) => eprintln!("{}: {e}", f.display()),
        }
    }
}
