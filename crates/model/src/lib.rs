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
pub use vocab::{Actor, Cause, DataKind, Leak, UnknownTerm};

use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` in a document's decoded UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// The names of the scalar fields, in schema order (for tables, CSV and `--set` validation).
pub const FIELDS: &[&str] = &[
    "organization",
    "title",
    "published",
    "occurred",
    "discovered",
    "affected",
    "leak",
    "data",
    "cause",
    "actor",
];
