//! One pass over a segment for all rule families.
//!
//! Every rule pattern begins with one of a finite set of literals (its prefix literals, found by
//! `regex-syntax`'s extractor: `不正(に)?アクセス` begins with `不正に` or `不正ア`…). One
//! Aho-Corasick automaton over the literals of all families finds, in a single scan, the
//! sentences where each family can match; the rules then run only there. A family whose
//! patterns have no finite prefix set is marked everywhere (no sentence is ever missed).

use crate::rules::{literal_rows, Literals, RowMask};
use regex::Regex;
use std::sync::LazyLock;

/// The rule families that read sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Family {
    Leak = 0,
    Data = 1,
    Cause = 2,
}

/// The number of families.
pub const FAMILIES: usize = 3;

/// Per family, the rows of its table (a bit set).
pub type Rows = [RowMask; FAMILIES];

pub struct Anchors {
    lits: Literals,
    /// the rows of each family that each literal begins
    rows: Vec<Rows>,
    /// rows without a finite prefix set: always marked
    always: Rows,
}

impl Anchors {
    pub fn new(families: &[(Family, Vec<&Regex>)]) -> Anchors {
        let mut lits: Vec<Vec<u8>> = Vec::new();
        let mut rows: Vec<Rows> = Vec::new();
        let mut always: Rows = [0; FAMILIES];
        let mut index: std::collections::HashMap<Vec<u8>, usize> = Default::default();
        for (f, patterns) in families {
            let (l, r, a) = literal_rows(patterns.iter().copied());
            always[*f as usize] |= a;
            for (lit, mask) in l.into_iter().zip(r) {
                let k = *index.entry(lit.clone()).or_insert_with(|| {
                    lits.push(lit);
                    rows.push([0; FAMILIES]);
                    rows.len() - 1
                });
                rows[k][*f as usize] |= mask;
            }
        }
        Anchors {
            lits: Literals::new(&lits),
            rows,
            always,
        }
    }

    /// For each byte offset where an anchor literal starts in `text`: calls `f(offset, rows)`
    /// with the rows it begins, in the order the literals end (the caller folds the hits into
    /// its sentences, no list is built).
    pub fn scan(&self, text: &str, mut f: impl FnMut(usize, Rows)) {
        self.lits.each(text, |at, lit| f(at, self.rows[lit]));
    }

    /// Rows read everywhere (no finite prefix set).
    pub fn always(&self) -> Rows {
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
    fn every_rule_table_has_finite_prefixes() {
        // a row without prefix literals is a candidate of every text: correct but slow. The
        // heading topics may have such rows (`^.{0,3}(公表日…)`): they read short lines only.
        use crate::fields::{cause, data, dates, leak};
        let topics = &*crate::analyze::TOPICS;
        let open: Vec<&str> = (0..topics.len())
            .filter(|i| topics.unanchored() & (1 << i) != 0)
            .map(|i| topics[i].id)
            .collect();
        assert_eq!(open, ["topic.published", "topic.data"]);
        let tables = [
            ("events", crate::incident::EVENTS.unanchored()),
            ("generic", crate::incident::GENERIC.unanchored()),
            ("data", data::DATA_RULES.unanchored()),
            ("cause", cause::CAUSE_RULES.unanchored()),
            ("leak", leak::LEAK_RULES.unanchored()),
            ("date cues", dates::DATE_CUES.unanchored()),
            ("cues before", dates::CUE_BEFORE.unanchored()),
        ];
        for (name, rows) in tables {
            assert_eq!(rows, 0, "{name}: rows {rows:b} have no prefix literals");
        }
    }

    #[test]
    fn every_family_has_finite_anchors() {
        // a family without anchors would be read everywhere: correct but slow
        assert_eq!(
            ANCHORS.always(),
            [0; FAMILIES],
            "a rule pattern lost its prefix literals"
        );
    }

    #[test]
    fn anchors_find_what_the_rules_find() {
        use crate::fields::{cause, data, leak};
        let check = |re: &Regex, examples: &[&str], fam: Family| {
            for ex in examples {
                let Some(m) = re.find(ex) else { continue };
                let mut found = false;
                ANCHORS.scan(ex, |o, rows| {
                    found |= o == m.start() && rows[fam as usize] != 0;
                });
                assert!(found, "{ex}");
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
