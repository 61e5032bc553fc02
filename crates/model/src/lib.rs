//! The incident record: the contract of `../shared/casebook-schema.md` in Rust types.
//!
//! Every other crate consumes or produces [`Incident`]. Field names and vocabulary strings are a
//! contract other tools score against; the serde names below are exactly the schema's.
//!
//! The crate also holds the workspace's one civil date ([`Date`], [`civil`]: day arithmetic,
//! weekdays, ISO text) and the one clock ([`clock`]: RFC 3339 time stamps, today in UTC or
//! Japan).

pub mod civil;
pub mod clock;
mod date;
mod labels;
mod report;
mod size;
mod vocab;

pub use civil::{days_in_month, is_leap_year, Date, DateError, Weekday};
pub use date::{DateParseError, PartialDate};
pub use labels::{derived_labels, sector_of, Sector};
pub use report::ReportKind;
pub use size::SizeBucket;
pub use vocab::{Actor, Cause, DataKind, Field, Leak, UnknownTerm};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A byte range `[start, end)` in a document's decoded UTF-8 text.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where a field's value came from: the field (`organization`, `affected`, `data.name`, ...),
/// the text of the document at that place and its byte range in the decoded document text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub field: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One incident described in a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// The input file's name (no directory).
    pub doc: String,
    pub organization: Option<String>,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    pub occurred: Option<PartialDate>,
    pub discovered: Option<PartialDate>,
    /// Largest number of persons (or records) whose data leaked or may have leaked.
    pub affected: Option<u64>,
    pub leak: Option<Leak>,
    #[serde(default)]
    pub data: Vec<DataKind>,
    pub cause: Option<Cause>,
    pub actor: Option<Actor>,
    /// One entry per non-null field (per kind for `data`, as `data.<kind>`).
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The incident's section of the document.
    pub span: Span,
    /// Derived labels (see [`derived_labels`]) and, in the store, user labels.
    #[serde(default)]
    pub labels: Vec<String>,
}

impl Incident {
    /// An incident with every field unknown.
    pub fn empty(doc: impl Into<String>, span: Span) -> Self {
        Incident {
            doc: doc.into(),
            organization: None,
            title: None,
            published: None,
            occurred: None,
            discovered: None,
            affected: None,
            leak: None,
            data: Vec::new(),
            cause: None,
            actor: None,
            evidence: Vec::new(),
            span,
            labels: Vec::new(),
        }
    }

    /// The evidence for one field (`"affected"`, `"data.name"`, ...), if any.
    pub fn evidence_for(&self, field: &str) -> Option<&Evidence> {
        self.evidence.iter().find(|e| e.field == field)
    }

    /// A field's value as JSON, in the form the store keeps and the API shows: text, a date as
    /// `YYYY[-MM[-DD]]`, a count, a vocabulary term's key, the data kinds as a list (empty when
    /// none), `null` when unknown. `sector` is the one inferred from the organization
    /// ([`sector_of`]), by its Japanese name.
    pub fn value(&self, field: Field) -> Value {
        fn opt<T>(x: Option<T>, f: impl FnOnce(T) -> Value) -> Value {
            x.map(f).unwrap_or(Value::Null)
        }
        let date = |d: Option<PartialDate>| opt(d, |d| Value::String(d.to_string()));
        match field {
            Field::Organization => opt(self.organization.clone(), Value::String),
            Field::Title => opt(self.title.clone(), Value::String),
            Field::Published => date(self.published),
            Field::Occurred => date(self.occurred),
            Field::Discovered => date(self.discovered),
            Field::Affected => opt(self.affected, Value::from),
            Field::Leak => opt(self.leak, |x| Value::String(x.as_str().into())),
            Field::Cause => opt(self.cause, |x| Value::String(x.as_str().into())),
            Field::Actor => opt(self.actor, |x| Value::String(x.as_str().into())),
            Field::Data => Value::Array(
                self.data
                    .iter()
                    .map(|k| Value::String(k.as_str().into()))
                    .collect(),
            ),
            Field::Sector => opt(self.organization.as_deref().and_then(sector_of), |s| {
                Value::String(s.ja().into())
            }),
        }
    }

    /// Sets a field from its JSON value (the form of [`Incident::value`]); a value that does
    /// not parse leaves the field unknown. `sector` is not a field of the record: setting it
    /// does nothing (the store keeps a sector override beside the record).
    pub fn set_value(&mut self, field: Field, v: &Value) {
        let s = v.as_str();
        let date = || s.and_then(|s| s.parse::<PartialDate>().ok());
        match field {
            Field::Organization => self.organization = s.map(str::to_string),
            Field::Title => self.title = s.map(str::to_string),
            Field::Published => self.published = date(),
            Field::Occurred => self.occurred = date(),
            Field::Discovered => self.discovered = date(),
            Field::Affected => self.affected = v.as_u64(),
            Field::Leak => self.leak = s.and_then(|s| s.parse().ok()),
            Field::Cause => self.cause = s.and_then(|s| s.parse().ok()),
            Field::Actor => self.actor = s.and_then(|s| s.parse().ok()),
            Field::Data => {
                self.data = v
                    .as_array()
                    .map(|a| a.iter().filter_map(|x| x.as_str()?.parse().ok()).collect())
                    .unwrap_or_default()
            }
            Field::Sector => {}
        }
    }

    /// Whether the field is known (a non-empty list for `data`; `sector` when the
    /// organization's name tells it), without building its value.
    pub fn has(&self, field: Field) -> bool {
        match field {
            Field::Organization => self.organization.is_some(),
            Field::Title => self.title.is_some(),
            Field::Published => self.published.is_some(),
            Field::Occurred => self.occurred.is_some(),
            Field::Discovered => self.discovered.is_some(),
            Field::Affected => self.affected.is_some(),
            Field::Leak => self.leak.is_some(),
            Field::Data => !self.data.is_empty(),
            Field::Cause => self.cause.is_some(),
            Field::Actor => self.actor.is_some(),
            Field::Sector => self.organization.as_deref().and_then(sector_of).is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_json() {
        let mut a = Incident::empty("x.txt", Span::new(0, 0));
        a.organization = Some("みどり市".into());
        a.title = Some("個人情報の漏えいについて".into());
        a.published = PartialDate::ymd(2024, 5, 1);
        a.occurred = PartialDate::ym(2024, 4);
        a.discovered = Some(PartialDate::y(2024));
        a.affected = Some(1_845);
        a.leak = Some(Leak::Possible);
        a.data = vec![DataKind::Name, DataKind::Address];
        a.cause = Some(Cause::Misdelivery);
        a.actor = Some(Actor::Internal);
        let mut b = Incident::empty("x.txt", Span::new(0, 0));
        for f in Field::RECORD {
            b.set_value(*f, &a.value(*f));
            assert!(a.has(*f), "{f}");
        }
        assert_eq!(a, b);
        assert_eq!(a.value(Field::Sector), Value::String("自治体".into()));
        assert_eq!(
            a.value(Field::Published),
            Value::String("2024-05-01".into())
        );
        let empty = Incident::empty("y", Span::new(0, 0));
        assert!(Field::ALL.iter().all(|f| !empty.has(*f)));
    }
}
