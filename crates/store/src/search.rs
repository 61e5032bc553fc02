//! Search: Japanese full text (FTS5 trigram; `instr` for 1-2 character terms too common to
//! expand into trigrams) plus filters,
//! sorted by relevance or date, with facets.

use crate::incident::{fts_key, ID_BITS, ID_MASK};
use crate::tokens;
use crate::util::{data_from_mask, date_bounds, nfkc};
use crate::values::parse_sector;
use crate::{format_number, Result, Store};
use jikenbo_model::{Actor, Cause, DataKind, Leak, PartialDate, SizeBucket};
use rusqlite::params;
use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Conditions on incidents; every condition given must hold (lists: any of the values, except
/// `labels` and `data`, where every one must be present).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub causes: Vec<Cause>,
    pub actors: Vec<Actor>,
    pub leaks: Vec<Leak>,
    /// Year of the incident's date (published, else discovered, else occurred).
    pub year: Option<i32>,
    /// The incident's date may fall on or after this date.
    pub from: Option<PartialDate>,
    /// The incident's date may fall on or before this date.
    pub to: Option<PartialDate>,
    pub labels: Vec<String>,
    pub min_affected: Option<u64>,
    pub max_affected: Option<u64>,
    pub data: Vec<DataKind>,
    /// Sector names (`医療機関`, ... or `medical`, ...).
    pub sectors: Vec<String>,
    pub sizes: Vec<SizeBucket>,
    /// Part of the organization's name (normalized like follow-up linking).
    pub organization: Option<String>,
}

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Newest first (the date of the incident; unknown dates last).
    #[default]
    Auto,
    /// BM25 over the matches (organization and title weigh more); among the newest
    /// `count_limit` matches when there are more. Without text: newest first.
    Relevance,
    Newest,
    Oldest,
    /// Largest number of persons first.
    Affected,
    /// Casebook number, lowest first (`2019-001` before `2024-001`).
    Number,
    /// Casebook number, highest first.
    NumberDesc,
    /// Organization name (code point order; unknown last), then number.
    Organization,
    /// Cause in the order of `Cause::ALL` (unknown last), then number, highest first.
    Cause,
}

impl Sort {
    pub const ALL: &'static [Sort] = &[
        Sort::Auto,
        Sort::Relevance,
        Sort::Newest,
        Sort::Oldest,
        Sort::Affected,
        Sort::Number,
        Sort::NumberDesc,
        Sort::Organization,
        Sort::Cause,
    ];

    /// The order's name (as serialized).
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Auto => "auto",
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Affected => "affected",
            Sort::Number => "number",
            Sort::NumberDesc => "number_desc",
            Sort::Organization => "organization",
            Sort::Cause => "cause",
        }
    }

    /// Orders that sort the whole result on the incidents' rows.
    fn on_rows(self) -> bool {
        matches!(
            self,
            Sort::Oldest
                | Sort::Affected
                | Sort::Number
                | Sort::NumberDesc
                | Sort::Organization
                | Sort::Cause
        )
    }
}

impl std::str::FromStr for Sort {
    type Err = String;
    /// The order's name; `-` reads as `_` (`number-desc`) and `date` as `newest`, the names
    /// an earlier CLI used.
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let name = s.trim().replace('-', "_");
        let name = if name == "date" { "newest" } else { &name };
        Sort::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == name)
            .ok_or_else(|| {
                format!(
                    "{s:?} is not one of {}",
                    Sort::ALL
                        .iter()
                        .map(|k| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }
}

/// `CASE` expression giving a cause's position in `Cause::ALL` (NULL when unknown).
fn cause_rank_sql() -> String {
    let mut s = String::from("CASE i.cause");
    for (k, c) in Cause::ALL.iter().enumerate() {
        s.push_str(&format!(" WHEN '{}' THEN {k}", c.as_str()));
    }
    s.push_str(" END");
    s
}

/// A search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    /// Words that must all occur (NFKC, split on whitespace).
    pub text: Option<String>,
    pub filter: Filter,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    /// Compute facets over the whole result.
    pub facets: bool,
    /// Compute a text snippet for each hit.
    pub snippets: bool,
    /// Count matches exactly up to this many; beyond it `total` is this number and
    /// `total_exact` false (facets, when asked for, are always exact).
    pub count_limit: usize,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            text: None,
            filter: Filter::default(),
            sort: Sort::Auto,
            limit: 20,
            offset: 0,
            facets: false,
            snippets: true,
            count_limit: 10_000,
        }
    }
}

impl Query {
    pub fn text(text: impl Into<String>) -> Query {
        Query {
            text: Some(text.into()),
            ..Query::default()
        }
    }
}

/// One incident found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: i64,
    pub number: String,
    pub organization: Option<String>,
    pub title: Option<String>,
    /// The incident's date (published, else discovered, else occurred).
    pub date: Option<String>,
    /// Which date `date` is: `published`, `discovered` or `occurred`.
    pub date_field: Option<&'static str>,
    pub published: Option<String>,
    pub affected: Option<u64>,
    pub leak: Option<Leak>,
    pub cause: Option<Cause>,
    pub actor: Option<Actor>,
    pub data: Vec<DataKind>,
    pub sector: Option<String>,
    pub labels: Vec<String>,
    /// BM25 (lower is better) when sorted by relevance.
    pub score: Option<f64>,
    /// The text around the first match, with the ranges of the matches in it (when the query
    /// has text and asks for snippets).
    pub snippet: Option<Snippet>,
}

