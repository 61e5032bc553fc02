//! Duplicate candidates: incidents that are probably the same event told by other documents (a
//! repost, a news item, a digest line).
//!
//! Two kinds of evidence are weighed:
//! - **facts**: organization (same key, one name inside the other, or two different names), the
//!   dates of occurrence and discovery (a full date in common, or dates far apart), the count of
//!   persons, the cause;
//! - **text**: a MinHash sketch of each report's section (character 4-grams of its letters and
//!   digits, full-width folded), whose share of equal minima estimates the sections' Jaccard
//!   similarity. Six bands of three minima are kept in an in-memory index ([`BandIndex`]), so
//!   a near-identical section anywhere in the casebook is found by six hash lookups.
//!
//! Each piece of evidence adds or takes points ([`Points`]); a pair with at least
//! [`PROPOSE`] points and no conflicting organization is a candidate, with a score
//! (points / [`FULL`], at most 1) and its reasons in Japanese. A first report whose section is
//! near-identical to a stored one ([`REPOST_SIMILARITY`]) and whose facts do not conflict is an
//! exact repost: ingest links it to that incident as a further document (`linked_by = repost`);
//! the other candidates are recorded for the curator's review queue.

use crate::util::org_key;
use crate::{audit, Result, Store, StoreError};
use jikenbo_model::{clock, Cause, Date, Incident, PartialDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// Minima per sketch (the similarity estimate's standard error at 0.9 is about 0.04).
pub const K: usize = 64;
/// Bands of the sketch index, of [`ROWS`] minima each (from the first `BANDS * ROWS` minima): a
/// pair of similarity 0.8 shares a band with probability 0.99, of 0.5 with 0.55, of 0.3 with
/// 0.15, of 0.05 (unrelated notices) with 0.001.
pub const BANDS: usize = 6;
const ROWS: usize = 3;
/// Sections with fewer 4-grams get no sketch (too short to compare by text).
pub const MIN_SHINGLES: usize = 24;
/// Estimated similarity from which a first report is an exact repost (when no fact conflicts).
pub const REPOST_SIMILARITY: f64 = 0.8;
/// Points from which a pair is proposed.
pub const PROPOSE: i32 = 5;
/// The most points text similarity gives (similarity 0.75 or more).
const MAX_TEXT_POINTS: i32 = 4;
/// Points of a certain duplicate (score 1.0).
pub const FULL: i32 = 10;

/// A MinHash sketch of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch(pub [u32; K]);

const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The K hash functions: `(a * x + b) >> 32` with odd multipliers.
const COEFFS: [(u64, u64); K] = {
    let mut out = [(0u64, 0u64); K];
    let mut i = 0;
    while i < K {
        out[i] = (
            mix(0x9e37_79b9 + i as u64) | 1,
            mix(0x7f4a_7c15 ^ (i as u64) << 32),
        );
        i += 1;
    }
    out
};

/// Folds a character for comparison: full-width ASCII to ASCII, lower case; `None` for what is
/// not a letter or digit (spaces, punctuation, symbols: layout, not content).
fn fold(c: char) -> Option<char> {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.is_alphanumeric().then(|| c.to_ascii_lowercase())
}

impl Sketch {
    /// The sketch of a text, `None` when it has fewer than [`MIN_SHINGLES`] 4-grams.
    pub fn of(text: &str) -> Option<Sketch> {
        let mut mins = [u32::MAX; K];
        let mut window = [0u32; 4];
        let mut seen = 0usize;
        for c in text.chars().filter_map(fold) {
            window.rotate_left(1);
            window[3] = c as u32;
            seen += 1;
            if seen < 4 {
                continue;
            }
            let x = mix((window[0] as u64) << 42
                ^ (window[1] as u64) << 21
                ^ window[2] as u64
                ^ (window[3] as u64).rotate_left(53));
            for (m, (a, b)) in mins.iter_mut().zip(COEFFS.iter()) {
                let h = (x.wrapping_mul(*a).wrapping_add(*b) >> 32) as u32;
                if h < *m {
                    *m = h;
                }
            }
        }
        (seen >= MIN_SHINGLES + 3).then_some(Sketch(mins))
    }

    /// The share of equal minima: an estimate of the Jaccard similarity of the two 4-gram sets.
    pub fn similarity(&self, other: &Sketch) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / K as f64
    }

    /// The band keys (band hash, band number in the low 3 bits).
    pub fn bands(&self) -> [i64; BANDS] {
        let mut out = [0i64; BANDS];
        for (b, key) in out.iter_mut().enumerate() {
            let mut h = b as u64;
            for v in &self.0[b * ROWS..(b + 1) * ROWS] {
                h = mix(h ^ *v as u64);
            }
            *key = ((h & !7) | b as u64) as i64;
        }
        out
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    pub fn from_bytes(b: &[u8]) -> Option<Sketch> {
        if b.len() != K * 4 {
            return None;
        }
        let mut out = [0u32; K];
        for (o, c) in out.iter_mut().zip(b.chunks_exact(4)) {
            *o = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        Some(Sketch(out))
    }
}

/// The sketch bands of a store's reports, in memory: band key → report ids, ascending. Built
/// from `reports.minhash` the first time a process looks for a text neighbour in a store file,
/// then extended with the reports added since (by id) before each lookup; a changed sketch
/// updates it ([`set_sketch`]). An entry can be stale (a report rolled back, deactivated or
/// moved): every hit is checked against the reports table, so staleness costs a lookup, never a
/// wrong pair. Reports another process adds are read at the next lookup, as ours are.
#[derive(Debug, Default)]
pub(crate) struct BandIndex {
    /// The highest report id read.
    seen: i64,
    map: HashMap<i64, Vec<i64>>,
}

/// One index per store file in this process (stores opened on one file share it).
static BAND_INDEXES: LazyLock<Mutex<HashMap<String, BandIndex>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

impl BandIndex {
    fn add(&mut self, id: i64, s: &Sketch) {
        for key in s.bands() {
            let v = self.map.entry(key).or_default();
            match v.binary_search(&id) {
                Ok(_) => {}
                Err(i) => v.insert(i, id),
            }
        }
    }

    fn remove(&mut self, id: i64, s: &Sketch) {
        for key in s.bands() {
            if let Some(v) = self.map.get_mut(&key) {
                if let Ok(i) = v.binary_search(&id) {
                    v.remove(i);
                }
            }
        }
    }

    /// Reads the sketches of the reports added since the last call.
    fn refresh(&mut self, conn: &Connection) -> Result<()> {
        // Fewer reports than read: the file was replaced (or a transaction that added them
        // rolled back): read it again.
        let max: i64 = conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM reports")?
            .query_row([], |r| r.get(0))?;
        if max < self.seen {
            *self = BandIndex::default();
        }
        let mut st = conn.prepare_cached(
            "SELECT id, minhash FROM reports WHERE id > ?1 AND minhash IS NOT NULL ORDER BY id",
        )?;
        let mut rows = st.query([self.seen])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let b: Vec<u8> = r.get(1)?;
            if let Some(s) = Sketch::from_bytes(&b) {
                self.add(id, &s);
            }
            self.seen = id;
        }
        Ok(())
    }

    /// The reports sharing bands with `sk`: the newest `per_band` of each band, those sharing
    /// most bands first, newest first among equals.
    fn hits(&self, sk: &Sketch, per_band: usize) -> Vec<(i64, u32)> {
        let mut hits: Vec<(i64, u32)> = Vec::new();
        for key in sk.bands() {
            let Some(v) = self.map.get(&key) else {
                continue;
            };
            for rid in v.iter().rev().take(per_band) {
                match hits.iter_mut().find(|(r, _)| r == rid) {
                    Some((_, n)) => *n += 1,
                    None => hits.push((*rid, 1)),
                }
            }
        }
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        hits
    }
}

/// Runs `f` with the band index of the store `conn` is on, brought up to date (a store without
/// a file: an index built for this call).
fn with_band_index<T>(conn: &Connection, f: impl FnOnce(&BandIndex) -> T) -> Result<T> {
    match conn.path().filter(|p| !p.is_empty()) {
        Some(path) => {
            let mut all = BAND_INDEXES.lock().unwrap_or_else(|e| e.into_inner());
            let idx = all.entry(path.to_string()).or_default();
            idx.refresh(conn)?;
            Ok(f(idx))
        }
        None => {
            let mut idx = BandIndex::default();
            idx.refresh(conn)?;
            Ok(f(&idx))
        }
    }
}

/// Replaces a report's sketch (its section changed, or it had none), in the table and in the
/// band index.
pub(crate) fn set_sketch(conn: &Connection, report_id: i64, sketch: Option<&Sketch>) -> Result<()> {
    let old: Option<Vec<u8>> = conn
        .prepare_cached("SELECT minhash FROM reports WHERE id = ?1")?
        .query_row([report_id], |r| r.get(0))
        .optional()?
        .flatten();
    conn.prepare_cached("UPDATE reports SET minhash = ?2 WHERE id = ?1")?
        .execute(params![report_id, sketch.map(Sketch::to_bytes)])?;
    if let Some(path) = conn.path().filter(|p| !p.is_empty()) {
        let mut all = BAND_INDEXES.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(idx) = all.get_mut(path) {
            if report_id <= idx.seen {
                if let Some(s) = old.as_deref().and_then(Sketch::from_bytes) {
                    idx.remove(report_id, &s);
                }
                if let Some(s) = sketch {
                    idx.add(report_id, s);
                }
            }
        }
    }
    Ok(())
}

/// The facts of an incident that duplicate detection compares.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    pub id: i64,
    pub org_key: Option<String>,
    pub occurred: Option<PartialDate>,
    pub discovered: Option<PartialDate>,
    pub published: Option<PartialDate>,
    pub affected: Option<u64>,
    pub cause: Option<Cause>,
}

