//! The own case: its facts (the assessment's [`Facts`] and this crate's [`CaseDetails`]) with
//! who set each and when, its status, its timeline of [`Event`]s and its recurrence-prevention
//! [`Measure`]s.
//!
//! Reads nothing and writes nothing outside itself: the store persists a [`Case`], the CLI and
//! the web edit one. Every fact is optional; an unset fact is *unknown* and every draft writes
//! it as 未確認.
//!
//! ```
//! use jikenbo_respond::{Case, CaseDetails, Facts};
//!
//! let mut case = Case::new(1, "メール誤送信", "株式会社ひなた商会");
//! let mut facts = case.facts.clone();
//! facts.persons = Some(350);
//! let changes = case.set_facts(facts, CaseDetails::default(), "佐藤", "2026-12-01T09:00:00Z");
//! assert_eq!(changes[0].line(), "本人の数: 未確認 → 350人");
//! assert_eq!(case.provenance["persons"].who, "佐藤");
//! ```

use crate::RespondError;
use jikenbo_assess::jnsa::yen;
use jikenbo_assess::{Date, Facts, OrgKind, Response, SocialResponsibility};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

macro_rules! term_enum {
    ($(#[$meta:meta])* $name:ident, $vocab:literal { $($(#[$vmeta:meta])* $variant:ident => $key:literal, $ja:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// The JSON / storage name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key,)* }
            }
            /// The Japanese label.
            pub fn ja(self) -> &'static str {
                match self { $($name::$variant => $ja,)* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.ja())
            }
        }

        impl FromStr for $name {
            type Err = RespondError;
            /// The storage name or the Japanese label.
            fn from_str(s: &str) -> Result<Self, RespondError> {
                let t = s.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == t || v.ja() == t)
                    .ok_or_else(|| RespondError::UnknownTerm {
                        vocabulary: $vocab,
                        term: t.to_string(),
                        terms: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}

term_enum! {
    /// Where the case stands.
    CaseStatus, "status" {
        /// 調査中: facts still being established.
        Investigating => "investigating", "調査中";
        /// 報告済: the reports due have been filed.
        Reported => "reported", "報告済";
        /// 再発防止策実施中: reports filed, measures under way.
        Preventing => "preventing", "再発防止策実施中";
        /// 完了: closed.
        Closed => "closed", "完了";
    }
}

term_enum! {
    /// What happened on the timeline.
    EventKind, "event kind" {
        Occurred => "occurred", "発生";
        Discovered => "discovered", "発覚";
        /// 速報 to the PPC (個人情報保護委員会).
        PpcSokuho => "ppc_sokuho", "速報(個人情報保護委員会)";
        /// 確報 to the PPC.
        PpcKakuho => "ppc_kakuho", "確報(個人情報保護委員会)";
        /// A processor's report to its controller.
        ControllerReport => "controller_report", "委託元への報告";
        /// Report to the Privacy-Mark review body.
        PrivacyMarkReport => "privacy_mark_report", "審査機関への報告";
        /// Report to the ministry in charge of the sector.
        MinistryReport => "ministry_report", "所管省庁への報告";
        IndividualNotice => "individual_notice", "本人通知";
        Publication => "publication", "公表";
        PoliceConsultation => "police_consultation", "警察相談";
        InvestigationDone => "investigation_done", "調査完了";
        PreventionDone => "prevention_done", "再発防止策実施";
    }
}

term_enum! {
    /// Which stage a report is: 速報 (what is known) or 確報 (everything).
    ReportStage, "report stage" {
        Sokuho => "sokuho", "速報";
        Kakuho => "kakuho", "確報";
    }
}

term_enum! {
    /// The kind of safeguard a measure strengthens (the guidelines' 安全管理措置, plus the
    /// supervision of contractors).
    MeasureCategory, "measure category" {
        Organizational => "organizational", "組織的";
        Human => "human", "人的";
        Physical => "physical", "物理的";
        Technical => "technical", "技術的";
        Contractor => "contractor", "委託先管理";
    }
}

term_enum! {
    /// How far a measure is.
    MeasureStatus, "measure status" {
        Planned => "planned", "予定";
        InProgress => "in_progress", "実施中";
        Done => "done", "完了";
    }
}

impl MeasureCategory {
    /// The long form used in reports (`技術的安全管理措置`, `委託先の監督`).
    pub fn long_ja(self) -> &'static str {
        match self {
            MeasureCategory::Organizational => "組織的安全管理措置",
            MeasureCategory::Human => "人的安全管理措置",
            MeasureCategory::Physical => "物理的安全管理措置",
            MeasureCategory::Technical => "技術的安全管理措置",
            MeasureCategory::Contractor => "委託先の監督",
        }
    }
}

/// A date with an optional time of day (local time, as the officer enters it).
/// Text form: `2026-11-30` or `2026-11-30T10:15` (a space also separates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventTime {
    pub date: Date,
    /// Hour and minute.
    pub time: Option<(u8, u8)>,
}

