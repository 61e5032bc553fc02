//! Publishing an own case's public notice (公表): the notice's text becomes an ordinary casebook
//! record (listed, searched, counted, exported, linked as 続報), the rest of the case stays
//! private, and a failure leaves casebook and case as they were.

mod common;

use common::*;
use jikenbo_model::{Cause, DataKind, Leak};
use jikenbo_respond::{
    public_notice, Case, CaseDetails, EventKind, Facts, Measure, MeasureCategory, MeasureStatus,
    NoticeEdition, OrgKind,
};
use jikenbo_store::{Filter, GroupBy, IncidentRef, Link, NewCase, Query, Store, StoreError};

/// Words of the case that its public notice does not say.
const PRIVATE: [&str; 3] = ["キツツキ計画", "内密の検査結果", "case_"];

fn d(s: &str) -> jikenbo_respond::Date {
    s.parse().unwrap()
}

fn new_case() -> NewCase {
    let mut n = NewCase::new(
        "会員向けメールの誤送信",
        "株式会社かささぎ電機",
        Facts {
            org_kind: Some(OrgKind::Business),
            persons: Some(350),
            data: Some(vec![DataKind::Name, DataKind::Email]),
            cause: Some(Cause::Misdelivery),
            leak: Some(Leak::Confirmed),
            aware: Some(d("2026-11-30")),
            notes: vec!["内密の検査結果による".into()],
            ..Facts::default()
        },
    );
    n.details = CaseDetails {
        summary: Some(
            "会員向けのお知らせメールを送信する際、宛先をBCCとすべきところTOに入力した。".into(),
        ),
        discovered_by: Some("キツツキ計画の監査担当".into()),
        contact: Some("お客様窓口 0120-000-000".into()),
        privacy_mark: Some(false),
        ..CaseDetails::default()
    };
    n
}

fn notice(case: &Case, edition: NoticeEdition, today: &str) -> String {
    public_notice(case, edition, None, d(today)).to_public_markdown()
}

fn follow_up(case: &Case, since: &Case, edition: NoticeEdition, today: &str) -> String {
    public_notice(case, edition, Some(since), d(today)).to_public_markdown()
}

/// The casebook as its users see it: the list with facets, statistics, and the exports.
fn casebook(store: &Store) -> String {
    let all = store
        .search(&Query {
            limit: 10_000,
            facets: true,
            ..Query::default()
        })
        .unwrap();
    let mut out = serde_json::to_string(&all).unwrap();
    for by in [GroupBy::Cause, GroupBy::Year, GroupBy::Data, GroupBy::Size] {
        out += &serde_json::to_string(&store.stats(by, &Filter::default(), None).unwrap()).unwrap();
    }
    out += &String::from_utf8(export(store)).unwrap();
    let mut csv = Vec::new();
    store.export_csv(&mut csv, &Filter::default()).unwrap();
    out += &String::from_utf8(csv).unwrap();
    let mut veris = Vec::new();
    store.export_veris(&mut veris, &Filter::default()).unwrap();
    out += &String::from_utf8(veris).unwrap();
    out += &serde_json::to_string(&store.audit_log(None, 100_000).unwrap()).unwrap();
    out
}

fn found(store: &Store, text: &str) -> Vec<String> {
    store
        .search(&Query::text(text))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.number)
        .collect()
}

