//! VERIS 1.3 export: each live incident as a VERIS community schema (1.3.x) incident.
//!
//! The mapping (also in `crates/store/VERIS.md`):
//!
//! | Jikenbo | VERIS 1.3 |
//! |---|---|
//! | number `2024-001` | `incident_id` `jikenbo-2024-001`; `plus.master_id` a UUID derived from the number (stable across exports) |
//! | title (else organization) | `summary` |
//! | first document's source (else name) | `reference` |
//! | — | `schema_version` `1.3.7`, `security_incident` `Confirmed`, `confidence` `Medium`, `source_id` `jikenbo`, `discovery_method.unknown` `true`, `asset.assets` `[{"variety": "Unknown"}]`, `impact.overall_rating` `Unknown` |
//! | cause `targeted_email` | `action.social` Phishing / Email / End-user, `action.malware` Unknown / Email attachment |
//! | cause `phishing` | `action.social` Phishing / Email / End-user, `action.hacking` Use of stolen creds / Web application |
//! | cause `support_scam` | `action.social` Scam / Web application / End-user, `action.malware` Adminware / Direct install (remote-control software) |
//! | cause `ransomware` | `action.malware` Ransomware / Unknown |
//! | cause `unauthorized_access` | `action.hacking` Unknown / Unknown |
//! | cause `malware` | `action.malware` Unknown / Unknown |
//! | cause `insider_theft` | `action.misuse` Data mishandling / Unknown |
//! | cause `insider_snooping` | `action.misuse` Privilege abuse / Unknown |
//! | cause `insider_misuse` | `action.misuse` Knowledge abuse / Unknown |
//! | cause `insider_disclosure` | `action.misuse` Data mishandling / Unknown |
//! | cause `misconfiguration` | `action.error` Misconfiguration / Unknown |
//! | cause `loss_theft` | `action.error` Loss / Unknown |
//! | cause `misdelivery` | `action.error` Misdelivery / Unknown |
//! | cause unknown | `action.unknown` with a note |
//! | actor `external` | `actor.external` variety Unknown, motive Unknown (Financial for ransomware, phishing, support scams), country Unknown |
//! | actor `internal` | `actor.internal` variety Unknown, motive NA for errors (misdelivery, loss, misconfiguration), else Unknown |
//! | actor `partner` | `actor.partner` motive NA for errors, else Unknown; country JP |
//! | actor unknown | `actor.unknown` with a note |
//! | leak `confirmed` / `possible` / `none` / unknown | `attribute.confidentiality.data_disclosure` Yes / Potentially / No / Unknown |
//! | affected | `attribute.confidentiality.data_total` (and the amount of a single data variety) |
//! | data `health`, `health_check` | data variety `Medical` |
//! | data `credit_card` | `Payment` |
//! | data `bank_account`, `financial` | `Bank` |
//! | data `credentials` | `Credentials` |
//! | data `content` | `Internal` |
//! | other data kinds (name, address, phone, email, birthdate, gender, age, my_number, criminal, workplace, family, customer_id, image, disability, creed, race, social_status, crime_victim) | `Personal` |
//! | no data kind | `Unknown` |
//! | occurred (else discovered, else published) | `timeline.incident` year / month / day (as precise as known) |
//! | discovered − occurred (both full dates) | `timeline.discovery` unit Days, value |
//! | published | `plus.timeline.notification` year / month / day |
//! | organization | `victim.victim_id` |
//! | sector 医療機関 / 学校 / 自治体 / 国の機関 / 警察 / 企業 / 団体 / unknown | `victim.industry` NAICS 62 / 61 / 92 / 92 / 922120 / 00 / 813 / 00; `victim.government` Local for 自治体, Federal for 国の機関 and 警察 (national/prefectural public bodies), else NA |
//! | — | `victim.country` `["JP"]`, `victim.employee_count` Unknown |
//! | labels, sector, Japanese cause, documents | `plus.jikenbo` (number, labels, sector, cause_ja, documents) |
//!
//! VERIS has no field for the notice date or for Japanese-specific categories, so those go to
//! `plus`, the schema's extension object.

use crate::export::documents_of;
use crate::search::{build, Filter};
use crate::util::{data_from_mask, days_between, sha256_hex, split_labels};
use crate::{format_number, Result, Store};
use jikenbo_model::{Actor, Cause, DataKind, Leak, PartialDate};
use serde_json::{json, Map, Value};
use std::io::Write;

