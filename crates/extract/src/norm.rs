//! The matching copy of a document: NFKC, digits spaced apart joined (`1 2 0 人` → `120 人`),
//! Markdown emphasis (`**`) dropped; with a map from every position back to the original text,
//! so that evidence always points into the document as it was read.
//!
//! Circled numbers (①②) are kept as they are: NFKC would turn `①氏名` into `1氏名`, a count.

use unicode_normalization::UnicodeNormalization;

/// One changed piece: normalized bytes `[n0, n1)` came from original bytes `[o0, o1)`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    n0: u32,
    n1: u32,
    o0: u32,
    o1: u32,
}

/// Normalized text with its way back to the original.
#[derive(Debug, Clone)]
pub struct NormText {
    pub text: String,
    pieces: Vec<Piece>,
    orig_len: usize,
}

fn keep_as_is(c: char) -> bool {
    // circled / parenthesized numbers and letters: ① ⑴ ⒜ ㉑ ...
    matches!(c as u32, 0x2460..=0x24FF | 0x3251..=0x325F | 0x32B1..=0x32BF)
}

/// Characters NFKC leaves as they are, by block: kana, kanji, CJK punctuation and brackets
/// (a fast path; everything else goes through the normalizer).
fn nfkc_stable(c: char) -> bool {
    nfkc_stable_code(c as u32)
}