#[test]
fn only_the_published_notice_becomes_public() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("pub.db")).unwrap();
    ingest_dir(&mut store, &examples_dir());
    let before = store.counts().unwrap();
    let c = store.create_case(&new_case(), "佐藤").unwrap();
    store
        .add_case_measure(
            c.id,
            &Measure::new(
                "一斉送信はBCCを既定とする配信システムに切り替える",
                MeasureCategory::Technical,
                MeasureStatus::InProgress,
            ),
            "佐藤",
        )
        .unwrap();

    // Before: the case is nowhere in the casebook.
    let view = casebook(&store);
    assert!(
        !view.contains("かささぎ"),
        "the case leaked before publishing"
    );
    assert!(found(&store, "かささぎ電機").is_empty());
    assert_eq!(store.counts().unwrap(), before);
    assert!(store.case_publications(c.id).unwrap().is_empty());

    // 第1報.
    let text = notice(
        &store.case(c.id).unwrap(),
        NoticeEdition::First,
        "2026-12-02",
    );
    assert!(
        !text.contains("出典") && !text.contains("作成メモ"),
        "{text}"
    );
    let p = store
        .publish_case_notice(
            c.id,
            &text,
            "かささぎ電機_お詫びとお知らせ_第1報.md",
            "佐藤",
            "2026-12-02T15:00".parse().unwrap(),
        )
        .unwrap();
    assert_eq!(p.how, "ingested");
    assert_eq!(p.incidents.len(), 1, "{p:?}");
    let first = &p.incidents[0];
    assert_eq!(first.link, "new");
    assert!(first.number.starts_with("2026-"), "{first:?}");
    assert_eq!(first.live_number, first.number);
    assert_eq!(p.numbers(), format!("#{}", first.number));

    // After: an ordinary record, searched, listed, counted and exported, holding the notice only.
    let after = store.counts().unwrap();
    assert_eq!(after.documents, before.documents + 1);
    assert_eq!(after.incidents, before.incidents + 1);
    assert_eq!(found(&store, "かささぎ電機"), vec![first.number.clone()]);
    assert_eq!(found(&store, "BCCを既定とする"), vec![first.number.clone()]);
    let view = casebook(&store);
    assert!(view.contains("かささぎ電機"));
    for s in PRIVATE {
        assert!(!view.contains(s), "{s} became public");
        assert!(found(&store, s).is_empty(), "{s} found");
    }
    let doc = store.document(p.document_id).unwrap();
    assert_eq!(doc.text, text, "the document is the notice as given");
    assert_eq!(doc.incidents, vec![first.number.clone()]);
    let inc = store.incident(IncidentRef::Id(first.incident_id)).unwrap();
    assert_eq!(
        inc.record.organization.as_deref(),
        Some("株式会社かささぎ電機")
    );
    assert_eq!(inc.record.affected, Some(350));
    let stats = store
        .stats(GroupBy::Year, &Filter::default(), Some("かささぎ"))
        .unwrap();
    assert_eq!(stats.total.incidents, 1);
    assert_eq!(stats.total.persons, 350);
    // The casebook's audit view has the ingest, as for any document; the case's own has the rest.
    let audit = store.audit_log(None, 10).unwrap();
    assert_eq!(audit[0].action, "ingest");
    assert_eq!(audit[0].who, "佐藤");
    let case_audit = store.case_audit_log(c.id, 10).unwrap();
    assert_eq!(case_audit[0].action, "case_publish");
    assert_eq!(case_audit[1].action, "case_event_add");
    // The case: a 公表 event naming the casebook number; the publication listed.
    let case = store.case(c.id).unwrap();
    let ev = case.events_of(EventKind::Publication);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].at.to_string(), "2026-12-02T15:00");
    assert!(ev[0].note.contains(&first.number), "{}", ev[0].note);
    assert_eq!(ev[0].id, p.event_id);
    assert_eq!(store.case_publications(c.id).unwrap(), vec![p.clone()]);

    // The same text again: refused, nothing written.
    let generation = store.generation().unwrap();
    let err = store
        .publish_case_notice(
            c.id,
            &text,
            "again.md",
            "佐藤",
            "2026-12-03".parse().unwrap(),
        )
        .unwrap_err();
    assert!(err.to_string().contains("公表済み"), "{err}");
    assert_eq!(store.generation().unwrap(), generation);

    // 第2報 after the count grew (and an internal fact changed): a follow-up of the same
    // incident, not a new one; its 変更点 lists the count, not the internal fact.
    let at_first = store.case(c.id).unwrap();
    store
        .set_case_fact(
            c.id,
            "persons",
            serde_json::json!(1_200),
            "佐藤",
            d("2026-12-09"),
        )
        .unwrap();
    store
        .set_case_fact(
            c.id,
            "discovered_by",
            serde_json::json!("キツツキ計画の別の担当"),
            "佐藤",
            d("2026-12-09"),
        )
        .unwrap();
    let text2 = follow_up(
        &store.case(c.id).unwrap(),
        &at_first,
        NoticeEdition::Followup(2),
        "2026-12-10",
    );
    assert!(text2.contains("(第2報)"));
    assert!(text2.contains("本人の数: 350人 → 1,200人"), "{text2}");
    assert!(!text2.contains("キツツキ"), "{text2}");
    let p2 = store
        .publish_case_notice(
            c.id,
            &text2,
            "かささぎ電機_お詫びとお知らせ_第2報.md",
            "佐藤",
            "2026-12-10T10:00".parse().unwrap(),
        )
        .unwrap();
    assert_eq!(p2.incidents.len(), 1);
    assert_eq!(p2.incidents[0].incident_id, first.incident_id);
    assert_eq!(p2.incidents[0].link, "followup");
    assert_eq!(p2.incidents[0].report_kind.as_deref(), Some("followup"));
    assert_eq!(p2.incidents[0].report_no, Some(2));
    assert_eq!(store.counts().unwrap().incidents, before.incidents + 1);
    let inc = store.incident(IncidentRef::Id(first.incident_id)).unwrap();
    assert_eq!(inc.documents.len(), 2);
    assert_eq!(
        inc.record.affected,
        Some(1_200),
        "the 第2報's count is current"
    );
    assert_eq!(found(&store, "かささぎ電機"), vec![first.number.clone()]);
    let pubs = store.case_publications(c.id).unwrap();
    assert_eq!(pubs.len(), 2);
    let view = casebook(&store);
    for s in PRIVATE {
        assert!(!view.contains(s), "{s} became public with the 第2報");
    }
    assert_eq!(
        store
            .case(c.id)
            .unwrap()
            .events_of(EventKind::Publication)
            .len(),
        2
    );

    // Reopened: the search index and the links are there.
    drop(store);
    let store = Store::open(dir.path().join("pub.db")).unwrap();
    assert_eq!(store.schema_version().unwrap(), 8);
    assert_eq!(found(&store, "かささぎ電機"), vec![first.number.clone()]);
    assert_eq!(store.case_publications(c.id).unwrap(), pubs);
    store.check_integrity().unwrap();
}

