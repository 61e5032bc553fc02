//! Follow-ups, history, overrides across re-extraction, labels, merge/split, audit, statistics
//! and exports, on fictional notices written for these tests.

mod common;

use common::*;
use jikenbo_model::{Cause, Incident};
use jikenbo_store::{
    Change, Field, Filter, GroupBy, IncidentRef, IngestOutcome, LabelKind, Link, Prepared, Query,
    SizeBucket, SkipReason, Source, Store, StoreError, ValueSource,
};
use serde_json::Value;

const FIRST: &str = "2025年4月10日
株式会社かもめ物産

通販サイトへの不正アクセスと会員の個人情報の流出可能性について(第1報)

当社の通販サイトが外から不正アクセスを受けていたことを、社内の調査で確認しました。

1．経緯
2025年4月2日、当社サーバーに不審な通信があることを検知しました。調査の結果、3月28日に外部からの不正アクセスがあったことが判明しました。

2．流出した可能性のある項目
お客様 約3,000名分の氏名、住所、電話番号

3．今後の対応
調査を継続し、詳細が判明次第お知らせいたします。
";

const SECOND: &str = "2025年5月20日
株式会社かもめ物産

通販サイトの不正アクセス、調べた結果のご報告(第2報)

2025年4月10日にお伝えした当社通販サイトの不正アクセスについて、調べた結果をお知らせします。

1．経緯
2025年3月28日、外部の攻撃者がウェブアプリケーションの脆弱性を悪用して当社サーバーに不正アクセスしました。4月2日に不審な通信を検知し、発覚いたしました。

2．漏えいした情報
お客様 4,215名分のメールアドレス、住所、氏名、電話番号
クレジットカード情報 812件

3．再発防止策
脆弱性診断の定期実施、WAFの導入を行います。
";

const CITY: &str = "令和6年11月5日
つばき市

個人情報を含む書類の誤送付について

このたび、本市の職員が市民の皆様に送付した通知書に、別の方の通知書を封入する誤送付が発生しました。

1．概要
令和6年10月30日、本市が発送した固定資産税の通知書の封入作業で中身を照らし合わせる手順が抜けたため、12名の方の氏名、住所、税額が記載された書類が別の方に送付されました。11月1日、受け取った方からの連絡により判明しました。

2．再発防止策
封入作業のダブルチェックを徹底いたします。
";

const HOSPITAL: &str = "2024年8月1日
医療法人ほたる会 ほたる中央病院

ランサムウェア被害による患者様情報の漏えいのおそれについて

当院の電子カルテサーバーがランサムウェアに感染し、患者様の個人情報が外部に流出したおそれがあると、当院は判断しました。

1．経緯
2024年7月25日、院内のファイルサーバーで大量のファイルが暗号化されていることを職員が発見しました。調査の結果、7月20日にVPN機器の脆弱性を悪用した不正アクセスがあったことが確認されています。

2．流出した可能性のある項目
患者様 約2万人分の氏名、生年月日、住所、病名

3．再発防止策
VPN機器の更新と多要素認証の導入を実施いたします。
";

fn number_of(o: &IngestOutcome) -> IncidentRef {
    added(o).incidents[0].number.parse().unwrap()
}

fn field<'a>(v: &'a jikenbo_store::IncidentView, f: &str) -> &'a jikenbo_store::FieldView {
    v.fields.iter().find(|x| x.field.as_str() == f).unwrap()
}

#[test]
fn follow_up_links_and_keeps_history() {
    let mut s = Store::open_in_memory().unwrap();
    let a = ingest_text(&mut s, "first.txt", FIRST);
    let b = ingest_text(&mut s, "second.txt", SECOND);
    let a = added(&a);
    let b = added(&b);
    assert_eq!(a.incidents[0].link, Link::New);
    assert_eq!(a.incidents[0].number, "2025-001");
    assert_eq!(b.incidents[0].link, Link::FollowUp);
    assert_eq!(b.incidents[0].id, a.incidents[0].id);
    let v = s.incident("#2025-001".parse().unwrap()).unwrap();
    assert_eq!(v.documents.len(), 2);
    assert_eq!(v.record.affected, Some(5027), "the latest report's count");
    assert_eq!(
        v.record.published.unwrap().to_string(),
        "2025-04-10",
        "first disclosure"
    );
    let h = &field(&v, "affected").history;
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].value, Value::from(3000u64));
    assert_eq!(h[0].report_no, Some(1));
    assert_eq!(h[1].value, Value::from(5027u64));
    assert_eq!(h[1].report_kind, "followup");
    assert!(h[1].current && !h[0].current);
    match &field(&v, "affected").source {
        ValueSource::Report { document_id, .. } => assert_eq!(*document_id, b.document_id),
        other => panic!("{other:?}"),
    }
    // Evidence of the current value points into the second document.
    let e = &field(&v, "affected").evidence;
    assert!(!e.is_empty());
    let doc = s.document(b.document_id).unwrap();
    for x in e {
        assert_eq!(&doc.text[x.start..x.end], x.text);
    }
    assert_eq!(s.counts().unwrap().incidents, 1);
}

