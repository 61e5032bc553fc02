//! An incident's current state, computed from its reports, overrides and labels, and written to
//! the derived columns, the label index and the search index.

use crate::util::{data_mask, date_bounds, nfkc, org_key, split_labels};
use crate::values::Effective;
use crate::Result;
use jikenbo_model::{Date, Field, Incident, ReportKind, Span};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// Creates an incident numbered in `year` (the next free sequence number); returns its id.
pub(crate) fn create_incident(conn: &Connection, year: i32, at: &str) -> Result<i64> {
    Ok(create_numbered(conn, year, at)?.0)
}

/// Creates an incident numbered in `year`; returns its id and sequence number.
pub(crate) fn create_numbered(conn: &Connection, year: i32, at: &str) -> Result<(i64, i64)> {
    // Created not live (so the partial indexes are written once, by the refresh that follows).
    let seq: i64 = conn
        .prepare_cached(
            "INSERT INTO incidents (year, seq, created_at, updated_at, live)
             VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM incidents WHERE year = ?1), ?2, ?2, 0)
             RETURNING seq",
        )?
        .query_row(params![year, at], |r| r.get(0))?;
    Ok((conn.last_insert_rowid(), seq))
}

/// Records that an incident changed at `at`.
pub(crate) fn touch(conn: &Connection, id: i64, at: &str) -> Result<()> {
    conn.prepare_cached("UPDATE incidents SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![id, at])?;
    Ok(())
}

/// One active report of an incident, as needed to order reports and read their sections.
#[derive(Debug, Clone)]
pub(crate) struct Rep {
    pub id: i64,
    pub document_id: i64,
    pub seq: i64,
    pub kind: ReportKind,
    pub report_no: Option<i64>,
    pub report_date: Option<String>,
    pub span: Span,
    pub doc_name: String,
}

impl Rep {
    /// Reports sort by their own date (undated first), kind, 第N報 number, then ingest order.
    fn order_key(&self) -> (String, i64, i64, i64, i64) {
        let date = self
            .report_date
            .as_deref()
            .and_then(|d| d.parse().ok())
            .map(|d| date_bounds(&d).0)
            .unwrap_or_default();
        (
            date,
            self.kind.rank(),
            self.report_no.unwrap_or(0),
            self.document_id,
            self.seq,
        )
    }
}

/// Where a current value comes from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum From {
    Override(i64),
    Report(i64),
}

/// Everything known about an incident's current state.
pub(crate) struct Computed {
    pub merged_into: Option<i64>,
    pub reports: Vec<Rep>,
    pub eff: Effective,
    pub from: BTreeMap<Field, From>,
    /// Derived labels (after the sector override), before suppression.
    pub derived: Vec<String>,
    /// Effective labels: derived minus suppressed, plus user labels; sorted.
    pub labels: Vec<String>,
    /// The evidence text of the count when it comes from a report (for the sanity flags).
    pub affected_evidence: Option<String>,
}

impl Computed {
    pub fn live(&self) -> bool {
        self.merged_into.is_none() && !self.reports.is_empty()
    }
}

pub(crate) fn active_reports(conn: &Connection, id: i64) -> Result<Vec<Rep>> {
    let mut st = conn.prepare_cached(
        "SELECT r.id, r.document_id, r.seq, r.kind, r.report_no, r.report_date,
                r.span_start, r.span_end, d.name
         FROM reports r JOIN documents d ON d.id = r.document_id
         WHERE r.incident_id = ?1 AND r.active = 1",
    )?;
    let rows = st.query_map([id], |r| {
        Ok(Rep {
            id: r.get(0)?,
            document_id: r.get(1)?,
            seq: r.get(2)?,
            kind: ReportKind::parse(&r.get::<_, String>(3)?),
            report_no: r.get(4)?,
            report_date: r.get(5)?,
            span: Span::new(r.get::<_, i64>(6)? as usize, r.get::<_, i64>(7)? as usize),
            doc_name: r.get(8)?,
        })
    })?;
    let mut reps = rows.collect::<Result<Vec<_>, _>>()?;
    reps.sort_by_key(|r| r.order_key());
    Ok(reps)
}