/// A piece of an incident's indexed text around the first match of a search, as plain text, and
/// where the search's terms occur in it.
///
/// **Offsets are UTF-16 code units** of [`Snippet::text`] (what JavaScript's `String` indexes:
/// `text.slice(m.start, m.end)` is the match), half-open, in order, never overlapping or
/// touching. Rust code takes byte ranges from [`Snippet::byte_ranges`] or the pieces of the text
/// from [`Snippet::pieces`]. The text is the indexed text (NFKC, so `ＵＳＢ` reads `USB`), line
/// breaks as spaces, with `…` where it was cut; nothing in it is markup: a `【対応経緯】` heading
/// of the notice is text like any other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    pub text: String,
    pub matches: Vec<SnippetMatch>,
}

/// One match in a [`Snippet`]: `start..end` in UTF-16 code units of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetMatch {
    pub start: usize,
    pub end: usize,
}

impl Snippet {
    /// The matches as byte ranges of [`Snippet::text`], in order. A range that does not fall on
    /// character boundaries inside the text (a snippet built by hand) is left out.
    pub fn byte_ranges(&self) -> Vec<std::ops::Range<usize>> {
        // UTF-16 offset → byte offset at every character boundary.
        let mut bytes_at: HashMap<usize, usize> = HashMap::new();
        let mut u = 0;
        for (b, c) in self.text.char_indices() {
            bytes_at.insert(u, b);
            u += c.len_utf16();
        }
        bytes_at.insert(u, self.text.len());
        let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(self.matches.len());
        for m in &self.matches {
            if let (Some(&s), Some(&e)) = (bytes_at.get(&m.start), bytes_at.get(&m.end)) {
                if s < e && out.last().is_none_or(|l| l.end <= s) {
                    out.push(s..e);
                }
            }
        }
        out
    }

    /// The text cut at the matches: `(piece, is_match)` in order, covering the whole text.
    pub fn pieces(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for r in self.byte_ranges() {
            if at < r.start {
                out.push((&self.text[at..r.start], false));
            }
            out.push((&self.text[r.clone()], true));
            at = r.end;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out
    }

    /// The matched pieces of the text.
    pub fn matched(&self) -> Vec<&str> {
        self.pieces()
            .into_iter()
            .filter_map(|(p, m)| m.then_some(p))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub key: String,
    /// Japanese label.
    pub label: String,
    pub count: u64,
}

/// Counts per value over the whole filtered result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub cause: Vec<FacetCount>,
    pub actor: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
    pub sector: Vec<FacetCount>,
    pub label: Vec<FacetCount>,
    pub data: Vec<FacetCount>,
    pub size: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    /// Number of incidents matching (not only this page); a lower bound when `total_exact` is
    /// false (see [`Query::count_limit`]).
    pub total: u64,
    pub total_exact: bool,
    pub facets: Option<Facets>,
}

/// A matching incident's columns for sorting, facets and statistics.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub date_key: Option<String>,
    pub affected: Option<i64>,
    pub cause: Option<String>,
    pub actor: Option<String>,
    pub event_year: Option<i64>,
    pub sector: Option<String>,
    pub data_mask: i64,
    pub labels: String,
}

/// A term as an FTS5 phrase: quotes doubled; control characters (a NUL ends FTS5's reading of
/// the query early, which makes it a syntax error) become spaces.
fn fts_phrase(term: &str) -> String {
    let clean: String = term
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("\"{}\"", clean.replace('"', "\"\""))
}

/// More trigrams than this, and a 1-2 character term is matched with `instr` instead.
const MAX_EXPANSION: usize = 128;

fn successor(s: &str) -> Option<String> {
    let mut cs: Vec<char> = s.chars().collect();
    let last = cs.pop()?;
    let mut n = last as u32 + 1;
    if (0xD800..0xE000).contains(&n) {
        n = 0xE000;
    }
    cs.push(char::from_u32(n)?);
    Some(cs.into_iter().collect())
}

/// An FTS5 expression matching a text term in any column (`column` = None) or in one: a phrase
/// for 3 characters or more, else the OR of the indexed trigrams the term starts (every indexed
/// value ends in two spaces, so every occurrence starts one). `Ok(None)`: too many trigrams to
/// expand (match with `instr`); `Err(())` inside: the term occurs nowhere.
fn term_expr(
    conn: &rusqlite::Connection,
    t: &str,
    column: Option<&str>,
) -> Result<Option<Option<String>>> {
    let scope = |e: String| match column {
        Some(c) => format!("{c} : {e}"),
        None => e,
    };
    if t.chars().count() >= 3 {
        return Ok(Some(Some(scope(fts_phrase(t)))));
    }
    let lo = t.to_lowercase();
    let Some(hi) = successor(&lo) else {
        return Ok(None);
    };
    let mut st = conn.prepare_cached(
        "SELECT term FROM incident_fts_vocab WHERE term >= ?1 AND term < ?2 LIMIT ?3",
    )?;
    let grams: Vec<String> = st
        .query_map(params![lo, hi, (MAX_EXPANSION + 1) as i64], |r| r.get(0))?
        .collect::<Result<Vec<_>, _>>()?;
    if grams.is_empty() {
        return Ok(Some(None));
    }
    if grams.len() > MAX_EXPANSION {
        return Ok(None);
    }
    Ok(Some(Some(scope(format!(
        "({})",
        grams
            .iter()
            .map(|g| fts_phrase(g))
            .collect::<Vec<_>>()
            .join(" OR ")
    )))))
}