#[test]
fn first_report_after_its_follow_up_still_links() {
    let mut s = Store::open_in_memory().unwrap();
    let b = ingest_text(&mut s, "second.txt", SECOND);
    let a = ingest_text(&mut s, "first.txt", FIRST);
    assert_eq!(added(&a).incidents[0].link, Link::SameFacts);
    assert_eq!(added(&a).incidents[0].id, added(&b).incidents[0].id);
    let v = s.incident(number_of(&b)).unwrap();
    // Ordered by the reports' own dates, not by ingest: the 第2報 stays current.
    assert_eq!(v.record.affected, Some(5027));
    assert_eq!(v.record.published.unwrap().to_string(), "2025-04-10");
}

#[test]
fn unrelated_notices_are_separate_incidents_numbered_by_year() {
    let mut s = Store::open_in_memory().unwrap();
    let h = ingest_text(&mut s, "hospital.txt", HOSPITAL);
    let c = ingest_text(&mut s, "city.txt", CITY);
    let k = ingest_text(&mut s, "first.txt", FIRST);
    assert_eq!(added(&h).incidents[0].number, "2024-001");
    assert_eq!(added(&c).incidents[0].number, "2024-002");
    assert_eq!(added(&k).incidents[0].number, "2025-001");
    let v = s.incident("2024-001".parse().unwrap()).unwrap();
    assert_eq!(v.sector.as_deref(), Some("医療機関"));
    assert!(v.record.labels.contains(&"業種:医療機関".to_string()));
    assert!(v
        .record
        .labels
        .contains(&"インシデント:ランサムウェア".to_string()));
    let v = s.incident("2024-002".parse().unwrap()).unwrap();
    assert_eq!(v.sector.as_deref(), Some("自治体"));
}

#[test]
fn same_text_in_other_bytes_is_skipped() {
    let mut s = Store::open_in_memory().unwrap();
    ingest_text(&mut s, "city.txt", CITY);
    let crlf = CITY.replace('\n', "\r\n");
    match ingest_text(&mut s, "city-crlf.txt", &crlf) {
        IngestOutcome::Skipped(x) => assert_eq!(x.reason, SkipReason::SameText),
        other => panic!("{other:?}"),
    }
    match ingest_text(&mut s, "copy.txt", CITY) {
        IngestOutcome::Skipped(x) => assert_eq!(x.reason, SkipReason::SameBytes),
        other => panic!("{other:?}"),
    }
    assert_eq!(s.counts().unwrap().documents, 1);
    assert_eq!(s.counts().unwrap().audit, 1);
}

#[test]
fn a_failing_document_leaves_the_store_as_it_was() {
    let mut s = Store::open_in_memory().unwrap();
    ingest_text(&mut s, "city.txt", CITY);
    let before = export(&s);
    let mut p = Prepared::from_text("broken.txt", HOSPITAL).unwrap();
    // A second incident whose section lies outside the text: the store refuses the document
    // after having written the document row and the first incident.
    let mut bad: Incident = p.incidents[0].clone();
    bad.span = jikenbo_model::Span::new(0, HOSPITAL.len() + 10);
    p.incidents.push(bad);
    let err = s
        .ingest_prepared(&p, &Source::none(), "tester")
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert_eq!(before, export(&s));
    // The numbering did not skip: the next incident of 2024 is 2024-002.
    let h = ingest_text(&mut s, "hospital.txt", HOSPITAL);
    assert_eq!(added(&h).incidents[0].number, "2024-002");
}

#[test]
fn an_extractor_that_panics_on_one_document_costs_only_that_document() {
    let mut s = Store::open_in_memory().unwrap();
    let a = ingest_text(&mut s, "first.txt", FIRST);
    ingest_text(&mut s, "second.txt", SECOND);
    let r = number_of(&a);
    let before = s.incident(r).unwrap().record;
    let buggy = |d: &jikenbo_text::Document| -> Vec<Incident> {
        if d.name == "first.txt" {
            panic!("a rule bug");
        }
        jikenbo_extract::extract(d)
    };
    let sum = s
        .reextract_with("carol", "rules-v2", buggy, |_, _| {})
        .unwrap();
    assert_eq!(sum.failed.len(), 1, "{sum:?}");
    assert!(sum.failed[0].1.contains("first.txt") && sum.failed[0].1.contains("a rule bug"));
    assert_eq!(sum.documents, 2, "the other document was re-extracted");
    assert_eq!(
        before,
        s.incident(r).unwrap().record,
        "the incident is as it was"
    );
    assert_eq!(sum.values_changed, 0);
}

