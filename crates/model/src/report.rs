//! Whether a report is a first report, a follow-up (第2報, 続報) or a final report (確報,
//! 最終報). Read from a notice by `jikenbo_extract::report`; stored per report by the store.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Initial,
    Followup,
    Final,
}

impl ReportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Initial => "initial",
            ReportKind::Followup => "followup",
            ReportKind::Final => "final",
        }
    }
    /// The kind named by `s` (`initial`, `followup`, `final`); anything else is a first report.
    pub fn parse(s: &str) -> ReportKind {
        match s {
            "followup" => ReportKind::Followup,
            "final" => ReportKind::Final,
            _ => ReportKind::Initial,
        }
    }
    /// The order of kinds among an incident's reports.
    pub fn rank(self) -> i64 {
        match self {
            ReportKind::Initial => 0,
            ReportKind::Followup => 1,
            ReportKind::Final => 2,
        }
    }
}
