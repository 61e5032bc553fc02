//! Structure of the normalized text: lines, headings with their level and topic, sentences.
//!
//! A heading is a short line that starts with a section marker (`■`, `1.`, `(1)`, `①`, `【…】`,
//! Markdown `#`), or an unmarked short line whose words name a known topic (`漏えいした可能性が
//! ある個人情報`, `経過`, `発生日時`). Topics let the field rules read the right part of a notice:
//! the leaked-data section for counts and data kinds, the cause section for the cause, label
//! sections (`発生日`, `発覚日`) for dates, and never the recurrence-prevention section.

use crate::rules::{entries, Entry, Rule, RuleSet};
use std::ops::Range;
use std::sync::LazyLock;

/// What a section of a notice is about, from its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// The leaked data: kinds and counts (`漏えいした可能性がある個人情報`).
    Data,
    /// The cause (`発生原因`).
    Cause,
    /// What happened, when (`経緯`, `概要`).
    Timeline,
    /// A label whose value is the occurrence date (`発生日時`).
    Occurred,
    /// A label whose value is the discovery date (`発覚日`).
    Discovered,
    /// A label whose value is the publication date (`公表日`).
    Published,
    /// The organization's response, apologies, secondary damage (`当社の対応`, `二次被害`).
    Response,
    /// Recurrence prevention: never evidence for the incident's facts (`再発防止策`).
    Prevention,
    /// Contact desk (`お問い合わせ先`).
    Contact,
    /// An aside: a glossary footnote (`※フォレンジック調査:…`), a link to a related article
    /// or video, a source line. Never evidence for the incident's facts.
    Aside,
    Other,
}

/// Lines that are asides (see [`Topic::Aside`]).
pub static ASIDE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("topic.aside", (), "a glossary footnote, a link to a related article or video, a URL line",
        r"^(?:※\s*[^\s:。、ぁ-ん]{1,14}\s*(?::|とは)|【(?:動画|関連|写真|画像)[^】]{0,10}】|関連記事|(?:Source|出典)\s*:|https?://|(?:©|\(C\)|Copyright|〔写真説明〕|\[写真\]|写真説明))")
        .ex(&["※フォレンジック調査:端末の記録を調べる手法", "※Emotetとは、", "【動画で見る】見出し", "【関連記事】", "関連記事", "Source : ニュース", "出典:あおば新聞", "https://example.jp/", "© 株式会社あおば新報社", "Copyright みどり放送", "〔写真説明〕会見する市長"])
        .not(&["※住所、電話番号は含まれていません。", "※閉鎖した施設の情報に含まれる項目:氏名", "【お詫び】"])
    .general(crate::rules::VOCABULARY)
});

/// Whether a line is an aside (see [`Topic::Aside`]).
pub fn is_aside(line: &str) -> bool {
    // the pattern is anchored at the start of the line (`^`, not multi-line): a line that does
    // not begin with the first character of one of its prefix literals cannot match (a test of
    // a few characters, not a regex search per line)
    static FIRST: LazyLock<Option<crate::rules::FirstChars>> =
        LazyLock::new(|| crate::rules::first_chars(&ASIDE.re));
    if let Some(firsts) = &*FIRST {
        if !firsts.begin(line) {
            return false;
        }
    }
    ASIDE.is_match(line)
}

/// The heading of a list of links to other articles: the lines under it tell other stories.
pub static RELATED_LINKS: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("topic.related_links", (), "the heading of a list of links to other articles",
        r"^[【\[<■●◆▼]?\s*(関連記事|関連ニュース|関連リンク|あわせて読みたい|合わせて読みたい|おすすめ記事|こちらもおすすめ|人気記事|よく読まれている記事|この記事を読んだ人は[^。]{0,12}|最新ニュース|新着記事)\s*[】\]>]?[:]?$")
        .ex(&["関連記事", "【関連ニュース】", "あわせて読みたい", "■おすすめ記事", "この記事を読んだ人はこんな記事も読んでいます", "人気記事"])
        .not(&["関連記事によると、", "関連する記事を参照"])
        .general("how news pages head their lists of links to other stories")
});