#[test]
fn overrides_survive_reextraction_and_values_keep_history() {
    let mut s = Store::open_in_memory().unwrap();
    let a = ingest_text(&mut s, "first.txt", FIRST);
    ingest_text(&mut s, "second.txt", SECOND);
    let r = number_of(&a);
    s.edit(
        r,
        &[
            Change::parse_set("affected=5,100").unwrap(),
            Change::parse_set("sector=医療機関").unwrap(),
        ],
        Some("確報で訂正"),
        "alice",
    )
    .unwrap();
    let v = s.incident(r).unwrap();
    assert_eq!(v.record.affected, Some(5100));
    assert!(matches!(
        &field(&v, "affected").source,
        ValueSource::Override { author, note, .. } if author == "alice" && note.as_deref() == Some("確報で訂正")
    ));
    assert!(v.record.labels.contains(&"業種:医療機関".to_string()));
    assert!(!v.record.labels.contains(&"業種:企業".to_string()));
    // Improved rules: the second notice now yields 6,000 persons and a discovery date.
    let improved = |d: &jikenbo_text::Document| -> Vec<Incident> {
        let mut incs = jikenbo_extract::extract(d);
        if d.name == "second.txt" {
            for i in incs.iter_mut() {
                i.affected = Some(6000);
                i.leak = None;
            }
        }
        incs
    };
    let sum = s
        .reextract_with("carol", "rules-v2", improved, |_, _| {})
        .unwrap();
    assert_eq!(sum.documents, 2);
    assert_eq!(sum.changed_documents, 1);
    assert_eq!(sum.values_changed, 2, "affected changed, leak vanished");
    let v = s.incident(r).unwrap();
    assert_eq!(v.number, "2025-001", "numbers never change");
    assert_eq!(v.record.affected, Some(5100), "the override survives");
    let h = &field(&v, "affected").history;
    assert_eq!(h.len(), 3, "{h:#?}");
    assert!(h
        .iter()
        .any(|x| x.value == 5027 && x.superseded_at.is_some()));
    assert!(h
        .iter()
        .any(|x| x.value == 6000 && x.superseded_at.is_none() && x.extractor == "rules-v2"));
    // Leak: the second report no longer says; the first report's value is current.
    assert_eq!(v.record.leak, Some(jikenbo_model::Leak::Possible));
    // Ending the override brings the re-extracted value.
    s.clear_override(r, Field::Affected, Some("元に戻す"), "alice")
        .unwrap();
    let v = s.incident(r).unwrap();
    assert_eq!(v.record.affected, Some(6000));
    assert_eq!(v.overrides.len(), 3);
    assert!(v
        .overrides
        .iter()
        .any(|o| o.action == "clear" && o.field == "affected"));
    // A re-extraction with the same rules changes nothing.
    let sum = s
        .reextract_with("carol", "rules-v2", improved, |_, _| {})
        .unwrap();
    assert_eq!(sum.changed_documents, 0);
    // Bad values are refused.
    assert!(Change::parse_set("affected=many").is_err());
    assert!(Change::parse_set("severity=high").is_err());
    assert!(s.edit(r, &[], None, "x").is_err());
}

#[test]
fn reextraction_that_loses_or_finds_incidents() {
    let mut s = Store::open_in_memory().unwrap();
    let c = ingest_text(&mut s, "city.txt", CITY);
    let r = number_of(&c);
    // Rules that no longer see an incident in the city notice.
    let sum = s
        .reextract_with(
            "carol",
            "v2",
            |d| {
                if d.name == "city.txt" {
                    vec![]
                } else {
                    jikenbo_extract::extract(d)
                }
            },
            |_, _| {},
        )
        .unwrap();
    assert_eq!(sum.reports_retired, 1);
    let v = s.incident(r).unwrap();
    assert!(!v.live, "withdrawn, but the number still resolves");
    assert_eq!(s.search(&Query::default()).unwrap().total, 0);
    // Rules that find it again (and a second one).
    let sum = s
        .reextract_with(
            "carol",
            "v3",
            |d| {
                let mut v = jikenbo_extract::extract(d);
                let mut extra = v[0].clone();
                extra.span = jikenbo_model::Span::new(0, 0);
                extra.organization = Some("つばき市教育委員会".into());
                extra.occurred = None;
                extra.discovered = None;
                v.push(extra);
                v
            },
            |_, _| {},
        )
        .unwrap();
    assert_eq!(sum.reports_revived, 1);
    assert_eq!(sum.reports_added, 1);
    assert!(s.incident(r).unwrap().live);
    assert_eq!(s.counts().unwrap().incidents, 2);
    s.check_integrity().unwrap();
}

