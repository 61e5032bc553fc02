//! The workspace's civil date: a proleptic Gregorian calendar date with plain day arithmetic.
//!
//! Choice: no date crate. The workspace needs "add N days", "days between", "day of the week",
//! "today" and ISO `YYYY-MM-DD` text, and never a time zone database (deadlines are counted in
//! Japanese days, UTC+9 all year; time stamps are UTC). `jiff` and `time` were considered: both
//! do far more (zones, spans, formatting languages) than these few operations need. A day count
//! since 1970-01-01 (Howard Hinnant's `days_from_civil` / `civil_from_days`) gives all of them
//! exactly in a few dozen lines, and keeps the model crate free of a further dependency. The
//! clock built on it is [`crate::clock`]; a [`crate::PartialDate`] converts into a [`Date`] when
//! it is a full date ([`crate::PartialDate::to_date`]).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date (years 1..=99999; text forms parse four-digit years only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// Japanese one-character name (`月` … `日`).
    pub fn ja(self) -> &'static str {
        match self {
            Weekday::Monday => "月",
            Weekday::Tuesday => "火",
            Weekday::Wednesday => "水",
            Weekday::Thursday => "木",
            Weekday::Friday => "金",
            Weekday::Saturday => "土",
            Weekday::Sunday => "日",
        }
    }
}

/// A string that is not an existing `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an existing date of the form YYYY-MM-DD: {0:?}")]
pub struct DateError(pub String);

/// Whether `year` is a leap year of the proleptic Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month of the proleptic Gregorian calendar; `None` for a month outside 1-12.
pub fn days_in_month(year: i32, month: u8) -> Option<u8> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => return None,
    })
}

/// (year, month 1-12, day 1-31) → days since 1970-01-01 (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = year - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 → (year, month 1-12, day 1-31) (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

impl Date {
    /// The first date there is: 0001-01-01.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };
    /// The last date there is: 99999-12-31.
    pub const MAX: Date = Date {
        year: 99_999,
        month: 12,
        day: 31,
    };

    /// The date, or `None` when it does not exist (2023-02-29) or the year is outside 1..=99999.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=99_999).contains(&year) && day >= 1 && day <= days_in_month(year, month)?)
            .then_some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }

    /// The date `days` days after 1970-01-01, `None` outside years 1..=99999.
    pub fn checked_from_days(days: i64) -> Option<Date> {
        if !(Date::MIN.to_days()..=Date::MAX.to_days()).contains(&days) {
            return None;
        }
        let (year, month, day) = civil_from_days(days);
        Date::new(i32::try_from(year).ok()?, month, day)
    }

    /// The date `days` days after 1970-01-01. Panics outside years 1..=99999.
    pub fn from_days(days: i64) -> Date {
        Date::checked_from_days(days).expect("date within years 1..=99999")
    }

    /// This date moved by `n` days (negative: earlier). Panics outside years 1..=99999.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Days from `earlier` to `self`.
    pub fn days_since(self, earlier: Date) -> i64 {
        self.to_days() - earlier.to_days()
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.to_days() + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// The `n`-th (1-based) given weekday of a month, e.g. the second Monday of January.
    pub fn nth_weekday(year: i32, month: u8, weekday: Weekday, n: u8) -> Option<Date> {
        let first = Date::new(year, month, 1)?;
        let offset = (weekday as i64 - first.weekday() as i64).rem_euclid(7);
        let d = Date::checked_from_days(first.to_days() + offset + 7 * (i64::from(n) - 1))?;
        (d.month == month).then_some(d)
    }

    /// A full [`crate::PartialDate`] as a date; `None` when it lacks a month or day (or its year
    /// is outside 1..=99999). The same as [`crate::PartialDate::to_date`].
    pub fn from_partial(p: &crate::PartialDate) -> Option<Date> {
        Date::new(p.year, p.month?, p.day?)
    }
}

