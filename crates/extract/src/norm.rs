//! The matching copy of a document: NFKC, digits spaced apart joined (`1 2 0 人` → `120人`),
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
    matches!(c as u32,
        0x3001..=0x3002 | 0x3005..=0x3007 | 0x3008..=0x3011 | 0x3014..=0x301F
        | 0x3041..=0x3096 | 0x3099..=0x309A | 0x309D..=0x309E
        | 0x30A1..=0x30FA | 0x30FC..=0x30FE
        | 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c)
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// Indices (into `chars`) of spaces inside a spaced-out number: a run of two or more single
/// digits separated by single spaces, not touching other digits (`1 2 0 人`, not `2024 3 15`).
fn spaced_digit_gaps(chars: &[(usize, char)]) -> Vec<usize> {
    let n = chars.len();
    let d = |i: usize| i < n && is_digit(chars[i].1);
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !(d(i) && (i == 0 || !d(i - 1))) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut gaps = Vec::new();
        while !d(j + 1) && j + 2 < n && is_space(chars[j + 1].1) && d(j + 2) {
            gaps.push(j + 1);
            j += 2;
        }
        if !gaps.is_empty() && !d(j + 1) {
            out.extend(gaps);
        }
        i = j + 1;
    }
    out
}

impl NormText {
    pub fn new(orig: &str) -> NormText {
        let chars: Vec<(usize, char)> = orig.char_indices().collect();
        let gaps = spaced_digit_gaps(&chars);
        let mut gi = 0;
        let mut text = String::with_capacity(orig.len());
        let mut pieces = Vec::new();
        let mut buf = [0u8; 4];
        let mut i = 0;
        while i < chars.len() {
            let (o0, c) = chars[i];
            let o1 = chars.get(i + 1).map_or(orig.len(), |x| x.0);
            let n0 = text.len() as u32;
            let empty = |o1: usize| Piece {
                n0,
                n1: n0,
                o0: o0 as u32,
                o1: o1 as u32,
            };
            if gi < gaps.len() && gaps[gi] == i {
                gi += 1;
                pieces.push(empty(o1));
                i += 1;
                continue;
            }
            // `**` (Markdown emphasis) vanishes.
            if c == '*' && chars.get(i + 1).map(|x| x.1) == Some('*') {
                pieces.push(empty(chars.get(i + 2).map_or(orig.len(), |x| x.0)));
                i += 2;
                continue;
            }
            if (c.is_ascii() && c != '\t') || keep_as_is(c) || nfkc_stable(c) {
                text.push(c);
            } else if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
                // full-width ASCII: NFKC is the ASCII character
                let a = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
                text.push(a);
                pieces.push(Piece { n0, n1: text.len() as u32, o0: o0 as u32, o1: o1 as u32 });
            } else {
                let s = c.encode_utf8(&mut buf);
                for n in s.nfkc() {
                    text.push(if n == '\u{3000}' || n == '\t' { ' ' } else { n });
                }
                if &text.as_bytes()[n0 as usize..] != s.as_bytes() {
                    pieces.push(Piece {
                        n0,
                        n1: text.len() as u32,
                        o0: o0 as u32,
                        o1: o1 as u32,
                    });
                }
            }
            i += 1;
        }
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
        for c in ('\u{3000}'..='\u{30FF}').chain('\u{4E00}'..='\u{4E50}').chain('\u{FF01}'..='\u{FF5E}') {
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
