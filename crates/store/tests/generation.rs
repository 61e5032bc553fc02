//! `Store::generation`: changes with every change of stored data (from this connection or
//! another on the same file), stays the same across reads.

mod common;

use common::*;
use jikenbo_store::Field;
use jikenbo_store::{Filter, GroupBy, IncidentRef, Query, Store};

const NOTICE: &str = "2025年4月10日
株式会社かもめ物産

通販サイトへの不正アクセスと会員の個人情報の流出可能性について

当社の通販サイトが外から不正アクセスを受けていたことを、社内の調査で確認しました。
お客様 約3,000名分の氏名、住所、電話番号が漏えいしたおそれがあります。
";

const OTHER: &str = "2025年5月1日
みどり市

メール誤送信による個人情報の漏えいについて

令和7年4月28日、職員が市民120名にメールを送信する際、宛先をBCCとすべきところTOに設定したため、メールアドレスが他の受信者に表示されました。
";

/// Every kind of read the store offers.
fn read_everything(s: &Store, r: IncidentRef) {
    let mut q = Query::text("不正アクセス");
    q.facets = true;
    s.search(&q).unwrap();
    s.search(&Query::default()).unwrap();
    s.stats(GroupBy::Cause, &Filter::default(), None).unwrap();
    s.incident(r).unwrap();
    s.counts().unwrap();
    s.export_json(Vec::new()).unwrap();
    s.check_integrity().unwrap();
}

#[test]
fn changes_with_every_write_and_never_with_a_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let mut s = Store::open(&db).unwrap();
    let g0 = s.generation().unwrap();
    assert_eq!(s.generation().unwrap(), g0);

    let a = added(&ingest_text(&mut s, "a.txt", NOTICE)).clone();
    let r: IncidentRef = a.incidents[0].number.parse().unwrap();
    let g1 = s.generation().unwrap();
    assert_ne!(g1, g0, "ingest");

    read_everything(&s, r);
    assert_eq!(s.generation().unwrap(), g1, "reads");

    // The same content again is skipped: nothing written, nothing changed.
    ingest_text(&mut s, "a-again.txt", NOTICE);
    assert_eq!(s.generation().unwrap(), g1, "skipped ingest");

    s.set_override(r, Field::Affected, 3100.into(), Some("公表資料"), "t")
        .unwrap();
    let g2 = s.generation().unwrap();
    assert_ne!(g2, g1, "edit");
    s.add_label(r, "要確認", "t").unwrap();
    let g3 = s.generation().unwrap();
    assert_ne!(g3, g2, "label added");
    s.remove_label(r, "要確認", "t").unwrap();
    let g4 = s.generation().unwrap();
    assert_ne!(g4, g3, "label removed");
    // A write refused before anything is stored changes nothing.
    assert!(s.add_label(r, "  ", "t").is_err());
    assert_eq!(s.generation().unwrap(), g4, "refused write");
    read_everything(&s, r);
    assert_eq!(s.generation().unwrap(), g4, "reads");

    // Another connection on the same file (another process, as far as SQLite is concerned):
    // its commit is seen here at once, and both see the same generation.
    let mut other = Store::open(&db).unwrap();
    assert_eq!(other.generation().unwrap(), g4);
    added(&ingest_text(&mut other, "b.txt", OTHER));
    let g5 = s.generation().unwrap();
    assert_ne!(g5, g4, "ingest by another connection");
    assert_eq!(other.generation().unwrap(), g5);
    drop(other);
    // Opening the store again changes nothing.
    let again = Store::open(&db).unwrap();
    assert_eq!(again.generation().unwrap(), g5);
    assert_eq!(s.generation().unwrap(), g5);
}

#[test]
fn the_search_index_catching_up_is_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let mut s = Store::open(&db).unwrap();
    s.set_deferred_indexing(true).unwrap();
    let g0 = s.generation().unwrap();
    added(&ingest_text(&mut s, "a.txt", NOTICE));
    let g1 = s.generation().unwrap();
    assert_ne!(g1, g0, "committed, not yet indexed");
    assert_eq!(s.search(&Query::text("かもめ物産")).unwrap().total, 0);
    // The index writes the change: searches answer differently, so the generation moves.
    s.flush_index().unwrap();
    assert_eq!(s.search(&Query::text("かもめ物産")).unwrap().total, 1);
    let g2 = s.generation().unwrap();
    assert_ne!(g2, g1, "indexed");
    // Trimming the queue changes nothing anyone reads.
    s.trim_index_queue().unwrap();
    assert_eq!(s.generation().unwrap(), g2, "queue trimmed");
}

#[test]
fn in_memory_too() {
    let mut s = Store::open_in_memory().unwrap();
    let g0 = s.generation().unwrap();
    let a = added(&ingest_text(&mut s, "a.txt", NOTICE)).clone();
    let g1 = s.generation().unwrap();
    assert_ne!(g1, g0);
    read_everything(&s, a.incidents[0].number.parse().unwrap());
    assert_eq!(s.generation().unwrap(), g1);
    assert!(!g1.to_string().is_empty());
}
