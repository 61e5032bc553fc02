//! The search index: an FTS5 trigram index of the live incidents, kept in its own SQLite file
//! beside the casebook (`<store>-search`, see [`index_path`]; in memory for an in-memory store).
//!
//! Two files have two write locks: a bulk ingest commits documents to the casebook on one
//! connection while another thread writes the index on its own ([`IndexWriter`]). The store's
//! connection attaches the index read-only as schema `search` for searching; the writing
//! connection opens the index as `main` and attaches the casebook read-only (so `BEGIN
//! IMMEDIATE` locks the index only). Table names differ between the two files, so the SQL here
//! names tables without a schema and runs on either arrangement; an in-memory store does it all
//! on its one connection.
//!
//! Consistency without a transaction across files: every change of an incident's derived state
//! appends the incident to the casebook's `fts_queue` in the same transaction ([`enqueue`]).
//! [`flush`] writes the queued entries and records the last sequence number it wrote
//! (`index_state.done_seq`) in the same index transaction; writing an entry again is harmless,
//! so a crash anywhere leaves a pair that the next flush completes. The casebook trims queue rows
//! the index holds ([`trim`]) but keeps the last one, so new sequence numbers stay above
//! `done_seq`. The index is derived: [`ensure`] rebuilds it when it is missing, of another
//! version, carries another casebook's identity (`index_link.store_id`), is behind rows already
//! trimmed, or is ahead of the casebook (a casebook restored from an older copy).

use crate::incident::{stored, IndexRow};
use crate::Result;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Version of the index file's layout (`PRAGMA user_version` of the index). Another version is
/// rebuilt, not migrated: the index is derived.
const INDEX_VERSION: i64 = 1;

/// The index's tables, created in schema `{s}`. The rowid of `incident_fts` orders incidents by
/// date: see `incidents.fts_key` (migration 0003). `indexed` maps each incident to the rowid of
/// its entry (to remove it when the incident changes).
const SCHEMA_SQL: &str = "
CREATE VIRTUAL TABLE {s}.incident_fts USING fts5(org, title, terms, body, tokenize = 'trigram');
CREATE VIRTUAL TABLE {s}.incident_fts_vocab USING fts5vocab(incident_fts, 'row');
CREATE TABLE {s}.indexed (incident_id INTEGER PRIMARY KEY, fts_key INTEGER NOT NULL);
CREATE TABLE {s}.index_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    store_id TEXT NOT NULL,
    done_seq INTEGER NOT NULL
);
-- Merge segments eight at a time (default four): less rewriting during bulk ingest.
INSERT INTO {s}.incident_fts(incident_fts, rank) VALUES('automerge', 8);
-- Keep up to 64 MiB of new entries in memory before writing a segment (the default, 1 MiB,
-- cut one flush into dozens of small segments that FTS5 then merged again).
INSERT INTO {s}.incident_fts(incident_fts, rank) VALUES('hashsize', 67108864);
";

/// Entries written per index transaction when flushing (one FTS5 segment each).
pub(crate) const FLUSH_BATCH: usize = 20_000;

/// Search-index rows computed ahead for new incidents (on the threads that prepared their
/// documents), by incident id, with the queue sequence number of the change they describe. A
/// flush uses a row only when that sequence number is the incident's latest in its batch; any
/// later change has a later number, so a row can never be used after it became stale.
pub(crate) type Ahead = Arc<Mutex<HashMap<i64, (i64, IndexRow)>>>;

/// The index file of the casebook at `db`: the same path with `-search` appended.
pub fn index_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push("-search");
    PathBuf::from(s)
}

/// A URI naming `path` read-only (`?`, `#` and `%` escaped as the URI syntax requires).
fn read_only_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?mode=ro");
    uri
}

/// Attaches the index file of the casebook at `db` read-only as schema `search`.
pub(crate) fn attach_read_only(conn: &Connection, db: &Path) -> Result<()> {
    conn.execute("ATTACH ?1 AS search", [read_only_uri(&index_path(db))])?;
    Ok(())
}

