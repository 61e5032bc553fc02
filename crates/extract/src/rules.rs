//! The rule type every pattern of the extractor is written in, and the catalog of all of them.
//!
//! A [`Rule`] is one row of a table: an id (`cause.misdelivery.wrong_recipient`), the value it
//! gives (a cause, a data kind, a leak cue…), a one-line doc, the pattern, optional guards (words
//! right before or after a match that cancel it), examples that must match and counter-examples
//! that must not. The tests in `tests/rule_catalog.rs` check every row against its examples,
//! check that every alternative of a pattern is shown by an example, and list the alternatives
//! that only one document of all the corpora shows.
//!
//! Patterns run on the normalized text (NFKC: ASCII digits and letters, full-width kana). They
//! may name a shared word list as `{STAFF}` (see [`crate::words`]).

use regex::{Match, Regex};
use std::sync::LazyLock;

/// Compile a rule pattern: `{LIST}` becomes the word list's alternation, `\d` `\s` `\S` are
/// narrowed to ASCII (the text is NFKC-normalized), which keeps the automata small.
pub fn compile(p: &str) -> Regex {
    regex::RegexBuilder::new(&expand(p))
        .dfa_size_limit(DFA_CACHE)
        .build()
        .unwrap_or_else(|e| panic!("bad rule pattern {p}: {e}"))
}

/// The lazy DFA's cache per pattern and thread. Patterns with bounded gaps over Japanese text
/// (`[^。]{0,40}`) have many states; with the default 2 MB the cache is cleared and rebuilt
/// again and again on a long run.
pub const DFA_CACHE: usize = 16 << 20;

/// The pattern as the regex engine sees it (word lists expanded, classes narrowed).
pub fn expand(p: &str) -> String {
    static LIST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\{([A-Z_]+)\}").expect("list placeholder"));
    let p = LIST.replace_all(p, |c: &regex::Captures| {
        let name = &c[1];
        let words =
            crate::words::list(name).unwrap_or_else(|| panic!("no word list {{{name}}} in {p}"));
        crate::words::alternation(words)
    });
    p.replace(r"\d", "[0-9]")
        .replace(r"\s", r"[ \t\n]")
        .replace(r"\S", r"[^ \t\n]")
}

/// One row of a rule table.
pub struct Rule<V> {
    pub id: &'static str,
    pub value: V,
    pub doc: &'static str,
    pub pattern: &'static str,
    pub re: Regex,
    /// A match is dropped when the text right after it matches this (anchored: write `^…`).
    pub unless_after: Option<Regex>,
    /// A match is dropped when the text right before it matches this (anchored: write `…$`).
    pub unless_before: Option<Regex>,
    pub examples: &'static [&'static str],
    pub counter: &'static [&'static str],
    /// Why the row is a general form of the language where the corpora show it in one document.
    pub general: Option<&'static str>,
}

impl<V> Rule<V> {
    pub fn new(id: &'static str, value: V, doc: &'static str, pattern: &'static str) -> Self {
        Rule {
            id,
            value,
            doc,
            pattern,
            re: compile(pattern),
            unless_after: None,
            unless_before: None,
            examples: &[],
            counter: &[],
            general: None,
        }
    }
    pub fn ex(mut self, examples: &'static [&'static str]) -> Self {
        self.examples = examples;
        self
    }
    pub fn not(mut self, counter: &'static [&'static str]) -> Self {
        self.counter = counter;
        self
    }
    pub fn unless_after(mut self, p: &'static str) -> Self {
        self.unless_after = Some(compile(p));
        self
    }
    pub fn unless_before(mut self, p: &'static str) -> Self {
        self.unless_before = Some(compile(p));
        self
    }
    pub fn general(mut self, why: &'static str) -> Self {
        self.general = Some(why);
        self
    }

    /// Whether a match at `m` of `s` survives the guards.
    fn keeps(&self, s: &str, m: &Match) -> bool {
        if let Some(a) = &self.unless_after {
            if a.is_match(&s[m.end()..]) {
                return false;
            }
        }
        if let Some(b) = &self.unless_before {
            if b.is_match(&s[..m.start()]) {
                return false;
            }
        }
        true
    }

    /// The matches of the rule in `s` (guards applied).
    pub fn find_iter<'s, 'r>(&'r self, s: &'s str) -> impl Iterator<Item = Match<'s>> + 'r
    where
        's: 'r,
    {
        self.re.find_iter(s).filter(move |m| self.keeps(s, m))
    }

    /// The first match of the rule in `s` (guards applied).
    pub fn find<'s>(&self, s: &'s str) -> Option<Match<'s>> {
        self.find_iter(s).next()
    }

    pub fn is_match(&self, s: &str) -> bool {
        self.find(s).is_some()
    }

    pub fn info(&self, field: &'static str) -> RuleInfo {
        RuleInfo {
            id: self.id,
            field,
            doc: self.doc,
            pattern: self.pattern,
            examples: self.examples,
            counter: self.counter,
            general: self.general,
        }
    }
}

