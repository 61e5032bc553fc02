//! Ingest: a document → archived bytes and text, reports, incidents (new or linked).

use crate::dupes::{Facts, Sketch};
use crate::incident::{
    computed_for_new, create_numbered, refresh, store_derived, touch, IndexRow, Rep,
};
use crate::util::{date_bounds, org_key, sha256_hex};
use crate::values::extracted_values;
use crate::{audit, format_number, Result, Store, StoreError, EXTRACTOR, UNDATED_YEAR};
use jikenbo_extract::ExtractError;
use jikenbo_model::{clock, Incident, PartialDate, ReportKind};
use jikenbo_text::{Document, Limits, LoadError};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Where a document came from: the path or URL as given (kept with the document).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub location: Option<String>,
}

impl Source {
    pub fn new(location: impl Into<String>) -> Self {
        Source {
            location: Some(location.into()),
        }
    }
    pub fn none() -> Self {
        Source { location: None }
    }
}

/// A document ready to be stored: decoded, hashed and extracted. Preparing is pure (no store
/// access), so a caller may prepare many documents in parallel and store them one by one.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub document: Document,
    /// The original bytes (the UTF-8 text when the document was not read from bytes).
    pub original: Vec<u8>,
    /// SHA-256 of `original`, hex.
    pub sha256: String,
    /// SHA-256 of the decoded text, hex.
    pub text_sha256: String,
    pub incidents: Vec<Incident>,
    /// Each incident's report kind and 第N報 number (see [`report_kind`]), in `incidents` order.
    pub kinds: Vec<(ReportKind, Option<i64>)>,
    /// Each incident's search-index row should it become a new incident (the index then
    /// writes it without rebuilding it), in `incidents` order.
    pub index_rows: Vec<IndexRow>,
    /// Each incident's text sketch (duplicate detection; `None`: too short), in `incidents`
    /// order.
    pub sketches: Vec<Option<Sketch>>,
}

impl Prepared {
    /// Extracts a decoded document. `original` is its bytes as read (None: the text itself).
    /// A rule that fails on the document is an error for this document only.
    pub fn new(document: Document, original: Option<Vec<u8>>) -> Result<Prepared, ExtractError> {
        let original = original.unwrap_or_else(|| document.text.as_bytes().to_vec());
        let incidents = jikenbo_extract::try_extract(&document)?;
        let kinds = incidents
            .iter()
            .map(|inc| report_kind(&document.text, inc))
            .collect();
        let index_rows = incidents
            .iter()
            .map(|inc| IndexRow::for_new(inc, &document.text))
            .collect();
        let sketches = incidents
            .iter()
            .map(|inc| sketch_of(&document.text, inc))
            .collect();
        Ok(Prepared {
            kinds,
            index_rows,
            sketches,
            sha256: sha256_hex(&original),
            text_sha256: sha256_hex(document.text.as_bytes()),
            original,
            incidents,
            document,
        })
    }

    /// Decodes (see [`jikenbo_text::decode`]) and extracts the bytes of a file called `name`.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Prepared, StoreError> {
        let doc = jikenbo_text::decode(name, &bytes)?;
        Ok(Prepared::new(doc, Some(bytes))?)
    }

    /// A pasted text (web form): stored as UTF-8 text called `name`.
    pub fn from_text(name: &str, text: &str) -> Result<Prepared, StoreError> {
        Prepared::from_bytes(name, text.as_bytes().to_vec())
    }

    /// Reads, decodes and extracts a file (size checked against `limits` before reading).
    pub fn from_path(path: &Path, limits: &Limits) -> Result<Prepared, StoreError> {
        let bytes = read_input(path, limits)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        Prepared::from_bytes(&name, bytes)
    }
}

/// The sketch of an incident's section of a document's text.
pub(crate) fn sketch_of(text: &str, inc: &Incident) -> Option<Sketch> {
    Sketch::of(text.get(inc.span.start..inc.span.end)?)
}