impl EventTime {
    /// A whole day.
    pub fn day(date: Date) -> EventTime {
        EventTime { date, time: None }
    }
    /// `2026年11月30日` or `2026年11月30日 10時15分`.
    pub fn ja(&self) -> String {
        match self.time {
            Some((h, m)) => format!("{} {h}時{m:02}分", date_ja(self.date)),
            None => date_ja(self.date),
        }
    }
}

/// `2026年11月30日`.
pub fn date_ja(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// `2026年11月30日(月)`.
pub fn date_ja_weekday(d: Date) -> String {
    format!("{}({})", date_ja(d), d.weekday().ja())
}

impl fmt::Display for EventTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time {
            Some((h, m)) => write!(f, "{}T{h:02}:{m:02}", self.date),
            None => write!(f, "{}", self.date),
        }
    }
}

impl FromStr for EventTime {
    type Err = RespondError;
    fn from_str(s: &str) -> Result<EventTime, RespondError> {
        let t = s.trim();
        let bad = || RespondError::BadTime(s.to_string());
        let (d, rest) = match t.find(['T', ' ']) {
            Some(i) => (&t[..i], Some(t[i + 1..].trim())),
            None => (t, None),
        };
        let date: Date = d.parse().map_err(|_| bad())?;
        let time = match rest {
            None => None,
            Some(hm) => {
                let (h, m) = hm.split_once(':').ok_or_else(bad)?;
                let digits = |x: &str| x.len() == 2 && x.bytes().all(|c| c.is_ascii_digit());
                if !digits(h) || !digits(m) {
                    return Err(bad());
                }
                let h: u8 = h.parse().map_err(|_| bad())?;
                let m: u8 = m.parse().map_err(|_| bad())?;
                if h > 23 || m > 59 {
                    return Err(bad());
                }
                Some((h, m))
            }
        };
        Ok(EventTime { date, time })
    }
}

impl Serialize for EventTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EventTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<EventTime, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The store's id (`None` before it is stored).
    #[serde(default)]
    pub id: Option<i64>,
    pub at: EventTime,
    pub kind: EventKind,
    /// 速報 or 確報, for the reports (to the 審査機関, the ministry, the 委託元) where the kind
    /// does not say it. A report to the 審査機関 without a stage counts as its 事故報告書 (確報).
    #[serde(default)]
    pub stage: Option<ReportStage>,
    #[serde(default)]
    pub note: String,
    /// Who recorded it.
    #[serde(default)]
    pub who: String,
}

impl Event {
    pub fn new(at: EventTime, kind: EventKind, note: &str, who: &str) -> Event {
        Event {
            id: None,
            at,
            kind,
            stage: None,
            note: note.to_string(),
            who: who.to_string(),
        }
    }

    /// `2026年11月30日 10時15分 発覚: 顧客からの連絡`: when, what (with its stage, `(速報)`, where
    /// the kind does not say it) and the note.
    pub fn line(&self) -> String {
        let stage = self
            .stage
            .filter(|_| !matches!(self.kind, EventKind::PpcSokuho | EventKind::PpcKakuho))
            .map(|s| format!("({})", s.ja()))
            .unwrap_or_default();
        let note = self.note.trim();
        if note.is_empty() {
            format!("{} {}{stage}", self.at.ja(), self.kind.ja())
        } else {
            format!("{} {}{stage}: {note}", self.at.ja(), self.kind.ja())
        }
    }
}

/// A recurrence-prevention measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    /// The store's id (`None` before it is stored).
    #[serde(default)]
    pub id: Option<i64>,
    pub text: String,
    pub category: MeasureCategory,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub due: Option<Date>,
    pub status: MeasureStatus,
    /// Evidence of completion (a record, a document, a configuration).
    #[serde(default)]
    pub evidence: Option<String>,
}

