//! Crash test: a child process ingests generated notices one transaction per document and is
//! killed with SIGKILL in the middle; the store then opens, passes SQLite's integrity check,
//! holds every document committed before the kill complete (all its reports, values and its
//! audit row, nothing half-written), and a re-run ingests the rest.
//!
//! The child is this test binary itself, started with `JIKENBO_CRASH_CHILD=1` so that only
//! `crash_child` does work. (`crates/store/tests/crash.sh` does the same with the `jikenbo`
//! binary.)

mod common;

use jikenbo_store::{IngestOutcome, Prepared, Source, Store};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FILES: usize = 1200;

fn write_corpus(dir: &Path) -> Vec<PathBuf> {
    let mut g = jikenbo_corpus::Generator::new(99);
    let mut out = Vec::new();
    for i in 0..FILES {
        let (name, text) = g.notice(i);
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        out.push(p);
    }
    out.sort();
    out
}

/// Ingests like `jikenbo ingest`: one transaction per document, the search index written by
/// a thread of its own every 100 changes (bulk mode).
fn ingest_all(db: &Path, files: &[PathBuf]) -> (usize, usize) {
    let mut store = Store::open(db).unwrap();
    store.set_deferred_indexing(true).unwrap();
    let indexer = store.index_writer().unwrap().unwrap().spawn(100);
    let (mut added, mut skipped) = (0, 0);
    for (n, p) in files.iter().enumerate() {
        if n % 100 == 99 {
            store.trim_index_queue().unwrap();
        }
        let prep = Prepared::from_path(p, &jikenbo_text::Limits::default()).unwrap();
        match store
            .ingest_prepared(&prep, &Source::new(p.display().to_string()), "crash-test")
            .unwrap()
        {
            IngestOutcome::Added(_) => added += 1,
            IngestOutcome::Skipped(_) => skipped += 1,
        }
    }
    indexer.finish().unwrap();
    store.set_deferred_indexing(false).unwrap();
    (added, skipped)
}

/// The child's work (does nothing unless started by the parent test).
#[test]
fn crash_child() {
    if std::env::var_os("JIKENBO_CRASH_CHILD").is_none() {
        return;
    }
    let db = PathBuf::from(std::env::var_os("JIKENBO_CRASH_DB").unwrap());
    let dir = PathBuf::from(std::env::var_os("JIKENBO_CRASH_DIR").unwrap());
    let files = common::files_of(&dir);
    ingest_all(&db, &files);
}

fn documents_in(db: &Path) -> i64 {
    // A plain read-only look that does not create or migrate anything.
    let Ok(conn) = rusqlite::Connection::open_with_flags(
        db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return 0;
    };
    conn.busy_timeout(Duration::from_secs(1)).ok();
    conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap_or(0)
}

#[test]
fn kill_during_ingest_keeps_committed_documents() {
    if std::env::var_os("JIKENBO_CRASH_CHILD").is_some() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let files = write_corpus(&corpus);
    let distinct: BTreeSet<Vec<u8>> = files.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let db = tmp.path().join("crash.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
        .env("JIKENBO_CRASH_CHILD", "1")
        .env("JIKENBO_CRASH_DB", &db)
        .env("JIKENBO_CRASH_DIR", &corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until a good part is committed, then kill -9.
    let start = Instant::now();
    let target = (FILES / 4) as i64;
    loop {
        let n = documents_in(&db);
        if n >= target {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the child ended before it could be killed ({status}, {n} documents)");
        }
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "the child is too slow ({n} documents)"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success(), "the child was killed");
    // Reopen: the store opens, is intact, and each committed document is complete.
    let store = Store::open(&db).unwrap();
    store.check_integrity().unwrap();
    let c = store.counts().unwrap();
    assert!(c.documents >= target, "{} documents survived", c.documents);
    assert!(
        (c.documents as usize) < FILES,
        "the kill came before the end"
    );
    assert_eq!(c.audit, c.documents, "one audit row per committed document");
    let conn = store.connection();
    let mut st = conn
        .prepare("SELECT id, name, text FROM documents ORDER BY id")
        .unwrap();
    let docs: Vec<(i64, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for (id, name, text) in &docs {
        let want = jikenbo_extract::extract_text(name, text).len() as i64;
        let got: i64 = conn
            .query_row(
                "SELECT count(*) FROM reports WHERE document_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(got, want, "document {id} ({name}) is incomplete");
    }
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM incidents i WHERE NOT EXISTS
               (SELECT 1 FROM reports r WHERE r.incident_id = i.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "no incident without its report");
    // The search-index entries queued before the kill were written when the store opened.
    let indexed: i64 = conn
        .query_row("SELECT count(*) FROM incident_fts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(indexed, c.incidents, "every live incident is searchable");
    let survived = c.documents;
    drop(st);
    drop(store);
    // A re-run completes the rest and adds nothing twice.
    let (added, skipped) = ingest_all(&db, &files);
    assert_eq!(skipped as i64, survived + (FILES - distinct.len()) as i64);
    let store = Store::open(&db).unwrap();
    store.check_integrity().unwrap();
    let c = store.counts().unwrap();
    assert_eq!(c.documents as usize, distinct.len());
    let indexed: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM incident_fts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(indexed, c.incidents);
    assert_eq!(added as i64 + survived, c.documents);
    eprintln!(
        "killed after {survived} of {FILES} documents; the re-run added {added}; {} documents, {} incidents",
        c.documents, c.incidents
    );
}