/// Trigrams that cover a term of 3 characters or more, without overlap where possible:
/// `ＵＳＢメモリ` (NFKC `USBメモリ`) → `USB`, `メモリ`; `遠隔操作` → `遠隔操`, `隔操作`.
fn covering_trigrams(t: &str) -> Vec<String> {
    let cs: Vec<char> = t.chars().collect();
    if cs.len() < 3 {
        return Vec::new();
    }
    let mut starts: Vec<usize> = (0..=cs.len() - 3).step_by(3).collect();
    if starts.last() != Some(&(cs.len() - 3)) {
        starts.push(cs.len() - 3);
    }
    starts
        .iter()
        .map(|&i| cs[i..i + 3].iter().collect())
        .collect()
}

/// Whether some indexed incident holds a few trigrams of every term of 3 characters or more
/// (checked when there are two such terms or more). The phrases of a conjunction are matched
/// with their positions, each over its whole posting list: two common terms that never meet
/// (`遠隔操作 USBメモリ`) cost a walk over both lists. Bare trigrams need no positions, and a
/// row matching every phrase holds them all, so no row here means no row at all.
fn co_occur(conn: &rusqlite::Connection, terms: &[String]) -> Result<bool> {
    let long: Vec<&String> = terms.iter().filter(|t| t.chars().count() >= 3).collect();
    if long.len() < 2 {
        return Ok(true);
    }
    let probe = long
        .iter()
        .flat_map(|t| covering_trigrams(t))
        .map(|g| fts_phrase(&g))
        .collect::<Vec<_>>()
        .join(" AND ");
    Ok(conn
        .prepare_cached("SELECT 1 FROM incident_fts WHERE incident_fts MATCH ?1 LIMIT 1")?
        .exists([probe])?)
}

/// `instr` condition on the indexed text (joined as `incident_fts`): in any column, or in one.
fn instr_cond(t: &str, column: Option<&str>, conds: &mut Vec<String>, p: &mut Vec<SqlValue>) {
    let ascii = t.chars().any(|c| c.is_ascii_alphabetic());
    let col = |c: &str| {
        if ascii {
            format!("instr(lower(incident_fts.{c}), ?) > 0")
        } else {
            format!("instr(incident_fts.{c}, ?) > 0")
        }
    };
    let cols: Vec<&str> = match column {
        Some(c) => vec![c],
        None => vec!["org", "title", "terms", "body"],
    };
    conds.push(format!(
        "({})",
        cols.iter().map(|c| col(c)).collect::<Vec<_>>().join(" OR ")
    ));
    let v = if ascii {
        t.to_lowercase()
    } else {
        t.to_string()
    };
    p.extend(cols.iter().map(|_| SqlValue::Text(v.clone())));
}

/// A condition on the incident's row (`i`), skipped for index rows at or above `unless`.
#[derive(Debug, Clone)]
pub(crate) struct RowCond {
    sql: String,
    params: Vec<SqlValue>,
    unless: Option<i64>,
}

/// A query as SQL: what the search index matches (text, filter tokens, organization, date
/// range as rowid bounds), what is checked on the index row alone (`instr`), and what needs the
/// incident's row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Built {
    /// The FTS5 expression (AND of its parts), if any.
    pub fts: Option<String>,
    pub key_lo: Option<i64>,
    pub key_hi: Option<i64>,
    /// Conditions on the indexed text (`incident_fts` columns).
    pub text_conds: Vec<String>,
    pub text_params: Vec<SqlValue>,
    /// Conditions on the incident's row.
    pub row_conds: Vec<RowCond>,
    /// Without the index: the date range on the rows.
    pub plain_conds: Vec<RowCond>,
    /// Nothing can match (a term occurs nowhere).
    pub empty: bool,
    /// The text terms (NFKC), for snippets.
    pub terms: Vec<String>,
}

/// The index drives: its rows in rowid (= date) order, joined to their incidents.
const FTS_FROM: &str = "incident_fts JOIN incidents i ON i.id = (incident_fts.rowid & 268435455)";
/// The incidents drive, their indexed text joined for `instr`.
const CONTENT_FROM: &str = "incidents i JOIN incident_fts ON incident_fts.rowid = i.fts_key";
const INCIDENTS_FROM: &str = "incidents i";

fn any_of(tokens: Vec<String>) -> Option<String> {
    match tokens.len() {
        0 => None,
        1 => tokens.into_iter().next().map(|t| fts_phrase(&t)),
        _ => Some(format!(
            "({})",
            tokens
                .iter()
                .map(|t| fts_phrase(t))
                .collect::<Vec<_>>()
                .join(" OR ")
        )),
    }
}

/// Lower bounds of the size buckets: bounds on persons there need no check on the rows.
const BUCKET_EDGES: &[u64] = &[0, 100, 1_000, 10_000, 100_000, 1_000_000];

impl Built {
    fn index_head(&self, conds: &mut Vec<String>, params: &mut Vec<SqlValue>) {
        conds.push("incident_fts MATCH ?".to_string());
        params.push(SqlValue::Text(self.fts.clone().unwrap_or_default()));
        if let Some(k) = self.key_lo {
            conds.push("incident_fts.rowid >= ?".into());
            params.push(SqlValue::Integer(k));
        }
        if let Some(k) = self.key_hi {
            conds.push("incident_fts.rowid <= ?".into());
            params.push(SqlValue::Integer(k));
        }
        conds.extend(self.text_conds.iter().cloned());
        params.extend(self.text_params.iter().cloned());
    }

