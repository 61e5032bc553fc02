//! Own cases (自組織の事案): the privacy officer's incidents, stored beside the casebook but
//! apart from it.
//!
//! A case ([`jikenbo_respond::Case`]) lives in the tables `cases`, `case_facts` (every change
//! of a fact: value, who, when), `case_events` and `case_measures` (migration
//! `0005_cases.sql`). None of the casebook's tables refers to them and they are never queued
//! for the search index, so the incident list, search, facets, statistics and the JSON, CSV and
//! VERIS exports never contain them. Only a public notice the officer publishes
//! ([`Store::publish_case_notice`], `publish.rs`) enters the casebook, as an ordinary document;
//! the case keeps a link to it (`case_publications`). Every change is one transaction with one
//! row in the audit log (`case_create`, `case_facts`, `case_status`, `case_event_add`,
//! `case_event_remove`, `case_measure_add`, `case_measure_update`; a publication writes its
//! 公表 event's `case_event_add` and a `case_publish`; no incident, the case's id in the
//! detail): the casebook's own audit view ([`Store::audit_log`]) and exports leave those rows
//! out, and [`Store::case_audit_log`] lists them per case.
//!
//! ```
//! use jikenbo_respond::{CaseDetails, Facts};
//! use jikenbo_store::{NewCase, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let facts = Facts { persons: Some(350), ..Facts::default() };
//! let case = store
//!     .create_case(&NewCase::new("メール誤送信", "株式会社ひなた商会", facts.clone()), "佐藤")
//!     .unwrap();
//! let more = Facts { persons: Some(1_200), aware: "2026-11-30".parse().ok(), ..facts };
//! let today = "2026-12-01".parse().unwrap();
//! let update = store
//!     .update_case_facts(case.id, &more, &CaseDetails::default(), "佐藤", today)
//!     .unwrap();
//! assert_eq!(update.lines()[0], "本人の数: 350人 → 1,200人");
//! assert_eq!(store.case(case.id).unwrap().provenance["persons"].who, "佐藤");
//! assert!(store.search(&jikenbo_store::Query::text("ひなた")).unwrap().hits.is_empty());
//! ```

use crate::view::AuditEntry;
use crate::{audit, Result, Store, StoreError};
use jikenbo_model::clock;
use jikenbo_respond::{
    fact_changes, fact_keys, fact_value, update, Case, CaseDetails, CaseStatus, Date, Event,
    EventKind, EventTime, Facts, Measure, MeasureCategory, MeasureStatus, Provenance, ReportStage,
    Update,
};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The audit rows of the casebook (those of own cases left out), as an SQL condition on
/// `audit.action`.
pub(crate) const NOT_CASE_AUDIT: &str = "substr(action, 1, 5) <> 'case_'";

/// What a new case starts from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewCase {
    pub title: String,
    pub organization: String,
    #[serde(default)]
    pub facts: Facts,
    #[serde(default)]
    pub details: CaseDetails,
}

impl NewCase {
    pub fn new(title: &str, organization: &str, facts: Facts) -> NewCase {
        NewCase {
            title: title.to_string(),
            organization: organization.to_string(),
            facts,
            details: CaseDetails::default(),
        }
    }
}

/// One change of one fact of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFactEntry {
    pub fact: String,
    /// The value set (`null`: made unknown).
    pub value: Value,
    pub who: String,
    pub at: String,
}

fn bad(e: jikenbo_respond::RespondError) -> StoreError {
    StoreError::Respond(e)
}