/// Reads a file's bytes within the size limit (the same check as decoding a file).
pub fn read_input(path: &Path, limits: &Limits) -> Result<Vec<u8>, LoadError> {
    jikenbo_text::read_limited(path, limits)
}

/// What ingesting one document did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum IngestOutcome {
    Added(Added),
    Skipped(Skipped),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Added {
    pub document_id: i64,
    /// One entry per extracted incident, in the document's order.
    pub incidents: Vec<IncidentChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncidentChange {
    pub id: i64,
    /// `2024-001`.
    pub number: String,
    pub link: Link,
}

/// How a report found its incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Link {
    /// A new incident.
    New,
    /// A follow-up (第2報, 続報, ...) linked to the incident it follows.
    FollowUp,
    /// Linked to an incident with the same organization, cause and date.
    SameFacts,
    /// The same notice again (a repost: near-identical text, no fact in conflict).
    Repost,
}

impl Link {
    pub fn as_str(self) -> &'static str {
        match self {
            Link::New => "new",
            Link::FollowUp => "followup",
            Link::SameFacts => "same-facts",
            Link::Repost => "repost",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The document already stored.
    pub document_id: i64,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The same bytes are stored.
    SameBytes,
    /// A document with the same decoded text is stored.
    SameText,
}

pub use jikenbo_extract::report::report_kind;

struct Candidate {
    id: i64,
    cause: Option<String>,
    occurred: Option<String>,
    discovered: Option<String>,
    affected: Option<i64>,
    date_lo: Option<String>,
    date_hi: Option<String>,
}

/// How many recent incidents of the same organization a report is compared with.
const CANDIDATES: usize = 20;

/// The `CANDIDATES` most recent live incidents whose organization key passes `sql`'s filter,
/// leaving out `exclude` (incidents the document being stored already reports).
fn candidates(conn: &Connection, sql: &str, key: &str, exclude: &[i64]) -> Result<Vec<Candidate>> {
    let mut st = conn.prepare_cached(sql)?;
    let limit = (CANDIDATES + exclude.len()) as i64;
    let rows = st.query_map(params![key, limit], |r| {
        Ok(Candidate {
            id: r.get(0)?,
            cause: r.get(1)?,
            occurred: r.get(2)?,
            discovered: r.get(3)?,
            affected: r.get(4)?,
            date_lo: r.get(5)?,
            date_hi: r.get(6)?,
        })
    })?;
    let mut out = Vec::with_capacity(CANDIDATES);
    for c in rows {
        let c = c?;
        if !exclude.contains(&c.id) && out.len() < CANDIDATES {
            out.push(c);
        }
    }
    Ok(out)
}

/// Answered from the covering index `incidents_org_key` alone.
const CANDIDATES_EXACT: &str = "SELECT id, cause, occurred, discovered, affected, date_lo, date_hi
     FROM incidents INDEXED BY incidents_org_key
     WHERE live = 1 AND org_key = ?1
     ORDER BY id DESC LIMIT ?2";

/// Organization keys that contain one another (a scan; only when no key is equal).
const CANDIDATES_CONTAINING: &str =
    "SELECT id, cause, occurred, discovered, affected, date_lo, date_hi
     FROM incidents INDEXED BY incidents_org_key
     WHERE live = 1 AND length(org_key) >= 3
       AND (instr(org_key, ?1) > 0 OR instr(?1, org_key) > 0)
     ORDER BY id DESC LIMIT ?2";

/// The incident an extracted report belongs to, if any (see the crate docs, "Incidents, reports
/// and numbers"). `exclude`: incidents the same document already reports (a document does not
/// follow up on itself).
pub(crate) fn link_target(
    conn: &Connection,
    inc: &Incident,
    kind: ReportKind,
    exclude: &[i64],
) -> Result<Option<(i64, Link)>> {
    let Some(key) = inc.organization.as_deref().and_then(org_key) else {
        return Ok(None);
    };
    let cause = inc.cause.map(|c| c.as_str().to_string());
    let compatible = |c: &Candidate| match (&cause, &c.cause) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    let full = |d: &Option<PartialDate>| d.filter(|d| d.is_full()).map(|d| d.to_string());
    let occurred = full(&inc.occurred);
    let discovered = full(&inc.discovered);
    if kind == ReportKind::Initial {
        if occurred.is_none() && discovered.is_none() {
            return Ok(None);
        }
        // A first report of facts already stored (the same notice reposted, another source).
        let found = candidates(conn, CANDIDATES_EXACT, &key, exclude)?
            .into_iter()
            .find(|c| {
                compatible(c)
                    && ((occurred.is_some() && c.occurred == occurred)
                        || (discovered.is_some() && c.discovered == discovered))
            });
        return Ok(found.map(|c| (c.id, Link::SameFacts)));
    }
    let mut cands = candidates(conn, CANDIDATES_EXACT, &key, exclude)?;
    if cands.is_empty() && key.chars().count() >= 3 {
        cands = candidates(conn, CANDIDATES_CONTAINING, &key, exclude)?;
    }
    let (rep_lo, rep_hi) = match inc.published {
        Some(d) => {
            let (lo, hi) = date_bounds(&d);
            (Some(lo), Some(hi))
        }
        None => (None, None),
    };
    let three_years_before = rep_lo.as_ref().map(|lo| {
        let y: i32 = lo[..4].parse().unwrap_or(0);
        format!("{:04}{}", y - 3, &lo[4..])
    });
    let mut best: Option<(i64, &Candidate)> = None;
    for c in cands.iter().filter(|c| compatible(c)) {
        if let (Some(hi), Some(c_lo)) = (&rep_hi, &c.date_lo) {
            if c_lo > hi {
                continue; // the candidate is later than its follow-up
            }
        }
        if let (Some(min), Some(c_hi)) = (&three_years_before, &c.date_hi) {
            if c_hi < min {
                continue;
            }
        }
        let mut score = 0;
        if cause.is_some() && c.cause == cause {
            score += 4;
        }
        let d = |x: &Option<PartialDate>| x.map(|d| d.to_string());
        if inc.occurred.is_some() && c.occurred == d(&inc.occurred) {
            score += 3;
        }
        if inc.discovered.is_some() && c.discovered == d(&inc.discovered) {
            score += 3;
        }
        if inc.affected.is_some() && c.affected.map(|a| a as u64) == inc.affected {
            score += 1;
        }
        let better = match &best {
            None => true,
            Some((s, b)) => score > *s || (score == *s && (&c.date_lo, c.id) > (&b.date_lo, b.id)),
        };
        if better {
            best = Some((score, c));
        }
    }
    Ok(best.map(|(_, c)| (c.id, Link::FollowUp)))
}

/// Inserts a report of `incident_id` with the extracted values and its text sketch (and the
/// sketch's bands); returns the report id.
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_report(
    conn: &Connection,
    doc_id: i64,
    seq: usize,
    incident_id: i64,
    inc: &Incident,
    kind: (ReportKind, Option<i64>),
    sketch: Option<&Sketch>,
    linked_by: &str,
    at: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO reports (document_id, seq, incident_id, origin_incident_id, kind, report_no,
                              report_date, span_start, span_end, active, linked_by, minhash)
         VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10)",
    )?
    .execute(params![
        doc_id,
        seq as i64,
        incident_id,
        kind.0.as_str(),
        kind.1,
        inc.published.map(|d| d.to_string()),
        inc.span.start as i64,
        inc.span.end as i64,
        linked_by,
        sketch.map(Sketch::to_bytes)
    ])?;
    let report_id = conn.last_insert_rowid();
    insert_values(conn, report_id, inc, at)?;
    Ok(report_id)
}

