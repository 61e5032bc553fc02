//! VERIS 1.3 export: each live, dated incident as a VERIS community schema (1.3.7) incident.
//!
//! The mapping (also in `crates/store/VERIS.md`, with the reasons):
//!
//! | Jikenbo | VERIS 1.3 |
//! |---|---|
//! | number `2024-001` | `incident_id` `jikenbo-2024-001`; `plus.master_id` the UUID version 5 (SHA-1, name-based) of the number in [`MASTER_ID_NAMESPACE`] (the same in every export) |
//! | title (else organization) | `summary` |
//! | first `http(s)` URL among the documents' sources | `reference`; omitted when no document came from a URL (a local path never leaves the store) |
//! | what the record holds ([`confidence_of`]) | `confidence` High / Medium / Low |
//! | — | `schema_version` `1.3.7`, `security_incident` `Confirmed`, `source_id` `jikenbo`, `discovery_method.unknown` `true`, `impact.overall_rating` `Unknown` |
//! | cause `targeted_email` | `action.social` Phishing / Email / End-user, `action.malware` Unknown / Email attachment |
//! | cause `phishing` | `action.social` Phishing / Email / End-user, `action.hacking` Use of stolen creds / Web application |
//! | cause `support_scam` | `action.social` Scam / Web application / End-user, `action.malware` Adminware / Direct install (remote-control software) |
//! | cause `ransomware` | `action.malware` Ransomware / Unknown; `attribute.availability` Obscuration, Interruption (files encrypted, systems stopped) |
//! | cause `unauthorized_access` | `action.hacking` Unknown / Unknown |
//! | cause `malware` | `action.malware` Unknown / Unknown |
//! | cause `insider_theft` | `action.misuse` Data mishandling / Unknown |
//! | cause `insider_snooping` | `action.misuse` Privilege abuse / Unknown |
//! | cause `insider_misuse` | `action.misuse` Knowledge abuse / Unknown |
//! | cause `insider_disclosure` | `action.misuse` Data mishandling / Unknown |
//! | cause `misconfiguration` | `action.error` Misconfiguration / Unknown |
//! | cause `loss_theft` | `action.error` Loss / Unknown; `attribute.availability` Loss |
//! | cause `misdelivery` | `action.error` Misdelivery / Unknown |
//! | cause unknown | `action.unknown` with a note |
//! | any malware action / any social action | `attribute.integrity` Software installation / Alter behavior (VERIS's own consistency rules) |
//! | social target End-user / hacking vector Web application | `asset.assets` P - End-user or employee, P - End-user / S - Web application, else `Unknown`; `asset.cloud` Unknown |
//! | a hierarchical child value (target End-user, vector Email attachment) | its parent too (End-user or employee, Email), as VERIS's rules add it |
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
//! | occurred | `timeline.incident` year / month / day (as precise as known) |
//! | no occurred: discovered, else published | `timeline.incident` year only, `plus.jikenbo.timeline_basis` says which ([`timeline_of`]) |
//! | no date at all | not exported: VERIS requires a year and has no value for an unknown one ([`VerisError::Undated`]) |
//! | discovered − occurred (both full dates) | `timeline.discovery` unit Days, value |
//! | published | `plus.timeline.notification` year / month / day |
//! | organization | `victim.victim_id` |
//! | sector and organization | `victim.industry` (NAICS) and `victim.government` ([`industry_of`]) |
//! | — | `victim.country` `["JP"]`, `victim.employee_count` Unknown |
//! | labels, sector, Japanese cause, document names, timeline basis | `plus.jikenbo` |
//!
//! VERIS has no field for the notice date or for Japanese-specific categories, so those go to
//! `plus`, the schema's extension object. `crates/store/tests/veris_schema.rs` checks every record
//! exported from the seeds and the examples against the constraints of the VERIS 1.3.7 schema
//! that apply to the fields written here.

use crate::export::{documents_of, overridden_fields};
use crate::incident::{record_at, record_columns};
use crate::search::{build, Filter};
use crate::util::split_labels;
use crate::values::parse_sector;
use crate::{format_number, Result, Store};
use jikenbo_model::{Actor, Cause, DataKind, Incident, Leak, PartialDate, Sector};
use serde_json::{json, Map, Value};
use std::io::Write;
use uuid::Uuid;

/// The VERIS schema version the records follow.
pub const SCHEMA_VERSION: &str = "1.3.7";

/// The namespace of `plus.master_id`: the id is `Uuid::new_v5(MASTER_ID_NAMESPACE, number)`.
/// A random UUID chosen once for Jikenbo; never change it (every exported id would change).
pub const MASTER_ID_NAMESPACE: Uuid = Uuid::from_u128(0x9e79_3532_de8d_4b8e_bffd_8aef_dc6c_6a4e);

/// VERIS's `victim.industry` for an unknown industry. The 1.3 schema's NAICS pattern accepts
/// `00` (its first alternative, which no NAICS sector uses), VERIS's own 1.3.7 test record uses
/// it, and VERIS's R package reads it as "Unknown".
pub const UNKNOWN_INDUSTRY: &str = "00";

/// The label a curator puts on a record that needs checking; such a record's confidence is Low.
pub const NEEDS_CHECK_LABEL: &str = "要確認";

