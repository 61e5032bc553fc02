//! Japanese national holidays computed by rule (国民の祝日に関する法律, 祝日法), and the closed
//! days of the administrative organs (行政機関の休日に関する法律 第1条) used to roll deadlines.
//!
//! Rules encoded, by date of effect:
//!
//! * fixed days: 元日, 建国記念の日 (1967-), 昭和の日 / みどりの日 / 天皇誕生日 on 4/29 (see below),
//!   憲法記念日, みどりの日 on 5/4 (2007-), こどもの日, 文化の日, 勤労感謝の日;
//! * Happy Monday days (2000-): 成人の日 (2nd Mon. of Jan.; 1/15 before 2000), 体育の日 /
//!   スポーツの日 (2nd Mon. of Oct.; 10/10 in 1966-1999), 海の日 (3rd Mon. of July from 2003; 7/20 in
//!   1996-2002), 敬老の日 (3rd Mon. of Sep. from 2003; 9/15 in 1966-2002); 山の日 8/11 (2016-);
//! * 春分の日 / 秋分の日 by the usual approximation of the equinox day
//!   (`floor(20.8431 + 0.242194 (Y-1980) - floor((Y-1980)/4))`, `23.2488` for autumn; valid
//!   1980-2099; the 1900-1979 and 2100-2150 variants are included, outside 1900-2150 there is none);
//! * 天皇誕生日: 4/29 until 1988, 12/23 in 1989-2018, none in 2019, 2/23 from 2020;
//!   4/29 is みどりの日 in 1989-2006 and 昭和の日 from 2007;
//! * one-off days: 1959-04-10, 1989-02-24, 1990-11-12, 1993-06-09, 2019-05-01 (天皇の即位の日),
//!   2019-10-22 (即位礼正殿の儀); the Olympic moves of 2020 (海の日 7/23, スポーツの日 7/24,
//!   山の日 8/10) and 2021 (7/22, 7/23, 8/8);
//! * 振替休日 (1973-04-12-): until 2006 the Monday after a holiday falling on a Sunday; from 2007
//!   the first following day that is not a national holiday;
//! * 国民の休日 (1985-12-27-): a day that is not a holiday but lies between two national holidays
//!   (until 2006 not on a Sunday or a substitute holiday), e.g. 2019-04-30, 2026-09-22.
//!
//! Checked once against `jpholiday` 1.0.3 for every day of 1955-2099 (the committed test covers
//! 2000-2035): identical except where jpholiday applies later rules to earlier years (5/4 of
//! 1955-1985 as 国民の休日, which the 1985-12-27 amendment created; 1973-02-12 as 振替休日,
//! before the 1973-04-12 amendment) and spells three one-off days differently (here as in the
//! Cabinet Office list: 結婚の儀, 即位礼正殿の儀).
//!
//! Holidays before 1949 are not modelled (the law took effect on 1948-07-20).

use crate::{Date, Weekday};

/// The name of the national holiday on `date`, or `None`. Substitute holidays are named
/// `振替休日` and sandwiched days `国民の休日`.
pub fn is_holiday(date: Date) -> Option<&'static str> {
    if let Some(name) = statutory(date) {
        return Some(name);
    }
    if is_substitute(date) {
        return Some("振替休日");
    }
    if is_sandwiched(date) {
        return Some("国民の休日");
    }
    None
}

/// Whether administrative organs are closed on `date` (行政機関の休日に関する法律 第1条):
/// Saturday, Sunday, a national holiday, or 12-29 … 01-03.
pub fn is_closed_day(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
        || is_year_end(date)
        || is_holiday(date).is_some()
}

/// Why administrative organs are closed on `date`, in Japanese (`土曜日`, `振替休日`,
/// `年末年始(12月29日〜1月3日)`), or `None` on an open day.
pub fn closed_reason(date: Date) -> Option<String> {
    if let Some(h) = is_holiday(date) {
        return Some(h.to_string());
    }
    if is_year_end(date) {
        return Some("年末年始(12月29日〜1月3日)".into());
    }
    match date.weekday() {
        Weekday::Saturday => Some("土曜日".into()),
        Weekday::Sunday => Some("日曜日".into()),
        _ => None,
    }
}