const fn nfkc_stable_code(c: u32) -> bool {
    matches!(c,
        0x3001..=0x3002 | 0x3005..=0x3007 | 0x3008..=0x3011 | 0x3014..=0x301F
        | 0x3041..=0x3096 | 0x3099..=0x309A | 0x309D..=0x309E
        | 0x30A1..=0x30FA | 0x30FC..=0x30FE
        | 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

/// U+3000..U+30FF (CJK punctuation, kana: the bytes E3 80..83 xx) by their second byte's
/// block: one bit per third byte's low six bits, set where [`nfkc_stable`] holds.
const E3_STABLE: [u64; 4] = {
    let mut m = [0u64; 4];
    let mut k = 0;
    while k < 4 {
        let mut t = 0;
        while t < 64 {
            if nfkc_stable_code(0x3000 + (k * 64 + t) as u32) {
                m[k] |= 1 << t;
            }
            t += 1;
        }
        k += 1;
    }
    m
};

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

/// Byte offsets of the spaces to drop: inside a spaced-out number, a run of two or more single
/// digits separated by single spaces, not touching other digits (`1 2 0 人`, not `2024 3 15`);
/// and inside a spaced-out word, a run of three or more single kanji or kana (a letterhead's
/// `株式会社 筑 波 銀 行`, a heading's `経 過 報 告`).
fn spaced_gaps(orig: &str) -> Vec<usize> {
    let spaces = spaces(orig);
    if spaces.is_empty() {
        return Vec::new();
    }
    let mut out = runs_of_single(orig, &spaces, is_digit, 2);
    out.extend(runs_of_single(orig, &spaces, is_cjk, 3));
    out.sort_unstable();
    out
}

/// Every space of `orig`, ASCII or ideographic, as a byte range, in order.
fn spaces(orig: &str) -> Vec<(usize, usize)> {
    let b = orig.as_bytes();
    let mut out: Vec<(usize, usize)> = memchr::memchr_iter(b' ', b).map(|i| (i, i + 1)).collect();
    let wide = memchr::memmem::find_iter(b, "\u{3000}".as_bytes()).map(|i| (i, i + 3));
    let n = out.len();
    out.extend(wide);
    if out.len() > n {
        out.sort_unstable();
    }
    out
}

fn runs_of_single(
    orig: &str,
    spaces: &[(usize, usize)],
    class: fn(char) -> bool,
    min_chars: usize,
) -> Vec<usize> {
    let char_before = |i: usize| orig[..i].chars().next_back();
    let char_after = |i: usize| orig[i..].chars().next();
    // every space between two characters of the class
    let cands: Vec<(usize, usize)> = spaces
        .iter()
        .copied()
        .filter(|&(i, e)| char_before(i).is_some_and(class) && char_after(e).is_some_and(class))
        .collect();
    // a gap counts when both characters beside it stand alone (a space or another class on
    // their other side): `社 さ く ら` keeps the space after 社, the end of a longer word
    let alone = |start: usize, end: usize| {
        let before = orig[..start].chars().next_back();
        let after = orig[end..].chars().next();
        !before.is_some_and(class) && !after.is_some_and(class)
    };
    let cands: Vec<(usize, usize)> = cands
        .into_iter()
        .filter(|&(s0, s1)| {
            let l = char_before(s0).map_or(0, char::len_utf8);
            let r = char_after(s1).map_or(0, char::len_utf8);
            alone(s0 - l, s0) && alone(s1, s1 + r)
        })
        .collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < cands.len() {
        // a run: consecutive gaps one character apart
        let mut end = k;
        while end + 1 < cands.len() {
            let c_len = char_after(cands[end].1).map_or(0, char::len_utf8);
            if cands[end + 1].0 != cands[end].1 + c_len {
                break;
            }
            end += 1;
        }
        if end - k + 2 >= min_chars {
            out.extend(cands[k..=end].iter().map(|c| c.0));
        }
        k = end + 1;
    }
    out
}

impl NormText {
    pub fn new(orig: &str) -> NormText {
        let gaps = spaced_gaps(orig);
        let mut gi = 0;
        let mut text = String::with_capacity(orig.len());
        let mut pieces = Vec::new();
        let mut buf = [0u8; 4];
        let bytes = orig.as_bytes();
        let mut i = 0;
        let mut run = 0; // start of the pending run copied unchanged
        while i < bytes.len() {
            let b = bytes[i];
            // the common case: a character kept as it is, copied later with its whole run
            if b < 0x80 {
                let special =
                    (b == b'*' && bytes.get(i + 1) == Some(&b'*')) || gaps.get(gi) == Some(&i);
                if !special {
                    i += 1;
                    continue;
                }
            }
            // kanji U+4E00..U+9FFF (lead bytes E4 B8.. to E9) and kana U+3040..U+30FF
            // (E3 81..83): recognized from the bytes, no decoding
            if (0xE5..=0xE9).contains(&b)
                || (b == 0xE4 && bytes.get(i + 1).is_some_and(|x| *x >= 0xB8))
            {
                i += 3; // never a gap: gaps are spaces
                continue;
            }
            // and CJK punctuation U+3000..U+303F (E3 80): a bit of a table each (a stable
            // character is never a gap: gaps are spaces)
            if b == 0xE3 && i + 2 < bytes.len() && (0x80..=0x83).contains(&bytes[i + 1]) {
                let block = E3_STABLE[usize::from(bytes[i + 1] - 0x80)];
                if block >> (bytes[i + 2] & 0x3F) & 1 != 0 {
                    i += 3;
                    continue;
                }
            }
            let c = orig[i..].chars().next().expect("char boundary");
            let o1 = i + c.len_utf8();
            let gap = gaps.get(gi) == Some(&i);
            if b >= 0x80 && (keep_as_is(c) || nfkc_stable(c)) && !gap {
                i = o1;
                continue;
            }
            // flush the run, then handle the character: original bytes `i..next` become the
            // text pushed from `n0`
            text.push_str(&orig[run..i]);
            let n0 = text.len();
            let mut next = o1;
            if gap {
                gi += 1; // the space inside a spaced-out number vanishes
            } else if c == '*' {
                next = i + 2; // `**` (Markdown emphasis) vanishes
            } else if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
                // full-width ASCII: NFKC is the ASCII character
                text.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c));
            } else {
                // NFKC turns U+3000 into a space; a tab stays (it separates table cells)
                text.extend(c.encode_utf8(&mut buf).nfkc());
            }
            if text.as_bytes()[n0..] != bytes[i..next] {
                pieces.push(Piece {
                    n0: n0 as u32,
                    n1: text.len() as u32,
                    o0: i as u32,
                    o1: next as u32,
                });
            }
            i = next;
            run = i;
        }
        text.push_str(&orig[run..]);
        NormText {
            text,
            pieces,
            orig_len: orig.len(),
        }
    }

    /// The last piece starting at or before normalized byte `n`.
    fn piece_at(&self, n: usize) -> Option<Piece> {
        let idx = self.pieces.partition_point(|p| (p.n0 as usize) <= n);
        idx.checked_sub(1).map(|k| self.pieces[k])
    }

    /// The original byte offset where normalized position `n` starts.
    pub fn orig_start(&self, n: usize) -> usize {
        let o = match self.piece_at(n) {
            None => n,
            Some(p) if n < p.n1 as usize => p.o0 as usize,
            Some(p) => p.o1 as usize + (n - p.n1 as usize),
        };
        o.min(self.orig_len)
    }

    /// The original byte offset where a normalized range ending at `n` ends.
    pub fn orig_end(&self, n: usize) -> usize {
        if n == 0 {
            return self.orig_start(0);
        }
        let o = match self.piece_at(n - 1) {
            None => n,
            Some(p) if n - 1 < p.n1 as usize => p.o1 as usize,
            Some(p) => p.o1 as usize + (n - p.n1 as usize),
        };
        o.min(self.orig_len)
    }

    /// Original byte range of a normalized range.
    pub fn orig_range(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let s = self.orig_start(r.start);
        let e = self.orig_end(r.end).max(s);
        s..e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_of_stable_kana_and_punctuation_is_the_test() {
        for cp in 0x3000u32..0x3100 {
            let c = char::from_u32(cp).expect("a character");
            let b = c.to_string().into_bytes();
            let block = E3_STABLE[usize::from(b[1] - 0x80)];
            assert_eq!(
                block >> (b[2] & 0x3F) & 1 != 0,
                nfkc_stable(c),
                "U+{cp:04X}"
            );
        }
    }

    fn back<'a>(orig: &'a str, nt: &NormText, needle: &str) -> &'a str {
        let s = nt.text.find(needle).expect("needle");
        let r = nt.orig_range(s..s + needle.len());
        &orig[r]
    }

    #[test]
    fn full_width_digits_and_letters() {
        let orig = "約２．２万件（ＩＤ）";
        let nt = NormText::new(orig);
        assert_eq!(nt.text, "約2.2万件(ID)");
        assert_eq!(back(orig, &nt, "2.2万件"), "２．２万件");
        assert_eq!(back(orig, &nt, "約"), "約");
        assert_eq!(back(orig, &nt, "(ID)"), "（ＩＤ）");
    }

    #[test]
    fn spaced_digits_are_joined() {
        let orig = "名簿(1 2 0 人の氏名)と生徒 532 名分、令和 6 年";
        let nt = NormText::new(orig);
        assert!(nt.text.contains("(120 人の氏名)"), "{}", nt.text);
        assert!(nt.text.contains("生徒 532 名分"));
        assert_eq!(back(orig, &nt, "120"), "1 2 0");
        assert_eq!(back(orig, &nt, "氏名"), "氏名");
        // single digits between longer groups stay apart
        let nt = NormText::new("2024 3 15");
        assert_eq!(nt.text, "2024 3 15");
        // a spaced-out word of three characters or more is joined; two words are not
        let orig = "株式会社 さ く ら 銀 行\n各 位\n経緯 概要";
        let nt = NormText::new(orig);
        assert_eq!(nt.text, "株式会社 さくら銀行\n各 位\n経緯 概要");
        assert_eq!(back(orig, &nt, "さくら銀行"), "さ く ら 銀 行");
    }

    #[test]
    fn era_ligature_and_emphasis() {
        let orig = "㍻24年 **持ち出し** ①氏名";
        let nt = NormText::new(orig);
        assert_eq!(nt.text, "平成24年 持ち出し ①氏名");
        assert_eq!(back(orig, &nt, "平成24年"), "㍻24年");
        assert_eq!(back(orig, &nt, "持ち出し"), "持ち出し");
        assert_eq!(back(orig, &nt, "①氏名"), "①氏名");
    }

    #[test]
    fn fast_path_agrees_with_nfkc() {
        use unicode_normalization::UnicodeNormalization;
        for c in ('\u{3000}'..='\u{30FF}')
            .chain('\u{4E00}'..='\u{4E50}')
            .chain('\u{FF01}'..='\u{FF5E}')
        {
            if keep_as_is(c) || c == '\u{3000}' {
                continue;
            }
            let s = c.to_string();
            let want: String = s.nfkc().collect();
            assert_eq!(NormText::new(&s).text, want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn ideographic_space_becomes_ascii() {
        let orig = "株式会社　サンプル";
        let nt = NormText::new(orig);
        assert_eq!(nt.text, "株式会社 サンプル");
        assert_eq!(back(orig, &nt, "サンプル"), "サンプル");
    }
}
