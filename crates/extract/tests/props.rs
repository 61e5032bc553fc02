//! No input makes the extractor panic, and evidence always lies on character boundaries of the
//! original text and quotes it exactly.
use proptest::prelude::*;

fn check(text: &str) {
    for i in jikenbo_extract::extract_text("p.txt", text) {
        assert!(i.span.start <= i.span.end && i.span.end <= text.len());
        for e in &i.evidence {
            assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            assert_eq!(&text[e.start..e.end], e.text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_unicode(s in "\\PC{0,400}") {
        check(&s);
    }

    #[test]
    fn notice_like_soup(parts in proptest::collection::vec(prop_oneof![
        Just("令和"), Just("６年"), Just("12月"), Just("1 2 0 人"), Just("約2.2万件"), Just("二百件"),
        Just("【事件簿#2030-001】"), Just("株式会社"), Just("不正アクセス"), Just("流出しました。"),
        Just("の可能性"), Just("\n"), Just("■"), Just("(1)"), Just("①"), Just("、"), Just("**"),
        Just("　"), Just("氏名、住所"), Just("うち"), Just("同日"), Just("翌"), Just("から"), Just("以降"),
        Just("○"), Just("で"), Just("への"), Just("2030/1/2"), Just("R6.3.15"), Just("ランサムウェア"),
        // list markers followed by multi-byte punctuation (`1、令和…` once panicked in analyze)
        Just("1、"), Just("12、"), Just("3."), Just("◎"), Just("2024 年 11 月 28 日"),
    ], 0..80)) {
        check(&parts.concat());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Lines that open with digits and any character after them (the heading-marker reader
    /// steps over the character after the digits).
    #[test]
    fn numbered_line_starts(lines in proptest::collection::vec("[0-9０-９]{1,3}\\PC{0,6}", 1..12)) {
        check(&lines.join("\n"));
    }
}

/// The case that once panicked: a digit list marker followed by the multi-byte `、`.
#[test]
fn digit_then_ideographic_comma() {
    check("1、令和6年4月1日現在65歳以上の住民の情報\n・氏名\n・299名分\n");
    check("1、");
}
