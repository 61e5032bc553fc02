//! Dates known to a year, a month or a day (`2023`, `2023-09`, `2023-09-15`).

use crate::civil::{days_in_month, Date};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A Gregorian date known only to some precision. Ordering compares year, then month, then day,
/// with an unknown part sorting before any known one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {0:?}")]
pub struct DateParseError(pub String);

impl PartialDate {
    /// A full date; `None` when the day does not exist (2023-02-30).
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        (day >= 1 && day <= days_in_month(year, month)?).then_some(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }
    /// A month; `None` when the month is not 1-12.
    pub fn ym(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }
    pub fn y(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }
    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }
    /// The next day of a full date (`None` for a partial one).
    pub fn next_day(&self) -> Option<Self> {
        let (m, d) = (self.month?, self.day?);
        if d < days_in_month(self.year, m)? {
            PartialDate::ymd(self.year, m, d + 1)
        } else if m < 12 {
            PartialDate::ymd(self.year, m + 1, 1)
        } else {
            PartialDate::ymd(self.year + 1, 1, 1)
        }
    }
    /// A full date as a [`Date`]; `None` for a partial one (or a year outside 1..=99999).
    pub fn to_date(&self) -> Option<Date> {
        Date::new(self.year, self.month?, self.day?)
    }
    /// The first and the last day this date may denote, as full dates (`2024-02` →
    /// `2024-02-01`, `2024-02-29`; a full date → itself twice).
    pub fn bounds(&self) -> (PartialDate, PartialDate) {
        let (lo_m, hi_m) = match self.month {
            Some(m) => (m, m),
            None => (1, 12),
        };
        let last = || days_in_month(self.year, hi_m).unwrap_or(31);
        let full = |month, day| PartialDate {
            year: self.year,
            month: Some(month),
            day: Some(day),
        };
        (
            full(lo_m, self.day.unwrap_or(1)),
            full(hi_m, self.day.unwrap_or_else(last)),
        )
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = DateParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateParseError(s.to_string());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, DateParseError> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            p.parse().map_err(|_| err())
        };
        match parts.as_slice() {
            [y] => Ok(PartialDate::y(num(y, 4)? as i32)),
            [y, m] => PartialDate::ym(num(y, 4)? as i32, num(m, 2)? as u8).ok_or_else(err),
            [y, m, d] => PartialDate::ymd(num(y, 4)? as i32, num(m, 2)? as u8, num(d, 2)? as u8)
                .ok_or_else(err),
            _ => Err(err()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_each_precision() {
        for s in ["2024", "2024-02", "2024-02-29"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in [
            "2023-02-29",
            "2024-13",
            "24-01-01",
            "2024-1-1",
            "",
            "2024-01-01-01",
        ] {
            assert!(s.parse::<PartialDate>().is_err(), "{s}");
        }
    }

    #[test]
    fn next_day_rolls_over_months_and_years() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert_eq!(d("2024-02-28").next_day(), Some(d("2024-02-29")));
        assert_eq!(d("2023-02-28").next_day(), Some(d("2023-03-01")));
        assert_eq!(d("2024-12-31").next_day(), Some(d("2025-01-01")));
        assert_eq!(d("2024-12").next_day(), None);
    }

    #[test]
    fn bounds_of_each_precision() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        let b = |s: &str| {
            let (lo, hi) = d(s).bounds();
            (lo.to_string(), hi.to_string())
        };
        assert_eq!(b("2024"), ("2024-01-01".into(), "2024-12-31".into()));
        assert_eq!(b("2024-02"), ("2024-02-01".into(), "2024-02-29".into()));
        assert_eq!(b("2023-02"), ("2023-02-01".into(), "2023-02-28".into()));
        assert_eq!(b("2024-04-30"), ("2024-04-30".into(), "2024-04-30".into()));
        assert_eq!(d("2024-02-29").to_date(), "2024-02-29".parse().ok());
        assert_eq!(d("2024-02").to_date(), None);
        assert_eq!(d("0000-01-01").to_date(), None);
    }

    #[test]
    fn orders_coarser_first() {
        let y: PartialDate = "2024".parse().unwrap();
        let m: PartialDate = "2024-01".parse().unwrap();
        let d: PartialDate = "2024-01-01".parse().unwrap();
        assert!(y < m && m < d);
    }
}