/// The values an incident's VERIS record is made from.
#[derive(Debug, Clone, Default)]
pub struct VerisInput {
    pub number: String,
    pub organization: Option<String>,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    pub occurred: Option<PartialDate>,
    pub discovered: Option<PartialDate>,
    pub affected: Option<u64>,
    pub leak: Option<Leak>,
    pub cause: Option<Cause>,
    pub actor: Option<Actor>,
    pub data: Vec<DataKind>,
    pub sector: Option<String>,
    pub labels: Vec<String>,
    pub documents: Vec<String>,
    pub sources: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

fn action(variety: &str, vector: &str) -> Value {
    json!({ "variety": [variety], "vector": [vector] })
}

fn social(variety: &str, vector: &str) -> Value {
    json!({ "variety": [variety], "vector": [vector], "target": ["End-user"] })
}

fn ymd(d: &PartialDate) -> Value {
    let mut m = Map::new();
    m.insert("year".into(), json!(d.year));
    if let Some(mo) = d.month {
        m.insert("month".into(), json!(mo));
        if let Some(day) = d.day {
            m.insert("day".into(), json!(day));
        }
    }
    Value::Object(m)
}

/// A UUID (version 4 layout) derived from a text, so the same incident gets the same id.
fn uuid_of(s: &str) -> String {
    let h = sha256_hex(s.as_bytes());
    let mut b: Vec<char> = h[..32].chars().collect();
    b[12] = '4';
    b[16] = match b[16] {
        '0' | '4' | '8' | 'c' => '8',
        '1' | '5' | '9' | 'd' => '9',
        '2' | '6' | 'a' | 'e' => 'a',
        _ => 'b',
    };
    let s: String = b.into_iter().collect();
    format!(
        "{}-{}-{}-{}-{}",
        &s[0..8],
        &s[8..12],
        &s[12..16],
        &s[16..20],
        &s[20..32]
    )
}

/// NAICS code and government level for a sector (Japanese name).
pub fn industry_of(sector: Option<&str>) -> (&'static str, &'static str) {
    match sector {
        Some("医療機関") => ("62", "NA"),
        Some("学校") => ("61", "NA"),
        Some("自治体") => ("92", "Local"),
        Some("国の機関") => ("92", "Federal"),
        Some("警察") => ("922120", "Federal"),
        Some("団体") => ("813", "NA"),
        _ => ("00", "NA"),
    }
}

fn data_variety(k: DataKind) -> &'static str {
    match k {
        DataKind::Health | DataKind::HealthCheck => "Medical",
        DataKind::CreditCard => "Payment",
        DataKind::BankAccount | DataKind::Financial => "Bank",
        DataKind::Credentials => "Credentials",
        DataKind::Content => "Internal",
        _ => "Personal",
    }
}