impl Measure {
    pub fn new(text: &str, category: MeasureCategory, status: MeasureStatus) -> Measure {
        Measure {
            id: None,
            text: text.to_string(),
            category,
            owner: None,
            due: None,
            status,
            evidence: None,
        }
    }

    /// `【技術的】送信前の宛先確認(担当: 情報システム部、期限: 2026年12月20日、実施中)`.
    pub fn line(&self) -> String {
        let mut extra: Vec<String> = Vec::new();
        if let Some(o) = self.owner.as_deref().filter(|o| !o.trim().is_empty()) {
            extra.push(format!("担当: {o}"));
        }
        if let Some(d) = self.due {
            extra.push(format!("期限: {}", date_ja(d)));
        }
        extra.push(self.status.ja().to_string());
        if let Some(e) = self
            .evidence
            .as_deref()
            .filter(|e| !e.trim().is_empty() && self.status == MeasureStatus::Done)
        {
            extra.push(format!("完了の根拠: {e}"));
        }
        format!(
            "【{}】{}({})",
            self.category.ja(),
            self.text.trim(),
            extra.join("、")
        )
    }
}

/// Who set a fact, and when (RFC 3339 as the store writes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub who: String,
    pub at: String,
}

/// The facts of an own case that the assessment does not read but the drafts need. Every
/// field is optional (unknown until set); a key that is not one of [`CaseDetails::FIELDS`] is
/// refused in JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CaseDetails {
    /// The organization holds the Privacy Mark (プライバシーマーク付与事業者), so the 審査機関
    /// must get an incident report.
    pub privacy_mark: Option<bool>,
    /// The Privacy-Mark review body (審査機関) it reports to.
    pub privacy_mark_body: Option<String>,
    /// 業種.
    pub industry: Option<String>,
    /// 発生事案: what happened, in a few sentences.
    pub summary: Option<String>,
    /// 発見者: who found it and how.
    pub discovered_by: Option<String>,
    /// 委託元・委託先の関係: whether a controller or processor is involved.
    pub entrustment: Option<String>,
    /// 媒体: paper, e-mail, a file server…
    pub data_medium: Option<String>,
    /// 種類: customer, employee, patient information…
    pub data_category: Option<String>,
    /// Items beyond the kinds of the facts (free text).
    pub data_detail: Option<String>,
    /// 原因: how it came about.
    pub cause_detail: Option<String>,
    /// 発生主体 / 事故発生元: the reporter itself, a processor, a courier…
    pub cause_entity: Option<String>,
    /// 事故発生者: who caused it (a role, not a name).
    pub caused_by: Option<String>,
    /// 二次被害又はそのおそれの有無及びその内容.
    pub secondary_damage: Option<String>,
    /// 安全管理措置の実施状況 before the incident (Privacy-Mark report).
    pub security_measures: Option<String>,
    /// 本人への対応: what was done or offered to the persons besides the notice itself.
    pub individuals_response: Option<String>,
    /// What the persons are asked to do (watch for suspicious mail, change a password…).
    pub advice_to_individuals: Option<String>,
    /// 公表の方針 (how and when it is to be published).
    pub publication_plan: Option<String>,
    /// お問い合わせ先: the desk, its number and hours.
    pub contact: Option<String>,
    /// その他参考となる事項.
    pub other: Option<String>,
}

impl CaseDetails {
    /// The keys of the JSON form.
    pub const FIELDS: &'static [&'static str] = &[
        "privacy_mark",
        "privacy_mark_body",
        "industry",
        "summary",
        "discovered_by",
        "entrustment",
        "data_medium",
        "data_category",
        "data_detail",
        "cause_detail",
        "cause_entity",
        "caused_by",
        "secondary_damage",
        "security_measures",
        "individuals_response",
        "advice_to_individuals",
        "publication_plan",
        "contact",
        "other",
    ];

    /// Parses the JSON form; a key that is not a detail is an error naming it.
    pub fn from_json(s: &str) -> Result<CaseDetails, RespondError> {
        serde_json::from_str(s).map_err(RespondError::Json)
    }

    /// The text of a text detail (`None` when unset or blank).
    pub fn text(&self, key: &str) -> Option<&str> {
        let v = match key {
            "privacy_mark_body" => &self.privacy_mark_body,
            "industry" => &self.industry,
            "summary" => &self.summary,
            "discovered_by" => &self.discovered_by,
            "entrustment" => &self.entrustment,
            "data_medium" => &self.data_medium,
            "data_category" => &self.data_category,
            "data_detail" => &self.data_detail,
            "cause_detail" => &self.cause_detail,
            "cause_entity" => &self.cause_entity,
            "caused_by" => &self.caused_by,
            "secondary_damage" => &self.secondary_damage,
            "security_measures" => &self.security_measures,
            "individuals_response" => &self.individuals_response,
            "advice_to_individuals" => &self.advice_to_individuals,
            "publication_plan" => &self.publication_plan,
            "contact" => &self.contact,
            "other" => &self.other,
            _ => return None,
        };
        v.as_deref().map(str::trim).filter(|t| !t.is_empty())
    }
}