impl Facts {
    pub fn of_incident(inc: &Incident) -> Facts {
        Facts {
            id: 0,
            org_key: inc.organization.as_deref().and_then(org_key),
            occurred: inc.occurred,
            discovered: inc.discovered,
            published: inc.published,
            affected: inc.affected,
            cause: inc.cause,
        }
    }
}

const FACTS_SQL: &str = "SELECT id, org_key, occurred, discovered, published, affected, cause
     FROM incidents WHERE id = ?1 AND live = 1";

fn facts_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Facts> {
    let date = |s: Option<String>| s.and_then(|d| d.parse().ok());
    Ok(Facts {
        id: r.get(0)?,
        org_key: r.get(1)?,
        occurred: date(r.get(2)?),
        discovered: date(r.get(3)?),
        published: date(r.get(4)?),
        affected: r.get::<_, Option<i64>>(5)?.map(|a| a as u64),
        cause: r.get::<_, Option<String>>(6)?.and_then(|c| c.parse().ok()),
    })
}

fn live_facts(conn: &Connection, id: i64) -> Result<Option<Facts>> {
    Ok(conn
        .prepare_cached(FACTS_SQL)?
        .query_row([id], facts_row)
        .optional()?)
}

/// The sketches of an incident's active reports.
fn sketches_of(conn: &Connection, id: i64) -> Result<Vec<Sketch>> {
    let mut st = conn.prepare_cached(
        "SELECT minhash FROM reports WHERE incident_id = ?1 AND active = 1 AND minhash IS NOT NULL",
    )?;
    let rows = st.query_map([id], |r| r.get::<_, Vec<u8>>(0))?;
    let mut out = Vec::new();
    for b in rows {
        if let Some(s) = Sketch::from_bytes(&b?) {
            out.push(s);
        }
    }
    Ok(out)
}

