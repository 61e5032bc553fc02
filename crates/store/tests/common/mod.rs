//! Helpers shared by the integration tests.
#![allow(dead_code)]

use jikenbo_store::{IngestOutcome, Prepared, Source, Store};
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/seeds` relative to the workspace root, if present (tests skip with a message
/// otherwise).
pub fn seeds_dir() -> Option<PathBuf> {
    let p = root().join("../shared/seeds");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: {} is absent", p.display());
        None
    }
}

/// The repository's fictional example notices.
pub fn examples_dir() -> PathBuf {
    root().join("examples/notices")
}

pub fn files_of(dir: &Path) -> Vec<PathBuf> {
    jikenbo_text::collect_inputs(&[dir.to_path_buf()]).expect("listing inputs")
}

/// Ingests every file of `dir`; returns the outcomes with their paths.
pub fn ingest_dir(store: &mut Store, dir: &Path) -> Vec<(PathBuf, IngestOutcome)> {
    let mut out = Vec::new();
    for p in files_of(dir) {
        let prep = match Prepared::from_path(&p, &jikenbo_text::Limits::default()) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("not ingestible: {}: {e}", p.display());
                continue;
            }
        };
        let o = store
            .ingest_prepared(&prep, &Source::new(p.display().to_string()), "tester")
            .expect("ingest");
        out.push((p, o));
    }
    out
}

pub fn export(store: &Store) -> Vec<u8> {
    let mut buf = Vec::new();
    store.export_json(&mut buf).expect("export");
    buf
}

/// A notice as a file-like text.
pub fn ingest_text(store: &mut Store, name: &str, text: &str) -> IngestOutcome {
    store
        .ingest_bytes(name, text.as_bytes().to_vec(), &Source::new(name), "tester")
        .expect("ingest")
}

pub fn added(o: &IngestOutcome) -> &jikenbo_store::Added {
    match o {
        IngestOutcome::Added(a) => a,
        IngestOutcome::Skipped(s) => panic!("skipped: {s:?}"),
    }
}