impl From<Date> for crate::PartialDate {
    fn from(d: Date) -> Self {
        crate::PartialDate {
            year: d.year,
            month: Some(d.month),
            day: Some(d.day),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.to_string());
        let t = s.trim();
        let b = t.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, DateError> {
            let p = &t[r];
            if !p.bytes().all(|c| c.is_ascii_digit()) {
                return Err(err());
            }
            p.parse().map_err(|_| err())
        };
        Date::new(num(0..4)? as i32, num(5..7)? as u8, num(8..10)? as u8).ok_or_else(err)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// The day after a date by the calendar rules alone (no day numbers).
    fn successor(d: Date) -> Date {
        let (y, m, day) = (d.year(), d.month(), d.day());
        if day < days_in_month(y, m).unwrap() {
            Date::new(y, m, day + 1).unwrap()
        } else if m < 12 {
            Date::new(y, m + 1, 1).unwrap()
        } else {
            Date::new(y + 1, 1, 1).unwrap()
        }
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2000-03-01").to_days(), 11_017);
        for n in -719_000..3_000_000 {
            if n % 97 == 0 {
                assert_eq!(Date::from_days(n).to_days(), n);
            }
        }
        assert_eq!(Date::from_days(d("2024-02-29").to_days()), d("2024-02-29"));
    }

    #[test]
    fn day_numbers_count_every_day_from_year_1_to_10000() {
        // Each day number is the day after the one before, by the calendar rules alone.
        let mut day = Date::MIN;
        assert_eq!(day.to_days(), -719_162);
        let end = Date::new(10_000, 12, 31).unwrap();
        while day < end {
            let next = successor(day);
            let n = day.to_days() + 1;
            assert_eq!(next.to_days(), n, "{next}");
            assert_eq!(Date::from_days(n), next, "{n}");
            day = next;
        }
        assert_eq!(Date::MAX.to_days(), 35_804_721);
        assert_eq!(Date::from_days(Date::MAX.to_days()), Date::MAX);
    }

    #[test]
    fn out_of_range_day_numbers_are_none() {
        assert_eq!(Date::checked_from_days(Date::MIN.to_days() - 1), None);
        assert_eq!(Date::checked_from_days(Date::MAX.to_days() + 1), None);
        assert_eq!(Date::checked_from_days(i64::MIN), None);
        assert_eq!(Date::checked_from_days(i64::MAX), None);
        assert_eq!(Date::new(0, 1, 1), None);
        assert_eq!(Date::new(100_000, 1, 1), None);
    }

    proptest! {
        #[test]
        fn from_days_inverts_to_days(n in Date::MIN.to_days()..=Date::MAX.to_days()) {
            let date = Date::from_days(n);
            prop_assert_eq!(date.to_days(), n);
            prop_assert!(Date::new(date.year(), date.month(), date.day()).is_some());
            prop_assert_eq!(successor(date).to_days(), n + 1);
        }

        #[test]
        fn to_days_inverts_from_days(y in 1i32..=99_999, m in 1u8..=12, day in 1u8..=31) {
            if let Some(date) = Date::new(y, m, day) {
                prop_assert_eq!(Date::from_days(date.to_days()), date);
            }
        }

        #[test]
        fn order_is_day_number_order(a in -719_162i64..3_000_000, b in -719_162i64..3_000_000) {
            prop_assert_eq!(Date::from_days(a).cmp(&Date::from_days(b)), a.cmp(&b));
            prop_assert_eq!(Date::from_days(a).days_since(Date::from_days(b)), a - b);
        }

        #[test]
        fn text_round_trips(n in Date::MIN.to_days()..=Date::new(9999, 12, 31).unwrap().to_days()) {
            let date = Date::from_days(n);
            prop_assert_eq!(date.to_string().parse::<Date>(), Ok(date));
        }
    }

    #[test]
    fn arithmetic_and_weekdays() {
        assert_eq!(d("2024-03-15").add_days(30), d("2024-04-14"));
        assert_eq!(d("2024-03-15").days_since(d("2019-05-01")), 1780);
        assert_eq!(d("2025-12-31").add_days(1), d("2026-01-01"));
        assert_eq!(d("2025-06-16").weekday(), Weekday::Monday);
        assert_eq!(d("2025-11-29").weekday(), Weekday::Saturday);
        assert_eq!(d("2000-01-01").weekday(), Weekday::Saturday);
        assert_eq!(
            Date::nth_weekday(2000, 1, Weekday::Monday, 2),
            Some(d("2000-01-10"))
        );
        assert_eq!(Date::nth_weekday(2026, 2, Weekday::Monday, 5), None);
    }

    #[test]
    fn leap_years_and_month_lengths() {
        assert!(is_leap_year(2024) && is_leap_year(2000) && is_leap_year(1600));
        assert!(!is_leap_year(2023) && !is_leap_year(1900) && !is_leap_year(2100));
        assert_eq!(days_in_month(2024, 2), Some(29));
        assert_eq!(days_in_month(2023, 2), Some(28));
        assert_eq!(days_in_month(2023, 4), Some(30));
        assert_eq!(days_in_month(2023, 12), Some(31));
        assert_eq!(days_in_month(2023, 0), None);
        assert_eq!(days_in_month(2023, 13), None);
    }

    #[test]
    fn parsing_is_strict() {
        for s in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "20240101",
            "2024-01-0a",
            "",
        ] {
            assert!(s.parse::<Date>().is_err(), "{s}");
        }
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
    }

    #[test]
    fn serde_is_iso_text() {
        let date = d("2026-05-01");
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2026-05-01\"");
        assert_eq!(
            serde_json::from_str::<Date>("\"2026-05-01\"").unwrap(),
            date
        );
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
    }

    #[test]
    fn converts_to_and_from_partial_dates() {
        let p: crate::PartialDate = d("2024-02-29").into();
        assert_eq!(p.to_string(), "2024-02-29");
        assert_eq!(Date::from_partial(&p), Some(d("2024-02-29")));
        assert_eq!(Date::from_partial(&"2024-02".parse().unwrap()), None);
    }
}
