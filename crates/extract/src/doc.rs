//! What the extractor knows of a whole document before it splits it: its lines, its date
//! mentions, its organization mentions, its own date (the dateline) and its voice (an
//! organization's own notice, or a third party's text about one).
//!
//! The **dateline** is the date a document carries as its own: a notice's date label
//! (`更新日:2025年9月22日`, `公開日 2022年03月04日`), a letterhead date alone on a line, a news
//! article's timestamp (`2031年12月11日21時05分配信`, `2031年06月28日 19:31 みどり通信社`,
//! `出典:…(2024/09/09 …テレビ)`). It anchors the dates written without a year or month
//! (`28日`, `6月5日`, `昨年`). A notice's own date label is also its publication date; an
//! article's timestamp is not (the article reports what the organization announced, on the
//! day the article gives: `…は28日、…と発表した`).

use crate::analyze::{lines, Line};
use crate::dates::{find_dates, DateMention};
use crate::orgs::{find_orgs, OrgMention};
use crate::rules::{entries, Entry, Rule};
use jikenbo_model::PartialDate;
use std::ops::Range;
use std::sync::LazyLock;

/// What the dateline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatelineKind {
    /// The notice's own date (a date label, a letterhead): also its publication date.
    Notice,
    /// The date of an article or a page that reports on others.
    Article,
}

#[derive(Debug, Clone)]
pub struct Dateline {
    pub date: PartialDate,
    pub range: Range<usize>,
    pub kind: DatelineKind,
}

/// Labels before a date that make it the notice's own date.
pub static NOTICE_DATE_LABEL: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "doc.notice_date_label",
        (),
        "a label that makes the date after it the notice's own date",
        r"(?:更新日|公開日|掲載日|発表日|公表日|作成日|発行日|報道発表日|記者発表資料発表日|記者発表日|お知らせ|発表)\s*[:|]?\s*$",
    )
    .ex(&["更新日:", "公開日 ", "掲載日:", "発表日 ", "公表日:", "作成日:", "発行日 ", "報道発表日:", "記者発表資料発表日:", "記者発表日:", "お知らせ |", "発表 "])
    .not(&["発生日:", "判明日:"])
});

/// Before a date on its line: a media name alone, the byline of a news article
/// (`みどり新聞 2031年10月22日 地方版`, `あおば日報 2031年3月14日(水)7時55分配信`).
pub static MEDIA_BYLINE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "doc.media_byline",
        (),
        "a media name alone before the date: a news article's byline",
        r"^\s*[^\s、。]{0,12}(?:{MEDIA_SUFFIX}|{MEDIA_NAME})\s*$",
    )
    .ex(&["毎日新聞 ", "みどり日報 "])
    .not(&["みどり新聞によると、"])
    .general("how news pages print the paper and the day above an article")
});

/// Words around a date that make it a news timestamp (`…配信`, `19:31`, a media name).
pub static ARTICLE_STAMP: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "doc.article_stamp",
        (),
        "the time, 配信 or a media name beside a date: a news article's timestamp",
        r"^\s*(?:\([月火水木金土日]\)\s*)?(?:(?:AM|PM|午前|午後)\s*)?(?:\d{1,2}[:時]\d{1,2}分?\s*(?:配信)?|配信|付)\s*[|｜/／]?\s*[^\s、。~〜|｜]{0,16}\s*\)?\s*$|^\s*[|｜/／]?\s*[^\s、。]{0,12}(?:{MEDIA_SUFFIX}|{MEDIA_NAME})(?:編集部|取材班|編集局)?\s*\)?\s*$",
    )
    .ex(&["19:31 時事通信社", "23時39分配信", "16時1分配信", "(水)7時55分配信", "(水) AM 06:00", "午後3時05分", " 配信", "付", " 福島テレビ)", " 11:30 | セキュリティニュース編集部", " | みどりニュース編集部"])
    .not(&["に判明", "、当社", "(金)14:20~14:45の間に9通", "付の新聞によると、紛失したのは"])
    .general("the timestamp of a news article: a time, 配信, or the outlet's name after the date")
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = entries("dates", std::slice::from_ref(&*NOTICE_DATE_LABEL));
    v.extend(entries("dates", std::slice::from_ref(&*ARTICLE_STAMP)));
    v.extend(entries("dates", std::slice::from_ref(&*MEDIA_BYLINE)));
    v
}

/// Endings that tell an organization's own notice (polite, first person) from a report about
/// one (news style).
static NEWS_MARKERS: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::rules::compile(
        r"によると|によりますと|と発表(した|しました)|(から|より)[^。]{0,24}発表されました|ということです|としている|としています|という。|と明らかにした|報じた|を受けていた",
    )
});
/// The polite endings as a pattern: what [`count_polite`] counts (its test compares them).
#[cfg(test)]
static POLITE: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::rules::compile(r"(ます|ました|ません|ございます|でした|です|ください)。")
});