/// Why an incident cannot be written as a VERIS record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerisError {
    /// No date at all: VERIS requires `timeline.incident.year` (an integer, 1950 and later) and
    /// has no value for an unknown year, and a year the notice does not give would be invented.
    #[error(
        "incident {number} has no date (occurred, discovered or published): VERIS requires \
         timeline.incident.year and has no value for an unknown year, so it is not exported"
    )]
    Undated { number: String },
}

/// The values an incident's VERIS record is made from: the current record (read through
/// `Deref`: `input.organization`; its labels are the incident's) and what the casebook knows
/// beside it.
#[derive(Debug, Clone, Default)]
pub struct VerisInput {
    pub number: String,
    pub record: Incident,
    pub sector: Option<String>,
    /// The names of the incident's documents.
    pub documents: Vec<String>,
    /// Where the documents came from (a path or a URL, as given at ingest), in document order.
    pub sources: Vec<String>,
    /// The fields whose curator override is in force.
    pub overridden: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl std::ops::Deref for VerisInput {
    type Target = Incident;
    fn deref(&self) -> &Incident {
        &self.record
    }
}

impl std::ops::DerefMut for VerisInput {
    fn deref_mut(&mut self) -> &mut Incident {
        &mut self.record
    }
}

/// What [`Store::export_veris_report`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerisExport {
    /// Records written.
    pub exported: u64,
    /// Numbers of the matching incidents left out because they have no date
    /// ([`VerisError::Undated`]).
    pub skipped: Vec<String>,
}

/// VERIS `confidence` of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "Low",
            Confidence::Medium => "Medium",
            Confidence::High => "High",
        }
    }
}

/// How sure the record is, from what it holds.
///
/// The key facts of a VERIS record are the organization (victim), when it happened (occurred or
/// discovered; a notice date alone only bounds it), the cause (action), the actor, whether data
/// leaked, which data, and how many persons.
///
/// * Low: a curator labelled it [`NEEDS_CHECK_LABEL`], or the organization or the cause is
///   unknown (the record says little more than "something happened"), or three or more key
///   facts are unknown.
/// * High: not Low, and every key fact is known, or a curator has corrected the record (an
///   override is in force: a person read the notice against the values).
/// * Medium: the rest.
///
/// VERIS's `None` is never used: every record comes from a published notice.
pub fn confidence_of(i: &VerisInput) -> Confidence {
    let missing = [
        i.organization.is_none(),
        i.occurred.is_none() && i.discovered.is_none(),
        i.cause.is_none(),
        i.actor.is_none(),
        i.leak.is_none(),
        i.data.is_empty(),
        i.affected.is_none(),
    ]
    .iter()
    .filter(|m| **m)
    .count();
    if i.labels.iter().any(|l| l == NEEDS_CHECK_LABEL)
        || i.organization.is_none()
        || i.cause.is_none()
        || missing >= 3
    {
        Confidence::Low
    } else if missing == 0 || !i.overridden.is_empty() {
        Confidence::High
    } else {
        Confidence::Medium
    }
}

/// Which date `timeline.incident` is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineBasis {
    /// The date of occurrence: year, month and day as precise as known.
    Occurred,
    /// Occurrence unknown: the year of discovery (the incident happened no later).
    Discovered,
    /// Occurrence and discovery unknown: the year of the notice (no later either).
    Published,
}

impl TimelineBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            TimelineBasis::Occurred => "occurred",
            TimelineBasis::Discovered => "discovered",
            TimelineBasis::Published => "published",
        }
    }
}

/// `timeline.incident` of a record, and the date it comes from.
///
/// VERIS asks when the incident initially occurred and requires the year (an integer; the
/// schema has no value for "unknown"). The date of occurrence gives year, month and day as far
/// as known. Without it the year of discovery, else of the notice, stands in: the incident
/// happened no later, and `plus.jikenbo.timeline_basis` says which date it is; month and day are
/// left out then, since they would date the occurrence. With no date at all there is no year
/// that is not invented (the year the incident was recorded says nothing about the incident):
/// [`VerisError::Undated`].
pub fn timeline_of(i: &VerisInput) -> std::result::Result<(Value, TimelineBasis), VerisError> {
    if let Some(d) = &i.occurred {
        return Ok((ymd(d), TimelineBasis::Occurred));
    }
    let (d, basis) = match (&i.discovered, &i.published) {
        (Some(d), _) => (d, TimelineBasis::Discovered),
        (None, Some(p)) => (p, TimelineBasis::Published),
        (None, None) => {
            return Err(VerisError::Undated {
                number: i.number.clone(),
            })
        }
    };
    Ok((json!({ "year": d.year }), basis))
}

/// `victim.industry` (a NAICS code) and `victim.government` (one of VERIS's levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Industry {
    /// NAICS code: 2 to 6 digits, a range VERIS accepts (`31-33`, `44-45`, `48-49`), or
    /// [`UNKNOWN_INDUSTRY`].
    pub naics: &'static str,
    /// `Federal` (the national government), `Regional` (a prefecture, prefectural police),
    /// `Local` (a municipality) for public administration (NAICS 92); `NA` for other
    /// organizations; `Unknown` when not even the sector is known.
    pub government: &'static str,
}