/// Every fact key of a case: the assessment's ([`Facts::FIELDS`]) then the details'.
pub fn fact_keys() -> impl Iterator<Item = &'static str> {
    Facts::FIELDS
        .iter()
        .chain(CaseDetails::FIELDS.iter())
        .copied()
}

/// The Japanese name of a fact (`persons` → `本人の数`); the key itself when unknown.
pub fn fact_label(key: &str) -> &str {
    match key {
        "org_kind" => "組織の種別",
        "persons" => "本人の数",
        "my_number_persons" => "マイナンバーを含む本人の数",
        "data" => "漏えい等した情報の項目",
        "cause" => "原因の種別",
        "wrongful_intent" => "不正の目的の有無",
        "encrypted" => "高度な暗号化等の措置",
        "pseudonymized" => "仮名加工情報",
        "recovered_unviewed" => "閲覧前の回収",
        "ordinance_sensitive" => "条例要配慮個人情報",
        "processor_notified_controller" => "委託先としての委託元への通知",
        "aware" => "知った日",
        "social_responsibility" => "社会的責任度",
        "response" => "事後対応の評価",
        "leak" => "漏えい等の状況",
        "card_last4_only" => "カード番号は下4桁のみ",
        "payment_credentials" => "決済・送金に使える認証情報",
        "financial_risk" => "財産的被害のおそれ",
        "pre_storage" => "保存前の入力情報のみ",
        "publicly_viewable" => "不特定多数が閲覧可能",
        "mynumber_system" => "個人番号利用事務等のシステムの特定個人情報",
        "nondisclosure_info" => "不開示情報",
        "jnsa_levels" => "JNSAレベルの指定",
        "notes" => "事実の確認方法のメモ",
        "privacy_mark" => "プライバシーマーク付与事業者",
        "privacy_mark_body" => "審査機関",
        "industry" => "業種",
        "summary" => "発生事案",
        "discovered_by" => "発見者",
        "entrustment" => "委託元・委託先の関係",
        "data_medium" => "媒体",
        "data_category" => "個人情報の種類",
        "data_detail" => "項目の詳細",
        "cause_detail" => "原因の詳細",
        "cause_entity" => "発生主体",
        "caused_by" => "事故発生者",
        "secondary_damage" => "二次被害",
        "security_measures" => "安全管理措置の実施状況",
        "individuals_response" => "本人への対応",
        "advice_to_individuals" => "ご本人へのお願い",
        "publication_plan" => "公表の方針",
        "contact" => "お問い合わせ先",
        "other" => "その他参考となる事項",
        other => other,
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "はい"
    } else {
        "いいえ"
    }
}

