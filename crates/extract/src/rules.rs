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
    /// The pattern for searches anchored where one of its prefix literals begins (see
    /// [`Rule::matches_from`]), compiled when first asked.
    anchored: std::sync::OnceLock<regex_automata::meta::Regex>,
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
            anchored: std::sync::OnceLock::new(),
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
    pub fn keeps(&self, s: &str, m: &Match) -> bool {
        self.keeps_span(s, m.start(), m.end())
    }

    /// Whether a match at `start..end` of `s` survives the guards.
    pub fn keeps_span(&self, s: &str, start: usize, end: usize) -> bool {
        if let Some(a) = &self.unless_after {
            if a.is_match(&s[end..]) {
                return false;
            }
        }
        if let Some(b) = &self.unless_before {
            if b.is_match(&s[..start]) {
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

    /// The end of the match of the pattern that begins at `at` of `s` (an anchored search:
    /// no prefilter, no reverse scan for the start), if there is one.
    fn anchored_end(&self, s: &str, at: usize) -> Option<usize> {
        use regex_automata::{meta, Anchored, Input};
        let re = self.anchored.get_or_init(|| {
            meta::Regex::builder()
                // (anchored searches for the match's bounds only, by the lazy DFA: no groups,
                // no prefilter, no full DFA, no engines for groups, which keeps the compilation
                // of every row small)
                .configure(
                    meta::Config::new()
                        .hybrid_cache_capacity(DFA_CACHE)
                        .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit)
                        .auto_prefilter(false)
                        .dfa(false)
                        .onepass(false)
                        .backtrack(false),
                )
                .build(&expand(self.pattern))
                .unwrap_or_else(|e| panic!("bad rule pattern {}: {e}", self.pattern))
        });
        re.search(&Input::new(s).span(at..s.len()).anchored(Anchored::Yes))
            .map(|m| m.end())
    }

    /// The matches of [`Rule::find_iter`] (guards applied), as byte ranges, found by anchored
    /// searches at `starts`: ascending offsets of `s` that hold every offset where one of the
    /// pattern's prefix literals begins (others do no harm). Every match begins with one of
    /// them, so the leftmost match from a place is the one at the first start from there where
    /// the pattern matches; the next search begins where a match ends, as in `find_iter`.
    pub fn matches_from<'a>(
        &'a self,
        s: &'a str,
        starts: impl Iterator<Item = usize> + 'a,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        let mut from = 0;
        starts.filter_map(move |at| {
            if at < from {
                return None;
            }
            let end = self.anchored_end(s, at)?;
            // (a match is never empty: it begins with a literal)
            from = end.max(at + 1);
            self.keeps_span(s, at, end).then_some(at..end)
        })
    }

    /// The first match of the rule in `s` (guards applied).
    pub fn find<'s>(&self, s: &'s str) -> Option<Match<'s>> {
        self.find_iter(s).next()
    }

    /// Whether the rule matches somewhere in `s` (guards applied). Without guards, the regex's
    /// own test: it stops at the first match state and needs no reverse scan for the start.
    pub fn is_match(&self, s: &str) -> bool {
        if self.unless_after.is_none() && self.unless_before.is_none() {
            return self.re.is_match(s);
        }
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

/// A table of rules with one small automaton over the prefix literals of all their patterns
/// (every pattern here begins with one of a finite set of literals: `不正(に)?アクセス` begins
/// with `不正に` or `不正ア`). [`RuleSet::candidates`] finds in one pass the rows whose literal
/// occurs in a text, so that only those are run. A literal automaton is a few KB and stays in
/// the cache, where a union DFA of the patterns themselves (their `[^。]{0,40}` gaps over
/// Japanese) grows to MBs and makes every scan a walk through memory.
pub struct RuleSet<V> {
    rules: Vec<Rule<V>>,
    /// the prefix literals of the rows, and for each literal the rows it begins
    lits: Literals,
    rows: Vec<u64>,
    /// rows without a finite prefix set
    always: u64,
    /// rows without a finite prefix or suffix set: always candidates (a row with a suffix set
    /// is a candidate where one of its suffix literals occurs: a match ends with one)
    open: u64,
    /// rows that are their prefix literals and nothing else (a finite set of words, no guard,
    /// no look-around): where one of its literals occurs, such a row matches
    exact: u64,
}

/// Rows of a table as a bit set (table order is bit order).
pub type RowMask = u64;

/// A set of literals, every occurrence of which (overlapping ones included) is reported by one
/// pass of an Aho-Corasick DFA over the text. The pass is a plain loop over the DFA's
/// transitions: aho-corasick's own overlapping iterator keeps its position and state in memory
/// and returns at every occurrence, about three times the work per byte of Japanese text.
pub struct Literals {
    dfa: aho_corasick::dfa::DFA,
}

impl Literals {
    /// The automaton of `lits` (none empty).
    pub fn new(lits: &[Vec<u8>]) -> Literals {
        let dfa = aho_corasick::dfa::DFA::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .start_kind(aho_corasick::StartKind::Unanchored)
            .prefilter(false)
            .build(lits)
            .unwrap_or_else(|e| panic!("literal automaton: {e}"));
        Literals { dfa }
    }

    /// Calls `f(start, literal)` for every occurrence of a literal in `s` (`literal`: its index
    /// in the list given to [`Literals::new`]), in the order the occurrences end (those ending
    /// at the same byte in the automaton's order): the occurrences aho-corasick's
    /// `find_overlapping_iter` reports, in the same order.
    #[inline]
    pub fn each(&self, s: &str, mut f: impl FnMut(usize, usize)) {
        use aho_corasick::automaton::Automaton;
        let dfa = &self.dfa;
        let bytes = s.as_bytes();
        let mut sid = dfa
            .start_state(aho_corasick::Anchored::No)
            .expect("an unanchored automaton");
        let mut at = 0;
        while at < bytes.len() {
            (at, sid) = self.to_special(bytes, at, sid);
            // (without a prefilter, only match states and the dead state are special; an
            // unanchored automaton never enters the dead state)
            if !dfa.is_match(sid) {
                break;
            }
            for k in 0..dfa.match_len(sid) {
                let p = dfa.match_pattern(sid, k);
                f(at - dfa.pattern_len(p), p.as_usize());
            }
        }
    }

    /// The transitions from state `sid` at `bytes[at]` on, up to the first special state
    /// entered (a match): the offset after the byte that entered it, and the state (the last
    /// state at the end of `bytes` when none is entered). The loop of the scan, apart from the
    /// reporting of the matches, so that its few values stay in registers.
    #[inline(always)]
    fn to_special(
        &self,
        bytes: &[u8],
        mut at: usize,
        mut sid: aho_corasick::automaton::StateID,
    ) -> (usize, aho_corasick::automaton::StateID) {
        use aho_corasick::automaton::Automaton;
        let dfa = &self.dfa;
        let step = |sid, b| dfa.next_state(aho_corasick::Anchored::No, sid, b);
        // four bytes a round (one bounds test for four transitions), then the rest
        while let Some(&[b0, b1, b2, b3]) = bytes.get(at..at + 4) {
            for (k, b) in [b0, b1, b2, b3].into_iter().enumerate() {
                sid = step(sid, b);
                if dfa.is_special(sid) {
                    return (at + k + 1, sid);
                }
            }
            at += 4;
        }
        while let Some(&b) = bytes.get(at) {
            sid = step(sid, b);
            at += 1;
            if dfa.is_special(sid) {
                break;
            }
        }
        (at, sid)
    }
}

/// The prefix literals of a pattern, if finite and non-empty.
pub fn prefix_literals(re: &Regex) -> Option<Vec<Vec<u8>>> {
    literals(re, regex_syntax::hir::literal::ExtractKind::Prefix)
}

/// The first characters of a pattern's prefix literals (None: no finite set, or a literal cut
/// inside its first character). For a pattern anchored at the start (`^`, not multi-line), a text
/// that begins with none of them holds no match: a test of a few characters, not a regex search.
pub fn first_chars(re: &Regex) -> Option<FirstChars> {
    let lits = prefix_literals(re)?;
    let mut firsts = Vec::new();
    for l in lits {
        // (a literal cut inside a character keeps its whole characters; none: no gate)
        let valid = match std::str::from_utf8(&l) {
            Ok(v) => v,
            Err(e) => std::str::from_utf8(&l[..e.valid_up_to()]).ok()?,
        };
        firsts.push(valid.chars().next()?);
    }
    firsts.sort_unstable();
    firsts.dedup();
    Some(FirstChars(firsts))
}

/// The first characters of a pattern's prefix literals, sorted (see [`first_chars`]).
pub struct FirstChars(Vec<char>);

impl FirstChars {
    /// Whether `s` begins with one of the characters (a binary search: the lists of list
    /// markers and bullets hold some fifty).
    pub fn begin(&self, s: &str) -> bool {
        s.chars()
            .next()
            .is_some_and(|c| self.0.binary_search(&c).is_ok())
    }
}

/// Whether a pattern is a finite set of words and nothing else: its prefix literals are all
/// exact (each a whole match) and it asserts nothing about what stands around a match (no
/// look-around: `^`, `$`, `\b`). Where one of the words occurs, the pattern matches.
pub fn is_word_set(re: &Regex) -> bool {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let Ok(hir) = regex_syntax::ParserBuilder::new()
        .build()
        .parse(re.as_str())
    else {
        return false;
    };
    if !hir.properties().look_set().is_empty() {
        return false;
    }
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix)
        .limit_class(64)
        .limit_repeat(4)
        .limit_literal_len(12)
        .limit_total(2000);
    let seq = ex.extract(&hir);
    seq.is_exact()
        && seq
            .literals()
            .is_some_and(|l| !l.is_empty() && l.iter().all(|x| !x.is_empty()))
}