/// One piece of evidence for or against a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Reason {
    /// `same_org`, `similar_org`, `other_org`, `same_date`, `far_dates`, `near_published`,
    /// `same_count`, `other_count`, `same_cause`, `related_cause`, `other_cause`,
    /// `similar_text`.
    pub code: String,
    /// In Japanese, with the values (`判明日が一致 (2024-05-10)`).
    pub text: String,
    pub points: i32,
}

/// The points of one comparison.
#[derive(Debug, Clone, Default)]
pub struct Points {
    pub points: i32,
    pub reasons: Vec<Reason>,
    /// The highest estimated similarity of two of the pair's sections (0 when not compared).
    pub similarity: f64,
    /// A fact conflicts (other organization, dates far apart, other count or cause).
    pub conflict: bool,
    /// The organizations are named and differ.
    pub other_org: bool,
}

impl Points {
    fn add(&mut self, code: &str, text: String, points: i32) {
        self.points += points;
        if points < 0 {
            self.conflict = true;
        }
        self.reasons.push(Reason {
            code: code.into(),
            text,
            points,
        });
    }

    /// Points as a score between 0 and 1.
    pub fn score(&self) -> f64 {
        (self.points as f64 / FULL as f64).clamp(0.0, 1.0)
    }

    /// A pair to propose to the curator.
    pub fn proposed(&self) -> bool {
        self.points >= PROPOSE && !self.other_org
    }

    /// The same notice again: linked without asking.
    pub fn repost(&self) -> bool {
        self.similarity >= REPOST_SIMILARITY && !self.conflict
    }
}

/// Days more than which two dates of the same kind do not denote the same event.
const FAR_DAYS: i64 = 45;

/// The first and last day a partial date may denote (`None` for a year outside 1..=99999).
fn day_range(d: &PartialDate) -> Option<(Date, Date)> {
    let (lo, hi) = d.bounds();
    Some((lo.to_date()?, hi.to_date()?))
}

fn far_apart(a: &PartialDate, b: &PartialDate) -> bool {
    match (day_range(a), day_range(b)) {
        (Some((alo, ahi)), Some((blo, bhi))) => {
            blo.days_since(ahi) > FAR_DAYS || alo.days_since(bhi) > FAR_DAYS
        }
        _ => false,
    }
}

