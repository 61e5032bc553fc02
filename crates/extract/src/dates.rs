//! Dates as Japanese notices write them, found in the normalized text.
//!
//! | form | example | value |
//! |---|---|---|
//! | era, full | `令和6年3月2日`, `令和 5 年 12 月 4 日`, `平成24年12月22日` | 2024-03-02, 2023-12-04, 2012-12-22 |
//! | era abbreviation | `H24年12月26日`, `R6.3.15` | 2012-12-26, 2024-03-15 |
//! | 元年 | `令和元年5月1日` | 2019-05-01 |
//! | era year / fiscal year | `令和2年度` | 2020 |
//! | western | `2024年2月27日(火)`, `2024/4/15`, `2024.12.24`, `2023 年 9 月下旬` | 2024-02-27, 2024-04-15, 2024-12-24, 2023-09 |
//! | month-day, year from context | `6月5日に判明` (in a notice of 2015) | 2015-06-05 |
//!
//! A month-day without a year takes its year from an anchor (the notice's date, or the last
//! dated mention before it); where no anchor exists it stays unresolved and is not used.

use jikenbo_model::PartialDate;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A date found in the text; `year` is `None` for a month-day that needs context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub range: Range<usize>,
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// `年度` (fiscal year) was written.
    pub fiscal: bool,
}

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lexicon::re(concat!(
        // era: 令和6年3月2日 / 平成24年 / H24年12月26日 / 令和元年 / R6.3.15
        r"(令和|平成|昭和|[RHS])\s*(元|\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:年\s*(度)?(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?)?|\.(\d{1,2})\.(\d{1,2}))",
        // western: 2024年2月27日 / 2024/4/15 / 2024.12.24 / 2024-04-15
        r"|((?:19|20)\d{2})\s*(?:年\s*(度)?(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?|([/.])(\d{1,2})(?:[/.](\d{1,2}))?|-(\d{1,2})-(\d{1,2}))",
        // month-day without a year: 6月5日
        r"|(\d{1,2})\s*月\s*(\d{1,2})\s*日",
    ))
});

fn era_base(era: &str) -> Option<(i32, i32)> {
    // (offset, last valid era year)
    Some(match era {
        "令和" | "R" => (2018, 99),
        "平成" | "H" => (1988, 31),
        "昭和" | "S" => (1925, 64),
        _ => return None,
    })
}

/// Every date mention in `text` (normalized text), in order. The regex finds the spans (one
/// DFA pass); a small hand parser reads each span (cheaper than capture groups).
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let mut out = Vec::new();
    for m in DATE_RE.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        // not part of a longer number or identifier (#2024-100, ISO27001, 12345年)
        let ends_in_digit = m.as_str().ends_with(|ch: char| ch.is_ascii_digit());
        if (ends_in_digit && after.is_some_and(|a| a.is_ascii_digit()))
            || before.is_some_and(|b| b.is_ascii_digit())
        {
            continue;
        }
        let Some(p) = parse_span(m.as_str()) else {
            continue;
        };
        if p.era_letter && before.is_some_and(|b| b.is_ascii_alphanumeric() || b == '#') {
            continue;
        }
        if p.western && before == Some('#') {
            continue;
        }
        // validate month/day ranges
        let month = match p.month {
            Some(mo) if (1..=12).contains(&mo) => Some(mo as u8),
            Some(_) => continue,
            None => None,
        };
        let day = match p.day {
            Some(d) if (1..=31).contains(&d) => Some(d as u8),
            Some(_) => continue,
            None => None,
        };
        if let (Some(y), Some(mo), Some(d)) = (p.year, month, day) {
            if PartialDate::ymd(y, mo, d).is_none() {
                continue;
            }
        }
        out.push(DateMention {
            range: m.start()..m.end(),
            year: p.year,
            month,
            day,
            fiscal: p.fiscal,
        });
    }
    out
}

/// What a date span says.
#[derive(Debug, Default)]
struct Parsed {
    year: Option<i32>,
    month: Option<i32>,
    day: Option<i32>,
    fiscal: bool,
    era_letter: bool,
    western: bool,
}

