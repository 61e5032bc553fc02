//! The facts an assessment starts from, their JSON form, and facts derived from a stored
//! [`Incident`].
//!
//! Every fact is optional: `None` (absent or `null` in JSON) means *unknown*. The engine then
//! applies the documented default (see the crate documentation), states it in `assumptions`,
//! and, where the other value would change the outcome, shows that outcome in `branches`.

use crate::AssessError;
use crate::Date;
use jikenbo_model::{sector_of, Cause, DataKind, Incident, Leak, Sector};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which kind of body handles the data, which fixes the APPI regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// 個人情報取扱事業者 (private business operator, incl. 別表第二 corporations): Art. 26.
    Business,
    /// 行政機関等 (national organs, local governments, 独立行政法人等): Art. 68.
    PublicBody,
    /// A local government's hospital/clinic or university (法第58条第2項): follows Art. 26.
    PublicMedicalAcademic,
    /// The courts and the Diet (裁判所, 衆議院, 参議院, 国立国会図書館…): neither 行政機関等
    /// (法第2条第8項・第11項 name the Cabinet's organs only) nor 個人情報取扱事業者 (法第16条第2項
    /// leaves out the organs of the State), so outside Arts. 26 and 68; their own rules apply.
    OutsideAppi,
}

impl OrgKind {
    pub const ALL: &'static [OrgKind] = &[
        OrgKind::Business,
        OrgKind::PublicBody,
        OrgKind::PublicMedicalAcademic,
        OrgKind::OutsideAppi,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Business => "business",
            OrgKind::PublicBody => "public_body",
            OrgKind::PublicMedicalAcademic => "public_medical_academic",
            OrgKind::OutsideAppi => "outside_appi",
        }
    }
    pub fn ja(self) -> &'static str {
        match self {
            OrgKind::Business => "民間事業者(個人情報取扱事業者)",
            OrgKind::PublicBody => "行政機関等",
            OrgKind::PublicMedicalAcademic => "地方公共団体の病院・診療所・大学等",
            OrgKind::OutsideAppi => "裁判所・国会(個人情報保護法の報告義務の対象外)",
        }
    }
}

/// JNSA 社会的責任度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SocialResponsibility {
    /// Higher than average (factor 2).
    High,
    /// Average (factor 1).
    Normal,
}

/// JNSA 事後対応評価.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// Appropriate response (factor 1).
    Appropriate,
    /// Inappropriate response (factor 2).
    Inappropriate,
    /// Unknown or other (factor 1).
    Unknown,
}

/// A JNSA Simple-EP cell: `[privacy (精神的苦痛) level, economic (経済的損失) level]`, each 1-3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct JnsaLevel(pub u8, pub u8);

