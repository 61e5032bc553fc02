//! Curators' changes: overrides, labels, merge, split. Each call is one transaction with one
//! audit row.

use crate::incident::{create_incident, merged_into, refresh, touch};
use crate::ingest::{ingest_in, number_of, IngestOutcome, Prepared, Source};
use crate::values::{parse_field, parse_field_value, value_text};
use crate::{audit, IncidentRef, Result, Store, StoreError};
use jikenbo_model::{clock, Field};
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Value};

/// One change of an edit: set a field to a value (JSON; null = unknown) or clear its override.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Set(Field, Value),
    Clear(Field),
}

impl Change {
    /// `affected=1234` (parsed with [`parse_field_value`]).
    pub fn parse_set(s: &str) -> Result<Change> {
        let (field, value) = s.split_once('=').ok_or_else(|| {
            StoreError::Invalid(format!("{s:?}: write FIELD=VALUE, e.g. affected=1234"))
        })?;
        let field = parse_field(field)?;
        Ok(Change::Set(field, parse_field_value(field, value)?))
    }
}

/// Applies overrides (and clears) to incident `id` in the transaction `tx`: one override row
/// per change, the derived columns refreshed, one audit row. Validates each value first, so a
/// value built by hand is held to the same rules as a curator's text.
pub(crate) fn edit_in(
    tx: &rusqlite::Connection,
    id: i64,
    changes: &[Change],
    note: Option<&str>,
    who: &str,
) -> Result<()> {
    let at = clock::now_rfc3339_millis();
    let mut detail = Vec::new();
    for ch in changes {
        let (field, action, value) = match ch {
            Change::Set(f, v) => (*f, "set", Some(v.to_string())),
            Change::Clear(f) => (*f, "clear", None),
        };
        if let Change::Set(f, v) = ch {
            parse_field_value(*f, &value_text(v))?;
        }
        tx.execute(
            "INSERT INTO overrides (incident_id, field, action, value, note, author, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, field.as_str(), action, value, note, who, at],
        )?;
        detail.push(json!({
            "field": field,
            "action": action,
            "value": match ch { Change::Set(_, v) => v.clone(), Change::Clear(_) => Value::Null },
        }));
    }
    refresh(tx, id)?;
    touch(tx, id, &at)?;
    audit(
        tx,
        who,
        "edit",
        Some(id),
        None,
        &json!({ "changes": detail, "note": note }),
    )?;
    Ok(())
}

impl Store {
    /// Applies overrides (and clears) to an incident, with a note, as `who`. Returns the number
    /// of the incident changed (a merged incident's survivor).
    pub fn edit(
        &mut self,
        r: IncidentRef,
        changes: &[Change],
        note: Option<&str>,
        who: &str,
    ) -> Result<String> {
        if changes.is_empty() {
            return Err(StoreError::Invalid("nothing to change".into()));
        }
        let id = self.resolve_live(r)?;
        let tx = self.write_tx()?;
        edit_in(&tx, id, changes, note, who)?;
        let number = number_of(&tx, id)?;
        tx.commit()?;
        self.index_changes()?;
        Ok(number)
    }

    /// Stores a prepared document and a curator's corrections of its incidents in one
    /// transaction: `corrections[i]` are the changes to the document's `i`-th incident (none
    /// for an empty list; an incident linked to a stored one corrects that one), recorded as
    /// overrides with `note`, so the extractor's values stay in the history. Either all of it
    /// is stored or, on any error, nothing (a document already stored is skipped and nothing is
    /// corrected). More corrections than incidents is an error.
    pub fn ingest_corrected(
        &mut self,
        p: &Prepared,
        source: &Source,
        who: &str,
        corrections: &[Vec<Change>],
        note: Option<&str>,
    ) -> Result<IngestOutcome> {
        if corrections.len() > p.incidents.len() {
            return Err(StoreError::Invalid(format!(
                "{} corrections for {} incidents",
                corrections.len(),
                p.incidents.len()
            )));
        }
        let tx = self.write_tx()?;
        let (out, queued) = ingest_in(&tx, p, source, who, None)?;
        let IngestOutcome::Added(a) = &out else {
            return Ok(out);
        };
        for (inc, changes) in a.incidents.iter().zip(corrections) {
            if !changes.is_empty() {
                edit_in(&tx, inc.id, changes, note, who)?;
            }
        }
        tx.commit()?;
        self.after_ingest(a, p, &queued)?;
        Ok(out)
    }