/// Whether `line` is the heading of a list of links ([`RELATED_LINKS`]): asked of a line that
/// begins with the first character of one of its prefix literals only (the pattern is
/// anchored at the start, not multi-line; see [`is_aside`]).
pub fn is_related_links(line: &str) -> bool {
    static FIRST: LazyLock<Option<crate::rules::FirstChars>> =
        LazyLock::new(|| crate::rules::first_chars(&RELATED_LINKS.re));
    FIRST.as_ref().is_none_or(|f| f.begin(line)) && RELATED_LINKS.is_match(line)
}

/// A link's text, a button on the page, never a section's heading.
pub static LINK_TEXT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("topic.link_text", (), "a link's text: a call to click, not a heading",
        r"(は|も)?こちら(から|まで|へ|を?ご覧ください|をクリック)?[>＞»›)]?\s*$|(クリック|タップ)(して|してください)?\s*$")
        .ex(&["<メディア関係者の方>取材等に関するお問い合わせはこちら", "詳しくはこちら", "お申し込みはこちらから", "詳細はこちらをご覧ください", "資料ダウンロードはこちら>", "ここをクリック"])
        .not(&["お問い合わせ窓口", "■お問い合わせ先"])
        .general("how pages write a link's text: a call to click ending in こちら or クリック")
});

/// Whether [`LINK_TEXT`] can match `s`: every match ends the text (spaces after it aside) with
/// the last character of one of its endings (こちら, から, まで, へ, ご覧ください, クリック, タップ,
/// して, してください), one closing mark after it at most. A test of a character or two, not a
/// regex search per line.
fn may_be_link_text(s: &str) -> bool {
    let t = s.trim_end_matches([' ', '\t', '\n']);
    let t = t.strip_suffix(['>', '＞', '»', '›', ')']).unwrap_or(t);
    t.ends_with(['ら', 'で', 'へ', 'い', 'ク', 'プ', 'て'])
}