pub(crate) fn load(conn: &Connection, id: i64) -> Result<Case> {
    let row = conn
        .query_row(
            "SELECT title, organization, status, facts, details, created_at, updated_at
             FROM cases WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::NoCase(id))?;
    let (title, organization, status, facts, details, created_at, updated_at) = row;
    let mut case = Case::new(id, &title, &organization);
    case.status = status.parse().map_err(bad)?;
    case.facts = serde_json::from_str(&facts)?;
    case.details = serde_json::from_str(&details)?;
    case.created_at = created_at;
    case.updated_at = updated_at;
    // Provenance: the latest change of each fact that is known now.
    let mut st =
        conn.prepare_cached("SELECT fact, who, at FROM case_facts WHERE case_id = ?1 ORDER BY id")?;
    let rows = st.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut prov: BTreeMap<String, Provenance> = BTreeMap::new();
    for row in rows {
        let (fact, who, at) = row?;
        prov.insert(fact, Provenance { who, at });
    }
    prov.retain(|k, _| !fact_value(&case.facts, &case.details, k).is_null());
    case.provenance = prov;
    let mut st = conn.prepare_cached(
        "SELECT id, at, kind, stage, note, who FROM case_events WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (eid, at, kind, stage, note, who) = row?;
        case.events.push(Event {
            id: Some(eid),
            at: at.parse::<EventTime>().map_err(bad)?,
            kind: kind.parse::<EventKind>().map_err(bad)?,
            stage: stage
                .map(|s| s.parse::<ReportStage>())
                .transpose()
                .map_err(bad)?,
            note,
            who,
        });
    }
    case.sort_events();
    let mut st = conn.prepare_cached(
        "SELECT id, text, category, owner, due, status, evidence FROM case_measures
         WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    for row in rows {
        let (mid, text, category, owner, due, status, evidence) = row?;
        case.measures.push(Measure {
            id: Some(mid),
            text,
            category: category.parse::<MeasureCategory>().map_err(bad)?,
            owner,
            due: due
                .map(|d| jikenbo_respond::parse_date(&d))
                .transpose()
                .map_err(bad)?,
            status: status.parse::<MeasureStatus>().map_err(bad)?,
            evidence,
        });
    }
    Ok(case)
}

fn record_facts(
    conn: &Connection,
    id: i64,
    changes: &[(String, Value)],
    who: &str,
    at: &str,
) -> Result<()> {
    let mut st = conn.prepare_cached(
        "INSERT INTO case_facts (case_id, fact, value, who, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (k, v) in changes {
        st.execute(params![id, k, v.to_string(), who, at])?;
    }
    Ok(())
}

fn touch(conn: &Connection, id: i64, at: &str) -> Result<()> {
    let n = conn
        .prepare_cached("UPDATE cases SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![id, at])?;
    if n == 0 {
        return Err(StoreError::NoCase(id));
    }
    Ok(())
}

pub(crate) fn case_audit(
    conn: &Connection,
    who: &str,
    action: &str,
    id: i64,
    detail: Value,
) -> Result<()> {
    let mut detail = detail;
    if let Value::Object(o) = &mut detail {
        o.insert("case".into(), json!(id));
    }
    audit(conn, who, action, None, None, &detail)
}

/// Inserts an event on a case's timeline (recorded at `at`; `who` when the event names
/// nobody) and touches the case; returns the event's id.
pub(crate) fn insert_event(
    conn: &Connection,
    case_id: i64,
    event: &Event,
    who: &str,
    at: &str,
) -> Result<i64> {
    touch(conn, case_id, at)?;
    let by = if event.who.trim().is_empty() {
        who
    } else {
        event.who.trim()
    };
    conn.prepare_cached(
        "INSERT INTO case_events (case_id, at, kind, stage, note, who, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        case_id,
        event.at.to_string(),
        event.kind.as_str(),
        event.stage.map(|s| s.as_str()),
        event.note.trim(),
        by,
        at
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn audit_event_add(
    conn: &Connection,
    who: &str,
    case_id: i64,
    eid: i64,
    e: &Event,
) -> Result<()> {
    case_audit(
        conn,
        who,
        "case_event_add",
        case_id,
        json!({ "event": eid, "at": e.at.to_string(), "kind": e.kind.as_str(),
                "stage": e.stage.map(|s| s.as_str()), "note": e.note.trim() }),
    )
}

fn check_measure(m: &Measure) -> Result<()> {
    if m.text.trim().is_empty() {
        return Err(StoreError::Invalid(
            "a measure needs its text (再発防止策の内容)".into(),
        ));
    }
    Ok(())
}

impl Store {
    /// Creates an own case (status 調査中) with its first facts, each recorded as set by `who`.
    pub fn create_case(&mut self, new: &NewCase, who: &str) -> Result<Case> {
        if new.title.trim().is_empty() {
            return Err(StoreError::Invalid("a case needs a title (件名)".into()));
        }
        new.facts
            .validate()
            .map_err(|e| StoreError::Invalid(format!("bad facts: {e}")))?;
        let at = clock::now_rfc3339_millis();
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO cases (title, organization, status, facts, details, created_at,
                                created_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)",
            params![
                new.title.trim(),
                new.organization.trim(),
                CaseStatus::Investigating.as_str(),
                serde_json::to_string(&new.facts)?,
                serde_json::to_string(&new.details)?,
                at,
                who
            ],
        )?;
        let id = tx.last_insert_rowid();
        let known: Vec<(String, Value)> = fact_keys()
            .map(|k| (k.to_string(), fact_value(&new.facts, &new.details, k)))
            .filter(|(_, v)| !v.is_null())
            .collect();
        record_facts(&tx, id, &known, who, &at)?;
        case_audit(
            &tx,
            who,
            "case_create",
            id,
            json!({
                "title": new.title.trim(),
                "organization": new.organization.trim(),
                "facts": known.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            }),
        )?;
        let case = load(&tx, id)?;
        tx.commit()?;
        Ok(case)
    }

    /// An own case with its facts, provenance, timeline and measures.
    pub fn case(&self, id: i64) -> Result<Case> {
        load(&self.conn, id)
    }

    /// Every own case, newest first.
    pub fn cases(&self) -> Result<Vec<Case>> {
        let ids: Vec<i64> = {
            let mut st = self.conn.prepare("SELECT id FROM cases ORDER BY id DESC")?;
            let rows = st.query_map([], |r| r.get(0))?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        ids.into_iter().map(|id| load(&self.conn, id)).collect()
    }

    /// Replaces the facts of a case. Every fact that changed gets a history row (value, who,
    /// when); returns what changed and how the deadlines moved on `today` (nothing is written,
    /// not even an audit row, when no fact changed).
    pub fn update_case_facts(
        &mut self,
        id: i64,
        facts: &Facts,
        details: &CaseDetails,
        who: &str,
        today: Date,
    ) -> Result<Update> {
        facts
            .validate()
            .map_err(|e| StoreError::Invalid(format!("bad facts: {e}")))?;
        let at = clock::now_rfc3339_millis();
        let tx = self.write_tx()?;
        let old = load(&tx, id)?;
        let mut new = old.clone();
        new.set_facts(facts.clone(), details.clone(), who, &at);
        let up = update(&old, &new, today);
        if up.facts.is_empty() {
            return Ok(up); // the transaction rolls back: nothing changed
        }
        tx.execute(
            "UPDATE cases SET facts = ?2, details = ?3, updated_at = ?4 WHERE id = ?1",
            params![
                id,
                serde_json::to_string(&new.facts)?,
                serde_json::to_string(&new.details)?,
                at
            ],
        )?;
        let changed: Vec<(String, Value)> =
            fact_changes((&old.facts, &old.details), (&new.facts, &new.details))
                .into_iter()
                .map(|c| (c.key, c.after))
                .collect();
        record_facts(&tx, id, &changed, who, &at)?;
        case_audit(&tx, who, "case_facts", id, json!({ "changes": up.lines() }))?;
        tx.commit()?;
        Ok(up)
    }

    /// Sets one fact of a case from its JSON value (`null`: unknown again), as
    /// [`jikenbo_respond::set_fact`] reads it; then as [`Store::update_case_facts`].
    pub fn set_case_fact(
        &mut self,
        id: i64,
        key: &str,
        value: Value,
        who: &str,
        today: Date,
    ) -> Result<Update> {
        let case = self.case(id)?;
        let (mut facts, mut details) = (case.facts, case.details);
        jikenbo_respond::set_fact(&mut facts, &mut details, key, value).map_err(bad)?;
        self.update_case_facts(id, &facts, &details, who, today)
    }

    /// Renames a case or moves it to another organization name.
    pub fn set_case_title(
        &mut self,
        id: i64,
        title: &str,
        organization: &str,
        who: &str,
    ) -> Result<()> {
        if title.trim().is_empty() {
            return Err(StoreError::Invalid("a case needs a title (件名)".into()));
        }
        let at = clock::now_rfc3339_millis();
        let tx = self.write_tx()?;
        let old = load(&tx, id)?;
        tx.execute(
            "UPDATE cases SET title = ?2, organization = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, title.trim(), organization.trim(), at],
        )?;
        case_audit(
            &tx,
            who,
            "case_title",
            id,
            json!({ "from": [old.title, old.organization], "to": [title.trim(), organization.trim()] }),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Sets the status of a case.
    pub fn set_case_status(&mut self, id: i64, status: CaseStatus, who: &str) -> Result<()> {
        let at = clock::now_rfc3339_millis();
        let tx = self.write_tx()?;
        let old = load(&tx, id)?;
        if old.status == status {
            return Ok(());
        }
        tx.execute(
            "UPDATE cases SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status.as_str(), at],
        )?;
        case_audit(
            &tx,
            who,
            "case_status",
            id,
            json!({ "from": old.status.as_str(), "to": status.as_str() }),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records an event on a case's timeline (its `id` is ignored; `who` is recorded when the
    /// event names nobody); returns the event's id.
    pub fn add_case_event(&mut self, case_id: i64, event: &Event, who: &str) -> Result<i64> {
        let at = clock::now_rfc3339_millis();
        let tx = self.write_tx()?;
        let eid = insert_event(&tx, case_id, event, who, &at)?;
        audit_event_add(&tx, who, case_id, eid, event)?;
        tx.commit()?;
        Ok(eid)
    }

    /// Removes an event from a case's timeline (the audit row keeps what it said).
    pub fn remove_case_event(&mut self, case_id: i64, event_id: i64, who: &str) -> Result<()> {
        let at = clock::now_rfc3339_millis();
        let tx = self.write_tx()?;
        touch(&tx, case_id, &at)?;
        let old = load(&tx, case_id)?;
        let ev =
            old.events
                .iter()
                .find(|e| e.id == Some(event_id))
                .ok_or(StoreError::NoCaseItem {
                    case: case_id,
                    what: "event",
                    id: event_id,
                })?;
        tx.execute(
            "DELETE FROM case_events WHERE id = ?1 AND case_id = ?2",
            params![event_id, case_id],
        )?;
        case_audit(
            &tx,
            who,
            "case_event_remove",
            case_id,
            json!({ "event": event_id, "removed": serde_json::to_value(ev)? }),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Adds a recurrence-prevention measure (its `id` is ignored); returns its id.
    pub fn add_case_measure(&mut self, case_id: i64, m: &Measure, who: &str) -> Result<i64> {
        check_measure(m)?;
        let at = clock::now_rfc3339_millis();
        let tx = self.write_tx()?;
        touch(&tx, case_id, &at)?;
        tx.execute(
            "INSERT INTO case_measures (case_id, text, category, owner, due, status, evidence,
                                        created_at, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
            params![
                case_id,
                m.text.trim(),
                m.category.as_str(),
                m.owner,
                m.due.map(|d| d.to_string()),
                m.status.as_str(),
                m.evidence,
                at,
                who
            ],
        )?;
        let mid = tx.last_insert_rowid();
        let mut stored = m.clone();
        stored.id = Some(mid);
        case_audit(
            &tx,
            who,
            "case_measure_add",
            case_id,
            json!({ "measure": serde_json::to_value(&stored)? }),
        )?;
        tx.commit()?;
        Ok(mid)
    }

    /// Replaces a measure of a case (text, category, owner, due date, status, evidence).
    pub fn update_case_measure(
        &mut self,
        case_id: i64,
        measure_id: i64,
        m: &Measure,
        who: &str,
    ) -> Result<()> {
        check_measure(m)?;
        let at = clock::now_rfc3339_millis();
        let tx = self.write_tx()?;
        touch(&tx, case_id, &at)?;
        let old = load(&tx, case_id)?;
        let before = old
            .measures
            .iter()
            .find(|x| x.id == Some(measure_id))
            .ok_or(StoreError::NoCaseItem {
                case: case_id,
                what: "measure",
                id: measure_id,
            })?;
        let mut after = m.clone();
        after.id = Some(measure_id);
        if *before == after {
            return Ok(());
        }
        tx.execute(
            "UPDATE case_measures SET text = ?3, category = ?4, owner = ?5, due = ?6, status = ?7,
                    evidence = ?8, updated_at = ?9, updated_by = ?10
             WHERE id = ?1 AND case_id = ?2",
            params![
                measure_id,
                case_id,
                m.text.trim(),
                m.category.as_str(),
                m.owner,
                m.due.map(|d| d.to_string()),
                m.status.as_str(),
                m.evidence,
                at,
                who
            ],
        )?;
        case_audit(
            &tx,
            who,
            "case_measure_update",
            case_id,
            json!({ "measure": measure_id, "from": serde_json::to_value(before)?,
                    "to": serde_json::to_value(&after)? }),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every change of a case's facts, oldest first.
    pub fn case_fact_history(&self, case_id: i64) -> Result<Vec<CaseFactEntry>> {
        load(&self.conn, case_id)?;
        let mut st = self.conn.prepare(
            "SELECT fact, value, who, at FROM case_facts WHERE case_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([case_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (fact, value, who, at) = row?;
            out.push(CaseFactEntry {
                fact,
                value: serde_json::from_str(&value).unwrap_or(Value::Null),
                who,
                at,
            });
        }
        Ok(out)
    }

    /// The audit rows of a case, newest first.
    pub fn case_audit_log(&self, case_id: i64, limit: usize) -> Result<Vec<AuditEntry>> {
        load(&self.conn, case_id)?;
        let mut st = self.conn.prepare(
            "SELECT id, at, who, action, detail FROM audit
             WHERE substr(action, 1, 5) = 'case_' AND json_extract(detail, '$.case') = ?1
             ORDER BY id DESC LIMIT ?2",
        )?;
        let rows = st.query_map(params![case_id, limit as i64], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                who: r.get(2)?,
                action: r.get(3)?,
                incident_id: None,
                incident: None,
                document_id: None,
                detail: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or(Value::Null),
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// How many own cases the store holds.
    pub fn case_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?)
    }
}