#[test]
fn labels_user_and_derived() {
    let mut s = Store::open_in_memory().unwrap();
    let h = ingest_text(&mut s, "hospital.txt", HOSPITAL);
    let r = number_of(&h);
    assert!(s.add_label(r, "要確認", "bob").unwrap());
    assert!(!s.add_label(r, "要確認", "bob").unwrap(), "already there");
    assert!(
        !s.add_label(r, "業種:医療機関", "bob").unwrap(),
        "already derived"
    );
    let with = |s: &Store, l: &str| {
        s.search(&Query {
            filter: Filter {
                labels: vec![l.into()],
                ..Filter::default()
            },
            ..Query::default()
        })
        .unwrap()
        .total
    };
    assert_eq!(with(&s, "要確認"), 1);
    s.remove_label(r, "インシデント:ランサムウェア", "bob")
        .unwrap();
    assert_eq!(with(&s, "インシデント:ランサムウェア"), 0);
    let v = s.incident(r).unwrap();
    let l = v
        .labels
        .iter()
        .find(|l| l.label == "インシデント:ランサムウェア")
        .unwrap();
    assert_eq!(l.kind, LabelKind::Suppressed);
    assert!(!v
        .record
        .labels
        .contains(&"インシデント:ランサムウェア".to_string()));
    assert!(
        s.add_label(r, "インシデント:ランサムウェア", "bob")
            .unwrap(),
        "lifts the suppression"
    );
    assert_eq!(with(&s, "インシデント:ランサムウェア"), 1);
    s.remove_label(r, "要確認", "bob").unwrap();
    assert_eq!(with(&s, "要確認"), 0);
    assert!(s.remove_label(r, "存在しない", "bob").is_err());
    let log = s.audit_log(Some(r), 100).unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "label").count(), 4);
    assert!(log.iter().all(|e| e.who == "bob" || e.action == "ingest"));
}

#[test]
fn merge_and_split_keep_numbers() {
    let mut s = Store::open_in_memory().unwrap();
    let h = ingest_text(&mut s, "hospital.txt", HOSPITAL);
    let c = ingest_text(&mut s, "city.txt", CITY);
    let (rh, rc) = (number_of(&h), number_of(&c));
    s.add_label(rc, "要確認", "bob").unwrap();
    let n = s.merge(rh, &[rc], "alice").unwrap();
    assert_eq!(n, "2024-001");
    assert_eq!(s.counts().unwrap().incidents, 1);
    // The merged number resolves to the survivor, which lists it as an alias.
    let v = s.incident(rc).unwrap();
    assert_eq!(v.number, "2024-001");
    assert_eq!(v.aliases, vec!["2024-002".to_string()]);
    assert_eq!(v.documents.len(), 2);
    assert!(v.record.labels.contains(&"要確認".to_string()));
    assert!(s.merge(rh, &[rc], "alice").is_err(), "already merged");
    assert!(s.merge(rh, &[rh], "alice").is_err(), "into itself");
    // Split the city's document off: the merged incident comes back with its number.
    let city_doc = added(&c).document_id;
    let n = s.split(rh, city_doc, "alice").unwrap();
    assert_eq!(n, "2024-002");
    assert_eq!(s.counts().unwrap().incidents, 2);
    let v = s.incident(rc).unwrap();
    assert_eq!(v.number, "2024-002");
    assert!(v.live);
    assert_eq!(v.record.organization.as_deref(), Some("つばき市"));
    // Splitting the only document is refused; splitting a document of another incident too.
    assert!(s.split(rc, city_doc, "alice").is_err());
    assert!(s.split(rh, city_doc, "alice").is_err());
    // Split after a follow-up link: a new number.
    let a = ingest_text(&mut s, "first.txt", FIRST);
    let b = ingest_text(&mut s, "second.txt", SECOND);
    let n = s
        .split(number_of(&a), added(&b).document_id, "alice")
        .unwrap();
    assert_eq!(n, "2025-002");
    let actions: Vec<String> = s
        .audit_log(None, 100)
        .unwrap()
        .iter()
        .map(|e| e.action.clone())
        .collect();
    assert_eq!(actions.iter().filter(|a| *a == "merge").count(), 1);
    assert_eq!(actions.iter().filter(|a| *a == "split").count(), 2);
    s.check_integrity().unwrap();
}

