//! Reading: an incident with its evidence, history, overrides, labels and documents; documents;
//! the audit log; counts.

use crate::incident::{compute, From};
use crate::{format_number, IncidentRef, Result, Store, StoreError};
use jikenbo_model::Field;
use jikenbo_model::{Evidence, Incident, Span};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

/// An incident as a person (or a web page) looks at it.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentView {
    pub id: i64,
    /// `2024-001`.
    pub number: String,
    /// False when merged away or when no report is left (re-extraction no longer finds it).
    pub live: bool,
    /// The survivor's number when this incident was merged into another.
    pub merged_into: Option<String>,
    /// Numbers of incidents merged into this one (they resolve here).
    pub aliases: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The current record (overrides applied), with the evidence of each current value and the
    /// effective labels. `doc` is the first document's name, `span` its section.
    pub record: Incident,
    /// Sector (Japanese), overridden or inferred from the organization.
    pub sector: Option<String>,
    /// Size bucket of `affected` (`1,000〜1万件未満`, ...).
    pub size: String,
    /// Every field: current value, where it comes from, its evidence and its history.
    pub fields: Vec<FieldView>,
    /// Every override ever made (the latest per field is in force unless it is a clear).
    pub overrides: Vec<OverrideEntry>,
    pub labels: Vec<LabelView>,
    /// The documents that report the incident, in report order.
    pub documents: Vec<DocumentRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    pub field: Field,
    pub value: Value,
    pub source: ValueSource,
    pub evidence: Vec<EvidenceAt>,
    /// What each report said, oldest report first, superseded values included.
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValueSource {
    /// A curator's override.
    Override {
        override_id: i64,
        author: String,
        at: String,
        note: Option<String>,
    },
    /// A report (one incident in one document).
    Report { report_id: i64, document_id: i64 },
    /// Unknown.
    None,
}

/// Evidence with the document it points into (byte range of the document's text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceAt {
    pub document_id: i64,
    pub field: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub value: Value,
    pub document_id: i64,
    pub document: String,
    pub report_id: i64,
    pub report_kind: String,
    pub report_no: Option<i64>,
    pub report_date: Option<String>,
    pub recorded_at: String,
    pub extractor: String,
    /// When a re-extraction replaced this value.
    pub superseded_at: Option<String>,
    /// Whether the report is still active (re-extraction still finds it).
    pub active: bool,
    /// Whether this is the value in force (not overridden, latest report).
    pub current: bool,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverrideEntry {
    pub id: i64,
    pub field: String,
    /// `set` or `clear`.
    pub action: String,
    pub value: Value,
    pub note: Option<String>,
    pub author: String,
    pub created_at: String,
    /// Whether it is the override in force for its field.
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelKind {
    Derived,
    User,
    /// A derived label a curator removed.
    Suppressed,
}

#[derive(Debug, Clone, Serialize)]
pub struct LabelView {
    pub label: String,
    pub kind: LabelKind,
    pub author: Option<String>,
    pub created_at: Option<String>,
}

/// A document as listed with an incident or on its own.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRef {
    pub id: i64,
    pub name: String,
    pub source: Option<String>,
    pub sha256: String,
    pub format: String,
    pub encoding: String,
    pub size: i64,
    pub ingested_at: String,
    pub ingested_by: String,
    /// The report of the incident in this document (absent in plain document listings).
    pub report: Option<ReportRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportRef {
    pub id: i64,
    pub kind: String,
    pub report_no: Option<i64>,
    pub report_date: Option<String>,
    pub span: Span,
    pub active: bool,
    pub linked_by: String,
    /// The number of the incident the report was first attached to (another one when it came
    /// with a merge: splitting it off brings that number back).
    pub origin: String,
}

/// A document with its archived text and original bytes.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub document: DocumentRef,
    pub text: String,
    #[serde(skip)]
    pub original: Vec<u8>,
    pub extracted_at: String,
    pub extractor: String,
    /// Numbers of the incidents it reports.
    pub incidents: Vec<String>,
}