pub(crate) fn insert_values(
    conn: &Connection,
    report_id: i64,
    inc: &Incident,
    at: &str,
) -> Result<()> {
    let mut st = conn.prepare_cached(
        "INSERT INTO report_values (report_id, field, value, evidence, recorded_at, extractor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (field, value, evidence) in extracted_values(inc) {
        st.execute(params![
            report_id,
            field.as_str(),
            value.to_string(),
            serde_json::to_string(&evidence)?,
            at,
            EXTRACTOR
        ])?;
    }
    Ok(())
}

/// The year an incident is numbered in: its own (published, else discovered, else occurred),
/// never the year it is recorded (a 2016 case is never #2026-…); [`UNDATED_YEAR`] when it
/// dates nothing (`#不明-012`).
pub(crate) fn number_year(
    published: Option<PartialDate>,
    discovered: Option<PartialDate>,
    occurred: Option<PartialDate>,
) -> i32 {
    published
        .or(discovered)
        .or(occurred)
        .map(|d| d.year)
        .unwrap_or(UNDATED_YEAR)
}

/// Attaches one extracted incident of document `doc_id` to the store: links it (a follow-up,
/// the same facts, or an exact repost: see `dupes.rs`) or creates an incident and records its
/// duplicate candidates; records the report, its values and sketch; refreshes the incident.
/// Returns the change and the search-index queue's sequence number of the refresh.
#[allow(clippy::too_many_arguments)]
pub(crate) fn attach(
    conn: &Connection,
    doc_id: i64,
    seq: usize,
    inc: &Incident,
    kind: (ReportKind, Option<i64>),
    sketch: Option<&Sketch>,
    exclude: &[i64],
    at: &str,
) -> Result<(IncidentChange, i64)> {
    if let Some((incident_id, link)) = link_target(conn, inc, kind.0, exclude)? {
        return attach_to(conn, doc_id, seq, inc, kind, sketch, incident_id, link, at);
    }
    let facts = Facts::of_incident(inc);
    let sketches: Vec<Sketch> = sketch.into_iter().cloned().collect();
    let found = crate::dupes::weigh_neighbours(conn, &facts, &sketches, exclude)?;
    if let Some(f) = found.iter().find(|f| f.points.repost()) {
        return attach_to(conn, doc_id, seq, inc, kind, sketch, f.id, Link::Repost, at);
    }
    // A new incident: its state is the extracted record (no read-back needed).
    let year = number_year(inc.published, inc.discovered, inc.occurred);
    let (incident_id, seq_no) = create_numbered(conn, year, at)?;
    let report_id = insert_report(conn, doc_id, seq, incident_id, inc, kind, sketch, "new", at)?;
    crate::dupes::record(conn, incident_id, &found, "ingest", at)?;
    let rep = Rep {
        id: report_id,
        document_id: doc_id,
        seq: seq as i64,
        kind: kind.0,
        report_no: kind.1,
        report_date: inc.published.map(|d| d.to_string()),
        span: inc.span,
        doc_name: inc.doc.clone(),
    };
    let queued = store_derived(conn, incident_id, &computed_for_new(rep, inc))?;
    let change = IncidentChange {
        id: incident_id,
        number: format_number(year, seq_no),
        link: Link::New,
    };
    Ok((change, queued))
}

