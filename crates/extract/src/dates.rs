//! Dates as Japanese notices write them, found in the normalized text.
//!
//! | form | example | value |
//! |---|---|---|
//! | era, full | `令和6年3月2日`, `令和 5 年 12 月 4 日`, `平成24年12月22日`, `令和五年十月二十日` | 2024-03-02, 2023-12-04, 2012-12-22, 2023-10-20 |
//! | era with the western year beside it | `令和6年(2024年)4月9日` | 2024-04-09 |
//! | era abbreviation | `H24年12月26日`, `R6.3.15`, `H26.12.26` | 2012-12-26, 2024-03-15, 2014-12-26 |
//! | 元年, fiscal year | `令和元年5月1日`, `令和2年度` | 2019-05-01, 2020 (fiscal) |
//! | western | `2024年2月27日(火)`, `2024/4/15`, `2024.12.24`, `2024 年 11 月 28 日`, `2023年9月下旬` | … 2023-09 |
//! | two-digit year | `23年7月`, `07年2月9日`, `98年、` | 2023-07, 2007-02-09, 1998 |
//! | month-day, month, day | `6月5日`, `五月に`, `28日、` | year (and month) from the context |
//! | relative | `同日`, `翌日`, `翌15日`, `同年6月`, `昨年10月`, `今年8月4日`, `先月` | from the date last mentioned or the document's own date |
//!
//! A mention without a year is resolved against an [`Anchor`]: the date last mentioned, else
//! the document's own date (its dateline); `昨年`, `今年`, `先月` only against the document's
//! own date (the time of writing). Where the document gives no year at all, the mention stays
//! unresolved and no field uses it. A weekday written beside a date (`5月2日(火)`) picks, among
//! the years next to the anchor's, the one whose calendar agrees.

use crate::rules::{entries, Entry, Rule};
use jikenbo_model::PartialDate;
use std::ops::Range;
use std::sync::LazyLock;

/// How the year of a mention is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearForm {
    /// Written (`2024年`, `令和6年`, `H24`).
    Known(i32),
    /// Two digits (`23年`): 19xx or 20xx, or an era year where the text counts in eras.
    TwoDigit(i32),
    /// `今年`/`本年` (0), `昨年`/`前年` (-1): from the document's own date.
    FromDocument(i32),
    /// `同年`: the year last mentioned.
    Same,
    /// Not written: from the context.
    Missing,
}

/// How the month of a mention is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthForm {
    Known(u8),
    /// `今月` (0), `先月` (-1): from the document's own date.
    FromDocument(i32),
    /// `同月`: the month last mentioned.
    Same,
    /// Not written (a day alone, `28日`): from the context.
    Missing,
    /// No month (a year alone).
    None,
}

/// A day given relative to the date last mentioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelDay {
    /// `同日`, `当日`.
    Same,
    /// `翌日`.
    Next,
    /// `翌15日`: the 15th after the last date.
    NextDayOfMonth(u8),
    /// `本日`: the document's own date.
    Today,
}

/// A date found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub range: Range<usize>,
    pub year: YearForm,
    pub month: MonthForm,
    pub day: Option<u8>,
    /// A day relative to the last date (`同日`, `翌日`): year, month and day come from it.
    pub rel: Option<RelDay>,
    /// `年度` (fiscal year) was written.
    pub fiscal: bool,
    /// The weekday written beside it (0 = Monday … 6 = Sunday).
    pub weekday: Option<u8>,
    /// The year is an era year (`令和6年`, `H24`), for two-digit years met later.
    pub era: bool,
}

impl DateMention {
    /// Whether the mention carries its own year.
    pub fn has_year(&self) -> bool {
        matches!(self.year, YearForm::Known(_))
    }
    /// A year, a month and a day, all written.
    pub fn is_full_written(&self) -> bool {
        self.has_year() && matches!(self.month, MonthForm::Known(_)) && self.day.is_some()
    }
    /// A day alone (`28日`) or a day relative to another date (`同日`).
    pub fn is_day_only(&self) -> bool {
        self.rel.is_some()
            || (matches!(self.year, YearForm::Missing) && matches!(self.month, MonthForm::Missing))
    }
}