fn is_year_end(date: Date) -> bool {
    (date.month() == 12 && date.day() >= 29) || (date.month() == 1 && date.day() <= 3)
}

/// The first day on or after `date` that is not a closed day.
pub fn next_open_day(date: Date) -> Date {
    let mut d = date;
    while is_closed_day(d) {
        d = d.add_days(1);
    }
    d
}

/// The day of the 春分 (vernal equinox) in March of `year` (1900-2150).
pub fn vernal_equinox_day(year: i32) -> Option<u8> {
    equinox(year, [20_835_700, 20_843_100, 21_851_000])
}

/// The day of the 秋分 (autumnal equinox) in September of `year` (1900-2150).
pub fn autumnal_equinox_day(year: i32) -> Option<u8> {
    equinox(year, [23_258_800, 23_248_800, 24_248_800])
}

/// `floor(base + 0.242194 (Y-1980) - trunc((Y-Y0)/4))` in millionths, with the base of the
/// period (1900-1979 with Y0 = 1983, 1980-2099 and 2100-2150 with Y0 = 1980).
fn equinox(year: i32, bases: [i64; 3]) -> Option<u8> {
    let y = i64::from(year);
    let (base, y0) = match year {
        1900..=1979 => (bases[0], 1983),
        1980..=2099 => (bases[1], 1980),
        2100..=2150 => (bases[2], 1980),
        _ => return None,
    };
    // The leap term truncates toward zero (it is negative for 1900-1982 with Y0 = 1983).
    let v = (base + 242_194 * (y - 1980)).div_euclid(1_000_000) - (y - y0) / 4;
    Some(v as u8)
}

fn nth_monday(year: i32, month: u8, n: u8) -> u8 {
    Date::nth_weekday(year, month, Weekday::Monday, n)
        .map(|d| d.day())
        .unwrap_or(0)
}

/// 国民の祝日 proper (祝日法 第2条 and the one-off laws), without 振替休日 / 国民の休日.
fn statutory(date: Date) -> Option<&'static str> {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if date < Date::new(1948, 7, 20)? {
        return None;
    }
    let name = match (m, d) {
        (1, 1) => "元日",
        (1, _) if y <= 1999 && d == 15 => "成人の日",
        (1, _) if y >= 2000 && d == nth_monday(y, 1, 2) => "成人の日",
        (2, 11) if y >= 1967 => "建国記念の日",
        (2, 23) if y >= 2020 => "天皇誕生日",
        (2, 24) if y == 1989 => "昭和天皇の大喪の礼",
        (3, _) if Some(d) == vernal_equinox_day(y) => "春分の日",
        (4, 10) if y == 1959 => "結婚の儀",
        (4, 29) if y <= 1988 => "天皇誕生日",
        (4, 29) if y <= 2006 => "みどりの日",
        (4, 29) => "昭和の日",
        (5, 1) if y == 2019 => "天皇の即位の日",
        (5, 3) => "憲法記念日",
        (5, 4) if y >= 2007 => "みどりの日",
        (5, 5) => "こどもの日",
        (6, 9) if y == 1993 => "結婚の儀",
        (7, _) if marine_day(y) == Some(d) => "海の日",
        (7, _) if y == 2020 && d == 24 || y == 2021 && d == 23 => "スポーツの日",
        (8, _) if mountain_day(y) == Some(d) => "山の日",
        (9, _) if respect_for_aged_day(y) == Some(d) => "敬老の日",
        (9, _) if Some(d) == autumnal_equinox_day(y) => "秋分の日",
        (10, _) if (1966..=1999).contains(&y) && d == 10 => "体育の日",
        (10, _) if (2000..=2019).contains(&y) && d == nth_monday(y, 10, 2) => "体育の日",
        (10, _) if y >= 2022 && d == nth_monday(y, 10, 2) => "スポーツの日",
        (10, 22) if y == 2019 => "即位礼正殿の儀",
        (11, 3) => "文化の日",
        (11, 12) if y == 1990 => "即位礼正殿の儀",
        (11, 23) => "勤労感謝の日",
        (12, 23) if (1989..=2018).contains(&y) => "天皇誕生日",
        _ => return None,
    };
    Some(name)
}