/// One incident as a VERIS 1.3 record (see the module table).
pub fn veris_record(i: &VerisInput) -> Value {
    let mut action_obj = Map::new();
    match i.cause {
        Some(Cause::TargetedEmail) => {
            action_obj.insert("social".into(), social("Phishing", "Email"));
            action_obj.insert("malware".into(), action("Unknown", "Email attachment"));
        }
        Some(Cause::Phishing) => {
            action_obj.insert("social".into(), social("Phishing", "Email"));
            action_obj.insert(
                "hacking".into(),
                action("Use of stolen creds", "Web application"),
            );
        }
        Some(Cause::SupportScam) => {
            action_obj.insert("social".into(), social("Scam", "Web application"));
            action_obj.insert("malware".into(), action("Adminware", "Direct install"));
        }
        Some(Cause::Ransomware) => {
            action_obj.insert("malware".into(), action("Ransomware", "Unknown"));
        }
        Some(Cause::UnauthorizedAccess) => {
            action_obj.insert("hacking".into(), action("Unknown", "Unknown"));
        }
        Some(Cause::Malware) => {
            action_obj.insert("malware".into(), action("Unknown", "Unknown"));
        }
        Some(Cause::InsiderTheft) | Some(Cause::InsiderDisclosure) => {
            action_obj.insert("misuse".into(), action("Data mishandling", "Unknown"));
        }
        Some(Cause::InsiderSnooping) => {
            action_obj.insert("misuse".into(), action("Privilege abuse", "Unknown"));
        }
        Some(Cause::InsiderMisuse) => {
            action_obj.insert("misuse".into(), action("Knowledge abuse", "Unknown"));
        }
        Some(Cause::Misconfiguration) => {
            action_obj.insert("error".into(), action("Misconfiguration", "Unknown"));
        }
        Some(Cause::LossTheft) => {
            action_obj.insert("error".into(), action("Loss", "Unknown"));
        }
        Some(Cause::Misdelivery) => {
            action_obj.insert("error".into(), action("Misdelivery", "Unknown"));
        }
        None => {
            action_obj.insert(
                "unknown".into(),
                json!({ "notes": "The notice does not state the cause." }),
            );
        }
    }
    let is_error = i.cause.is_some_and(|c| c.is_error());
    let financial = matches!(
        i.cause,
        Some(Cause::Ransomware | Cause::Phishing | Cause::SupportScam)
    );
    let actor = match i.actor {
        Some(Actor::External) => json!({ "external": {
            "variety": ["Unknown"],
            "motive": [if financial { "Financial" } else { "Unknown" }],
            "country": ["Unknown"],
        }}),
        Some(Actor::Internal) => json!({ "internal": {
            "variety": ["Unknown"],
            "motive": [if is_error { "NA" } else { "Unknown" }],
        }}),
        Some(Actor::Partner) => json!({ "partner": {
            "motive": [if is_error { "NA" } else { "Unknown" }],
            "country": ["JP"],
        }}),
        None => json!({ "unknown": { "notes": "The notice does not say who acted." } }),
    };
    let mut conf = Map::new();
    conf.insert(
        "data_disclosure".into(),
        json!(match i.leak {
            Some(Leak::Confirmed) => "Yes",
            Some(Leak::Possible) => "Potentially",
            Some(Leak::None) => "No",
            None => "Unknown",
        }),
    );
    if let Some(n) = i.affected {
        conf.insert("data_total".into(), json!(n));
    }
    let mut varieties: Vec<&str> = Vec::new();
    for k in &i.data {
        let v = data_variety(*k);
        if !varieties.contains(&v) {
            varieties.push(v);
        }
    }
    if varieties.is_empty() {
        varieties.push("Unknown");
    }
    let single = varieties.len() == 1;
    conf.insert(
        "data".into(),
        Value::Array(
            varieties
                .iter()
                .map(|v| match (single, i.affected) {
                    (true, Some(n)) => json!({ "variety": v, "amount": n }),
                    _ => json!({ "variety": v }),
                })
                .collect(),
        ),
    );
    let mut timeline = Map::new();
    let when = i.occurred.or(i.discovered).or(i.published);
    timeline.insert(
        "incident".into(),
        match when {
            Some(d) => ymd(&d),
            None => json!({ "year": crate::util::year_of(&i.created_at) }),
        },
    );
    if let (Some(o), Some(d)) = (&i.occurred, &i.discovered) {
        if let Some(days) = days_between(o, d).filter(|d| *d >= 0) {
            timeline.insert("discovery".into(), json!({ "unit": "Days", "value": days }));
        }
    }
    let (industry, government) = industry_of(i.sector.as_deref());
    let mut victim = Map::new();
    if let Some(o) = &i.organization {
        victim.insert("victim_id".into(), json!(o));
    }
    victim.insert("industry".into(), json!(industry));
    victim.insert("government".into(), json!([government]));
    victim.insert("country".into(), json!(["JP"]));
    victim.insert("employee_count".into(), json!("Unknown"));
    let mut plus = Map::new();
    plus.insert(
        "master_id".into(),
        json!(uuid_of(&format!("jikenbo:{}", i.number))),
    );
    plus.insert("created".into(), json!(i.created_at));
    plus.insert("modified".into(), json!(i.updated_at));
    if let Some(p) = &i.published {
        plus.insert("timeline".into(), json!({ "notification": ymd(p) }));
    }
    plus.insert(
        "jikenbo".into(),
        json!({
            "number": i.number,
            "labels": i.labels,
            "sector": i.sector,
            "cause_ja": i.cause.map(|c| c.ja()),
            "documents": i.documents,
        }),
    );
    let summary = i
        .title
        .clone()
        .or_else(|| i.organization.clone())
        .unwrap_or_else(|| format!("Jikenbo incident {}", i.number));
    let mut rec = Map::new();
    rec.insert("schema_version".into(), json!("1.3.7"));
    rec.insert("incident_id".into(), json!(format!("jikenbo-{}", i.number)));
    rec.insert("source_id".into(), json!("jikenbo"));
    if let Some(r) = i.sources.first().or(i.documents.first()) {
        rec.insert("reference".into(), json!(r));
    }
    rec.insert("security_incident".into(), json!("Confirmed"));
    rec.insert("confidence".into(), json!("Medium"));
    rec.insert("summary".into(), json!(summary));
    rec.insert("action".into(), Value::Object(action_obj));
    rec.insert("actor".into(), actor);
    rec.insert(
        "asset".into(),
        json!({ "assets": [{ "variety": "Unknown" }] }),
    );
    rec.insert(
        "attribute".into(),
        json!({ "confidentiality": Value::Object(conf) }),
    );
    rec.insert("discovery_method".into(), json!({ "unknown": true }));
    rec.insert("impact".into(), json!({ "overall_rating": "Unknown" }));
    rec.insert("timeline".into(), Value::Object(timeline));
    rec.insert("victim".into(), Value::Object(victim));
    rec.insert("plus".into(), Value::Object(plus));
    Value::Object(rec)
}

