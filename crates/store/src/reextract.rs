//! Re-extraction: run the (improved) extractor over the archived texts and update the reports'
//! values and history, keeping overrides, labels and numbers.

use crate::incident::{refresh, touch};
use crate::ingest::{attach, number_of, report_kind};
use crate::values::extracted_values;
use crate::IncidentRef;
use crate::{audit, Result, Store, EXTRACTOR};
use jikenbo_model::{clock, Evidence, Incident};
use jikenbo_text::{Document, Format};
use rusqlite::params;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};

/// What a re-extraction changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReextractSummary {
    pub documents: u64,
    /// Documents where something changed.
    pub changed_documents: u64,
    /// Field values replaced (the old ones stay in the history as superseded).
    pub values_changed: u64,
    /// Incidents found that the earlier extraction did not find.
    pub reports_added: u64,
    /// Reports the extractor no longer finds (kept, inactive).
    pub reports_retired: u64,
    /// Reports found again after having been retired.
    pub reports_revived: u64,
    /// Documents the extractor failed on (document id, the problem): left as they were.
    pub failed: Vec<(i64, String)>,
}

struct OldReport {
    id: i64,
    incident_id: i64,
    start: usize,
    end: usize,
    active: bool,
    /// What orders the report among its incident's: kind, 第N報 number, own date.
    order: (String, Option<i64>, Option<String>),
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn format_of(s: &str) -> Format {
    match s {
        "markdown" => Format::Markdown,
        "html" => Format::Html,
        "pdf" => Format::Pdf,
        _ => Format::Text,
    }
}

impl Store {
    /// Re-runs [`jikenbo_extract::extract`] over every archived document. `progress(done, total)`
    /// is called after each document.
    pub fn reextract(
        &mut self,
        who: &str,
        progress: impl FnMut(u64, u64),
    ) -> Result<ReextractSummary> {
        self.reextract_with(who, EXTRACTOR, jikenbo_extract::extract, progress)
    }