/// The suffix literals of a pattern, if finite and non-empty: every match ends with one.
pub fn suffix_literals(re: &Regex) -> Option<Vec<Vec<u8>>> {
    literals(re, regex_syntax::hir::literal::ExtractKind::Suffix)
}

fn literals(re: &Regex, kind: regex_syntax::hir::literal::ExtractKind) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::Extractor;
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(re.as_str())
        .ok()?;
    let mut ex = Extractor::new();
    ex.kind(kind)
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

/// Literals with the rows (bit set) each begins; rows without a finite prefix set go to the
/// second value.
pub fn literal_rows<'a>(
    patterns: impl Iterator<Item = &'a Regex>,
) -> (Vec<Vec<u8>>, Vec<u64>, u64) {
    let mut lits: Vec<Vec<u8>> = Vec::new();
    let mut rows: Vec<u64> = Vec::new();
    let mut always = 0u64;
    let mut index: std::collections::HashMap<Vec<u8>, usize> = Default::default();
    for (i, re) in patterns.enumerate() {
        assert!(i < 64, "a rule table holds at most 64 rows");
        let bit = 1u64 << i;
        match prefix_literals(re) {
            Some(v) => {
                for l in v {
                    let k = *index.entry(l.clone()).or_insert_with(|| {
                        lits.push(l);
                        rows.push(0);
                        rows.len() - 1
                    });
                    rows[k] |= bit;
                }
            }
            None => always |= bit,
        }
    }
    (lits, rows, always)
}