/// One row of the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub action: String,
    pub incident_id: Option<i64>,
    pub incident: Option<String>,
    pub document_id: Option<i64>,
    pub detail: Value,
}

/// Which audit rows to read ([`Store::audit_query`]); every condition is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Who made the change (exactly).
    pub who: Option<String>,
    /// The action (`ingest`, `edit`, `label`, `merge`, `split`, `reextract`, `import`, …).
    pub action: Option<String>,
    /// On or after this day (`YYYY-MM-DD`, compared with the row's time).
    pub from: Option<String>,
    /// On or before this day (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Rows of this incident and of the documents reporting it.
    pub incident: Option<IncidentRef>,
    /// At most this many rows (newest first).
    pub limit: usize,
    /// Skip this many of the newest rows first.
    pub offset: usize,
}

/// Sizes of the store.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StoreCounts {
    pub documents: i64,
    /// Live incidents.
    pub incidents: i64,
    /// All numbered incidents (merged and withdrawn ones included).
    pub numbered: i64,
    pub reports: i64,
    pub overrides: i64,
    pub user_labels: i64,
    pub audit: i64,
}

pub(crate) fn size_label(affected: Option<u64>) -> &'static str {
    jikenbo_model::SizeBucket::of(affected).ja()
}

impl Store {
    /// Counts of documents, incidents, reports, ...
    pub fn counts(&self) -> Result<StoreCounts> {
        let c = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(StoreCounts {
            documents: c("SELECT count(*) FROM documents")?,
            incidents: c("SELECT count(*) FROM incidents WHERE live = 1")?,
            numbered: c("SELECT count(*) FROM incidents")?,
            reports: c("SELECT count(*) FROM reports")?,
            overrides: c("SELECT count(*) FROM overrides")?,
            user_labels: c("SELECT count(*) FROM labels WHERE kind = 'user'")?,
            audit: c(&format!(
                "SELECT count(*) FROM audit WHERE {}",
                crate::cases::NOT_CASE_AUDIT
            ))?,
        })
    }

    /// An incident with everything known about it. A merged incident's number shows its survivor
    /// (whose `aliases` list the number).
    pub fn incident(&self, r: IncidentRef) -> Result<IncidentView> {
        let id = self.resolve_live(r)?;
        self.incident_by_id(id)
    }