/// The survivor an incident was merged into (`None` when not merged). The incident must exist.
pub(crate) fn merged_into(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT merged_into FROM incidents WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

pub(crate) fn compute(conn: &Connection, id: i64) -> Result<Computed> {
    let merged_into = merged_into(conn, id)?;
    let reports = active_reports(conn, id)?;
    // Current (not superseded) values of the active reports.
    let mut values: HashMap<i64, Vec<(String, Value)>> = HashMap::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT v.report_id, v.field, v.value
             FROM report_values v JOIN reports r ON r.id = v.report_id
             WHERE r.incident_id = ?1 AND r.active = 1 AND v.superseded_at IS NULL
             ORDER BY v.id",
        )?;
        let rows = st.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (rid, field, v) = row?;
            let v: Value = serde_json::from_str(&v).unwrap_or(Value::Null);
            values.entry(rid).or_default().push((field, v));
        }
    }
    let mut eff = Effective::default();
    let mut from: BTreeMap<Field, From> = BTreeMap::new();
    for &field in Field::RECORD {
        let stated = |r: &Rep| {
            values
                .get(&r.id)
                .and_then(|vs| {
                    vs.iter()
                        .rev()
                        .find(|(f, v)| f == field.as_str() && !v.is_null())
                })
                .map(|(_, v)| v.clone())
        };
        let found = if field == Field::Published {
            reports.iter().find_map(|r| stated(r).map(|v| (r.id, v)))
        } else {
            reports
                .iter()
                .rev()
                .find_map(|r| stated(r).map(|v| (r.id, v)))
        };
        if let Some((rid, v)) = found {
            eff.set(field, &v);
            from.insert(field, From::Report(rid));
        }
    }
    // Overrides: the latest row per field decides.
    let mut latest: BTreeMap<String, (i64, String, Option<String>)> = BTreeMap::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT id, field, action, value FROM overrides WHERE incident_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            let (oid, field, action, value) = row?;
            latest.insert(field, (oid, action, value));
        }
    }
    for (field, (oid, action, value)) in &latest {
        if action != "set" {
            continue;
        }
        let Ok(f) = field.parse::<Field>() else {
            continue;
        };
        let v: Value = value
            .as_deref()
            .and_then(|v| serde_json::from_str(v).ok())
            .unwrap_or(Value::Null);
        if f == Field::Data && v.is_null() {
            eff.set(f, &Value::Array(Vec::new()));
        } else {
            eff.set(f, &v);
        }
        from.insert(f, From::Override(*oid));
    }
    if eff.sector_override.is_none() && eff.sector().is_some() {
        if let Some(src) = from.get(&Field::Organization).cloned() {
            from.insert(Field::Sector, src);
        }
    }
    let derived = eff.to_incident("", Span::new(0, 0)).labels;
    let mut user: Vec<String> = Vec::new();
    let mut suppressed: Vec<String> = Vec::new();
    {
        let mut st =
            conn.prepare_cached("SELECT label, kind FROM labels WHERE incident_id = ?1")?;
        let rows = st.query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (label, kind) = row?;
            if kind == "user" {
                user.push(label);
            } else {
                suppressed.push(label);
            }
        }
    }
    let mut labels: Vec<String> = derived
        .iter()
        .filter(|l| !suppressed.contains(l))
        .cloned()
        .chain(user)
        .collect();
    labels.sort();
    labels.dedup();
    let affected_evidence = match from.get(&Field::Affected) {
        Some(From::Report(rid)) => affected_evidence_of(conn, *rid)?,
        _ => None,
    };
    Ok(Computed {
        merged_into,
        reports,
        eff,
        from,
        derived,
        labels,
        affected_evidence,
    })
}