/// Records a report of document `doc_id` as one of the existing incident `incident_id`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn attach_to(
    conn: &Connection,
    doc_id: i64,
    seq: usize,
    inc: &Incident,
    kind: (ReportKind, Option<i64>),
    sketch: Option<&Sketch>,
    incident_id: i64,
    link: Link,
    at: &str,
) -> Result<(IncidentChange, i64)> {
    insert_report(
        conn,
        doc_id,
        seq,
        incident_id,
        inc,
        kind,
        sketch,
        link.as_str(),
        at,
    )?;
    let queued = refresh(conn, incident_id)?;
    touch(conn, incident_id, at)?;
    let change = IncidentChange {
        id: incident_id,
        number: number_of(conn, incident_id)?,
        link,
    };
    Ok((change, queued))
}

pub(crate) fn number_of(conn: &Connection, id: i64) -> Result<String> {
    let (y, s): (i32, i64) = conn
        .prepare_cached("SELECT year, seq FROM incidents WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(format_number(y, s))
}

impl Store {
    /// The stored document with these original bytes (by SHA-256 hex), if any.
    pub fn document_by_hash(&self, sha256: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?)
    }

    /// SHA-256 (hex) of some bytes, as the store identifies documents.
    pub fn content_hash(bytes: &[u8]) -> String {
        sha256_hex(bytes)
    }

    /// Decodes, extracts and stores a document given as bytes (see [`Store::ingest_prepared`]).
    pub fn ingest_bytes(
        &mut self,
        name: &str,
        bytes: Vec<u8>,
        source: &Source,
        who: &str,
    ) -> Result<IngestOutcome> {
        let p = Prepared::from_bytes(name, bytes)?;
        self.ingest_prepared(&p, source, who)
    }

    /// Stores a pasted text as a document called `name` (a web form's "create from text").
    pub fn ingest_text(
        &mut self,
        name: &str,
        text: &str,
        source: &Source,
        who: &str,
    ) -> Result<IngestOutcome> {
        let p = Prepared::from_text(name, text)?;
        self.ingest_prepared(&p, source, who)
    }

    /// Stores a prepared document in one transaction: the document, then each extracted
    /// incident as a report of a new or linked incident, then an audit row. Content already
    /// stored (same bytes, or same decoded text) is skipped and nothing is written. The
    /// search index is written after the commit (in bulk mode, later).
    pub fn ingest_prepared(
        &mut self,
        p: &Prepared,
        source: &Source,
        who: &str,
    ) -> Result<IngestOutcome> {
        let tx = self.write_tx()?;
        let (out, queued) = ingest_in(&tx, p, source, who, None)?;
        if let IngestOutcome::Added(a) = &out {
            tx.commit()?;
            self.after_ingest(a, p, &queued)?;
        }
        Ok(out)
    }

    /// Stores prepared documents in one transaction, each document in a savepoint of its own:
    /// a document that fails is rolled back alone (its error is its entry of the result) and
    /// the others are stored. Nothing of the batch is stored before the commit, so a crash
    /// loses only uncommitted documents, which a re-run stores; an error of the commit itself
    /// is the call's error and nothing of the batch is stored. One commit for many documents
    /// writes each changed page once instead of once per document.
    pub fn ingest_prepared_batch(
        &mut self,
        items: &[(&Prepared, Source)],
        who: &str,
    ) -> Result<Vec<Result<IngestOutcome>>> {
        let mut tx = self.write_tx()?;
        let mut outs = Vec::with_capacity(items.len());
        let mut queued = Vec::with_capacity(items.len());
        for (p, source) in items {
            let sp = tx.savepoint()?;
            match ingest_in(&sp, p, source, who, None) {
                Ok((out, q)) => {
                    sp.commit()?;
                    outs.push(Ok(out));
                    queued.push(q);
                }
                Err(e) => {
                    drop(sp); // rolls this document back
                    outs.push(Err(e));
                    queued.push(Vec::new());
                }
            }
        }
        tx.commit()?;
        for (((p, _), out), q) in items.iter().zip(&outs).zip(&queued) {
            if let Ok(IngestOutcome::Added(a)) = out {
                self.hand_ahead(a, p, q);
            }
        }
        self.index_changes()?;
        Ok(outs)
    }

    /// After the commit of a document stored by [`ingest_in`]: hands the index rows computed
    /// with the document to the index (new incidents) and writes the index.
    pub(crate) fn after_ingest(&mut self, a: &Added, p: &Prepared, queued: &[i64]) -> Result<()> {
        self.hand_ahead(a, p, queued);
        self.index_changes()
    }

    /// Hands the index rows computed with a committed document to the index (new incidents).
    fn hand_ahead(&self, a: &Added, p: &Prepared, queued: &[i64]) {
        let mut ahead = self.ahead.lock().unwrap_or_else(|e| e.into_inner());
        for ((change, row), seq) in a.incidents.iter().zip(&p.index_rows).zip(queued) {
            if change.link == Link::New {
                ahead.insert(change.id, (*seq, row.clone()));
            }
        }
    }
}