    pub(crate) fn incident_by_id(&self, id: i64) -> Result<IncidentView> {
        let conn = &self.conn;
        let (year, seq, merged_into, created_at, updated_at, live): (i32, i64, Option<i64>, String, String, bool) =
            conn.query_row(
                "SELECT year, seq, merged_into, created_at, updated_at, live FROM incidents WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        let c = compute(conn, id)?;
        let number_of = |i: i64| crate::ingest::number_of(conn, i);
        let mut aliases = Vec::new();
        {
            let mut st = conn.prepare(
                "WITH RECURSIVE m(id) AS (SELECT id FROM incidents WHERE merged_into = ?1
                   UNION SELECT i.id FROM incidents i JOIN m ON i.merged_into = m.id)
                 SELECT i.year, i.seq FROM incidents i JOIN m ON m.id = i.id ORDER BY i.year, i.seq",
            )?;
            let rows = st.query_map([id], |r| Ok(format_number(r.get(0)?, r.get(1)?)))?;
            for n in rows {
                aliases.push(n?);
            }
        }
        // All reports (inactive too), for history and documents.
        struct RepRow {
            id: i64,
            doc: DocumentRef,
            rep: ReportRef,
        }
        let mut reps: Vec<RepRow> = Vec::new();
        {
            let mut st = conn.prepare(
                "SELECT r.id, r.kind, r.report_no, r.report_date, r.span_start, r.span_end, r.active,
                        r.linked_by, d.id, d.name, d.source, d.sha256, d.format, d.encoding, d.size,
                        d.ingested_at, d.ingested_by, o.year, o.seq
                 FROM reports r JOIN documents d ON d.id = r.document_id
                 JOIN incidents o ON o.id = r.origin_incident_id
                 WHERE r.incident_id = ?1",
            )?;
            let rows = st.query_map([id], |r| {
                Ok(RepRow {
                    id: r.get(0)?,
                    rep: ReportRef {
                        id: r.get(0)?,
                        kind: r.get(1)?,
                        report_no: r.get(2)?,
                        report_date: r.get(3)?,
                        span: Span::new(r.get::<_, i64>(4)? as usize, r.get::<_, i64>(5)? as usize),
                        active: r.get(6)?,
                        linked_by: r.get(7)?,
                        origin: format_number(r.get(17)?, r.get(18)?),
                    },
                    doc: DocumentRef {
                        id: r.get(8)?,
                        name: r.get(9)?,
                        source: r.get(10)?,
                        sha256: r.get(11)?,
                        format: r.get(12)?,
                        encoding: r.get(13)?,
                        size: r.get(14)?,
                        ingested_at: r.get(15)?,
                        ingested_by: r.get(16)?,
                        report: None,
                    },
                })
            })?;
            for row in rows {
                reps.push(row?);
            }
        }
        // Report order: the active ones in computed order, then inactive ones by id.
        let pos = |rid: i64| {
            c.reports
                .iter()
                .position(|r| r.id == rid)
                .unwrap_or(usize::MAX)
        };
        reps.sort_by_key(|r| (pos(r.id), r.id));
        // Values of all reports.
        struct Val {
            report_id: i64,
            field: String,
            value: Value,
            evidence: Vec<Evidence>,
            recorded_at: String,
            extractor: String,
            superseded_at: Option<String>,
        }
        let mut vals: Vec<Val> = Vec::new();
        {
            let mut st = conn.prepare(
                "SELECT v.report_id, v.field, v.value, v.evidence, v.recorded_at, v.extractor, v.superseded_at
                 FROM report_values v JOIN reports r ON r.id = v.report_id
                 WHERE r.incident_id = ?1 ORDER BY v.id",
            )?;
            let rows = st.query_map([id], |r| {
                Ok(Val {
                    report_id: r.get(0)?,
                    field: r.get(1)?,
                    value: serde_json::from_str(&r.get::<_, String>(2)?).unwrap_or(Value::Null),
                    evidence: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or_default(),
                    recorded_at: r.get(4)?,
                    extractor: r.get(5)?,
                    superseded_at: r.get(6)?,
                })
            })?;
            for row in rows {
                vals.push(row?);
            }
        }
        let mut overrides: Vec<OverrideEntry> = Vec::new();
        {
            let mut st = conn.prepare(
                "SELECT id, field, action, value, note, author, created_at FROM overrides
                 WHERE incident_id = ?1 ORDER BY id",
            )?;
            let rows = st.query_map([id], |r| {
                Ok(OverrideEntry {
                    id: r.get(0)?,
                    field: r.get(1)?,
                    action: r.get(2)?,
                    value: r
                        .get::<_, Option<String>>(3)?
                        .and_then(|v| serde_json::from_str(&v).ok())
                        .unwrap_or(Value::Null),
                    note: r.get(4)?,
                    author: r.get(5)?,
                    created_at: r.get(6)?,
                    active: false,
                })
            })?;
            for row in rows {
                overrides.push(row?);
            }
        }
        for o in overrides.iter_mut() {
            o.active = o.field.parse::<Field>().ok().and_then(|f| c.from.get(&f))
                == Some(&From::Override(o.id));
        }
        let mut fields = Vec::new();
        let mut record_evidence: Vec<Evidence> = Vec::new();
        for &field in Field::ALL {
            let value = c.eff.get(field);
            let source = match c.from.get(&field) {
                Some(From::Override(oid)) => {
                    let o = overrides.iter().find(|o| o.id == *oid);
                    ValueSource::Override {
                        override_id: *oid,
                        author: o.map(|o| o.author.clone()).unwrap_or_default(),
                        at: o.map(|o| o.created_at.clone()).unwrap_or_default(),
                        note: o.and_then(|o| o.note.clone()),
                    }
                }
                Some(From::Report(rid)) => ValueSource::Report {
                    report_id: *rid,
                    document_id: reps
                        .iter()
                        .find(|r| r.id == *rid)
                        .map(|r| r.doc.id)
                        .unwrap_or(0),
                },
                None => ValueSource::None,
            };
            let hist_field = if field == Field::Sector {
                Field::Organization
            } else {
                field
            };
            let evidence: Vec<EvidenceAt> = match &source {
                ValueSource::Report {
                    report_id,
                    document_id,
                } => vals
                    .iter()
                    .filter(|v| {
                        v.report_id == *report_id
                            && v.field == hist_field.as_str()
                            && v.superseded_at.is_none()
                    })
                    .flat_map(|v| v.evidence.iter())
                    .map(|e| EvidenceAt {
                        document_id: *document_id,
                        field: e.field.clone(),
                        text: e.text.clone(),
                        start: e.start,
                        end: e.end,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            if field != Field::Sector {
                record_evidence.extend(evidence.iter().map(|e| Evidence {
                    field: e.field.clone(),
                    text: e.text.clone(),
                    start: e.start,
                    end: e.end,
                }));
            }
            let mut history = Vec::new();
            if field != Field::Sector {
                for r in &reps {
                    for v in vals
                        .iter()
                        .filter(|v| v.report_id == r.id && v.field == field.as_str())
                    {
                        history.push(HistoryEntry {
                            value: v.value.clone(),
                            document_id: r.doc.id,
                            document: r.doc.name.clone(),
                            report_id: r.id,
                            report_kind: r.rep.kind.clone(),
                            report_no: r.rep.report_no,
                            report_date: r.rep.report_date.clone(),
                            recorded_at: v.recorded_at.clone(),
                            extractor: v.extractor.clone(),
                            superseded_at: v.superseded_at.clone(),
                            active: r.rep.active,
                            current: v.superseded_at.is_none()
                                && c.from.get(&field) == Some(&From::Report(r.id)),
                            evidence: v.evidence.clone(),
                        });
                    }
                }
            }
            fields.push(FieldView {
                field,
                value,
                source,
                evidence,
                history,
            });
        }
        let first = c.reports.first();
        let mut record = c.eff.to_incident(
            first.map(|r| r.doc_name.as_str()).unwrap_or(""),
            first.map(|r| r.span).unwrap_or(Span::new(0, 0)),
        );
        record.evidence = record_evidence;
        record.labels = c.labels.clone();
        let mut labels: Vec<LabelView> = Vec::new();
        {
            let mut st = conn.prepare(
                "SELECT label, kind, author, created_at FROM labels WHERE incident_id = ?1 ORDER BY label",
            )?;
            let rows = st.query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?;
            let mut stored = Vec::new();
            for row in rows {
                stored.push(row?);
            }
            for d in &c.derived {
                let supp = stored.iter().find(|s| &s.0 == d && s.1 == "suppressed");
                labels.push(LabelView {
                    label: d.clone(),
                    kind: if supp.is_some() {
                        LabelKind::Suppressed
                    } else {
                        LabelKind::Derived
                    },
                    author: supp.map(|s| s.2.clone()),
                    created_at: supp.map(|s| s.3.clone()),
                });
            }
            for s in stored.iter().filter(|s| s.1 == "user") {
                labels.push(LabelView {
                    label: s.0.clone(),
                    kind: LabelKind::User,
                    author: Some(s.2.clone()),
                    created_at: Some(s.3.clone()),
                });
            }
        }
        let documents = reps
            .into_iter()
            .map(|r| {
                let mut d = r.doc;
                d.report = Some(r.rep);
                d
            })
            .collect();
        Ok(IncidentView {
            id,
            number: format_number(year, seq),
            live,
            merged_into: merged_into.map(number_of).transpose()?,
            aliases,
            created_at,
            updated_at,
            sector: c.eff.sector().map(|s| s.ja().to_string()),
            size: size_label(c.eff.affected).to_string(),
            record,
            fields,
            overrides,
            labels,
            documents,
        })
    }

    /// A document with its text, original bytes and the incidents it reports.
    pub fn document(&self, id: i64) -> Result<DocumentView> {
        let conn = &self.conn;
        let row = conn
            .query_row(
                "SELECT id, name, source, sha256, format, encoding, size, ingested_at, ingested_by,
                        text, original, extracted_at, extractor
                 FROM documents WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        DocumentRef {
                            id: r.get(0)?,
                            name: r.get(1)?,
                            source: r.get(2)?,
                            sha256: r.get(3)?,
                            format: r.get(4)?,
                            encoding: r.get(5)?,
                            size: r.get(6)?,
                            ingested_at: r.get(7)?,
                            ingested_by: r.get(8)?,
                            report: None,
                        },
                        r.get::<_, String>(9)?,
                        r.get::<_, Option<Vec<u8>>>(10)?,
                        r.get::<_, String>(11)?,
                        r.get::<_, String>(12)?,
                    ))
                },
            )
            .optional()?
            .ok_or(StoreError::NoDocument(id))?;
        let (document, text, original, extracted_at, extractor) = row;
        let mut st = conn.prepare(
            "SELECT DISTINCT i.year, i.seq FROM reports r JOIN incidents i ON i.id = r.incident_id
             WHERE r.document_id = ?1 ORDER BY i.year, i.seq",
        )?;
        let incidents = st
            .query_map([id], |r| Ok(format_number(r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        let original = original.unwrap_or_else(|| text.as_bytes().to_vec());
        Ok(DocumentView {
            document,
            text,
            original,
            extracted_at,
            extractor,
            incidents,
        })
    }

    /// Documents, newest first.
    pub fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocumentRef>> {
        let mut st = self.conn.prepare(
            "SELECT id, name, source, sha256, format, encoding, size, ingested_at, ingested_by
             FROM documents ORDER BY id DESC LIMIT ?1 OFFSET ?2",
        )?;
        let rows = st.query_map(params![limit as i64, offset as i64], |r| {
            Ok(DocumentRef {
                id: r.get(0)?,
                name: r.get(1)?,
                source: r.get(2)?,
                sha256: r.get(3)?,
                format: r.get(4)?,
                encoding: r.get(5)?,
                size: r.get(6)?,
                ingested_at: r.get(7)?,
                ingested_by: r.get(8)?,
                report: None,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The audit log, newest first; only one incident's entries when `incident` is given
    /// (including entries of the documents that report it).
    pub fn audit_log(
        &self,
        incident: Option<IncidentRef>,
        limit: usize,
    ) -> Result<Vec<AuditEntry>> {
        let conn = &self.conn;
        let map = |r: &rusqlite::Row<'_>| -> rusqlite::Result<AuditEntry> {
            let year: Option<i32> = r.get(7)?;
            let seq: Option<i64> = r.get(8)?;
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                who: r.get(2)?,
                action: r.get(3)?,
                incident_id: r.get(4)?,
                incident: year.zip(seq).map(|(y, s)| format_number(y, s)),
                document_id: r.get(5)?,
                detail: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or(Value::Null),
            })
        };
        let base = "SELECT a.id, a.at, a.who, a.action, a.incident_id, a.document_id, a.detail, i.year, i.seq
                    FROM audit a LEFT JOIN incidents i ON i.id = a.incident_id";
        let out = match incident {
            Some(r) => {
                let id = self.resolve(r)?;
                let mut st = conn.prepare(&format!(
                    "{base} WHERE a.incident_id = ?1
                        OR a.document_id IN (SELECT document_id FROM reports WHERE incident_id = ?1)
                     ORDER BY a.id DESC LIMIT ?2"
                ))?;
                let rows = st.query_map(params![id, limit as i64], map)?;
                rows.collect::<Result<Vec<_>, _>>()?
            }
            None => {
                let mut st = conn.prepare(&format!(
                    "{base} WHERE {} ORDER BY a.id DESC LIMIT ?1",
                    crate::cases::NOT_CASE_AUDIT
                ))?;
                let rows = st.query_map(params![limit as i64], map)?;
                rows.collect::<Result<Vec<_>, _>>()?
            }
        };
        Ok(out)
    }

    /// The audit rows matching `f`, newest first, and how many match in all. The casebook's
    /// rows only (an own case's changes are in [`Store::case_audit_log`]).
    pub fn audit_query(&self, f: &AuditFilter) -> Result<(Vec<AuditEntry>, u64)> {
        let mut conds: Vec<String> = vec![crate::cases::NOT_CASE_AUDIT.to_string()];
        let mut p: Vec<rusqlite::types::Value> = Vec::new();
        // one condition with its parameter as ?N (SQLite lets a condition name it twice)
        let mut add = |sql: &str, v: rusqlite::types::Value| {
            p.push(v);
            conds.push(sql.replace("?N", &format!("?{}", p.len())));
        };
        if let Some(w) = &f.who {
            add("a.who = ?N", w.clone().into());
        }
        if let Some(a) = &f.action {
            add("a.action = ?N", a.clone().into());
        }
        if let Some(d) = &f.from {
            add("a.at >= ?N", d.clone().into());
        }
        if let Some(d) = &f.to {
            // the whole day: every time of it sorts before the day with U+10FFFF appended
            add("a.at < ?N", format!("{d}\u{10FFFF}").into());
        }
        if let Some(r) = f.incident {
            let id = self.resolve(r)?;
            add(
                "(a.incident_id = ?N OR a.document_id IN (SELECT document_id FROM reports WHERE incident_id = ?N))",
                id.into(),
            );
        }
        let where_ = conds.join(" AND ");
        let conn = &self.conn;
        let total: i64 = conn.query_row(
            &format!("SELECT count(*) FROM audit a WHERE {where_}"),
            rusqlite::params_from_iter(p.iter()),
            |r| r.get(0),
        )?;
        let mut st = conn.prepare(&format!(
            "SELECT a.id, a.at, a.who, a.action, a.incident_id, a.document_id, a.detail, i.year, i.seq
             FROM audit a LEFT JOIN incidents i ON i.id = a.incident_id
             WHERE {where_} ORDER BY a.id DESC LIMIT {} OFFSET {}",
            f.limit.clamp(1, 10_000),
            f.offset.min(10_000_000)
        ))?;
        let rows = st.query_map(rusqlite::params_from_iter(p.iter()), |r| {
            let year: Option<i32> = r.get(7)?;
            let seq: Option<i64> = r.get(8)?;
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                who: r.get(2)?,
                action: r.get(3)?,
                incident_id: r.get(4)?,
                incident: year.zip(seq).map(|(y, s)| format_number(y, s)),
                document_id: r.get(5)?,
                detail: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or(Value::Null),
            })
        })?;
        Ok((rows.collect::<Result<Vec<_>, _>>()?, total.max(0) as u64))
    }

    /// The people and actions that occur in the casebook's audit log (for a filter's choices).
    pub fn audit_choices(&self) -> Result<(Vec<String>, Vec<String>)> {
        let conn = &self.conn;
        let col = |c: &str| -> Result<Vec<String>> {
            let mut st = conn.prepare(&format!(
                "SELECT DISTINCT {c} FROM audit a WHERE {} ORDER BY {c} LIMIT 500",
                crate::cases::NOT_CASE_AUDIT
            ))?;
            let v = st
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(v)
        };
        Ok((col("a.who")?, col("a.action")?))
    }
}