/// What a mention without a year is resolved against.
#[derive(Debug, Clone, Copy, Default)]
pub struct Anchor {
    /// The document's own date (its dateline or letterhead), the time of writing.
    pub document: Option<PartialDate>,
    /// The date last mentioned before (resolved).
    pub last: Option<PartialDate>,
    /// The last full date mentioned before (for `同日`, `翌日`).
    pub last_full: Option<PartialDate>,
    /// The fiscal year last mentioned (`令和2年度`): January to March belong to the next year.
    pub fiscal: Option<i32>,
    /// Whether the text counts years in eras (for two-digit years).
    pub era: bool,
    /// A year known from outside the text (a casebook entry's number `#2023-481`): for month-days
    /// with nothing else to go by.
    pub year_hint: Option<i32>,
}

impl Anchor {
    /// Record a resolved mention as the last one.
    pub fn advance(&mut self, m: &DateMention, d: PartialDate) {
        if m.fiscal {
            self.fiscal = Some(d.year);
        } else if m.has_year() {
            self.fiscal = None;
        }
        if m.has_year() {
            self.era = m.era;
        }
        self.last = Some(d);
        if d.is_full() {
            self.last_full = Some(d);
        }
    }
}

/// The weekday of a day (0 = Monday … 6 = Sunday).
pub fn weekday_of(y: i32, m: u8, d: u8) -> u8 {
    // Sakamoto's method: 0 = Sunday; returned as 0 = Monday … 6 = Sunday
    let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    let w = (y + y / 4 - y / 100 + y / 400 + t[(m - 1) as usize] + d as i32).rem_euclid(7);
    ((w + 6) % 7) as u8
}

impl DateMention {
    /// The date meant, or `None` where the context does not give it.
    pub fn resolve(&self, a: &Anchor) -> Option<PartialDate> {
        if let Some(rel) = self.rel {
            if rel == RelDay::Today {
                return a.document.filter(|d| d.is_full());
            }
            let last = a.last_full?;
            return match rel {
                RelDay::Same => Some(last),
                RelDay::Today => None,
                RelDay::Next => last.next_day(),
                RelDay::NextDayOfMonth(d) => {
                    let (y, m) = (last.year, last.month?);
                    if Some(d) > last.day {
                        PartialDate::ymd(y, m, d)
                    } else if m < 12 {
                        PartialDate::ymd(y, m + 1, d)
                    } else {
                        PartialDate::ymd(y + 1, 1, d)
                    }
                }
            };
        }
        // the month
        let month: Option<u8> = match self.month {
            MonthForm::Known(m) => Some(m),
            MonthForm::None => None,
            MonthForm::Same => Some(a.last?.month?),
            MonthForm::FromDocument(off) => {
                // `先月` in a January text is December of the year before
                let doc = a.document?;
                let m = doc.month? as i32 + off;
                let (y, m) = if m < 1 {
                    (doc.year - 1, m + 12)
                } else {
                    (doc.year, m)
                };
                return match self.day {
                    Some(d) => PartialDate::ymd(y, m as u8, d),
                    None => PartialDate::ym(y, m as u8),
                };
            }
            MonthForm::Missing => {
                // a day alone: the month of the last date, else of the document's date; a day
                // well after the document's own day lies in the month before
                if let Some(last) = a.last.filter(|l| l.month.is_some()) {
                    last.month
                } else {
                    let doc = a.document?;
                    let (dm, dd) = (doc.month?, doc.day?);
                    match self.day {
                        Some(d) if d > dd.saturating_add(1) => {
                            Some(if dm == 1 { 12 } else { dm - 1 })
                        }
                        _ => Some(dm),
                    }
                }
            }
        };
        // the year
        let year: i32 = match self.year {
            YearForm::Known(y) => y,
            YearForm::TwoDigit(yy) => {
                if a.era && yy <= 31 {
                    1988 + yy // 平成 (the eras in use with two-digit years)
                } else if yy >= 50 {
                    1900 + yy
                } else {
                    2000 + yy
                }
            }
            YearForm::FromDocument(off) => a.document?.year + off,
            YearForm::Same => a.last?.year,
            YearForm::Missing => {
                if let (MonthForm::Missing, Some(last)) = (self.month, a.last) {
                    // a day alone in a sequence: the last date's year (and month, above)
                    if last.month.is_some() {
                        last.year
                    } else {
                        return None;
                    }
                } else if let (MonthForm::Missing, None) = (self.month, a.last) {
                    let doc = a.document?;
                    match (month, doc.month) {
                        (Some(m), Some(dm)) if m > dm => doc.year - 1,
                        _ => doc.year,
                    }
                } else {
                    let m = month?;
                    let base = if let Some(fy) = a.fiscal {
                        // 令和2年度 runs from April 2020 to March 2021
                        if m <= 3 {
                            fy + 1
                        } else {
                            fy
                        }
                    } else {
                        // a January text speaking of December: the year before (against the
                        // document's own date only; a narrative keeps its year)
                        let Some(anchor) = a.last.or(a.document) else {
                            return a.year_hint.and_then(|y| match self.day {
                                Some(d) => PartialDate::ymd(y, m, d),
                                None => PartialDate::ym(y, m),
                            });
                        };
                        let against_document = a.last.is_none() || a.last == a.document;
                        match anchor.month {
                            Some(am) if m > am + 1 && against_document => anchor.year - 1,
                            _ => anchor.year,
                        }
                    };
                    // a weekday decides between the neighbouring years
                    match (self.weekday, self.day) {
                        (Some(w), Some(d)) => [0, -1, 1, -2, 2]
                            .iter()
                            .map(|o| base + o)
                            .find(|y| {
                                PartialDate::ymd(*y, m, d).is_some() && weekday_of(*y, m, d) == w
                            })
                            .unwrap_or(base),
                        _ => base,
                    }
                }
            }
        };
        match (month, self.day) {
            (Some(m), Some(d)) => PartialDate::ymd(year, m, d),
            (Some(m), None) => PartialDate::ym(year, m),
            (None, _) => Some(PartialDate::y(year)),
        }
    }
}