/// The store's own linking rules already make a 第2報 of these drafts a follow-up (same
/// organization, cause and dates); publishing also links it through the case.
#[test]
fn the_drafts_second_report_links_as_a_follow_up_by_the_rules_too() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.create_case(&new_case(), "佐藤").unwrap();
    let case = store.case(c.id).unwrap();
    let one = ingest_text(
        &mut store,
        "n1.md",
        &notice(&case, NoticeEdition::First, "2026-12-02"),
    );
    let two = ingest_text(
        &mut store,
        "n2.md",
        &notice(&case, NoticeEdition::Followup(2), "2026-12-10"),
    );
    let fin = ingest_text(
        &mut store,
        "n3.md",
        &notice(&case, NoticeEdition::Final, "2027-01-20"),
    );
    let first = &added(&one).incidents[0];
    assert_eq!(first.link, Link::New);
    for o in [&two, &fin] {
        let ch = &added(o).incidents[0];
        assert_eq!(ch.id, first.id, "{ch:?}");
        assert_eq!(ch.link, Link::FollowUp);
    }
}

/// A 第2報 whose cause changed since the 第1報 (the rules would not link it: the causes
/// conflict) still follows the case's incident.
#[test]
fn a_follow_up_follows_the_cases_incident_even_when_the_facts_changed() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.create_case(&new_case(), "佐藤").unwrap();
    let text = notice(
        &store.case(c.id).unwrap(),
        NoticeEdition::First,
        "2026-12-02",
    );
    let p = store
        .publish_case_notice(c.id, &text, "n1.md", "佐藤", "2026-12-02".parse().unwrap())
        .unwrap();
    store
        .set_case_fact(
            c.id,
            "cause",
            serde_json::json!("unauthorized_access"),
            "佐藤",
            d("2026-12-09"),
        )
        .unwrap();
    let text2 = notice(
        &store.case(c.id).unwrap(),
        NoticeEdition::Followup(2),
        "2026-12-10",
    );
    let p2 = store
        .publish_case_notice(c.id, &text2, "n2.md", "佐藤", "2026-12-10".parse().unwrap())
        .unwrap();
    assert_eq!(p2.incidents[0].incident_id, p.incidents[0].incident_id);
    assert_eq!(p2.incidents[0].link, "followup");
    assert_eq!(store.counts().unwrap().incidents, 1);
}

