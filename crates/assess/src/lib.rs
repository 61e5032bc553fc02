//! `jikenbo-assess`: decides whether a personal-data breach must be reported to the Personal
//! Information Protection Commission (個人情報保護委員会), on which grounds, by when, whether the
//! persons must be notified, and estimates the damages with the JNSA model.
//!
//! The specification is `shared/reference/appi-and-jnsa.md` (the project's legal reference):
//! APPI Art. 26 + Rules 7-10 (private operators and, by Art. 58, public hospitals and
//! universities), APPI Art. 68 + Rules 43-45 (行政機関等), My Number Act Art. 29-4 + the PPC
//! rule Arts. 2-5, the deadline algorithm of its section 8 and the JNSA JOモデル of its section 5.
//!
//! # Entry points
//!
//! * [`assess`]`(&Facts) -> Assessment`: the decision for a set of facts;
//! * [`facts_from_incident`]`(&Incident) -> (Facts, Vec<Unknown>)` and [`assess_incident`]:
//!   the same for a stored incident record, with the outcomes for unknown facts in
//!   [`Assessment::branches`];
//! * [`is_holiday`], [`is_closed_day`], [`kakuho_due`], [`sokuho_window`]: the calendar;
//! * [`render_text`]: the Japanese-first text form.
//!
//! # Facts and their defaults
//!
//! A missing or `null` fact is *unknown*: the default below is used, stated in `assumptions`,
//! and if the other value would change `report_required`, `notify_individuals` or the 確報
//! period, that outcome is listed in `branches`.
//!
//! | fact (JSON) | values | default when unknown |
//! |---|---|---|
//! | `org_kind` | `business` \| `public_body` \| `public_medical_academic` | `business` |
//! | `persons` | integer | not above any threshold; JNSA total not computed |
//! | `my_number_persons` | integer | = `persons` when `data` has `my_number` (the maximum) |
//! | `data` | kinds of the casebook schema | none known |
//! | `cause` | causes of the casebook schema | unknown |
//! | `wrongful_intent` | bool, overrides the cause | implied by the cause: attacks (`targeted_email`, `phishing`, `support_scam`, `ransomware`, `unauthorized_access`, `malware`) and `insider_*` → true; `loss_theft` (taken as loss), `misdelivery`, `misconfiguration`, unknown → false |
//! | `encrypted` | bool: high-level encryption, key kept apart | false |
//! | `pseudonymized` | bool: 仮名加工情報 | false |
//! | `recovered_unviewed` | bool: all copies back before anyone viewed them | false |
//! | `ordinance_sensitive` | bool: 条例要配慮個人情報 (public bodies only) | false |
//! | `processor_notified_controller` | bool: a 委託先 that notified its 委託元 | false |
//! | `aware` | `YYYY-MM-DD`, 知った日 = day 1 | unknown: no dates computed |
//! | `social_responsibility` | `high` \| `normal` | `normal` |
//! | `response` | `appropriate` \| `inappropriate` \| `unknown` | `unknown` (factor 1) |
//! | `leak` (ext.) | `confirmed` \| `possible` \| `none` | `possible` |
//! | `card_last4_only` (ext.) | bool: card data is only the last 4 digits + expiry (PPC Q&A 6-12); the kind `credit_card` alone means full card data | false |
//! | `payment_credentials` (ext.) | bool: leaked ID/password or bank data allow payment/remittance | false |
//! | `financial_risk` (ext.) | bool: override of the Rule 7(ii) finding | derived from `data` |
//! | `pre_storage` (ext.) | bool: only skimmed input never stored (2024 amendment: Rule 7(iii) only, from 2024-04-01) | false |
//! | `publicly_viewable` (ext.) | bool: My Number data viewable by 不特定多数 | true iff cause is `misconfiguration` |
//! | `mynumber_system` (ext.) | bool: My Number data in the 情報提供ネットワークシステム / 個人番号利用事務 systems | false |
//! | `nondisclosure_info` (ext.) | bool: (public bodies) contains 不開示情報 → no notice | false |
//! | `jnsa_levels` (ext.) | `{"kind": [privacy, economic]}` | the table in [`jnsa`] |
//!
//! `notes` (a list of strings) is copied into `assumptions`. Any other key is an error
//! ([`AssessError::UnknownFacts`], naming the key, the fact it likely misspells and every key of
//! [`Facts::FIELDS`]): a misspelled fact must not be taken as unknown.
//!
//! # Decisions encoded
//!
//! * Regime: `business` and `public_medical_academic` → Art. 26 (more than **1,000** persons);
//!   `public_body` → Art. 68 (more than **100**, plus 条例要配慮). My Number data adds the My
//!   Number Act regime (more than **100**; system; wrongful; 不特定多数) for every kind of body.
//! * Exemptions, in order: `leak: none` and `recovered_unviewed` (no 漏えい at all, both laws);
//!   `pseudonymized` (APPI only: Art. 41(9)); `encrypted` (every ground of both laws); a
//!   processor that notified its controller (Art. 26(1) proviso, Rule 9; My Number Rule 4; not
//!   under Art. 68) keeps its grounds but owes neither report nor notice.
//! * `sensitive` = any of `health`, `health_check`, `criminal`, `disability`, `creed`, `race`,
//!   `social_status`, `crime_victim`; `financial` = full card data, or payment-capable
//!   credentials; bank account numbers, IDs or the last four card digits alone are not.
//! * 確報: 60 days when a wrongful ground applies, else 30; day 1 = `aware`; a due date on a
//!   Saturday, Sunday, national holiday or 12-29..01-03 moves to the next open day. When two
//!   regimes require a report the earliest due date is the top-level `kakuho_due`
//!   (`regime_details` has each). 速報: the guideline window aware + 3 … aware + 5 (calendar
//!   days, not rolled). Both are `null` when no report is required.
//! * `notify_individuals` = a report is required (except 不開示情報 under Art. 68(2)(ii)).
//!
//! # Dates
//!
//! Plain day arithmetic on the workspace's civil date, [`Date`] (with [`Weekday`] and
//! [`DateError`]): defined in `jikenbo-model` ([`jikenbo_model::civil`] says why there is no
//! date crate) and re-exported here, so `jikenbo_assess::Date` is the same type. The holiday
//! calendar is computed by rule ([`holidays`]) and tested against every holiday of 2000-2035 as
//! listed by the PyPI package `jpholiday` (fixture generated by `tools/gen_holidays.py`).