/// The facts of one incident as the engine sees them. JSON field names are the contract of
/// `jikenbo assess --facts`; every field may be absent or `null` (= unknown). A key that is
/// not one of [`Facts::FIELDS`] is an error ([`Facts::from_json`] names it and lists the keys):
/// a misspelled fact (`persns`) must not silently become an unknown one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Facts {
    /// `business` | `public_body` | `public_medical_academic`. Default: `business`.
    pub org_kind: Option<OrgKind>,
    /// Largest possible number of persons affected. Default: unknown, taken as not above any
    /// threshold.
    pub persons: Option<u64>,
    /// Persons whose My Number is affected. Default: `persons` when `data` has `my_number`.
    pub my_number_persons: Option<u64>,
    /// Kinds of data (the casebook vocabulary). Default: none known.
    pub data: Option<Vec<DataKind>>,
    /// Primary cause (the casebook vocabulary). Default: unknown.
    pub cause: Option<Cause>,
    /// Possibly done with wrongful intent (不正の目的). Overrides what the cause implies
    /// (attacks and insider causes imply it; others do not). Default: implied by the cause.
    pub wrongful_intent: Option<bool>,
    /// High-level encryption etc., key kept apart and not compromised. Default: false.
    pub encrypted: Option<bool>,
    /// The data is 仮名加工情報 (pseudonymized information). Default: false.
    pub pseudonymized: Option<bool>,
    /// Every copy recovered before any third party viewed it. Default: false.
    pub recovered_unviewed: Option<bool>,
    /// Contains 条例要配慮個人情報 (public bodies whose ordinance defines it). Default: false.
    pub ordinance_sensitive: Option<bool>,
    /// The assessed body is a processor (委託先) that promptly notified its controller.
    /// Default: false.
    pub processor_notified_controller: Option<bool>,
    /// The day the body became aware (知った日), day 1 of the deadlines. Default: unknown
    /// (no deadlines computed).
    pub aware: Option<Date>,
    /// JNSA 社会的責任度: `high` | `normal`. Default: `normal`.
    pub social_responsibility: Option<SocialResponsibility>,
    /// JNSA 事後対応評価: `appropriate` | `inappropriate` | `unknown`. Default: `unknown`.
    pub response: Option<Response>,

    // ---- extensions beyond the issue's list (all optional) ----
    /// `confirmed` | `possible` | `none`: `none` = the investigation found neither a leak, loss
    /// or damage nor a possibility of one (e.g. ransomware fully restored, no exfiltration
    /// indicators). Default: `possible`.
    pub leak: Option<Leak>,
    /// The card data is only the last four digits (and expiry), not the full number (PPC Q&A
    /// 6-12). Only read when `data` has `credit_card`. Default: false (full card number).
    pub card_last4_only: Option<bool>,
    /// The leaked credentials / bank data allow payment, remittance or withdrawal (ID + password
    /// of a service with payment functions, account + PIN). Read when `data` has `credentials`
    /// or `bank_account`. Default: false.
    pub payment_credentials: Option<bool>,
    /// Override of the 財産的被害のおそれ (Rule 7(ii)) finding. Default: derived from `data`.
    pub financial_risk: Option<bool>,
    /// Only information being entered (skimmed before storage, 2024 amendment) leaked; it was
    /// never stored as personal data. Default: false.
    pub pre_storage: Option<bool>,
    /// The My Number data was viewable online by 不特定多数. Default: true when the cause is
    /// `misconfiguration`, else false.
    pub publicly_viewable: Option<bool>,
    /// The My Number data is held in the 情報提供ネットワークシステム or the systems used for
    /// 個人番号利用事務 (My Number Rule Art. 2(i)). Default: false.
    pub mynumber_system: Option<bool>,
    /// (public bodies) the data contains 不開示情報, so no individual notice (Art. 68(2)(ii)).
    /// Default: false.
    pub nondisclosure_info: Option<bool>,
    /// Per-kind JNSA level overrides, e.g. `{"disability": [3, 1]}`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub jnsa_levels: BTreeMap<DataKind, JnsaLevel>,
    /// Free notes on how facts were obtained; copied into `assumptions`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A key of the JSON facts that is not a fact, with the fact it most likely misspells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    pub key: String,
    /// The nearest key of [`Facts::FIELDS`] (`persns` → `persons`), when one is close.
    pub suggestion: Option<&'static str>,
}

impl UnknownKey {
    /// `key` with the key of [`Facts::FIELDS`] it most likely misspells: the same key up to
    /// case and `-`/`_`/space, else the one at the smallest edit distance if at most 2 (1 for
    /// keys of up to 4 characters).
    pub fn new(key: &str) -> UnknownKey {
        let norm = |k: &str| -> String {
            k.trim()
                .chars()
                .map(|c| match c {
                    '-' | ' ' => '_',
                    c => c.to_ascii_lowercase(),
                })
                .collect()
        };
        let k = norm(key);
        let limit = if k.chars().count() <= 4 { 1 } else { 2 };
        let suggestion = Facts::FIELDS
            .iter()
            .map(|f| (edit_distance(&k, f), *f))
            .filter(|(d, _)| *d <= limit)
            .min_by_key(|(d, _)| *d)
            .map(|(_, f)| f);
        UnknownKey {
            key: key.to_string(),
            suggestion,
        }
    }
}

impl std::fmt::Display for UnknownKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.key)?;
        if let Some(s) = self.suggestion {
            write!(f, " (did you mean {s:?}?)")?;
        }
        Ok(())
    }
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != *cb)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