/// Heading words → topic, first match wins.
pub static TOPICS: LazyLock<RuleSet<Topic>> = LazyLock::new(|| {
    RuleSet::new(vec![
        Rule::new("topic.prevention", Topic::Prevention, "recurrence prevention and measures",
            r"再発防止|防止策|防止対策|セキュリティ(対策|強化)|改善策|今後の(対応|取り?組|対策)|の強化$|強化について")
            .ex(&["4. 再発防止策", "今後の対応", "セキュリティ対策の強化", "(3)防止対策", "改善策", "今後の取組", "情報管理体制の強化", "管理の強化について"])
            .not(&["対応経緯", "当社の対応"]),
        Rule::new("topic.contact", Topic::Contact, "the contact desk",
            r"問い?合わ?せ|窓口|ダイヤル|コールセンター|連絡先$")
            .ex(&["本件のお問合せ先", "お問い合わせ", "専用窓口", "専用ダイヤル", "コールセンター", "連絡先"])
            .not(&["連絡先の流出について"]),
        Rule::new("topic.published", Topic::Published, "a label of the notice's date",
            r"^.{0,3}(公表日|掲載日|発表日|公開日)")
            .ex(&["公表日", "■掲載日"])
            .not(&["公表について"]),
        Rule::new("topic.occurred", Topic::Occurred, "a label of the time the incident happened or lasted",
            r"発生(日|時期|時刻|日時|期間)|漏えい期間|流出期間|対象期間|公開期間|(閲覧|アクセス)(可能|でき)[^。]{0,8}期間")
            .ex(&["事件発生日時", "発生日", "発生時期", "発生時刻", "発生期間", "漏えい期間", "流出期間", "対象期間", "公開期間", "■閲覧可能であった期間", "アクセスできた期間"])
            .not(&["発生場所"]),
        Rule::new("topic.discovered", Topic::Discovered, "a label of the time the organization learned of it",
            r"(発覚|判明|発見|覚知|認知|検知)(日|時期)")
            .ex(&["■発覚日", "2 発覚時期", "判明日", "発見日", "覚知日", "認知日", "検知日"])
            .not(&["発覚の経緯"]),
        Rule::new("topic.cause", Topic::Cause, "the cause", r"原因")
            .ex(&["(2)発生原因"])
            .not(&["経緯"]),
        Rule::new("topic.response", Topic::Response, "the response, apologies, secondary damage",
            r"対応|措置|二次被害|お詫び|お願い|処分|ご本人|影響|被害状況")
            .ex(&["3. 二次被害の有無", "当社の対応", "今回の措置", "お詫び", "皆様へのお願い", "処分について", "ご本人への連絡", "影響範囲", "被害状況"])
            .not(&["経緯"]),
        Rule::new("topic.data", Topic::Data, "the leaked data, its kinds and counts",
            r"(漏|流出|対象|おそれ|恐れ|可能性|私的利用|ダウンロード|持ち?出|閲覧|含まれ|誤送|紛失|盗難|記載|保存され|散乱).*(情報|データ|項目|内容|件数|者|名簿|書類|文書|ファイル|媒体|資料)|(個人情報|個人データ|情報)の?(項目|内容|件数|種類)|^.{0,4}(件数|項目|内容)|本人の数|対象(者|人)数|(件数|人数)$")
            .ex(&["漏えいした可能性がある個人情報", "流出した情報", "対象となる患者さま", "漏えいのおそれがある情報", "流出の恐れがある情報", "流出した可能性のある個人情報", "私的利用された情報", "ダウンロードされた情報", "持ち出された情報", "閲覧された情報", "含まれていた情報", "誤送信した情報", "紛失した個人情報", "盗難にあった書類", "記載されていた情報", "保存されていたデータ", "散乱した資料と個人情報", "個人情報の項目", "2. 件数", "本人の数", "対象者数", "(3)画像記録の件数", "被害人数"])
            .not(&["発生原因", "経緯"]),
        Rule::new("topic.timeline", Topic::Timeline, "what happened, when",
            r"経緯|経過|概要|詳細|時系列|事実|発生状況|事案の内容")
            .ex(&["1. 本件の概要", "経緯", "経過", "事案の詳細", "時系列", "事実関係", "発生状況", "事案の内容"])
            .not(&["原因"]),
    ])
    .vocabulary()
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = entries("topic", &TOPICS);
    v.extend(entries("topic", std::slice::from_ref(&*ASIDE)));
    v.extend(entries("topic", std::slice::from_ref(&*LINK_TEXT)));
    v.extend(entries("topic", std::slice::from_ref(&*RELATED_LINKS)));
    v
}

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
            let inner = &rest[..rest.find(')').unwrap_or(rest.len())];
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
            let n = &rest[..rest
                .find(|c: char| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(c)))
                .unwrap_or(rest.len())];
            let after = rest[n.len()..].chars().next();
            (!n.is_empty() && after.is_some_and(|a| "章節条項部編".contains(a))).then_some(1)
        }
        _ if c.is_ascii_digit() => {
            let digits = &s[..s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len())];
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
    if let Some(r) = TOPICS.first_matching(s) {
        // a headline with its clause and its count (`社員がデータ持ち出し、3504万件の顧客情報漏洩`)
        // tells the case; it labels no section of the data
        if r.value == Topic::Data && is_count_headline(s) {
            return Topic::Other;
        }
        return r.value;
    }
    // a heading spaced out letter by letter (`1 発 覚`, `原 因`): its words without the spaces
    if s.contains(' ') && s.chars().count() <= 30 {
        let joined: String = s.split(' ').collect();
        if joined.chars().count() >= 2
            && s.split(' ')
                .filter(|w| !w.is_empty())
                .all(|w| w.chars().count() <= 2)
        {
            return TOPICS
                .first_matching(&joined)
                .map_or(Topic::Other, |r| r.value);
        }
    }
    Topic::Other
}

/// A headline that tells a case with its count: a clause (`、`) and a count of persons or
/// records (`3504万件`, `1万589人分`).
fn is_count_headline(s: &str) -> bool {
    static COUNT_IN_CLAUSE: LazyLock<regex::Regex> =
        LazyLock::new(|| crate::rules::compile(r"、[^、]*[0-9０-９][0-9,，万千]*(件|人|名)"));
    s.contains('、') && COUNT_IN_CLAUSE.is_match(s)
}

