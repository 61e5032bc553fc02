//! The bars on real notices (`../shared/seeds`, read at run time; skipped when absent) and on the
//! repository's fictional examples: ingest stores every extracted incident; `サポート詐欺`
//! finds the support-scam incidents; re-ingest changes nothing; export → import round-trips.

mod common;

use common::*;
use jikenbo_model::Cause;
use jikenbo_store::Field;
use jikenbo_store::{Filter, IncidentRef, IngestOutcome, Prepared, Query, SkipReason, Store};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn values_of(inc: &jikenbo_model::Incident) -> BTreeMap<String, Value> {
    let v = serde_json::to_value(inc).unwrap();
    let mut out = BTreeMap::new();
    for f in jikenbo_model::Field::RECORD {
        let x = v[f.as_str()].clone();
        let empty = x.is_null() || x.as_array().is_some_and(|a| a.is_empty());
        if !empty {
            out.insert(f.to_string(), x);
        }
    }
    out
}

fn every_extracted_incident_is_stored(dir: &Path) {
    let mut store = Store::open_in_memory().unwrap();
    let outcomes = ingest_dir(&mut store, dir);
    assert!(!outcomes.is_empty());
    let mut total = 0;
    for (path, outcome) in &outcomes {
        let prep = Prepared::from_path(path, &jikenbo_text::Limits::default()).unwrap();
        let a = added(outcome);
        assert_eq!(
            a.incidents.len(),
            prep.incidents.len(),
            "{}: one report per extracted incident",
            path.display()
        );
        let doc_id = store.document_by_hash(&prep.sha256).unwrap().unwrap();
        assert_eq!(doc_id, a.document_id);
        let conn = store.connection();
        for (seq, inc) in prep.incidents.iter().enumerate() {
            total += 1;
            // The report's stored values are exactly the extracted ones, evidence included.
            let (report_id, incident_id): (i64, i64) = conn
                .query_row(
                    "SELECT id, incident_id FROM reports WHERE document_id = ?1 AND seq = ?2",
                    [doc_id, seq as i64],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(incident_id, a.incidents[seq].id);
            let mut stored = BTreeMap::new();
            let mut st = conn
                .prepare("SELECT field, value, evidence FROM report_values WHERE report_id = ?1")
                .unwrap();
            let rows = st
                .query_map([report_id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })
                .unwrap();
            let mut evidence: Vec<jikenbo_model::Evidence> = Vec::new();
            for row in rows {
                let (f, v, e) = row.unwrap();
                stored.insert(f, serde_json::from_str::<Value>(&v).unwrap());
                evidence.extend(serde_json::from_str::<Vec<jikenbo_model::Evidence>>(&e).unwrap());
            }
            assert_eq!(stored, values_of(inc), "{} #{seq}", path.display());
            let mut want = inc.evidence.clone();
            want.sort_by(|a, b| (&a.field, a.start).cmp(&(&b.field, b.start)));
            evidence.sort_by(|a, b| (&a.field, a.start).cmp(&(&b.field, b.start)));
            assert_eq!(evidence, want, "{} #{seq}: evidence", path.display());
            // The incident is live and lists the document.
            let v = store.incident(IncidentRef::Id(incident_id)).unwrap();
            assert!(v.live);
            assert!(v.documents.iter().any(|d| d.id == doc_id));
            // An incident reported once shows exactly the extracted record.
            if v.documents.len() == 1 {
                let mut got = v.record.clone();
                got.doc = inc.doc.clone();
                got.labels = inc.labels.clone();
                got.evidence
                    .sort_by(|a, b| (&a.field, a.start).cmp(&(&b.field, b.start)));
                let mut want = inc.clone();
                want.evidence
                    .sort_by(|a, b| (&a.field, a.start).cmp(&(&b.field, b.start)));
                assert_eq!(got, want, "{} #{seq}", path.display());
                let derived = jikenbo_model::derived_labels(inc);
                for l in derived {
                    assert!(v.record.labels.contains(&l), "{l}");
                }
            }
        }
    }
    let c = store.counts().unwrap();
    assert_eq!(c.reports as usize, total);
    store.check_integrity().unwrap();
    eprintln!(
        "{}: {} documents, {} extracted incidents, {} incidents in the store",
        dir.display(),
        c.documents,
        total,
        c.incidents
    );
}

#[test]
fn seeds_every_extracted_incident_is_stored() {
    if let Some(d) = seeds_dir() {
        every_extracted_incident_is_stored(&d);
    }
}

#[test]
fn examples_every_extracted_incident_is_stored() {
    every_extracted_incident_is_stored(&examples_dir());
}

fn search_finds_support_scams(dir: &Path, required: bool) {
    let mut store = Store::open_in_memory().unwrap();
    ingest_dir(&mut store, dir);
    let mut by_cause = Query {
        filter: Filter {
            causes: vec![Cause::SupportScam],
            ..Filter::default()
        },
        limit: 10_000,
        ..Query::default()
    };
    by_cause.snippets = false;
    let expected: BTreeSet<i64> = store
        .search(&by_cause)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    if required {
        assert!(
            !expected.is_empty(),
            "the seeds hold support-scam incidents"
        );
    }
    let mut q = Query::text("サポート詐欺");
    q.limit = 10_000;
    let res = store.search(&q).unwrap();
    let got: BTreeSet<i64> = res.hits.iter().map(|h| h.id).collect();
    assert_eq!(res.total as usize, got.len());
    assert!(
        expected.is_subset(&got),
        "missing support-scam incidents: {:?}",
        expected.difference(&got).collect::<Vec<_>>()
    );
    for h in &res.hits {
        // Every hit is a support scam or its text says so.
        let v = store.incident(IncidentRef::Id(h.id)).unwrap();
        let says = v.documents.iter().any(|d| {
            let doc = store.document(d.id).unwrap();
            let span = d.report.as_ref().unwrap().span;
            jikenbo_text_nfkc(&doc.text[span.start..span.end]).contains("サポート詐欺")
        });
        assert!(
            h.cause == Some(Cause::SupportScam) || says,
            "#{} is neither a support scam nor says サポート詐欺",
            h.number
        );
        if h.cause == Some(Cause::SupportScam) {
            assert!(h.labels.iter().any(|l| l == "インシデント:サポート詐欺"));
        }
    }
    eprintln!(
        "{}: サポート詐欺 → {} hits ({} with cause support_scam)",
        dir.display(),
        got.len(),
        expected.len()
    );
}

fn jikenbo_text_nfkc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkc().collect()
}

