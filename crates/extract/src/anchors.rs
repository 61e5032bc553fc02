//! One pass over a segment for all rule families.
//!
//! Every rule pattern begins with one of a finite set of literals (its prefix literals, found by
//! `regex-syntax`'s extractor: `不正(に)?アクセス` begins with `不正に` or `不正ア`…). One
//! Aho-Corasick automaton over the literals of all families finds, in a single scan, the
//! sentences where each family can match; the rules then run only there. A family whose
//! patterns have no finite prefix set is marked everywhere (no sentence is ever missed).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use std::sync::LazyLock;

/// The rule families that read sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Family {
    Leak = 0,
    Data = 1,
    Cause = 2,
}

pub struct Anchors {
    ac: AhoCorasick,
    /// family bitmask of each literal
    fam: Vec<u8>,
    /// families without a finite prefix set: always marked
    always: u8,
}

/// Prefix literals of a pattern, if finite and non-empty.
fn prefixes(re: &Regex) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(re.as_str())
        .ok()?;
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix)
        .limit_class(64)
        .limit_repeat(4)
        .limit_literal_len(12)
        .limit_total(2000);
    let seq = ex.extract(&hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

impl Anchors {
    pub fn new(families: &[(Family, Vec<&Regex>)]) -> Anchors {
        let mut lits: Vec<Vec<u8>> = Vec::new();
        let mut fam: Vec<u8> = Vec::new();
        let mut always = 0u8;
        for (f, patterns) in families {
            let bit = 1u8 << (*f as u8);
            let mut mine = Vec::new();
            for p in patterns {
                match prefixes(p) {
                    Some(v) => mine.extend(v),
                    None => {
                        always |= bit;
                        break;
                    }
                }
            }
            if always & bit == 0 {
                for l in mine {
                    match lits.iter().position(|x| *x == l) {
                        Some(i) => fam[i] |= bit,
                        None => {
                            lits.push(l);
                            fam.push(bit);
                        }
                    }
                }
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&lits)
            .expect("anchor automaton");
        Anchors { ac, fam, always }
    }

    /// For each byte offset where an anchor literal starts in `text`: the family bitmask, as
    /// (offset, mask), in order.
    pub fn scan(&self, text: &str) -> Vec<(usize, u8)> {
        let mut out: Vec<(usize, u8)> = Vec::new();
        for m in self.ac.find_overlapping_iter(text) {
            out.push((m.start(), self.fam[m.pattern().as_usize()]));
        }
        out
    }

    pub fn always(&self) -> u8 {
        self.always
    }
}

/// Whether `s` holds a numeral (a count always does; the qualifier before it is optional). A
/// byte test, not an anchor: numerals are so frequent that they would dominate the scan.
pub fn has_numeral(s: &str) -> bool {
    static NUMERAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("[0-9〇一二三四五六七八九十百千万億]").expect("numeral"));
    NUMERAL.is_match(s)
}

/// The anchors of the sentence-reading families, built from the rule tables.
pub static ANCHORS: LazyLock<Anchors> = LazyLock::new(|| {
    use crate::fields::{cause, data, leak};
    Anchors::new(&[
        (
            Family::Leak,
            leak::LEAK_RULES.iter().map(|r| &r.re).collect(),
        ),
        (
            Family::Data,
            data::DATA_RULES.iter().map(|r| &r.re).collect(),
        ),
        (
            Family::Cause,
            cause::CAUSE_RULES.iter().map(|r| &r.re).collect(),
        ),
    ])
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_are_found() {
        for s in [
            "3件", "〇", "一部", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千",
            "万", "億",
        ] {
            assert!(has_numeral(s), "{s}");
        }
        for s in ["氏名", "住所と電話", "ABC", ""] {
            assert!(!has_numeral(s), "{s}");
        }
    }

    #[test]
    fn every_family_has_finite_anchors() {
        // a family without anchors would be read everywhere: correct but slow
        assert_eq!(
            ANCHORS.always(),
            0,
            "a rule pattern lost its prefix literals"
        );
    }

    #[test]
    fn anchors_find_what_the_rules_find() {
        use crate::fields::{cause, data, leak};
        let check = |re: &Regex, examples: &[&str], fam: Family| {
            for ex in examples {
                let Some(m) = re.find(ex) else { continue };
                assert!(
                    ANCHORS
                        .scan(ex)
                        .iter()
                        .any(|(o, f)| *o == m.start() && f & (1 << fam as u8) != 0),
                    "{ex}"
                );
            }
        };
        for r in cause::CAUSE_RULES.iter() {
            check(&r.re, r.examples, Family::Cause);
        }
        for r in data::DATA_RULES.iter() {
            check(&r.re, r.examples, Family::Data);
        }
        for r in leak::LEAK_RULES.iter() {
            check(&r.re, r.examples, Family::Leak);
        }
    }
}