/// The value of a fact as text (`None` when unknown).
pub fn fact_text(facts: &Facts, details: &CaseDetails, key: &str) -> Option<String> {
    let b = |v: Option<bool>| v.map(|x| yes_no(x).to_string());
    match key {
        "org_kind" => facts.org_kind.map(|k| k.ja().to_string()),
        "persons" => facts.persons.map(|n| format!("{}人", yen(n))),
        "my_number_persons" => facts.my_number_persons.map(|n| format!("{}人", yen(n))),
        "data" => facts.data.as_ref().map(|d| {
            if d.is_empty() {
                "(該当なし)".to_string()
            } else {
                d.iter().map(|k| k.ja()).collect::<Vec<_>>().join("、")
            }
        }),
        "cause" => facts.cause.map(|c| c.ja().to_string()),
        "wrongful_intent" => facts
            .wrongful_intent
            .map(|w| if w { "おそれあり" } else { "なし" }.to_string()),
        "encrypted" => b(facts.encrypted),
        "pseudonymized" => b(facts.pseudonymized),
        "recovered_unviewed" => b(facts.recovered_unviewed),
        "ordinance_sensitive" => b(facts.ordinance_sensitive),
        "processor_notified_controller" => b(facts.processor_notified_controller),
        "aware" => facts.aware.map(date_ja),
        "social_responsibility" => facts.social_responsibility.map(|s| {
            match s {
                SocialResponsibility::High => "高い",
                SocialResponsibility::Normal => "平均的",
            }
            .to_string()
        }),
        "response" => facts.response.map(|r| {
            match r {
                Response::Appropriate => "適切",
                Response::Inappropriate => "不適切",
                Response::Unknown => "不明",
            }
            .to_string()
        }),
        "leak" => facts.leak.map(|l| l.ja().to_string()),
        "card_last4_only" => b(facts.card_last4_only),
        "payment_credentials" => b(facts.payment_credentials),
        "financial_risk" => b(facts.financial_risk),
        "pre_storage" => b(facts.pre_storage),
        "publicly_viewable" => b(facts.publicly_viewable),
        "mynumber_system" => b(facts.mynumber_system),
        "nondisclosure_info" => b(facts.nondisclosure_info),
        "jnsa_levels" => (!facts.jnsa_levels.is_empty()).then(|| {
            facts
                .jnsa_levels
                .iter()
                .map(|(k, l)| format!("{}: [{}, {}]", k.ja(), l.0, l.1))
                .collect::<Vec<_>>()
                .join("、")
        }),
        "notes" => (!facts.notes.is_empty()).then(|| facts.notes.join("; ")),
        "privacy_mark" => b(details.privacy_mark),
        k => details.text(k).map(str::to_string),
    }
}

/// The JSON value of a fact (`Null` when unknown), for comparing and storing.
pub fn fact_value(facts: &Facts, details: &CaseDetails, key: &str) -> Value {
    let from = |v: Result<Value, serde_json::Error>| -> Value {
        v.ok()
            .and_then(|v| v.get(key).cloned())
            .unwrap_or(Value::Null)
    };
    let v = if Facts::FIELDS.contains(&key) {
        from(serde_json::to_value(facts))
    } else {
        from(serde_json::to_value(details))
    };
    match v {
        Value::Array(a) if a.is_empty() && key == "notes" => Value::Null,
        Value::Object(o) if o.is_empty() => Value::Null,
        v => v,
    }
}

/// Sets one fact from its JSON value (`Null` makes it unknown again). The key must be one of
/// [`fact_keys`]; the value must be what the JSON form takes (`"persons": 1200`,
/// `"aware": "2026-11-30"`, `"data": ["name", "email"]`, `"privacy_mark": true`).
pub fn set_fact(
    facts: &mut Facts,
    details: &mut CaseDetails,
    key: &str,
    value: Value,
) -> Result<(), RespondError> {
    fn put<T: Serialize + serde::de::DeserializeOwned>(
        t: &mut T,
        key: &str,
        value: Value,
    ) -> Result<(), RespondError> {
        let mut v = serde_json::to_value(&*t).map_err(RespondError::Json)?;
        if let Value::Object(o) = &mut v {
            o.insert(key.to_string(), value);
        }
        *t = serde_json::from_value(v).map_err(|e| RespondError::BadFact {
            key: key.to_string(),
            detail: e.to_string(),
        })?;
        Ok(())
    }
    if Facts::FIELDS.contains(&key) {
        let value = match (key, value) {
            ("notes", Value::Null) => Value::Array(Vec::new()),
            ("jnsa_levels", Value::Null) => Value::Object(Default::default()),
            (_, v) => v,
        };
        put(facts, key, value)?;
        facts.validate().map_err(|e| RespondError::BadFact {
            key: key.to_string(),
            detail: e.to_string(),
        })
    } else if CaseDetails::FIELDS.contains(&key) {
        put(details, key, value)
    } else {
        Err(RespondError::UnknownFact(key.to_string()))
    }
}

/// One fact that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactChange {
    pub key: String,
    /// The JSON values, `Null` for unknown.
    pub before: Value,
    pub after: Value,
    /// The values as text (`None`: unknown).
    pub before_text: Option<String>,
    pub after_text: Option<String>,
}

