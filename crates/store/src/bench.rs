//! Benchmark support: incidents written straight into the tables (no document, no extraction),
//! to measure search at a scale no real corpus reaches (a million incidents). The records come
//! from the caller (`jikenbo_corpus::synthetic_incidents` generates them): the store does not
//! depend on the corpus.
//!
//! Synthetic incidents are live and searchable but have no reports: they are for a throw-away
//! benchmark store only (a refresh would retire them).

use crate::incident::{fts_key, indexed, terms, IndexRow};
use crate::index::insert_row;
use crate::util::{data_mask, date_bounds, org_key};
use crate::values::Effective;
use crate::{Result, Store};
use jikenbo_model::{clock, Incident, Span};
use rusqlite::params;

/// Inserts the `incidents` as live incidents without documents (numbered after the existing
/// ones; each with `body` as its search-index body text), `batch` per transaction;
/// `progress(done)` after each batch. Only the record's fields are read (not its evidence,
/// labels or span); the labels are derived as for any incident.
pub fn insert_synthetic(
    store: &mut Store,
    incidents: impl IntoIterator<Item = (Incident, String)>,
    batch: usize,
    mut progress: impl FnMut(usize),
) -> Result<()> {
    let mut incidents = incidents.into_iter().peekable();
    let at = clock::now_rfc3339_millis();
    let mut done = 0;
    while incidents.peek().is_some() {
        // The incidents go to the casebook, their index rows to the index (directly: nothing is
        // queued), each in one transaction per batch.
        let mut rows: Vec<(i64, i64, IndexRow)> = Vec::with_capacity(batch);
        let tx = store.conn.transaction()?;
        crate::raise_generation(&tx)?;
        {
            let mut ins = tx.prepare(
                "INSERT INTO incidents (year, seq, created_at, updated_at, live, organization, org_key,
                     title, published, occurred, discovered, affected, leak, cause, actor, data_mask,
                     sector, date_key, date_lo, date_hi, event_year, labels)
                 VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM incidents WHERE year = ?1),
                     ?2, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            )?;
            let mut setkey = tx.prepare("UPDATE incidents SET fts_key = ?2 WHERE id = ?1")?;
            for (inc, body) in incidents.by_ref().take(batch.max(1)) {
                let eff = Effective::of(inc);
                let labels = eff.to_incident("", Span::new(0, 0)).labels;
                let date = eff.date_key();
                let (lo, hi) = date.as_ref().map(date_bounds).unzip();
                // Numbered in the year the incident is known by (else the current one).
                let year = date
                    .map(|d| d.year)
                    .or_else(|| at.get(..4).and_then(|y| y.parse().ok()))
                    .unwrap_or(2000);
                ins.execute(params![
                    year,
                    at,
                    eff.organization,
                    eff.organization.as_deref().and_then(org_key),
                    eff.title,
                    eff.published.map(|d| d.to_string()),
                    eff.occurred.map(|d| d.to_string()),
                    eff.discovered.map(|d| d.to_string()),
                    eff.affected.map(|a| a as i64),
                    eff.leak.map(|x| x.as_str()),
                    eff.cause.map(|x| x.as_str()),
                    eff.actor.map(|x| x.as_str()),
                    data_mask(&eff.data),
                    eff.sector().map(|s| s.ja()),
                    date.map(|d| d.to_string()),
                    lo.clone(),
                    hi,
                    date.map(|d| d.year),
                    labels.join("\n"),
                ])?;
                let id = tx.last_insert_rowid();
                let key = fts_key(lo.as_deref(), id);
                let row = IndexRow {
                    org: indexed(eff.organization.as_deref().unwrap_or("")),
                    title: indexed(eff.title.as_deref().unwrap_or("")),
                    terms: indexed(&terms(&eff, &labels)),
                    body: indexed(&body),
                };
                rows.push((key, id, row));
                setkey.execute(params![id, key])?;
            }
        }
        tx.commit()?;
        // FTS5 starts a new segment whenever a rowid is not above the previous one: the index
        // rows of a batch are written in rowid order.
        rows.sort_unstable_by_key(|r| r.0);
        let tx = store.index_conn().transaction()?;
        {
            let mut indexed =
                tx.prepare("INSERT INTO indexed (incident_id, fts_key) VALUES (?1, ?2)")?;
            for (key, id, row) in &rows {
                insert_row(&tx, *key, row)?;
                indexed.execute(params![id, key])?;
            }
        }
        tx.commit()?;
        done += rows.len();
        progress(done);
    }
    Ok(())
}

/// Bytes the store's files (the casebook and its search index, with their WALs) take on disk.
pub fn store_size(store: &Store) -> u64 {
    let Some(p) = store.path() else { return 0 };
    let mut total = 0;
    for file in [p.to_path_buf(), crate::index_path(p)] {
        for suffix in ["", "-wal", "-shm"] {
            let mut s = file.as_os_str().to_owned();
            s.push(suffix);
            if let Ok(m) = std::fs::metadata(std::path::PathBuf::from(s)) {
                total += m.len();
            }
        }
    }
    total
}
