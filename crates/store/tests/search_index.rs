//! The search index in its own file: the rows written while ingesting (computed ahead on the
//! preparing threads, written after each commit or by a thread of its own) equal the rows
//! rebuilt from the casebook alone; a missing, stale or foreign index file is rebuilt.

mod common;

use jikenbo_store::Field;
use jikenbo_store::{index_path, IncidentRef, IngestOutcome, Link, Prepared, Query, Source, Store};
use std::path::Path;

type Row = (i64, String, String, String, String);

/// Every row of the search index (key and indexed columns), in key order: (how many, a
/// digest of all) for assertions that print short.
fn index_digest(s: &Store) -> (usize, u64) {
    use std::hash::{Hash, Hasher};
    let rows = index_rows(s);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    rows.hash(&mut h);
    (rows.len(), h.finish())
}

/// Every row of the search index (key and indexed columns), in key order.
fn index_rows(s: &Store) -> Vec<Row> {
    let mut st = s
        .connection()
        .prepare("SELECT rowid, org, title, terms, body FROM incident_fts ORDER BY rowid")
        .unwrap();
    st.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn corpus(n: usize, seed: u64) -> Vec<Prepared> {
    let mut g = jikenbo_corpus::Generator::new(seed);
    (0..n)
        .map(|i| {
            let (name, text) = g.notice(i);
            Prepared::from_text(&name, &text).unwrap()
        })
        .collect()
}

/// Removes a store's index file (the store must be closed).
fn remove_index(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = index_path(db).into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// Copies a closed store's index file over another closed store's.
fn copy_index(from: &Path, to: &Path) {
    remove_index(to);
    for suffix in ["", "-wal"] {
        let (mut a, mut b) = (
            index_path(from).into_os_string(),
            index_path(to).into_os_string(),
        );
        a.push(suffix);
        b.push(suffix);
        if Path::new(&a).exists() {
            std::fs::copy(&a, &b).unwrap();
        }
    }
}

/// The rows of a closed store's index once rebuilt from its casebook alone.
fn rebuilt_rows(db: &Path) -> Vec<Row> {
    assert!(
        !Path::new(&format!("{}-wal", db.display())).exists(),
        "closed cleanly"
    );
    remove_index(db);
    index_rows(&Store::open(db).unwrap())
}

#[test]
fn rows_written_while_ingesting_equal_rows_rebuilt_from_the_casebook() {
    // New incidents' rows are computed while their documents are prepared; follow-ups, edits
    // and labels change incidents whose rows were computed ahead and not yet written.
    let docs = corpus(300, 11);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bulk.db");
    let mut now = Store::open_in_memory().unwrap();
    let mut bulk = Store::open(&db).unwrap();
    bulk.set_deferred_indexing(true).unwrap();
    let writer = bulk
        .index_writer()
        .unwrap()
        .expect("a file store")
        .spawn(40);
    let mut followups = 0;
    for (i, p) in docs.iter().enumerate() {
        now.ingest_prepared(p, &Source::none(), "t").unwrap();
        if let IngestOutcome::Added(a) = bulk.ingest_prepared(p, &Source::none(), "t").unwrap() {
            followups += a.incidents.iter().filter(|c| c.link != Link::New).count();
        }
        if i % 50 == 49 {
            bulk.trim_index_queue().unwrap();
        }
        if i == 200 || i == 250 {
            let first: IncidentRef = now.search(&Query::default()).unwrap().hits[0]
                .number
                .parse()
                .unwrap();
            for s in [&mut now, &mut bulk] {
                s.add_label(first, "要確認", "t").unwrap();
                s.set_override(first, Field::Affected, 4321.into(), None, "t")
                    .unwrap();
            }
        }
    }
    assert!(followups > 0, "the corpus links follow-ups");
    assert!(writer.finish().unwrap() > 0, "the thread wrote the index");
    bulk.set_deferred_indexing(false).unwrap();
    let (a, b) = (index_rows(&now), index_rows(&bulk));
    drop(bulk);
    let c = rebuilt_rows(&db);
    assert!(a.len() > 300, "{}", a.len());
    assert_eq!(a.len(), b.len());
    assert_eq!(b.len(), c.len());
    for ((x, y), z) in a.iter().zip(&b).zip(&c) {
        assert!(
            x == y && y == z,
            "rows of {} differ: {x:?} {y:?} {z:?}",
            x.0
        );
    }
}

#[test]
fn a_missing_stale_or_foreign_index_is_rebuilt() {
    let docs = corpus(120, 5);
    let dir = tempfile::tempdir().unwrap();
    let (a_db, b_db) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let old = dir.path().join("old.db");
    for db in [&a_db, &b_db] {
        let mut s = Store::open(db).unwrap();
        for p in &docs[..60] {
            s.ingest_prepared(p, &Source::none(), "t").unwrap();
        }
    }
    copy_index(&a_db, &old); // a's index after 60 documents
    let full = {
        let mut s = Store::open(&a_db).unwrap();
        for p in &docs[60..] {
            s.ingest_prepared(p, &Source::none(), "t").unwrap();
        }
        index_digest(&s)
    };
    let b_rows = index_digest(&Store::open(&b_db).unwrap());
    assert!(full.0 > b_rows.0);
    let probe = |db: &Path| {
        let s = Store::open(db).unwrap();
        s.check_integrity().unwrap();
        (
            index_digest(&s),
            s.search(&Query::text("個人情報")).unwrap().total,
        )
    };
    let (_, total) = probe(&a_db);
    assert!(total > 0);
    // Missing.
    remove_index(&a_db);
    assert_eq!(probe(&a_db), (full, total));
    // Stale: a copy from before queue rows it lacks were trimmed.
    copy_index(&old, &a_db);
    assert_eq!(probe(&a_db), (full, total));
    // Foreign: another store's index, although of the same documents.
    copy_index(&b_db, &a_db);
    assert_eq!(probe(&a_db), (full, total));
    // Ahead of the casebook: the casebook is a copy from before the index's last changes.
    let c_db = dir.path().join("c.db");
    std::fs::copy(&b_db, &c_db).unwrap(); // b: 60 documents, b's identity
    copy_index(&b_db, &c_db);
    let mut s = Store::open(&c_db).unwrap();
    for p in &docs[60..90] {
        s.ingest_prepared(p, &Source::none(), "t").unwrap();
    }
    let c_rows = index_digest(&s);
    drop(s);
    std::fs::copy(&b_db, &c_db).unwrap(); // the casebook back at 60 documents
    assert_eq!(probe(&c_db).0, b_rows);
    assert_ne!(b_rows, c_rows);
}

#[test]
fn a_change_made_while_the_index_is_locked_elsewhere_is_written_later() {
    // Another process writing the index (a bulk ingest's thread) holds its write lock: a change
    // is committed without waiting for it, stays queued, and is written by the next flush.
    let docs = corpus(8, 3);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let mut s = Store::open(&db).unwrap();
    for p in &docs[..7] {
        s.ingest_prepared(p, &Source::none(), "t").unwrap();
    }
    let indexed = index_digest(&s).0;
    let other = rusqlite::Connection::open(index_path(&db)).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let t = std::time::Instant::now();
    let out = s.ingest_prepared(&docs[7], &Source::none(), "t").unwrap();
    assert!(t.elapsed().as_secs_f64() < 4.0, "{:?}", t.elapsed());
    let n = common::added(&out).incidents.len();
    assert!(n > 0);
    assert_eq!(s.counts().unwrap().documents, 8);
    assert_eq!(index_digest(&s).0, indexed, "not written yet");
    // A store opened meanwhile does not wait for the lock either.
    let t = std::time::Instant::now();
    drop(Store::open(&db).unwrap());
    assert!(t.elapsed().as_secs_f64() < 4.0, "{:?}", t.elapsed());
    other.execute_batch("ROLLBACK").unwrap();
    s.flush_index().unwrap();
    assert_eq!(index_digest(&s).0, indexed + n);
}