    /// Sets one field (convenience over [`Store::edit`]).
    pub fn set_override(
        &mut self,
        r: IncidentRef,
        field: Field,
        value: Value,
        note: Option<&str>,
        who: &str,
    ) -> Result<String> {
        self.edit(r, &[Change::Set(field, value)], note, who)
    }

    /// Ends the override of one field: the reports' value is in force again.
    pub fn clear_override(
        &mut self,
        r: IncidentRef,
        field: Field,
        note: Option<&str>,
        who: &str,
    ) -> Result<String> {
        self.edit(r, &[Change::Clear(field)], note, who)
    }

    /// Adds a label. Adding a derived label that was removed lifts its suppression. Returns
    /// false when the incident already had the label.
    pub fn add_label(&mut self, r: IncidentRef, label: &str, who: &str) -> Result<bool> {
        let label = label.trim();
        if label.is_empty() || label.contains('\n') {
            return Err(StoreError::Invalid(format!("{label:?} is not a label")));
        }
        let id = self.resolve_live(r)?;
        let tx = self.write_tx()?;
        let at = clock::now_rfc3339_millis();
        let existing = label_kind(&tx, id, label)?;
        let before = crate::incident::compute(&tx, id)?;
        let changed = match existing.as_deref() {
            Some("suppressed") => {
                tx.execute(
                    "DELETE FROM labels WHERE incident_id = ?1 AND label = ?2",
                    params![id, label],
                )?;
                true
            }
            Some(_) => false,
            None if before.derived.iter().any(|d| d == label) => false,
            None => {
                tx.execute(
                    "INSERT INTO labels (incident_id, label, kind, author, created_at)
                     VALUES (?1, ?2, 'user', ?3, ?4)",
                    params![id, label, who, at],
                )?;
                true
            }
        };
        if changed {
            refresh(&tx, id)?;
            touch(&tx, id, &at)?;
            audit(&tx, who, "label", Some(id), None, &json!({ "add": label }))?;
        }
        tx.commit()?;
        self.index_changes()?;
        Ok(changed)
    }

    /// Removes a label: a user label is deleted, a derived one suppressed for this incident.
    pub fn remove_label(&mut self, r: IncidentRef, label: &str, who: &str) -> Result<()> {
        let label = label.trim();
        let id = self.resolve_live(r)?;
        let tx = self.write_tx()?;
        let at = clock::now_rfc3339_millis();
        let existing = label_kind(&tx, id, label)?;
        let c = crate::incident::compute(&tx, id)?;
        match existing.as_deref() {
            Some("user") => {
                tx.execute(
                    "DELETE FROM labels WHERE incident_id = ?1 AND label = ?2",
                    params![id, label],
                )?;
                if c.derived.iter().any(|d| d == label) {
                    // It is also derived: removing it means suppressing it.
                    tx.execute(
                        "INSERT INTO labels (incident_id, label, kind, author, created_at)
                         VALUES (?1, ?2, 'suppressed', ?3, ?4)",
                        params![id, label, who, at],
                    )?;
                }
            }
            Some(_) => {
                return Err(StoreError::Invalid(format!(
                    "label {label:?} is already removed from this incident"
                )))
            }
            None if c.derived.iter().any(|d| d == label) => {
                tx.execute(
                    "INSERT INTO labels (incident_id, label, kind, author, created_at)
                     VALUES (?1, ?2, 'suppressed', ?3, ?4)",
                    params![id, label, who, at],
                )?;
            }
            None => {
                return Err(StoreError::Invalid(format!(
                    "the incident has no label {label:?}"
                )))
            }
        }
        refresh(&tx, id)?;
        touch(&tx, id, &at)?;
        audit(
            &tx,
            who,
            "label",
            Some(id),
            None,
            &json!({ "remove": label }),
        )?;
        tx.commit()?;
        self.index_changes()?;
        Ok(())
    }

    /// Merges `others` into `into`: their reports, overrides and user labels move to `into`, and
    /// each becomes a tombstone whose number resolves to `into`. Returns `into`'s number.
    pub fn merge(
        &mut self,
        into: IncidentRef,
        others: &[IncidentRef],
        who: &str,
    ) -> Result<String> {
        self.merge_with(into, others, who, None)
    }

