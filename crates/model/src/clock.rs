//! The clock: the system time as RFC 3339 UTC time stamps and as today's [`Date`] in UTC or in
//! Japan. The one place of the workspace that reads the system time for a date (see
//! [`crate::civil`] for why there is no date crate: Japan keeps UTC+9 all year, so no time zone
//! database is needed).
//!
//! A clock before 1970 counts as 1970-01-01T00:00:00Z.

use crate::civil::Date;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Japan Standard Time, UTC+9 (no daylight saving time), in seconds.
pub const JST_OFFSET: i64 = 9 * 3600;

/// A moment as a civil date and time of day at some UTC offset, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl CivilTime {
    /// The moment `unix_secs` seconds after 1970-01-01T00:00:00Z, at `offset` seconds east of
    /// UTC (`0` for UTC, [`JST_OFFSET`] for Japan). Panics outside years 1..=99999.
    pub fn at(unix_secs: i64, offset: i64) -> CivilTime {
        let secs = unix_secs + offset;
        let s = secs.rem_euclid(86_400);
        CivilTime {
            date: Date::from_days(secs.div_euclid(86_400)),
            hour: (s / 3600) as u8,
            minute: ((s / 60) % 60) as u8,
            second: (s % 60) as u8,
        }
    }
}

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// Now, in whole seconds since 1970-01-01T00:00:00Z.
pub fn unix_seconds() -> i64 {
    since_epoch().as_secs() as i64
}

/// A moment as RFC 3339 UTC to the second (`2026-05-01T09:30:00Z`, 20 characters).
pub fn rfc3339(unix_secs: i64) -> String {
    let t = CivilTime::at(unix_secs, 0);
    format!("{}T{:02}:{:02}:{:02}Z", t.date, t.hour, t.minute, t.second)
}

/// A moment as RFC 3339 UTC with milliseconds (`2026-11-21T09:15:02.123Z`, 24 characters).
pub fn rfc3339_millis(unix_secs: i64, millis: u32) -> String {
    let t = CivilTime::at(unix_secs, 0);
    format!(
        "{}T{:02}:{:02}:{:02}.{:03}Z",
        t.date, t.hour, t.minute, t.second, millis
    )
}

/// Now as RFC 3339 UTC to the second (`2026-05-01T09:30:00Z`).
pub fn now_rfc3339() -> String {
    rfc3339(unix_seconds())
}

/// Now as RFC 3339 UTC with milliseconds (`2026-11-21T09:15:02.123Z`): the store's time stamps.
pub fn now_rfc3339_millis() -> String {
    let d = since_epoch();
    rfc3339_millis(d.as_secs() as i64, d.subsec_millis())
}

/// Now in Japan (UTC+9).
pub fn now_jst() -> CivilTime {
    CivilTime::at(unix_seconds(), JST_OFFSET)
}

/// Today in UTC.
pub fn today_utc() -> Date {
    CivilTime::at(unix_seconds(), 0).date
}

/// Today in Japan (UTC+9): deadlines are counted in Japanese days.
pub fn today_jst() -> Date {
    now_jst().date
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_known_moments() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_735_689_599), "2024-12-31T23:59:59Z");
        assert_eq!(rfc3339_millis(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339_millis(1_700_000_000, 7), "2023-11-14T22:13:20.007Z");
        assert_eq!(
            rfc3339_millis(1_735_689_599, 999),
            "2024-12-31T23:59:59.999Z"
        );
    }

    #[test]
    fn japan_is_nine_hours_ahead() {
        // 2024-12-31T15:00:00Z is midnight of New Year's Day in Japan.
        let t = CivilTime::at(1_735_657_200, JST_OFFSET);
        assert_eq!(t.date.to_string(), "2025-01-01");
        assert_eq!((t.hour, t.minute, t.second), (0, 0, 0));
        let t = CivilTime::at(1_735_657_199, JST_OFFSET);
        assert_eq!(t.date.to_string(), "2024-12-31");
        assert_eq!((t.hour, t.minute, t.second), (23, 59, 59));
        assert_eq!(CivilTime::at(1_735_657_199, 0).hour, 14);
    }

    #[test]
    fn now_has_the_fixed_forms() {
        let n = now_rfc3339();
        assert_eq!(n.len(), 20, "{n}");
        assert!(n.ends_with('Z') && n.as_bytes()[10] == b'T', "{n}");
        assert!(n[..4].parse::<i32>().unwrap() >= 2024, "{n}");
        let m = now_rfc3339_millis();
        assert_eq!(m.len(), 24, "{m}");
        assert!(m.ends_with('Z') && m.as_bytes()[19] == b'.', "{m}");
        let before = today_utc();
        let n = now_rfc3339();
        let after = today_utc();
        assert!(n.starts_with(&before.to_string()) || n.starts_with(&after.to_string()));
        let jst = today_jst().days_since(today_utc());
        assert!((0..=1).contains(&jst), "{jst}");
    }

    proptest! {
        #[test]
        fn formatted_moments_read_back(secs in 0i64..253_402_300_800, millis in 0u32..1000) {
            // Every moment of years 1970..=9999 reads back from its text.
            let s = rfc3339_millis(secs, millis);
            prop_assert_eq!(s.len(), 24);
            prop_assert_eq!(&s[..19], &rfc3339(secs)[..19]);
            let date: Date = s[..10].parse().unwrap();
            let num = |r: std::ops::Range<usize>| s[r].parse::<i64>().unwrap();
            let back = date.to_days() * 86_400 + num(11..13) * 3600 + num(14..16) * 60 + num(17..19);
            prop_assert_eq!(back, secs);
            prop_assert_eq!(num(20..23), i64::from(millis));
        }

        #[test]
        fn offsets_shift_the_moment(secs in 0i64..4_102_444_800) {
            let utc = CivilTime::at(secs + JST_OFFSET, 0);
            prop_assert_eq!(CivilTime::at(secs, JST_OFFSET), utc);
        }
    }
}