/// Words of a business's name that tell its industry, first hit wins (NAICS codes that are the
/// same in the 2017 and 2022 editions).
const BUSINESS_WORDS: &[(&[&str], &str)] = &[
    // 624 Social assistance (welfare corporations, before their 法人 and 会)
    (&["社会福祉法人", "社会福祉協議会"], "624"),
    // 5221 Depository credit intermediation
    (&["銀行", "信用金庫", "信用組合", "労働金庫"], "5221"),
    // 5231 Securities and commodity contracts intermediation and brokerage
    (&["証券"], "5231"),
    // 524 Insurance carriers and related activities
    (&["生命", "保険"], "524"),
    // 2211 Electric power generation, transmission and distribution
    (&["電力"], "2211"),
    // 482 Rail transportation
    (&["鉄道"], "482"),
    // 48-49 Transportation and warehousing
    (&["運輸", "運送", "物流", "倉庫"], "48-49"),
    // 5615 Travel arrangement and reservation services
    (&["旅行"], "5615"),
    // 7211 Traveler accommodation
    (&["ホテル", "旅館"], "7211"),
    // 531 Real estate
    (&["不動産"], "531"),
    // 23 Construction
    (&["建設", "工務店"], "23"),
    // 3254 Pharmaceutical and medicine manufacturing
    (&["製薬"], "3254"),
    // 31-33 Manufacturing
    (&["工業", "製作所", "精工", "製造", "電機"], "31-33"),
    // 44-45 Retail trade (online shops included)
    (
        &[
            "通販",
            "通信販売",
            "オンラインショップ",
            "オンラインストア",
            "百貨店",
            "スーパーマーケット",
            "小売",
        ],
        "44-45",
    ),
    // 51 Information (newspapers, broadcasting, publishing)
    (&["新聞", "放送", "出版"], "51"),
    // 5415 Computer systems design and related services
    (&["システム", "ソフトウェア"], "5415"),
];

/// Words of a medical organization's name, first hit wins; else 62.
const MEDICAL_WORDS: &[(&[&str], &str)] = &[
    // 622 Hospitals
    (&["病院"], "622"),
    // 621210 Offices of dentists
    (&["歯科"], "621210"),
    // 6211 Offices of physicians
    (&["クリニック", "医院", "診療所"], "6211"),
    // Pharmacies are retail in NAICS (446110 in 2017, 456110 in 2022)
    (&["薬局"], "44-45"),
];

/// Words of a school's name, first hit wins; else 61.
const SCHOOL_WORDS: &[(&[&str], &str)] = &[
    // 611310 Colleges, universities, and professional schools
    (&["大学"], "611310"),
    // 611110 Elementary and secondary schools (kindergartens included)
    (
        &["高等学校", "高校", "中学校", "小学校", "幼稚園"],
        "611110",
    ),
    // 624410 Child day care services
    (&["保育園", "保育所"], "624410"),
    // 611691 Exam preparation and tutoring
    (&["学習塾"], "611691"),
];

