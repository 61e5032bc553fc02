//! Structure of the normalized text: lines, headings with their level and topic, sentences.
//!
//! A heading is a short line that starts with a section marker (`■`, `1.`, `(1)`, `①`, `【…】`,
//! Markdown `#`), or an unmarked short line whose words name a known topic (`漏えいした可能性が
//! ある個人情報`, `経過`, `発生日時`). Topics let the field rules read the right part of a notice:
//! the leaked-data section for counts and data kinds, the cause section for the cause, label
//! sections (`発生日`, `発覚日`) for dates, and never the recurrence-prevention section.

use crate::lexicon::{Topic, TOPIC_RULES};
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Line {
    /// Byte range of the line without its newline, trimmed of surrounding spaces.
    pub range: Range<usize>,
    /// Heading level (1 = top) and topic, when the line is a heading.
    pub heading: Option<(u8, Topic)>,
}

/// The level of an unmarked label line (`漏えいした可能性がある個人情報`, `発生日時`).
pub const LABEL: u8 = 0;

/// Level of a section marker at the start of `s`, if it starts with one.
pub fn marker_level(s: &str) -> Option<u8> {
    let mut it = s.chars();
    let c = it.next()?;
    let rest = it.as_str();
    match c {
        '#' => Some(s.chars().take_while(|c| *c == '#').count().min(6) as u8),
        '■' | '□' | '◆' | '◇' | '【' | '〔' => Some(1),
        '≪' | '＜' | '<' | '〈' | '《' => Some(3),
        '①'..='⑳' => Some(3),
        '●' | '○' | '◎' => Some(2),
        '(' => {
            let inner: String = rest.chars().take_while(|c| *c != ')').collect();
            let is_num = !inner.is_empty()
                && inner.len() <= 3
                && inner
                    .chars()
                    .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
            let is_alpha = inner.chars().count() == 1
                && inner
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || ('ア'..='ン').contains(&c));
            if is_num {
                Some(2)
            } else if is_alpha {
                Some(4)
            } else {
                None
            }
        }
        '第' => {
            // 第1章, 第2条, 第三節; not 第5学年 or 第2報
            let n: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
                .collect();
            let after = rest[n.len()..].chars().next();
            (!n.is_empty() && after.is_some_and(|a| "章節条項部編".contains(a))).then_some(1)
        }
        _ if c.is_ascii_digit() => {
            let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
            let after = s[digits.len()..].chars().next();
            match after {
                Some(a @ ('.' | '、' | ' ' | ',')) if digits.len() <= 2 => {
                    // "1. 概要", "2 経緯"; not "2024.5" or "3 月" (the marker may be the
                    // multi-byte `、`: step over it by its own length)
                    let next = s[digits.len() + a.len_utf8()..].chars().next();
                    (!next
                        .is_some_and(|n| n.is_ascii_digit() || n == '月' || n == '日' || n == '年'))
                    .then_some(1)
                }
                Some(')') if digits.len() <= 2 => Some(2),
                _ => None,
            }
        }
        _ if "一二三四五六七八九十".contains(c) && rest.starts_with('、') => Some(1),
        _ if c.is_ascii_lowercase() && (rest.starts_with(')') || rest.starts_with('.')) => Some(4),
        _ => None,
    }
}

/// Topic of a heading's words (first rule that matches), or `Other`.
pub fn topic_of(s: &str) -> Topic {
    TOPIC_RULES
        .iter()
        .find(|r| r.re.is_match(s))
        .map_or(Topic::Other, |r| r.topic)
}

/// Lines of `text` with headings recognized.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let end = start + piece.len();
        let raw = piece.trim_end_matches(['\n', '\r']);
        let lead = raw.len() - raw.trim_start().len();
        let s = raw.trim();
        let range = start + lead..start + lead + s.len();
        let heading = heading_of(s);
        out.push(Line { range, heading });
        start = end;
    }
    out
}

fn heading_of(s: &str) -> Option<(u8, Topic)> {
    let n = s.chars().count();
    if n == 0 || n > 60 {
        return None;
    }
    if let Some(level) = marker_level(s) {
        // a marked line ending a sentence is a list item, not a heading
        if s.ends_with('。') && n > 30 {
            return None;
        }
        return Some((level, topic_of(s)));
    }
    if n <= 30 && !s.contains('。') {
        let t = topic_of(s);
        if t != Topic::Other {
            return Some((LABEL, t)); // a label line: sets the topic, not the level
        }
    }
    None
}

/// Sentences of `text[range]`: split after `。` (not inside brackets: `(以下「X」という。)`)
/// and at line ends.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    // a byte scan: `。` is E3 80 82, `「」『』` E3 80 8C-8F; brackets and newlines are ASCII
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut s = range.start;
    let mut depth = 0i32;
    let mut i = range.start;
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        if !text[from..to].trim().is_empty() {
            out.push(trim_range(text, from..to));
        }
    };
    while i < range.end {
        match b[i] {
            b'(' => depth += 1,
            b')' => depth = (depth - 1).max(0),
            b'\n' => {
                push(s, i, &mut out);
                s = i + 1;
                depth = 0;
            }
            0xE3 if i + 2 < range.end && b[i + 1] == 0x80 => {
                match b[i + 2] {
                    0x8C | 0x8E => depth += 1,
                    0x8D | 0x8F => depth = (depth - 1).max(0),
                    0x82 if depth == 0 => {
                        push(s, i + 3, &mut out);
                        s = i + 3;
                    }
                    _ => {}
                }
                i += 3;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if s < range.end {
        push(s, range.end, &mut out);
    }
    out
}

pub fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_levels() {
        assert_eq!(marker_level("1. 概要"), Some(1));
        assert_eq!(marker_level("■発生日"), Some(1));
        assert_eq!(marker_level("(1)漏えいした情報"), Some(2));
        assert_eq!(marker_level("①氏名"), Some(3));
        assert_eq!(marker_level("a)事業者の数"), Some(4));
        assert_eq!(marker_level("3 月 15 日"), None);
        assert_eq!(marker_level("2024.5.1"), None);
        assert_eq!(marker_level("個人情報"), None);
        assert_eq!(marker_level("第2条 定義"), Some(1));
        assert_eq!(marker_level("第5学年児童 31名分"), None);
        // a multi-byte marker after the digits (the `、` of `1、令和6年…`)
        assert_eq!(marker_level("1、令和6年4月1日現在"), Some(1));
        assert_eq!(marker_level("2、3月"), None);
    }

    #[test]
    fn unmarked_topic_lines_are_headings() {
        let ls = lines("お知らせ本文です。\n漏えいした可能性がある個人情報\n氏名、住所\n経過\n");
        assert_eq!(ls[1].heading, Some((LABEL, Topic::Data)));
        assert_eq!(ls[2].heading, None);
        assert_eq!(ls[3].heading, Some((LABEL, Topic::Timeline)));
    }

    #[test]
    fn sentences_split_on_maru_and_newline() {
        let t = "一文目。二文目\n三文目。";
        let s = sentences(t, 0..t.len());
        let got: Vec<&str> = s.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(got, vec!["一文目。", "二文目", "三文目。"]);
    }
}
