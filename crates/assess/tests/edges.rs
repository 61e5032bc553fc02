//! Edge cases beyond the reference scenarios: thresholds, roll-overs, exemptions, card data,
//! branches for unknown facts, incident records, the JSON contract and the text form.

use jikenbo_assess::{
    assess, assess_incident, assess_incident_with, assess_stored, facts_from_incident, kakuho_due,
    render_text, Date, Facts, Unknown,
};
use jikenbo_model::{Cause, DataKind, Incident, Leak, PartialDate, Sector, Span};
use serde_json::{json, Value};

fn run(facts: Value) -> Value {
    let facts = Facts::from_json(&facts.to_string()).expect("valid facts");
    serde_json::to_value(assess(&facts)).expect("serializable")
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn grounds(out: &Value) -> Vec<&str> {
    out["grounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect()
}

fn summaries(out: &Value) -> Vec<String> {
    out["branches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["summary"].as_str().unwrap().to_string())
        .collect()
}

fn persons(org: &str, n: u64) -> Value {
    run(
        json!({"org_kind": org, "persons": n, "data": ["name", "address"],
               "cause": "misdelivery", "aware": "2025-09-01"}),
    )
}

#[test]
fn private_threshold_is_more_than_1000() {
    assert_eq!(persons("business", 1000)["report_required"], false);
    let out = persons("business", 1001);
    assert_eq!(out["report_required"], true);
    assert_eq!(grounds(&out), ["volume"]);
    assert_eq!(out["kakuho_days"], 30);
}

#[test]
fn courts_and_the_diet_are_outside_the_appi_duty() {
    // 5,000 persons with health data and wrongful intent: reportable for anyone else
    let facts = |org: &str| {
        json!({"org_kind": org, "persons": 5000, "data": ["name", "health"],
               "cause": "unauthorized_access", "aware": "2025-09-01"})
    };
    assert_eq!(run(facts("public_body"))["report_required"], true);
    let out = run(facts("outside_appi"));
    assert_eq!(out["report_required"], false, "{out}");
    assert_eq!(out["notify_individuals"], false);
    assert!(
        out["reasons"][0].as_str().unwrap().starts_with("適用外"),
        "{out}"
    );
    // named as a court, the incident record is assessed so too
    let mut inc = Incident::empty("c.txt", Span::new(0, 0));
    inc.organization = Some("最高裁判所".into());
    inc.affected = Some(5000);
    inc.cause = Some(Cause::UnauthorizedAccess);
    assert!(!assess_incident(&inc).report_required);
}

#[test]
fn a_stored_sector_decides_the_organization_kind() {
    // a name that reads as a company, 500 persons: no report for a business (over 1,000 only)
    let mut inc = Incident::empty("s.txt", Span::new(0, 0));
    inc.organization = Some("みどり情報センター".into());
    inc.affected = Some(500);
    inc.data = vec![DataKind::Name, DataKind::Address];
    inc.cause = Some(Cause::Misdelivery);
    assert!(!assess_stored(&inc, Some(Sector::Company), None).report_required);
    // a curator says it is a municipality's body: the public threshold (over 100) applies
    let a = assess_stored(&inc, Some(Sector::LocalGovernment), None);
    assert!(a.report_required);
    assert_eq!(a.facts.org_kind, Some(jikenbo_assess::OrgKind::PublicBody));
}

#[test]
fn public_threshold_is_more_than_100() {
    assert_eq!(persons("public_body", 100)["report_required"], false);
    let out = persons("public_body", 101);
    assert_eq!(out["report_required"], true);
    assert_eq!(grounds(&out), ["volume"]);
    assert_eq!(out["regimes"], json!(["appi_public"]));
}

#[test]
fn public_hospitals_and_universities_follow_the_private_rule() {
    for n in [101, 1000] {
        let out = persons("public_medical_academic", n);
        assert_eq!(out["report_required"], false, "{n}");
        assert_eq!(out["regimes"], json!(["appi_private"]));
    }
    assert_eq!(
        persons("public_medical_academic", 1001)["report_required"],
        true
    );
    let out = run(json!({"org_kind": "public_medical_academic", "persons": 1,
                         "data": ["name", "health"], "cause": "misdelivery"}));
    assert_eq!(grounds(&out), ["sensitive"]);
    assert!(out["reasons"][0]
        .as_str()
        .unwrap()
        .contains("法第58条第2項"));
    // 条例要配慮 is a ground only for public bodies.
    let out = run(json!({"org_kind": "public_medical_academic", "persons": 1,
                         "data": ["name"], "ordinance_sensitive": true}));
    assert_eq!(out["report_required"], false);
}

fn my_numbers(org: &str, n: u64) -> Value {
    run(
        json!({"org_kind": org, "persons": n, "data": ["name", "my_number"],
               "cause": "misdelivery", "aware": "2026-01-05"}),
    )
}

#[test]
fn my_number_threshold_is_more_than_100_for_every_body() {
    for org in ["business", "public_medical_academic"] {
        assert_eq!(my_numbers(org, 100)["report_required"], false, "{org}");
        let out = my_numbers(org, 101);
        assert_eq!(grounds(&out), ["mynumber_volume"], "{org}");
        assert_eq!(out["regimes"], json!(["appi_private", "mynumber"]));
    }
    assert_eq!(my_numbers("public_body", 100)["report_required"], false);
    // A public body: 101 persons trigger both Rule 43(iv) and My Number Rule 2(iv).
    let out = my_numbers("public_body", 101);
    assert_eq!(grounds(&out), ["volume", "mynumber_volume"]);
    assert_eq!(out["regimes"], json!(["appi_public", "mynumber"]));
    // my_number_persons counts separately from persons.
    let out = run(json!({"persons": 5000, "my_number_persons": 100,
                         "data": ["name", "my_number"], "cause": "misdelivery"}));
    assert_eq!(grounds(&out), ["volume"]);
    let out = run(json!({"persons": 500, "my_number_persons": 101,
                         "data": ["name", "my_number"], "cause": "misdelivery"}));
    assert_eq!(grounds(&out), ["mynumber_volume"]);
}

#[test]
fn my_number_system_and_public_exposure() {
    let out = run(
        json!({"persons": 1, "data": ["my_number"], "cause": "misdelivery",
                         "mynumber_system": true}),
    );
    assert_eq!(grounds(&out), ["mynumber_system"]);
    // Misconfiguration is taken as public exposure unless told otherwise.
    let out = run(json!({"persons": 3, "data": ["my_number"], "cause": "misconfiguration"}));
    assert_eq!(grounds(&out), ["mynumber_public"]);
    assert!(summaries(&out)
        .iter()
        .any(|s| s.starts_with("不特定多数が閲覧できる状態ではなかった場合: 報告義務なし")));
    let out = run(
        json!({"persons": 3, "data": ["my_number"], "cause": "misconfiguration",
                         "publicly_viewable": false}),
    );
    assert_eq!(out["report_required"], false);
}

#[test]
fn year_end_roll_over() {
    // Day 30 = 2025-12-30 (closure), then 01-01..01-03 closure and Sunday 01-04.
    assert_eq!(kakuho_due(d("2025-12-01"), 30), d("2026-01-05"));
    let out = run(json!({"persons": 1, "data": ["health"], "aware": "2025-12-01"}));
    assert_eq!(out["kakuho_due"], "2026-01-05");
    let reasons = out["reasons"].to_string();
    assert!(reasons.contains("年末年始"), "{reasons}");
    assert!(reasons.contains("行政機関の休日に関する法律第2条"));
    // 60 days from 2025-10-31: day 60 = 2025-12-29.
    assert_eq!(kakuho_due(d("2025-10-31"), 60), d("2026-01-05"));
    // Day 30 on 12-28 (a Sunday in 2025) rolls into the closure too.
    assert_eq!(kakuho_due(d("2025-11-29"), 30), d("2026-01-05"));
}

#[test]
fn golden_week_roll_over() {
    // 2025: day 30 = 05-06 (振替休日) -> 05-07.
    assert_eq!(kakuho_due(d("2025-04-07"), 30), d("2025-05-07"));
    // 2026: day 60 = 05-03 (Sun, 憲法記念日), 05-04, 05-05, 05-06 (振替休日) -> 05-07.
    let aware = d("2026-05-03").add_days(-59);
    assert_eq!(kakuho_due(aware, 60), d("2026-05-07"));
    let out = run(
        json!({"persons": 1, "data": ["name"], "cause": "unauthorized_access",
                         "aware": aware.to_string()}),
    );
    assert_eq!(out["kakuho_due"], "2026-05-07");
    assert_eq!(out["kakuho_days"], 60);
    // 2019: 10 consecutive days off (04-27..05-06).
    assert_eq!(kakuho_due(d("2019-03-29"), 30), d("2019-05-07"));
    // Silver week 2026: 09-19 Sat .. 09-23 (秋分の日), 09-22 国民の休日.
    assert_eq!(kakuho_due(d("2026-08-22"), 30), d("2026-09-24"));
}

#[test]
fn card_number_alone_vs_last_four_digits() {
    let full = run(json!({"persons": 1, "data": ["credit_card"], "cause": "misdelivery"}));
    assert_eq!(grounds(&full), ["financial"]);
    assert!(summaries(&full)
        .iter()
        .any(|s| s.starts_with("カード番号の下4桁・有効期限のみの場合: 報告義務なし")));
    let last4 = run(
        json!({"persons": 1, "data": ["credit_card"], "card_last4_only": true,
                           "cause": "misdelivery"}),
    );
    assert_eq!(last4["report_required"], false);
    assert_eq!(last4["jnsa"]["economic_level"], 1);
    // Bank account numbers or IDs alone are not Rule 7(ii); payment-capable credentials are.
    let bank = run(json!({"persons": 1, "data": ["name", "bank_account"], "cause": "misdelivery"}));
    assert_eq!(bank["report_required"], false);
    assert!(summaries(&bank)[0].contains("施行規則第7条第2号"));
    let creds = run(
        json!({"persons": 1, "data": ["credentials"], "payment_credentials": true,
                           "cause": "misdelivery"}),
    );
    assert_eq!(grounds(&creds), ["financial"]);
    let over = run(json!({"persons": 1, "data": ["name"], "financial_risk": true}));
    assert_eq!(grounds(&over), ["financial"]);
}

#[test]
fn encryption_exempts_every_ground_of_both_laws() {
    let out = run(json!({"persons": 5000, "my_number_persons": 5000,
                         "data": ["name", "health", "credit_card", "my_number"],
                         "cause": "loss_theft", "wrongful_intent": true, "encrypted": true,
                         "aware": "2025-10-01"}));
    assert_eq!(out["report_required"], false);
    assert_eq!(grounds(&out), Vec::<&str>::new());
    assert_eq!(out["notify_individuals"], false);
    for r in out["regime_details"].as_array().unwrap() {
        assert_eq!(r["exemption"], "encrypted");
    }
}

#[test]
fn pseudonymized_data_is_outside_art_26_only() {
    let out = run(
        json!({"persons": 5000, "data": ["health"], "cause": "unauthorized_access",
                         "pseudonymized": true}),
    );
    assert_eq!(out["report_required"], false);
    assert!(out["reasons"].to_string().contains("法第41条第9項"));
    // My Number data is never 仮名加工情報 (a 個人識別符号 must be removed); its rule still applies.
    let out = run(
        json!({"persons": 200, "data": ["my_number"], "cause": "misdelivery",
                         "pseudonymized": true}),
    );
    assert_eq!(grounds(&out), ["mynumber_volume"]);
}

#[test]
fn recovered_unviewed_and_no_leak_are_not_reportable() {
    for extra in [json!({"recovered_unviewed": true}), json!({"leak": "none"})] {
        let mut facts = json!({"persons": 5000, "data": ["health", "my_number"],
                               "cause": "misdelivery"});
        facts
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let out = run(facts);
        assert_eq!(out["report_required"], false, "{out}");
        assert_eq!(out["grounds"], json!([]));
    }
}

#[test]
fn processor_that_notified_its_controller() {
    let out = run(
        json!({"persons": 10, "data": ["health"], "cause": "misdelivery",
                         "processor_notified_controller": true, "aware": "2025-06-16"}),
    );
    assert_eq!(out["report_required"], false);
    assert_eq!(out["notify_individuals"], false);
    assert_eq!(out["kakuho_due"], Value::Null);
    assert_eq!(
        out["regime_details"][0]["exemption"],
        "processor_notified_controller"
    );
    assert!(out["reasons"].to_string().contains("施行規則第9条"));
    // Art. 68 has no processor proviso.
    let out = run(
        json!({"org_kind": "public_body", "persons": 150, "data": ["name"],
                         "cause": "misdelivery", "processor_notified_controller": true}),
    );
    assert_eq!(out["report_required"], true);
}

#[test]
fn public_body_nondisclosure_info_drops_the_notice_only() {
    let out = run(
        json!({"org_kind": "public_body", "persons": 150, "data": ["name"],
                         "cause": "misdelivery", "nondisclosure_info": true}),
    );
    assert_eq!(out["report_required"], true);
    assert_eq!(out["notify_individuals"], false);
    assert!(out["reasons"].to_string().contains("法第68条第2項第2号"));
}

#[test]
fn wrongful_intent_overrides_the_cause() {
    let out = run(
        json!({"persons": 1, "data": ["name"], "cause": "unauthorized_access",
                         "wrongful_intent": false}),
    );
    assert_eq!(out["report_required"], false);
    let out = run(
        json!({"persons": 1, "data": ["name"], "cause": "misdelivery",
                         "wrongful_intent": true}),
    );
    assert_eq!(grounds(&out), ["wrongful"]);
    for cause in Cause::ALL {
        let out = run(json!({"persons": 1, "data": ["name"], "cause": cause.as_str()}));
        let wrongful = cause.is_attack() || cause.is_insider();
        assert_eq!(out["report_required"], json!(wrongful), "{cause}");
    }
}

#[test]
fn unknown_facts_show_both_outcomes() {
    let out = run(json!({"data": ["name", "address"], "cause": "misdelivery",
                         "aware": "2025-09-01"}));
    assert_eq!(out["report_required"], false);
    let s = summaries(&out);
    assert!(
        s.contains(&"本人の数が1,000人を超える場合: 報告義務あり、確報30日(期限 2025-09-30) (施行規則第7条第4号)".to_string()),
        "{s:?}"
    );
    let out = run(json!({"persons": 10, "data": ["name"], "cause": "loss_theft"}));
    let b = &out["branches"][0];
    assert_eq!(b["fact"], "wrongful_intent");
    assert_eq!(b["report_required"], true);
    assert_eq!(b["kakuho_days"], 60);
    assert!(b["summary"]
        .as_str()
        .unwrap()
        .contains("施行規則第7条第3号"));
    assert!(out["assumptions"]
        .to_string()
        .contains("紛失か盗難かが不明"));
}

#[test]
fn every_unknown_core_fact_is_an_assumption() {
    let out = run(json!({}));
    let a = out["assumptions"].as_array().unwrap();
    assert!(a.len() >= 10, "{a:?}");
    for word in [
        "組織の種別",
        "本人の数",
        "項目",
        "不正の目的",
        "暗号化",
        "仮名加工",
        "知った日",
        "社会的責任度",
        "事後対応",
    ] {
        assert!(
            a.iter().any(|x| x.as_str().unwrap().contains(word)),
            "{word}"
        );
    }
}

#[test]
fn a_key_that_is_no_fact_is_refused_not_ignored() {
    // Before: `mystery` was listed in the assumptions as ignored, and a misspelled `persns`
    // made the number of persons silently unknown.
    let e = Facts::from_json(&json!({"persns": 5000, "data": ["name"]}).to_string()).unwrap_err();
    assert!(matches!(e, jikenbo_assess::AssessError::UnknownFacts(_)));
    let msg = e.to_string();
    assert!(
        msg.contains(r#""persns" (did you mean "persons"?)"#),
        "{msg}"
    );
    assert!(
        msg.contains("the facts are: org_kind, persons, my_number_persons"),
        "{msg}"
    );
    assert!(Facts::from_json(&json!({"persons": 1, "mystery": true}).to_string()).is_err());
}

#[test]
fn json_contract_field_names() {
    let out = run(
        json!({"persons": 5, "data": ["name", "address", "credit_card"],
                         "aware": "2026-02-02"}),
    );
    for k in [
        "report_required",
        "grounds",
        "regimes",
        "sokuho_from",
        "sokuho_to",
        "kakuho_due",
        "notify_individuals",
        "jnsa",
        "reasons",
        "assumptions",
        "branches",
    ] {
        assert!(out.get(k).is_some(), "missing {k}");
    }
    for k in [
        "per_person",
        "total",
        "privacy_level",
        "economic_level",
        "identifiability",
    ] {
        assert!(out["jnsa"].get(k).is_some(), "missing jnsa.{k}");
    }
    assert_eq!(out["regimes"], json!(["appi_private"]));
}

#[test]
fn text_form_is_japanese_first() {
    let facts = Facts::from_json(
        r#"{"persons": 400, "data": ["name", "health_check"], "cause": "ransomware", "aware": "2025-12-15"}"#,
    )
    .unwrap();
    let text = render_text(&assess(&facts));
    assert!(
        text.starts_with("判定: 個人情報保護委員会への報告義務あり"),
        "{text}"
    );
    assert!(text.contains("確報期限: 2026-02-12 (60日)"));
    assert!(text.contains("速報(目安): 2025-12-18 〜 2025-12-20"));
    assert!(text.contains("前提"));
}

#[test]
fn stored_incident_assessment() {
    let mut inc = Incident::empty("notice.txt", Span::new(0, 100));
    inc.organization = Some("さくら市".into());
    inc.discovered = PartialDate::ymd(2026, 5, 11);
    inc.data = vec![DataKind::Name, DataKind::Address];
    inc.cause = Some(Cause::Misdelivery);
    inc.leak = Some(Leak::Confirmed);
    let (facts, unknown) = facts_from_incident(&inc);
    assert!(unknown.contains(&Unknown::Persons));
    assert_eq!(facts.aware, Some(d("2026-05-11")));
    let a = assess_incident(&inc);
    assert!(!a.report_required);
    let s: Vec<&str> = a.branches.iter().map(|b| b.summary.as_str()).collect();
    assert!(
        s.contains(&"本人の数が100人を超える場合: 報告義務あり、確報30日(期限 2026-06-09) (施行規則第43条第4号)"),
        "{s:?}"
    );
    assert!(s
        .iter()
        .any(|x| x.starts_with("条例要配慮個人情報を含む場合: 報告義務あり")));
    // Facts known from elsewhere override the record.
    let known = Facts {
        persons: Some(150),
        ..Facts::default()
    };
    let a = assess_incident_with(&inc, &known);
    assert!(a.report_required);
    assert_eq!(a.kakuho_due, Some(d("2026-06-09")));
    // Incident JSON (the model's serde form) round-trips into an assessment.
    let json = serde_json::to_string(&inc).unwrap();
    let back: Incident = serde_json::from_str(&json).unwrap();
    assert_eq!(assess_incident(&back), assess_incident(&inc));
}
