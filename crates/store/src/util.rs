//! Small helpers: hashes, normalization, date bounds, data-kind masks. (The clock and the date
//! arithmetic are the model's: `jikenbo_model::clock`, `jikenbo_model::Date`.)

use jikenbo_model::{DataKind, PartialDate};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// NFKC: the matching copy of a text (full-width digits and letters, half-width kana).
pub(crate) fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

/// Forms of legal entity that do not tell two organizations apart.
const ENTITY_FORMS: &[&str] = &[
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "(株)",
    "(有)",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "医療法人社団",
    "医療法人財団",
    "医療法人",
    "社会福祉法人",
    "学校法人",
    "国立大学法人",
    "独立行政法人",
    "地方独立行政法人",
    "特定非営利活動法人",
    "NPO法人",
];

/// The key two mentions of one organization share: NFKC, no spaces or middle dots, no form
/// of legal entity, ASCII lower case. `None` when nothing is left.
pub(crate) fn org_key(org: &str) -> Option<String> {
    let mut s: String = nfkc(org)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '・')
        .collect();
    for f in ENTITY_FORMS {
        if s.contains(f) {
            s = s.replace(f, "");
        }
    }
    let s = s.to_ascii_lowercase();
    (!s.is_empty()).then_some(s)
}

/// The first and the last day a partial date may denote, as `YYYY-MM-DD` (the text of the
/// `date_lo`/`date_hi` columns; [`PartialDate::bounds`]).
pub(crate) fn date_bounds(d: &PartialDate) -> (String, String) {
    let (lo, hi) = d.bounds();
    (lo.to_string(), hi.to_string())
}

pub(crate) fn data_bit(k: DataKind) -> i64 {
    let i = DataKind::ALL.iter().position(|x| *x == k).unwrap_or(0);
    1i64 << i
}

pub(crate) fn data_mask(kinds: &[DataKind]) -> i64 {
    kinds.iter().fold(0, |m, k| m | data_bit(*k))
}

/// The labels of a newline-joined label column (empty lines skipped).
pub(crate) fn split_labels(s: &str) -> impl Iterator<Item = &str> {
    s.split('\n').filter(|l| !l.is_empty())
}

pub(crate) fn data_from_mask(mask: i64) -> Vec<DataKind> {
    DataKind::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1i64 << i) != 0)
        .map(|(_, k)| *k)
        .collect()
}

/// `1234567` → `1,234,567`.
pub fn with_commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_keys_ignore_entity_forms_and_width() {
        assert_eq!(org_key("株式会社 サンプル"), org_key("サンプル株式会社"));
        assert_eq!(org_key("ＡＢＣ（株）"), Some("abc".to_string()));
        assert_eq!(org_key("株式会社"), None);
        assert_eq!(
            org_key("医療法人社団みどり会 みどりヶ丘総合病院").unwrap(),
            "みどり会みどりヶ丘総合病院"
        );
    }

    #[test]
    fn bounds_of_partial_dates() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert_eq!(
            date_bounds(&d("2024")),
            ("2024-01-01".into(), "2024-12-31".into())
        );
        assert_eq!(
            date_bounds(&d("2024-02")),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        assert_eq!(
            date_bounds(&d("2023-02-28")),
            ("2023-02-28".into(), "2023-02-28".into())
        );
    }

    #[test]
    fn search_keys_count_days_from_1800() {
        use crate::incident::{fts_key, ID_BITS};
        // 2024-01-01 is day 81,814 after 1800-01-01 (the key's date part, above the id).
        assert_eq!(fts_key(Some("2024-01-01"), 5), (81_814 << ID_BITS) | 5);
        assert_eq!(fts_key(Some("1800-01-02"), 0), 1 << ID_BITS);
        // A day past the month's end counts on (the search's "year before 2024-02-29").
        assert_eq!(
            fts_key(Some("2023-02-29"), 0),
            fts_key(Some("2023-03-01"), 0)
        );
        // Unknown or not after 1800-01-01: 0.
        for d in [
            None,
            Some("1800-01-01"),
            Some("1799-12-31"),
            Some("0000-01-01"),
            Some("x"),
        ] {
            assert_eq!(fts_key(d, 7), 7, "{d:?}");
        }
    }

    #[test]
    fn masks_round_trip() {
        let kinds = vec![DataKind::Name, DataKind::Health, DataKind::HealthCheck];
        assert_eq!(data_from_mask(data_mask(&kinds)), kinds);
        assert_eq!(with_commas(1_234_567), "1,234,567");
        assert_eq!(with_commas(12), "12");
    }
}