#[test]
fn a_failed_publication_leaves_casebook_and_case_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("fail.db")).unwrap();
    ingest_dir(&mut store, &examples_dir());
    let c = store.create_case(&new_case(), "佐藤").unwrap();
    let text = notice(
        &store.case(c.id).unwrap(),
        NoticeEdition::First,
        "2026-12-02",
    );
    let snapshot = |s: &Store| {
        (
            casebook(s),
            s.counts().unwrap(),
            s.generation().unwrap(),
            serde_json::to_string(&s.case(c.id).unwrap()).unwrap(),
            s.case_audit_log(c.id, 1000).unwrap().len(),
            s.case_publications(c.id).unwrap(),
        )
    };
    let queue = |s: &Store| -> i64 {
        s.connection()
            .query_row("SELECT count(*) FROM fts_queue", [], |r| r.get(0))
            .unwrap()
    };
    let queued = queue(&store);
    let before = snapshot(&store);

    // A failure at the last step (the link rows), after the document, its incident, the index
    // queue, the audit rows and the 公表 event were written in the transaction.
    store
        .connection()
        .execute_batch(
            "CREATE TEMP TRIGGER fail_publish BEFORE INSERT ON main.case_publication_incidents
             BEGIN SELECT RAISE(ABORT, 'forced failure'); END;",
        )
        .unwrap();
    let err = store
        .publish_case_notice(c.id, &text, "n1.md", "佐藤", "2026-12-02".parse().unwrap())
        .unwrap_err();
    assert!(err.to_string().contains("forced failure"), "{err}");
    assert!(
        before == snapshot(&store),
        "a failed publication changed the store"
    );
    assert!(found(&store, "かささぎ電機").is_empty());
    assert_eq!(queue(&store), queued);

    // A notice in which no incident can be read: refused, nothing written.
    let err = store
        .publish_case_notice(
            c.id,
            "本日は晴天なり。",
            "x.md",
            "佐藤",
            "2026-12-02".parse().unwrap(),
        )
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref m) if m.contains("読み取れません")),
        "{err}"
    );
    assert!(before == snapshot(&store));
    // An unknown case, an empty text: refused.
    assert!(matches!(
        store.publish_case_notice(99, &text, "n1.md", "佐藤", "2026-12-02".parse().unwrap()),
        Err(StoreError::NoCase(99))
    ));
    assert!(store
        .publish_case_notice(c.id, " ", "n1.md", "佐藤", "2026-12-02".parse().unwrap())
        .is_err());
    assert!(before == snapshot(&store));

    // Without the fault it goes through, with the first free number (none was used up).
    store
        .connection()
        .execute_batch("DROP TRIGGER temp.fail_publish")
        .unwrap();
    let p = store
        .publish_case_notice(c.id, &text, "n1.md", "佐藤", "2026-12-02".parse().unwrap())
        .unwrap();
    let expected: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM incidents WHERE year = 2026",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(p.incidents[0].number, format!("2026-{expected:03}"));
    assert_eq!(
        found(&store, "かささぎ電機"),
        vec![p.incidents[0].number.clone()]
    );
}

/// A notice already in the casebook (ingested from the organization's web site before the
/// officer published it here) is not stored twice: the case is linked to it.
#[test]
fn a_notice_already_in_the_casebook_is_linked_not_stored_twice() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.create_case(&new_case(), "佐藤").unwrap();
    let text = notice(
        &store.case(c.id).unwrap(),
        NoticeEdition::First,
        "2026-12-02",
    );
    let o = ingest_text(&mut store, "from-the-web.html.txt", &text);
    let number = added(&o).incidents[0].number.clone();
    let p = store
        .publish_case_notice(c.id, &text, "n1.md", "佐藤", "2026-12-02".parse().unwrap())
        .unwrap();
    assert_eq!(p.how, "existing");
    assert_eq!(p.incidents[0].number, number);
    assert_eq!(p.incidents[0].link, "existing");
    assert_eq!(store.counts().unwrap().documents, 1);
}
