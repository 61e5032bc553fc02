//! Embeds the bundled example notices (`examples/notices` of the repository) for `serve --demo`,
//! so the binary needs no checkout beside it.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/notices");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from(
        "/// The example notices: (file name, bytes).\npub const NOTICES: &[(&str, &[u8])] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap_or_default().to_string_lossy();
        let _ = writeln!(
            out,
            "    ({:?}, include_bytes!({:?})),",
            name,
            f.canonicalize()
                .unwrap_or_else(|_| f.clone())
                .display()
                .to_string()
        );
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("demo_notices.rs");
    std::fs::write(dest, out).expect("write demo_notices.rs");
}