    /// Re-runs the extractor over the documents of one incident (every document that reports
    /// it, active or not), as [`Store::reextract`] does for all; each document is one
    /// transaction.
    pub fn reextract_incident(&mut self, r: IncidentRef, who: &str) -> Result<ReextractSummary> {
        let id = self.resolve(r)?;
        let ids: Vec<i64> = {
            let mut st = self.conn.prepare(
                "SELECT DISTINCT document_id FROM reports WHERE incident_id = ?1 ORDER BY 1",
            )?;
            let rows = st.query_map([id], |r| r.get(0))?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        let mut sum = ReextractSummary::default();
        for doc_id in ids {
            self.reextract_document(doc_id, who, EXTRACTOR, &jikenbo_extract::extract, &mut sum)?;
            sum.documents += 1;
        }
        self.index_changes()?;
        Ok(sum)
    }

    /// Re-extraction with any extractor (`label` is recorded with the values it produces).
    /// Each document is one transaction. Reports are matched to the new extraction by the
    /// overlap of their sections; a value that differs supersedes the old one; new incidents are
    /// linked or numbered as on ingest; reports no longer found become inactive.
    pub fn reextract_with(
        &mut self,
        who: &str,
        label: &str,
        extract: impl Fn(&Document) -> Vec<Incident>,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<ReextractSummary> {
        let ids: Vec<i64> = {
            let mut st = self.conn.prepare("SELECT id FROM documents ORDER BY id")?;
            let rows = st.query_map([], |r| r.get(0))?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        let total = ids.len() as u64;
        let mut sum = ReextractSummary::default();
        // The search index is written once at the end (the queue keeps what is not written yet,
        // should this stop half-way).
        let deferred = std::mem::replace(&mut self.defer_index, true);
        let run = || -> Result<()> {
            for (n, doc_id) in ids.into_iter().enumerate() {
                self.reextract_document(doc_id, who, label, &extract, &mut sum)?;
                sum.documents += 1;
                progress(n as u64 + 1, total);
            }
            Ok(())
        };
        let outcome = run();
        self.defer_index = deferred;
        outcome?;
        self.index_changes()?;
        Ok(sum)
    }

    fn reextract_document(
        &mut self,
        doc_id: i64,
        who: &str,
        label: &str,
        extract: &impl Fn(&Document) -> Vec<Incident>,
        sum: &mut ReextractSummary,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        let (name, format, encoding, text): (String, String, String, String) = tx.query_row(
            "SELECT name, format, encoding, text FROM documents WHERE id = ?1",
            [doc_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let encoding: &'static str = match encoding.as_str() {
            "UTF-8" => "UTF-8",
            "Shift_JIS" => "Shift_JIS",
            "EUC-JP" => "EUC-JP",
            "ISO-2022-JP" => "ISO-2022-JP",
            "UTF-16LE" => "UTF-16LE",
            "UTF-16BE" => "UTF-16BE",
            _ => "UTF-8",
        };
        let doc = Document {
            name,
            format: format_of(&format),
            encoding,
            text,
        };
        // a rule that fails on this document leaves it as it was (the transaction is dropped)
        let new = match jikenbo_extract::isolate(&doc.name, || extract(&doc)) {
            Ok(v) => v,
            Err(e) => {
                tracing::error!("{e}");
                sum.failed.push((doc_id, e.to_string()));
                return Ok(());
            }
        };
        let new: Vec<Incident> = new
            .into_iter()
            .filter(|i| i.span.start <= i.span.end && i.span.end <= doc.text.len())
            .collect();
        let old: Vec<OldReport> = {
            let mut st = tx.prepare(
                "SELECT id, incident_id, span_start, span_end, active, kind, report_no, report_date
                 FROM reports WHERE document_id = ?1 ORDER BY seq",
            )?;
            let rows = st.query_map([doc_id], |r| {
                Ok(OldReport {
                    id: r.get(0)?,
                    incident_id: r.get(1)?,
                    start: r.get::<_, i64>(2)? as usize,
                    end: r.get::<_, i64>(3)? as usize,
                    active: r.get(4)?,
                    order: (r.get(5)?, r.get(6)?, r.get(7)?),
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        // Match new incidents to old reports by section overlap (largest first).
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
        for (j, inc) in new.iter().enumerate() {
            for (k, o) in old.iter().enumerate() {
                let ov = overlap((inc.span.start, inc.span.end), (o.start, o.end));
                let same_empty = inc.span.start == o.start && inc.span.end == o.end;
                if ov > 0 || same_empty {
                    pairs.push((ov, j, k));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut new_to_old: HashMap<usize, usize> = HashMap::new();
        let mut used_old: BTreeSet<usize> = BTreeSet::new();
        for (_, j, k) in pairs {
            if new_to_old.contains_key(&j) || used_old.contains(&k) {
                continue;
            }
            new_to_old.insert(j, k);
            used_old.insert(k);
        }
        let at = clock::now_rfc3339_millis();
        // Renumber seqs in two phases (UNIQUE(document_id, seq)).
        tx.execute(
            "UPDATE reports SET seq = -id WHERE document_id = ?1",
            [doc_id],
        )?;
        let mut touched: BTreeSet<i64> = BTreeSet::new();
        let mut detail: Vec<Value> = Vec::new();
        let mut changed_doc = false;
        for (j, inc) in new.iter().enumerate() {
            let Some(&k) = new_to_old.get(&j) else {
                continue;
            };
            let o = &old[k];
            let kind = report_kind(&doc.text, inc);
            tx.execute(
                "UPDATE reports SET seq = ?2, span_start = ?3, span_end = ?4, kind = ?5,
                        report_no = ?6, report_date = ?7, active = 1
                 WHERE id = ?1",
                params![
                    o.id,
                    j as i64,
                    inc.span.start as i64,
                    inc.span.end as i64,
                    kind.0.as_str(),
                    kind.1,
                    inc.published.map(|d| d.to_string())
                ],
            )?;
            if !o.active {
                sum.reports_revived += 1;
                changed_doc = true;
                touched.insert(o.incident_id);
            }
            // A section that moved changes the indexed text; a new kind, number or date may
            // change which report is the latest: the incident is refreshed either way.
            let order = (
                kind.0.as_str().to_string(),
                kind.1,
                inc.published.map(|d| d.to_string()),
            );
            if (o.start, o.end) != (inc.span.start, inc.span.end) || o.order != order {
                touched.insert(o.incident_id);
            }
            if (o.start, o.end) != (inc.span.start, inc.span.end) {
                let sk = crate::ingest::sketch_of(&doc.text, inc);
                crate::dupes::set_sketch(&tx, o.id, sk.as_ref())?;
            }
            // Current values of the old report.
            let current: Vec<(i64, String, String, String)> = {
                let mut st = tx.prepare_cached(
                    "SELECT id, field, value, evidence FROM report_values
                     WHERE report_id = ?1 AND superseded_at IS NULL ORDER BY id",
                )?;
                let rows =
                    st.query_map([o.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
                rows.collect::<Result<Vec<_>, _>>()?
            };
            let fresh = extracted_values(inc);
            let mut fields_changed: Vec<String> = Vec::new();
            for (vid, field, value, evidence) in &current {
                match fresh.iter().find(|(f, _, _)| f.as_str() == field) {
                    Some((_, v, ev)) if &v.to_string() == value => {
                        let ev = serde_json::to_string(ev)?;
                        if &ev != evidence {
                            tx.execute(
                                "UPDATE report_values SET evidence = ?2 WHERE id = ?1",
                                params![vid, ev],
                            )?;
                        }
                    }
                    _ => {
                        tx.execute(
                            "UPDATE report_values SET superseded_at = ?2 WHERE id = ?1",
                            params![vid, at],
                        )?;
                        fields_changed.push(field.clone());
                    }
                }
            }
            let mut st = tx.prepare_cached(
                "INSERT INTO report_values (report_id, field, value, evidence, recorded_at, extractor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (field, v, ev) in &fresh {
                let same = current
                    .iter()
                    .any(|(_, f, val, _)| f == field.as_str() && val == &v.to_string());
                if !same {
                    st.execute(params![
                        o.id,
                        field.as_str(),
                        v.to_string(),
                        serde_json::to_string::<Vec<Evidence>>(ev)?,
                        at,
                        label
                    ])?;
                    if !fields_changed.iter().any(|f| f == field.as_str()) {
                        fields_changed.push(field.to_string());
                    }
                }
            }
            if !fields_changed.is_empty() {
                sum.values_changed += fields_changed.len() as u64;
                changed_doc = true;
                touched.insert(o.incident_id);
                detail.push(json!({
                    "number": number_of(&tx, o.incident_id)?,
                    "fields": fields_changed,
                }));
            }
        }
        // Old reports no longer found.
        let mut next_seq = new.len() as i64;
        for (k, o) in old.iter().enumerate() {
            if used_old.contains(&k) {
                continue;
            }
            tx.execute(
                "UPDATE reports SET seq = ?2, active = 0 WHERE id = ?1",
                params![o.id, next_seq],
            )?;
            next_seq += 1;
            if o.active {
                sum.reports_retired += 1;
                changed_doc = true;
                touched.insert(o.incident_id);
                detail.push(json!({
                    "number": number_of(&tx, o.incident_id)?,
                    "retired": true,
                }));
            }
        }
        // New incidents (a document does not follow up on incidents it already reports).
        let mut reported: Vec<i64> = tx
            .prepare_cached("SELECT DISTINCT incident_id FROM reports WHERE document_id = ?1")?
            .query_map([doc_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for (j, inc) in new.iter().enumerate() {
            if new_to_old.contains_key(&j) {
                continue;
            }
            let sketch = crate::ingest::sketch_of(&doc.text, inc);
            let (ch, _) = attach(
                &tx,
                doc_id,
                j,
                inc,
                report_kind(&doc.text, inc),
                sketch.as_ref(),
                &reported,
                &at,
            )?;
            reported.push(ch.id);
            sum.reports_added += 1;
            changed_doc = true;
            detail.push(json!({ "number": ch.number, "added": ch.link.as_str() }));
        }
        for id in &touched {
            refresh(&tx, *id)?;
            touch(&tx, *id, &at)?;
        }
        tx.execute(
            "UPDATE documents SET extracted_at = ?2, extractor = ?3 WHERE id = ?1",
            params![doc_id, at, label],
        )?;
        if changed_doc {
            sum.changed_documents += 1;
            audit(
                &tx,
                who,
                "reextract",
                None,
                Some(doc_id),
                &json!({ "extractor": label, "changes": detail }),
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