/// The span rules: each finds one written form; a hand parser reads the span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Era,
    Western,
    TwoDigitYear,
    MonthDay,
    DayAlone,
    Relative,
}

pub static DATE_FORMS: LazyLock<Vec<Rule<Form>>> = LazyLock::new(|| {
    vec![
        Rule::new(
            "date.era",
            Form::Era,
            "an era date: 令和/平成/昭和 or R/H/S, 元年, a fiscal year, a western year in parentheses beside it",
            r"(?:令和|平成|昭和|[RHS])\s*(?:元|\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:年\s*(?:度)?(?:\s*\(\s*(?:19|20)\d{2}\s*年?\s*(?:度)?\s*\))?(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?)?|\.\d{1,2}\.\d{1,2})",
        )
        .ex(&["令和6年3月2日", "平成24年", "H24年12月26日", "令和元年5月1日", "R6.3.15", "令和6年(2024年)4月9日", "令和五年十月二十日", "令和2年度"])
        .not(&["和6年", "平和"])
        .unless_before(r"[A-Za-z0-9#]$"),
        Rule::new(
            "date.western",
            Form::Western,
            "a western date: 2024年2月27日, 2024/4/15, 2024.12.24, 2024-04-15, with spaces or without",
            r"(?:19|20)\d{2}\s*(?:年\s*(?:度)?(?:\s*\d{1,2}\s*(?:[~〜～－-]\s*\d{1,2}\s*)?月(?:\s*\d{1,2}\s*日)?)?|[/.]\d{1,2}(?:[/.]\d{1,2})?|-\d{1,2}-\d{1,2})",
        )
        .ex(&["2024年2月27日", "2024/4/15", "2024.12.24", "2024 年 11 月 28 日", "2023年9月", "2024-04-15", "2020年度", "2012年10〜11月"])
        .not(&["#2024-100", "ISO27001"])
        .unless_before(r"[0-9#]$"),
        Rule::new(
            "date.two_digit_year",
            Form::TwoDigitYear,
            "a two-digit year as news write it, with its month (`23年7月`) or alone before a comma (`98年、`)",
            r"\d{2}\s*年\s*(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[、,]|に)",
        )
        .ex(&["23年7月", "07年2月9日", "98年、", "98年に"])
        .not(&["2023年7月", "10年間", "5年に"])
        .unless_before(r"[0-9０-９]$|令和$|平成$|昭和$|[RHS]$"),
        Rule::new(
            "date.month_day",
            Form::MonthDay,
            "a month and day, or a month alone before a particle, without a year (`6月5日`, `五月に`)",
            r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日|(?:上旬|中旬|下旬|頃|ごろ|中|末|に|、|以降|から|まで))",
        )
        .ex(&["6月5日", "12 月 4 日", "五月に", "十月二十日", "7月下旬"])
        .not(&["6か月", "3ヶ月"])
        .unless_before(r"[0-9年]$|[か箇ヶ]$|同$|先$|今$|毎$|数$"),
        Rule::new(
            "date.day_alone",
            Form::DayAlone,
            "a day alone, the month from the context (`28日、`, `9日午後`, `七日、`): not a duration",
            r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*(?:[、,()。]|に|の|は|まで|から|夜|朝|夕|午前|午後|未明|深夜|早朝|頃|ごろ|付|にかけ|で、|だった)",
        )
        .ex(&["28日、", "9日午後", "七日、", "24日から", "7日までに", "13日(火)", "きょう(6日)", "気づいたのは15日で、", "判明したのは9日だった", "発覚したのは20日。"])
        .not(&["14日間", "5日以内", "3日後に", "毎日", "本日、", "3日で復旧した"])
        .unless_before(r"[0-9月年]$|[同翌本毎昨当前後数先今]$|第$"),
        Rule::new(
            "date.relative",
            Form::Relative,
            "a date relative to the last one or to the document's own date: 同日 当日 翌日 翌朝 翌15日 本日 きょう 同年 同月 今年 本年 昨年 前年 今月 先月",
            r"(?:同日|当日|翌日|翌朝|翌晩|本日|今日|きょう|翌\s*\d{1,2}\s*日|(?:同年|今年|本年|昨年|去年|前年)(?:\s*度)?(?:\s*の?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?)?|(?:同月|今月|先月)\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?)",
        )
        .ex(&["同日", "翌日", "翌朝", "翌晩", "翌15日", "本日", "今日", "きょう(6日)", "同年6月", "昨年十月", "去年の6月", "今年8月4日", "先月", "同月10日", "当日", "同日に", "翌日の朝", "翌日の午後", "同日の15時"])
        .not(&["同時", "翌週", "きょうだい", "翌日の検査予定者一覧", "当日の担当者"])
        .unless_before(r"[一-龠々]$")
        // `翌日の検査予定者`: the day of a thing named, no date of the event (`翌日の朝` is one)
        .unless_after(r"^(?:だい|の[^朝午夕夜昼晩深早未0-9])"),
    ]
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    entries("dates", &DATE_FORMS)
}

