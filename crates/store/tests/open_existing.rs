//! `Store::open_existing`: refuses a missing file without creating anything; opens an existing
//! store read-write, as `Store::open` does.

mod common;

use jikenbo_store::{index_path, IncidentRef, Store, StoreError};

const NOTICE: &str = "2031年4月1日\n株式会社サンプル\n\nサーバーへの不正アクセスと顧客情報の流出について\n\n当社サーバーが不正アクセスを受け、顧客 1,234名分の氏名、住所が流出しました。\n";

#[test]
fn a_missing_store_is_refused_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub").join("typo.db");
    let err = match Store::open_existing(&db) {
        Ok(_) => panic!("a missing store was opened"),
        Err(e) => e,
    };
    assert!(
        matches!(&err, StoreError::Missing(p) if p == &db),
        "wrong error: {err:?}"
    );
    assert!(err.to_string().contains("typo.db"), "{err}");
    assert!(!db.exists(), "the store file was created");
    assert!(!index_path(&db).exists(), "the search index was created");
    assert!(
        !dir.path().join("sub").exists(),
        "the store's directory was created"
    );
    // In an existing directory too: the directory stays empty.
    let db = dir.path().join("typo.db");
    assert!(matches!(
        Store::open_existing(&db),
        Err(StoreError::Missing(_))
    ));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_existing_store_opens_read_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("casebook.db");
    let number = {
        let mut s = Store::open(&db).unwrap();
        common::added(&common::ingest_text(&mut s, "a.txt", NOTICE)).incidents[0]
            .number
            .clone()
    };
    // The search index is derived: missing, it is rebuilt on open.
    std::fs::remove_file(index_path(&db)).unwrap();
    let mut s = Store::open_existing(&db).unwrap();
    assert_eq!(s.path(), Some(db.as_path()));
    assert_eq!(s.counts().unwrap().documents, 1);
    let r: IncidentRef = number.parse().unwrap();
    assert!(s.add_label(r, "要確認", "tester").unwrap());
    drop(s);
    let s = Store::open_existing(&db).unwrap();
    assert!(s
        .incident(r)
        .unwrap()
        .labels
        .iter()
        .any(|l| l.label == "要確認"));
    assert!(index_path(&db).exists());
}