    /// [`Store::merge`], deciding the open duplicate candidates between the incidents merged
    /// (`merged`) in the same transaction; `candidate`: the pair of the review queue this merge
    /// decides (named in the audit row).
    pub(crate) fn merge_with(
        &mut self,
        into: IncidentRef,
        others: &[IncidentRef],
        who: &str,
        candidate: Option<i64>,
    ) -> Result<String> {
        let target = self.resolve(into)?;
        let mut ids = Vec::new();
        for o in others {
            let id = self.resolve(*o)?;
            if id == target || ids.contains(&id) {
                return Err(StoreError::Invalid(format!("cannot merge {o} into itself")));
            }
            ids.push(id);
        }
        if ids.is_empty() {
            return Err(StoreError::Invalid(
                "name at least one incident to merge".into(),
            ));
        }
        let tx = self.write_tx()?;
        let merged = merged_into(&tx, target)?;
        if merged.is_some() {
            return Err(StoreError::Invalid(format!(
                "{into} was itself merged into #{}; merge into that one",
                number_of(&tx, merged.unwrap_or_default())?
            )));
        }
        let at = clock::now_rfc3339_millis();
        let mut numbers = Vec::new();
        for id in &ids {
            let m = merged_into(&tx, *id)?;
            if m.is_some() {
                return Err(StoreError::Invalid(format!(
                    "#{} was already merged into #{}",
                    number_of(&tx, *id)?,
                    number_of(&tx, m.unwrap_or_default())?
                )));
            }
            tx.execute(
                "UPDATE reports SET incident_id = ?2 WHERE incident_id = ?1",
                params![id, target],
            )?;
            tx.execute(
                "UPDATE overrides SET incident_id = ?2 WHERE incident_id = ?1",
                params![id, target],
            )?;
            // User labels move unless the target has the label already; suppressions stay.
            tx.execute(
                "INSERT OR IGNORE INTO labels (incident_id, label, kind, author, created_at)
                 SELECT ?2, label, kind, author, created_at FROM labels
                 WHERE incident_id = ?1 AND kind = 'user'",
                params![id, target],
            )?;
            tx.execute(
                "DELETE FROM labels WHERE incident_id = ?1 AND kind = 'user'",
                params![id],
            )?;
            tx.execute(
                "UPDATE incidents SET merged_into = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, target, at],
            )?;
            refresh(&tx, *id)?;
            numbers.push(number_of(&tx, *id)?);
            tx.execute(
                "UPDATE dup_candidates SET status = 'merged', decided_by = ?3, decided_at = ?4
                 WHERE status = 'open' AND a = min(?1, ?2) AND b = max(?1, ?2)",
                params![id, target, who, at],
            )?;
        }
        refresh(&tx, target)?;
        touch(&tx, target, &at)?;
        let mut detail = json!({ "merged": numbers });
        if let Some(c) = candidate {
            detail["candidate"] = json!(c);
        }
        audit(&tx, who, "merge", Some(target), None, &detail)?;
        let number = number_of(&tx, target)?;
        tx.commit()?;
        self.index_changes()?;
        Ok(number)
    }

