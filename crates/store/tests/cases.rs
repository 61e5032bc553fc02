//! Own cases (自組織の事案): stored, changed and audited, and never seen by the casebook —
//! not in its list, search, facets, statistics, audit view or exports — next to the fictional
//! example notices.

mod common;

use common::*;
use jikenbo_model::{Cause, DataKind};
use jikenbo_respond::{
    deadlines, CaseDetails, CaseStatus, DeadlineKind, DeadlineStatus, Event, EventKind, Facts,
    Measure, MeasureCategory, MeasureStatus, OrgKind,
};
use jikenbo_store::{Filter, GroupBy, NewCase, Query, Store, StoreError};
use serde_json::json;

/// Words of the private cases that appear nowhere in the example notices.
const SECRET: [&str; 4] = ["ひみつ電機", "キツツキ計画", "内密の検査結果", "case_"];

fn d(s: &str) -> jikenbo_respond::Date {
    s.parse().unwrap()
}

/// What the casebook lists, as text: the full list with facets and stats by every grouping.
fn casebook_view(store: &Store) -> String {
    let all = store
        .search(&Query {
            limit: 10_000,
            facets: true,
            ..Query::default()
        })
        .unwrap();
    let mut out = serde_json::to_string(&all).unwrap();
    for by in [
        GroupBy::Cause,
        GroupBy::Actor,
        GroupBy::Year,
        GroupBy::Month,
        GroupBy::Sector,
        GroupBy::Data,
        GroupBy::Label,
        GroupBy::Size,
    ] {
        out += &serde_json::to_string(&store.stats(by, &Filter::default(), None).unwrap()).unwrap();
    }
    out
}

fn exports(store: &Store) -> [String; 4] {
    let json = String::from_utf8(export(store)).unwrap();
    let mut csv = Vec::new();
    store.export_csv(&mut csv, &Filter::default()).unwrap();
    let mut veris = Vec::new();
    store.export_veris(&mut veris, &Filter::default()).unwrap();
    let audit = serde_json::to_string(&store.audit_log(None, 100_000).unwrap()).unwrap();
    [
        json,
        String::from_utf8(csv).unwrap(),
        String::from_utf8(veris).unwrap(),
        audit,
    ]
}

fn new_case(title: &str) -> NewCase {
    let mut n = NewCase::new(
        title,
        "株式会社ひみつ電機",
        Facts {
            org_kind: Some(OrgKind::Business),
            persons: Some(350),
            data: Some(vec![DataKind::Name, DataKind::Email]),
            cause: Some(Cause::Misdelivery),
            aware: Some(d("2026-11-30")),
            ..Facts::default()
        },
    );
    n.details = CaseDetails {
        summary: Some("内密の検査結果を添付したメールを、宛先をTOにして一斉送信した。".into()),
        privacy_mark: Some(false),
        ..CaseDetails::default()
    };
    n
}

#[test]
fn private_cases_never_reach_the_casebook() {
    let mut store = Store::open_in_memory().unwrap();
    ingest_dir(&mut store, &examples_dir());
    let before_view = casebook_view(&store);
    let before_exports = exports(&store);
    let before_counts = store.counts().unwrap();
    for e in &before_exports {
        for s in SECRET {
            assert!(!e.contains(s), "{s} already in the casebook");
        }
    }

    let a = store
        .create_case(&new_case("キツツキ計画のメール誤送信"), "佐藤")
        .unwrap();
    let b = store
        .create_case(&new_case("ひみつ電機の別件"), "鈴木")
        .unwrap();
    store
        .set_case_fact(a.id, "persons", json!(1_200), "佐藤", d("2026-12-01"))
        .unwrap();
    let ev = store
        .add_case_event(
            a.id,
            &Event::new(
                "2026-12-02T10:00".parse().unwrap(),
                EventKind::PpcSokuho,
                "キツツキ計画: 速報",
                "",
            ),
            "佐藤",
        )
        .unwrap();
    store
        .add_case_event(
            b.id,
            &Event::new(
                "2026-11-30".parse().unwrap(),
                EventKind::Discovered,
                "",
                "鈴木",
            ),
            "鈴木",
        )
        .unwrap();
    let m = store
        .add_case_measure(
            a.id,
            &Measure::new(
                "キツツキ計画の送信手順の見直し",
                MeasureCategory::Organizational,
                MeasureStatus::Planned,
            ),
            "佐藤",
        )
        .unwrap();
    store
        .update_case_measure(
            a.id,
            m,
            &Measure::new(
                "キツツキ計画の送信手順の見直し",
                MeasureCategory::Organizational,
                MeasureStatus::Done,
            ),
            "佐藤",
        )
        .unwrap();
    store
        .set_case_status(a.id, CaseStatus::Reported, "佐藤")
        .unwrap();
    store.remove_case_event(a.id, ev, "佐藤").unwrap();
    assert_eq!(store.cases().unwrap().len(), 2);

    // The casebook is as it was: list, facets, statistics, counts, audit view and exports.
    assert!(
        casebook_view(&store) == before_view,
        "the list, facets or statistics changed"
    );
    assert_eq!(store.counts().unwrap(), before_counts);
    let after_exports = exports(&store);
    for (i, e) in after_exports.iter().enumerate() {
        for s in SECRET {
            assert!(!e.contains(s), "{s} in export {i}");
        }
    }
    assert!(after_exports[0] == before_exports[0], "JSON export changed");
    assert!(after_exports[1] == before_exports[1], "CSV changed");
    assert!(after_exports[2] == before_exports[2], "VERIS changed");
    assert!(after_exports[3] == before_exports[3], "audit view changed");
    // Search by any of their words finds nothing.
    for s in ["ひみつ電機", "キツツキ", "内密の検査結果", "ひみつ"] {
        let r = store.search(&Query::text(s)).unwrap();
        assert_eq!(r.total, 0, "{s} found");
    }
    // A JSON export restores a casebook without them.
    let mut fresh = Store::open_in_memory().unwrap();
    fresh.import_json(&export(&store)[..], "tester").unwrap();
    assert_eq!(fresh.cases().unwrap().len(), 0);
    assert!(
        casebook_view(&fresh) == casebook_view(&store),
        "the import differs"
    );
    // And a store holding cases refuses an import (its audit rows would collide).
    let mut with_cases = Store::open_in_memory().unwrap();
    with_cases.create_case(&new_case("x"), "t").unwrap();
    let err = with_cases
        .import_json(&export(&store)[..], "tester")
        .unwrap_err();
    assert!(matches!(err, StoreError::Import(m) if m.contains("own case")));
}