/// The general reason of a vocabulary row: its alternatives are words of the language (data
/// kinds, causes, section headings, staff and organization words), listed as notices use
/// them, not phrases fitted to a document.
pub const VOCABULARY: &str =
    "vocabulary: words Japanese notices use for this, listed one by one, not a document's phrase";

/// A table of rules with one automaton over all their patterns: [`RuleSet::candidates`] finds
/// in one pass the rows that can match a text, so that only those are run for positions.
pub struct RuleSet<V> {
    rules: Vec<Rule<V>>,
    set: regex::RegexSet,
}

impl<V> RuleSet<V> {
    pub fn new(rules: Vec<Rule<V>>) -> Self {
        let set = regex::RegexSetBuilder::new(rules.iter().map(|r| r.re.as_str()))
            .dfa_size_limit(DFA_CACHE)
            .build()
            .unwrap_or_else(|e| panic!("rule set: {e}"));
        RuleSet { rules, set }
    }
    /// The rows whose pattern matches somewhere in `s` (their guards not yet applied), in
    /// table order, with their index.
    pub fn candidates<'a>(&'a self, s: &str) -> impl Iterator<Item = (usize, &'a Rule<V>)> + 'a {
        let m = self.set.matches(s);
        m.into_iter().map(move |i| (i, &self.rules[i]))
    }
    /// The first row (table order) that matches `s`, with its match.
    pub fn first_match<'a, 's>(&'a self, s: &'s str) -> Option<(&'a Rule<V>, Match<'s>)> {
        self.candidates(s)
            .find_map(|(_, r)| r.find(s).map(|m| (r, m)))
    }
    /// Marks every row without a general reason as vocabulary (see [`VOCABULARY`]).
    pub fn vocabulary(mut self) -> Self {
        for r in self.rules.iter_mut() {
            r.general.get_or_insert(VOCABULARY);
        }
        self
    }
    /// Whether any row matches `s` (guards applied).
    pub fn any_match(&self, s: &str) -> bool {
        self.candidates(s).any(|(_, r)| r.is_match(s))
    }
}

impl<V> std::ops::Deref for RuleSet<V> {
    type Target = [Rule<V>];
    fn deref(&self) -> &[Rule<V>] {
        &self.rules
    }
}

/// The first rule of `table` that matches `s`, with its match.
pub fn first_match<'a, 's, V>(
    table: &'a [Rule<V>],
    s: &'s str,
) -> Option<(&'a Rule<V>, Match<'s>)> {
    table.iter().find_map(|r| r.find(s).map(|m| (r, m)))
}

/// Whether any rule of `table` matches `s`.
pub fn any_match<V>(table: &[Rule<V>], s: &str) -> bool {
    table.iter().any(|r| r.is_match(s))
}

/// What `jikenbo rules` lists of a rule.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct RuleInfo {
    pub id: &'static str,
    /// The field or step the rule serves (`cause`, `affected`, `segment`…).
    pub field: &'static str,
    pub doc: &'static str,
    pub pattern: &'static str,
    pub examples: &'static [&'static str],
    pub counter: &'static [&'static str],
    pub general: Option<&'static str>,
}

/// A rule of any table, as the catalog sees it.
pub trait AnyRule: Sync {
    fn info(&self, field: &'static str) -> RuleInfo;
    /// Whether the rule (its guards included) matches `s`.
    fn matches(&self, s: &str) -> bool;
    /// The pattern as compiled.
    fn regex(&self) -> &Regex;
}

impl<V: Sync> AnyRule for Rule<V> {
    fn info(&self, field: &'static str) -> RuleInfo {
        Rule::info(self, field)
    }
    fn matches(&self, s: &str) -> bool {
        self.is_match(s)
    }
    fn regex(&self) -> &Regex {
        &self.re
    }
}

/// One rule of the catalog with the field it serves.
#[derive(Clone, Copy)]
pub struct Entry {
    pub field: &'static str,
    pub rule: &'static dyn AnyRule,
}

impl Entry {
    pub fn info(&self) -> RuleInfo {
        self.rule.info(self.field)
    }
}

/// The entries of a table for the catalog.
pub fn entries<V: Sync>(field: &'static str, table: &'static [Rule<V>]) -> Vec<Entry> {
    table
        .iter()
        .map(|r| Entry {
            field,
            rule: r as &dyn AnyRule,
        })
        .collect()
}

/// Every rule of the extractor, table by table, in pipeline order.
pub fn catalog() -> Vec<Entry> {
    let mut out = Vec::new();
    out.extend(crate::analyze::rules());
    out.extend(crate::incident::rules());
    out.extend(crate::orgs::rules());
    out.extend(crate::segment::rules());
    out.extend(crate::tables::rules());
    out.extend(crate::fields::organization::rules());
    out.extend(crate::fields::title::rules());
    out.extend(crate::fields::dates::rules());
    out.extend(crate::fields::affected::rules());
    out.extend(crate::fields::leak::rules());
    out.extend(crate::fields::data::rules());
    out.extend(crate::fields::cause::rules());
    out.extend(crate::fields::actor::rules());
    out.extend(crate::report::rules());
    out
}