fn marine_day(y: i32) -> Option<u8> {
    match y {
        1996..=2002 => Some(20),
        2020 => Some(23),
        2021 => Some(22),
        2003.. => Some(nth_monday(y, 7, 3)),
        _ => None,
    }
}

fn mountain_day(y: i32) -> Option<u8> {
    match y {
        2020 => Some(10),
        2021 => Some(8),
        2016.. => Some(11),
        _ => None,
    }
}

fn respect_for_aged_day(y: i32) -> Option<u8> {
    match y {
        1966..=2002 => Some(15),
        2003.. => Some(nth_monday(y, 9, 3)),
        _ => None,
    }
}

/// 振替休日 (祝日法 第3条第2項; 1973-04-12 onwards, rule changed 2007-01-01).
fn is_substitute(date: Date) -> bool {
    if statutory(date).is_some() || date < Date::new(1973, 4, 12).expect("valid") {
        return false;
    }
    if date.year() < 2007 {
        let prev = date.add_days(-1);
        return date.weekday() == Weekday::Monday && statutory(prev).is_some();
    }
    // The first non-holiday after a Sunday holiday, skipping over consecutive holidays.
    let mut prev = date.add_days(-1);
    while statutory(prev).is_some() {
        if prev.weekday() == Weekday::Sunday {
            return true;
        }
        prev = prev.add_days(-1);
    }
    false
}

/// 国民の休日 (祝日法 第3条第3項; 1985-12-27 onwards).
fn is_sandwiched(date: Date) -> bool {
    if date < Date::new(1985, 12, 27).expect("valid") || statutory(date).is_some() {
        return false;
    }
    if date.year() < 2007 && (date.weekday() == Weekday::Sunday || is_substitute(date)) {
        return false;
    }
    statutory(date.add_days(-1)).is_some() && statutory(date.add_days(1)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn equinoxes() {
        assert_eq!(vernal_equinox_day(2025), Some(20));
        assert_eq!(autumnal_equinox_day(2025), Some(23));
        assert_eq!(vernal_equinox_day(2026), Some(20));
        assert_eq!(autumnal_equinox_day(2012), Some(22));
        assert_eq!(vernal_equinox_day(1899), None);
    }

    #[test]
    fn special_days() {
        assert_eq!(is_holiday(d("2019-05-01")), Some("天皇の即位の日"));
        assert_eq!(is_holiday(d("2019-04-30")), Some("国民の休日"));
        assert_eq!(is_holiday(d("2019-05-02")), Some("国民の休日"));
        assert_eq!(is_holiday(d("2019-10-22")), Some("即位礼正殿の儀"));
        assert_eq!(is_holiday(d("2019-12-23")), None);
        assert_eq!(is_holiday(d("2018-12-23")), Some("天皇誕生日"));
        assert_eq!(is_holiday(d("2018-12-24")), Some("振替休日"));
        assert_eq!(is_holiday(d("2020-02-24")), Some("振替休日"));
        assert_eq!(is_holiday(d("2020-07-24")), Some("スポーツの日"));
        assert_eq!(is_holiday(d("2021-08-09")), Some("振替休日"));
        assert_eq!(is_holiday(d("2026-09-22")), Some("国民の休日"));
        assert_eq!(is_holiday(d("2025-05-06")), Some("振替休日"));
    }

    #[test]
    fn closed_days() {
        assert!(is_closed_day(d("2025-12-29")));
        assert!(is_closed_day(d("2026-01-03")));
        assert!(!is_closed_day(d("2026-01-05")));
        assert!(is_closed_day(d("2025-11-29")));
        assert_eq!(next_open_day(d("2025-12-30")), d("2026-01-05"));
        assert_eq!(
            closed_reason(d("2026-01-03")).as_deref(),
            Some("年末年始(12月29日〜1月3日)")
        );
        assert_eq!(closed_reason(d("2026-01-04")).as_deref(), Some("日曜日"));
        assert_eq!(closed_reason(d("2026-01-05")), None);
    }
}