fn first_hit(org: Option<&str>, table: &[(&[&str], &'static str)]) -> Option<&'static str> {
    let org = org?;
    table
        .iter()
        .find(|(words, _)| words.iter().any(|w| org.contains(w)))
        .map(|(_, code)| *code)
}

/// The level of a local public body: a prefecture (name ending in 県, 都, 府 or 道, or its
/// office) is Regional, a municipality Local, and without a name the level is Unknown.
fn local_level(org: Option<&str>) -> &'static str {
    let Some(org) = org else { return "Unknown" };
    let body = org.split("教育委員会").next().unwrap_or(org).trim();
    let prefecture = ["県", "都", "府", "道"].iter().any(|e| body.ends_with(e))
        || ["県庁", "都庁", "府庁", "道庁"]
            .iter()
            .any(|w| body.contains(w));
    if prefecture {
        "Regional"
    } else {
        "Local"
    }
}

/// NAICS code and government level of an incident's victim, from its sector (Japanese name, or
/// an English key [`parse_sector`] reads) and the words of its organization's name.
///
/// | sector | `industry` | `government` |
/// |---|---|---|
/// | 医療機関 | 622 病院, 621210 歯科, 6211 クリニック・医院・診療所, 44-45 薬局, else 62 | NA |
/// | 学校 | 611310 大学, 611110 高校・中学校・小学校・幼稚園, 624410 保育園, 611691 学習塾, else 61; 教育委員会 923110 | NA; 教育委員会 as 自治体 |
/// | 自治体 | 92 | Regional for a prefecture (県, 都, 府, 道), Local for a municipality, Unknown without a name |
/// | 国の機関 | 92 | Federal |
/// | 警察 | 922120 (police protection) | Federal for 警察庁, else Regional (Japan's police forces are prefectural) |
/// | 企業 | from the name (`BUSINESS_WORDS`: 5221 銀行, 524 生命・保険, 48-49 運輸, ...), else 00 (unknown: NAICS has no code for "a business") | NA |
/// | 団体 | from the name as for 企業 (624 社会福祉法人, 5221 信用組合, ...), else 813 (associations and organizations) | NA |
/// | unknown | from the name as for 企業 (then NA), else 00 | Unknown |
pub fn industry_of(sector: Option<&str>, organization: Option<&str>) -> Industry {
    let org = organization.map(str::trim).filter(|o| !o.is_empty());
    let na = |naics| Industry {
        naics,
        government: "NA",
    };
    match sector.and_then(parse_sector) {
        Some(Sector::Medical) => na(first_hit(org, MEDICAL_WORDS).unwrap_or("62")),
        Some(Sector::School) => {
            if org.is_some_and(|o| o.contains("教育委員会")) {
                // 923110 Administration of education programs: a board of a local public body.
                Industry {
                    naics: "923110",
                    government: local_level(org),
                }
            } else {
                na(first_hit(org, SCHOOL_WORDS).unwrap_or("61"))
            }
        }
        Some(Sector::LocalGovernment) => Industry {
            naics: "92",
            government: local_level(org),
        },
        Some(Sector::NationalGovernment) => Industry {
            naics: "92",
            government: "Federal",
        },
        Some(Sector::Police) => Industry {
            naics: "922120",
            government: if org.is_some_and(|o| o.contains("警察庁")) {
                "Federal"
            } else {
                "Regional"
            },
        },
        Some(Sector::Company) => na(first_hit(org, BUSINESS_WORDS).unwrap_or(UNKNOWN_INDUSTRY)),
        Some(Sector::Association) => na(first_hit(org, BUSINESS_WORDS).unwrap_or("813")),
        None => match first_hit(org, BUSINESS_WORDS) {
            Some(naics) => na(naics),
            None => Industry {
                naics: UNKNOWN_INDUSTRY,
                government: "Unknown",
            },
        },
    }
}

/// `reference`: the first source that is an `http(s)` URL. A source may be a path on the
/// ingesting machine (`jikenbo ingest FILE` records it); VERIS's reference is for the document
/// the record is based on, and a local path names nothing a reader can open while it tells where
/// the casebook's files sit, so paths are never exported. URLs with user information
/// (`user:password@`) are left out too. No URL: no `reference` (the casebook number is already
/// the `incident_id`).
pub fn reference_of(sources: &[String]) -> Option<&str> {
    sources.iter().map(|s| s.trim()).find(|s| is_public_url(s))
}

fn is_public_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    !authority.is_empty() && !authority.contains('@') && !s.chars().any(char::is_whitespace)
}

/// A document name without any directory part (names are file names already; a pasted name may
/// still carry one).
fn bare_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// `plus.master_id`: UUID version 5 (name-based, SHA-1) of the casebook number.
pub fn master_id(number: &str) -> Uuid {
    Uuid::new_v5(&MASTER_ID_NAMESPACE, number.as_bytes())
}

fn action(variety: &str, vector: &str) -> Value {
    json!({ "variety": [variety], "vector": [vector] })
}

/// A social action on an end user. VERIS's enumerations are hierarchical and its rules add the
/// parent of a child value (vz-risk/veris#150): End-user comes with End-user or employee.
fn social(variety: &str, vector: &str) -> Value {
    json!({ "variety": [variety], "vector": [vector], "target": ["End-user or employee", "End-user"] })
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

fn push_unique(v: &mut Vec<&'static str>, x: &'static str) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// The `action` object of a cause.
fn action_of(cause: Option<Cause>) -> Map<String, Value> {
    let mut a = Map::new();
    match cause {
        Some(Cause::TargetedEmail) => {
            a.insert("social".into(), social("Phishing", "Email"));
            // The parent vector Email comes with its child Email attachment (vz-risk/veris#232).
            a.insert(
                "malware".into(),
                json!({ "variety": ["Unknown"], "vector": ["Email", "Email attachment"] }),
            );
        }
        Some(Cause::Phishing) => {
            a.insert("social".into(), social("Phishing", "Email"));
            a.insert(
                "hacking".into(),
                action("Use of stolen creds", "Web application"),
            );
        }
        Some(Cause::SupportScam) => {
            a.insert("social".into(), social("Scam", "Web application"));
            a.insert("malware".into(), action("Adminware", "Direct install"));
        }
        Some(Cause::Ransomware) => {
            a.insert("malware".into(), action("Ransomware", "Unknown"));
        }
        Some(Cause::UnauthorizedAccess) => {
            a.insert("hacking".into(), action("Unknown", "Unknown"));
        }
        Some(Cause::Malware) => {
            a.insert("malware".into(), action("Unknown", "Unknown"));
        }
        Some(Cause::InsiderTheft) | Some(Cause::InsiderDisclosure) => {
            a.insert("misuse".into(), action("Data mishandling", "Unknown"));
        }
        Some(Cause::InsiderSnooping) => {
            a.insert("misuse".into(), action("Privilege abuse", "Unknown"));
        }
        Some(Cause::InsiderMisuse) => {
            a.insert("misuse".into(), action("Knowledge abuse", "Unknown"));
        }
        Some(Cause::Misconfiguration) => {
            a.insert("error".into(), action("Misconfiguration", "Unknown"));
        }
        Some(Cause::LossTheft) => {
            a.insert("error".into(), action("Loss", "Unknown"));
        }
        Some(Cause::Misdelivery) => {
            a.insert("error".into(), action("Misdelivery", "Unknown"));
        }
        None => {
            a.insert(
                "unknown".into(),
                json!({ "notes": "The notice does not state the cause." }),
            );
        }
    }
    a
}

/// Whether `action[category][field]` lists `value`.
fn lists(action: &Map<String, Value>, category: &str, field: &str, value: &str) -> bool {
    action
        .get(category)
        .and_then(|c| c.get(field))
        .and_then(Value::as_array)
        .is_some_and(|a| a.iter().any(|v| v == value))
}

/// One incident as a VERIS 1.3 record (see the module table), or why it cannot be one.
pub fn veris_record(i: &VerisInput) -> std::result::Result<Value, VerisError> {
    let (incident_when, basis) = timeline_of(i)?;
    let action_obj = action_of(i.cause);
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

    // Attributes. VERIS's validator requires integrity Software installation with any malware
    // and Alter behavior with any social action, and availability Loss with an error of loss.
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
    let mut varieties: Vec<&'static str> = Vec::new();
    for k in &i.data {
        push_unique(&mut varieties, data_variety(*k));
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
    let mut attribute = Map::new();
    attribute.insert("confidentiality".into(), Value::Object(conf));
    let mut integrity: Vec<&'static str> = Vec::new();
    if action_obj.contains_key("malware") {
        push_unique(&mut integrity, "Software installation");
    }
    if action_obj.contains_key("social") {
        push_unique(&mut integrity, "Alter behavior");
    }
    if !integrity.is_empty() {
        attribute.insert("integrity".into(), json!({ "variety": integrity }));
    }
    let mut availability: Vec<&'static str> = Vec::new();
    if lists(&action_obj, "malware", "variety", "Ransomware") {
        // Ransomware encrypts the victim's files (Obscuration) and stops its systems
        // (Interruption): VERIS's enrichment rules add both to any ransomware incident.
        push_unique(&mut availability, "Obscuration");
        push_unique(&mut availability, "Interruption");
    }
    if lists(&action_obj, "error", "variety", "Loss") {
        push_unique(&mut availability, "Loss");
    }
    if !availability.is_empty() {
        attribute.insert("availability".into(), json!({ "variety": availability }));
    }

    // Assets known from the actions (VERIS's rules: the target of a social action is a person
    // asset, a hacking vector Web application a web application server); else Unknown.
    let mut assets: Vec<&'static str> = Vec::new();
    if lists(&action_obj, "social", "target", "End-user") {
        push_unique(&mut assets, "P - End-user or employee");
        push_unique(&mut assets, "P - End-user");
    }
    if lists(&action_obj, "hacking", "vector", "Web application") {
        push_unique(&mut assets, "S - Web application");
    }
    if assets.is_empty() {
        assets.push("Unknown");
    }
    let assets: Vec<Value> = assets.iter().map(|v| json!({ "variety": v })).collect();

    let mut timeline = Map::new();
    timeline.insert("incident".into(), incident_when);
    if let (Some(o), Some(d)) = (&i.occurred, &i.discovered) {
        let days = o.to_date().zip(d.to_date()).map(|(o, d)| d.days_since(o));
        if let Some(days) = days.filter(|d| *d >= 0) {
            timeline.insert("discovery".into(), json!({ "unit": "Days", "value": days }));
        }
    }
    let industry = industry_of(i.sector.as_deref(), i.organization.as_deref());
    let mut victim = Map::new();
    if let Some(o) = &i.organization {
        victim.insert("victim_id".into(), json!(o));
    }
    victim.insert("industry".into(), json!(industry.naics));
    victim.insert("government".into(), json!([industry.government]));
    victim.insert("country".into(), json!(["JP"]));
    victim.insert("employee_count".into(), json!("Unknown"));
    let mut plus = Map::new();
    plus.insert(
        "master_id".into(),
        json!(master_id(&i.number).hyphenated().to_string()),
    );
    plus.insert("created".into(), json!(i.created_at));
    plus.insert("modified".into(), json!(i.updated_at));
    if let Some(p) = &i.published {
        plus.insert("timeline".into(), json!({ "notification": ymd(p) }));
    }
    let documents: Vec<&str> = i.documents.iter().map(|d| bare_name(d)).collect();
    plus.insert(
        "jikenbo".into(),
        json!({
            "number": i.number,
            "labels": i.labels,
            "sector": i.sector,
            "cause_ja": i.cause.map(|c| c.ja()),
            "documents": documents,
            "timeline_basis": basis.as_str(),
        }),
    );
    let summary = i
        .title
        .clone()
        .or_else(|| i.organization.clone())
        .unwrap_or_else(|| format!("Jikenbo incident {}", i.number));
    let mut rec = Map::new();
    rec.insert("schema_version".into(), json!(SCHEMA_VERSION));
    rec.insert("incident_id".into(), json!(format!("jikenbo-{}", i.number)));
    rec.insert("source_id".into(), json!("jikenbo"));
    if let Some(r) = reference_of(&i.sources) {
        rec.insert("reference".into(), json!(r));
    }
    rec.insert("security_incident".into(), json!("Confirmed"));
    rec.insert("confidence".into(), json!(confidence_of(i).as_str()));
    rec.insert("summary".into(), json!(summary));
    rec.insert("action".into(), Value::Object(action_obj));
    rec.insert("actor".into(), actor);
    rec.insert(
        "asset".into(),
        json!({ "assets": assets, "cloud": ["Unknown"] }),
    );
    rec.insert("attribute".into(), Value::Object(attribute));
    rec.insert("discovery_method".into(), json!({ "unknown": true }));
    rec.insert("impact".into(), json!({ "overall_rating": "Unknown" }));
    rec.insert("timeline".into(), Value::Object(timeline));
    rec.insert("victim".into(), Value::Object(victim));
    rec.insert("plus".into(), Value::Object(plus));
    Ok(Value::Object(rec))
}

impl Store {
    /// Writes the live incidents matching `filter` as a JSON array of VERIS 1.3 records, ordered
    /// by number; returns how many were written. Undated incidents are left out (see
    /// [`Store::export_veris_report`]) with a warning naming them.
    pub fn export_veris<W: Write>(&self, w: W, filter: &Filter) -> Result<u64> {
        let report = self.export_veris_report(w, filter)?;
        if !report.skipped.is_empty() {
            tracing::warn!(
                "VERIS export: {} incident(s) without any date left out (VERIS requires the \
                 year of the incident): {}",
                report.skipped.len(),
                report.skipped.join(", ")
            );
        }
        Ok(report.exported)
    }

    /// Like [`Store::export_veris`], and says which matching incidents were left out: those
    /// with no date at all ([`VerisError::Undated`]).
    pub fn export_veris_report<W: Write>(&self, mut w: W, filter: &Filter) -> Result<VerisExport> {
        let conn = &self.conn;
        let b = build(conn, None, filter)?;
        let (from, conds, p) = b.sql();
        let docs = documents_of(conn)?;
        let overridden = overridden_fields(conn)?;
        let mut st = conn.prepare(&format!(
            "SELECT i.id, i.year, i.seq, {}, i.sector, i.labels, i.created_at, i.updated_at
             FROM {from} WHERE {}{} ORDER BY i.year = 0, i.year, i.seq",
            record_columns("i"),
            conds.join(" AND "),
            if b.empty { " AND 0" } else { "" }
        ))?;
        let mut rows = st.query(rusqlite::params_from_iter(p.iter()))?;
        w.write_all(b"[")?;
        let mut out = VerisExport::default();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let (documents, sources) = docs.get(&id).cloned().unwrap_or_default();
            let mut record = record_at(r, 3)?;
            record.labels = split_labels(&r.get::<_, String>(14)?)
                .map(str::to_string)
                .collect();
            let input = VerisInput {
                number: format_number(r.get(1)?, r.get(2)?),
                record,
                sector: r.get(13)?,
                documents,
                sources,
                overridden: overridden.get(&id).cloned().unwrap_or_default(),
                created_at: r.get(15)?,
                updated_at: r.get(16)?,
            };
            match veris_record(&input) {
                Ok(rec) => {
                    w.write_all(if out.exported == 0 { b"\n" } else { b",\n" })?;
                    serde_json::to_writer(&mut w, &rec)?;
                    out.exported += 1;
                }
                Err(VerisError::Undated { number }) => out.skipped.push(number),
            }
        }
        w.write_all(if out.exported == 0 { b"]\n" } else { b"\n]\n" })?;
        w.flush()?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<PartialDate> {
        s.parse::<PartialDate>().ok()
    }

    /// A complete record: every key fact known.
    /// `base` changed by `f`.
    fn with(mut base: VerisInput, f: impl FnOnce(&mut VerisInput)) -> VerisInput {
        f(&mut base);
        base
    }

    fn hospital() -> VerisInput {
        VerisInput {
            number: "2025-001".into(),
            record: Incident {
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
                ..Default::default()
            },
            sector: Some("医療機関".into()),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            updated_at: "2026-01-01T00:00:00.000Z".into(),
            ..Default::default()
        }
    }

    #[test]
    fn maps_a_ransomware_hospital() {
        let v = veris_record(&hospital()).unwrap();
        assert_eq!(v["action"]["malware"]["variety"][0], "Ransomware");
        assert_eq!(v["actor"]["external"]["motive"][0], "Financial");
        let c = &v["attribute"]["confidentiality"];
        assert_eq!(c["data_disclosure"], "Potentially");
        assert_eq!(c["data_total"], 12000);
        assert_eq!(c["data"][0]["variety"], "Personal");
        assert_eq!(c["data"][1]["variety"], "Medical");
        assert_eq!(v["timeline"]["incident"]["day"], 25);
        assert_eq!(v["timeline"]["discovery"]["value"], 3);
        assert_eq!(v["victim"]["industry"], "622");
        assert_eq!(v["victim"]["government"][0], "NA");
        assert_eq!(v["victim"]["country"][0], "JP");
        assert_eq!(v["plus"]["timeline"]["notification"]["month"], 10);
        assert_eq!(v["plus"]["jikenbo"]["timeline_basis"], "occurred");
        assert_eq!(v["asset"]["cloud"][0], "Unknown");
    }

    #[test]
    fn ransomware_makes_data_unavailable_by_encryption() {
        let v = veris_record(&hospital()).unwrap();
        assert_eq!(
            v["attribute"]["availability"]["variety"],
            json!(["Obscuration", "Interruption"])
        );
        assert_eq!(
            v["attribute"]["integrity"]["variety"],
            json!(["Software installation"])
        );
        // Other malware does not claim encryption.
        let v = veris_record(&with(hospital(), |i| {
            i.cause = Some(Cause::Malware);
        }))
        .unwrap();
        assert!(v["attribute"].get("availability").is_none());
        // A lost device: availability Loss, as VERIS's validator requires with error Loss.
        let v = veris_record(&with(hospital(), |i| {
            i.cause = Some(Cause::LossTheft);
        }))
        .unwrap();
        assert_eq!(v["attribute"]["availability"]["variety"], json!(["Loss"]));
        // Phishing: social and hacking over the web, so integrity Alter behavior and the assets.
        let v = veris_record(&with(hospital(), |i| {
            i.cause = Some(Cause::Phishing);
        }))
        .unwrap();
        assert_eq!(
            v["attribute"]["integrity"]["variety"],
            json!(["Alter behavior"])
        );
        assert_eq!(
            v["asset"]["assets"],
            json!([
                { "variety": "P - End-user or employee" },
                { "variety": "P - End-user" },
                { "variety": "S - Web application" }
            ])
        );
    }

    #[test]
    fn master_id_is_a_name_based_uuid_v5() {
        let v = veris_record(&hospital()).unwrap();
        let id = v["plus"]["master_id"].as_str().unwrap();
        // Computed independently (Python: uuid.uuid5(UUID('9e793532-…'), '2025-001')).
        assert_eq!(id, "2b2a47fd-b28a-5671-a094-a7fc94e0f375");
        let u = Uuid::parse_str(id).unwrap();
        assert_eq!(u.get_version_num(), 5);
        assert_eq!(u.get_variant(), uuid::Variant::RFC4122);
        assert_eq!(
            master_id("2024-001").to_string(),
            "86b30a6d-c940-541a-982e-a172c7ae7260"
        );
        assert_ne!(master_id("2024-001"), master_id("2024-002"));
    }

    #[test]
    fn reference_is_a_url_never_a_local_path() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            reference_of(&s(&[
                "/home/alice/notices/a.txt",
                "https://example.jp/n/1.html"
            ])),
            Some("https://example.jp/n/1.html")
        );
        for local in [
            "/home/alice/notices/a.txt",
            "../shared/seeds/000.txt",
            "C:\\Users\\alice\\a.txt",
            "file:///home/alice/a.txt",
            "web: a.txt",
            "api: a.txt",
            "https://alice:secret@example.jp/a",
            "https://",
            "http://example.jp/a b",
        ] {
            assert_eq!(reference_of(&s(&[local])), None, "{local}");
        }
        let mut i = hospital();
        i.sources = s(&["/home/alice/notices/hospital.txt"]);
        i.documents = s(&["hospital.txt"]);
        let v = veris_record(&i).unwrap();
        assert!(v.get("reference").is_none());
        assert!(!v.to_string().contains("/home/alice"));
        i.sources.push("http://example.jp/press/1".into());
        let v = veris_record(&i).unwrap();
        assert_eq!(v["reference"], "http://example.jp/press/1");
        // A document name never carries a directory.
        i.documents = s(&["C:\\Users\\alice\\hospital.txt"]);
        let v = veris_record(&i).unwrap();
        assert_eq!(v["plus"]["jikenbo"]["documents"], json!(["hospital.txt"]));
    }

    #[test]
    fn an_undated_incident_gets_no_invented_year() {
        let undated = with(VerisInput::default(), |i| {
            i.number = "2026-002".into();
            i.created_at = "2026-01-01T00:00:00.000Z".into();
        });
        assert_eq!(
            veris_record(&undated),
            Err(VerisError::Undated {
                number: "2026-002".into()
            })
        );
        // Without the date of occurrence: the year of discovery, then of the notice, and no
        // month or day (they would date the occurrence); the basis is said.
        let i = with(hospital(), |i| {
            i.occurred = None;
        });
        let v = veris_record(&i).unwrap();
        assert_eq!(v["timeline"]["incident"], json!({ "year": 2025 }));
        assert_eq!(v["plus"]["jikenbo"]["timeline_basis"], "discovered");
        assert!(v["timeline"].get("discovery").is_none());
        let i = with(hospital(), |i| {
            i.occurred = None;
            i.discovered = None;
            i.published = d("2024-12-20");
            i.created_at = "2026-05-01T00:00:00.000Z".into();
        });
        let v = veris_record(&i).unwrap();
        assert_eq!(v["timeline"]["incident"], json!({ "year": 2024 }));
        assert_eq!(v["plus"]["jikenbo"]["timeline_basis"], "published");
    }

    #[test]
    fn unknowns_stay_valid() {
        let v = veris_record(&with(VerisInput::default(), |i| {
            i.number = "2024-002".into();
            i.published = d("2024-03");
            i.created_at = "2026-01-01T00:00:00.000Z".into();
        }))
        .unwrap();
        assert!(v["action"]["unknown"]["notes"].is_string());
        assert!(v["actor"]["unknown"]["notes"].is_string());
        assert_eq!(v["timeline"]["incident"]["year"], 2024);
        assert_eq!(
            v["attribute"]["confidentiality"]["data"][0]["variety"],
            "Unknown"
        );
        assert_eq!(
            v["attribute"]["confidentiality"]["data_disclosure"],
            "Unknown"
        );
        assert_eq!(v["victim"]["industry"], UNKNOWN_INDUSTRY);
        assert_eq!(v["victim"]["government"][0], "Unknown");
        assert_eq!(v["confidence"], "Low");
    }

    #[test]
    fn confidence_follows_what_the_record_holds() {
        // Every key fact known.
        assert_eq!(confidence_of(&hospital()), Confidence::High);
        // One or two facts unknown: Medium; a curator's correction makes it High.
        let partial = with(hospital(), |i| {
            i.affected = None;
            i.actor = None;
        });
        assert_eq!(confidence_of(&partial), Confidence::Medium);
        let reviewed = with(partial.clone(), |i| {
            i.overridden = vec!["affected".into()];
        });
        assert_eq!(confidence_of(&reviewed), Confidence::High);
        // Three unknown, or no cause, or no organization: Low, reviewed or not.
        let thin = with(reviewed.clone(), |i| {
            i.leak = None;
        });
        assert_eq!(confidence_of(&thin), Confidence::Low);
        for low in [
            with(hospital(), |i| {
                i.cause = None;
            }),
            with(hospital(), |i| {
                i.organization = None;
            }),
            with(hospital(), |i| {
                i.labels = vec![NEEDS_CHECK_LABEL.into()];
            }),
        ] {
            assert_eq!(confidence_of(&low), Confidence::Low, "{low:?}");
        }
        // A notice date alone does not tell when it happened.
        let dated_by_notice = with(hospital(), |i| {
            i.occurred = None;
            i.discovered = None;
        });
        assert_eq!(confidence_of(&dated_by_notice), Confidence::Medium);
        let v = veris_record(&partial).unwrap();
        assert_eq!(v["confidence"], "Medium");
    }

    #[test]
    fn sectors_map_to_naics_codes() {
        let i = |s: Option<&str>, o: Option<&str>| industry_of(s, o);
        let ind = |naics, government| Industry { naics, government };
        assert_eq!(
            i(Some("医療機関"), Some("ほたる中央病院")),
            ind("622", "NA")
        );
        assert_eq!(
            i(Some("医療機関"), Some("さくら歯科クリニック")),
            ind("621210", "NA")
        );
        assert_eq!(
            i(Some("医療機関"), Some("あおば内科クリニック")),
            ind("6211", "NA")
        );
        assert_eq!(i(Some("医療機関"), None), ind("62", "NA"));
        assert_eq!(i(Some("学校"), Some("みずうみ大学")), ind("611310", "NA"));
        assert_eq!(i(Some("学校"), Some("北部市立小学校")), ind("611110", "NA"));
        assert_eq!(i(Some("学校"), Some("ゆうやけ学園")), ind("61", "NA"));
        assert_eq!(
            i(Some("学校"), Some("奈良県教育委員会")),
            ind("923110", "Regional")
        );
        assert_eq!(
            i(Some("学校"), Some("宇陀市教育委員会")),
            ind("923110", "Local")
        );
        assert_eq!(i(Some("自治体"), Some("あおば市")), ind("92", "Local"));
        assert_eq!(i(Some("自治体"), Some("東京都港区")), ind("92", "Local"));
        assert_eq!(i(Some("自治体"), Some("大阪府")), ind("92", "Regional"));
        assert_eq!(i(Some("自治体"), Some("北海道")), ind("92", "Regional"));
        assert_eq!(i(Some("自治体"), None), ind("92", "Unknown"));
        assert_eq!(
            i(Some("国の機関"), Some("個人情報保護委員会")),
            ind("92", "Federal")
        );
        assert_eq!(i(Some("警察"), Some("愛媛県警")), ind("922120", "Regional"));
        assert_eq!(i(Some("警察"), Some("警視庁")), ind("922120", "Regional"));
        assert_eq!(i(Some("警察"), Some("警察庁")), ind("922120", "Federal"));
        // A company: NAICS has no code for "a business"; the name may tell the industry.
        assert_eq!(i(Some("企業"), Some("株式会社かもめ")), ind("00", "NA"));
        assert_eq!(i(Some("企業"), Some("さくら銀行")), ind("5221", "NA"));
        assert_eq!(
            i(Some("企業"), Some("ひばり運輸株式会社")),
            ind("48-49", "NA")
        );
        assert_eq!(
            i(Some("企業"), Some("株式会社ほしぞら精工")),
            ind("31-33", "NA")
        );
        assert_eq!(
            i(Some("企業"), Some("株式会社ゆきわり通販")),
            ind("44-45", "NA")
        );
        assert_eq!(i(Some("団体"), Some("石油連盟")), ind("813", "NA"));
        assert_eq!(
            i(Some("団体"), Some("社会福祉法人やまびこ会")),
            ind("624", "NA")
        );
        assert_eq!(
            i(None, Some("サンプル雑貨オンラインショップ")),
            ind("44-45", "NA")
        );
        assert_eq!(i(Some("団体"), Some("みなと信用組合")), ind("5221", "NA"));
        assert_eq!(i(None, Some("Sample Systems Inc.")), ind("00", "Unknown"));
        assert_eq!(i(None, Some("ひばり運輸")), ind("48-49", "NA"));
        assert_eq!(i(None, None), ind("00", "Unknown"));
        // English keys read like the Japanese names; anything else is unknown.
        assert_eq!(i(Some("medical"), None), ind("62", "NA"));
        assert_eq!(i(Some("謎"), None), ind("00", "Unknown"));
    }

    #[test]
    fn every_naics_code_has_the_form_veris_accepts() {
        let re = regex::Regex::new(
            r"^(00|11|2[1-3]|3[1-3]|4[24589]|5[1-6]|6[1-2]|7[12]|81|92)(\d{0,4}|-(33|45|49))$",
        )
        .unwrap();
        let mut codes: Vec<&str> = vec![
            UNKNOWN_INDUSTRY,
            "62",
            "61",
            "92",
            "813",
            "922120",
            "923110",
        ];
        for table in [BUSINESS_WORDS, MEDICAL_WORDS, SCHOOL_WORDS] {
            codes.extend(table.iter().map(|(_, c)| *c));
        }
        for c in codes {
            assert!(re.is_match(c) && (2..=6).contains(&c.len()), "{c}");
        }
    }
}
