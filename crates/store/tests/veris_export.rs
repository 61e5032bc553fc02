//! The VERIS export through the store: what a record's `reference`, `confidence` and timeline
//! are made from (the sources recorded at ingest, curator corrections and labels, the dates in
//! force), and which incidents are left out.

mod common;

use common::{added, examples_dir};
use jikenbo_store::Field;
use jikenbo_store::{Filter, IncidentRef, Source, Store};
use serde_json::Value;

const HOSPITAL: &str = "01_ransomware_hospital.txt";
const CITY: &str = "02_misdelivery_city.md";

/// Ingests an example notice; the number of its (first) incident.
fn ingest(s: &mut Store, file: &str, source: &str) -> String {
    let bytes = std::fs::read(examples_dir().join(file)).unwrap();
    let out = s
        .ingest_bytes(file, bytes, &Source::new(source), "tester")
        .unwrap();
    added(&out).incidents[0].number.clone()
}

fn r(number: &str) -> IncidentRef {
    number.parse().unwrap()
}

fn export(s: &Store) -> (Vec<Value>, Vec<String>) {
    let mut buf = Vec::new();
    let report = s.export_veris_report(&mut buf, &Filter::default()).unwrap();
    let v: Value = serde_json::from_slice(&buf).unwrap();
    (v.as_array().unwrap().clone(), report.skipped)
}

fn record<'a>(recs: &'a [Value], number: &str) -> &'a Value {
    let id = format!("jikenbo-{number}");
    recs.iter()
        .find(|x| x["incident_id"] == id.as_str())
        .unwrap_or_else(|| panic!("{id} not exported"))
}

#[test]
fn reference_is_the_source_url_and_never_a_path() {
    let mut s = Store::open_in_memory().unwrap();
    let url = "https://www.example.jp/news/2025/1003.html";
    let hospital = ingest(&mut s, HOSPITAL, url);
    let path = "/home/alice/casebook/inbox/02_misdelivery_city.md";
    let city = ingest(&mut s, CITY, path);
    let (recs, _) = export(&s);
    assert_eq!(record(&recs, &hospital)["reference"], url);
    let c = record(&recs, &city);
    assert!(c.get("reference").is_none(), "{c}");
    let text = serde_json::to_string(&recs).unwrap();
    assert!(!text.contains("/home/alice"), "a local path leaked");
    assert_eq!(c["plus"]["jikenbo"]["documents"][0], CITY);
}

#[test]
fn confidence_reads_corrections_and_labels() {
    let mut s = Store::open_in_memory().unwrap();
    let n = ingest(&mut s, HOSPITAL, "hospital.txt");
    let v = s.incident(r(&n)).unwrap();
    assert!(v.record.organization.is_some() && v.record.cause.is_some());
    let (recs, _) = export(&s);
    let before = record(&recs, &n)["confidence"].clone();

    // A curator's correction in force: High (organization and cause known, few facts missing).
    s.set_override(r(&n), Field::Affected, Value::from(12000u64), None, "alice")
        .unwrap();
    let (recs, _) = export(&s);
    assert_eq!(record(&recs, &n)["confidence"], "High", "was {before}");

    // Flagged for checking: Low.
    s.add_label(r(&n), "要確認", "bob").unwrap();
    let (recs, _) = export(&s);
    assert_eq!(record(&recs, &n)["confidence"], "Low");
    s.remove_label(r(&n), "要確認", "bob").unwrap();

    // Three key facts set to unknown: Low, corrected or not.
    for f in [Field::Actor, Field::Leak, Field::Affected] {
        s.set_override(r(&n), f, Value::Null, None, "alice")
            .unwrap();
    }
    let (recs, _) = export(&s);
    assert_eq!(record(&recs, &n)["confidence"], "Low");
}

#[test]
fn an_incident_without_any_date_is_left_out_not_dated_by_its_recording() {
    let mut s = Store::open_in_memory().unwrap();
    let hospital = ingest(&mut s, HOSPITAL, "hospital.txt");
    let city = ingest(&mut s, CITY, "city.md");
    // The occurrence unknown: the year of discovery stands in, without month or day.
    s.set_override(r(&city), Field::Occurred, Value::Null, None, "alice")
        .unwrap();
    s.set_override(
        r(&city),
        Field::Discovered,
        "2024-11-30".into(),
        None,
        "alice",
    )
    .unwrap();
    let (recs, skipped) = export(&s);
    assert!(skipped.is_empty());
    let c = record(&recs, &city);
    assert_eq!(
        c["timeline"]["incident"],
        serde_json::json!({ "year": 2024 })
    );
    assert_eq!(c["plus"]["jikenbo"]["timeline_basis"], "discovered");
    // No date at all: not exported, and said so.
    for f in [Field::Occurred, Field::Discovered, Field::Published] {
        s.set_override(r(&city), f, Value::Null, None, "alice")
            .unwrap();
    }
    let (recs, skipped) = export(&s);
    assert_eq!(skipped, vec![city.clone()]);
    assert_eq!(recs.len(), 1);
    record(&recs, &hospital);
    let mut buf = Vec::new();
    assert_eq!(s.export_veris(&mut buf, &Filter::default()).unwrap(), 1);
}