    /// FROM, WHERE and parameters with the incidents joined (`i` available).
    pub fn sql(&self) -> (&'static str, Vec<String>, Vec<SqlValue>) {
        let mut conds = Vec::new();
        let mut params = Vec::new();
        if self.fts.is_some() {
            self.index_head(&mut conds, &mut params);
            self.row_conds_keyed("incident_fts.rowid", &mut conds, &mut params);
            return (FTS_FROM, conds, params);
        }
        conds.push("i.live = 1".to_string());
        for c in self.plain_conds.iter().chain(self.row_conds.iter()) {
            conds.push(c.sql.clone());
            params.extend(c.params.iter().cloned());
        }
        conds.extend(self.text_conds.iter().cloned());
        params.extend(self.text_params.iter().cloned());
        let from = if self.text_conds.is_empty() {
            INCIDENTS_FROM
        } else {
            CONTENT_FROM
        };
        (from, conds, params)
    }

    /// FROM and WHERE to read every matching incident's row: with an index expression, the
    /// matching ids are collected first and the rows read in id order (at 1,000,000
    /// incidents, reading 100,000 rows in id order takes a third of the time of reading them
    /// in the index's date order). A row condition skipped above an index key checks the
    /// incident's own key (`i.fts_key`, the rowid of its index entry).
    fn rows_sql(&self) -> (String, Vec<String>, Vec<SqlValue>) {
        if self.fts.is_none() {
            let (from, conds, params) = self.sql();
            return (from.to_string(), conds, params);
        }
        let mut inner = Vec::new();
        let mut params = Vec::new();
        self.index_head(&mut inner, &mut params);
        let mut conds = vec![format!(
            "i.id IN (SELECT incident_fts.rowid & {ID_MASK} FROM incident_fts WHERE {})",
            inner.join(" AND ")
        )];
        self.row_conds_keyed("i.fts_key", &mut conds, &mut params);
        (INCIDENTS_FROM.to_string(), conds, params)
    }

    /// The row conditions, each skipped where the index key (`key`: an SQL expression) is at
    /// or above its `unless`.
    fn row_conds_keyed(&self, key: &str, conds: &mut Vec<String>, params: &mut Vec<SqlValue>) {
        for c in &self.row_conds {
            match c.unless {
                Some(k) => {
                    conds.push(format!("({key} >= ? OR {})", c.sql));
                    params.push(SqlValue::Integer(k));
                }
                None => conds.push(c.sql.clone()),
            }
            params.extend(c.params.iter().cloned());
        }
    }

    /// FROM `incident_fts` alone (rowids only): the row conditions become correlated lookups,
    /// made only for index rows that need them. `None` without an index expression.
    pub fn index_sql(&self) -> Option<(Vec<String>, Vec<SqlValue>)> {
        self.fts.as_ref()?;
        let mut conds = Vec::new();
        let mut params = Vec::new();
        self.index_head(&mut conds, &mut params);
        for c in &self.row_conds {
            let exists = format!(
                "EXISTS (SELECT 1 FROM incidents i WHERE i.id = (incident_fts.rowid & {ID_MASK}) AND {})",
                c.sql
            );
            match c.unless {
                Some(k) => {
                    conds.push(format!("(incident_fts.rowid >= ? OR {exists})"));
                    params.push(SqlValue::Integer(k));
                }
                None => conds.push(exists),
            }
            params.extend(c.params.iter().cloned());
        }
        Some((conds, params))
    }
}