/// Lines of `text` with headings recognized.
pub fn lines(text: &str) -> Vec<Line> {
    // one line per newline and one after the last (a vector count, not a regrowth per doubling)
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    // the pieces of `text.split_inclusive('\n')`, cut at the newlines of one vector search
    // (not a new search per line)
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1);
    // (and the piece after the last newline, unless empty)
    let last = memchr::memrchr(b'\n', text.as_bytes()).map_or(0, |i| i + 1);
    let tail = (last < text.len()).then_some(text.len());
    let mut start = 0;
    for end in ends.chain(tail) {
        let piece = &text[start..end];
        let raw = piece.trim_end_matches(['\n', '\r']);
        let s = raw.trim_start();
        let lead = raw.len() - s.len();
        let s = s.trim_end();
        let range = start + lead..start + lead + s.len();
        let heading = heading_of(s);
        out.push(Line { range, heading });
        start = end;
    }
    out
}

fn heading_of(s: &str) -> Option<(u8, Topic)> {
    // (a text of more than 240 bytes has more than 60 characters: a paragraph's line is not
    // counted character by character)
    if s.is_empty() || s.len() > 60 * 4 {
        return None;
    }
    let n = s.chars().count();
    if n > 60 {
        return None;
    }
    // a link's text (`<メディア関係者の方>取材等に関するお問い合わせはこちら`, `詳しくはこちら`)
    // heads nothing: it is a button, not a section
    if may_be_link_text(s) && LINK_TEXT.is_match(s) {
        return None;
    }
    if let Some(level) = marker_level(s) {
        // a marked line ending a sentence is a list item, not a heading
        if s.ends_with('。') && n > 30 {
            return None;
        }
        return Some((level, topic_of(s)));
    }
    // an unmarked label heads the lines below it; a label with its value on the same line
    // (`公開日 2022年03月04日`) heads nothing
    if n <= 30 && !s.contains('。') && !s.contains(|c: char| c.is_ascii_digit()) {
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
    let mut out = Vec::new();
    sentences_into(text, range, &mut out);
    out
}

/// [`sentences`], appended to `out` (one vector for a whole document, not one per line).
pub fn sentences_into(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    // a vector search for the bytes that matter: `。` is E3 80 82, `「」『』` E3 80 8C-8F (all
    // found by their second byte 80, checked to follow the lead byte E3, which is never a
    // continuation byte); brackets and newlines are ASCII. Every other byte changes nothing.
    let b = text.as_bytes();
    let mut s = range.start;
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        // (a piece of nothing but spaces trims to nothing)
        let r = trim_range(text, from..to);
        if !r.is_empty() {
            out.push(r);
        }
    };
    let mut piece = range.start;
    while piece < range.end {
        let nl = memchr::memchr(b'\n', &b[piece..range.end]).map_or(range.end, |k| piece + k);
        let mut depth = 0i32;
        let mut i = piece;
        while let Some(k) = memchr::memchr3(b'(', b')', 0x80, &b[i..nl]) {
            let p = i + k;
            match b[p] {
                b'(' => depth += 1,
                b')' => depth = (depth - 1).max(0),
                _ if p > range.start && b[p - 1] == 0xE3 && p + 1 < range.end => {
                    match b[p + 1] {
                        0x8C | 0x8E => depth += 1,
                        0x8D | 0x8F => depth = (depth - 1).max(0),
                        0x82 if depth == 0 => {
                            push(s, p + 2, out);
                            s = p + 2;
                        }
                        _ => {}
                    }
                    i = p + 2;
                    continue;
                }
                _ => {}
            }
            i = p + 1;
        }
        if nl < range.end {
            push(s, nl, out);
            s = nl + 1;
        }
        piece = nl + 1;
    }
    if s < range.end {
        push(s, range.end, out);
    }
}

