//! The rule-based holiday calendar against every holiday of 2000-2035 as listed by the PyPI
//! package `jpholiday` 1.0.3 (fixture made by `tools/gen_holidays.py`).

use jikenbo_assess::{is_closed_day, is_holiday, Date};
use std::collections::BTreeMap;

const FIXTURE: &str = include_str!("fixtures/holidays_2000_2035.csv");

/// jpholiday names a substitute holiday `<holiday> 振替休日`; the crate says `振替休日`.
fn normalize(name: &str) -> &str {
    if name.ends_with(" 振替休日") {
        "振替休日"
    } else {
        name
    }
}

fn fixture() -> BTreeMap<Date, String> {
    let mut lines = FIXTURE.lines();
    assert_eq!(lines.next(), Some("date,name"));
    lines
        .map(|l| {
            let (d, n) = l.split_once(',').expect("date,name");
            (d.parse().expect("fixture date"), normalize(n).to_string())
        })
        .collect()
}

#[test]
fn every_day_of_2000_to_2035_matches_jpholiday() {
    let expected = fixture();
    assert!(expected.len() > 600, "fixture has {} rows", expected.len());
    let mut day = Date::new(2000, 1, 1).unwrap();
    let end = Date::new(2035, 12, 31).unwrap();
    let mut mismatches = Vec::new();
    let mut per_year: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
    while day <= end {
        let got = is_holiday(day);
        let want = expected.get(&day).map(String::as_str);
        if got != want {
            mismatches.push(format!("{day}: rule {got:?}, jpholiday {want:?}"));
        }
        let e = per_year.entry(day.year()).or_default();
        e.0 += usize::from(got.is_some());
        e.1 += usize::from(want.is_some());
        day = day.add_days(1);
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    for (year, (got, want)) in per_year {
        assert_eq!(got, want, "holiday count of {year}");
    }
}

#[test]
fn holidays_are_closed_days() {
    for d in fixture().keys() {
        assert!(is_closed_day(*d), "{d}");
    }
}

#[test]
fn year_end_closure_and_weekends() {
    for y in 2000..=2035 {
        for (m, d) in [(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)] {
            assert!(is_closed_day(Date::new(y, m, d).unwrap()));
        }
    }
    let sat = Date::new(2025, 11, 29).unwrap();
    assert!(is_closed_day(sat) && is_holiday(sat).is_none());
    assert!(!is_closed_day(Date::new(2025, 12, 1).unwrap()));
}
