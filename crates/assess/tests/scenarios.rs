//! The 20 test scenarios of the legal reference (`shared/reference/appi-and-jnsa.md`, section 9),
//! one test each, given as JSON facts through the same contract as `jikenbo assess --facts`
//! and checked on the JSON output: report_required, grounds, the 速報 window, kakuho_due and
//! notify_individuals.

use jikenbo_assess::{assess, Facts};
use serde_json::{json, Value};

/// Assess JSON facts and return the JSON output.
fn run(facts: Value) -> Value {
    let facts = Facts::from_json(&facts.to_string()).expect("valid facts");
    serde_json::to_value(assess(&facts)).expect("serializable")
}

/// Assert the contract fields. `window` = (sokuho_from, sokuho_to, kakuho_due).
fn check(
    out: &Value,
    required: bool,
    grounds: &[&str],
    window: Option<(&str, &str, &str)>,
    notify: bool,
) {
    let ctx = serde_json::to_string_pretty(out).unwrap();
    assert_eq!(
        out["report_required"],
        json!(required),
        "report_required\n{ctx}"
    );
    assert_eq!(out["grounds"], json!(grounds), "grounds\n{ctx}");
    match window {
        Some((from, to, due)) => {
            assert_eq!(out["sokuho_from"], json!(from), "sokuho_from\n{ctx}");
            assert_eq!(out["sokuho_to"], json!(to), "sokuho_to\n{ctx}");
            assert_eq!(out["kakuho_due"], json!(due), "kakuho_due\n{ctx}");
        }
        None => {
            for k in ["sokuho_from", "sokuho_to", "kakuho_due"] {
                assert_eq!(out[k], Value::Null, "{k}\n{ctx}");
            }
        }
    }
    assert_eq!(
        out["notify_individuals"],
        json!(notify),
        "notify_individuals\n{ctx}"
    );
    // Every reason names its legal basis (or the JNSA model).
    for r in out["reasons"].as_array().unwrap() {
        let r = r.as_str().unwrap();
        assert!(
            (r.contains('第') && r.contains('条')) || r.contains("JNSA"),
            "reason without article: {r}"
        );
    }
}