/// One pass for every form: one regex with a pattern per form, longest forms first. Its
/// matches are those of the alternation of the forms (where several match at the same start,
/// the earlier wins), and each tells its form (no capture search for a group per form).
static ALL_FORMS: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    let forms: Vec<String> = DATE_FORMS
        .iter()
        .map(|r| crate::rules::expand(r.pattern))
        .collect();
    regex_automata::meta::Regex::new_many(&forms).expect("date forms")
});

/// Every date mention in `text` (normalized), in order.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let mut out = Vec::new();
    for m in ALL_FORMS.find_iter(text) {
        let rule = &DATE_FORMS[m.pattern().as_usize()];
        if !rule.keeps_span(text, m.start(), m.end()) {
            continue;
        }
        let s = &text[m.range()];
        // not part of a longer number (`12345年`, `2024/4/150`)
        if s.ends_with(|ch: char| ch.is_ascii_digit())
            && text[m.end()..].starts_with(|ch: char| ch.is_ascii_digit())
        {
            continue;
        }
        let parsed = match rule.value {
            Form::Era | Form::Western => parse_absolute(s),
            Form::TwoDigitYear => parse_two_digit(s),
            Form::MonthDay | Form::DayAlone => parse_no_year(s),
            Form::Relative => parse_relative(s),
        };
        let Some(mut d) = parsed else { continue };
        // the written span: what the form matched, without the particle that closed it
        let span_end = m.start() + written_len(s);
        d.range = m.start()..span_end;
        d.weekday = weekday_after(&text[span_end..]);
        if !valid(&d) {
            continue;
        }
        out.push(d);
    }
    out
}