/// Weighs the facts of two incidents and the highest similarity of their sections (0: not
/// compared, or no sketch).
pub(crate) fn weigh(a: &Facts, b: &Facts, sim: f64) -> Points {
    let mut p = Points::default();
    match (&a.org_key, &b.org_key) {
        (Some(x), Some(y)) if x == y => p.add("same_org", "組織名が一致".into(), 3),
        (Some(x), Some(y))
            if x.chars().count() >= 3
                && y.chars().count() >= 3
                && (x.contains(y.as_str()) || y.contains(x.as_str())) =>
        {
            p.add("similar_org", "組織名の一方が他方を含む".into(), 2)
        }
        (Some(_), Some(_)) => {
            p.add("other_org", "組織名が異なる".into(), -6);
            p.other_org = true;
        }
        _ => {}
    }
    // Dates: a full date of occurrence or discovery in common; dates of the same kind far apart.
    let full = |d: &Option<PartialDate>| d.filter(|d| d.is_full());
    let mine = [full(&a.occurred), full(&a.discovered)];
    let theirs = [full(&b.occurred), full(&b.discovered)];
    if let Some(d) = mine
        .iter()
        .flatten()
        .find(|d| theirs.iter().flatten().any(|t| t == *d))
    {
        p.add("same_date", format!("発生日または判明日が一致 ({d})"), 2);
    } else {
        let far = [(&a.occurred, &b.occurred), (&a.discovered, &b.discovered)]
            .iter()
            .find_map(|(x, y)| match (x, y) {
                (Some(x), Some(y)) if far_apart(x, y) => Some((*x, *y)),
                _ => None,
            });
        if let Some((x, y)) = far {
            p.add("far_dates", format!("日付が離れている ({x} / {y})"), -3);
        } else if let (Some(x), Some(y)) = (&a.published, &b.published) {
            // Two notices published years apart are rarely one event (a repost follows soon).
            if (x.year - y.year).abs() >= 2 {
                p.add(
                    "far_dates",
                    format!("公表日が2年以上離れている ({x} / {y})"),
                    -3,
                );
            }
        }
    }
    // Published within three days: a notice and its news items or reposts.
    if let (Some(x), Some(y)) = (full(&a.published), full(&b.published)) {
        let near = x.to_date().zip(y.to_date());
        if near.is_some_and(|(xd, yd)| xd.days_since(yd).abs() <= 3) {
            p.add("near_published", format!("公表日が近い ({x} / {y})"), 1);
        }
    }
    match (a.affected, b.affected) {
        (Some(x), Some(y)) if x == y => p.add(
            "same_count",
            format!("人数が一致 ({})", crate::util::with_commas(x)),
            2,
        ),
        (Some(x), Some(y)) => p.add(
            "other_count",
            format!(
                "人数が異なる ({} / {})",
                crate::util::with_commas(x),
                crate::util::with_commas(y)
            ),
            -1,
        ),
        _ => {}
    }
    match (a.cause, b.cause) {
        (Some(x), Some(y)) if x == y => p.add("same_cause", format!("原因が一致 ({})", x.ja()), 1),
        // one attack read as two causes (ransomware after unauthorized access): no conflict
        (Some(x), Some(y)) if x.is_attack() && y.is_attack() => p.add(
            "related_cause",
            format!("原因が近い ({} / {})", x.ja(), y.ja()),
            0,
        ),
        (Some(x), Some(y)) => p.add(
            "other_cause",
            format!("原因が異なる ({} / {})", x.ja(), y.ja()),
            -2,
        ),
        _ => {}
    }
    p.similarity = sim;
    let text_points = if sim >= 0.75 {
        MAX_TEXT_POINTS
    } else if sim >= 0.5 {
        2
    } else if sim >= 0.3 {
        1
    } else {
        0
    };
    if text_points > 0 {
        p.add(
            "similar_text",
            format!("本文の類似度 {:.0}%", sim * 100.0),
            text_points,
        );
    }
    p
}

/// How many incidents of the same organization are compared at most (the most recent: a
/// repost or a news item follows its notice closely), and how many sketch-band matches.
const SAME_ORG: i64 = 12;
const BAND_HITS: usize = 8;
/// The newest reports read per band.
const PER_BAND: usize = 8;
/// Band matches less similar than this are no text evidence and are dropped.
const MIN_SIMILARITY: f64 = 0.3;

/// The newest live incidents of an organization (?1), at most ?2 (a covering index).
const SAME_ORG_SQL: &str = "
    SELECT id, org_key, occurred, discovered, published, affected, cause
    FROM incidents WHERE live = 1 AND org_key = ?1 ORDER BY id DESC LIMIT ?2";

/// The sketch of an incident's newest active report.
const LATEST_SKETCH_SQL: &str = "
    SELECT minhash FROM reports WHERE incident_id = ?1 AND active = 1
    ORDER BY id DESC LIMIT 1";