/// A fact that the input did not give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unknown {
    OrgKind,
    Persons,
    MyNumberPersons,
    Data,
    Cause,
    WrongfulIntent,
    Encrypted,
    Pseudonymized,
    RecoveredUnviewed,
    OrdinanceSensitive,
    ProcessorNotifiedController,
    Aware,
    SocialResponsibility,
    Response,
    Leak,
    CardLast4Only,
    PaymentCredentials,
    PubliclyViewable,
    MynumberSystem,
    NondisclosureInfo,
}

impl Unknown {
    /// The JSON field name of the fact.
    pub fn field(self) -> &'static str {
        match self {
            Unknown::OrgKind => "org_kind",
            Unknown::Persons => "persons",
            Unknown::MyNumberPersons => "my_number_persons",
            Unknown::Data => "data",
            Unknown::Cause => "cause",
            Unknown::WrongfulIntent => "wrongful_intent",
            Unknown::Encrypted => "encrypted",
            Unknown::Pseudonymized => "pseudonymized",
            Unknown::RecoveredUnviewed => "recovered_unviewed",
            Unknown::OrdinanceSensitive => "ordinance_sensitive",
            Unknown::ProcessorNotifiedController => "processor_notified_controller",
            Unknown::Aware => "aware",
            Unknown::SocialResponsibility => "social_responsibility",
            Unknown::Response => "response",
            Unknown::Leak => "leak",
            Unknown::CardLast4Only => "card_last4_only",
            Unknown::PaymentCredentials => "payment_credentials",
            Unknown::PubliclyViewable => "publicly_viewable",
            Unknown::MynumberSystem => "mynumber_system",
            Unknown::NondisclosureInfo => "nondisclosure_info",
        }
    }

    /// What is unknown, in Japanese.
    pub fn ja(self) -> &'static str {
        match self {
            Unknown::OrgKind => "組織の種別",
            Unknown::Persons => "本人の数",
            Unknown::MyNumberPersons => "マイナンバーを含む本人の数",
            Unknown::Data => "漏えい等した情報の項目",
            Unknown::Cause => "原因",
            Unknown::WrongfulIntent => "不正の目的の有無",
            Unknown::Encrypted => "高度な暗号化等の有無",
            Unknown::Pseudonymized => "仮名加工情報か否か",
            Unknown::RecoveredUnviewed => "閲覧前の回収の有無",
            Unknown::OrdinanceSensitive => "条例要配慮個人情報の有無",
            Unknown::ProcessorNotifiedController => "委託先としての委託元への通知の有無",
            Unknown::Aware => "知った日",
            Unknown::SocialResponsibility => "社会的責任度",
            Unknown::Response => "事後対応の評価",
            Unknown::Leak => "漏えい等(又はそのおそれ)の有無",
            Unknown::CardLast4Only => "カード番号が下4桁のみか",
            Unknown::PaymentCredentials => "決済・送金に使える認証情報か",
            Unknown::PubliclyViewable => "不特定多数が閲覧できる状態か",
            Unknown::MynumberSystem => "個人番号利用事務等の情報システムで管理される特定個人情報か",
            Unknown::NondisclosureInfo => "不開示情報の有無",
        }
    }
}

