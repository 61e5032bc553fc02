//! `bulk::ingest_files`, the pipeline behind `jikenbo ingest`: files read and extracted in
//! parallel, committed one per transaction, the search index written by a thread of its own.

mod common;

use jikenbo_store::bulk::{ingest_files, BulkOptions, FileEvent};
use jikenbo_store::{Query, Store};
use std::path::PathBuf;

#[test]
fn a_directory_is_ingested_bad_files_are_reported_and_a_rerun_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let mut g = jikenbo_corpus::Generator::new(21);
    let mut first = String::new();
    for i in 0..40 {
        let (name, text) = g.notice(i);
        if i == 0 {
            first = text.clone();
        }
        std::fs::write(corpus.join(name), text).unwrap();
    }
    std::fs::write(corpus.join("zz-copy.txt"), &first).unwrap(); // the same bytes
    let mut bom = b"\xEF\xBB\xBF".to_vec(); // the same text, other bytes
    bom.extend_from_slice(first.as_bytes());
    std::fs::write(corpus.join("zz-bom.txt"), bom).unwrap();
    std::fs::write(corpus.join("zz-empty.txt"), b"").unwrap();
    std::fs::write(
        corpus.join("zz-junk.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 255],
    )
    .unwrap();
    let files = common::files_of(&corpus);
    assert_eq!(files.len(), 44);
    let db = dir.path().join("bulk.db");
    let opts = BulkOptions {
        who: "test".into(),
        ..BulkOptions::default()
    };
    let mut events = 0;
    let mut failed: Vec<PathBuf> = Vec::new();
    let sum = ingest_files(&db, &files, &opts, |e| {
        events += 1;
        if let FileEvent::Failed(p, _) = e {
            failed.push(p.to_path_buf());
        }
    })
    .unwrap();
    assert_eq!(events, 44);
    assert_eq!(sum.files, 44);
    assert_eq!(sum.documents_added, 40);
    assert_eq!(sum.skipped_same_bytes + sum.skipped_same_text, 2);
    assert_eq!(sum.skipped_same_text, 1, "{sum:?}");
    assert_eq!(sum.failed.len(), 2, "{:?}", sum.failed);
    failed.sort();
    assert_eq!(
        failed,
        vec![corpus.join("zz-empty.txt"), corpus.join("zz-junk.txt")]
    );
    assert!(sum.incidents_new > 0 && sum.reports >= sum.incidents_new);
    let store = Store::open(&db).unwrap();
    let c = store.counts().unwrap();
    assert_eq!(c.documents, 40);
    // Everything is in the search index once the run ends.
    let indexed: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM incident_fts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(indexed, c.incidents);
    assert!(store.search(&Query::text("個人情報")).unwrap().total > 0);
    drop(store);
    let again = ingest_files(&db, &files, &opts, |_| {}).unwrap();
    assert_eq!(again.documents_added, 0);
    assert_eq!(again.skipped_same_bytes + again.skipped_same_text, 42);
    assert_eq!(again.failed.len(), 2);
}