impl<V> RuleSet<V> {
    pub fn new(rules: Vec<Rule<V>>) -> Self {
        let (mut lits, mut rows, always) = literal_rows(rules.iter().map(|r| &r.re));
        // a row without prefix literals is looked for by its suffix literals, if finite: every
        // match ends with one of them, so a text without any holds no match (the automaton
        // reports every occurrence of every literal, so the row's bit is set wherever one is)
        let mut open = always;
        for (i, r) in rules.iter().enumerate() {
            if always & (1 << i) == 0 {
                continue;
            }
            let Some(suffixes) = suffix_literals(&r.re) else {
                continue;
            };
            for l in suffixes {
                match lits.iter().position(|x| *x == l) {
                    Some(k) => rows[k] |= 1 << i,
                    None => {
                        lits.push(l);
                        rows.push(1 << i);
                    }
                }
            }
            open &= !(1 << i);
        }
        let exact = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.unless_after.is_none() && r.unless_before.is_none() && is_word_set(&r.re)
            })
            .fold(0, |m, (i, _)| m | 1 << i);
        RuleSet {
            rules,
            lits: Literals::new(&lits),
            rows,
            always,
            open,
            exact,
        }
    }
    /// Where the prefix literals of the rows begin in `s`, with the rows each begins, in order
    /// of the offsets (every occurrence, overlapping ones too).
    pub fn hits(&self, s: &str) -> Vec<(usize, RowMask)> {
        let mut v: Vec<(usize, RowMask)> = Vec::new();
        self.lits.each(s, |at, lit| v.push((at, self.rows[lit])));
        v.sort_by_key(|h| h.0);
        v
    }
    /// The matches of row `i` in `s` (guards applied), as [`Rule::find_iter`] gives them, from
    /// the [`RuleSet::hits`] of `s` (offsets of `s`): anchored searches where the row's literals
    /// begin (a row without prefix literals: at every character).
    pub fn row_matches<'a>(
        &'a self,
        i: usize,
        s: &'a str,
        hits: &'a [(usize, RowMask)],
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        let all = self.always & (1 << i) != 0;
        self.rules[i].matches_from(s, starts(hits, 0, move |m| m & (1 << i) != 0, all, s))
    }
    /// The rows whose prefix literal (a row without prefix literals: suffix literal) occurs in
    /// `s`, and the rows with neither.
    pub fn mask(&self, s: &str) -> RowMask {
        let mut m = self.open;
        self.lits.each(s, |_, lit| m |= self.rows[lit]);
        m
    }
    /// The rows that can match somewhere in `s` (their prefix literal occurs; the pattern and
    /// its guards not yet run), in table order, with their index.
    pub fn candidates<'a>(&'a self, s: &str) -> impl Iterator<Item = (usize, &'a Rule<V>)> + 'a {
        self.rows_of(self.mask(s))
    }
    /// The rows of `mask`, in table order, with their index.
    pub fn rows_of(&self, mask: RowMask) -> impl Iterator<Item = (usize, &Rule<V>)> + '_ {
        let mut m = mask | self.open;
        std::iter::from_fn(move || {
            if m == 0 {
                return None;
            }
            let i = m.trailing_zeros() as usize;
            m &= m - 1;
            Some((i, &self.rules[i]))
        })
    }
    /// The first row (table order) that matches `s`, with its match.
    pub fn first_match<'a, 's>(&'a self, s: &'s str) -> Option<(&'a Rule<V>, Match<'s>)> {
        self.candidates(s)
            .find_map(|(_, r)| r.find(s).map(|m| (r, m)))
    }
    /// The first row (table order) that matches `s`: the row of [`RuleSet::first_match`],
    /// found by the rows' match tests (no scan for the match's bounds).
    pub fn first_matching(&self, s: &str) -> Option<&Rule<V>> {
        self.candidates(s)
            .find(|(i, r)| self.exact & (1 << i) != 0 || r.is_match(s))
            .map(|(_, r)| r)
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
        self.candidates(s)
            .any(|(i, r)| self.exact & (1 << i) != 0 || r.is_match(s))
    }
    /// Rows without a finite prefix set (read everywhere: correct, but slower).
    pub fn unanchored(&self) -> RowMask {
        self.always
    }
}