/// The newest live incidents with a count (?1) or discovered on a day (?2), at most ?3 of each
/// (a NULL parameter finds nothing); with ?4 = 1 only those without an organization.
const SAME_FACTS_SQL: &str = "
    SELECT * FROM (SELECT id, org_key, occurred, discovered, published, affected, cause
                   FROM incidents WHERE live = 1 AND affected = ?1 AND (?4 = 0 OR org_key IS NULL)
                   ORDER BY id DESC LIMIT ?3)
    UNION ALL
    SELECT * FROM (SELECT id, org_key, occurred, discovered, published, affected, cause
                   FROM incidents WHERE live = 1 AND discovered = ?2 AND (?4 = 0 OR org_key IS NULL)
                   ORDER BY id DESC LIMIT ?3)";

/// A report's incident (live, the report active) with its facts and the report's sketch.
const REPORT_FACTS_SQL: &str = "
    SELECT i.id, i.org_key, i.occurred, i.discovered, i.published, i.affected, i.cause, r.minhash
    FROM reports r JOIN incidents i ON i.id = r.incident_id
    WHERE r.id = ?1 AND r.active = 1 AND i.live = 1";

/// A candidate found for an incident.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub id: i64,
    pub points: Points,
}

/// Weighs the live incidents that might be the same event as one with these facts and
/// sketches: the most recent incidents of the same organization key, and those with a report
/// whose sketch shares a band with one of `sketches` (compared by text; an incident of the
/// same organization without a band in common counts as dissimilar). `exclude`: incidents the
/// same document reports. Best first.
pub(crate) fn weigh_neighbours(
    conn: &Connection,
    facts: &Facts,
    sketches: &[Sketch],
    exclude: &[i64],
) -> Result<Vec<Found>> {
    // Candidate incidents with their facts and the best text similarity seen (0: none).
    let mut cands: Vec<(Facts, f64)> = Vec::new();
    let mut add = |f: Facts, sim: f64| {
        if f.id == facts.id || exclude.contains(&f.id) {
            return;
        }
        match cands.iter_mut().find(|(c, _)| c.id == f.id) {
            Some((_, s)) => *s = s.max(sim),
            None => cands.push((f, sim)),
        }
    };
    let best_sim = |mh: Option<Vec<u8>>| {
        mh.as_deref().and_then(Sketch::from_bytes).map_or(0.0, |o| {
            sketches
                .iter()
                .map(|s| s.similarity(&o))
                .fold(0.0, f64::max)
        })
    };
    if let Some(key) = &facts.org_key {
        // A record that names its organization: the same organization's recent incidents,
        // compared by text with their newest report (a repost names the organization as its
        // original does).
        // Text only decides a pair that could still be a repost (nothing against it) or be
        // proposed with the most text can give: the others are settled by their facts.
        let mut st = conn.prepare_cached(SAME_ORG_SQL)?;
        let mut sketch = conn.prepare_cached(LATEST_SKETCH_SQL)?;
        for c in st.query_map(params![key, SAME_ORG], facts_row)? {
            let c = c?;
            let pre = weigh(facts, &c, 0.0);
            let text_matters =
                !pre.conflict || (!pre.other_org && pre.points + MAX_TEXT_POINTS >= PROPOSE);
            let sim = if text_matters && !sketches.is_empty() {
                best_sim(sketch.query_row([c.id], |r| r.get(0)).optional()?.flatten())
            } else {
                0.0
            };
            add(c, sim);
        }
    } else if !sketches.is_empty() {
        // No organization: text neighbours by sketch bands, the newest reports of each band,
        // those sharing most bands first (a band that thousands of reports share is
        // boilerplate, so only the newest few of each are read).
        let mut report = conn.prepare_cached(REPORT_FACTS_SQL)?;
        let mut hits = with_band_index(conn, |idx| {
            let mut all: Vec<(i64, u32)> = Vec::new();
            for sk in sketches {
                for (rid, n) in idx.hits(sk, PER_BAND) {
                    match all.iter_mut().find(|(r, _)| *r == rid) {
                        Some((_, m)) => *m = (*m).max(n),
                        None => all.push((rid, n)),
                    }
                }
            }
            all
        })?;
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        for (rid, _) in hits.into_iter().take(BAND_HITS) {
            let mut rows = report.query([rid])?;
            if let Some(row) = rows.next()? {
                let sim = best_sim(row.get(7)?);
                if sim >= MIN_SIMILARITY {
                    add(facts_row(row)?, sim);
                }
            }
        }
    }
    // The same count (not a small one) or the same day of discovery: a record whose
    // organization was not read (only those, when this record names its organization: a
    // different one vetoes the pair).
    let affected = facts.affected.filter(|n| *n >= 10).map(|n| n as i64);
    let discovered = facts
        .discovered
        .filter(|d| d.is_full())
        .map(|d| d.to_string());
    if affected.is_some() || discovered.is_some() {
        let mut st = conn.prepare_cached(SAME_FACTS_SQL)?;
        let only_unnamed = facts.org_key.is_some() as i64;
        for f in st.query_map(
            params![affected, discovered, SAME_ORG, only_unnamed],
            facts_row,
        )? {
            add(f?, 0.0);
        }
    }
    let mut found: Vec<Found> = cands
        .into_iter()
        .map(|(c, sim)| Found {
            id: c.id,
            points: weigh(facts, &c, sim),
        })
        .collect();
    found.sort_by(|a, b| {
        b.points
            .points
            .cmp(&a.points.points)
            .then(b.points.similarity.total_cmp(&a.points.similarity))
            .then(b.id.cmp(&a.id))
    });
    Ok(found)
}