/// Length of the date itself in a matched span (the particle or bracket that closes the
/// no-year forms is not part of it).
fn written_len(s: &str) -> usize {
    let ends = ['日', '月', '年', '度'];
    match s.rfind(|c: char| ends.contains(&c) || c.is_ascii_digit()) {
        Some(i) => i + s[i..].chars().next().map_or(0, char::len_utf8),
        None => s.len(),
    }
}

fn valid(d: &DateMention) -> bool {
    let m = match d.month {
        MonthForm::Known(m) => Some(m),
        _ => None,
    };
    if m.is_some_and(|m| !(1..=12).contains(&m)) {
        return false;
    }
    if d.day.is_some_and(|x| !(1..=31).contains(&x)) {
        return false;
    }
    if let (YearForm::Known(y), Some(m), Some(day)) = (d.year, m, d.day) {
        if PartialDate::ymd(y, m, day).is_none() {
            return false;
        }
    }
    true
}

/// `(火)`, `(火曜日)`, `(木曜)` right after a date.
fn weekday_after(s: &str) -> Option<u8> {
    let s = s.trim_start();
    let inner = s.strip_prefix('(')?;
    let c = inner.chars().next()?;
    let rest = &inner[c.len_utf8()..];
    if !(rest.starts_with(')') || rest.starts_with("曜")) {
        return None;
    }
    "月火水木金土日"
        .chars()
        .position(|w| w == c)
        .map(|p| p as u8)
}

/// A number at the start of `r`, Arabic or kanji; advances `r`.
fn num(r: &mut &str) -> Option<i32> {
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
}

fn eat(r: &mut &str, t: &str) -> bool {
    let t2 = r.trim_start();
    if let Some(x) = t2.strip_prefix(t) {
        *r = x;
        true
    } else {
        false
    }
}

fn mention(year: YearForm, month: MonthForm, day: Option<i32>) -> DateMention {
    DateMention {
        range: 0..0,
        year,
        month,
        day: day.and_then(|d| u8::try_from(d).ok()),
        rel: None,
        fiscal: false,
        weekday: None,
        era: false,
    }
}

/// Month and day after a year: `3月2日`, `3月`, nothing.
fn month_day(rest: &mut &str) -> (MonthForm, Option<i32>) {
    let save = *rest;
    match num(rest) {
        Some(m) if eat(rest, "月") => {
            let save2 = *rest;
            match num(rest) {
                Some(d) if eat(rest, "日") => (MonthForm::Known(m.clamp(0, 99) as u8), Some(d)),
                _ => {
                    *rest = save2;
                    (MonthForm::Known(m.clamp(0, 99) as u8), None)
                }
            }
        }
        _ => {
            *rest = save;
            (MonthForm::None, None)
        }
    }
}