/// The store's read settings for schema `schema` of `conn`: page cache, and memory-mapped
/// reads of a file.
pub(crate) fn read_settings(conn: &Connection, schema: &str, file: bool) -> Result<()> {
    if file {
        conn.pragma_update(Some(schema), "mmap_size", crate::MMAP_BYTES)?;
    }
    conn.pragma_update(Some(schema), "cache_size", crate::CACHE_KIB)?;
    Ok(())
}

/// The connection that writes the index of the casebook at `db`: the index file (created if
/// missing) as `main`, the casebook attached read-only as `casebook`.
pub(crate) fn open_writer(db: &Path) -> Result<Connection> {
    let path = index_path(db);
    let conn = Connection::open(&path).map_err(|e| match e {
        rusqlite::Error::SqliteFailure(_, _) => crate::StoreError::Invalid(format!(
            "cannot open the search index {}: {e}",
            path.display()
        )),
        e => e.into(),
    })?;
    conn.busy_timeout(crate::BUSY_WAIT)?;
    conn.set_prepared_statement_cache_capacity(64);
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!("the search index could not switch to WAL mode (journal_mode={mode})");
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    read_settings(&conn, "main", true)?;
    conn.execute("ATTACH ?1 AS casebook", [read_only_uri(db)])?;
    read_settings(&conn, "casebook", true)?;
    Ok(conn)
}

/// Queues an incident whose derived state changed (in the caller's transaction); returns the
/// change's sequence number.
pub(crate) fn enqueue(conn: &Connection, incident_id: i64) -> Result<i64> {
    conn.prepare_cached("INSERT INTO fts_queue (incident_id) VALUES (?1)")?
        .execute([incident_id])?;
    Ok(conn.last_insert_rowid())
}