/// Read a span matched by `DATE_RE`: `令和6年3月2日`, `R6.3.15`, `2024/4/15`, `6月5日`, ...
fn parse_span(s: &str) -> Option<Parsed> {
    let mut p = Parsed::default();
    let mut rest = s;
    let num = |r: &mut &str| -> Option<i32> {
        *r = r.trim_start();
        let digits = r.len() - r.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            let (n, tail) = r.split_at(digits);
            *r = tail;
            return n.parse().ok();
        }
        let kanji = r.len()
            - r.trim_start_matches(|c| "〇一二三四五六七八九十".contains(c))
                .len();
        if kanji > 0 {
            let (n, tail) = r.split_at(kanji);
            *r = tail;
            return crate::numbers::parse_kanji(n).and_then(|v| i32::try_from(v).ok());
        }
        None
    };
    let eat = |r: &mut &str, t: &str| -> bool {
        let t2 = r.trim_start();
        if let Some(x) = t2.strip_prefix(t) {
            *r = x;
            true
        } else {
            false
        }
    };
    let era = ["令和", "平成", "昭和", "R", "H", "S"]
        .into_iter()
        .find(|e| rest.starts_with(e));
    if let Some(e) = era {
        let (base, last) = era_base(e)?;
        p.era_letter = e.len() == 1;
        rest = &rest[e.len()..];
        let ey = if eat(&mut rest, "元") {
            1
        } else {
            num(&mut rest)?
        };
        if ey < 1 || ey > last {
            return None;
        }
        p.year = Some(base + ey);
        if eat(&mut rest, ".") {
            p.month = Some(num(&mut rest)?);
            eat(&mut rest, ".");
            p.day = Some(num(&mut rest)?);
            return Some(p);
        }
        eat(&mut rest, "年");
    } else if rest.len() >= 4
        && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && (rest.starts_with("19") || rest.starts_with("20"))
    {
        p.western = true;
        p.year = Some(rest[..4].parse().ok()?);
        rest = &rest[4..];
        // as `DATE_RE` writes them: `2024/4/15`, `2024.12.24`, `2024/5.3` (either of `/` and
        // `.`, mixed), `2024-04-15` (the `-` form always has its day)
        let t = rest.trim_start();
        if let Some(sep @ ('/' | '.' | '-')) = t.chars().next() {
            rest = &t[1..];
            p.month = Some(num(&mut rest)?);
            let day_seps: &[char] = if sep == '-' { &['-'] } else { &['/', '.'] };
            if let Some(r) = rest.strip_prefix(day_seps) {
                rest = r;
                p.day = Some(num(&mut rest)?);
            }
            // 2024.5 or 2024/5 alone is too ambiguous (a version, a ratio): demand the day
            return p.day.is_some().then_some(p);
        }
        eat(&mut rest, "年");
    } else {
        // month-day without a year
        p.month = Some(num(&mut rest)?);
        eat(&mut rest, "月");
        p.day = Some(num(&mut rest)?);
        return Some(p);
    }
    if eat(&mut rest, "度") {
        p.fiscal = true;
    }
    if let Some(m) = num(&mut rest) {
        p.month = Some(m);
        eat(&mut rest, "月");
        if let Some(d) = num(&mut rest) {
            p.day = Some(d);
        }
    }
    Some(p)
}

/// A day given relative to the date last mentioned: `同日` (the same day), `翌日` (the next day),
/// `翌15日` (the 15th following it). Only at the start of a clause: `発生当日` is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    Same,
    Next,
    NextDayOfMonth(u8),
}

static RELATIVE_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::lexicon::re(r"(同日|当日|翌日|翌\s*(\d{1,2})\s*日)"));

/// Relative day mentions at a clause start.
pub fn find_relative(text: &str) -> Vec<(Range<usize>, Relative)> {
    let mut out = Vec::new();
    for c in RELATIVE_RE.captures_iter(text) {
        let m = c.get(0).expect("match");
        let before = text[..m.start()].chars().next_back();
        if !before.is_none_or(|b| matches!(b, '、' | '。' | '\n' | ' ' | ',' | '(' | '・')) {
            continue;
        }
        let rel = match m.as_str() {
            "同日" | "当日" => Relative::Same,
            "翌日" => Relative::Next,
            _ => match c.get(2).and_then(|d| d.as_str().parse::<u8>().ok()) {
                Some(d) if (1..=31).contains(&d) => Relative::NextDayOfMonth(d),
                _ => continue,
            },
        };
        out.push((m.start()..m.end(), rel));
    }
    out
}