pub fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let t = s.trim_start();
    let lead = s.len() - t.len();
    r.start + lead..r.start + lead + t.trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_texts_end_as_their_pre_test_says() {
        // the pre-test holds wherever the pattern matches: its examples, and every ending
        // with the closing marks and spaces after it
        for ex in LINK_TEXT.examples {
            assert!(may_be_link_text(ex), "{ex}");
        }
        for end in [
            "こちら",
            "こちらから",
            "こちらまで",
            "こちらへ",
            "こちらをご覧ください",
            "こちらご覧ください",
            "こちらをクリック",
            "クリック",
            "クリックして",
            "クリックしてください",
            "タップ",
            "タップして",
            "タップしてください",
        ] {
            for close in ["", ">", "＞", "»", "›", ")"] {
                for sp in ["", " ", "\t", " \n"] {
                    let s = format!("詳しくは{end}{close}{sp}");
                    assert!(!LINK_TEXT.is_match(&s) || may_be_link_text(&s), "{s}");
                }
            }
        }
    }

    proptest::proptest! {
        /// The gate of the related-links heading turns away no line the pattern matches.
        #[test]
        fn related_links_gated_as_the_pattern_reads_them(s in "[【■< 関連記事ニュースあわせて読みたいこの人はx]{0,16}") {
            proptest::prop_assert_eq!(is_related_links(&s), RELATED_LINKS.is_match(&s));
        }
        /// The pre-test of a link's text turns away no line the pattern matches.
        #[test]
        fn link_text_pre_test_turns_away_no_match(s in "[はもこちらかまでへをご覧くださいクリックタップして>＞»›) \t\nx]{0,14}") {
            proptest::prop_assert!(!LINK_TEXT.is_match(&s) || may_be_link_text(&s));
        }
    }

    #[test]
    fn related_links_examples_pass_the_gate() {
        for t in RELATED_LINKS.examples.iter().chain(RELATED_LINKS.counter) {
            assert_eq!(is_related_links(t), RELATED_LINKS.is_match(t), "{t}");
        }
    }

    #[test]
    fn lines_are_the_pieces_between_newlines() {
        for t in [
            "",
            "a",
            "a\n",
            "a\nb",
            "\n\n",
            " a \r\n\nb\n",
            "見出し\n本文。\n",
        ] {
            let mut want = Vec::new();
            let mut start = 0;
            for piece in t.split_inclusive('\n') {
                let raw = piece.trim_end_matches(['\n', '\r']);
                let lead = raw.len() - raw.trim_start().len();
                want.push(start + lead..start + lead + raw.trim().len());
                start += piece.len();
            }
            let got: Vec<Range<usize>> = lines(t).into_iter().map(|l| l.range).collect();
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn asides_are_anchored_and_gated_by_their_prefixes() {
        // the prefix gate of `is_aside` holds for a pattern anchored at the start only
        assert!(ASIDE.pattern.starts_with("^(?:") && !ASIDE.pattern.contains("(?m"));
        assert!(crate::rules::prefix_literals(&ASIDE.re).is_some_and(|l| l.len() < 1000));
        for t in ASIDE.examples.iter().chain(ASIDE.counter) {
            assert_eq!(is_aside(t), ASIDE.is_match(t), "{t}");
        }
    }

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

    #[test]
    fn a_link_text_heads_no_section() {
        // a contact link at the top of a column must not make the rest a contact section
        let t = "<報道関係の方>お問い合わせはこちら\n株式会社ハヤテは3月7日、不正アクセスにより顧客1,200人の氏名が流出した可能性があると発表した。";
        let v = crate::extract_text("t.txt", t);
        assert_eq!(v[0].affected, Some(1200));
        assert_eq!(v[0].data, vec![jikenbo_model::DataKind::Name]);
    }

    #[test]
    fn a_heading_spaced_letter_by_letter_has_its_topic() {
        assert_eq!(topic_of("1 発 覚"), topic_of("1 発覚"));
        assert_eq!(topic_of("原 因"), topic_of("原因"));
        assert_eq!(topic_of("お 知 ら せ"), Topic::Other);
    }

    #[test]
    fn the_headlines_under_related_links_tell_other_stories() {
        let t = "みなと市は5日、住民120人分の名簿を紛失したと発表した。\n関連記事\nあおば町でメール誤送信、職員が宛先を誤る\n";
        let v = crate::extract_text("t.txt", t);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].cause, Some(jikenbo_model::Cause::LossTheft));
    }
}
