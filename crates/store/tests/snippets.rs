//! Search snippets are plain text with match ranges: a notice's own 【…】 headings are text, and
//! the ranges point at the searched words only.

mod common;

use common::*;
use jikenbo_store::{Query, Store};

/// A fictional notice whose headings are in 【】, as many real notices write them.
pub const BRACKETED: &str = "2025年6月2日
株式会社ひばり精機

当社サーバーへの不正アクセスと個人情報の流出について

【対応経緯】
2025年5月20日、受注管理サーバーが外部から不正アクセスを受けていたことを当社で確かめました。

【漏えいした情報】
お客様 1,200名分の氏名、住所、電話番号

【今後の対応】
同じことを繰り返さぬよう、管理の仕組みを見直します。
";

#[test]
fn a_bracketed_heading_is_text_and_only_the_searched_word_is_a_match() {
    let mut s = Store::open_in_memory().unwrap();
    added(&ingest_text(&mut s, "hibari.txt", BRACKETED));
    for word in ["受注管理", "ひばり精機", "サーバー"] {
        let r = s.search(&Query::text(word)).unwrap();
        assert_eq!(r.total, 1, "{word}");
        let snip = r.hits[0].snippet.as_ref().expect("a snippet");
        assert!(!snip.matches.is_empty(), "{word}: {snip:?}");
        assert!(
            snip.matched().iter().all(|m| *m == word),
            "{word}: {snip:?}"
        );
        // Every match, read in UTF-16 code units as a JavaScript client would, is the word.
        let units: Vec<u16> = snip.text.encode_utf16().collect();
        for m in &snip.matches {
            assert_eq!(String::from_utf16(&units[m.start..m.end]).unwrap(), word);
        }
        // The text is the notice's own (line breaks as spaces), nothing added but the
        // ellipses where it was cut.
        let flat = BRACKETED.replace('\n', " ");
        let inner = snip.text.trim_start_matches('…').trim_end_matches('…');
        assert!(flat.contains(inner), "{word}: {snip:?}");
        assert_eq!(
            snip.text.matches('【').count(),
            inner.matches('【').count(),
            "{snip:?}"
        );
    }
    // The word next to the heading: the heading shows, unmarked.
    let r = s.search(&Query::text("受注管理")).unwrap();
    let snip = r.hits[0].snippet.as_ref().unwrap();
    assert!(snip.text.contains("【対応経緯】"), "{snip:?}");
    assert_eq!(snip.matched(), ["受注管理"]);
    // Several terms: each is marked where it occurs in the piece.
    let r = s.search(&Query::text("不正アクセス 個人情報")).unwrap();
    let snip = r.hits[0].snippet.as_ref().unwrap();
    let mut got = snip.matched();
    got.sort_unstable();
    got.dedup();
    assert_eq!(got, ["不正アクセス", "個人情報"], "{snip:?}");
}

#[test]
fn snippets_serialize_as_text_and_ranges() {
    let mut s = Store::open_in_memory().unwrap();
    added(&ingest_text(&mut s, "hibari.txt", BRACKETED));
    let r = s.search(&Query::text("受注管理")).unwrap();
    let v = serde_json::to_value(&r.hits[0]).unwrap();
    let snip = &v["snippet"];
    let text = snip["text"].as_str().unwrap();
    let m = &snip["matches"][0];
    let units: Vec<u16> = text.encode_utf16().collect();
    let (a, b) = (
        m["start"].as_u64().unwrap() as usize,
        m["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(String::from_utf16(&units[a..b]).unwrap(), "受注管理");
    // Without text there is nothing to match: no snippet.
    let r = s.search(&Query::default()).unwrap();
    assert!(r.hits[0].snippet.is_none());
}
