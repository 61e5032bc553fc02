//! JNSA JOモデル checks derived from the reference's tables (section 5) and scenario #8.

use jikenbo_assess::{assess, Facts};
use serde_json::{json, Value};

fn jnsa(facts: Value) -> Value {
    let facts = Facts::from_json(&facts.to_string()).expect("valid facts");
    serde_json::to_value(assess(&facts)).unwrap()["jnsa"].clone()
}

fn per_person(data: Value) -> u64 {
    jnsa(json!({"data": data, "social_responsibility": "normal", "response": "appropriate"}))
        ["per_person"]
        .as_u64()
        .unwrap()
}

#[test]
fn scenario_8_cross_check() {
    let j = jnsa(
        json!({"persons": 5, "data": ["name", "address", "credit_card"],
                        "social_responsibility": "normal", "response": "appropriate"}),
    );
    assert_eq!(j["per_person"], 78_000);
    assert_eq!(j["total"], 390_000);
    assert_eq!(j["privacy_level"], 1);
    assert_eq!(j["economic_level"], 3);
    assert_eq!(j["identifiability"], 6);
    assert_eq!(j["sensitivity"], 26);
    assert_eq!(j["base_value"], 500);
    assert_eq!(j["social_responsibility_factor"], 1);
    assert_eq!(j["response_factor"], 1);
    assert_eq!(j["persons"], 5);
}

#[test]
fn worked_examples_table() {
    assert_eq!(per_person(json!(["name", "address"])), 6_000);
    assert_eq!(
        per_person(json!(["name", "address", "credit_card"])),
        78_000
    );
    assert_eq!(
        per_person(json!(["name", "address", "health_check"])),
        33_000
    );
    // The schema emits `health` together with `health_check` for health checks.
    assert_eq!(
        per_person(json!(["name", "address", "health", "health_check"])),
        33_000
    );
    // Political views / creed / mental disability: P3.
    assert_eq!(per_person(json!(["name", "address", "creed"])), 303_000);
    assert_eq!(per_person(json!(["email"])), 1_000);
}

#[test]
fn simple_ep_cells() {
    // Medical diagnoses and charts: P3/E1 (engine recommendation).
    assert_eq!(per_person(json!(["name", "address", "health"])), 303_000);
    // Income, assets: P2/E2 -> 10 + 5 = 15.
    assert_eq!(per_person(json!(["name", "address", "financial"])), 45_000);
    // Criminal record: P3/E3 -> 100 + 25 = 125.
    assert_eq!(per_person(json!(["name", "address", "criminal"])), 375_000);
    // Bank account number only: P1/E2 -> 1 + 5 = 6.
    assert_eq!(
        per_person(json!(["name", "address", "bank_account"])),
        18_000
    );
    // Independent maxima: P2 (health check) and E3 (card) -> 10 + 25 = 35.
    assert_eq!(
        per_person(json!(["name", "address", "health_check", "credit_card"])),
        105_000
    );
    // Last four digits only: P1/E1.
    let j = jnsa(json!({"data": ["name", "address", "credit_card"], "card_last4_only": true}));
    assert_eq!(j["per_person"], 6_000);
}

#[test]
fn identifiability_levels() {
    // name alone, or address + phone: 3.
    assert_eq!(per_person(json!(["name", "credit_card"])), 39_000);
    assert_eq!(per_person(json!(["address", "phone"])), 3_000);
    assert_eq!(per_person(json!(["address"])), 1_000);
    assert_eq!(per_person(json!(["phone", "email"])), 1_000);
}

#[test]
fn responsibility_and_response_factors_and_range() {
    let base = json!(["name", "address"]);
    let j = jnsa(json!({"data": base, "social_responsibility": "high", "response": "appropriate"}));
    assert_eq!(j["per_person"], 12_000);
    let j =
        jnsa(json!({"data": base, "social_responsibility": "normal", "response": "inappropriate"}));
    assert_eq!(j["per_person"], 12_000);
    let j = jnsa(json!({"data": base, "response": "unknown"}));
    assert_eq!(j["per_person"], 6_000);
    // The model's maximum: 500 x 125 x 6 x 2 x 2.
    let j = jnsa(
        json!({"persons": 1000, "data": ["name", "address", "criminal"],
                        "social_responsibility": "high", "response": "inappropriate"}),
    );
    assert_eq!(j["per_person"], 1_500_000);
    assert_eq!(j["total"], 1_500_000_000u64);
    // Minimum with nothing known.
    let j = jnsa(json!({}));
    assert_eq!(j["per_person"], 1_000);
    assert_eq!(j["total"], Value::Null);
}

#[test]
fn level_overrides() {
    // Mental disability: override the default P2 of `disability` with P3/E1.
    assert_eq!(per_person(json!(["name", "address", "disability"])), 33_000);
    let j = jnsa(json!({"data": ["name", "address", "disability"],
                        "jnsa_levels": {"disability": [3, 1]}}));
    assert_eq!(j["per_person"], 303_000);
    assert_eq!(j["items"][2]["overridden"], true);
}