impl Relative {
    /// The day meant, from the full date last mentioned.
    pub fn resolve(self, last: PartialDate) -> Option<PartialDate> {
        if !last.is_full() {
            return None;
        }
        match self {
            Relative::Same => Some(last),
            Relative::Next => last.next_day(),
            Relative::NextDayOfMonth(d) => {
                let (y, m) = (last.year, last.month?);
                if Some(d) > last.day {
                    PartialDate::ymd(y, m, d)
                } else if m < 12 {
                    PartialDate::ymd(y, m + 1, d)
                } else {
                    PartialDate::ymd(y + 1, 1, d)
                }
            }
        }
    }
}

impl DateMention {
    /// The date, taking a missing year from `anchor`: the anchor's year, or the year before when
    /// the month lies more than a month after the anchor's (a January notice speaking of December).
    pub fn resolve(&self, anchor: Option<PartialDate>) -> Option<PartialDate> {
        let year = match self.year {
            Some(y) => y,
            None => {
                let a = anchor?;
                match (a.month, self.month) {
                    (Some(am), Some(m)) if m > am + 1 => a.year - 1,
                    _ => a.year,
                }
            }
        };
        match (self.month, self.day) {
            (Some(m), Some(d)) => PartialDate::ymd(year, m, d),
            (Some(m), None) => PartialDate::ym(year, m),
            _ => Some(PartialDate::y(year)),
        }
    }

    /// Whether the mention carries its own year.
    pub fn has_year(&self) -> bool {
        self.year.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Option<String> {
        let v = find_dates(s);
        v.first()
            .and_then(|m| m.resolve(PartialDate::ymd(2024, 3, 1)))
            .map(|d| d.to_string())
    }

    #[test]
    fn documented_forms() {
        let cases = [
            ("令和6年3月2日(土)", "2024-03-02"),
            ("令和 5 年 12 月 4 日", "2023-12-04"),
            ("平成24年12月22日5時半", "2012-12-22"),
            ("H24年12月26日", "2012-12-26"),
            ("R6.3.15", "2024-03-15"),
            ("令和元年5月1日", "2019-05-01"),
            ("令和2年度から", "2020"),
            ("2024年2月27日(火)", "2024-02-27"),
            ("2024/4/15", "2024-04-15"),
            ("2024.12.24 | お知らせ", "2024-12-24"),
            ("2023 年 9 月下旬ごろ", "2023-09"),
            ("2020年7月から", "2020-07"),
            ("昭和64年1月7日", "1989-01-07"),
            ("令和五年十月二十日", "2023-10-20"),
            ("平成三十一年四月三十日", "2019-04-30"),
            ("3月5日に判明", "2024-03-05"),
            ("12月20日に", "2023-12-20"),
        ];
        for (s, want) in cases {
            assert_eq!(one(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "#2024-100",
            "ISO27001",
            "平成45年",
            "2024年13月",
            "2023年2月30日",
            "2024/5",
            "第147条",
            "R99.1.1x",
        ] {
            let got: Vec<_> = find_dates(s)
                .iter()
                .filter_map(|m| m.resolve(None))
                .map(|d| d.to_string())
                .collect();
            assert!(got.is_empty() || s == "R99.1.1x", "{s}: {got:?}");
        }
    }

    #[test]
    fn western_separators_may_mix_before_the_day() {
        // `DATE_RE` takes either of `/` and `.` before the day
        assert_eq!(one("2024/5.3").as_deref(), Some("2024-05-03"));
        assert_eq!(one("2024.5/3").as_deref(), Some("2024-05-03"));
    }

    #[test]
    fn relative_days() {
        let last = PartialDate::ymd(2025, 2, 14).unwrap();
        let r = find_relative("置き忘れた。翌15日に気付き、同日届け出た。発生当日に検知");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].1.resolve(last).unwrap().to_string(), "2025-02-15");
        assert_eq!(r[1].1.resolve(last).unwrap().to_string(), "2025-02-14");
        assert_eq!(
            Relative::Next
                .resolve(PartialDate::ymd(2025, 12, 31).unwrap())
                .unwrap()
                .to_string(),
            "2026-01-01"
        );
        assert_eq!(
            Relative::NextDayOfMonth(2)
                .resolve(PartialDate::ymd(2025, 3, 30).unwrap())
                .unwrap()
                .to_string(),
            "2025-04-02"
        );
    }

    #[test]
    fn month_day_without_anchor_is_unresolved() {
        let m = &find_dates("3月15日")[0];
        assert_eq!(m.resolve(None), None);
    }
}