#[test]
fn search_filters_and_short_queries() {
    let mut s = Store::open_in_memory().unwrap();
    for (n, t) in [
        ("h.txt", HOSPITAL),
        ("c.txt", CITY),
        ("a.txt", FIRST),
        ("b.txt", SECOND),
    ] {
        ingest_text(&mut s, n, t);
    }
    let total = |q: Query| s.search(&q).unwrap().total;
    assert_eq!(total(Query::default()), 3);
    assert_eq!(total(Query::text("ランサムウェア")), 1);
    assert_eq!(
        total(Query::text("ﾗﾝｻﾑｳｪｱ")),
        1,
        "half-width kana are normalized"
    );
    assert_eq!(total(Query::text("暗号化 VPN機器")), 1);
    assert_eq!(total(Query::text("暗号化 誤送付")), 0);
    assert_eq!(total(Query::text("税額")), 1, "2-character query");
    assert_eq!(total(Query::text("病")), 1, "1-character query");
    assert_eq!(total(Query::text("wafの")), 1, "ASCII is case-insensitive");
    let f = |filter: Filter| Query {
        filter,
        ..Query::default()
    };
    assert_eq!(
        total(f(Filter {
            year: Some(2024),
            ..Filter::default()
        })),
        2
    );
    assert_eq!(
        total(f(Filter {
            causes: vec![Cause::Ransomware],
            sectors: vec!["医療機関".into()],
            year: Some(2024),
            ..Filter::default()
        })),
        1
    );
    assert_eq!(
        total(f(Filter {
            min_affected: Some(5000),
            ..Filter::default()
        })),
        2
    );
    assert_eq!(
        total(f(Filter {
            from: "2024-11".parse().ok(),
            to: "2025-04".parse().ok(),
            ..Filter::default()
        })),
        2
    );
    assert_eq!(
        total(f(Filter {
            data: vec![jikenbo_model::DataKind::CreditCard],
            ..Filter::default()
        })),
        1
    );
    assert_eq!(
        total(f(Filter {
            organization: Some("かもめ".into()),
            ..Filter::default()
        })),
        1
    );
    assert_eq!(
        total(f(Filter {
            sizes: vec![SizeBucket::Under100],
            ..Filter::default()
        })),
        1
    );
    // Relevance and date orders; facets over the whole result.
    let mut q = Query::text("個人情報");
    q.facets = true;
    q.limit = 1;
    let r = s.search(&q).unwrap();
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.total, 3);
    let facets = r.facets.unwrap();
    assert_eq!(facets.cause.iter().map(|c| c.count).sum::<u64>(), 3);
    assert!(facets
        .sector
        .iter()
        .any(|c| c.key == "医療機関" && c.count == 1));
    let snippet = r.hits[0].snippet.as_ref().expect("a snippet");
    assert!(!snippet.matched().is_empty(), "{snippet:?}");
    assert!(
        snippet.matched().iter().all(|m| *m == "個人情報"),
        "{snippet:?}"
    );
    let mut q = Query {
        sort: jikenbo_store::Sort::Oldest,
        ..Query::default()
    };
    let r = s.search(&q).unwrap();
    assert_eq!(r.hits[0].number, "2024-001");
    q.sort = jikenbo_store::Sort::Newest;
    assert_eq!(s.search(&q).unwrap().hits[0].number, "2025-001");
}

#[test]
fn statistics_count_incidents_and_persons() {
    let mut s = Store::open_in_memory().unwrap();
    for (n, t) in [
        ("h.txt", HOSPITAL),
        ("c.txt", CITY),
        ("a.txt", FIRST),
        ("b.txt", SECOND),
    ] {
        ingest_text(&mut s, n, t);
    }
    let st = s.stats(GroupBy::Cause, &Filter::default(), None).unwrap();
    assert_eq!(st.total.incidents, 3);
    assert_eq!(st.total.persons, 20_000 + 12 + 5027);
    let ransom = st.rows.iter().find(|r| r.key == "ransomware").unwrap();
    assert_eq!((ransom.incidents, ransom.persons), (1, 20_000));
    assert_eq!(ransom.label, "ランサムウェア");
    // "How many ransomware cases hit hospitals in 2024, and how many persons?"
    let st = s
        .stats(
            GroupBy::Sector,
            &Filter {
                causes: vec![Cause::Ransomware],
                year: Some(2024),
                ..Filter::default()
            },
            None,
        )
        .unwrap();
    assert_eq!(st.rows.len(), 1);
    assert_eq!(
        (
            st.rows[0].key.as_str(),
            st.rows[0].incidents,
            st.rows[0].persons
        ),
        ("医療機関", 1, 20_000)
    );
    let st = s.stats(GroupBy::Size, &Filter::default(), None).unwrap();
    let keys: Vec<&str> = st.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        keys,
        vec!["100件未満", "1,000〜1万件未満", "1万〜10万件未満"]
    );
    let st = s.stats(GroupBy::Month, &Filter::default(), None).unwrap();
    assert_eq!(
        st.rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        vec!["2024-08", "2024-11", "2025-04"]
    );
    let st = s.stats(GroupBy::Data, &Filter::default(), None).unwrap();
    assert_eq!(
        st.rows.iter().find(|r| r.key == "name").unwrap().incidents,
        3
    );
    let st = s
        .stats(GroupBy::Year, &Filter::default(), Some("ランサムウェア"))
        .unwrap();
    assert_eq!(st.total.incidents, 1);
}