impl FactChange {
    /// `本人の数: 350人 → 1,200人` (unknown reads 未確認).
    pub fn line(&self) -> String {
        format!(
            "{}: {} → {}",
            fact_label(&self.key),
            self.before_text.as_deref().unwrap_or(crate::UNKNOWN),
            self.after_text.as_deref().unwrap_or(crate::UNKNOWN)
        )
    }
}

/// The facts that differ between two sets, in the order of [`fact_keys`].
pub fn fact_changes(old: (&Facts, &CaseDetails), new: (&Facts, &CaseDetails)) -> Vec<FactChange> {
    fact_keys()
        .filter_map(|k| {
            let before = fact_value(old.0, old.1, k);
            let after = fact_value(new.0, new.1, k);
            (before != after).then(|| FactChange {
                key: k.to_string(),
                before_text: fact_text(old.0, old.1, k),
                after_text: fact_text(new.0, new.1, k),
                before,
                after,
            })
        })
        .collect()
}

/// The privacy officer's own incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: i64,
    pub title: String,
    pub organization: String,
    pub status: CaseStatus,
    /// The facts the assessment reads (`jikenbo assess --facts`).
    pub facts: Facts,
    /// The facts only the drafts and the Privacy-Mark deadline read.
    pub details: CaseDetails,
    /// Who set each known fact and when, by fact key.
    #[serde(default)]
    pub provenance: BTreeMap<String, Provenance>,
    /// The timeline, in the order of [`Case::sort_events`] (by time).
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
}