/// `令和6年3月2日`, `令和6年(2024年)4月9日`, `R6.3.15`, `2024/4/15`, `2024年度` …
fn parse_absolute(s: &str) -> Option<DateMention> {
    let mut rest = s;
    if let Some(&(e, base, last)) = crate::words::ERAS.iter().find(|(e, _, _)| s.starts_with(e)) {
        rest = &rest[e.len()..];
        let ey = if eat(&mut rest, "元") {
            1
        } else {
            num(&mut rest)?
        };
        if ey < 1 || ey > last {
            return None;
        }
        let year = base + ey;
        if eat(&mut rest, ".") {
            let m = num(&mut rest)?;
            eat(&mut rest, ".");
            let d = num(&mut rest)?;
            let mut out = mention(YearForm::Known(year), MonthForm::Known(m as u8), Some(d));
            out.era = true;
            return Some(out);
        }
        eat(&mut rest, "年");
        let fiscal = eat(&mut rest, "度");
        if eat(&mut rest, "(") {
            // the western year beside the era year: `令和6年(2024年)`
            let w = num(&mut rest)?;
            if w != year {
                return None;
            }
            eat(&mut rest, "年");
            eat(&mut rest, "度");
            eat(&mut rest, ")");
        }
        let (month, day) = month_day(&mut rest);
        let mut out = mention(YearForm::Known(year), month, day);
        out.fiscal = fiscal;
        out.era = true;
        return Some(out);
    }
    let year: i32 = rest.get(..4)?.parse().ok()?;
    rest = &rest[4..];
    let t = rest.trim_start();
    if let Some(sep @ ('/' | '.' | '-')) = t.chars().next() {
        rest = &t[1..];
        let m = num(&mut rest)?;
        let day_seps: &[char] = if sep == '-' { &['-'] } else { &['/', '.'] };
        let d = match rest.strip_prefix(day_seps) {
            Some(r) => {
                rest = r;
                Some(num(&mut rest)?)
            }
            None => None,
        };
        // 2024.5 or 2024/5 alone is too ambiguous (a version, a ratio): demand the day
        d?;
        return Some(mention(YearForm::Known(year), MonthForm::Known(m as u8), d));
    }
    eat(&mut rest, "年");
    let fiscal = eat(&mut rest, "度");
    // a span of months (`2012年10〜11月`): the first, when it began
    let mut probe = rest.trim_start();
    if let Some(m) = num(&mut probe) {
        let t = probe.trim_start();
        if let Some(c) = t.chars().next().filter(|c| "~〜～－-".contains(*c)) {
            let mut after = t[c.len_utf8()..].trim_start();
            if num(&mut after).is_some() && after.trim_start().starts_with('月') {
                let mut out = mention(YearForm::Known(year), MonthForm::Known(m as u8), None);
                out.fiscal = fiscal;
                return Some(out);
            }
        }
    }
    let (month, day) = month_day(&mut rest);
    let mut out = mention(YearForm::Known(year), month, day);
    out.fiscal = fiscal;
    Some(out)
}

fn parse_two_digit(s: &str) -> Option<DateMention> {
    let mut rest = s;
    let yy = num(&mut rest)?;
    eat(&mut rest, "年");
    let (month, day) = month_day(&mut rest);
    if month == MonthForm::None && yy < 50 {
        return None; // `10年、` alone may be a duration or an era year: only 19xx years alone
    }
    Some(mention(YearForm::TwoDigit(yy), month, day))
}

fn parse_no_year(s: &str) -> Option<DateMention> {
    let mut rest = s;
    let n = num(&mut rest)?;
    if eat(&mut rest, "月") {
        let save = rest;
        return Some(match num(&mut rest) {
            Some(d) if eat(&mut rest, "日") => {
                mention(YearForm::Missing, MonthForm::Known(n as u8), Some(d))
            }
            _ => {
                rest = save;
                let _ = rest;
                mention(YearForm::Missing, MonthForm::Known(n as u8), None)
            }
        });
    }
    eat(&mut rest, "日");
    Some(mention(YearForm::Missing, MonthForm::Missing, Some(n)))
}

fn parse_relative(s: &str) -> Option<DateMention> {
    let rel = |r: RelDay| {
        let mut m = mention(YearForm::Missing, MonthForm::Missing, None);
        m.rel = Some(r);
        m
    };
    match s {
        "同日" | "当日" => return Some(rel(RelDay::Same)),
        "本日" | "今日" | "きょう" => return Some(rel(RelDay::Today)),
        "翌日" | "翌朝" | "翌晩" => return Some(rel(RelDay::Next)),
        _ => {}
    }
    if let Some(r) = s.strip_prefix('翌') {
        let mut r = r;
        let d = num(&mut r)?;
        return Some(rel(RelDay::NextDayOfMonth(u8::try_from(d).ok()?)));
    }
    let (head, mut rest) = s.split_at(s.char_indices().nth(2).map_or(s.len(), |(i, _)| i));
    let year = match head {
        "同年" => Some(YearForm::Same),
        "今年" | "本年" => Some(YearForm::FromDocument(0)),
        "昨年" | "去年" | "前年" => Some(YearForm::FromDocument(-1)),
        _ => None,
    };
    if let Some(y) = year {
        let fiscal = eat(&mut rest, "度");
        eat(&mut rest, "の");
        let (month, day) = month_day(&mut rest);
        let mut m = mention(y, month, day);
        m.fiscal = fiscal;
        return Some(m);
    }
    let month = match head {
        "同月" => MonthForm::Same,
        "今月" => MonthForm::FromDocument(0),
        "先月" => MonthForm::FromDocument(-1),
        _ => return None,
    };
    let day = num(&mut rest);
    let year = match month {
        MonthForm::Same => YearForm::Same,
        _ => YearForm::FromDocument(0),
    };
    Some(mention(year, month, day))
}

