//! `jikenbo-respond`: the privacy officer's own incident, from the first report to the 確報.
//!
//! A [`Case`] holds the facts of an incident the organization itself is handling (the
//! assessment's [`Facts`], plus the [`CaseDetails`] the drafts need, each with who set it and
//! when), its status, its timeline of [`Event`]s and its recurrence-prevention [`Measure`]s.
//! From it this crate computes the [`Deadline`]s (through `jikenbo-assess`: the legal rules and
//! the holiday calendar live there), says what changes when a fact does ([`recompute`],
//! [`update`]), and writes the drafts the officer files or publishes ([`ppc_report`],
//! [`privacy_mark_report`], [`public_notice`], [`individual_notice`]) as Markdown and .docx.
//!
//! It knows nothing of SQL or HTTP: `jikenbo-store` persists cases (kept apart from the public
//! casebook), the CLI and the web call these functions.
//!
//! # Parts, what each reads and writes
//!
//! | module | reads | writes |
//! |---|---|---|
//! | [`case`] | — | [`Case`], facts by key ([`set_fact`]), what changed ([`fact_changes`]), provenance |
//! | [`deadline`] | the case's facts (assessed), `privacy_mark`, its timeline, today | [`Deadline`]s; change lines; what needs attention across cases ([`attention`]) |
//! | [`drafts`] | the whole case and its assessment | [`Draft`]s |
//! | [`draft`] | a [`Draft`] | Markdown text, .docx bytes |
//!
//! # Unknown facts
//!
//! Every fact is optional. The deadlines follow the assessment (which applies its documented
//! defaults and says so); the drafts never do: a fact that is not set is written
//! [`UNKNOWN`] (未確認) with the fact it would come from.
//!
//! # Example
//!
//! A fictional company sent one message to 350 customers with the addresses in To instead of
//! Bcc:
//!
//! ```
//! use jikenbo_respond::*;
//! use jikenbo_model::{Cause, DataKind};
//!
//! let mut case = Case::new(1, "メールの誤送信(宛先の設定誤り)", "株式会社ひなた商会");
//! let mut facts = case.facts.clone();
//! facts.org_kind = Some(OrgKind::Business);
//! facts.persons = Some(350);
//! facts.data = Some(vec![DataKind::Email]);
//! facts.cause = Some(Cause::Misdelivery);
//! facts.aware = "2026-11-30".parse().ok();
//! case.set_facts(facts.clone(), CaseDetails::default(), "佐藤", "2026-11-30T15:00:00Z");
//! let today = "2026-12-01".parse().unwrap();
//!
//! // 350 persons, no special ground: no report is due, and the deadline list says why.
//! let d = deadlines(&case, today);
//! assert_eq!(d[0].kind, DeadlineKind::PpcReport);
//! assert_eq!(d[0].status, DeadlineStatus::NotRequired);
//! assert!(d[0].ground.contains("1,000人以下"));
//!
//! // The count turns out to be 1,200: a report is now due.
//! let before = case.clone();
//! facts.persons = Some(1_200);
//! case.set_facts(facts, CaseDetails::default(), "佐藤", "2026-12-01T10:00:00Z");
//! let lines = update(&before, &case, today).lines();
//! assert_eq!(lines[0], "本人の数: 350人 → 1,200人");
//! assert!(lines.iter().any(|l| l.starts_with("新たに必要: 確報(個人情報保護委員会): 2027年1月4日(月)まで")));
//!
//! // The 速報 draft, item by item, with what is still unknown written 未確認.
//! let draft = ppc_report(&case, PpcForm::Private, ReportStage::Sokuho, today);
//! assert!(draft.to_markdown().contains("**発見者**\n\n未確認"));
//! let docx: Vec<u8> = draft.to_docx().unwrap();
//! assert!(docx.starts_with(b"PK"));
//! ```

pub mod case;
pub mod deadline;
pub mod draft;
pub mod drafts;

pub use case::{
    date_ja, date_ja_weekday, fact_changes, fact_keys, fact_label, fact_text, fact_value,
    parse_date, set_fact, Case, CaseDetails, CaseStatus, Event, EventKind, EventTime, FactChange,
    Measure, MeasureCategory, MeasureStatus, Provenance, ReportStage,
};
pub use deadline::{
    attention, deadlines, deadlines_of, ground_lines, recompute, update, CaseDeadline, Deadline,
    DeadlineKind, DeadlineStatus, Update,
};
pub use draft::{Block, Draft, DraftKind, Field};
pub use drafts::{
    changes_since, individual_notice, next_edition, notice_file_name, ppc_forms, ppc_report,
    privacy_mark_report, public_notice, NoticeEdition, PpcForm, PPC_ITEMS, PRIVACY_MARK_ITEMS,
};
pub use jikenbo_assess::{Date, Facts, OrgKind};

/// How every draft writes a fact that is not known.
pub const UNKNOWN: &str = "未確認";

/// Errors of the crate: bad input from a user, or a .docx that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum RespondError {
    #[error("JSON: {0}")]
    Json(#[source] serde_json::Error),
    #[error("unknown fact {0:?}; the facts are: {keys}", keys = fact_keys().collect::<Vec<_>>().join(", "))]
    UnknownFact(String),
    #[error("bad value for fact {key}: {detail}")]
    BadFact { key: String, detail: String },
    #[error("unknown {vocabulary} {term:?}; one of: {terms}")]
    UnknownTerm {
        vocabulary: &'static str,
        term: String,
        terms: String,
    },
    #[error("not a date or date-time of the form YYYY-MM-DD or YYYY-MM-DDTHH:MM: {0:?}")]
    BadTime(String),
    #[error("cannot write the .docx: {0}")]
    Docx(String),
}