impl Case {
    /// A new case: status 調査中, every fact unknown.
    pub fn new(id: i64, title: &str, organization: &str) -> Case {
        Case {
            id,
            title: title.to_string(),
            organization: organization.to_string(),
            status: CaseStatus::Investigating,
            facts: Facts::default(),
            details: CaseDetails::default(),
            provenance: BTreeMap::new(),
            events: Vec::new(),
            measures: Vec::new(),
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    /// Replaces the facts; every fact that changed is recorded as set by `who` at `at` (a fact
    /// made unknown loses its provenance). Returns what changed.
    pub fn set_facts(
        &mut self,
        facts: Facts,
        details: CaseDetails,
        who: &str,
        at: &str,
    ) -> Vec<FactChange> {
        let changes = fact_changes((&self.facts, &self.details), (&facts, &details));
        for c in &changes {
            if c.after.is_null() {
                self.provenance.remove(&c.key);
            } else {
                self.provenance.insert(
                    c.key.clone(),
                    Provenance {
                        who: who.to_string(),
                        at: at.to_string(),
                    },
                );
            }
        }
        self.facts = facts;
        self.details = details;
        changes
    }

    /// Orders the timeline by time (a day without a time before the same day's timed events),
    /// then by kind.
    pub fn sort_events(&mut self) {
        self.events.sort_by(|a, b| {
            (a.at.date, a.at.time, a.kind, a.id).cmp(&(b.at.date, b.at.time, b.kind, b.id))
        });
    }

    /// The events of a kind, earliest first.
    pub fn events_of(&self, kind: EventKind) -> Vec<&Event> {
        let mut v: Vec<&Event> = self.events.iter().filter(|e| e.kind == kind).collect();
        v.sort_by_key(|e| (e.at.date, e.at.time));
        v
    }

    /// The earliest event of a kind.
    pub fn first_event(&self, kind: EventKind) -> Option<&Event> {
        self.events_of(kind).into_iter().next()
    }

    /// Where a fact comes from: `事実「本人の数」(persons)／入力: 佐藤 2026-12-01T09:00:00Z`, or
    /// `事実「本人の数」(persons) は未入力`.
    pub fn source(&self, key: &str) -> String {
        let label = fact_label(key);
        let known = !fact_value(&self.facts, &self.details, key).is_null();
        match (known, self.provenance.get(key)) {
            (true, Some(p)) => format!("事実「{label}」({key})／入力: {} {}", p.who, p.at),
            (true, None) => format!("事実「{label}」({key})"),
            (false, _) => format!("事実「{label}」({key}) は未入力"),
        }
    }

    /// Whether a public body (行政機関等) holds the data.
    pub fn is_public_body(&self) -> bool {
        self.facts.org_kind == Some(OrgKind::PublicBody)
    }
}

/// A date from text, for callers that take dates from users (`2026-11-30`).
pub fn parse_date(s: &str) -> Result<Date, RespondError> {
    s.parse().map_err(|_| RespondError::BadTime(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jikenbo_model::DataKind;

    #[test]
    fn event_times_parse_strictly() {
        let t: EventTime = "2026-11-30T10:05".parse().unwrap();
        assert_eq!(t.to_string(), "2026-11-30T10:05");
        assert_eq!(t.ja(), "2026年11月30日 10時05分");
        let t: EventTime = "2026-11-30 09:05".parse().unwrap();
        assert_eq!(t.time, Some((9, 5)));
        assert!("2026-11-30 9:05".parse::<EventTime>().is_err());
        assert_eq!("2026-11-30".parse::<EventTime>().unwrap().time, None);
        for bad in ["2026-11-31", "2026-11-30T24:00", "2026-11-30T10", "x", ""] {
            assert!(bad.parse::<EventTime>().is_err(), "{bad}");
        }
        let j = serde_json::to_string(&EventTime::day("2026-01-02".parse().unwrap())).unwrap();
        assert_eq!(j, "\"2026-01-02\"");
    }

    #[test]
    fn terms_parse_from_key_or_label() {
        assert_eq!("発覚".parse::<EventKind>().unwrap(), EventKind::Discovered);
        assert_eq!(
            "ppc_sokuho".parse::<EventKind>().unwrap(),
            EventKind::PpcSokuho
        );
        let e = "報告".parse::<EventKind>().unwrap_err().to_string();
        assert!(e.contains("ppc_kakuho"), "{e}");
        assert_eq!(
            "技術的".parse::<MeasureCategory>().unwrap(),
            MeasureCategory::Technical
        );
    }

    #[test]
    fn facts_set_by_key_and_changes_are_lines() {
        let mut f = Facts::default();
        let mut d = CaseDetails::default();
        set_fact(&mut f, &mut d, "persons", serde_json::json!(1200)).unwrap();
        set_fact(&mut f, &mut d, "data", serde_json::json!(["name", "email"])).unwrap();
        set_fact(&mut f, &mut d, "privacy_mark", serde_json::json!(true)).unwrap();
        set_fact(&mut f, &mut d, "contact", serde_json::json!("お客様窓口")).unwrap();
        assert_eq!(f.persons, Some(1200));
        assert_eq!(f.data, Some(vec![DataKind::Name, DataKind::Email]));
        assert_eq!(d.privacy_mark, Some(true));
        assert!(set_fact(&mut f, &mut d, "persns", Value::Null).is_err());
        assert!(set_fact(&mut f, &mut d, "persons", serde_json::json!(-3)).is_err());
        assert!(set_fact(&mut f, &mut d, "aware", serde_json::json!("2026-02-30")).is_err());
        let old = (Facts::default(), CaseDetails::default());
        let ch = fact_changes((&old.0, &old.1), (&f, &d));
        let lines: Vec<String> = ch.iter().map(FactChange::line).collect();
        assert_eq!(
            lines,
            [
                "本人の数: 未確認 → 1,200人",
                "漏えい等した情報の項目: 未確認 → 氏名、メールアドレス",
                "プライバシーマーク付与事業者: 未確認 → はい",
                "お問い合わせ先: 未確認 → お客様窓口",
            ]
        );
        set_fact(&mut f, &mut d, "persons", Value::Null).unwrap();
        assert_eq!(f.persons, None);
    }

    #[test]
    fn provenance_follows_changes() {
        let mut c = Case::new(1, "t", "o");
        let mut f = c.facts.clone();
        f.persons = Some(3);
        c.set_facts(f.clone(), CaseDetails::default(), "a", "t1");
        f.cause = Some(jikenbo_model::Cause::Misdelivery);
        let ch = c.set_facts(f.clone(), CaseDetails::default(), "b", "t2");
        assert_eq!(ch.len(), 1);
        assert_eq!(c.provenance["persons"].who, "a");
        assert_eq!(c.provenance["cause"].who, "b");
        assert!(c.source("persons").contains("入力: a t1"));
        assert!(c.source("aware").ends_with("は未入力"));
        f.persons = None;
        c.set_facts(f, CaseDetails::default(), "c", "t3");
        assert!(!c.provenance.contains_key("persons"));
    }
}
