//! Size buckets of the number of persons an incident involves (statistics, search filters, the
//! search index's size tokens).

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Size buckets of the number of persons, as the yearly surveys count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeBucket {
    Under100,
    Under1k,
    Under10k,
    Under100k,
    Under1m,
    Over1m,
    Unknown,
}

impl SizeBucket {
    pub const ALL: &'static [SizeBucket] = &[
        SizeBucket::Under100,
        SizeBucket::Under1k,
        SizeBucket::Under10k,
        SizeBucket::Under100k,
        SizeBucket::Under1m,
        SizeBucket::Over1m,
        SizeBucket::Unknown,
    ];

    pub fn of(affected: Option<u64>) -> SizeBucket {
        match affected {
            None => SizeBucket::Unknown,
            Some(n) if n < 100 => SizeBucket::Under100,
            Some(n) if n < 1_000 => SizeBucket::Under1k,
            Some(n) if n < 10_000 => SizeBucket::Under10k,
            Some(n) if n < 100_000 => SizeBucket::Under100k,
            Some(n) if n < 1_000_000 => SizeBucket::Under1m,
            Some(_) => SizeBucket::Over1m,
        }
    }

    /// `[lo, hi)` of the bucket; `None` for unknown.
    pub fn range(self) -> Option<(u64, u64)> {
        Some(match self {
            SizeBucket::Under100 => (0, 100),
            SizeBucket::Under1k => (100, 1_000),
            SizeBucket::Under10k => (1_000, 10_000),
            SizeBucket::Under100k => (10_000, 100_000),
            SizeBucket::Under1m => (100_000, 1_000_000),
            SizeBucket::Over1m => (1_000_000, u64::MAX),
            SizeBucket::Unknown => return None,
        })
    }

    /// Machine key: `lt100`, `100-1k`, `1k-10k`, `10k-100k`, `100k-1m`, `1m+`, `unknown`.
    pub fn key(self) -> &'static str {
        match self {
            SizeBucket::Under100 => "lt100",
            SizeBucket::Under1k => "100-1k",
            SizeBucket::Under10k => "1k-10k",
            SizeBucket::Under100k => "10k-100k",
            SizeBucket::Under1m => "100k-1m",
            SizeBucket::Over1m => "1m+",
            SizeBucket::Unknown => "unknown",
        }
    }

    /// The surveys' label.
    pub fn ja(self) -> &'static str {
        match self {
            SizeBucket::Under100 => "100件未満",
            SizeBucket::Under1k => "100〜1,000件未満",
            SizeBucket::Under10k => "1,000〜1万件未満",
            SizeBucket::Under100k => "1万〜10万件未満",
            SizeBucket::Under1m => "10万〜100万件未満",
            SizeBucket::Over1m => "100万件以上",
            SizeBucket::Unknown => "不明",
        }
    }
}

impl FromStr for SizeBucket {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        SizeBucket::ALL
            .iter()
            .copied()
            .find(|b| b.key() == s.trim() || b.ja() == s.trim())
            .ok_or_else(|| {
                format!(
                    "unknown size {s:?}; one of {}",
                    SizeBucket::ALL
                        .iter()
                        .map(|b| b.key())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets() {
        assert_eq!(SizeBucket::of(Some(99)), SizeBucket::Under100);
        assert_eq!(SizeBucket::of(Some(100)), SizeBucket::Under1k);
        assert_eq!(SizeBucket::of(Some(9_999)), SizeBucket::Under10k);
        assert_eq!(SizeBucket::of(Some(1_000_000)), SizeBucket::Over1m);
        assert_eq!(SizeBucket::of(None), SizeBucket::Unknown);
        assert_eq!(
            "1万〜10万件未満".parse::<SizeBucket>(),
            Ok(SizeBucket::Under100k)
        );
        assert_eq!("1m+".parse::<SizeBucket>(), Ok(SizeBucket::Over1m));
    }
}