mod engine;
mod facts;
pub mod holidays;
pub mod jnsa;
mod text;

pub use engine::{
    assess, cause_implies_wrongful, Assessment, Branch, Ground, Regime, RegimeAssessment,
};
pub use facts::{
    facts_from_incident, facts_from_incident_in, is_court_or_diet, Facts, JnsaLevel, OrgKind,
    Response, SocialResponsibility, Unknown, UnknownKey,
};
pub use holidays::{is_closed_day, is_holiday, next_open_day};
pub use jikenbo_model::{Date, DateError, Weekday};
pub use jnsa::Jnsa;
pub use text::render_text;

/// Errors of the library (bad facts input).
#[derive(Debug, thiserror::Error)]
pub enum AssessError {
    #[error("invalid facts JSON")]
    Json(#[source] serde_json::Error),
    /// Keys of the JSON facts that are not facts (see [`Facts::FIELDS`]).
    #[error(
        "unknown fact{} {}; the facts are: {}",
        if .0.len() == 1 { "" } else { "s" },
        .0.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(", "),
        Facts::FIELDS.join(", ")
    )]
    UnknownFacts(Vec<UnknownKey>),
    #[error("JNSA level for {kind} must be two numbers 1-3, got [{privacy}, {economic}]")]
    JnsaLevel {
        kind: &'static str,
        privacy: u8,
        economic: u8,
    },
}

/// 確報 due date: `aware` is day 1, day `days` is rolled forward past closed days
/// (Saturday, Sunday, national holidays, 12-29..01-03).
pub fn kakuho_due(aware: Date, days: u32) -> Date {
    next_open_day(aware.add_days(i64::from(days) - 1))
}

/// The 速報 guideline window (目安): aware + 3 … aware + 5 calendar days.
pub fn sokuho_window(aware: Date) -> (Date, Date) {
    (aware.add_days(3), aware.add_days(5))
}

/// Assess a stored incident: [`facts_from_incident`] then [`assess`].
pub fn assess_incident(inc: &jikenbo_model::Incident) -> Assessment {
    assess(&facts_from_incident(inc).0)
}

/// Assess a stored incident with facts known from elsewhere taking precedence.
pub fn assess_incident_with(inc: &jikenbo_model::Incident, known: &Facts) -> Assessment {
    assess(&facts_from_incident(inc).0.overridden_by(known))
}

/// Assess a stored incident of a known sector (the store's: a curator's correction wins over
/// the reading of the name), so a corrected sector reaches the organization kind.
pub fn assess_stored(
    inc: &jikenbo_model::Incident,
    sector: Option<jikenbo_model::Sector>,
    known: Option<&Facts>,
) -> Assessment {
    let facts = facts_from_incident_in(inc, sector).0;
    assess(&match known {
        Some(k) => facts.overridden_by(k),
        None => facts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn reference_deadline_examples() {
        assert_eq!(kakuho_due(d("2025-04-01"), 30), d("2025-04-30"));
        assert_eq!(kakuho_due(d("2025-04-01"), 60), d("2025-05-30"));
        assert_eq!(kakuho_due(d("2025-04-07"), 30), d("2025-05-07"));
        assert_eq!(kakuho_due(d("2025-12-01"), 30), d("2026-01-05"));
        assert_eq!(kakuho_due(d("2025-10-01"), 60), d("2025-12-01"));
        assert_eq!(
            sokuho_window(d("2025-12-15")),
            (d("2025-12-18"), d("2025-12-20"))
        );
    }
}