pub struct Doc<'a> {
    /// The normalized text.
    pub text: &'a str,
    pub lines: Vec<Line>,
    /// The sentences of the text (split at `。` and at line ends), in order.
    pub sents: Vec<Range<usize>>,
    /// Per sentence: whether it reports an incident event (see [`crate::incident`]), computed
    /// when first asked.
    events: Vec<std::cell::OnceCell<bool>>,
    /// Where a count's unit follows a number (see `fields::affected::count_ends`), found when
    /// first asked.
    count_ends: std::cell::OnceCell<Vec<(usize, usize)>>,
    pub dates: Vec<DateMention>,
    pub orgs: Vec<OrgMention>,
    pub dateline: Option<Dateline>,
    /// An organization's own notice (first person, polite), not a report about one.
    pub own_notice: bool,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let lines = lines(text);
        let mut sents: Vec<Range<usize>> = Vec::with_capacity(lines.len());
        for l in &lines {
            crate::analyze::sentences_into(text, l.range.clone(), &mut sents);
        }
        let events = vec![std::cell::OnceCell::new(); sents.len()];
        let dates = find_dates(text);
        let orgs = find_orgs(text);
        let own_notice = own_notice(text);
        let dateline = dateline(text, &lines, &dates, own_notice);
        Doc {
            text,
            lines,
            sents,
            events,
            count_ends: std::cell::OnceCell::new(),
            dates,
            orgs,
            dateline,
            own_notice,
        }
    }

    /// The sentences (index and range) inside `range`.
    pub fn sents_in(&self, range: Range<usize>) -> impl Iterator<Item = (usize, &Range<usize>)> {
        let first = self.sents.partition_point(|s| s.end <= range.start);
        self.sents[first..]
            .iter()
            .enumerate()
            .map(move |(k, s)| (first + k, s))
            .take_while(move |(_, s)| s.start < range.end)
            .filter(move |(_, s)| s.start >= range.start && s.end <= range.end)
    }

    /// The organization mentions inside `range` (the mentions are in text order).
    pub fn orgs_in(&self, range: Range<usize>) -> impl Iterator<Item = &OrgMention> {
        let first = self.orgs.partition_point(|m| m.range.start < range.start);
        self.orgs[first..]
            .iter()
            .take_while(move |m| m.range.start < range.end)
            .filter(move |m| m.range.end <= range.end)
    }

    /// Whether sentence `k` reports an incident event.
    pub fn event(&self, k: usize) -> bool {
        let Some(r) = self.sents.get(k) else {
            return false;
        };
        *self.events[k].get_or_init(|| crate::incident::reports_event(&self.text[r.clone()]))
    }

    /// The places where a count's unit follows the end of a number (unit start, number's last
    /// character's start), in order.
    pub fn count_ends(&self) -> &[(usize, usize)] {
        self.count_ends
            .get_or_init(|| crate::fields::affected::count_ends(self.text))
    }

    /// Whether the sentence holding byte `at` reports an incident event.
    pub fn event_at(&self, at: usize) -> bool {
        let k = self.sents.partition_point(|s| s.end <= at);
        self.sents.get(k).is_some_and(|s| s.start <= at) && self.event(k)
    }

    /// The document's own date, for resolving dates without a year.
    pub fn anchor_date(&self) -> Option<PartialDate> {
        self.dateline.as_ref().map(|d| d.date)
    }
}

fn own_notice(text: &str) -> bool {
    let first_person = crate::words::count_first_person(text);
    let news = NEWS_MARKERS.find_iter(text).count();
    let polite = count_polite(text);
    (first_person as i64) * 2 + polite.min(6) as i64 - (news as i64) * 3 > 0
}

/// How many matches of [`POLITE`] `text` holds. Each is a polite ending right before a `。`
/// with no other `。` in it, so no two overlap unless they end at the same `。`
/// (`ございます。`, `ます。`), where the scan counts one: the count is that of the `。` with a polite
/// ending before them (a vector search for `。`, not a walk of the automaton over the text).
fn count_polite(text: &str) -> usize {
    const ENDINGS: [&str; 7] = [
        "ます",
        "ました",
        "ません",
        "ございます",
        "でした",
        "です",
        "ください",
    ];
    memchr::memmem::find_iter(text.as_bytes(), "。".as_bytes())
        .filter(|&i| ENDINGS.iter().any(|e| text[..i].ends_with(e)))
        .count()
}

/// Whether `s` opens with a clock time (`20:21`, `16時1分`): after a media name and a date,
/// the article's timestamp whatever follows (`毎日新聞 2031/2/16 20:21(最終更新 …) 342文字`).
fn starts_with_clock(s: &str) -> bool {
    let s = s.trim_start();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && (s[digits..].starts_with(':') || s[digits..].starts_with('時'))
        && s[digits..]
            .chars()
            .nth(1)
            .is_some_and(|c| c.is_ascii_digit())
}