#[test]
fn csv_and_veris_exports() {
    let mut s = Store::open_in_memory().unwrap();
    for (n, t) in [
        ("h.txt", HOSPITAL),
        ("c.txt", CITY),
        ("a.txt", FIRST),
        ("b.txt", SECOND),
    ] {
        ingest_text(&mut s, n, t);
    }
    s.set_override(
        "2024-002".parse().unwrap(),
        Field::Affected,
        Value::from(13u64),
        None,
        "alice",
    )
    .unwrap();
    let mut buf = Vec::new();
    let sum = s.export_csv(&mut buf, &Filter::default()).unwrap();
    assert_eq!(sum.incidents, 3);
    // UTF-8 with a byte-order mark, which spreadsheet programs need to read the Japanese
    let buf = buf
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .expect("a BOM")
        .to_vec();
    let mut r = csv::Reader::from_reader(&buf[..]);
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "number");
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let city = rows.iter().find(|x| &x[0] == "2024-002").unwrap();
    assert_eq!(&city[col("affected")], "13");
    assert_eq!(&city[col("overridden")], "affected");
    assert_eq!(&city[col("sector")], "自治体");
    let kamome = rows.iter().find(|x| &x[0] == "2025-001").unwrap();
    assert_eq!(&kamome[col("documents")], "a.txt;b.txt");
    let mut buf = Vec::new();
    let n = s.export_veris(&mut buf, &Filter::default()).unwrap();
    assert_eq!(n, 3);
    let v: Value = serde_json::from_slice(&buf).unwrap();
    let recs = v.as_array().unwrap();
    for rec in recs {
        for key in [
            "incident_id",
            "schema_version",
            "security_incident",
            "summary",
            "action",
            "actor",
            "asset",
            "timeline",
            "discovery_method",
            "victim",
            "attribute",
        ] {
            assert!(rec.get(key).is_some(), "{key} missing in {rec}");
        }
    }
    let hosp = recs
        .iter()
        .find(|r| r["incident_id"] == "jikenbo-2024-001")
        .unwrap();
    assert_eq!(hosp["action"]["malware"]["variety"][0], "Ransomware");
    assert_eq!(hosp["victim"]["industry"], "622");
    assert_eq!(hosp["attribute"]["confidentiality"]["data_total"], 20000);
    let city = recs
        .iter()
        .find(|r| r["incident_id"] == "jikenbo-2024-002")
        .unwrap();
    assert_eq!(city["action"]["error"]["variety"][0], "Misdelivery");
    assert_eq!(city["victim"]["government"][0], "Local");
    assert_eq!(city["attribute"]["confidentiality"]["data_total"], 13);
    // Filters apply.
    let mut buf = Vec::new();
    let n = s
        .export_veris(
            &mut buf,
            &Filter {
                year: Some(2025),
                ..Filter::default()
            },
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn every_mutation_is_audited() {
    let mut s = Store::open_in_memory().unwrap();
    let h = ingest_text(&mut s, "h.txt", HOSPITAL);
    let c = ingest_text(&mut s, "c.txt", CITY);
    let (rh, rc) = (number_of(&h), number_of(&c));
    s.set_override(rh, Field::Affected, Value::from(1u64), Some("n"), "alice")
        .unwrap();
    s.add_label(rh, "x", "bob").unwrap();
    s.merge(rh, &[rc], "carol").unwrap();
    s.split(rh, added(&c).document_id, "dave").unwrap();
    s.reextract_with(
        "erin",
        "v2",
        |d| {
            let mut v = jikenbo_extract::extract(d);
            for i in v.iter_mut() {
                i.title = Some("改題".into());
            }
            v
        },
        |_, _| {},
    )
    .unwrap();
    let log = s.audit_log(None, 100).unwrap();
    let got: Vec<(String, String)> = log
        .iter()
        .rev()
        .map(|e| (e.action.clone(), e.who.clone()))
        .collect();
    let want: Vec<(String, String)> = [
        ("ingest", "tester"),
        ("ingest", "tester"),
        ("edit", "alice"),
        ("label", "bob"),
        ("merge", "carol"),
        ("split", "dave"),
        ("reextract", "erin"),
        ("reextract", "erin"),
    ]
    .iter()
    .map(|(a, w)| (a.to_string(), w.to_string()))
    .collect();
    assert_eq!(got, want);
    assert!(log.iter().all(|e| e.at.ends_with('Z')));
    let edit = log.iter().find(|e| e.action == "edit").unwrap();
    assert_eq!(edit.incident.as_deref(), Some("2024-001"));
    assert_eq!(edit.detail["changes"][0]["field"], "affected");
}

#[test]
fn store_file_reopens_with_everything() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nested/casebook.db");
    {
        let mut s = Store::open(&p).unwrap();
        ingest_text(&mut s, "h.txt", HOSPITAL);
        s.add_label("2024-001".parse().unwrap(), "要確認", "bob")
            .unwrap();
    }
    let s = Store::open(&p).unwrap();
    let v = s.incident("#2024-001".parse().unwrap()).unwrap();
    assert!(v.record.labels.contains(&"要確認".to_string()));
    let d = s.document(v.documents[0].id).unwrap();
    assert_eq!(d.original, HOSPITAL.as_bytes());
    assert_eq!(d.text, HOSPITAL);
    assert!(matches!(
        s.incident("2030-001".parse().unwrap()),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn deferred_indexing_matches_immediate_and_survives_a_crash() {
    let texts = [
        ("h.txt", HOSPITAL),
        ("c.txt", CITY),
        ("a.txt", FIRST),
        ("b.txt", SECOND),
    ];
    let mut now = Store::open_in_memory().unwrap();
    for (n, t) in texts {
        ingest_text(&mut now, n, t);
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bulk.db");
    {
        let mut bulk = Store::open(&p).unwrap();
        bulk.set_deferred_indexing(true).unwrap();
        for (n, t) in texts {
            ingest_text(&mut bulk, n, t);
        }
        // Stored and counted, not yet found by text.
        assert_eq!(bulk.counts().unwrap().incidents, 3);
        assert_eq!(
            bulk.search(&Query::text("ランサムウェア")).unwrap().total,
            0
        );
        // Dropped without flushing, as a killed bulk ingest would leave it.
    }
    let bulk = Store::open(&p).unwrap(); // drains the queue
    assert_eq!(
        bulk.connection()
            .query_row(
                "SELECT count(*) FROM fts_queue WHERE seq > (SELECT done_seq FROM index_state)",
                [],
                |r| r.get::<_, i64>(0)
            )
            .unwrap(),
        0
    );
    for q in ["ランサムウェア", "税額", "病", "かもめ", "個人情報"] {
        let a = now.search(&Query::text(q)).unwrap();
        let b = bulk.search(&Query::text(q)).unwrap();
        let ids = |r: &jikenbo_store::SearchResults| {
            r.hits.iter().map(|h| h.number.clone()).collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(&b), "{q}");
        assert!(a.total > 0, "{q}");
    }
    let q = Query {
        filter: Filter {
            labels: vec!["業種:医療機関".into()],
            ..Filter::default()
        },
        ..Query::default()
    };
    assert_eq!(now.search(&q).unwrap().total, 1);
    assert_eq!(bulk.search(&q).unwrap().total, 1);
}

#[test]
fn one_csv_layout_for_exports_and_views_and_no_formulas() {
    let mut s = Store::open_in_memory().unwrap();
    let notice = "サンプル株式会社\n\n個人情報の流出について\n\n当社サーバーへの不正アクセスにより、お客様120名分の氏名とメールアドレスが流出しました。\n";
    let out = s
        .ingest_bytes(
            "f.txt",
            notice.as_bytes().to_vec(),
            &Source::new("f.txt"),
            "t",
        )
        .unwrap();
    let number: IncidentRef = added(&out).incidents[0].number.parse().unwrap();
    s.set_override(
        number,
        Field::Organization,
        Value::from("=HYPERLINK(\"http://example.invalid\")"),
        None,
        "t",
    )
    .unwrap();
    let ex = |s: &Store| {
        let mut all = Vec::new();
        s.export_csv(&mut all, &Filter::default()).unwrap();
        all
    };
    let all = ex(&s);
    let text = String::from_utf8(all.clone()).unwrap();
    assert!(
        text.starts_with("\u{feff}number,id,organization,title,"),
        "{text}"
    );
    // a cell a spreadsheet would run is shown as text
    assert!(
        text.contains(",\"'=HYPERLINK(") && !text.contains(",\"=HYPERLINK"),
        "{text}"
    );
    // the rows of given incidents (a search's, a view's) are the export's rows
    let ids: Vec<i64> = s
        .search(&jikenbo_store::Query::default())
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    let mut of = Vec::new();
    s.export_csv_of(&mut of, &ids).unwrap();
    assert_eq!(of, all);
}

#[test]
fn the_audit_log_is_filtered_by_who_action_day_and_incident() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s
        .ingest_bytes(
            "a.txt",
            "サンプル株式会社\n\n個人情報の流出について\n\n当社サーバーへの不正アクセスにより、お客様120名分の氏名が流出しました。\n".as_bytes().to_vec(),
            &Source::new("a.txt"),
            "alice",
        )
        .unwrap();
    s.ingest_bytes(
        "b.txt",
        "みどり市\n\nメールの誤送信について\n\n市民50名分のメールアドレスをBCCではなくTOで送信しました。\n".as_bytes().to_vec(),
        &Source::new("b.txt"),
        "bob",
    )
    .unwrap();
    let n: IncidentRef = added(&a).incidents[0].number.parse().unwrap();
    s.add_label(n, "要確認", "bob").unwrap();
    let q = |f: jikenbo_store::AuditFilter| {
        let limit = if f.limit == 0 { 100 } else { f.limit };
        s.audit_query(&jikenbo_store::AuditFilter { limit, ..f })
            .unwrap()
    };
    let (all, total) = q(Default::default());
    assert_eq!(total as usize, all.len());
    assert!(total >= 3, "{all:?}");
    let (bob, _) = q(jikenbo_store::AuditFilter {
        who: Some("bob".into()),
        ..Default::default()
    });
    assert!(!bob.is_empty() && bob.iter().all(|e| e.who == "bob"));
    let (labels, _) = q(jikenbo_store::AuditFilter {
        action: Some("label".into()),
        ..Default::default()
    });
    assert!(labels.iter().all(|e| e.action == "label"), "{labels:?}");
    assert!(labels.iter().any(|e| e.who == "bob"), "{labels:?}");
    let (of_a, _) = q(jikenbo_store::AuditFilter {
        incident: Some(n),
        ..Default::default()
    });
    assert!(
        of_a.iter().all(|e| e.who == "alice" || e.action == "label"),
        "{of_a:?}"
    );
    assert!(of_a.iter().any(|e| e.action == "label"));
    // days: today's rows are within today, none before 2000
    let today = all[0].at[..10].to_string();
    let (day, _) = q(jikenbo_store::AuditFilter {
        from: Some(today.clone()),
        to: Some(today),
        ..Default::default()
    });
    assert_eq!(day.len(), all.len());
    let (old, total) = q(jikenbo_store::AuditFilter {
        to: Some("1999-12-31".into()),
        ..Default::default()
    });
    assert!(old.is_empty() && total == 0);
    // paging
    let (page2, _) = q(jikenbo_store::AuditFilter {
        offset: 1,
        limit: 1,
        ..Default::default()
    });
    assert_eq!(page2.len(), 1);
    assert_eq!(page2[0].id, all[1].id);
    let (who, actions) = s.audit_choices().unwrap();
    assert_eq!(who, vec!["alice".to_string(), "bob".to_string()]);
    assert!(actions.contains(&"ingest".to_string()));
}

#[test]
fn a_number_takes_the_incidents_own_year() {
    let mut s = Store::open_in_memory().unwrap();
    // no date of the notice itself; the loss was found in 2016
    let t = "みどり市\n\n書類の紛失について\n\n2016年5月10日、職員が住民20名分の名簿を紛失したことが判明しました。\n";
    let out = s
        .ingest_bytes(
            "old.txt",
            t.as_bytes().to_vec(),
            &Source::new("old.txt"),
            "t",
        )
        .unwrap();
    let inc = &added(&out).incidents[0];
    assert!(inc.number.starts_with("2016-"), "{}", inc.number);
}

#[test]
fn a_new_notice_and_its_corrections_are_stored_together_or_not_at_all() {
    let mut s = Store::open_in_memory().unwrap();
    let p = Prepared::from_text("kamome.txt", FIRST).unwrap();
    assert_eq!(p.incidents.len(), 1);
    let before = s.counts().unwrap();
    // A value that does not hold (a count as text) fails the whole call: no document, no
    // incident, no audit row.
    let bad = vec![vec![
        Change::Set(Field::Title, Value::from("不正アクセスについて")),
        Change::Set(Field::Affected, Value::from("many")),
    ]];
    let err = s.ingest_corrected(
        &p,
        &Source::new("web: kamome.txt"),
        "alice",
        &bad,
        Some("登録時の修正"),
    );
    assert!(err.is_err());
    assert_eq!(s.counts().unwrap(), before);
    assert!(s.documents(10, 0).unwrap().is_empty());
    assert!(s.audit_log(None, 10).unwrap().is_empty());
    // More corrections than incidents: refused, nothing stored.
    assert!(s
        .ingest_corrected(&p, &Source::new("x"), "alice", &[vec![], vec![]], None)
        .is_err());
    assert!(s.documents(10, 0).unwrap().is_empty());

    let good = vec![vec![Change::Set(Field::Affected, Value::from(3_100u64))]];
    let out = s
        .ingest_corrected(
            &p,
            &Source::new("web: kamome.txt"),
            "alice",
            &good,
            Some("登録時の修正"),
        )
        .unwrap();
    let r = number_of(&out);
    let v = s.incident(r).unwrap();
    assert_eq!(v.record.affected, Some(3_100));
    let f = field(&v, "affected");
    assert!(matches!(f.source, ValueSource::Override { .. }));
    // The extractor's value stays in the history.
    assert_eq!(f.history[0].value, Value::from(3_000u64));
    let actions: Vec<String> = s
        .audit_log(None, 10)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"edit".to_string()), "{actions:?}");
}