impl<V> std::ops::Deref for RuleSet<V> {
    type Target = [Rule<V>];
    fn deref(&self) -> &[Rule<V>] {
        &self.rules
    }
}

/// The offsets of `s` where a row can match, from the literal hits of a text that `s` begins
/// at `base` of (absolute offsets, in order; `has`: whether a hit's rows hold the row), each
/// once; `all`: the row has no prefix literals, every character of `s` is a start.
pub fn starts<'a, H>(
    hits: &'a [(usize, H)],
    base: usize,
    has: impl Fn(&H) -> bool + 'a,
    all: bool,
    s: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    let from_hits = (!all).then(|| {
        let mut last = usize::MAX;
        hits.iter()
            .filter(move |h| h.0 >= base && h.0 - base < s.len() && has(&h.1))
            .map(move |h| h.0 - base)
            .filter(move |p| std::mem::replace(&mut last, *p) != *p)
    });
    let every = all.then(|| s.char_indices().map(|(i, _)| i));
    from_hits
        .into_iter()
        .flatten()
        .chain(every.into_iter().flatten())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Rules with guards and with literals that overlap, for the anchored searches.
    static TABLE: LazyLock<RuleSet<u8>> = LazyLock::new(|| {
        RuleSet::new(vec![
            Rule::new("t.a", 0, "", r"(流出|漏えい)(し|され)?た?(可能性|おそれ)"),
            Rule::new("t.b", 1, "", r"不正(に)?アクセス[^。]{0,6}(され|を受け)")
                .unless_before(r"の$"),
            Rule::new("t.c", 2, "", r"(氏名|名前)(と|、)?(住所)?").unless_after(r"^等"),
            Rule::new("t.d", 3, "", r"\b[A-Z]{2,}\b|アア"),
        ])
    });

    #[test]
    fn word_sets_are_told_from_patterns() {
        for (p, want) in [
            ("原因", true),
            ("対応|措置|二次被害", true),
            ("再発防止|の強化$", false),
            ("^.{0,3}(公表日|掲載日)", false),
            ("発生(日|時期)", true),
            ("(閲覧|アクセス)(可能|でき)[^。]{0,8}期間", false),
            (r"\bID\b", false),
            ("氏名(と)?", true),
        ] {
            assert_eq!(is_word_set(&compile(p)), want, "{p}");
        }
    }

    proptest::proptest! {
        /// A row that is a set of words matches wherever the automaton finds one of them.
        #[test]
        fn word_set_rows_match_where_their_words_occur(s in "[原因対応措置二次被害発生日時期再発防止の強化氏名と ]{0,16}") {
            let table = RuleSet::new(vec![
                Rule::new("w.a", 0, "", "原因"),
                Rule::new("w.b", 1, "", "対応|措置|二次被害"),
                Rule::new("w.c", 2, "", "再発防止|の強化$"),
                Rule::new("w.d", 3, "", "発生(日|時期)"),
                Rule::new("w.e", 4, "", "氏名(と)?"),
            ]);
            let m = table.mask(&s);
            for (i, r) in table.iter().enumerate() {
                if table.exact & (1 << i) != 0 {
                    proptest::prop_assert_eq!(m & (1 << i) != 0, r.is_match(&s), "row {}", i);
                }
            }
            let first = table.iter().find(|r| r.is_match(&s)).map(|r| r.id);
            proptest::prop_assert_eq!(table.first_matching(&s).map(|r| r.id), first);
            proptest::prop_assert_eq!(table.any_match(&s), first.is_some());
        }
    }

    /// The anchored searches of the tables read that way find what `find_iter` finds, in every
    /// example and counter-example of the table and in all of them in one text.
    #[test]
    fn row_matches_of_the_tables_are_those_of_find_iter() {
        fn check<V>(name: &str, table: &RuleSet<V>) {
            let mut texts: Vec<String> = table
                .iter()
                .flat_map(|r| r.examples.iter().chain(r.counter))
                .map(|t| t.to_string())
                .collect();
            texts.push(texts.join("。"));
            texts.push(texts[..texts.len() - 1].concat());
            for t in &texts {
                let hits = table.hits(t);
                for (i, r) in table.iter().enumerate() {
                    let want: Vec<std::ops::Range<usize>> =
                        r.find_iter(t).map(|m| m.range()).collect();
                    let got: Vec<std::ops::Range<usize>> = table.row_matches(i, t, &hits).collect();
                    assert_eq!(got, want, "{name} row {} in {t}", r.id);
                }
            }
        }
        check("leak", &crate::fields::leak::LEAK_RULES);
        check("data", &crate::fields::data::DATA_RULES);
        check("cause", &crate::fields::cause::CAUSE_RULES);
        check("date cues", &crate::fields::dates::DATE_CUES);
        check("events", &crate::incident::EVENTS);
    }

    proptest::proptest! {
        /// The anchored searches at the rows' literals find what `find_iter` finds.
        #[test]
        fn row_matches_are_those_of_find_iter(s in "[流出漏えいしされた可能性おそれ不正にアクセスを受け氏名前と、住所等のABア。 ]{0,40}") {
            let hits = TABLE.hits(&s);
            for (i, r) in TABLE.iter().enumerate() {
                let want: Vec<std::ops::Range<usize>> = r.find_iter(&s).map(|m| m.range()).collect();
                let got: Vec<std::ops::Range<usize>> = TABLE.row_matches(i, &s, &hits).collect();
                proptest::prop_assert_eq!(got, want, "row {}", i);
                // every character a start: the same
                let all: Vec<std::ops::Range<usize>> =
                    r.matches_from(&s, s.char_indices().map(|(i, _)| i)).collect();
                proptest::prop_assert_eq!(all, r.find_iter(&s).map(|m| m.range()).collect::<Vec<_>>());
            }
        }
    }

    proptest::proptest! {
        /// The scan reports what aho-corasick's overlapping iterator reports, in its order.
        #[test]
        fn literals_are_found_as_the_overlapping_iterator_finds_them(s in "[あいアイ不正a ]{0,24}") {
            let lits: Vec<Vec<u8>> = ["あい", "い", "不正", "不正ア", "アイ", "a", "a a", "いア"]
                .iter()
                .map(|l| l.as_bytes().to_vec())
                .collect();
            let ac = aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&lits)
                .unwrap();
            let want: Vec<(usize, usize)> = ac
                .find_overlapping_iter(&s)
                .map(|m| (m.start(), m.pattern().as_usize()))
                .collect();
            let mut got = Vec::new();
            Literals::new(&lits).each(&s, |at, lit| got.push((at, lit)));
            proptest::prop_assert_eq!(got, want);
        }
    }
}