/// The mentions of `dates` resolved in order: each against the last resolved one and the
/// document's own date. Unresolved mentions are left out.
pub fn resolve_all<'a>(
    dates: impl IntoIterator<Item = &'a DateMention>,
    document: Option<PartialDate>,
) -> Vec<(PartialDate, &'a DateMention)> {
    resolve_with(dates, document, None)
}

/// [`resolve_all`] with a year known from outside the text for month-days (a casebook entry's
/// number).
pub fn resolve_with<'a>(
    dates: impl IntoIterator<Item = &'a DateMention>,
    document: Option<PartialDate>,
    year_hint: Option<i32>,
) -> Vec<(PartialDate, &'a DateMention)> {
    let mut a = Anchor {
        document,
        year_hint,
        ..Anchor::default()
    };
    let mut out = Vec::new();
    for m in dates {
        // a relative year (`昨年`) is counted from the time of writing, a month-relative too;
        // `今年`-style forms do not move the anchor's notion of the document year
        if let Some(d) = m.resolve(&a) {
            a.advance(m, d);
            out.push((d, m));
        }
    }
    out
}

impl RelDay {
    /// The day meant, from a full date.
    pub fn resolve_from(self, last: PartialDate) -> Option<PartialDate> {
        let m = DateMention {
            range: 0..0,
            year: YearForm::Missing,
            month: MonthForm::Missing,
            day: None,
            rel: Some(self),
            fiscal: false,
            weekday: None,
            era: false,
        };
        m.resolve(&Anchor {
            last_full: Some(last),
            last: Some(last),
            ..Anchor::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The forms' matches as the alternation of the forms with a group each finds them.
    fn by_alternation(text: &str) -> Vec<(usize, usize, usize)> {
        let parts: Vec<String> = DATE_FORMS
            .iter()
            .map(|r| format!("({})", crate::rules::expand(r.pattern)))
            .collect();
        let re = regex::Regex::new(&parts.join("|")).unwrap();
        re.captures_iter(text)
            .map(|c| {
                let (k, m) = (1..=DATE_FORMS.len())
                    .find_map(|k| c.get(k).map(|m| (k - 1, m)))
                    .unwrap();
                (m.start(), m.end(), k)
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn the_forms_match_as_their_alternation(t in "[0-9令和平成同翌今年月日度()/.、に ]{0,30}") {
            let got: Vec<(usize, usize, usize)> = ALL_FORMS
                .find_iter(&t)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            proptest::prop_assert_eq!(got, by_alternation(&t));
        }
    }

    #[test]
    fn the_examples_match_as_their_alternation() {
        for r in DATE_FORMS.iter() {
            for ex in r.examples.iter().chain(r.counter) {
                let got: Vec<(usize, usize, usize)> = ALL_FORMS
                    .find_iter(ex)
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                    .collect();
                assert_eq!(got, by_alternation(ex), "{ex}");
            }
        }
    }

    fn one(s: &str, doc: Option<PartialDate>) -> Option<String> {
        let v = find_dates(s);
        resolve_all(v.iter(), doc)
            .first()
            .map(|(d, _)| d.to_string())
    }

    fn anchored(s: &str) -> Option<String> {
        one(s, PartialDate::ymd(2024, 3, 1))
    }

    #[test]
    fn documented_forms() {
        let cases = [
            ("令和6年3月2日(土)", "2024-03-02"),
            ("令和 5 年 12 月 4 日", "2023-12-04"),
            ("平成24年12月22日5時半", "2012-12-22"),
            ("H24年12月26日", "2012-12-26"),
            ("R6.3.15", "2024-03-15"),
            ("H26.12.26", "2014-12-26"),
            ("令和元年5月1日", "2019-05-01"),
            ("令和2年度から", "2020"),
            ("令和6年(2024年)4月9日から", "2024-04-09"),
            ("2024年2月27日(火)", "2024-02-27"),
            ("2024/4/15", "2024-04-15"),
            ("2024.12.24 | お知らせ", "2024-12-24"),
            ("2023 年 9 月下旬ごろ", "2023-09"),
            ("2024 年 11 月 28 日", "2024-11-28"),
            ("2020年7月から", "2020-07"),
            ("昭和64年1月7日", "1989-01-07"),
            ("令和五年十月二十日", "2023-10-20"),
            ("平成三十一年四月三十日", "2019-04-30"),
            ("3月5日に判明", "2024-03-05"),
            ("12月20日に", "2023-12-20"),
            ("23年7月に", "2023-07"),
            ("07年2月9日から", "2007-02-09"),
            ("98年、", "1998"),
            ("28日、", "2024-02-28"),
            ("1日、", "2024-03-01"),
            ("市は一日、", "2024-03-01"),
            ("昨年十月にも", "2023-10"),
            ("今年8月4日", "2024-08-04"),
            ("2012年10〜11月に", "2012-10"),
            ("本日、", "2024-03-01"),
        ];
        for (s, want) in cases {
            assert_eq!(anchored(s).as_deref(), Some(want), "{s}");
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
            "14日間",
            "5日以内",
            "毎日",
            "6か月",
            "10年間",
        ] {
            assert_eq!(anchored(s), None, "{s}");
        }
    }

    #[test]
    fn no_year_in_the_document_leaves_dates_unresolved() {
        for s in ["3月15日", "28日、", "昨年十月", "同日"] {
            assert_eq!(one(s, None), None, "{s}");
        }
    }

    #[test]
    fn a_sequence_takes_the_year_of_the_last_date() {
        let t = "2024年6月26日に連絡を受けた。12月9日に発表した。";
        let v = find_dates(t);
        let r = resolve_all(v.iter(), None);
        assert_eq!(r[1].0.to_string(), "2024-12-09");
    }

    #[test]
    fn a_fiscal_year_puts_january_to_march_in_the_next_year() {
        let t = "令和2年度の調査研究事業について、2月23日に異常を検知した。";
        let v = find_dates(t);
        let r = resolve_all(v.iter(), None);
        assert_eq!(r[1].0.to_string(), "2021-02-23");
    }

    #[test]
    fn a_weekday_picks_the_year() {
        // 2023-05-02 was a Tuesday; the last year mentioned is 2022
        let t = "令和4年度の一覧。5月2日(火曜日)に送付。";
        let v = find_dates(t);
        let r = resolve_all(v.iter(), None);
        assert_eq!(r[1].0.to_string(), "2023-05-02");
        assert_eq!(weekday_of(2024, 2, 27), 1, "2024-02-27 was a Tuesday");
    }

    #[test]
    fn relative_days() {
        let t = "2025年2月14日に置き忘れた。翌15日に気付き、同日届け出た。発生当日に検知";
        let v = find_dates(t);
        let r: Vec<String> = resolve_all(v.iter(), None)
            .iter()
            .map(|(d, _)| d.to_string())
            .collect();
        assert_eq!(r, vec!["2025-02-14", "2025-02-15", "2025-02-15"]);
        assert_eq!(
            RelDay::Next
                .resolve_from(PartialDate::ymd(2025, 12, 31).unwrap())
                .unwrap()
                .to_string(),
            "2026-01-01"
        );
    }

    #[test]
    fn a_day_after_the_documents_day_is_in_the_month_before() {
        assert_eq!(
            one("28日に判明", PartialDate::ymd(2024, 7, 2)).as_deref(),
            Some("2024-06-28")
        );
        assert_eq!(
            one("2日に判明", PartialDate::ymd(2024, 7, 2)).as_deref(),
            Some("2024-07-02")
        );
    }

    #[test]
    fn written_span_excludes_the_closing_particle() {
        let t = "28日、";
        let v = find_dates(t);
        assert_eq!(&t[v[0].range.clone()], "28日");
        let t = "五月に";
        let v = find_dates(t);
        assert_eq!(&t[v[0].range.clone()], "五月");
    }
}