/// The document's own date (see the module doc).
fn dateline(text: &str, lines: &[Line], dates: &[DateMention], own: bool) -> Option<Dateline> {
    let mut best: Option<(i32, Dateline)> = None;
    let nonempty: Vec<&Line> = lines.iter().filter(|l| !l.range.is_empty()).collect();
    let n = nonempty.len();
    for (k, l) in nonempty.iter().enumerate() {
        let head = k < 12;
        let tail = k + 4 >= n;
        // the dates on the line (dates are in text order)
        let from = dates.partition_point(|d| d.range.start < l.range.start);
        for d in dates[from..]
            .iter()
            .take_while(|d| d.range.start < l.range.end)
            .filter(|d| d.range.end <= l.range.end)
        {
            if !d.is_full_written() {
                continue;
            }
            let Some(date) = d.resolve(&Default::default()) else {
                continue;
            };
            let before = &text[l.range.start..d.range.start];
            let after = &text[d.range.end..l.range.end];
            let line_len = text[l.range.clone()].chars().count();
            let date_len = text[d.range.clone()].chars().count();
            let (score, kind) = if NOTICE_DATE_LABEL.is_match(before) {
                (5, DatelineKind::Notice)
            } else if (ARTICLE_STAMP.is_match(after)
                // (a labelled row is no timestamp: `送信日時 2031年5月19日(火)10時12分`)
                && (before.trim_matches([' ', '\t', '(', '[', '<']).is_empty()
                    || MEDIA_BYLINE.is_match(before)
                    // `配信2031年10月25日(水) AM 06:00`
                    || ["配信", "更新", "投稿"].contains(&before.trim())))
                || before.contains("出典")
                || (MEDIA_BYLINE.is_match(before)
                    && (line_len <= date_len + 24 || starts_with_clock(after)))
            {
                (4, DatelineKind::Article)
            } else if (head || tail) && line_len <= date_len + 8 {
                // a date alone on a line: a letterhead in a notice, a page date in a report
                (
                    3,
                    if own {
                        DatelineKind::Notice
                    } else {
                        DatelineKind::Article
                    },
                )
            } else if head
                && !own
                && after.starts_with('、')
                && (before.is_empty() || before.ends_with('は'))
                && ["発表", "公表", "明らかにし"]
                    .iter()
                    .any(|w| after.contains(w))
            {
                // a news lead's full date (`みどり市は2031年9月9日、…と発表した`,
                // `2031年1月7日、みどり協会は…と発表した`): the article's own day, against which
                // `今年` and `今月` count
                (1, DatelineKind::Article)
            } else {
                continue;
            };
            let score = score + if head { 1 } else { 0 };
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((
                    score,
                    Dateline {
                        date,
                        range: d.range.clone(),
                        kind,
                    },
                ));
            }
        }
    }
    best.map(|b| b.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let t = "ページ番号:1\n更新日:2031年9月22日\n本文です。当市では…を確認しました。";
        let d = Doc::new(t);
        let dl = d.dateline.unwrap();
        assert_eq!(dl.date.to_string(), "2031-09-22");
        assert_eq!(dl.kind, DatelineKind::Notice);
        // a media name, the date and a clock time, whatever follows; a minute of one digit
        let t = "見出し\nみどり新聞 2031/2/16 20:21(最終更新 2/16 20:21) 342文字\n写真 2029年2月24日、本社撮影\nみどり市は16日、…と発表した。";
        assert_eq!(Doc::new(t).dateline.unwrap().date.to_string(), "2031-02-16");
        let t = "見出し\n2031年2月28日16時1分配信 みどり新聞\nみどり市は27日、…と発表した。";
        assert_eq!(Doc::new(t).dateline.unwrap().date.to_string(), "2031-02-28");
        let t = "見出し\n2031年12月11日21時05分配信 みどり新聞\nみどり市は11日、…と発表した。";
        let dl = Doc::new(t).dateline.unwrap();
        assert_eq!(dl.kind, DatelineKind::Article);
        assert_eq!(dl.date.to_string(), "2031-12-11");
        // a time and a desk after a bar; a labelled table row with a time is no timestamp
        let t = "見出し\n2031年3月5日 11:30 | みどりニュース編集部\nみどり社は、…と明らかにした。";
        assert_eq!(Doc::new(t).dateline.unwrap().date.to_string(), "2031-03-05");
        let t = "お知らせ\n2031.05.22\nメール誤送信について\n送信日時\t2031年5月19日(火)10時12分\n本学において誤送信がありました。";
        assert_eq!(Doc::new(t).dateline.unwrap().date.to_string(), "2031-05-22");
    }

    #[test]
    fn polite_endings_are_counted_as_the_pattern_counts_them() {
        for t in [
            "当社です。ございます。ます。ました。でした。ください。ません。",
            "これは。です。。ですます。ござい。",
            "",
            "。",
            "ございます。ございます",
        ] {
            assert_eq!(count_polite(t), POLITE.find_iter(t).count(), "{t}");
        }
    }

    #[test]
    fn voice() {
        assert!(own_notice(
            "当社は不正アクセスを受けました。深くお詫び申し上げます。"
        ));
        assert!(!own_notice(
            "みどり市によると、職員が書類を紛失したという。市は…と発表した。"
        ));
    }
}