    /// Takes the reports of document `document_id` out of an incident into an incident of their
    /// own. When those reports came from an incident that was merged into this one, that incident
    /// comes back with its number; otherwise a new incident is numbered. Returns its number.
    pub fn split(&mut self, r: IncidentRef, document_id: i64, who: &str) -> Result<String> {
        let id = self.resolve_live(r)?;
        let reports: Vec<i64> = {
            let mut st = self.conn.prepare(
                "SELECT id FROM reports WHERE incident_id = ?1 AND document_id = ?2 ORDER BY seq",
            )?;
            let rows = st.query_map(params![id, document_id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if reports.is_empty() {
            return Err(StoreError::Invalid(format!(
                "document {document_id} does not report {r}"
            )));
        }
        self.split_reports(r, &reports, who)
    }

    /// Takes reports (one incident section of a document each) out of an incident into an
    /// incident of their own: a record that wrongly joined two cases of one article is split by
    /// section, not only by document. When the reports all came from one incident that was
    /// merged into this one, that incident comes back with its number (and a duplicate pair
    /// merged between them is open again); otherwise a new incident is numbered in its own year.
    /// Returns the number. Audited `split`.
    pub fn split_reports(
        &mut self,
        r: IncidentRef,
        report_ids: &[i64],
        who: &str,
    ) -> Result<String> {
        let id = self.resolve_live(r)?;
        let tx = self.write_tx()?;
        let mut moving: Vec<(i64, i64, i64)> = Vec::new();
        for rid in report_ids {
            let row: Option<(i64, i64, i64)> = tx
                .query_row(
                    "SELECT id, origin_incident_id, document_id FROM reports
                     WHERE id = ?1 AND incident_id = ?2",
                    params![rid, id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            match row {
                Some(m) if !moving.contains(&m) => moving.push(m),
                Some(_) => {}
                None => {
                    return Err(StoreError::Invalid(format!(
                        "report {rid} is not one of {r}"
                    )))
                }
            }
        }
        if moving.is_empty() {
            return Err(StoreError::Invalid(
                "name at least one report to split off".into(),
            ));
        }
        let total: i64 = tx.query_row(
            "SELECT count(*) FROM reports WHERE incident_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if total as usize == moving.len() {
            return Err(StoreError::Invalid(format!(
                "these are all the reports of {r}; there is nothing to split off"
            )));
        }
        let at = clock::now_rfc3339_millis();
        let origin = moving[0].1;
        let revive = origin != id
            && moving.iter().all(|m| m.1 == origin)
            && tx
                .query_row(
                    "SELECT merged_into FROM incidents WHERE id = ?1",
                    [origin],
                    |r| r.get::<_, Option<i64>>(0),
                )
                .optional()?
                .flatten()
                == Some(id);
        let new_id = if revive {
            tx.execute(
                "UPDATE incidents SET merged_into = NULL, updated_at = ?2 WHERE id = ?1",
                params![origin, at],
            )?;
            tx.execute(
                "UPDATE dup_candidates SET status = 'open', decided_by = NULL, decided_at = NULL
                 WHERE status = 'merged' AND a = min(?1, ?2) AND b = max(?1, ?2)",
                params![origin, id],
            )?;
            origin
        } else {
            // numbered in the year of what the moving reports state
            let mut dates: [Option<jikenbo_model::PartialDate>; 3] = [None; 3];
            for (rid, _, _) in &moving {
                for (i, field) in ["published", "discovered", "occurred"].iter().enumerate() {
                    if dates[i].is_none() {
                        dates[i] = tx
                            .query_row(
                                "SELECT value FROM report_values WHERE report_id = ?1
                                 AND field = ?2 AND superseded_at IS NULL ORDER BY id DESC LIMIT 1",
                                params![rid, field],
                                |r| r.get::<_, String>(0),
                            )
                            .optional()?
                            .and_then(|v| serde_json::from_str::<String>(&v).ok())
                            .and_then(|v| v.parse().ok());
                    }
                }
            }
            let year = crate::ingest::number_year(dates[0], dates[1], dates[2]);
            create_incident(&tx, year, &at)?
        };
        for (rid, _, _) in &moving {
            tx.execute(
                "UPDATE reports SET incident_id = ?2, linked_by = CASE WHEN ?3 THEN linked_by ELSE 'split' END
                 WHERE id = ?1",
                params![rid, new_id, revive],
            )?;
        }
        refresh(&tx, id)?;
        touch(&tx, id, &at)?;
        refresh(&tx, new_id)?;
        touch(&tx, new_id, &at)?;
        let number = number_of(&tx, new_id)?;
        let docs: Vec<i64> = moving.iter().map(|m| m.2).collect();
        audit(
            &tx,
            who,
            "split",
            Some(id),
            (docs.len() == 1 || docs.iter().all(|d| *d == docs[0])).then_some(docs[0]),
            &json!({
                "into": number,
                "revived": revive,
                "reports": moving.iter().map(|m| m.0).collect::<Vec<_>>(),
            }),
        )?;
        tx.commit()?;
        self.index_changes()?;
        Ok(number)
    }
}

/// The kind of an incident's label row (`user`, `suppressed`), if there is one.
impl Store {
    /// Records a change of a sign-in account in the audit log (action `account`; detail: the
    /// change `create_user` / `update_user` / `delete_user`, the user, the role). The accounts
    /// themselves live with the web server; their history is the casebook's one audit trail.
    pub fn record_account_change(
        &mut self,
        who: &str,
        change: &str,
        user: &str,
        role: Option<&str>,
    ) -> Result<()> {
        audit(
            &self.conn,
            who,
            "account",
            None,
            None,
            &json!({ "change": change, "user": user, "role": role }),
        )
    }
}

fn label_kind(conn: &rusqlite::Connection, id: i64, label: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT kind FROM labels WHERE incident_id = ?1 AND label = ?2",
            params![id, label],
            |r| r.get(0),
        )
        .optional()?)
}