impl Store {
    /// Writes the live incidents matching `filter` as a JSON array of VERIS 1.3 records, ordered
    /// by number.
    pub fn export_veris<W: Write>(&self, mut w: W, filter: &Filter) -> Result<u64> {
        let conn = &self.conn;
        let b = build(conn, None, filter)?;
        let (from, conds, p) = b.sql();
        let docs = documents_of(conn)?;
        let mut st = conn.prepare(&format!(
            "SELECT i.id, i.year, i.seq, i.organization, i.title, i.published, i.occurred,
                    i.discovered, i.affected, i.leak, i.cause, i.actor, i.data_mask, i.sector,
                    i.labels, i.created_at, i.updated_at
             FROM {from} WHERE {}{} ORDER BY i.year, i.seq",
            conds.join(" AND "),
            if b.empty { " AND 0" } else { "" }
        ))?;
        let mut rows = st.query(rusqlite::params_from_iter(p.iter()))?;
        w.write_all(b"[")?;
        let mut n = 0u64;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let date = |i: usize| -> rusqlite::Result<Option<PartialDate>> {
                Ok(r.get::<_, Option<String>>(i)?.and_then(|s| s.parse().ok()))
            };
            let (documents, sources) = docs.get(&id).cloned().unwrap_or_default();
            let input = VerisInput {
                number: format_number(r.get(1)?, r.get(2)?),
                organization: r.get(3)?,
                title: r.get(4)?,
                published: date(5)?,
                occurred: date(6)?,
                discovered: date(7)?,
                affected: r.get::<_, Option<i64>>(8)?.map(|a| a as u64),
                leak: r.get::<_, Option<String>>(9)?.and_then(|s| s.parse().ok()),
                cause: r.get::<_, Option<String>>(10)?.and_then(|s| s.parse().ok()),
                actor: r.get::<_, Option<String>>(11)?.and_then(|s| s.parse().ok()),
                data: data_from_mask(r.get(12)?),
                sector: r.get(13)?,
                labels: split_labels(&r.get::<_, String>(14)?)
                    .map(str::to_string)
                    .collect(),
                documents,
                sources,
                created_at: r.get(15)?,
                updated_at: r.get(16)?,
            };
            w.write_all(if n == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut w, &veris_record(&input))?;
            n += 1;
        }
        w.write_all(if n == 0 { b"]\n" } else { b"\n]\n" })?;
        w.flush()?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_a_ransomware_hospital() {
        let d = |s: &str| s.parse::<PartialDate>().ok();
        let v = veris_record(&VerisInput {
            number: "2025-001".into(),
            organization: Some("みどりヶ丘総合病院".into()),
            title: Some("ランサムウェア被害について".into()),
            published: d("2025-10-03"),
            occurred: d("2025-09-25"),
            discovered: d("2025-09-28"),
            affected: Some(12000),
            leak: Some(Leak::Possible),
            cause: Some(Cause::Ransomware),
            actor: Some(Actor::External),
            data: vec![DataKind::Name, DataKind::Health],
            sector: Some("医療機関".into()),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            updated_at: "2026-01-01T00:00:00.000Z".into(),
            ..Default::default()
        });
        assert_eq!(v["action"]["malware"]["variety"][0], "Ransomware");
        assert_eq!(v["actor"]["external"]["motive"][0], "Financial");
        let c = &v["attribute"]["confidentiality"];
        assert_eq!(c["data_disclosure"], "Potentially");
        assert_eq!(c["data_total"], 12000);
        assert_eq!(c["data"][0]["variety"], "Personal");
        assert_eq!(c["data"][1]["variety"], "Medical");
        assert_eq!(v["timeline"]["incident"]["day"], 25);
        assert_eq!(v["timeline"]["discovery"]["value"], 3);
        assert_eq!(v["victim"]["industry"], "62");
        assert_eq!(v["victim"]["country"][0], "JP");
        assert_eq!(v["plus"]["timeline"]["notification"]["month"], 10);
        let id = v["plus"]["master_id"].as_str().unwrap();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
    }

    #[test]
    fn unknowns_stay_valid() {
        let v = veris_record(&VerisInput {
            number: "2024-002".into(),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            ..Default::default()
        });
        assert!(v["action"]["unknown"]["notes"].is_string());
        assert!(v["actor"]["unknown"]["notes"].is_string());
        assert_eq!(v["timeline"]["incident"]["year"], 2026);
        assert_eq!(
            v["attribute"]["confidentiality"]["data"][0]["variety"],
            "Unknown"
        );
        assert_eq!(
            v["attribute"]["confidentiality"]["data_disclosure"],
            "Unknown"
        );
    }
}