impl Facts {
    /// The keys of the JSON facts form, in the order of the crate documentation.
    pub const FIELDS: &'static [&'static str] = &[
        "org_kind",
        "persons",
        "my_number_persons",
        "data",
        "cause",
        "wrongful_intent",
        "encrypted",
        "pseudonymized",
        "recovered_unviewed",
        "ordinance_sensitive",
        "processor_notified_controller",
        "aware",
        "social_responsibility",
        "response",
        "leak",
        "card_last4_only",
        "payment_credentials",
        "financial_risk",
        "pre_storage",
        "publicly_viewable",
        "mynumber_system",
        "nondisclosure_info",
        "jnsa_levels",
        "notes",
    ];

    /// Parse the JSON facts form and check it. A key that is not a fact is
    /// [`AssessError::UnknownFacts`], naming every such key (with the fact it likely
    /// misspells) and listing [`Facts::FIELDS`].
    pub fn from_json(s: &str) -> Result<Facts, AssessError> {
        let value: serde_json::Value = serde_json::from_str(s).map_err(AssessError::Json)?;
        if let Some(object) = value.as_object() {
            let unknown: Vec<UnknownKey> = object
                .keys()
                .filter(|k| !Facts::FIELDS.contains(&k.as_str()))
                .map(|k| UnknownKey::new(k))
                .collect();
            if !unknown.is_empty() {
                return Err(AssessError::UnknownFacts(unknown));
            }
        }
        // Parsed again from the text, so that a bad value's error gives its line and column.
        let facts: Facts = serde_json::from_str(s).map_err(AssessError::Json)?;
        facts.validate()?;
        Ok(facts)
    }

    /// Check values serde cannot: JNSA levels in 1..=3.
    pub fn validate(&self) -> Result<(), AssessError> {
        for (kind, JnsaLevel(p, e)) in &self.jnsa_levels {
            if !(1..=3).contains(p) || !(1..=3).contains(e) {
                return Err(AssessError::JnsaLevel {
                    kind: kind.as_str(),
                    privacy: *p,
                    economic: *e,
                });
            }
        }
        Ok(())
    }

    /// These facts with every fact known in `over` taken from `over` (lists and maps are
    /// merged; `over`'s notes come after ours).
    pub fn overridden_by(mut self, over: &Facts) -> Facts {
        macro_rules! take {
            ($($f:ident),*) => { $( if over.$f.is_some() { self.$f = over.$f.clone(); } )* };
        }
        take!(
            org_kind,
            persons,
            my_number_persons,
            data,
            cause,
            wrongful_intent,
            encrypted,
            pseudonymized,
            recovered_unviewed,
            ordinance_sensitive,
            processor_notified_controller,
            aware,
            social_responsibility,
            response,
            leak,
            card_last4_only,
            payment_credentials,
            financial_risk,
            pre_storage,
            publicly_viewable,
            mynumber_system,
            nondisclosure_info
        );
        self.jnsa_levels
            .extend(over.jnsa_levels.iter().map(|(k, v)| (*k, *v)));
        self.notes.extend(over.notes.iter().cloned());
        self
    }

    /// The data kinds given (empty when unknown).
    pub fn data_kinds(&self) -> &[DataKind] {
        self.data.as_deref().unwrap_or(&[])
    }

    /// Whether My Number data is involved (`data` has `my_number` or `my_number_persons` > 0).
    pub fn involves_my_number(&self) -> bool {
        self.data_kinds().contains(&DataKind::MyNumber) || self.my_number_persons.unwrap_or(0) > 0
    }

    /// The facts that are unknown and read by some conclusion (legal or JNSA), in a fixed
    /// order. Facts that only matter in some situations (e.g. `card_last4_only` without card
    /// data, `ordinance_sensitive` outside public bodies) are listed only there.
    pub fn unknowns(&self) -> Vec<Unknown> {
        let kinds = self.data_kinds();
        let has = |k: DataKind| kinds.contains(&k);
        let public = self.org_kind == Some(OrgKind::PublicBody);
        let mynumber = self.involves_my_number();
        let wrongful_unknown =
            self.wrongful_intent.is_none() && matches!(self.cause, None | Some(Cause::LossTheft));
        let checks: [(Unknown, bool); 20] = [
            (Unknown::OrgKind, self.org_kind.is_none()),
            (Unknown::Persons, self.persons.is_none()),
            (
                Unknown::MyNumberPersons,
                mynumber && self.my_number_persons.is_none(),
            ),
            (Unknown::Data, self.data.is_none()),
            (Unknown::Cause, self.cause.is_none()),
            (Unknown::WrongfulIntent, wrongful_unknown),
            (Unknown::Leak, self.leak.is_none()),
            (
                Unknown::RecoveredUnviewed,
                self.recovered_unviewed.is_none(),
            ),
            (Unknown::Encrypted, self.encrypted.is_none()),
            (Unknown::Pseudonymized, self.pseudonymized.is_none()),
            (
                Unknown::ProcessorNotifiedController,
                self.processor_notified_controller.is_none() && (!public || mynumber),
            ),
            (
                Unknown::OrdinanceSensitive,
                public && self.ordinance_sensitive.is_none(),
            ),
            (
                Unknown::NondisclosureInfo,
                public && self.nondisclosure_info.is_none(),
            ),
            (
                Unknown::CardLast4Only,
                has(DataKind::CreditCard)
                    && self.card_last4_only.is_none()
                    && self.financial_risk.is_none(),
            ),
            (
                Unknown::PaymentCredentials,
                (has(DataKind::Credentials) || has(DataKind::BankAccount))
                    && self.payment_credentials.is_none()
                    && self.financial_risk.is_none(),
            ),
            (
                Unknown::PubliclyViewable,
                mynumber && self.publicly_viewable.is_none(),
            ),
            (
                Unknown::MynumberSystem,
                mynumber && self.mynumber_system.is_none(),
            ),
            (Unknown::Aware, self.aware.is_none()),
            (
                Unknown::SocialResponsibility,
                self.social_responsibility.is_none(),
            ),
            (
                Unknown::Response,
                matches!(self.response, None | Some(Response::Unknown)),
            ),
        ];
        checks
            .into_iter()
            .filter_map(|(u, unknown)| unknown.then_some(u))
            .collect()
    }
}