/// Builds the SQL of a query (see [`Store::search`]).
pub(crate) fn build(conn: &rusqlite::Connection, text: Option<&str>, f: &Filter) -> Result<Built> {
    let mut b = Built::default();
    let mut parts: Vec<String> = Vec::new();
    b.terms = text
        .map(nfkc)
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    for t in b.terms.clone() {
        match term_expr(conn, &t, None)? {
            Some(Some(e)) => parts.push(e),
            Some(None) => b.empty = true,
            None => instr_cond(&t, None, &mut b.text_conds, &mut b.text_params),
        }
    }
    if !b.empty && !co_occur(conn, &b.terms)? {
        b.empty = true;
    }
    parts.extend(any_of(
        f.causes.iter().map(|c| tokens::cause(Some(*c))).collect(),
    ));
    parts.extend(any_of(
        f.actors.iter().map(|c| tokens::actor(Some(*c))).collect(),
    ));
    parts.extend(any_of(
        f.leaks.iter().map(|c| tokens::leak(Some(*c))).collect(),
    ));
    parts.extend(any_of(
        f.sectors
            .iter()
            .map(|s| tokens::sector(parse_sector(s).map(|s| s.ja())))
            .collect(),
    ));
    parts.extend(any_of(f.sizes.iter().map(|s| tokens::size(*s)).collect()));
    if let Some(y) = f.year {
        parts.push(fts_phrase(&tokens::year(Some(y))));
    }
    for k in &f.data {
        parts.push(fts_phrase(&tokens::data(*k)));
    }
    for l in &f.labels {
        parts.push(fts_phrase(&tokens::label(l)));
    }
    if let Some(o) = f.organization.as_deref().map(nfkc) {
        let o = o.trim().to_string();
        if !o.is_empty() {
            match term_expr(conn, &o, Some("org"))? {
                Some(Some(e)) => parts.push(e),
                Some(None) => b.empty = true,
                None => instr_cond(&o, Some("org"), &mut b.text_conds, &mut b.text_params),
            }
        }
    }
    if f.min_affected.is_some() || f.max_affected.is_some() {
        // The size buckets the bounds leave, as index tokens; a bound inside a bucket is also
        // checked on the rows.
        let lo = f.min_affected.unwrap_or(0);
        let hi = f.max_affected.unwrap_or(u64::MAX);
        let buckets: Vec<String> = SizeBucket::ALL
            .iter()
            .filter(|b| b.range().is_some_and(|(a, z)| z > lo && a <= hi))
            .map(|b| tokens::size(*b))
            .collect();
        if buckets.is_empty() {
            b.empty = true;
        }
        parts.extend(any_of(buckets));
        let exact_lo = BUCKET_EDGES.contains(&lo);
        let exact_hi = hi == u64::MAX || BUCKET_EDGES.contains(&hi.saturating_add(1));
        if let Some(n) = f.min_affected {
            let c = RowCond {
                sql: "i.affected >= ?".into(),
                params: vec![SqlValue::Integer(n.min(i64::MAX as u64) as i64)],
                unless: None,
            };
            if exact_lo {
                b.plain_conds.push(c);
            } else {
                b.row_conds.push(c);
            }
        }
        if let Some(n) = f.max_affected {
            let c = RowCond {
                sql: "i.affected <= ?".into(),
                params: vec![SqlValue::Integer(n.min(i64::MAX as u64) as i64)],
                unless: None,
            };
            if exact_hi {
                b.plain_conds.push(c);
            } else {
                b.row_conds.push(c);
            }
        }
    }
    if f.from.is_some() || f.to.is_some() {
        // Unknown dates never qualify: rowids from 1 << 28 up.
        b.key_lo = Some(1 << ID_BITS);
    }
    if let Some(d) = &f.from {
        // The date may fall on or after `lo`: date_hi >= lo. Index rows from lo's key on pass
        // (date_lo >= lo); the year before holds the dates known to a month or a year that may
        // still reach lo, checked on the row.
        let (lo, _) = date_bounds(d);
        let y: i32 = lo[..4].parse().unwrap_or(1800);
        let year_before = format!("{:04}{}", y - 1, &lo[4..]);
        b.key_lo = Some(fts_key(Some(&year_before), 0).max(1 << ID_BITS));
        b.row_conds.push(RowCond {
            sql: "i.date_hi >= ?".into(),
            params: vec![SqlValue::Text(lo.clone())],
            unless: Some(fts_key(Some(&lo), 0)),
        });
    }
    if let Some(d) = &f.to {
        // The date may fall on or before `hi`: date_lo <= hi, exactly the index rows up to hi.
        let (_, hi) = date_bounds(d);
        b.key_hi = Some(fts_key(Some(&hi), ID_MASK));
        b.plain_conds.push(RowCond {
            sql: "i.date_lo <= ?".into(),
            params: vec![SqlValue::Text(hi)],
            unless: None,
        });
    }
    b.fts = (!parts.is_empty()).then(|| parts.join(" AND "));
    if b.fts.is_none() {
        b.key_lo = None;
        b.key_hi = None;
        for c in b.row_conds.iter_mut() {
            c.unless = None;
        }
    }
    Ok(b)
}

/// BM25 weights of the index columns: org, title, terms, body.
const BM25: &str = "bm25(incident_fts, 10.0, 5.0, 2.0, 1.0)";

pub(crate) const ROW_COLS: &str =
    "i.date_key, i.affected, i.cause, i.actor, i.event_year, i.sector, i.data_mask, i.labels";

pub(crate) fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        date_key: r.get(0)?,
        affected: r.get(1)?,
        cause: r.get(2)?,
        actor: r.get(3)?,
        event_year: r.get(4)?,
        sector: r.get(5)?,
        data_mask: r.get(6)?,
        labels: r.get(7)?,
    })
}