fn reasons(out: &Value) -> String {
    out["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn s01_clinic_lab_results_misdelivered() {
    let out = run(json!({
        "org_kind": "business", "persons": 3, "data": ["name", "health"],
        "cause": "misdelivery", "encrypted": false, "aware": "2025-06-16"
    }));
    check(
        &out,
        true,
        &["sensitive"],
        Some(("2025-06-19", "2025-06-21", "2025-07-15")),
        true,
    );
    assert_eq!(out["kakuho_days"], 30);
    assert!(reasons(&out).contains("施行規則第7条第1号"));
}

#[test]
fn s02_misdelivered_mail_deleted_unviewed() {
    let out = run(json!({
        "org_kind": "business", "persons": 3, "data": ["name", "health"],
        "cause": "misdelivery", "recovered_unviewed": true, "aware": "2025-06-16"
    }));
    check(&out, false, &[], None, false);
}

#[test]
fn s03_misconfiguration_exactly_1000() {
    let out = run(json!({
        "org_kind": "business", "persons": 1000, "data": ["name", "address", "email"],
        "cause": "misconfiguration", "aware": "2025-09-01"
    }));
    check(&out, false, &[], None, false);
    assert!(reasons(&out).contains("1,000人は1,000人以下"));
}

#[test]
fn s04_misconfiguration_1001() {
    let out = run(json!({
        "org_kind": "business", "persons": 1001, "data": ["name", "address", "email"],
        "cause": "misconfiguration", "aware": "2025-09-01"
    }));
    check(
        &out,
        true,
        &["volume"],
        Some(("2025-09-04", "2025-09-06", "2025-09-30")),
        true,
    );
    assert!(reasons(&out).contains("施行規則第7条第4号"));
}

#[test]
fn s05_encrypted_laptop_lost() {
    let out = run(json!({
        "org_kind": "business", "persons": 20000, "data": ["name", "address"],
        "cause": "loss_theft", "encrypted": true, "aware": "2025-10-01"
    }));
    check(&out, false, &[], None, false);
    assert!(reasons(&out).contains("施行規則第7条第1号括弧書"));
}

#[test]
fn s06_unencrypted_laptop_stolen() {
    let out = run(json!({
        "org_kind": "business", "persons": 300, "data": ["name", "address"],
        "cause": "loss_theft", "wrongful_intent": true, "encrypted": false, "aware": "2025-10-01"
    }));
    check(
        &out,
        true,
        &["wrongful"],
        Some(("2025-10-04", "2025-10-06", "2025-12-01")),
        true,
    );
    assert_eq!(out["kakuho_days"], 60);
}

#[test]
fn s07_laptop_simply_lost() {
    let out = run(json!({
        "org_kind": "business", "persons": 300, "data": ["name", "address"],
        "cause": "loss_theft", "wrongful_intent": false, "encrypted": false, "aware": "2025-10-01"
    }));
    check(&out, false, &[], None, false);
}

#[test]
fn s08_full_card_numbers_misdelivered() {
    let out = run(json!({
        "org_kind": "business", "persons": 5, "data": ["name", "address", "credit_card"],
        "cause": "misdelivery", "aware": "2026-02-02",
        "social_responsibility": "normal", "response": "appropriate"
    }));
    check(
        &out,
        true,
        &["financial"],
        Some(("2026-02-05", "2026-02-07", "2026-03-03")),
        true,
    );
    assert_eq!(out["jnsa"]["per_person"], 78_000);
    assert_eq!(out["jnsa"]["total"], 390_000);
}

#[test]
fn s09_last_four_digits_only() {
    let out = run(json!({
        "org_kind": "business", "persons": 50, "data": ["name", "credit_card"],
        "card_last4_only": true, "cause": "misdelivery", "aware": "2026-02-02"
    }));
    check(&out, false, &[], None, false);
    assert!(reasons(&out).contains("Q&A 6-12"));
}

#[test]
fn s10_web_skimming_after_amendment() {
    let out = run(json!({
        "org_kind": "business", "persons": 800, "data": ["name", "credit_card"],
        "cause": "unauthorized_access", "pre_storage": true, "aware": "2026-04-01"
    }));
    check(
        &out,
        true,
        &["wrongful"],
        Some(("2026-04-04", "2026-04-06", "2026-06-01")),
        true,
    );
}

#[test]
fn s11_web_skimming_before_amendment() {
    let out = run(json!({
        "org_kind": "business", "persons": 800, "data": ["name", "credit_card"],
        "cause": "unauthorized_access", "pre_storage": true, "aware": "2024-03-15"
    }));
    check(&out, false, &[], None, false);
    assert!(reasons(&out).contains("2024年4月1日"));
}

#[test]
fn s12_ransomware_with_health_checks() {
    let out = run(json!({
        "org_kind": "business", "persons": 400,
        "data": ["name", "address", "financial", "health_check"],
        "cause": "ransomware", "leak": "possible", "aware": "2025-12-15"
    }));
    check(
        &out,
        true,
        &["sensitive", "wrongful"],
        Some(("2025-12-18", "2025-12-20", "2026-02-12")),
        true,
    );
    assert_eq!(out["kakuho_days"], 60);
}

#[test]
fn s13_ransomware_restored_no_indicators() {
    let out = run(json!({
        "org_kind": "business", "persons": 400, "data": ["name", "address"],
        "cause": "ransomware", "leak": "none", "aware": "2025-12-15"
    }));
    check(&out, false, &[], None, false);
}

#[test]
fn s14_insider_sells_records() {
    let out = run(json!({
        "org_kind": "business", "persons": 10, "data": ["name", "phone"],
        "cause": "insider_theft", "aware": "2025-08-18"
    }));
    check(
        &out,
        true,
        &["wrongful"],
        Some(("2025-08-21", "2025-08-23", "2025-10-16")),
        true,
    );
}

#[test]
fn s15_city_hall_150_tax_notices() {
    let out = run(json!({
        "org_kind": "public_body", "persons": 150, "data": ["name", "address", "financial"],
        "cause": "misdelivery", "aware": "2026-05-11"
    }));
    check(
        &out,
        true,
        &["volume"],
        Some(("2026-05-14", "2026-05-16", "2026-06-09")),
        true,
    );
    assert_eq!(out["regimes"], json!(["appi_public"]));
    assert!(reasons(&out).contains("施行規則第43条第4号"));
}

#[test]
fn s16_city_hall_exactly_100() {
    let out = run(json!({
        "org_kind": "public_body", "persons": 100, "data": ["name", "address", "financial"],
        "cause": "misdelivery", "aware": "2026-05-11"
    }));
    check(&out, false, &[], None, false);
}

#[test]
fn s17_ordinance_sensitive_public_assistance() {
    let out = run(json!({
        "org_kind": "public_body", "persons": 1, "data": ["name", "address"],
        "cause": "misdelivery", "ordinance_sensitive": true, "aware": "2026-07-21"
    }));
    check(
        &out,
        true,
        &["ordinance_sensitive"],
        Some(("2026-07-24", "2026-07-26", "2026-08-19")),
        true,
    );
    // Not designated by the ordinance: no report.
    let out = run(json!({
        "org_kind": "public_body", "persons": 1, "data": ["name", "address"],
        "cause": "misdelivery", "ordinance_sensitive": false, "aware": "2026-07-21"
    }));
    check(&out, false, &[], None, false);
}

#[test]
fn s18_my_numbers_of_101_employees() {
    let out = run(json!({
        "org_kind": "business", "persons": 101, "my_number_persons": 101,
        "data": ["name", "my_number", "financial"], "cause": "misdelivery", "aware": "2026-01-05"
    }));
    check(
        &out,
        true,
        &["mynumber_volume"],
        Some(("2026-01-08", "2026-01-10", "2026-02-03")),
        true,
    );
    assert_eq!(out["regimes"], json!(["appi_private", "mynumber"]));
    let details = out["regime_details"].as_array().unwrap();
    assert_eq!(details[0]["report_required"], false);
    assert_eq!(details[1]["report_required"], true);
    assert!(reasons(&out).contains("特定個人情報漏えい等報告規則第2条第4号"));
}

#[test]
fn s19_my_numbers_of_100_employees() {
    let out = run(json!({
        "org_kind": "business", "persons": 100, "my_number_persons": 100,
        "data": ["name", "my_number", "financial"], "cause": "misdelivery", "aware": "2026-01-05"
    }));
    check(&out, false, &[], None, false);
    assert!(reasons(&out).contains("報告に努める"));
}

#[test]
fn s20_insider_looks_up_celebrity_by_my_number() {
    let out = run(json!({
        "org_kind": "business", "persons": 1, "data": ["address", "my_number"],
        "cause": "insider_disclosure", "aware": "2026-06-01"
    }));
    check(
        &out,
        true,
        &["wrongful", "mynumber_wrongful"],
        Some(("2026-06-04", "2026-06-06", "2026-07-30")),
        true,
    );
    assert_eq!(out["kakuho_days"], 60);
}
