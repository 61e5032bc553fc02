//! A proleptic Gregorian civil date with plain day arithmetic.
//!
//! Choice: no date crate. The engine only needs "add N days", "day of the week" and ISO
//! `YYYY-MM-DD` text; a day count since 1970-01-01 (Howard Hinnant's `days_from_civil`) gives
//! all three exactly, without time zones, in a few dozen lines, and keeps the crate free of a
//! 0.x dependency. The model crate's [`jikenbo_model::PartialDate`] converts into it when full.

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

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, or `None` when it does not exist (2023-02-29) or the year is outside 1..=99999.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=99_999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
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
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01. Panics outside years 1..=99999.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date::new(year, month, day).expect("date within years 1..=99999")
    }

    /// This date moved by `n` days (negative: earlier).
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
        let d = first.add_days(offset + 7 * (i64::from(n) - 1));
        (d.month == month).then_some(d)
    }

    /// A full [`jikenbo_model::PartialDate`] as a date; `None` when it lacks a month or day.
    pub fn from_partial(p: &jikenbo_model::PartialDate) -> Option<Date> {
        Date::new(p.year, p.month?, p.day?)
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

    fn d(s: &str) -> Date {
        s.parse().unwrap()
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
}