/// Records the proposed pairs of `id` (open, unless the pair was decided before: a decision
/// stands). Returns how many pairs were new.
pub(crate) fn record(
    conn: &Connection,
    id: i64,
    found: &[Found],
    by: &str,
    at: &str,
) -> Result<usize> {
    let mut n = 0;
    let mut st = conn.prepare_cached(
        "INSERT INTO dup_candidates (a, b, score, reasons, status, found_by, found_at)
         VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6)
         ON CONFLICT (a, b) DO UPDATE SET score = excluded.score, reasons = excluded.reasons
            WHERE dup_candidates.status = 'open'",
    )?;
    for f in found.iter().filter(|f| f.points.proposed()) {
        let (a, b) = (id.min(f.id), id.max(f.id));
        let reasons = serde_json::to_string(&f.points.reasons)?;
        let before = conn.total_changes();
        st.execute(params![a, b, f.points.score(), reasons, by, at])?;
        if conn.total_changes() > before {
            n += 1;
        }
    }
    Ok(n)
}

/// A pair of incidents in the review queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DupCandidate {
    pub id: i64,
    /// The older incident (its number) and the newer one.
    pub a: String,
    pub b: String,
    pub a_id: i64,
    pub b_id: i64,
    pub score: f64,
    pub reasons: Vec<Reason>,
    pub status: String,
    pub found_by: String,
    pub found_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

/// What `dupes` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DupesSummary {
    /// Live incidents compared.
    pub incidents: u64,
    /// Report sketches computed for reports that had none.
    pub sketched: u64,
    /// Pairs newly proposed.
    pub new_pairs: u64,
    /// Open pairs after the run.
    pub open: u64,
}

fn candidate_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DupCandidate> {
    let reasons: String = r.get(6)?;
    Ok(DupCandidate {
        id: r.get(0)?,
        a_id: r.get(1)?,
        b_id: r.get(2)?,
        a: crate::format_number(r.get(3)?, r.get(4)?),
        b: crate::format_number(r.get(7)?, r.get(8)?),
        score: r.get(5)?,
        reasons: serde_json::from_str(&reasons).unwrap_or_default(),
        status: r.get(9)?,
        found_by: r.get(10)?,
        found_at: r.get(11)?,
        decided_by: r.get(12)?,
        decided_at: r.get(13)?,
    })
}

const CANDIDATE_SQL: &str =
    "SELECT c.id, c.a, c.b, ia.year, ia.seq, c.score, c.reasons, ib.year, ib.seq,
            c.status, c.found_by, c.found_at, c.decided_by, c.decided_at
     FROM dup_candidates c JOIN incidents ia ON ia.id = c.a JOIN incidents ib ON ib.id = c.b";