/// Every matching row (for facets, statistics and exports).
pub(crate) fn all_rows(conn: &rusqlite::Connection, b: &Built) -> Result<Vec<Row>> {
    if b.empty {
        return Ok(Vec::new());
    }
    let (from, conds, params) = b.rows_sql();
    let sql = format!(
        "SELECT {ROW_COLS} FROM {from} WHERE {}",
        conds.join(" AND ")
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(params.iter()), read_row)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// `count(*)` of a query, stopping after `cap + 1` rows.
fn capped_count(
    conn: &rusqlite::Connection,
    from: &str,
    conds: &[String],
    params: &[SqlValue],
    cap: usize,
) -> Result<usize> {
    let sql = format!(
        "SELECT count(*) FROM (SELECT 1 FROM {from} WHERE {} LIMIT {})",
        conds.join(" AND "),
        cap + 1
    );
    let n: i64 = conn.query_row(&sql, rusqlite::params_from_iter(params.iter()), |r| {
        r.get(0)
    })?;
    Ok(n as usize)
}

fn count(map: &mut HashMap<String, u64>, key: &str) {
    *map.entry(key.to_string()).or_default() += 1;
}

pub(crate) const UNKNOWN: &str = "不明";

/// Facets of a set of rows.
pub(crate) fn facets(rows: &[Row]) -> Facets {
    let mut cause = HashMap::new();
    let mut actor = HashMap::new();
    let mut year = HashMap::new();
    let mut sector = HashMap::new();
    let mut label = HashMap::new();
    let mut data: HashMap<String, u64> = HashMap::new();
    let mut size = HashMap::new();
    for r in rows {
        count(&mut cause, r.cause.as_deref().unwrap_or("unknown"));
        count(&mut actor, r.actor.as_deref().unwrap_or("unknown"));
        count(
            &mut year,
            &r.event_year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "unknown".into()),
        );
        count(&mut sector, r.sector.as_deref().unwrap_or("unknown"));
        for l in r.labels.split('\n').filter(|l| !l.is_empty()) {
            count(&mut label, l);
        }
        for k in data_from_mask(r.data_mask) {
            count(&mut data, k.as_str());
        }
        count(
            &mut size,
            SizeBucket::of(r.affected.map(|a| a as u64)).key(),
        );
    }
    let ordered = |map: HashMap<String, u64>, order: Vec<(String, String)>| -> Vec<FacetCount> {
        let mut out: Vec<FacetCount> = order
            .into_iter()
            .filter_map(|(k, l)| {
                map.get(&k).map(|c| FacetCount {
                    key: k,
                    label: l,
                    count: *c,
                })
            })
            .collect();
        if let Some(c) = map.get("unknown") {
            if !out.iter().any(|f| f.key == "unknown") {
                out.push(FacetCount {
                    key: "unknown".into(),
                    label: UNKNOWN.into(),
                    count: *c,
                });
            }
        }
        out
    };
    let by_count = |map: HashMap<String, u64>| -> Vec<FacetCount> {
        let mut out: Vec<FacetCount> = map
            .into_iter()
            .map(|(k, c)| FacetCount {
                label: k.clone(),
                key: k,
                count: c,
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
        out
    };
    let mut years: Vec<FacetCount> = year
        .iter()
        .filter(|(k, _)| k.as_str() != "unknown")
        .map(|(k, c)| FacetCount {
            key: k.clone(),
            label: format!("{k}年"),
            count: *c,
        })
        .collect();
    years.sort_by(|a, b| b.key.cmp(&a.key));
    if let Some(c) = year.get("unknown") {
        years.push(FacetCount {
            key: "unknown".into(),
            label: UNKNOWN.into(),
            count: *c,
        });
    }
    Facets {
        cause: ordered(
            cause,
            Cause::ALL
                .iter()
                .map(|c| (c.as_str().to_string(), c.ja().to_string()))
                .collect(),
        ),
        actor: ordered(
            actor,
            Actor::ALL
                .iter()
                .map(|c| (c.as_str().to_string(), c.ja().to_string()))
                .collect(),
        ),
        year: years,
        sector: ordered(
            sector,
            crate::values::SECTORS
                .iter()
                .map(|s| (s.ja().to_string(), s.ja().to_string()))
                .collect(),
        ),
        label: by_count(label),
        data: ordered(
            data,
            DataKind::ALL
                .iter()
                .map(|c| (c.as_str().to_string(), c.ja().to_string()))
                .collect(),
        ),
        size: ordered(
            size,
            SizeBucket::ALL
                .iter()
                .map(|s| (s.key().to_string(), s.ja().to_string()))
                .collect(),
        ),
    }
}

/// Whether a character is kept in a snippet: not a filter token (plane 15 or 16, see
/// `tokens.rs`), which only the index's `terms` column holds.
fn shown(c: char) -> bool {
    (c as u32) < 0xF0000
}

/// The text around the first occurrence of any term, about `width` characters (half before,
/// half after), with every occurrence of any term inside it. Matching is as the index's:
/// ASCII case does not matter; the text and the terms are both NFKC already.
fn snippet_around(text: &str, terms: &[String], width: usize) -> Option<Snippet> {
    // Line breaks and tabs as spaces (one byte for one, so offsets hold), tokens left out.
    let clean: String = text
        .chars()
        .filter(|c| shown(*c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    // Lowering ASCII keeps byte offsets.
    let lower = clean.to_ascii_lowercase();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for t in terms {
        let t = t.to_ascii_lowercase();
        if t.is_empty() {
            continue;
        }
        found.extend(lower.match_indices(&t).map(|(p, m)| (p, p + m.len())));
    }
    found.sort_unstable();
    // Overlapping or touching occurrences (`個人情報` and `情報`) are one match.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for (s, e) in found {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let &(first_start, first_end) = merged.first()?;
    let half = width / 2;
    let from = clean[..first_start]
        .char_indices()
        .rev()
        .take(half)
        .last()
        .map_or(first_start, |(i, _)| i);
    let to = clean[first_end..]
        .char_indices()
        .nth(half)
        .map_or(clean.len(), |(i, _)| first_end + i);
    // No spaces at the edges of the piece (never inside the first match).
    let from =
        from + (clean[from..first_start].len() - clean[from..first_start].trim_start().len());
    let to = to - (clean[first_end..to].len() - clean[first_end..to].trim_end().len());
    let head = if clean[..from].trim().is_empty() {
        ""
    } else {
        "…"
    };
    let tail = if clean[to..].trim().is_empty() {
        ""
    } else {
        "…"
    };
    let out = format!("{head}{}{tail}", &clean[from..to]);
    let utf16 = |byte: usize| out[..byte].encode_utf16().count();
    let matches = merged
        .iter()
        .map(|&(s, e)| (s.max(from), e.min(to)))
        .filter(|(s, e)| s < e)
        .map(|(s, e)| SnippetMatch {
            start: utf16(s - from + head.len()),
            end: utf16(e - from + head.len()),
        })
        .collect();
    Some(Snippet { text: out, matches })
}

impl Store {
    /// Runs a search. See the crate documentation ("Search").
    ///
    /// Text terms, filter values (cause, actor, leak, sector, year, size, data kinds, labels:
    /// each a token in the index) and the organization are one FTS5 query; the date range bounds
    /// its rowids, which are in date order, so the newest page comes from the first matches,
    /// however many there are. Counts, affected-person bounds and exact date bounds are
    /// checked on the incidents' rows. Counting stops after `count_limit`.
    pub fn search(&self, q: &Query) -> Result<SearchResults> {
        let conn = &self.conn;
        let b = build(conn, q.text.as_deref(), &q.filter)?;
        if b.empty {
            return Ok(SearchResults {
                hits: Vec::new(),
                total: 0,
                total_exact: true,
                facets: q.facets.then(Facets::default),
            });
        }
        let cap = q.count_limit.max(q.offset + q.limit).max(1);
        let (from, conds, params) = b.sql();
        let index = b.fts.is_some();
        let index_sql = b.index_sql();
        // The page first: when it is not full, it tells the count too.
        let cause_order;
        let order = match (q.sort, index) {
            (Sort::Oldest, _) => "i.date_lo IS NULL, i.date_lo ASC, i.id ASC",
            // undated incidents (#不明-NNN, year 0) after the dated ones either way
            (Sort::Number, _) => "i.year = 0, i.year ASC, i.seq ASC",
            (Sort::NumberDesc, _) => "i.year = 0, i.year DESC, i.seq DESC",
            (Sort::Organization, _) => {
                "i.organization IS NULL, i.organization ASC, i.year ASC, i.seq ASC"
            }
            (Sort::Cause, _) => {
                let r = cause_rank_sql();
                cause_order = format!("{r} IS NULL, {r}, i.year DESC, i.seq DESC");
                cause_order.as_str()
            }
            (Sort::Affected, true) => {
                "i.affected IS NULL, i.affected DESC, incident_fts.rowid DESC"
            }
            (Sort::Affected, false) => {
                "i.affected IS NULL, i.affected DESC, i.date_lo DESC, i.id DESC"
            }
            (_, true) => "incident_fts.rowid DESC",
            (_, false) => "i.date_lo DESC, i.id DESC",
        };
        let mut scores: HashMap<i64, f64> = HashMap::new();
        let ids: Vec<i64> = if index && q.sort == Sort::Relevance {
            // Relevance among the newest `cap` matches.
            let within = format!("LIMIT {cap}");
            let sql = format!(
                "SELECT id, score FROM (SELECT i.id AS id, {BM25} AS score, incident_fts.rowid AS k
                   FROM {from} WHERE {} ORDER BY incident_fts.rowid DESC {within})
                 ORDER BY score, k DESC LIMIT {} OFFSET {}",
                conds.join(" AND "),
                q.limit,
                q.offset
            );
            let mut st = conn.prepare(&sql)?;
            let rows = st.query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?))
            })?;
            let mut ids = Vec::new();
            for row in rows {
                let (id, s) = row?;
                ids.push(id);
                scores.insert(id, s);
            }
            ids
        } else if let (Some((c, p)), false) = (&index_sql, q.sort.on_rows()) {
            let sql = format!(
                "SELECT rowid & {ID_MASK} FROM incident_fts WHERE {} ORDER BY rowid DESC LIMIT {} OFFSET {}",
                c.join(" AND "),
                q.limit,
                q.offset
            );
            let mut st = conn.prepare(&sql)?;
            let rows = st.query_map(rusqlite::params_from_iter(p.iter()), |r| r.get(0))?;
            rows.collect::<Result<Vec<i64>, _>>()?
        } else {
            let sql = format!(
                "SELECT i.id FROM {from} WHERE {} ORDER BY {order} LIMIT {} OFFSET {}",
                conds.join(" AND "),
                q.limit,
                q.offset
            );
            let mut st = conn.prepare(&sql)?;
            let rows = st.query_map(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?;
            rows.collect::<Result<Vec<i64>, _>>()?
        };
        let (total, total_exact) = if ids.len() < q.limit && (q.offset == 0 || !ids.is_empty()) {
            (q.offset + ids.len(), true)
        } else {
            // Count (up to the cap): on the index alone when there is one.
            let n = match &index_sql {
                Some((c, p)) => capped_count(conn, "incident_fts", c, p, cap)?,
                None => capped_count(conn, from, &conds, &params, cap)?,
            };
            (n.min(cap), n <= cap)
        };
        let mut hits = self.hits(&ids)?;
        for h in hits.iter_mut() {
            h.score = scores.get(&h.id).copied();
        }
        if q.snippets && !ids.is_empty() && !b.terms.is_empty() {
            let snippets = self.snippets(&ids, &b.terms)?;
            for h in hits.iter_mut() {
                h.snippet = snippets.get(&h.id).cloned();
            }
        }
        let facets = if q.facets {
            Some(facets(&all_rows(conn, &b)?))
        } else {
            None
        };
        Ok(SearchResults {
            hits,
            total: total as u64,
            total_exact,
            facets,
        })
    }

    /// Snippets of the hits: the text around the first occurrence of a term, from the body if
    /// it has one, else from the title, organization or terms.
    fn snippets(&self, ids: &[i64], terms: &[String]) -> Result<HashMap<i64, Snippet>> {
        let conn = &self.conn;
        let list = ids
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let mut out = HashMap::new();
        let mut st = conn.prepare(&format!(
            "SELECT i.id, incident_fts.body, incident_fts.title, incident_fts.org, incident_fts.terms
             FROM incidents i JOIN incident_fts ON incident_fts.rowid = i.fts_key
             WHERE i.id IN ({list})"
        ))?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                [
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ],
            ))
        })?;
        for row in rows {
            let (id, texts) = row?;
            if let Some(s) = texts
                .iter()
                .flatten()
                .find_map(|t| snippet_around(t, terms, 48))
            {
                out.insert(id, s);
            }
        }
        Ok(out)
    }

    /// Hits for incident ids, in the given order.
    pub(crate) fn hits(&self, ids: &[i64]) -> Result<Vec<Hit>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = ids
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let mut st = self.conn.prepare(&format!(
            "SELECT id, year, seq, organization, title, date_key, published, affected, leak, cause,
                    actor, data_mask, sector, labels,
                    CASE WHEN published IS NOT NULL THEN 'published'
                         WHEN discovered IS NOT NULL THEN 'discovered'
                         WHEN occurred IS NOT NULL THEN 'occurred' END
             FROM incidents WHERE id IN ({list})"
        ))?;
        let rows = st.query_map([], |r| {
            Ok(Hit {
                id: r.get(0)?,
                number: format_number(r.get(1)?, r.get(2)?),
                organization: r.get(3)?,
                title: r.get(4)?,
                date: r.get(5)?,
                date_field: match r.get::<_, Option<String>>(14)?.as_deref() {
                    Some("published") => Some("published"),
                    Some("discovered") => Some("discovered"),
                    Some("occurred") => Some("occurred"),
                    _ => None,
                },
                published: r.get(6)?,
                affected: r.get::<_, Option<i64>>(7)?.map(|a| a as u64),
                leak: r.get::<_, Option<String>>(8)?.and_then(|s| s.parse().ok()),
                cause: r.get::<_, Option<String>>(9)?.and_then(|s| s.parse().ok()),
                actor: r.get::<_, Option<String>>(10)?.and_then(|s| s.parse().ok()),
                data: data_from_mask(r.get(11)?),
                sector: r.get(12)?,
                labels: r
                    .get::<_, String>(13)?
                    .split('\n')
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
                score: None,
                snippet: None,
            })
        })?;
        let mut by_id: HashMap<i64, Hit> = HashMap::new();
        for row in rows {
            let h = row?;
            by_id.insert(h.id, h);
        }
        Ok(ids.iter().filter_map(|i| by_id.remove(i)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_holds_no_control_character() {
        assert_eq!(fts_phrase("個人\0情報"), "\"個人 情報\"");
        assert_eq!(fts_phrase("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn trigrams_cover_a_term() {
        assert_eq!(covering_trigrams("usbメモリ"), ["usb", "メモリ"]);
        assert_eq!(covering_trigrams("遠隔操作"), ["遠隔操", "隔操作"]);
        assert_eq!(
            covering_trigrams("ランサムウェア"),
            ["ランサ", "ムウェ", "ウェア"]
        );
        assert_eq!(covering_trigrams("氏名"), Vec::<String>::new());
    }

    fn snip(text: &str, terms: &[&str], width: usize) -> Option<Snippet> {
        let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
        snippet_around(text, &terms, width)
    }

    #[test]
    fn snippets_are_plain_text_with_match_ranges() {
        let s = snip("前置き\n氏名及び住所が漏えい", &["住所"], 8).unwrap();
        assert_eq!(s.text, "…氏名及び住所が漏えい");
        assert_eq!(s.matches, [SnippetMatch { start: 5, end: 7 }]);
        assert_eq!(s.matched(), ["住所"]);
        // Not cut: no ellipsis; the line break is a space.
        let s = snip("前置き\n氏名及び住所", &["住所"], 16).unwrap();
        assert_eq!(s.text, "前置き 氏名及び住所");
        assert_eq!(s.matched(), ["住所"]);
        assert_eq!(snip("abc", &["x"], 8), None);
    }

    #[test]
    fn brackets_in_the_text_are_text() {
        let s = snip(
            "【対応経緯】 令和6年5月、不正アクセスを確認しました。【今後の対応】",
            &["不正アクセス"],
            48,
        )
        .unwrap();
        assert_eq!(
            s.text,
            "【対応経緯】 令和6年5月、不正アクセスを確認しました。【今後の対応】"
        );
        assert_eq!(s.matched(), ["不正アクセス"]);
        let r = &s.matches[0];
        let units: Vec<u16> = s.text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[r.start..r.end]).unwrap(),
            "不正アクセス"
        );
    }

    #[test]
    fn every_occurrence_in_the_piece_is_marked_in_utf16_units() {
        // 𠮷 is two UTF-16 code units (and four bytes).
        let s = snip(
            "𠮷野家の氏名、USBメモリと氏名と氏名簿",
            &["氏名", "usb"],
            100,
        )
        .unwrap();
        assert_eq!(s.matched(), ["氏名", "USB", "氏名", "氏名"]);
        assert_eq!(s.matches[0], SnippetMatch { start: 5, end: 7 });
        assert_eq!(s.byte_ranges()[0], "𠮷野家の".len().."𠮷野家の氏名".len());
        // Overlapping terms are one match; filter tokens (plane 15) are not shown.
        let s = snip(
            "個人情報の漏えい  \u{F0001}\u{F0002}\u{F0003}",
            &["情報", "個人情報"],
            100,
        )
        .unwrap();
        assert_eq!(s.text, "個人情報の漏えい");
        assert_eq!(s.matches, [SnippetMatch { start: 0, end: 4 }]);
        // A match cut by the edge of the piece is marked as far as it shows.
        let s = snip("氏名あいうえおかきくけこ住所", &["氏名", "住所"], 8).unwrap();
        assert_eq!(s.text, "氏名あいうえ…");
        assert_eq!(s.matched(), ["氏名"]);
    }

    #[test]
    fn pieces_cover_the_text() {
        let s = Snippet {
            text: "aあb".into(),
            matches: vec![
                SnippetMatch { start: 1, end: 2 },
                SnippetMatch { start: 7, end: 9 },
            ],
        };
        assert_eq!(s.pieces(), [("a", false), ("あ", true), ("b", false)]);
    }

    #[test]
    fn phrases_and_successors() {
        assert_eq!(fts_phrase("a\"b"), "\"a\"\"b\"");
        assert_eq!(successor("氏名").as_deref(), Some("氏后"));
        assert_eq!(successor(""), None);
    }
}