/// Name parts that mark a body run by a local government or the state.
const PUBLIC_PREFIXES: &[&str] = &[
    "市立", "県立", "都立", "府立", "道立", "町立", "村立", "区立", "公立", "国立",
];
/// Name parts of sectors JNSA would rate above-average in social responsibility (heuristic).
const HIGH_RESPONSIBILITY_WORDS: &[&str] = &[
    "銀行",
    "信用金庫",
    "信用組合",
    "証券",
    "生命",
    "保険",
    "損保",
    "カード",
    "電力",
    "ガス",
    "鉄道",
    "航空",
    "通信",
    "電話",
];

/// The facts a stored incident record gives, and the facts it leaves unknown.
///
/// | fact | from the record |
/// |---|---|
/// | `org_kind` | the organization's name form ([`jikenbo_model::sector_of`]): 自治体/国の機関/警察 → `public_body`; 病院等 or 大学 named 市立/県立/公立/国立… → `public_medical_academic`; other 病院, 大学, companies, associations → `business`; other schools named 市立/県立… or 教育委員会 → `public_body`; otherwise unknown |
/// | `persons` | `affected` |
/// | `data` | `data` (unknown when empty) |
/// | `cause` | `cause` (`wrongful_intent` is left to the cause) |
/// | `leak` | `leak` |
/// | `aware` | `discovered` when it is a full date |
/// | `social_responsibility` | `high` for public bodies, medical bodies and names with 銀行/証券/生命/保険/電力/ガス/鉄道/通信…; otherwise unknown |
///
/// Everything else (encryption, recovery, processor notice, …) is unknown. How facts were
/// inferred is recorded in [`Facts::notes`].
/// The courts and the Diet by their names: `最高裁判所`, `東京地方裁判所`, `〇〇家庭裁判所`,
/// `衆議院`, `参議院`, `国立国会図書館` (not `裁判所書記官協議会`-like associations, which
/// name no court as the body).
pub fn is_court_or_diet(org: &str) -> bool {
    let org = org.trim();
    org.ends_with("裁判所")
        || org.ends_with("最高裁")
        || org.ends_with("地裁")
        || org.ends_with("高裁")
        || org.ends_with("家裁")
        || org.ends_with("簡裁")
        || matches!(org, "衆議院" | "参議院" | "国会" | "国立国会図書館")
        || org.ends_with("衆議院事務局")
        || org.ends_with("参議院事務局")
}

pub fn facts_from_incident(inc: &Incident) -> (Facts, Vec<Unknown>) {
    let org = inc.organization.as_deref().unwrap_or("").trim();
    let sector = (!org.is_empty()).then(|| sector_of(org)).flatten();
    facts_from_incident_in(inc, sector)
}

