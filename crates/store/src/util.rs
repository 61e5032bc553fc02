//! Small helpers: clock, hashes, normalization, date bounds, data-kind masks.

use jikenbo_model::{DataKind, PartialDate};
use sha2::{Digest, Sha256};
use std::time::{SystemTime, UNIX_EPOCH};
use unicode_normalization::UnicodeNormalization;

/// Now, as RFC 3339 UTC with milliseconds (`2026-11-21T09:15:02.123Z`).
pub(crate) fn now() -> String {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (y, m, day) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        s / 3600,
        (s / 60) % 60,
        s % 60,
        d.subsec_millis()
    )
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) → days since 1970-01-01.
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

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

/// Days in a month (1-12) of the proleptic Gregorian calendar.
pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// The first and the last day a partial date may denote, as `YYYY-MM-DD`.
pub(crate) fn date_bounds(d: &PartialDate) -> (String, String) {
    let lo_m = d.month.unwrap_or(1);
    let hi_m = d.month.unwrap_or(12);
    let lo = format!("{:04}-{:02}-{:02}", d.year, lo_m, d.day.unwrap_or(1));
    let hi = format!(
        "{:04}-{:02}-{:02}",
        d.year,
        hi_m,
        d.day.unwrap_or_else(|| days_in_month(d.year, hi_m))
    );
    (lo, hi)
}

/// Days between two full dates (`b - a`), `None` unless both are full dates.
pub(crate) fn days_between(a: &PartialDate, b: &PartialDate) -> Option<i64> {
    let da = days_from_civil(a.year as i64, a.month? as u32, a.day? as u32);
    let db = days_from_civil(b.year as i64, b.month? as u32, b.day? as u32);
    Some(db - da)
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
    fn civil_round_trip() {
        for z in [-1000, 0, 1, 59, 365, 11_016, 19_999, 20_000, 60_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(
            days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28),
            2
        );
    }

    #[test]
    fn now_is_rfc3339() {
        let n = now();
        assert_eq!(n.len(), 24, "{n}");
        assert!(n.ends_with('Z'));
        assert!(n[..4].parse::<i32>().unwrap() >= 2024);
    }

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
        assert_eq!(days_between(&d("2024-02-28"), &d("2024-03-01")), Some(2));
        assert_eq!(days_between(&d("2024-02"), &d("2024-03-01")), None);
    }

    #[test]
    fn masks_round_trip() {
        let kinds = vec![DataKind::Name, DataKind::Health, DataKind::HealthCheck];
        assert_eq!(data_from_mask(data_mask(&kinds)), kinds);
        assert_eq!(with_commas(1_234_567), "1,234,567");
        assert_eq!(with_commas(12), "12");
    }
}