#[test]
fn cases_keep_their_history_and_audit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.db");
    let id;
    {
        let mut store = Store::open(&path).unwrap();
        let c = store
            .create_case(&new_case("宛先の設定誤り"), "佐藤")
            .unwrap();
        id = c.id;
        assert_eq!(c.status, CaseStatus::Investigating);
        assert_eq!(c.provenance["persons"].who, "佐藤");
        let today = d("2026-12-01");
        let mut facts = c.facts.clone();
        facts.persons = Some(1_200);
        let up = store
            .update_case_facts(id, &facts, &c.details, "田中", today)
            .unwrap();
        assert_eq!(up.lines()[0], "本人の数: 350人 → 1,200人");
        assert!(
            up.deadlines.iter().any(
                |l| l.starts_with("新たに必要: 確報(個人情報保護委員会): 2027年1月4日(月)まで")
            ),
            "{up:?}"
        );
        // The same facts again: nothing changes, nothing is written.
        let audit_rows = store.case_audit_log(id, 100).unwrap().len();
        let same = store
            .update_case_facts(id, &facts, &c.details, "田中", today)
            .unwrap();
        assert!(same.facts.is_empty());
        assert_eq!(same.deadlines, ["期限に変更はありません"]);
        assert_eq!(store.case_audit_log(id, 100).unwrap().len(), audit_rows);
        store
            .add_case_event(
                id,
                &Event::new(
                    "2026-12-02T16:30".parse().unwrap(),
                    EventKind::PpcSokuho,
                    "報告フォームで速報",
                    "",
                ),
                "田中",
            )
            .unwrap();
        let mut m = Measure::new(
            "一斉送信は配信システムから行う",
            MeasureCategory::Technical,
            MeasureStatus::InProgress,
        );
        m.owner = Some("情報システム部".into());
        m.due = Some(d("2026-12-25"));
        store.add_case_measure(id, &m, "田中").unwrap();
        // Bad input is an error, not a panic.
        assert!(matches!(store.case(999), Err(StoreError::NoCase(999))));
        assert!(matches!(
            store.remove_case_event(id, 999, "x"),
            Err(StoreError::NoCaseItem { what: "event", .. })
        ));
        assert!(matches!(
            store.add_case_event(
                999,
                &Event::new(
                    "2026-12-02".parse().unwrap(),
                    EventKind::Publication,
                    "",
                    ""
                ),
                "x"
            ),
            Err(StoreError::NoCase(999))
        ));
        assert!(store
            .add_case_measure(
                id,
                &Measure::new(" ", MeasureCategory::Human, MeasureStatus::Planned),
                "x"
            )
            .is_err());
        assert!(store
            .set_case_fact(id, "persns", json!(1), "x", today)
            .is_err());
        assert!(store
            .set_case_fact(id, "aware", json!("2026-13-01"), "x", today)
            .is_err());
        assert!(store
            .create_case(&NewCase::new(" ", "o", Facts::default()), "x")
            .is_err());
    }
    // Reopened: everything is there.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 8);
    let c = store.case(id).unwrap();
    assert_eq!(c.facts.persons, Some(1_200));
    assert_eq!(c.provenance["persons"].who, "田中");
    assert_eq!(c.provenance["cause"].who, "佐藤");
    assert_eq!(c.events.len(), 1);
    assert_eq!(c.events[0].who, "田中");
    assert_eq!(c.measures[0].owner.as_deref(), Some("情報システム部"));
    let ds = deadlines(&c, d("2026-12-03"));
    let sokuho = ds.iter().find(|x| x.kind == DeadlineKind::Sokuho).unwrap();
    assert_eq!(sokuho.status, DeadlineStatus::Met);
    let history = store.case_fact_history(id).unwrap();
    let persons: Vec<(serde_json::Value, &str)> = history
        .iter()
        .filter(|h| h.fact == "persons")
        .map(|h| (h.value.clone(), h.who.as_str()))
        .collect();
    assert_eq!(persons, [(json!(350), "佐藤"), (json!(1200), "田中")]);
    let actions: Vec<String> = store
        .case_audit_log(id, 100)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(
        actions,
        [
            "case_measure_add",
            "case_event_add",
            "case_facts",
            "case_create"
        ]
    );
    let facts_row = &store.case_audit_log(id, 100).unwrap()[2];
    assert_eq!(facts_row.who, "田中");
    assert_eq!(facts_row.detail["case"], json!(id));
    assert_eq!(
        facts_row.detail["changes"][0],
        json!("本人の数: 350人 → 1,200人")
    );
    store.check_integrity().unwrap();
}