/// As [`facts_from_incident`], for a stored incident whose sector is known (a curator's
/// correction, or the store's reading): the organization kind follows that sector, not the
/// name alone.
pub fn facts_from_incident_in(inc: &Incident, sector: Option<Sector>) -> (Facts, Vec<Unknown>) {
    let mut f = Facts::default();
    let org = inc.organization.as_deref().unwrap_or("").trim();
    let public_named = PUBLIC_PREFIXES.iter().any(|p| org.contains(p));
    f.org_kind = match sector {
        _ if is_court_or_diet(org) => Some(OrgKind::OutsideAppi),
        Some(Sector::LocalGovernment | Sector::NationalGovernment | Sector::Police) => {
            Some(OrgKind::PublicBody)
        }
        Some(Sector::Medical) if public_named => Some(OrgKind::PublicMedicalAcademic),
        Some(Sector::Medical) => Some(OrgKind::Business),
        Some(Sector::School) if org.contains("大学") => Some(if public_named {
            OrgKind::PublicMedicalAcademic
        } else {
            OrgKind::Business
        }),
        Some(Sector::School) if public_named || org.contains("教育委員会") => {
            Some(OrgKind::PublicBody)
        }
        Some(Sector::School) => None,
        Some(Sector::Company | Sector::Association) => Some(OrgKind::Business),
        None => None,
    };
    if let Some(k) = f.org_kind {
        f.notes
            .push(format!("組織の種別: 組織名「{org}」から{}と推定", k.ja()));
    }
    f.persons = inc.affected;
    f.data = (!inc.data.is_empty()).then(|| inc.data.clone());
    f.cause = inc.cause;
    f.leak = inc.leak;
    if let Some(p) = inc.discovered {
        match Date::from_partial(&p) {
            Some(d) => {
                f.aware = Some(d);
                f.notes
                    .push(format!("知った日: 記録の発覚日 {d} を知った日とした"));
            }
            None => f.notes.push(format!(
                "知った日: 記録の発覚日は {p} までしか分からないため期限は計算しない"
            )),
        }
    }
    let high = matches!(
        f.org_kind,
        Some(OrgKind::PublicBody | OrgKind::PublicMedicalAcademic)
    ) || sector == Some(Sector::Medical)
        || HIGH_RESPONSIBILITY_WORDS.iter().any(|w| org.contains(w));
    if high {
        f.social_responsibility = Some(SocialResponsibility::High);
        f.notes.push(
            "社会的責任度: 公共性の高い組織・業種(行政・医療・金融・インフラ等)として「高い」と推定"
                .into(),
        );
    }
    let unknowns = f.unknowns();
    (f, unknowns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jikenbo_model::{PartialDate, Span};

    #[test]
    fn json_defaults_and_unknowns() {
        let f = Facts::from_json(r#"{"persons": 10, "data": ["name"], "cause": "misdelivery"}"#)
            .unwrap();
        assert_eq!(f.persons, Some(10));
        let u = f.unknowns();
        assert!(u.contains(&Unknown::OrgKind));
        assert!(u.contains(&Unknown::Aware));
        assert!(!u.contains(&Unknown::WrongfulIntent));
        assert!(!u.contains(&Unknown::CardLast4Only));
        let f = Facts::from_json(r#"{"cause": "loss_theft"}"#).unwrap();
        assert!(f.unknowns().contains(&Unknown::WrongfulIntent));
    }

    #[test]
    fn unknown_keys_are_refused_with_the_list_of_facts() {
        let e = Facts::from_json(r#"{"persns": 3, "data": ["name"], "zzz": true}"#).unwrap_err();
        let AssessError::UnknownFacts(keys) = &e else {
            panic!("wrong error: {e:?}");
        };
        assert_eq!(
            keys,
            &[
                UnknownKey {
                    key: "persns".into(),
                    suggestion: Some("persons")
                },
                UnknownKey {
                    key: "zzz".into(),
                    suggestion: None
                },
            ]
        );
        let msg = e.to_string();
        assert!(
            msg.starts_with(r#"unknown facts "persns" (did you mean "persons"?), "zzz"; "#),
            "{msg}"
        );
        for f in Facts::FIELDS {
            assert!(msg.contains(f), "{f} not listed in: {msg}");
        }
        // One key, other spellings.
        let one = |k: &str| match Facts::from_json(&format!(r#"{{"{k}": 1}}"#)) {
            Err(AssessError::UnknownFacts(v)) if v.len() == 1 => v[0].suggestion,
            other => panic!("{k}: {other:?}"),
        };
        assert_eq!(one("My-Number-Persons"), Some("my_number_persons"));
        assert_eq!(one("awar"), Some("aware"));
        assert_eq!(one("kakuho_due"), None);
        assert!(Facts::from_json(r#"{"persns": 3}"#)
            .unwrap_err()
            .to_string()
            .starts_with(r#"unknown fact "persns" (did you mean "persons"?); the facts are: org_kind, persons,"#));
        // serde itself refuses them too (Facts read without from_json).
        assert!(serde_json::from_str::<Facts>(r#"{"persns": 3}"#).is_err());
    }

    #[test]
    fn fields_are_the_keys_of_the_json_form() {
        let mut f = Facts {
            notes: vec!["n".into()],
            ..Facts::default()
        };
        f.jnsa_levels.insert(DataKind::Name, JnsaLevel(1, 1));
        let v = serde_json::to_value(&f).unwrap();
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        let mut fields = Facts::FIELDS.to_vec();
        keys.sort_unstable();
        fields.sort_unstable();
        assert_eq!(keys, fields);
        // Every key is accepted.
        assert_eq!(Facts::from_json(&v.to_string()).unwrap(), f);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(Facts::from_json(r#"{"data": ["hair_colour"]}"#).is_err());
        assert!(Facts::from_json(r#"{"aware": "2025-02-30"}"#).is_err());
        assert!(Facts::from_json(r#"{"persons": -1}"#).is_err());
        assert!(Facts::from_json(r#"{"jnsa_levels": {"name": [4, 1]}}"#).is_err());
        let f = Facts::from_json(r#"{"jnsa_levels": {"disability": [3, 1]}}"#).unwrap();
        assert_eq!(f.jnsa_levels[&DataKind::Disability], JnsaLevel(3, 1));
    }

    #[test]
    fn incident_facts() {
        let mut inc = Incident::empty("a.txt", Span::new(0, 0));
        inc.organization = Some("宇陀市".into());
        inc.affected = Some(150);
        inc.data = vec![DataKind::Name, DataKind::Address];
        inc.cause = Some(Cause::Misdelivery);
        inc.discovered = PartialDate::ymd(2026, 5, 11);
        let (f, u) = facts_from_incident(&inc);
        assert_eq!(f.org_kind, Some(OrgKind::PublicBody));
        assert_eq!(f.aware, "2026-05-11".parse().ok());
        assert_eq!(f.social_responsibility, Some(SocialResponsibility::High));
        assert!(u.contains(&Unknown::Encrypted));
        assert!(u.contains(&Unknown::OrdinanceSensitive));
        assert!(!u.contains(&Unknown::Persons));

        inc.organization = Some("市立さくら病院".into());
        assert_eq!(
            facts_from_incident(&inc).0.org_kind,
            Some(OrgKind::PublicMedicalAcademic)
        );
        for court in [
            "最高裁判所",
            "みどり地方裁判所",
            "あおば家庭裁判所",
            "参議院",
        ] {
            inc.organization = Some(court.into());
            assert_eq!(
                facts_from_incident(&inc).0.org_kind,
                Some(OrgKind::OutsideAppi),
                "{court}"
            );
        }
        inc.organization = Some("株式会社サンプル裁判所前店".into());
        assert_ne!(
            facts_from_incident(&inc).0.org_kind,
            Some(OrgKind::OutsideAppi)
        );
        inc.organization = Some("株式会社サンプル".into());
        inc.discovered = PartialDate::ym(2026, 5);
        let (f, u) = facts_from_incident(&inc);
        assert_eq!(f.org_kind, Some(OrgKind::Business));
        assert!(u.contains(&Unknown::Aware));
        assert!(u.contains(&Unknown::SocialResponsibility));
        inc.organization = None;
        assert!(facts_from_incident(&inc).1.contains(&Unknown::OrgKind));
    }

    #[test]
    fn override_merges_known_facts() {
        let base = Facts {
            persons: Some(5),
            cause: Some(Cause::LossTheft),
            ..Facts::default()
        };
        let over = Facts {
            wrongful_intent: Some(true),
            persons: None,
            ..Facts::default()
        };
        let m = base.overridden_by(&over);
        assert_eq!(m.persons, Some(5));
        assert_eq!(m.wrongful_intent, Some(true));
    }
}