/// Stores a prepared document in the transaction `tx`. Returns also the search-index queue's
/// sequence number of each incident's change, in the document's order.
///
/// `follow`: an incident the document is known to report (an own case's earlier notice): its
/// first report is linked to it (a follow-up, or the same facts for a first report) whatever
/// the linking rules would say; the other reports are linked by the rules.
pub(crate) fn ingest_in(
    tx: &Connection,
    p: &Prepared,
    source: &Source,
    who: &str,
    follow: Option<i64>,
) -> Result<(IngestOutcome, Vec<i64>)> {
    {
        if let Some(id) = tx
            .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")?
            .query_row([&p.sha256], |r| r.get(0))
            .optional()?
        {
            let skipped = Skipped {
                document_id: id,
                reason: SkipReason::SameBytes,
            };
            return Ok((IngestOutcome::Skipped(skipped), Vec::new()));
        }
        if let Some(id) = tx
            .prepare_cached("SELECT id FROM documents WHERE text_sha256 = ?1 LIMIT 1")?
            .query_row([&p.text_sha256], |r| r.get(0))
            .optional()?
        {
            let skipped = Skipped {
                document_id: id,
                reason: SkipReason::SameText,
            };
            return Ok((IngestOutcome::Skipped(skipped), Vec::new()));
        }
        let at = clock::now_rfc3339_millis();
        let doc = &p.document;
        let original: Option<&[u8]> =
            (p.original != doc.text.as_bytes()).then_some(p.original.as_slice());
        tx.prepare_cached(
            "INSERT INTO documents (sha256, text_sha256, name, source, format, encoding, size,
                                    original, text, ingested_at, ingested_by, extracted_at, extractor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?12)",
        )?
        .execute(params![
            p.sha256,
            p.text_sha256,
            doc.name,
            source.location,
            doc.format.as_str(),
            doc.encoding,
            p.original.len() as i64,
            original,
            doc.text,
            at,
            who,
            EXTRACTOR
        ])?;
        let doc_id = tx.last_insert_rowid();
        let mut changes: Vec<IncidentChange> = Vec::with_capacity(p.incidents.len());
        let mut queued: Vec<i64> = Vec::with_capacity(p.incidents.len());
        let mut reported: Vec<i64> = Vec::with_capacity(p.incidents.len());
        for (seq, inc) in p.incidents.iter().enumerate() {
            if inc.span.end > doc.text.len() || inc.span.start > inc.span.end {
                return Err(StoreError::Invalid(format!(
                    "{}: incident {seq} has a span outside the text",
                    doc.name
                )));
            }
            let kind = p
                .kinds
                .get(seq)
                .copied()
                .unwrap_or_else(|| report_kind(&doc.text, inc));
            let computed;
            let sketch = match p.sketches.get(seq) {
                Some(s) => s.as_ref(),
                None => {
                    computed = sketch_of(&doc.text, inc);
                    computed.as_ref()
                }
            };
            let (change, q) = match follow.filter(|f| !reported.contains(f)) {
                Some(target) => {
                    let link = if kind.0 == ReportKind::Initial {
                        Link::SameFacts
                    } else {
                        Link::FollowUp
                    };
                    attach_to(tx, doc_id, seq, inc, kind, sketch, target, link, &at)?
                }
                None => attach(tx, doc_id, seq, inc, kind, sketch, &reported, &at)?,
            };
            reported.push(change.id);
            changes.push(change);
            queued.push(q);
        }
        audit(
            tx,
            who,
            "ingest",
            None,
            Some(doc_id),
            &serde_json::json!({
                "name": doc.name,
                "source": source.location,
                "sha256": p.sha256,
                "incidents": changes.iter().map(|c| serde_json::json!({
                    "number": c.number, "link": c.link.as_str()
                })).collect::<Vec<_>>(),
            }),
        )?;
        let added = Added {
            document_id: doc_id,
            incidents: changes,
        };
        Ok((IngestOutcome::Added(added), queued))
    }
}