/// Makes the index in schema `ix` of `conn` fit the casebook: creates it in a new file and
/// rebuilds it when it does not hold what the queue says it should (see the module
/// documentation). Returns whether it rebuilt.
pub(crate) fn ensure(conn: &mut Connection, ix: &str) -> Result<bool> {
    // Checked without the write lock first (another process may be writing the index), then
    // again under it before rebuilding.
    let read = conn.transaction()?;
    let fitting = fits(&read, ix)?;
    drop(read);
    if fitting {
        return Ok(false);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if fits(&tx, ix)? {
        return Ok(false);
    }
    let store_id: String = tx.query_row("SELECT store_id FROM index_link", [], |r| r.get(0))?;
    let max: Option<i64> = tx.query_row("SELECT max(seq) FROM fts_queue", [], |r| r.get(0))?;
    let version: i64 = tx.query_row(&format!("PRAGMA {ix}.user_version"), [], |r| r.get(0))?;
    if version != 0 {
        tracing::info!("rebuilding the search index (it does not match the casebook)");
    }
    for t in [
        "incident_fts_vocab",
        "incident_fts",
        "indexed",
        "index_state",
    ] {
        tx.execute_batch(&format!("DROP TABLE IF EXISTS {ix}.{t}"))?;
    }
    tx.execute_batch(&SCHEMA_SQL.replace("{s}", ix))?;
    tx.execute(
        "INSERT INTO index_state (id, store_id, done_seq) VALUES (1, ?1, ?2)",
        params![store_id, max.unwrap_or(0)],
    )?;
    // Every live incident, in rowid order (one segment).
    let live: Vec<(i64, i64)> = {
        let mut st = tx.prepare(
            "SELECT fts_key, id FROM incidents WHERE live = 1 AND fts_key IS NOT NULL
             ORDER BY fts_key",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (key, id) in live {
        let c = stored(&tx, id)?;
        let row = IndexRow::of(&c, &crate::incident::body(&tx, &c.reports)?);
        insert_row(&tx, key, &row)?;
        tx.prepare_cached("INSERT INTO indexed (incident_id, fts_key) VALUES (?1, ?2)")?
            .execute(params![id, key])?;
    }
    tx.execute_batch(&format!("PRAGMA {ix}.user_version = {INDEX_VERSION}"))?;
    tx.commit()?;
    Ok(true)
}

/// Whether the index in schema `ix` holds what the casebook's queue says it should: same
/// layout version, same casebook identity, not behind queue rows already trimmed (the queue
/// keeps the row of the last sequence number written), not ahead of the queue.
fn fits(conn: &Connection, ix: &str) -> Result<bool> {
    let version: i64 = conn.query_row(&format!("PRAGMA {ix}.user_version"), [], |r| r.get(0))?;
    if version != INDEX_VERSION {
        return Ok(false);
    }
    let store_id: String = conn.query_row("SELECT store_id FROM index_link", [], |r| r.get(0))?;
    let (min, max): (Option<i64>, Option<i64>) =
        conn.query_row("SELECT min(seq), max(seq) FROM fts_queue", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let state: Option<(String, i64)> = conn
        .query_row("SELECT store_id, done_seq FROM index_state", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(match state {
        Some((id, done)) => {
            id == store_id && done >= min.unwrap_or(1) - 1 && done <= max.unwrap_or(0)
        }
        None => false,
    })
}

/// Writes up to `max` queued changes to the index in one transaction (on a connection that sees
/// both files); returns how many queue rows it consumed.
pub(crate) fn flush(conn: &mut Connection, max: usize, ahead: &Ahead) -> Result<usize> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let done: i64 = tx.query_row("SELECT done_seq FROM index_state", [], |r| r.get(0))?;
    let queued: Vec<(i64, i64)> = {
        let mut st = tx.prepare_cached(
            "SELECT seq, incident_id FROM fts_queue WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )?;
        let limit = i64::try_from(max).unwrap_or(i64::MAX);
        let rows = st.query_map(params![done, limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let Some(&(last, _)) = queued.last() else {
        return Ok(0);
    };
    // Each incident once, with its latest change in the batch.
    let mut latest: HashMap<i64, i64> = HashMap::with_capacity(queued.len());
    for &(seq, id) in &queued {
        latest.insert(id, seq);
    }
    let mut old: Vec<i64> = Vec::new();
    let mut new: Vec<(i64, i64, i64)> = Vec::new(); // (key, id, seq)
    let mut gone: Vec<i64> = Vec::new(); // indexed, and no longer live
    {
        let mut old_key =
            tx.prepare_cached("SELECT fts_key FROM indexed WHERE incident_id = ?1")?;
        let mut new_key = tx.prepare_cached("SELECT fts_key FROM incidents WHERE id = ?1")?;
        for (&id, &seq) in &latest {
            if let Some(k) = old_key.query_row([id], |r| r.get(0)).optional()? {
                old.push(k);
            }
            let key: Option<i64> = new_key.query_row([id], |r| r.get(0)).optional()?.flatten();
            match key {
                Some(k) => new.push((k, id, seq)),
                None => gone.push(id),
            }
        }
    }
    // FTS5 starts a new segment whenever a rowid is not above the previous one in the same
    // transaction: remove the old entries in rowid order, then add the new ones in rowid order.
    old.sort_unstable();
    for k in &old {
        tx.prepare_cached("DELETE FROM incident_fts WHERE rowid = ?1")?
            .execute([k])?;
    }
    new.sort_unstable();
    for &(key, id, seq) in &new {
        let computed = lock(ahead).remove(&id);
        let row = match computed {
            Some((s, row)) if s == seq => row,
            other => {
                if let Some((s, row)) = other.filter(|(s, _)| *s > last) {
                    lock(ahead).insert(id, (s, row)); // a later change, not in this batch
                }
                let c = stored(&tx, id)?;
                IndexRow::of(&c, &crate::incident::body(&tx, &c.reports)?)
            }
        };
        insert_row(&tx, key, &row)?;
    }
    {
        let mut set = tx.prepare_cached(
            "INSERT INTO indexed (incident_id, fts_key) VALUES (?1, ?2)
             ON CONFLICT (incident_id) DO UPDATE SET fts_key = excluded.fts_key",
        )?;
        for &(key, id, _) in &new {
            set.execute(params![id, key])?;
        }
        let mut unset = tx.prepare_cached("DELETE FROM indexed WHERE incident_id = ?1")?;
        for id in &gone {
            unset.execute([id])?;
        }
    }
    tx.execute("UPDATE index_state SET done_seq = ?1", [last])?;
    tx.commit()?;
    // Rows for changes up to `last` were used or are stale.
    lock(ahead).retain(|_, (s, _)| *s > last);
    Ok(queued.len())
}

fn lock(ahead: &Ahead) -> std::sync::MutexGuard<'_, HashMap<i64, (i64, IndexRow)>> {
    ahead.lock().unwrap_or_else(|e| e.into_inner())
}

pub(crate) fn insert_row(conn: &Connection, key: i64, row: &IndexRow) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO incident_fts (rowid, org, title, terms, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![key, row.org, row.title, row.terms, row.body])?;
    Ok(())
}

/// Removes the queue rows the index holds, except the last one (on the casebook's own
/// connection, which sees the index as `search`).
pub(crate) fn trim(conn: &Connection) -> Result<()> {
    conn.prepare_cached("DELETE FROM fts_queue WHERE seq < (SELECT done_seq FROM index_state)")?
        .execute([])?;
    Ok(())
}

/// Queue rows not yet in the index (at most; sequence numbers of rolled-back changes count).
pub(crate) fn pending(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT max(seq) FROM fts_queue), 0)
              - (SELECT done_seq FROM index_state)",
        [],
        |r| r.get(0),
    )?)
}

/// Writes a store's search index from another thread during a bulk ingest (see
/// [`crate::Store::index_writer`]): its own connection to the index file, sharing the rows the
/// ingesting store computed ahead.
pub struct IndexWriter {
    conn: Connection,
    ahead: Ahead,
}

impl IndexWriter {
    pub(crate) fn new(conn: Connection, ahead: Ahead) -> IndexWriter {
        IndexWriter { conn, ahead }
    }

    /// Writes up to `max` queued changes in one transaction; returns how many.
    pub fn flush(&mut self, max: usize) -> Result<usize> {
        flush(&mut self.conn, max, &self.ahead)
    }

    /// Changes queued and not yet written.
    pub fn pending(&self) -> Result<i64> {
        pending(&self.conn)
    }

    /// Runs on a thread of its own until [`BackgroundIndexer::finish`]: writes the queue
    /// whenever `min_batch` changes wait (fewer, larger FTS5 segments), and what is left at the
    /// end.
    pub fn spawn(mut self, min_batch: usize) -> BackgroundIndexer {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let handle = std::thread::spawn(move || -> Result<usize> {
            let mut total = 0;
            loop {
                let last_round = stopping.load(Ordering::Acquire);
                let pending = usize::try_from(self.pending()?).unwrap_or(0);
                if pending > 0 && (pending >= min_batch || last_round) {
                    total += self.flush(FLUSH_BATCH)?;
                } else if last_round {
                    return Ok(total);
                } else {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
            }
        });
        BackgroundIndexer {
            stop,
            handle: Some(handle),
        }
    }
}

/// An [`IndexWriter`] running on its own thread (see [`IndexWriter::spawn`]). Dropped without
/// [`BackgroundIndexer::finish`] (an error elsewhere), its thread writes what is queued and
/// ends on its own.
pub struct BackgroundIndexer {
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<Result<usize>>>,
}

impl BackgroundIndexer {
    /// Writes what is still queued, stops the thread, and returns how many queue rows it wrote
    /// in all (or its error: what it did not write stays queued).
    pub fn finish(mut self) -> Result<usize> {
        self.stop.store(true, Ordering::Release);
        match self.handle.take().map(|h| h.join()) {
            Some(Ok(outcome)) => outcome,
            Some(Err(_)) => Err(crate::StoreError::Invalid(
                "the search-index thread panicked".into(),
            )),
            None => Ok(0),
        }
    }
}

impl Drop for BackgroundIndexer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
    }
}
