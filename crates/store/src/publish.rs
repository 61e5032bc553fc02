//! Publishing an own case's public notice (公表): the one way a case's words reach the casebook.
//!
//! A case is private (see `cases.rs`). What it publishes — the text of a お詫びとお知らせ
//! (第1報, 第N報, 最終報) — is ingested into the casebook exactly as an ingested document is
//! (the same path: extraction, numbering, 続報 linking, search-index queue, the `ingest` audit
//! row) and from then on is an ordinary public record: listed, searched, counted and exported.
//! Nothing else of the case goes with it: its facts, timeline, measures and drafts stay in the
//! case tables. In the same transaction the case gets a 公表 event on its timeline (audit
//! `case_event_add`), a row in `case_publications` (migration `0006_case_publications.sql`)
//! with the incidents the notice's reports belong to, and an audit row `case_publish`. A
//! failure anywhere leaves both the casebook and the case as they were.
//!
//! A later notice of the same case (第2報, 最終報, a corrected 第1報) is linked to the incident
//! of the case's latest publication (its survivor if it was merged), whatever the linking rules
//! would say: the case knows which incident its notices report. The same text published or
//! ingested before is not stored twice: the case is linked to the document already there.

use crate::cases::{audit_event_add, insert_event};
use crate::incident::merged_into;
use crate::ingest::{ingest_in, number_of, IngestOutcome, Prepared, Source};
use crate::{Result, Store, StoreError};
use jikenbo_model::clock;
use jikenbo_respond::{Event, EventKind, EventTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A public notice of an own case, published into the casebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePublication {
    pub id: i64,
    pub case_id: i64,
    /// The casebook document holding the notice's text.
    pub document_id: i64,
    pub document_name: String,
    /// The 公表 event on the case's timeline (`None` once that event was removed).
    pub event_id: Option<i64>,
    /// When it was published (the event's time: `2026-12-02` or `2026-12-02T15:00`).
    pub published_at: String,
    /// `ingested` (the text became a new document) or `existing` (the same text was already in
    /// the casebook).
    pub how: String,
    pub who: String,
    pub recorded_at: String,
    /// The casebook incidents the notice's reports belong to, in the document's order.
    pub incidents: Vec<PublishedIncident>,
}

impl CasePublication {
    /// The casebook numbers (`2026-001`) of the incidents, as they are now, comma-joined.
    pub fn numbers(&self) -> String {
        self.incidents
            .iter()
            .map(|i| format!("#{}", i.live_number))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One casebook incident a publication reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedIncident {
    /// The incident as linked when published.
    pub incident_id: i64,
    /// Its casebook number (`2026-001`).
    pub number: String,
    /// How the report was linked: `new`, `followup`, `same-facts`, `existing`.
    pub link: String,
    /// The incident now: itself, or the survivor it was merged into since.
    pub live_id: i64,
    pub live_number: String,
    /// The report's kind as read from the notice: `initial`, `followup`, `final`.
    pub report_kind: Option<String>,
    /// Its 第N報 number, when the notice says one.
    pub report_no: Option<i64>,
}

impl PublishedIncident {
    /// Which report of its incident this was, in Japanese: `第N報` when the notice numbers it,
    /// else `最終報`, `続報` or `第1報` by its kind.
    pub fn report_ja(&self) -> String {
        match (self.report_kind.as_deref(), self.report_no) {
            (_, Some(n)) => format!("第{n}報"),
            (Some("final"), None) => "最終報".into(),
            (Some("followup"), None) => "続報".into(),
            _ => "第1報".into(),
        }
    }
}

/// The survivor of an incident (itself when not merged).
fn survivor(conn: &Connection, id: i64) -> Result<i64> {
    let mut id = id;
    for _ in 0..64 {
        match merged_into(conn, id)? {
            Some(n) => id = n,
            None => return Ok(id),
        }
    }
    Err(StoreError::Invalid(format!(
        "incident {id} is part of a merge cycle"
    )))
}

/// The live incident the case's latest publication reports, if any.
fn followed(conn: &Connection, case_id: i64) -> Result<Option<i64>> {
    let first: Option<i64> = conn
        .query_row(
            "SELECT i.incident_id FROM case_publications p
             JOIN case_publication_incidents i ON i.publication_id = p.id
             WHERE p.case_id = ?1 ORDER BY p.id DESC, i.seq LIMIT 1",
            [case_id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = first else {
        return Ok(None);
    };
    let id = survivor(conn, id)?;
    let live: bool = conn.query_row("SELECT live FROM incidents WHERE id = ?1", [id], |r| {
        r.get::<_, i64>(0).map(|l| l == 1)
    })?;
    Ok(live.then_some(id))
}

fn load_publications(conn: &Connection, case_id: i64) -> Result<Vec<CasePublication>> {
    let mut st = conn.prepare_cached(
        "SELECT p.id, p.document_id, d.name, p.event_id, p.published_at, p.how, p.who,
                p.recorded_at
         FROM case_publications p JOIN documents d ON d.id = p.document_id
         WHERE p.case_id = ?1 ORDER BY p.id",
    )?;
    let rows = st.query_map([case_id], |r| {
        Ok(CasePublication {
            id: r.get(0)?,
            case_id,
            document_id: r.get(1)?,
            document_name: r.get(2)?,
            event_id: r.get(3)?,
            published_at: r.get(4)?,
            how: r.get(5)?,
            who: r.get(6)?,
            recorded_at: r.get(7)?,
            incidents: Vec::new(),
        })
    })?;
    let mut out = rows.collect::<Result<Vec<_>, _>>()?;
    let mut st = conn.prepare_cached(
        "SELECT i.incident_id, i.link, r.kind, r.report_no
         FROM case_publication_incidents i
         JOIN case_publications p ON p.id = i.publication_id
         LEFT JOIN reports r ON r.document_id = p.document_id AND r.seq = i.seq
         WHERE i.publication_id = ?1 ORDER BY i.seq",
    )?;
    for p in &mut out {
        let rows = st.query_map([p.id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
            ))
        })?;
        for row in rows {
            let (incident_id, link, report_kind, report_no) = row?;
            let live_id = survivor(conn, incident_id)?;
            p.incidents.push(PublishedIncident {
                incident_id,
                number: number_of(conn, incident_id)?,
                link,
                live_id,
                live_number: number_of(conn, live_id)?,
                report_kind,
                report_no,
            });
        }
    }
    Ok(out)
}

impl Store {
    /// Publishes a public notice of an own case: ingests `text` into the casebook as a document
    /// called `file_name` (as [`Store::ingest_text`] would, with `who` as the ingesting user),
    /// records a 公表 event at `at` on the case's timeline and links the case to the document
    /// and its incidents, all in one transaction. See the module documentation.
    ///
    /// Refused (nothing written): an unknown case, an empty text or name, a text in which the
    /// extractor finds no incident (nothing would be numbered), a text this case already
    /// published.
    pub fn publish_case_notice(
        &mut self,
        case_id: i64,
        text: &str,
        file_name: &str,
        who: &str,
        at: EventTime,
    ) -> Result<CasePublication> {
        if text.trim().is_empty() {
            return Err(StoreError::Invalid(
                "公表する文書が空です (the notice to publish is empty)".into(),
            ));
        }
        if file_name.trim().is_empty() {
            return Err(StoreError::Invalid(
                "公表する文書の名前がありません (the notice needs a file name)".into(),
            ));
        }
        // Decoding and extraction need no store: outside the write transaction.
        let p = Prepared::from_text(file_name.trim(), text)?;
        let recorded_at = clock::now_rfc3339_millis();
        let tx = self.write_tx()?;
        let case = crate::cases::load(&tx, case_id)?;
        let follow = followed(&tx, case_id)?;
        let (out, queued) = ingest_in(&tx, &p, &Source::none(), who, follow)?;
        let (document_id, how, incidents): (i64, &str, Vec<(i64, i64, String)>) = match &out {
            IngestOutcome::Added(a) => {
                if a.incidents.is_empty() {
                    return Err(StoreError::Invalid(format!(
                        "公表する文書から事案を読み取れませんでした (組織名・件名・日付を確認してください); 事件簿には登録していません\n\
                         no incident could be read from the notice {:?}; nothing was published",
                        p.document.name
                    )));
                }
                let inc = a
                    .incidents
                    .iter()
                    .enumerate()
                    .map(|(seq, c)| (seq as i64, c.id, c.link.as_str().to_string()))
                    .collect();
                (a.document_id, "ingested", inc)
            }
            IngestOutcome::Skipped(s) => {
                let already: bool = tx.query_row(
                    "SELECT count(*) FROM case_publications WHERE case_id = ?1 AND document_id = ?2",
                    params![case_id, s.document_id],
                    |r| r.get::<_, i64>(0).map(|n| n > 0),
                )?;
                if already {
                    return Err(StoreError::Invalid(format!(
                        "事案 {case_id} はこの文書を公表済みです (事件簿の文書 {})\n\
                         case {case_id} already published this text (document {})",
                        s.document_id, s.document_id
                    )));
                }
                let mut st = tx.prepare_cached(
                    "SELECT seq, incident_id FROM reports
                     WHERE document_id = ?1 AND active = 1 ORDER BY seq",
                )?;
                let inc: Vec<(i64, i64, String)> = st
                    .query_map([s.document_id], |r| {
                        Ok((r.get(0)?, r.get(1)?, "existing".to_string()))
                    })?
                    .collect::<Result<_, _>>()?;
                drop(st);
                if inc.is_empty() {
                    return Err(StoreError::Invalid(format!(
                        "同じ文書が事件簿にありますが、事案が読み取られていません (文書 {})\n\
                         the same text is in the casebook (document {}) but reports no incident",
                        s.document_id, s.document_id
                    )));
                }
                (s.document_id, "existing", inc)
            }
        };
        let numbers: Vec<String> = incidents
            .iter()
            .map(|(_, id, _)| number_of(&tx, *id).map(|n| format!("#{n}")))
            .collect::<Result<_>>()?;
        let note = format!("事件簿に登録: {} ({})", numbers.join(", "), p.document.name);
        let event = Event::new(at, EventKind::Publication, &note, who);
        let eid = insert_event(&tx, case_id, &event, who, &recorded_at)?;
        audit_event_add(&tx, who, case_id, eid, &event)?;
        tx.execute(
            "INSERT INTO case_publications (case_id, document_id, event_id, published_at, how,
                                            who, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                case_id,
                document_id,
                eid,
                at.to_string(),
                how,
                who,
                recorded_at
            ],
        )?;
        let pub_id = tx.last_insert_rowid();
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO case_publication_incidents (publication_id, seq, incident_id, link)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (seq, id, link) in &incidents {
                st.execute(params![pub_id, seq, id, link])?;
            }
        }
        crate::cases::case_audit(
            &tx,
            who,
            "case_publish",
            case_id,
            json!({
                "publication": pub_id,
                "document": document_id,
                "name": p.document.name,
                "event": eid,
                "how": how,
                "incidents": incidents.iter().zip(&numbers).map(|((_, _, link), n)| json!({
                    "number": n, "link": link
                })).collect::<Vec<_>>(),
                "title": case.title,
            }),
        )?;
        tx.commit()?;
        if let IngestOutcome::Added(a) = &out {
            self.after_ingest(a, &p, &queued)?;
        }
        load_publications(&self.conn, case_id)?
            .into_iter()
            .find(|x| x.id == pub_id)
            .ok_or(StoreError::NoCaseItem {
                case: case_id,
                what: "publication",
                id: pub_id,
            })
    }

    /// The public notices a case published into the casebook, oldest first.
    pub fn case_publications(&self, case_id: i64) -> Result<Vec<CasePublication>> {
        crate::cases::load(&self.conn, case_id)?;
        load_publications(&self.conn, case_id)
    }
}
