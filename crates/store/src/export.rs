//! Export and import: lossless JSON (every source row; documents with their original bytes in
//! base64), and CSV of the current values.

use crate::incident::refresh;
use crate::search::{build, Filter};
use crate::util::{data_from_mask, sha256_hex, split_labels};
use crate::{audit, format_number, Result, Store, StoreError};
use base64::Engine;
use jikenbo_model::Evidence;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};

/// The `format` field of a JSON export.
pub const EXPORT_FORMAT: &str = "jikenbo-casebook";
/// The version of the JSON export layout.
pub const EXPORT_VERSION: i64 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct DocRow {
    id: i64,
    sha256: String,
    text_sha256: String,
    name: String,
    source: Option<String>,
    format: String,
    encoding: String,
    size: i64,
    /// The original bytes, base64 (standard alphabet, padded).
    original_base64: String,
    text: String,
    ingested_at: String,
    ingested_by: String,
    extracted_at: String,
    extractor: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct IncRow {
    id: i64,
    number: String,
    year: i32,
    seq: i64,
    merged_into: Option<i64>,
    created_at: String,
    updated_at: String,
    /// Derived (for readers of the file; ignored on import): the current values and labels.
    #[serde(default, skip_deserializing)]
    current: Value,
}

#[derive(Debug, Serialize, Deserialize)]
struct RepRow {
    id: i64,
    document_id: i64,
    seq: i64,
    incident_id: i64,
    origin_incident_id: i64,
    kind: String,
    report_no: Option<i64>,
    report_date: Option<String>,
    span_start: i64,
    span_end: i64,
    active: bool,
    linked_by: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct ValRow {
    id: i64,
    report_id: i64,
    field: String,
    value: Value,
    evidence: Vec<Evidence>,
    recorded_at: String,
    extractor: String,
    superseded_at: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct OvRow {
    id: i64,
    incident_id: i64,
    field: String,
    action: String,
    value: Option<Value>,
    note: Option<String>,
    author: String,
    created_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct LabelRow {
    incident_id: i64,
    label: String,
    kind: String,
    author: String,
    created_at: String,
}

/// A duplicate-candidate pair with its decision (curation state: a decision is never
/// proposed again, so it travels with the casebook).
#[derive(Debug, Serialize, Deserialize)]
struct DupRow {
    id: i64,
    a: i64,
    b: i64,
    score: f64,
    reasons: Value,
    status: String,
    found_by: String,
    found_at: String,
    decided_by: Option<String>,
    decided_at: Option<String>,
}

/// A curator's acceptance of an incident's flags.
#[derive(Debug, Serialize, Deserialize)]
struct ReviewRow {
    incident_id: i64,
    flags: String,
    who: String,
    at: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct AuditRow {
    id: i64,
    at: String,
    who: String,
    action: String,
    incident_id: Option<i64>,
    document_id: Option<i64>,
    detail: Value,
}

#[derive(Debug, Deserialize)]
struct ExportFile {
    format: String,
    version: i64,
    documents: Vec<DocRow>,
    incidents: Vec<IncRow>,
    reports: Vec<RepRow>,
    report_values: Vec<ValRow>,
    overrides: Vec<OvRow>,
    labels: Vec<LabelRow>,
    /// Absent in exports of stores before schema 7.
    #[serde(default)]
    dup_candidates: Vec<DupRow>,
    #[serde(default)]
    reviews: Vec<ReviewRow>,
    audit: Vec<AuditRow>,
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    pub documents: u64,
    pub incidents: u64,
}

/// What an import restored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub documents: u64,
    pub incidents: u64,
    pub reports: u64,
    pub overrides: u64,
    pub labels: u64,
    /// Duplicate-candidate pairs (open and decided) and flag acceptances.
    pub dup_candidates: u64,
    pub reviews: u64,
    pub audit: u64,
}

/// Writes `"name": [` rows `]` with one row per line.
fn write_array<W: Write, T: Serialize>(
    w: &mut W,
    name: &str,
    first: bool,
    rows: impl Iterator<Item = Result<T>>,
) -> Result<u64> {
    if !first {
        w.write_all(b",\n")?;
    }
    write!(w, "\"{name}\": [")?;
    let mut n = 0u64;
    for row in rows {
        let row = row?;
        w.write_all(if n == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *w, &row)?;
        n += 1;
    }
    w.write_all(if n == 0 { b"]" } else { b"\n]" })?;
    Ok(n)
}

fn json_or_null(s: Option<String>) -> Value {
    s.and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(Value::Null)
}

impl Store {
    /// Writes the whole store as JSON (see the crate docs, "Exports"). Rows are written in id
    /// order, one per line, so two exports of the same store are byte-identical.
    pub fn export_json<W: Write>(&self, mut w: W) -> Result<ExportSummary> {
        let conn = &self.conn;
        let b64 = base64::engine::general_purpose::STANDARD;
        write!(
            w,
            "{{\"format\": \"{EXPORT_FORMAT}\",\n\"version\": {EXPORT_VERSION},\n"
        )?;
        let mut summary = ExportSummary::default();
        {
            let mut st = conn.prepare(
                "SELECT id, sha256, text_sha256, name, source, format, encoding, size, original, text,
                        ingested_at, ingested_by, extracted_at, extractor
                 FROM documents ORDER BY id",
            )?;
            let rows = st.query_map([], |r| {
                let text: String = r.get(9)?;
                let original: Option<Vec<u8>> = r.get(8)?;
                Ok(DocRow {
                    id: r.get(0)?,
                    sha256: r.get(1)?,
                    text_sha256: r.get(2)?,
                    name: r.get(3)?,
                    source: r.get(4)?,
                    format: r.get(5)?,
                    encoding: r.get(6)?,
                    size: r.get(7)?,
                    original_base64: b64.encode(original.as_deref().unwrap_or(text.as_bytes())),
                    text,
                    ingested_at: r.get(10)?,
                    ingested_by: r.get(11)?,
                    extracted_at: r.get(12)?,
                    extractor: r.get(13)?,
                })
            })?;
            summary.documents = write_array(
                &mut w,
                "documents",
                true,
                rows.map(|r| r.map_err(StoreError::from)),
            )?;
        }
        {
            let mut st = conn.prepare(&format!(
                "SELECT id, year, seq, merged_into, created_at, updated_at, live, {}, sector, labels
                 FROM incidents ORDER BY id",
                crate::incident::record_columns("")
            ))?;
            let rows = st.query_map([], |r| {
                let labels: String = r.get(18)?;
                let record = crate::incident::record_at(r, 7)?;
                let mut current = serde_json::Map::new();
                current.insert("live".into(), r.get::<_, bool>(6)?.into());
                for f in jikenbo_model::Field::RECORD {
                    current.insert(f.as_str().into(), record.value(*f));
                }
                current.insert("sector".into(), r.get::<_, Option<String>>(17)?.into());
                current.insert(
                    "labels".into(),
                    split_labels(&labels).collect::<Vec<_>>().into(),
                );
                Ok(IncRow {
                    id: r.get(0)?,
                    number: format_number(r.get(1)?, r.get(2)?),
                    year: r.get(1)?,
                    seq: r.get(2)?,
                    merged_into: r.get(3)?,
                    created_at: r.get(4)?,
                    updated_at: r.get(5)?,
                    current: Value::Object(current),
                })
            })?;
            let n = write_array(
                &mut w,
                "incidents",
                false,
                rows.map(|r| r.map_err(StoreError::from)),
            )?;
            summary.incidents = n;
        }
        {
            let mut st = conn.prepare(
                "SELECT id, document_id, seq, incident_id, origin_incident_id, kind, report_no,
                        report_date, span_start, span_end, active, linked_by
                 FROM reports ORDER BY id",
            )?;
            let rows = st.query_map([], |r| {
                Ok(RepRow {
                    id: r.get(0)?,
                    document_id: r.get(1)?,
                    seq: r.get(2)?,
                    incident_id: r.get(3)?,
                    origin_incident_id: r.get(4)?,
                    kind: r.get(5)?,
                    report_no: r.get(6)?,
                    report_date: r.get(7)?,
                    span_start: r.get(8)?,
                    span_end: r.get(9)?,
                    active: r.get(10)?,
                    linked_by: r.get(11)?,
                })
            })?;
            write_array(
                &mut w,
                "reports",
                false,
                rows.map(|r| r.map_err(StoreError::from)),
            )?;
        }
        {
            let mut st = conn.prepare(
                "SELECT id, report_id, field, value, evidence, recorded_at, extractor, superseded_at
                 FROM report_values ORDER BY id",
            )?;
            let rows = st.query_map([], |r| {
                Ok(ValRow {
                    id: r.get(0)?,
                    report_id: r.get(1)?,
                    field: r.get(2)?,
                    value: json_or_null(r.get(3)?),
                    evidence: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
                    recorded_at: r.get(5)?,
                    extractor: r.get(6)?,
                    superseded_at: r.get(7)?,
                })
            })?;
            write_array(
                &mut w,
                "report_values",
                false,
                rows.map(|r| r.map_err(StoreError::from)),
            )?;
        }
        {
            let mut st = conn.prepare(
                "SELECT id, incident_id, field, action, value, note, author, created_at
                 FROM overrides ORDER BY id",
            )?;
            let rows = st.query_map([], |r| {
                let v: Option<String> = r.get(4)?;
                Ok(OvRow {
                    id: r.get(0)?,
                    incident_id: r.get(1)?,
                    field: r.get(2)?,
                    action: r.get(3)?,
                    value: v.map(|s| serde_json::from_str(&s).unwrap_or(Value::Null)),
                    note: r.get(5)?,
                    author: r.get(6)?,
                    created_at: r.get(7)?,
                })
            })?;
            write_array(
                &mut w,
                "overrides",
                false,
                rows.map(|r| r.map_err(StoreError::from)),
            )?;
        }
        {
            let mut st = conn.prepare(
                "SELECT incident_id, label, kind, author, created_at FROM labels
                 ORDER BY incident_id, label",
            )?;
            let rows = st.query_map([], |r| {
                Ok(LabelRow {
                    incident_id: r.get(0)?,
                    label: r.get(1)?,
                    kind: r.get(2)?,
                    author: r.get(3)?,
                    created_at: r.get(4)?,
                })
            })?;
            write_array(
                &mut w,
                "labels",
                false,
                rows.map(|r| r.map_err(StoreError::from)),
            )?;
        }
        {
            let mut st = conn.prepare(
                "SELECT id, a, b, score, reasons, status, found_by, found_at, decided_by, decided_at
                 FROM dup_candidates ORDER BY id",
            )?;
            let rows = st.query_map([], |r| {
                let reasons: String = r.get(4)?;
                Ok(DupRow {
                    id: r.get(0)?,
                    a: r.get(1)?,
                    b: r.get(2)?,
                    score: r.get(3)?,
                    reasons: serde_json::from_str(&reasons).unwrap_or(Value::Null),
                    status: r.get(5)?,
                    found_by: r.get(6)?,
                    found_at: r.get(7)?,
                    decided_by: r.get(8)?,
                    decided_at: r.get(9)?,
                })
            })?;
            write_array(
                &mut w,
                "dup_candidates",
                false,
                rows.map(|r| r.map_err(StoreError::from)),
            )?;
        }
        {
            let mut st = conn
                .prepare("SELECT incident_id, flags, who, at FROM reviews ORDER BY incident_id")?;
            let rows = st.query_map([], |r| {
                Ok(ReviewRow {
                    incident_id: r.get(0)?,
                    flags: r.get(1)?,
                    who: r.get(2)?,
                    at: r.get(3)?,
                })
            })?;
            write_array(
                &mut w,
                "reviews",
                false,
                rows.map(|r| r.map_err(StoreError::from)),
            )?;
        }
        {
            let mut st = conn.prepare(&format!(
                "SELECT id, at, who, action, incident_id, document_id, detail FROM audit
                     WHERE {} ORDER BY id",
                crate::cases::NOT_CASE_AUDIT
            ))?;
            let rows = st.query_map([], |r| {
                Ok(AuditRow {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    who: r.get(2)?,
                    action: r.get(3)?,
                    incident_id: r.get(4)?,
                    document_id: r.get(5)?,
                    detail: json_or_null(r.get(6)?),
                })
            })?;
            write_array(
                &mut w,
                "audit",
                false,
                rows.map(|r| r.map_err(StoreError::from)),
            )?;
        }
        w.write_all(b"\n}\n")?;
        w.flush()?;
        Ok(summary)
    }

    /// Restores a JSON export into this store, which must be empty (no documents, no
    /// incidents). The whole import is one transaction. The original bytes are checked against
    /// their SHA-256. Derived columns and the search index are rebuilt; one audit row records the
    /// import.
    pub fn import_json<R: Read>(&mut self, r: R, who: &str) -> Result<ImportSummary> {
        let file: ExportFile = serde_json::from_reader(std::io::BufReader::new(r))?;
        if file.format != EXPORT_FORMAT {
            return Err(StoreError::Import(format!(
                "not a Jikenbo casebook export (format {:?})",
                file.format
            )));
        }
        if file.version != EXPORT_VERSION {
            return Err(StoreError::Import(format!(
                "export version {} is not supported (this build reads version {EXPORT_VERSION})",
                file.version
            )));
        }
        let counts = self.counts()?;
        if counts.documents > 0 || counts.numbered > 0 {
            return Err(StoreError::NotEmpty(counts.documents));
        }
        // Own cases are not in exports; their audit rows would collide with the imported ones.
        let cases = self.case_count()?;
        if cases > 0 {
            return Err(StoreError::Import(format!(
                "the store holds {cases} own case(s) (自組織の事案); import restores an export into an empty store only"
            )));
        }
        let b64 = base64::engine::general_purpose::STANDARD;
        let tx = self.write_tx()?;
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        // Anything left by an earlier empty store (audit rows only) goes: the file is the truth.
        tx.execute("DELETE FROM audit", [])?;
        let mut sum = ImportSummary::default();
        {
            let mut st = tx.prepare(
                "INSERT INTO documents (id, sha256, text_sha256, name, source, format, encoding, size,
                                        original, text, ingested_at, ingested_by, extracted_at, extractor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            for d in &file.documents {
                let bytes = b64.decode(d.original_base64.as_bytes()).map_err(|e| {
                    StoreError::Import(format!("document {}: bad base64: {e}", d.id))
                })?;
                if sha256_hex(&bytes) != d.sha256 {
                    return Err(StoreError::Import(format!(
                        "document {} ({}): the original bytes do not match their SHA-256",
                        d.id, d.name
                    )));
                }
                let original: Option<&[u8]> = (bytes != d.text.as_bytes()).then_some(&bytes);
                st.execute(params![
                    d.id,
                    d.sha256,
                    d.text_sha256,
                    d.name,
                    d.source,
                    d.format,
                    d.encoding,
                    d.size,
                    original,
                    d.text,
                    d.ingested_at,
                    d.ingested_by,
                    d.extracted_at,
                    d.extractor
                ])?;
                sum.documents += 1;
            }
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO incidents (id, year, seq, merged_into, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for i in &file.incidents {
                st.execute(params![
                    i.id,
                    i.year,
                    i.seq,
                    i.merged_into,
                    i.created_at,
                    i.updated_at
                ])?;
            }
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO reports (id, document_id, seq, incident_id, origin_incident_id, kind,
                                      report_no, report_date, span_start, span_end, active, linked_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            for r in &file.reports {
                st.execute(params![
                    r.id,
                    r.document_id,
                    r.seq,
                    r.incident_id,
                    r.origin_incident_id,
                    r.kind,
                    r.report_no,
                    r.report_date,
                    r.span_start,
                    r.span_end,
                    r.active,
                    r.linked_by
                ])?;
                sum.reports += 1;
            }
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO report_values (id, report_id, field, value, evidence, recorded_at,
                                            extractor, superseded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for v in &file.report_values {
                st.execute(params![
                    v.id,
                    v.report_id,
                    v.field,
                    v.value.to_string(),
                    serde_json::to_string(&v.evidence)?,
                    v.recorded_at,
                    v.extractor,
                    v.superseded_at
                ])?;
            }
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO overrides (id, incident_id, field, action, value, note, author, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for o in &file.overrides {
                st.execute(params![
                    o.id,
                    o.incident_id,
                    o.field,
                    o.action,
                    o.value.as_ref().map(|v| v.to_string()),
                    o.note,
                    o.author,
                    o.created_at
                ])?;
                sum.overrides += 1;
            }
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO labels (incident_id, label, kind, author, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for l in &file.labels {
                st.execute(params![
                    l.incident_id,
                    l.label,
                    l.kind,
                    l.author,
                    l.created_at
                ])?;
                sum.labels += 1;
            }
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO audit (id, at, who, action, incident_id, document_id, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for a in &file.audit {
                st.execute(params![
                    a.id,
                    a.at,
                    a.who,
                    a.action,
                    a.incident_id,
                    a.document_id,
                    a.detail.to_string()
                ])?;
                sum.audit += 1;
            }
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO dup_candidates
                    (id, a, b, score, reasons, status, found_by, found_at, decided_by, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for d in &file.dup_candidates {
                st.execute(params![
                    d.id,
                    d.a,
                    d.b,
                    d.score,
                    d.reasons.to_string(),
                    d.status,
                    d.found_by,
                    d.found_at,
                    d.decided_by,
                    d.decided_at
                ])?;
                sum.dup_candidates += 1;
            }
            let mut st = tx.prepare(
                "INSERT INTO reviews (incident_id, flags, who, at) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for r in &file.reviews {
                st.execute(params![r.incident_id, r.flags, r.who, r.at])?;
                sum.reviews += 1;
            }
        }
        // Derived state (flags read the reviews); the search index is written after the commit.
        for i in &file.incidents {
            refresh(&tx, i.id)?;
        }
        sum.incidents = tx.query_row("SELECT count(*) FROM incidents WHERE live = 1", [], |r| {
            r.get::<_, i64>(0)
        })? as u64;
        audit(
            &tx,
            who,
            "import",
            None,
            None,
            &serde_json::json!({
                "documents": sum.documents,
                "incidents": file.incidents.len(),
                "reports": sum.reports,
                "overrides": sum.overrides,
                "labels": sum.labels,
                "dup_candidates": sum.dup_candidates,
                "reviews": sum.reviews,
                "audit": sum.audit,
            }),
        )?;
        tx.commit()?;
        self.index_changes()?;
        Ok(sum)
    }

    /// Writes the live incidents matching `filter` as CSV, one row per incident, ordered by
    /// number, in the one incident layout of [`INCIDENT_CSV_COLUMNS`] (see
    /// [`Store::export_csv_of`]).
    pub fn export_csv<W: Write>(&self, w: W, filter: &Filter) -> Result<ExportSummary> {
        let conn = &self.conn;
        let b = build(conn, None, filter)?;
        let (from, conds, p) = b.sql();
        let mut st = conn.prepare(&format!(
            "SELECT i.id FROM {from} WHERE {}{} ORDER BY i.year = 0, i.year, i.seq",
            conds.join(" AND "),
            if b.empty { " AND 0" } else { "" }
        ))?;
        let ids: Vec<i64> = st
            .query_map(rusqlite::params_from_iter(p.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.export_csv_of(w, &ids)
    }

    /// Writes the incidents `ids` (in that order; ids of no incident are skipped) as CSV: the
    /// file the CLI's export and search and the web's downloads all write. UTF-8 with a
    /// byte-order mark (spreadsheet programs read the Japanese only with it), a header row of
    /// [`INCIDENT_CSV_COLUMNS`], then one row per incident: number, id, the current values
    /// (curator overrides applied), size bucket, Japanese cause, sector, labels, the fields under
    /// an override, the documents' names and sources. A text cell that a spreadsheet would read
    /// as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) is written with a leading
    /// apostrophe.
    pub fn export_csv_of<W: Write>(&self, w: W, ids: &[i64]) -> Result<ExportSummary> {
        let conn = &self.conn;
        let overridden = overridden_fields(conn)?;
        let docs = documents_of(conn)?;
        let mut w = w;
        w.write_all(b"\xEF\xBB\xBF")?;
        let mut out = csv::Writer::from_writer(w);
        out.write_record(INCIDENT_CSV_COLUMNS)?;
        let mut st = conn.prepare(
            "SELECT i.id, i.year, i.seq, i.organization, i.title, i.published, i.occurred,
                    i.discovered, i.affected, i.leak, i.cause, i.actor, i.data_mask, i.sector, i.labels
             FROM incidents i WHERE i.id = ?1",
        )?;
        let mut n = 0u64;
        for id in ids {
            let mut rows = st.query([id])?;
            let Some(r) = rows.next()? else { continue };
            let s = |i: usize| -> rusqlite::Result<String> {
                Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
            };
            let text = |i: usize| -> rusqlite::Result<String> { Ok(no_formula(s(i)?)) };
            let affected: Option<i64> = r.get(8)?;
            let cause = s(10)?;
            let (names, sources) = docs.get(id).cloned().unwrap_or_default();
            out.write_record([
                format_number(r.get(1)?, r.get(2)?),
                id.to_string(),
                text(3)?,
                text(4)?,
                s(5)?,
                s(6)?,
                s(7)?,
                affected.map(|a| a.to_string()).unwrap_or_default(),
                jikenbo_model::SizeBucket::of(affected.map(|a| a as u64))
                    .ja()
                    .to_string(),
                s(9)?,
                cause.clone(),
                cause
                    .parse::<jikenbo_model::Cause>()
                    .map(|c| c.ja().to_string())
                    .unwrap_or_default(),
                s(11)?,
                data_from_mask(r.get(12)?)
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                s(13)?,
                no_formula(s(14)?.replace('\n', ";")),
                overridden.get(id).map(|v| v.join(";")).unwrap_or_default(),
                no_formula(names.join(";")),
                no_formula(sources.join(";")),
            ])?;
            n += 1;
        }
        out.flush()?;
        Ok(ExportSummary {
            documents: 0,
            incidents: n,
        })
    }
}

/// The columns of every incident CSV ([`Store::export_csv_of`]).
pub const INCIDENT_CSV_COLUMNS: [&str; 19] = [
    "number",
    "id",
    "organization",
    "title",
    "published",
    "occurred",
    "discovered",
    "affected",
    "size",
    "leak",
    "cause",
    "cause_ja",
    "actor",
    "data",
    "sector",
    "labels",
    "overridden",
    "documents",
    "sources",
];

/// A text cell that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1`, `@SUM`, a
/// leading tab or carriage return) gets a leading apostrophe, which shows it as text (OWASP's
/// advice for CSV injection); any other cell is as it is.
pub fn no_formula(s: String) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

/// Per incident, the fields whose override is in force.
pub(crate) fn overridden_fields(conn: &rusqlite::Connection) -> Result<HashMap<i64, Vec<String>>> {
    let mut latest: BTreeMap<(i64, String), String> = BTreeMap::new();
    let mut st = conn.prepare("SELECT incident_id, field, action FROM overrides ORDER BY id")?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (i, f, a) = row?;
        latest.insert((i, f), a);
    }
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for ((i, f), a) in latest {
        if a == "set" {
            out.entry(i).or_default().push(f);
        }
    }
    Ok(out)
}

/// Per incident: the names and the sources of its documents.
pub(crate) type DocumentsOf = HashMap<i64, (Vec<String>, Vec<String>)>;

/// Per incident, the names and sources of the documents of its active reports.
pub(crate) fn documents_of(conn: &rusqlite::Connection) -> Result<DocumentsOf> {
    let mut st = conn.prepare(
        "SELECT DISTINCT r.incident_id, d.id, d.name, d.source FROM reports r
         JOIN documents d ON d.id = r.document_id WHERE r.active = 1
         ORDER BY r.incident_id, d.id",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut out: DocumentsOf = HashMap::new();
    for row in rows {
        let (i, name, source) = row?;
        let e = out.entry(i).or_default();
        e.0.push(name);
        if let Some(s) = source {
            e.1.push(s);
        }
    }
    Ok(out)
}