#[test]
fn seeds_search_support_scam() {
    if let Some(d) = seeds_dir() {
        search_finds_support_scams(&d, true);
    }
}

#[test]
fn examples_search_support_scam() {
    search_finds_support_scams(&examples_dir(), false);
}

fn reingest_changes_nothing(dir: &Path) {
    let mut store = Store::open_in_memory().unwrap();
    ingest_dir(&mut store, dir);
    let before = export(&store);
    let again = ingest_dir(&mut store, dir);
    assert!(!again.is_empty());
    for (p, o) in &again {
        assert!(
            matches!(o, IngestOutcome::Skipped(s) if s.reason == SkipReason::SameBytes),
            "{}: {o:?}",
            p.display()
        );
    }
    assert_eq!(before, export(&store), "re-ingest changed the store");
}

#[test]
fn seeds_reingest_changes_nothing() {
    if let Some(d) = seeds_dir() {
        reingest_changes_nothing(&d);
    }
}

#[test]
fn examples_reingest_changes_nothing() {
    reingest_changes_nothing(&examples_dir());
}

/// Export → import into an empty store → export: identical, except the import's own audit row.
fn round_trip(dir: &Path) {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = Store::open(tmp.path().join("a.db")).unwrap();
    ingest_dir(&mut a, dir);
    // Some curation so that every table has rows.
    let first = a.search(&Query::default()).unwrap().hits[0].number.clone();
    let r: IncidentRef = first.parse().unwrap();
    a.set_override(
        r,
        Field::Affected,
        Value::from(4321u64),
        Some("訂正"),
        "alice",
    )
    .unwrap();
    a.add_label(r, "要確認", "bob").unwrap();
    let exp_a = export(&a);
    let mut b = Store::open(tmp.path().join("b.db")).unwrap();
    let sum = b.import_json(&exp_a[..], "carol").unwrap();
    assert_eq!(sum.documents as i64, a.counts().unwrap().documents);
    let exp_b = export(&b);
    let cut = |x: &[u8]| -> (Vec<u8>, Value) {
        let s = std::str::from_utf8(x).unwrap();
        let i = s.find("\"audit\": [").unwrap();
        let v: Value = serde_json::from_str(s).unwrap();
        (s.as_bytes()[..i].to_vec(), v["audit"].clone())
    };
    let (body_a, audit_a) = cut(&exp_a);
    let (body_b, audit_b) = cut(&exp_b);
    assert!(body_a == body_b, "the exports differ before the audit log");
    let (aa, ab) = (audit_a.as_array().unwrap(), audit_b.as_array().unwrap());
    assert_eq!(ab.len(), aa.len() + 1);
    assert_eq!(&ab[..aa.len()], &aa[..]);
    assert_eq!(ab[aa.len()]["action"], "import");
    // The restored store answers the same.
    let q = Query::text("個人情報");
    assert_eq!(a.search(&q).unwrap(), b.search(&q).unwrap());
    assert_eq!(a.counts().unwrap().incidents, b.counts().unwrap().incidents);
    let va = a.incident(r).unwrap();
    let vb = b.incident(r).unwrap();
    assert_eq!(
        serde_json::to_value(&va).unwrap(),
        serde_json::to_value(&vb).unwrap()
    );
    b.check_integrity().unwrap();
    // Importing into a store that is not empty is refused.
    assert!(b.import_json(&exp_a[..], "carol").is_err());
}

#[test]
fn seeds_export_import_round_trip() {
    if let Some(d) = seeds_dir() {
        round_trip(&d);
    }
}

#[test]
fn examples_export_import_round_trip() {
    round_trip(&examples_dir());
}
