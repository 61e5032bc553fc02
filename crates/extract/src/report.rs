//! Report kinds: whether a notice is a first report, a follow-up (`第2報`, `続報`, `調査結果のご
//! 報告`) or a final report (`確報`, `最終報`), read from its title and first lines. The store
//! links a follow-up to the incident it follows.

use crate::rules::{entries, Entry, Rule};
use jikenbo_model::{Incident, ReportKind};
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

pub static NTH_REPORT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "report.nth",
        (),
        "a numbered report: 第1報, 第2報, 第三報",
        r"第\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*報",
    )
    .ex(&["【第2報】", "(第1報)", "第三報", "第 2 報"])
    .not(&["第2条"])
});

pub static FINAL_REPORT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "report.final",
        (),
        "a final report: 最終報, 確報",
        r"最終報|確報",
    )
    .ex(&["(最終報)", "確報"])
    .not(&["速報"])
    .general(crate::rules::VOCABULARY)
});

pub static FOLLOWUP_WORDS: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("report.followup", (), "a follow-up named as such: 続報, 調査結果のご報告, その後の状況",
        r"続報|追加報告|経過報告|調査報告|調査結果(?:の|に関する|について)?(?:ご)?(?:報告|お知らせ)|その後の(?:状況|経過|対応)について")
        .ex(&["続報", "追加報告", "経過報告", "調査報告と再発防止策について", "調査結果のご報告", "調査結果に関するお知らせ", "調査結果報告", "その後の状況について", "その後の経過について", "その後の対応について"])
        .not(&["ご報告"])
    .general(crate::rules::VOCABULARY)
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = Vec::new();
    for r in [&*NTH_REPORT, &*FINAL_REPORT, &*FOLLOWUP_WORDS] {
        v.extend(entries("report", std::slice::from_ref(r)));
    }
    v
}

/// A report number written in digits or kanji (`2`, `二`, `十二`).
pub fn kanji_number(s: &str) -> Option<i64> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as i64 + 1)
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// The kind of a report and its number (N of 第N報), from its heading: the extracted title and
/// the first lines of the incident's section of `text` (the document's text).
pub fn report_kind(text: &str, inc: &Incident) -> (ReportKind, Option<i64>) {
    let start = inc.span.start.min(text.len());
    let end = inc.span.end.min(text.len()).max(start);
    let section = text.get(start..end).unwrap_or("");
    let mut head: String = inc.title.clone().unwrap_or_default();
    let mut taken = 0;
    for line in section.lines() {
        if line.trim().is_empty() {
            continue;
        }
        head.push('\n');
        head.extend(line.chars().take(200));
        taken += 1;
        if taken >= 6 {
            break;
        }
    }
    let head: String = head.nfkc().collect();
    let nth = NTH_REPORT
        .re
        .captures(&head)
        .and_then(|c| kanji_number(c.get(1)?.as_str()));
    if FINAL_REPORT.is_match(&head) {
        return (ReportKind::Final, nth);
    }
    match nth {
        Some(n) if n >= 2 => (ReportKind::Followup, Some(n)),
        Some(n) => (ReportKind::Initial, Some(n)),
        None if FOLLOWUP_WORDS.is_match(&head) => (ReportKind::Followup, None),
        None => (ReportKind::Initial, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jikenbo_model::Span;

    fn inc_with(title: &str, text: &str) -> Incident {
        let mut i = Incident::empty("x.txt", Span::new(0, text.len()));
        i.title = Some(title.to_string());
        i
    }

    #[test]
    fn kinds_of_reports() {
        let t = "【第2報】当社パソコンのマルウェア感染について\n本文\n";
        assert_eq!(
            report_kind(t, &inc_with("", t)),
            (ReportKind::Followup, Some(2))
        );
        let t = "不正アクセスに関するお知らせ(第１報)\n本文";
        assert_eq!(
            report_kind(t, &inc_with("", t)),
            (ReportKind::Initial, Some(1))
        );
        let t = "お知らせ\n";
        assert_eq!(
            report_kind(t, &inc_with("ランサムウェア被害について(第三報)", t)),
            (ReportKind::Followup, Some(3))
        );
        let t = "不正アクセスに関する調査結果のご報告\n";
        assert_eq!(
            report_kind(t, &inc_with("", t)),
            (ReportKind::Followup, None)
        );
        let t = "ランサムウェア被害に関するお知らせ(最終報)\n";
        assert_eq!(report_kind(t, &inc_with("", t)), (ReportKind::Final, None));
        let t = "個人情報の漏えいについて\n調査の結果、第三者による不正アクセスと判明";
        assert_eq!(
            report_kind(t, &inc_with("", t)),
            (ReportKind::Initial, None)
        );
    }

    #[test]
    fn kanji_numbers() {
        assert_eq!(kanji_number("二"), Some(2));
        assert_eq!(kanji_number("十"), Some(10));
        assert_eq!(kanji_number("十二"), Some(12));
        assert_eq!(kanji_number("12"), Some(12));
        assert_eq!(kanji_number("x"), None);
    }
}