/// The evidence text of a report's current count.
fn affected_evidence_of(conn: &Connection, report_id: i64) -> Result<Option<String>> {
    let ev: Option<String> = conn
        .prepare_cached(
            "SELECT evidence FROM report_values
             WHERE report_id = ?1 AND field = 'affected' AND superseded_at IS NULL
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([report_id], |r| r.get(0))
        .optional()?;
    Ok(ev.and_then(|e| evidence_text(&e)))
}

/// The texts of a JSON evidence list, joined.
fn evidence_text(json: &str) -> Option<String> {
    let v: Vec<jikenbo_model::Evidence> = serde_json::from_str(json).ok()?;
    (!v.is_empty()).then(|| {
        v.iter()
            .map(|e| e.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// The terms column of the search index: labels and the Japanese names of cause, actor, leak,
/// data kinds and sector, then the filter tokens.
pub(crate) fn terms(eff: &Effective, labels: &[String]) -> String {
    let mut t: Vec<String> = labels.to_vec();
    if let Some(x) = eff.cause {
        t.push(x.ja().to_string());
    }
    if let Some(x) = eff.actor {
        t.push(x.ja().to_string());
    }
    if let Some(x) = eff.leak {
        t.push(x.ja().to_string());
    }
    t.extend(eff.data.iter().map(|k| k.ja().to_string()));
    if let Some(s) = eff.sector() {
        t.push(s.ja().to_string());
    }
    format!("{} {}", nfkc(&t.join(" ")), crate::tokens::of(eff, labels))
}

/// The derived columns of `incidents` that hold the record, for a SELECT, in the order of
/// [`Field::RECORD`] (`data` is held as `data_mask`) and as [`record_at`] reads them; each
/// prefixed with `alias.` when one is given.
pub(crate) fn record_columns(alias: &str) -> String {
    let dot = if alias.is_empty() { "" } else { "." };
    Field::RECORD
        .iter()
        .map(|f| match f {
            Field::Data => format!("{alias}{dot}data_mask"),
            f => format!("{alias}{dot}{f}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The record held by the derived columns read with [`record_columns`] from column `first` on
/// (no evidence, no labels: callers add what they need).
pub(crate) fn record_at(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Incident> {
    let text = |k: usize| r.get::<_, Option<String>>(first + k);
    let date = |k: usize| -> rusqlite::Result<_> { Ok(text(k)?.and_then(|d| d.parse().ok())) };
    Ok(Incident {
        organization: text(0)?,
        title: text(1)?,
        published: date(2)?,
        occurred: date(3)?,
        discovered: date(4)?,
        affected: r.get::<_, Option<i64>>(first + 5)?.map(|a| a as u64),
        leak: text(6)?.and_then(|x| x.parse().ok()),
        data: crate::util::data_from_mask(r.get(first + 7)?),
        cause: text(8)?.and_then(|x| x.parse().ok()),
        actor: text(9)?.and_then(|x| x.parse().ok()),
        ..Default::default()
    })
}

/// An incident's current state as its derived columns hold it (what the search index needs:
/// values, labels, active reports), read back without recomputing it.
pub(crate) fn stored(conn: &Connection, id: i64) -> Result<Computed> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "SELECT merged_into, {}, sector, labels FROM incidents WHERE id = ?1",
            record_columns("")
        )
    });
    let (merged_into, eff, labels): (Option<i64>, Effective, String) =
        conn.prepare_cached(&SQL)?.query_row([id], |r| {
            let eff = Effective {
                inc: record_at(r, 1)?,
                sector_override: Some(
                    r.get::<_, Option<String>>(11)?
                        .as_deref()
                        .and_then(crate::values::parse_sector),
                ),
            };
            Ok((r.get(0)?, eff, r.get(12)?))
        })?;
    Ok(Computed {
        merged_into,
        reports: active_reports(conn, id)?,
        eff,
        from: BTreeMap::new(),
        derived: Vec::new(),
        labels: split_labels(&labels).map(str::to_string).collect(),
        affected_evidence: None,
    })
}

/// The incident's sections of its documents, each once (for the search index).
pub(crate) fn body(conn: &Connection, reports: &[Rep]) -> Result<String> {
    let mut seen: Vec<(i64, Span)> = Vec::new();
    let mut out = String::new();
    let mut st = conn.prepare_cached(
        "SELECT substr(CAST(text AS BLOB), ?2 + 1, ?3 - ?2) FROM documents WHERE id = ?1",
    )?;
    for r in reports {
        if seen.contains(&(r.document_id, r.span)) {
            continue;
        }
        seen.push((r.document_id, r.span));
        let bytes: Option<Vec<u8>> = st
            .query_row(
                params![r.document_id, r.span.start as i64, r.span.end as i64],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(b) = bytes {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&String::from_utf8_lossy(&b));
        }
    }
    Ok(out)
}

/// Bits of the search-index rowid that hold the incident id.
pub(crate) const ID_BITS: u32 = 28;
pub(crate) const ID_MASK: i64 = (1 << ID_BITS) - 1;

/// The search-index rowid of an incident: its date (days since 1800-01-01, 0 when unknown)
/// above its id, so that rowid order is date order.
pub(crate) fn fts_key(date_lo: Option<&str>, id: i64) -> i64 {
    let days = date_lo
        .and_then(|d| {
            let y: i32 = d.get(..4)?.parse().ok()?;
            let m: u8 = d.get(5..7)?.parse().ok()?;
            let dd: i64 = d.get(8..10)?.parse().ok()?;
            // A day past the month's end counts on into the next month: the search's "the year
            // before 2024-02-29" is 2023-02-29, i.e. 2023-03-01.
            let day = Date::new(y, m, 1)?.to_days() + dd - 1;
            Some(day - Date::new(1800, 1, 1)?.to_days())
        })
        .filter(|d| *d > 0)
        .unwrap_or(0);
    (days << ID_BITS) | (id & ID_MASK)
}

/// A column value as indexed: NFKC, ending in two spaces (see the schema).
pub(crate) fn indexed(s: &str) -> String {
    let mut t = nfkc(s);
    t.push_str("  ");
    t
}

/// The search-index row of an incident: its columns as indexed (NFKC, each ending in two spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexRow {
    pub(crate) org: String,
    pub(crate) title: String,
    pub(crate) terms: String,
    pub(crate) body: String,
}

impl IndexRow {
    pub(crate) fn of(c: &Computed, body: &str) -> IndexRow {
        let e = &c.eff;
        IndexRow {
            org: indexed(e.organization.as_deref().unwrap_or("")),
            title: indexed(e.title.as_deref().unwrap_or("")),
            terms: indexed(&terms(&c.eff, &c.labels)),
            body: indexed(body),
        }
    }

    /// The row of a new incident made of this one extracted record of a document with `text`
    /// (what the store computes once the incident is stored: see the test
    /// `rows_computed_ahead_equal_stored_rows`).
    pub fn for_new(inc: &jikenbo_model::Incident, text: &str) -> IndexRow {
        let rep = Rep {
            id: 0,
            document_id: 0,
            seq: 0,
            kind: ReportKind::Initial,
            report_no: None,
            report_date: None,
            span: inc.span,
            doc_name: String::new(),
        };
        let c = computed_for_new(rep, inc);
        let body = text.get(inc.span.start..inc.span.end).unwrap_or("");
        IndexRow::of(&c, body)
    }
}

/// Recomputes an incident's derived state (current values, labels) and queues its search-index
/// entry; returns the queue's sequence number. Deterministic: the same source rows always give
/// the same derived rows.
pub(crate) fn refresh(conn: &Connection, id: i64) -> Result<i64> {
    let c = compute(conn, id)?;
    store_derived(conn, id, &c)
}

/// The state of an incident that has exactly one report and nothing else (a new incident):
/// what [`compute`] would find, without reading it back.
pub(crate) fn computed_for_new(report: Rep, inc: &jikenbo_model::Incident) -> Computed {
    let mut eff = Effective::default();
    let mut from: BTreeMap<Field, From> = BTreeMap::new();
    for (field, v, _) in crate::values::extracted_values(inc) {
        eff.set(field, &v);
        from.insert(field, From::Report(report.id));
    }
    if eff.sector().is_some() {
        from.insert(Field::Sector, From::Report(report.id));
    }
    let mut labels = eff.to_incident("", Span::new(0, 0)).labels;
    let derived = labels.clone();
    labels.sort();
    labels.dedup();
    let affected_evidence = inc.affected.and_then(|_| {
        let texts: Vec<&str> = inc
            .evidence
            .iter()
            .filter(|e| e.field == "affected")
            .map(|e| e.text.as_str())
            .collect();
        (!texts.is_empty()).then(|| texts.join("\n"))
    });
    Computed {
        merged_into: None,
        reports: vec![report],
        eff,
        from,
        derived,
        labels,
        affected_evidence,
    }
}

/// Writes an incident's derived columns, with the key its search-index entry will have, and
/// queues the entry (see `index.rs`); returns the queue's sequence number.
pub(crate) fn store_derived(conn: &Connection, id: i64, c: &Computed) -> Result<i64> {
    let e = &c.eff;
    let live = c.live();
    let date = e.date_key();
    let (lo, hi) = match &date {
        Some(d) => {
            let (lo, hi) = date_bounds(d);
            (Some(lo), Some(hi))
        }
        None => (None, None),
    };
    let (flags, needs_review) =
        crate::review::flags_state(conn, id, e, c.affected_evidence.as_deref())?;
    conn.prepare_cached(
        "UPDATE incidents SET live = ?2, organization = ?3, org_key = ?4, title = ?5,
            published = ?6, occurred = ?7, discovered = ?8, affected = ?9, leak = ?10,
            cause = ?11, actor = ?12, data_mask = ?13, sector = ?14, date_key = ?15,
            date_lo = ?16, date_hi = ?17, event_year = ?18, labels = ?19, fts_key = ?20,
            flags = ?21, needs_review = ?22
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        live as i64,
        e.organization,
        e.organization.as_deref().and_then(org_key),
        e.title,
        e.published.map(|d| d.to_string()),
        e.occurred.map(|d| d.to_string()),
        e.discovered.map(|d| d.to_string()),
        e.affected.map(|a| a as i64),
        e.leak.map(|x| x.as_str()),
        e.cause.map(|x| x.as_str()),
        e.actor.map(|x| x.as_str()),
        data_mask(&e.data),
        e.sector().map(|s| s.ja()),
        date.map(|d| d.to_string()),
        lo,
        hi,
        date.map(|d| d.year),
        c.labels.join("\n"),
        live.then(|| fts_key(lo.as_deref(), id)),
        flags,
        needs_review as i64,
    ])?;
    crate::index::enqueue(conn, id)
}