impl Store {
    /// Compares every live incident with its neighbours (same organization, shared sketch band)
    /// and records the pairs to propose; first sketches the reports that have none (documents
    /// stored before sketches existed, or re-extracted). One transaction.
    pub fn find_duplicates(&mut self, who: &str) -> Result<DupesSummary> {
        let tx = self.write_tx()?;
        let at = clock::now_rfc3339_millis();
        let mut sum = DupesSummary::default();
        // Sketch the reports that have none.
        let missing: Vec<(i64, i64, i64, i64)> = {
            let mut st = tx.prepare(
                "SELECT id, document_id, span_start, span_end FROM reports
                 WHERE active = 1 AND minhash IS NULL",
            )?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        {
            let mut text = tx.prepare_cached(
                "SELECT substr(CAST(text AS BLOB), ?2 + 1, ?3 - ?2) FROM documents WHERE id = ?1",
            )?;
            for (rid, doc, s, e) in missing {
                let b: Vec<u8> = text.query_row(params![doc, s, e], |r| r.get(0))?;
                let sk = Sketch::of(&String::from_utf8_lossy(&b));
                if sk.is_some() {
                    set_sketch(&tx, rid, sk.as_ref())?;
                    sum.sketched += 1;
                }
            }
        }
        let ids: Vec<i64> = {
            let mut st = tx.prepare("SELECT id FROM incidents WHERE live = 1 ORDER BY id")?;
            let rows = st.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for id in &ids {
            let Some(facts) = live_facts(&tx, *id)? else {
                continue;
            };
            let sketches = sketches_of(&tx, *id)?;
            // Each pair once: only neighbours with a smaller id.
            let found: Vec<Found> = weigh_neighbours(&tx, &facts, &sketches, &[])?
                .into_iter()
                .filter(|f| f.id < *id)
                .collect();
            sum.new_pairs += record(&tx, *id, &found, "scan", &at)? as u64;
        }
        sum.incidents = ids.len() as u64;
        sum.open = tx.query_row::<i64, _, _>(
            "SELECT count(*) FROM dup_candidates c JOIN incidents ia ON ia.id = c.a
             JOIN incidents ib ON ib.id = c.b
             WHERE c.status = 'open' AND ia.live = 1 AND ib.live = 1",
            [],
            |r| r.get(0),
        )? as u64;
        audit(
            &tx,
            who,
            "dupes",
            None,
            None,
            &json!({ "new_pairs": sum.new_pairs, "open": sum.open, "sketched": sum.sketched }),
        )?;
        tx.commit()?;
        Ok(sum)
    }

    /// Candidate pairs: `status` open (both incidents still live), merged or dismissed; `None`:
    /// all. Best score first, at most `limit`.
    pub fn dup_candidates(&self, status: Option<&str>, limit: usize) -> Result<Vec<DupCandidate>> {
        let sql = format!(
            "{CANDIDATE_SQL} WHERE (?1 IS NULL OR c.status = ?1)
               AND (c.status <> 'open' OR (ia.live = 1 AND ib.live = 1))
             ORDER BY c.status = 'open' DESC, c.score DESC, c.id LIMIT ?2"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params![status, limit as i64], candidate_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One candidate pair.
    pub fn dup_candidate(&self, id: i64) -> Result<DupCandidate> {
        let sql = format!("{CANDIDATE_SQL} WHERE c.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], candidate_row)
            .optional()?
            .ok_or_else(|| StoreError::Invalid(format!("no duplicate candidate {id}")))
    }

    /// Open candidate pairs whose incidents are both live.
    pub fn open_dup_count(&self) -> Result<u64> {
        Ok(self.conn.query_row::<i64, _, _>(
            "SELECT count(*) FROM dup_candidates c JOIN incidents ia ON ia.id = c.a
             JOIN incidents ib ON ib.id = c.b
             WHERE c.status = 'open' AND ia.live = 1 AND ib.live = 1",
            [],
            |r| r.get(0),
        )? as u64)
    }

    /// Open candidate pairs that involve incident `id`.
    pub fn dup_candidates_of(&self, id: i64) -> Result<Vec<DupCandidate>> {
        let sql = format!(
            "{CANDIDATE_SQL} WHERE (c.a = ?1 OR c.b = ?1) AND c.status = 'open'
               AND ia.live = 1 AND ib.live = 1 ORDER BY c.score DESC"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map([id], candidate_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Decides a candidate pair: `merge` merges the newer incident into the older (see
    /// [`Store::merge`]; undone by splitting its reports off, which brings its number back),
    /// `dismiss` marks them distinct, `reopen` puts a dismissed pair back in the queue. Audited
    /// (actions `dupe-merge`, `dupe-dismiss`, `dupe-reopen`). Returns the pair as decided.
    pub fn decide_dup(
        &mut self,
        id: i64,
        decision: DupDecision,
        who: &str,
    ) -> Result<DupCandidate> {
        let c = self.dup_candidate(id)?;
        match decision {
            DupDecision::Merge => {
                if c.status != "open" {
                    return Err(StoreError::Invalid(format!(
                        "candidate {id} is {} already",
                        c.status
                    )));
                }
                // One transaction for the merge and the decision: merge_in does both.
                self.merge_pair(&c, who)?;
            }
            DupDecision::Dismiss | DupDecision::Reopen => {
                let (from, to, action) = match decision {
                    DupDecision::Dismiss => ("open", "dismissed", "dupe-dismiss"),
                    _ => ("dismissed", "open", "dupe-reopen"),
                };
                if c.status != from {
                    return Err(StoreError::Invalid(format!(
                        "candidate {id} is {}, not {from}",
                        c.status
                    )));
                }
                let tx = self.write_tx()?;
                let at = clock::now_rfc3339_millis();
                tx.execute(
                    "UPDATE dup_candidates SET status = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1",
                    params![id, to, who, at],
                )?;
                audit(
                    &tx,
                    who,
                    action,
                    Some(c.a_id),
                    None,
                    &json!({ "candidate": id, "a": c.a, "b": c.b }),
                )?;
                tx.commit()?;
            }
        }
        self.dup_candidate(id)
    }

    fn merge_pair(&mut self, c: &DupCandidate, who: &str) -> Result<()> {
        let into = crate::IncidentRef::Id(c.a_id);
        let other = crate::IncidentRef::Id(c.b_id);
        self.merge_with(into, &[other], who, Some(c.id))?;
        Ok(())
    }
}

/// A curator's decision on a candidate pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DupDecision {
    Merge,
    Dismiss,
    Reopen,
}

impl std::str::FromStr for DupDecision {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "merge" => Ok(DupDecision::Merge),
            "dismiss" => Ok(DupDecision::Dismiss),
            "reopen" => Ok(DupDecision::Reopen),
            _ => Err(StoreError::Invalid(format!(
                "unknown decision {s:?} (merge, dismiss, reopen)"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTICE: &str =
        "このたび、当社の委託先においてお客様情報を記載したメールを誤って別のお客様に\
        送信したことが、2024年5月10日に判明しました。対象は1,234名の氏名、住所、電話番号です。\
        送信先のお客様には削除をお願いし、削除した旨のご連絡をいただいております。\
        現時点で不正利用の報告はありません。対象のお客様には個別にお詫びとご説明のご連絡を\
        差し上げております。今後は送信前の宛先確認を二名で行うこととし、委託先への監督を強化して\
        再発防止に努めてまいります。お客様にご不便とご不安をおかけしたことを\
        深くお詫び申し上げます。本件に関するお問い合わせは専用窓口までお願いいたします。";

    #[test]
    fn a_repost_with_a_line_added_is_near_identical_other_text_is_not() {
        let a = Sketch::of(NOTICE).unwrap();
        let b = Sketch::of(&format!(
            "【転載】以下、公式発表より。\n{NOTICE}\nタグ: 誤送信"
        ))
        .unwrap();
        assert!(
            a.similarity(&b) >= REPOST_SIMILARITY,
            "{}",
            a.similarity(&b)
        );
        let c = Sketch::of(
            "市立図書館で利用者カードの申込書3枚を紛失しました。館内を捜索しましたが見つかっておらず、\
             警察に遺失届を提出しました。関係者の皆様に深くお詫び申し上げます。",
        )
        .unwrap();
        assert!(a.similarity(&c) < 0.2, "{}", a.similarity(&c));
        // bands: an identical text shares all six
        assert_eq!(a.bands(), Sketch::of(NOTICE).unwrap().bands());
        assert_eq!(Sketch::from_bytes(&a.to_bytes()), Some(a));
        assert!(Sketch::of("短い文").is_none());
    }

    #[test]
    fn full_width_and_spaces_do_not_change_the_sketch() {
        let a = Sketch::of(
            "対象は１，２３４名の氏名、住所、電話番号です。現時点で不正利用の報告はありません。",
        )
        .unwrap();
        let b = Sketch::of(
            "対象は 1,234 名の氏名・住所・電話番号です。 現時点で不正利用の報告はありません。",
        )
        .unwrap();
        assert_eq!(a, b);
    }

    fn facts(org: &str, discovered: &str, affected: Option<u64>, cause: Option<Cause>) -> Facts {
        Facts {
            id: 0,
            org_key: org_key(org),
            occurred: None,
            discovered: discovered.parse().ok(),
            published: None,
            affected,
            cause,
        }
    }

    #[test]
    fn same_facts_propose_other_facts_do_not() {
        let a = facts(
            "みどり市",
            "2024-05-10",
            Some(1234),
            Some(Cause::Misdelivery),
        );
        // a news item: same organization, date, count and cause, other words
        let p = weigh(&a, &a.clone(), 0.0);
        assert!(p.proposed() && !p.repost(), "{p:?}");
        assert_eq!(p.points, 8);
        // a digest line: organization, count and cause
        let line = facts("みどり市", "", Some(1234), Some(Cause::Misdelivery));
        assert!(weigh(&a, &line, 0.0).proposed());
        // the same city, another incident
        let other = facts("みどり市", "2023-02-01", Some(40), Some(Cause::LossTheft));
        let p = weigh(&a, &other, 0.0);
        assert!(!p.proposed(), "{p:?}");
        assert!(p.reasons.iter().any(|r| r.code == "far_dates"));
        // two organizations, same day and cause
        let twin = facts(
            "あおぞら町",
            "2024-05-10",
            Some(1234),
            Some(Cause::Misdelivery),
        );
        assert!(!weigh(&a, &twin, 0.0).proposed());
    }
}
