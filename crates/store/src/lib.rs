//! The Jikenbo casebook store: one SQLite file that keeps every ingested notice (its original
//! bytes and decoded text), the incidents extracted from it with their evidence, the history of
//! every field, curators' overrides and labels, and an audit log; with full-text search,
//! filters, facets, statistics and exports. The search index lives in a second file beside it
//! (`<store>-search`): derived, rebuilt from the casebook when missing.
//!
//! The library knows nothing of the command line or HTTP: the `jikenbo` CLI and the web server
//! `jikenbo-web` call [`Store`] and present what it returns.
//!
//! # Where the store lives
//!
//! [`default_db_path`]: `$JIKENBO_DB` if set, else `$XDG_DATA_HOME/jikenbo/jikenbo.db`, else
//! `~/.local/share/jikenbo/jikenbo.db`. Every CLI command takes `--db FILE` to use another file.
//! The directory is created when the store is first opened ([`Store::open`]; [`Store::open_existing`]
//! refuses a missing file instead, for commands that only read). The search index is the same path
//! with `-search` appended ([`index_path`]); a backup needs the casebook file only.
//!
//! # Durability
//!
//! SQLite (bundled, 3.53) in WAL mode with `synchronous=NORMAL`, versioned migrations
//! (`rusqlite_migration`, `PRAGMA user_version`). Each document is ingested in one transaction
//! (`BEGIN IMMEDIATE`): a failure or a kill in the middle leaves the store as it was for that
//! document and keeps every document committed before. WAL with `NORMAL` survives a crash of the
//! process (kill -9) without losing a committed transaction; a power failure may lose the last
//! few transactions but never corrupts the file. Several processes may open the same store
//! (readers never block; writers wait up to 5 s for each other). A [`Store`] is `Send` but not
//! `Sync`: a server opens one per worker thread (or guards one with a mutex).
//!
//! # Identity and idempotence
//!
//! A document is identified by the SHA-256 of its original bytes; a document whose decoded text
//! equals one already stored (the same notice saved in another encoding) is also skipped. Ingesting
//! the same content twice adds nothing, not even an audit row.
//!
//! # Incidents, reports and numbers
//!
//! Each incident the extractor finds in a document is a *report*. A report either starts a new
//! incident or is linked to an existing one:
//! * **follow-ups**: a report whose heading (its title or the first lines of its section) says
//!   第N報 (N ≥ 2), 続報, 最終報, 確報, 調査報告, 調査結果のご報告, 追加報告, 経過報告 is linked
//!   to the live incident of the same organization (normalized: NFKC, no spaces, no legal-entity
//!   form such as 株式会社; else one name containing the other) whose cause does not conflict
//!   and whose date is not after the follow-up's (and at most three years before it); the best
//!   match agrees on cause, dates and count;
//! * **same facts**: any other report is linked to a live incident of the same organization with a
//!   compatible cause and the same full date of occurrence or discovery;
//! * otherwise it becomes a new incident, numbered `#YYYY-NNN`: the year the report was
//!   published, else discovered, else occurred (the year of ingest only when the report dates
//!   nothing), and the next free sequence number of that year. Numbers
//!   never change and are never reused: a merged incident keeps its number as an alias.
//!
//! A public notice an own case publishes ([`Store::publish_case_notice`]) is linked to the
//! incident of the case's previous notice, whatever the rules above say.
//!
//! Only the 20 most recently created live incidents of an organization are considered.
//! Reports of the same document are never linked to each other. Curators fix what the rules got
//! wrong with [`Store::merge`] and [`Store::split`].
//!
//! # Current values and history
//!
//! Every value a report states is kept with its evidence (the text and byte range in the
//! document) and when it was recorded. The **current value** of a field is, in order: the
//! curator's override if there is one; else the value of the **latest** report that states the
//! field (reports ordered by their own date, then kind (initial, follow-up, final), then 第N報
//! number, then ingest order; undated reports count as older than dated ones), except
//! `published`, which is the **earliest** report's date (when the incident was first disclosed).
//! A later report that is silent on a field does not erase what an earlier one said.
//! [`Store::reextract`] re-runs the extractor over the archived texts: a value that changes is
//! superseded (kept in the history, marked with the time) and the new one recorded; overrides,
//! labels and numbers stay.
//!
//! # Labels
//!
//! Derived labels ([`jikenbo_model::derived_labels`]: cause families such as
//! `インシデント:内部犯行`, `業種:医療機関` from the organization's name, `要配慮個人情報`, ...)
//! are recomputed from the current values on every change; `sector` may be overridden like a
//! field. User labels are added and removed by hand; removing a derived label suppresses it for
//! that incident (adding it back lifts the suppression).
//!
//! # Tables
//!
//! | table | holds |
//! |---|---|
//! | `documents` | id, sha256 (original bytes), text_sha256, name, source (path/URL), format, encoding, size, original bytes (NULL when equal to the UTF-8 text), text, ingested_at/by, extracted_at, extractor |
//! | `incidents` | id, number (year, seq), merged_into, created_at, updated_at; derived: live, the current values (organization, org_key, title, published, occurred, discovered, affected, leak, cause, actor, data_mask, sector), date_key/date_lo/date_hi/event_year, labels |
//! | `reports` | one incident in one document: document_id, seq, incident_id, origin_incident_id, kind (initial/followup/final), report_no, report_date, span, active, linked_by |
//! | `report_values` | what a report said: field, value (JSON), evidence (JSON), recorded_at, extractor, superseded_at |
//! | `overrides` | curator corrections, append-only: field, action (set/clear), value, note, author, created_at |
//! | `labels` | user labels and suppressed derived labels, with author and time |
//! | `audit` | who, when, action, incident, document, detail (JSON): one row per mutating call |
//! | `fts_queue` | changes still to be written to the search index (sequence number, incident) |
//! | `index_link` | the identity the search-index file must carry |
//! | `store_generation` | one counter every write transaction raises ([`Store::generation`]) |
//! | `cases`, `case_facts`, `case_events`, `case_measures` | own cases (自組織の事案), apart from the casebook: see [`NewCase`] and `cases.rs` |
//! | `case_publications`, `case_publication_incidents` | the public notices an own case published into the casebook: the document, the 公表 event, the incidents ([`Store::publish_case_notice`]) |
//! | `<store>-search`: `incident_fts` | derived: FTS5 trigram index (org, title, terms, body) of live incidents; rowid = date key (`incidents.fts_key`) |
//! | `<store>-search`: `incident_fts_vocab` | the index's vocabulary (fts5vocab), for 1-2 character terms |
//! | `<store>-search`: `indexed`, `index_state` | each incident's index rowid; the last queue row written and the casebook's identity |
//!
//! The full DDL is `migrations/0001_casebook.sql`, changed by `migrations/0002_bulk_ingest.sql`
//! (the covering index for follow-up linking), `migrations/0003_search_file.sql` (the index
//! moved to its own file), `migrations/0004_generation.sql` (the generation counter) and
//! `migrations/0005_cases.sql` (own cases), `migrations/0006_case_publications.sql` (what own
//! cases published), and
//! `index.rs` for the index file.
//!
//! # Search
//!
//! [`Store::search`] takes a [`Query`]: text plus a [`Filter`]; every condition must hold.
//!
//! * **Text** is NFKC-normalized (half-width kana, full-width digits) and split on whitespace;
//!   every term must occur (AND), ASCII case-insensitively, in the organization, title, labels,
//!   the Japanese names of cause/actor/leak/data/sector (so `サポート詐欺` also finds an incident
//!   whose notice only says 遠隔操作ソフト but whose cause is `support_scam`), or the incident's
//!   sections of its documents. The index is FTS5 `trigram`: a term of 3+ characters is a
//!   phrase; a term of 1-2 characters (`氏名`, `病`), which a trigram index cannot match, becomes
//!   the OR of the indexed trigrams that start with it (read from the index vocabulary; every
//!   indexed value ends in two spaces so that every occurrence starts a trigram), or, when it
//!   starts more than 128 distinct trigrams (a very common character), an `instr` check.
//! * **Filters** on cause, actor, leak, sector, year, size bucket, data kinds and labels are
//!   tokens in the same index (three Private-Use characters each, see `tokens.rs`), so text and
//!   filters are one FTS5 query (a label's token is 44 bits of its hash: two labels in use
//!   colliding is practically impossible); the organization filter is a phrase on the
//!   organization column.
//! * The index's **rowids are in date order** (date of the incident above its id), so the newest
//!   matches come first and a page costs the same however many incidents match; the date range
//!   bounds the rowids. Bounds on the number of persons and exact date bounds are checked on the
//!   rows.
//! * **Conjunctions** of two or more terms of 3 characters or more are first probed with a few
//!   bare trigrams of each term (no positions): when no incident holds them all, the answer is
//!   empty without walking each phrase's whole posting list.
//! * **Counting** stops at [`Query::count_limit`] (default 10,000): beyond it `total` is the limit
//!   and `total_exact` is false ("10,000 件以上"). Facets and statistics are always exact.
//! * **Order**: newest first by default (unknown dates last); `Relevance` is BM25 (organization
//!   and title weigh more), computed over the newest `count_limit` matches when there are more;
//!   `Oldest`, `Affected`, `Number`, `NumberDesc`, `Organization` and `Cause` sort the whole
//!   result on the incidents' rows (at 1,000,000 incidents: 0.6 s by cause, 4 s by
//!   organization without text; the web's list sorts this way too).
//! * **Facets** (counts per cause, actor, year, sector, label, data kind and size bucket over the
//!   whole result) are computed when asked for.
//! * **Snippets** ([`Snippet`]): plain text around the first match with the ranges of every
//!   match in it, in UTF-16 code units (byte ranges from [`Snippet::byte_ranges`]); no markup
//!   is added to the text, so a notice's own `【…】` headings stay text.
//!
//! **Index writes.** Every change queues its incidents in `fts_queue` in its own transaction;
//! the store then writes the queue to the index file on a second connection (two files, two
//! write locks). A bulk ingest ([`Store::set_deferred_indexing`], [`Store::index_writer`])
//! leaves the queue to a thread of its own, which writes it 8,192 changes at a time (one FTS5
//! segment each: the index's `hashsize` is 64 MiB) while documents are committed; until then
//! new incidents are listed and counted but not found by text. A new incident's row is the one
//! computed while its document was prepared ([`IndexRow::for_new`], on the parallel threads);
//! any later change makes the row be rebuilt from the casebook. A store opened with changes
//! still queued (a killed ingest) writes them first; see `index.rs` for how the two files stay
//! consistent without a transaction across them.
//!
//! # Exports
//!
//! * JSON ([`Store::export_json`] / [`Store::import_json`]): lossless. Every source table row,
//!   documents with their original bytes in base64. Importing into an empty store restores an
//!   identical store (ids, numbers, history, overrides, labels, audit; the import itself adds one
//!   audit row); derived columns and the search index are rebuilt.
//! * CSV ([`Store::export_csv`]): one row per live incident with its current values.
//! * VERIS 1.3 JSON ([`Store::export_veris`]): see [`veris`] and `VERIS.md` for the mapping.

pub mod bulk;
mod cases;
pub use cases::{CaseFactEntry, NewCase};
mod curate;
pub mod dupes;
mod error;
mod export;
mod incident;
pub use incident::IndexRow;
mod index;
pub use index::{index_path, BackgroundIndexer, IndexWriter};
mod ingest;
mod publish;
pub use publish::{CasePublication, PublishedIncident};
mod reextract;
pub mod review;
mod search;
mod stats;
mod tokens;
mod util;
mod values;
mod view;

pub mod bench;
pub mod veris;

pub use curate::Change;
pub use dupes::{DupCandidate, DupDecision, DupesSummary};
pub use error::StoreError;
pub use export::{ExportSummary, ImportSummary};
pub use ingest::{
    read_input, report_kind, Added, IncidentChange, IngestOutcome, Link, Prepared, SkipReason,
    Skipped, Source,
};
pub use jikenbo_model::Field;
/// The report kind (第N報・続報・確報・最終報) and the size buckets are the model's types, re-exported
/// under the names the store always had.
pub use jikenbo_model::{ReportKind, SizeBucket};
pub use reextract::ReextractSummary;
pub use review::{Flag, FlaggedIncident, ReviewCounts};
pub use search::{
    FacetCount, Facets, Filter, Hit, Query, SearchResults, Snippet, SnippetMatch, Sort,
};
pub use stats::{GroupBy, StatRow, Stats};
pub use util::with_commas;
pub use values::{
    display_value, parse_field, parse_field_value, parse_sector, value_text, SECTORS,
};
pub use view::{
    AuditEntry, AuditFilter, DocumentRef, DocumentView, EvidenceAt, FieldView, HistoryEntry,
    IncidentView, LabelKind, LabelView, OverrideEntry, StoreCounts, ValueSource,
};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{Migrations, M};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The schema migrations, in order. Never edit a released one: add the next.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../migrations/0001_casebook.sql")),
    M::up(include_str!("../migrations/0002_bulk_ingest.sql")),
    M::up(include_str!("../migrations/0003_search_file.sql")),
    M::up(include_str!("../migrations/0004_generation.sql")),
    M::up(include_str!("../migrations/0005_cases.sql")),
    M::up(include_str!("../migrations/0006_case_publications.sql")),
    M::up(include_str!("../migrations/0007_curation.sql")),
    M::up(include_str!("../migrations/0008_band_index.sql")),
];

/// Page cache of a connection (negative: KiB): 16 MiB. Larger is slower for bulk ingest:
/// SQLite scans the cache's hash table at the end of every write transaction (measured: 128 MiB
/// spent 14% of the committing thread there at 100,000 documents).
pub(crate) const CACHE_KIB: i64 = -16_384;
/// How long a connection waits for another one's write lock.
pub(crate) const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(5);
/// Memory-mapped reads of each file: SQLite's default cap (2 GiB).
pub(crate) const MMAP_BYTES: i64 = 2_147_418_112;

/// The extractor that produced the stored values (recorded with each value and document).
pub const EXTRACTOR: &str = concat!("jikenbo-extract ", env!("CARGO_PKG_VERSION"));

/// The store file used when none is given: `$JIKENBO_DB`, else
/// `$XDG_DATA_HOME/jikenbo/jikenbo.db`, else `$HOME/.local/share/jikenbo/jikenbo.db`, else
/// `./jikenbo.db`.
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os("JIKENBO_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|p| !p.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        });
    match data {
        Some(d) => d.join("jikenbo").join("jikenbo.db"),
        None => PathBuf::from("jikenbo.db"),
    }
}

/// The name recorded as author when none is given: `$USER`, else `$USERNAME`, else `unknown`.
pub fn default_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// An incident as a user names it: its casebook number (`#2024-001`, `2024-001`, `2024-1`) or
/// its internal id (`17`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IncidentRef {
    Id(i64),
    Number { year: i32, seq: i64 },
}

impl FromStr for IncidentRef {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        let n = util::nfkc(s.trim());
        let t = n.strip_prefix('#').unwrap_or(&n);
        let bad = || StoreError::BadRef(s.to_string());
        if let Some((y, n)) = t.split_once('-') {
            let seq: i64 = n.parse().map_err(|_| bad())?;
            let year: i32 = if y == "不明" {
                UNDATED_YEAR
            } else {
                let year = y.parse().map_err(|_| bad())?;
                if y.len() != 4 || year == UNDATED_YEAR {
                    return Err(bad());
                }
                year
            };
            if seq < 1 {
                return Err(bad());
            }
            Ok(IncidentRef::Number { year, seq })
        } else {
            let id: i64 = t.parse().map_err(|_| bad())?;
            Ok(IncidentRef::Id(id))
        }
    }
}

impl fmt::Display for IncidentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IncidentRef::Id(id) => write!(f, "{id}"),
            IncidentRef::Number { year, seq } => write!(f, "#{}", format_number(*year, *seq)),
        }
    }
}

/// The year of the numbers of incidents that date nothing: `#不明-012`.
pub const UNDATED_YEAR: i32 = 0;

/// `2024`, `7` → `2024-007` (at least three digits); year [`UNDATED_YEAR`] → `不明-007`.
pub fn format_number(year: i32, seq: i64) -> String {
    if year == UNDATED_YEAR {
        format!("不明-{seq:03}")
    } else {
        format!("{year:04}-{seq:03}")
    }
}

/// The casebook store. See the crate documentation.
pub struct Store {
    /// The casebook, with the search index attached read-only as `search` (in memory: read-write).
    conn: Connection,
    path: Option<PathBuf>,
    /// The connection that writes the search index of a file store (see `index.rs`); `None` in
    /// memory, where `conn` writes it.
    indexer: Option<Connection>,
    /// Bulk mode: changes leave their search-index entries queued for [`Store::flush_index`]
    /// (or an [`IndexWriter`] on another thread) instead of writing them at once.
    defer_index: bool,
    /// The search-index rows of new incidents computed while their documents were prepared, so
    /// that the flush need not rebuild them (see `index::Ahead`).
    ahead: index::Ahead,
}

impl Store {
    /// Opens (creating if needed, with its directory) the store at `path` and brings its schema
    /// up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        Store::open_file(path, OpenFlags::default())
    }

    /// Opens the store at `path` like [`Store::open`] (read-write, schema brought up to date,
    /// search index rebuilt if missing), but only if the file exists: a missing file is
    /// [`StoreError::Missing`] and nothing is created, so that a mistyped path for a command
    /// that reads the casebook fails instead of showing an empty store.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        // Without SQLITE_OPEN_CREATE SQLite refuses a file removed since the check.
        Store::open_file(path, OpenFlags::default() - OpenFlags::SQLITE_OPEN_CREATE)
    }

    fn open_file(path: &Path, flags: OpenFlags) -> Result<Store> {
        let conn = Connection::open_with_flags(path, flags)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            indexer: None,
            defer_index: false,
            ahead: Default::default(),
        };
        store.configure(true)?;
        Ok(store)
    }

    /// A store in memory (tests, previews).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            indexer: None,
            defer_index: false,
            ahead: Default::default(),
        };
        store.configure(false)?;
        Ok(store)
    }

    fn configure(&mut self, file: bool) -> Result<()> {
        self.conn.busy_timeout(BUSY_WAIT)?;
        self.conn.set_prepared_statement_cache_capacity(256);
        if file {
            let mode: String =
                self.conn
                    .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                tracing::warn!("the store could not switch to WAL mode (journal_mode={mode})");
            }
            self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.conn.pragma_update(None, "cache_size", CACHE_KIB)?;
        if file {
            self.conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        }
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut self.conn)?;
        if (1..7).contains(&version) {
            // Version 7 added the sanity flags: derive them for the incidents stored before.
            let tx = self.conn.transaction()?;
            review::backfill(&tx)?;
            tx.commit()?;
        }
        // The search index: its own file, written by its own connection (see `index.rs`).
        match &self.path {
            Some(path) => {
                let mut writer = index::open_writer(path)?;
                index::ensure(&mut writer, "main")?;
                index::attach_read_only(&self.conn, path)?;
                index::read_settings(&self.conn, "search", true)?;
                self.indexer = Some(writer);
            }
            None => {
                self.conn.execute_batch("ATTACH ':memory:' AS search")?;
                index::read_settings(&self.conn, "search", false)?;
                index::ensure(&mut self.conn, "search")?;
            }
        }
        // Changes queued and never written (a bulk ingest was killed): write them now, unless
        // another connection is writing the index (a bulk ingest running: it will).
        if index::pending(&self.conn)? > 0 {
            self.flush_index_unless_busy(std::time::Duration::ZERO)?;
        }
        Ok(())
    }

    /// Writes the queue, waiting at most `wait` for another connection that is writing the
    /// index; gives up quietly after that (the queue keeps the changes for the next flush).
    fn flush_index_unless_busy(&mut self, wait: std::time::Duration) -> Result<()> {
        self.index_conn().busy_timeout(wait)?;
        let outcome = self.flush_index();
        self.index_conn().busy_timeout(BUSY_WAIT)?;
        match outcome {
            Err(e) if e.is_busy() => {
                tracing::debug!("the search index is being written elsewhere: {e}");
                Ok(())
            }
            other => other.map(|_| ()),
        }
    }

    /// The connection that writes the search index.
    pub(crate) fn index_conn(&mut self) -> &mut Connection {
        self.indexer.as_mut().unwrap_or(&mut self.conn)
    }

    /// After a committed change: writes its search-index entries, unless in bulk mode or a
    /// long write of the index is under way elsewhere (a bulk ingest, which writes them too).
    pub(crate) fn index_changes(&mut self) -> Result<()> {
        if !self.defer_index {
            self.flush_index_unless_busy(std::time::Duration::from_secs(1))?;
        }
        Ok(())
    }

    /// A writer of this store's search index for another thread (a bulk ingest flushes while it
    /// commits documents; see [`Store::set_deferred_indexing`]). File stores only: `None` in
    /// memory.
    pub fn index_writer(&self) -> Result<Option<IndexWriter>> {
        match &self.path {
            Some(path) => Ok(Some(IndexWriter::new(
                index::open_writer(path)?,
                self.ahead.clone(),
            ))),
            None => Ok(None),
        }
    }

    /// Bulk mode: when on, changes leave the search-index entries of the incidents they touch
    /// queued (in the same transaction, so nothing is lost) instead of writing them after each
    /// commit, and [`Store::flush_index`] (or an [`IndexWriter`] on another thread) writes them
    /// in batches: much faster for many documents (SQLite's full-text index writes a segment per
    /// transaction). Until written, those incidents are stored, listed and counted, but not
    /// found by text (or found as they were). Turning it off flushes.
    pub fn set_deferred_indexing(&mut self, on: bool) -> Result<()> {
        self.defer_index = on;
        if !on {
            self.flush_index()?;
        }
        Ok(())
    }

    /// Writes the queued search-index entries (one transaction per batch of up to 20,000),
    /// then trims the queue; returns how many queue rows were written.
    pub fn flush_index(&mut self) -> Result<usize> {
        let ahead = self.ahead.clone();
        let mut total = 0;
        loop {
            let n = index::flush(self.index_conn(), index::FLUSH_BATCH, &ahead)?;
            total += n;
            if n < index::FLUSH_BATCH {
                break;
            }
        }
        self.trim_index_queue()?;
        Ok(total)
    }

    /// Removes from the casebook the queue rows the search index holds (cheap; a bulk loader
    /// calls it now and then while an [`IndexWriter`] writes the index). Nothing anyone reads
    /// changes: the generation stays.
    pub fn trim_index_queue(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        index::trim(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Starts a write transaction on the casebook, the store's generation raised in it (see
    /// [`Store::generation`]): every change of stored data goes through here.
    pub(crate) fn write_tx(&mut self) -> Result<rusqlite::Transaction<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        raise_generation(&tx)?;
        Ok(tx)
    }

    /// The store's generation: a value that changes whenever the stored data changes, through
    /// this store or any other connection or process on the same file, and stays the same
    /// while it does not (reads never change it). Compare two for equality only.
    ///
    /// It is the pair of a counter in the casebook that every write transaction raises in the
    /// same transaction (ingest, correction, label, merge, split, re-extraction, import; a write
    /// that rolls back leaves it) and the last change the search index holds (which moves when
    /// the index catches up, later than the commit in a bulk ingest). Each is read from the
    /// latest committed state, so a commit by another process is seen at once.
    pub fn generation(&self) -> Result<Generation> {
        Ok(self.conn.query_row(
            "SELECT (SELECT n FROM main.store_generation),
                    (SELECT done_seq FROM search.index_state)",
            [],
            |r| {
                Ok(Generation {
                    casebook: r.get::<_, Option<i64>>(0)?.unwrap_or(0),
                    index: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                })
            },
        )?)
    }

    /// The file the store lives in (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The internal id of an incident (a merged incident's own id, not its survivor's).
    pub fn resolve(&self, r: IncidentRef) -> Result<i64> {
        let id = match r {
            IncidentRef::Id(id) => self
                .conn
                .query_row("SELECT id FROM incidents WHERE id = ?1", [id], |r| r.get(0))
                .optional()?,
            IncidentRef::Number { year, seq } => self
                .conn
                .query_row(
                    "SELECT id FROM incidents WHERE year = ?1 AND seq = ?2",
                    rusqlite::params![year, seq],
                    |r| r.get(0),
                )
                .optional()?,
        };
        id.ok_or_else(|| StoreError::NotFound(r.to_string()))
    }

    /// The incident a reference ends up at: a merged incident's survivor.
    pub fn resolve_live(&self, r: IncidentRef) -> Result<i64> {
        let mut id = self.resolve(r)?;
        for _ in 0..64 {
            match incident::merged_into(&self.conn, id)? {
                Some(n) => id = n,
                None => return Ok(id),
            }
        }
        Err(StoreError::Invalid(format!(
            "incident {r} is part of a merge cycle"
        )))
    }

    /// Checkpoints the WAL into the main file (for measuring its size, or before a backup).
    pub fn checkpoint(&self) -> Result<()> {
        if let Some(ix) = &self.indexer {
            self.conn
                .query_row("PRAGMA main.wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            ix.query_row("PRAGMA main.wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(())
    }

    /// Sets the WAL size (in pages of 4 KiB) at which a commit also checkpoints (default 1000;
    /// 0 turns automatic checkpoints off). A bulk loader raises it and checkpoints from another
    /// connection with [`Store::checkpoint_passive`], so the writer never stops to copy pages.
    pub fn set_wal_autocheckpoint(&self, pages: u32) -> Result<()> {
        self.conn.pragma_update(None, "wal_autocheckpoint", pages)?;
        Ok(())
    }

    /// Copies what it can of the WAL into the main file without waiting for anyone.
    pub fn checkpoint_passive(&self) -> Result<()> {
        if self.path.is_some() {
            self.conn
                .query_row("PRAGMA main.wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        }
        Ok(())
    }

    /// Maintenance after large changes (a bulk ingest, an import): merges the search index into
    /// one segment (searches on common terms get 2-3 times faster) and refreshes the planner's
    /// statistics. Takes time in proportion to the index: about 45 s at a million incidents on
    /// two cores. Returns the seconds it took.
    pub fn optimize(&mut self) -> Result<f64> {
        let t = std::time::Instant::now();
        self.flush_index()?;
        self.index_conn()
            .execute_batch("INSERT INTO incident_fts(incident_fts) VALUES('optimize')")?;
        self.conn.execute_batch("PRAGMA main.optimize")?;
        self.checkpoint()?;
        Ok(t.elapsed().as_secs_f64())
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: `Ok(())` or the problems found.
    pub fn check_integrity(&self) -> Result<()> {
        let mut problems: Vec<String> = Vec::new();
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        for r in rows {
            let r = r?;
            if r != "ok" {
                problems.push(r);
            }
        }
        let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = st.query_map([], |r| {
            Ok(format!(
                "foreign key: {} row {:?} -> {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?
            ))
        })?;
        for r in rows {
            problems.push(r?);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Invalid(format!(
                "integrity check failed: {}",
                problems.join("; ")
            )))
        }
    }

    /// The raw connection, for the store's own tests (the `raw-connection` feature, which only
    /// the store's dev-dependency on itself turns on: nothing outside the store reads its
    /// tables). Writing through it bypasses the audit log, the derived tables and the
    /// generation.
    #[cfg(any(test, feature = "raw-connection"))]
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// A state of the stored data (see [`Store::generation`]): equal generations, equal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Generation {
    casebook: i64,
    index: i64,
}

impl fmt::Display for Generation {
    /// `casebook.index`, e.g. `42.17` (for logs and validators such as an ETag).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.casebook, self.index)
    }
}

/// Raises the store's generation in the transaction of a change (see [`Store::generation`]).
pub(crate) fn raise_generation(conn: &Connection) -> Result<()> {
    conn.prepare_cached("UPDATE store_generation SET n = n + 1 WHERE id = 1")?
        .execute([])?;
    Ok(())
}

impl Drop for Store {
    fn drop(&mut self) {
        // SQLite's advice for connections that may have run many queries: gather the
        // statistics the planner lacks (cheap; nothing when nothing changed much).
        let _ = self.conn.execute_batch("PRAGMA main.optimize");
        // The index's writer closes first, its log copied into the index file; then the
        // casebook's connection is the last on the casebook and SQLite removes its log.
        // (Best effort: not when another connection is writing the index.)
        if let Some(ix) = self.indexer.take() {
            let _ = ix.busy_timeout(std::time::Duration::ZERO);
            let _ = ix.query_row("PRAGMA main.wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }
}

/// Writes one audit row.
pub(crate) fn audit(
    conn: &Connection,
    who: &str,
    action: &str,
    incident_id: Option<i64>,
    document_id: Option<i64>,
    detail: &serde_json::Value,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit (at, who, action, incident_id, document_id, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(rusqlite::params![
        jikenbo_model::clock::now_rfc3339_millis(),
        who,
        action,
        incident_id,
        document_id,
        detail.to_string()
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incident_refs_parse() {
        assert_eq!(
            "#2024-007".parse::<IncidentRef>().unwrap(),
            IncidentRef::Number { year: 2024, seq: 7 }
        );
        assert_eq!(
            "2024-100".parse::<IncidentRef>().unwrap(),
            IncidentRef::Number {
                year: 2024,
                seq: 100
            }
        );
        assert_eq!("17".parse::<IncidentRef>().unwrap(), IncidentRef::Id(17));
        assert_eq!(
            "＃２０２４－００１".parse::<IncidentRef>().unwrap(),
            IncidentRef::Number { year: 2024, seq: 1 }
        );
        assert!("24-1".parse::<IncidentRef>().is_err());
        assert!("abc".parse::<IncidentRef>().is_err());
        assert_eq!(format_number(2024, 7), "2024-007");
        assert_eq!(format_number(2024, 1234), "2024-1234");
    }

    #[test]
    fn opens_and_migrates() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/dir/x.db");
        let s = Store::open(&p).unwrap();
        assert_eq!(s.schema_version().unwrap(), 8);
        drop(s);
        let s = Store::open(&p).unwrap();
        assert_eq!(s.schema_version().unwrap(), 8);
        s.check_integrity().unwrap();
        assert!(index_path(&p).exists());
    }

    #[test]
    fn migrates_a_version_1_store() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("v1.db");
        {
            let c = Connection::open(&p).unwrap();
            c.execute_batch(include_str!("../migrations/0001_casebook.sql"))
                .unwrap();
            c.pragma_update(None, "user_version", 1).unwrap();
        }
        let s = Store::open(&p).unwrap();
        assert_eq!(s.schema_version().unwrap(), 8);
        let org_index: String = s
            .conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'incidents_org_key'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(org_index.contains("date_hi"), "{org_index}");
        let hashsize: i64 = s
            .conn
            .query_row(
                "SELECT v FROM incident_fts_config WHERE k = 'hashsize'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hashsize, 64 << 20);
        s.check_integrity().unwrap();
    }

    #[test]
    fn migrates_a_version_2_store_and_moves_its_index_to_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("v2.db");
        let dates: [Option<&str>; 5] = [
            Some("2024-05-03"),
            None,
            Some("1799-12-31"),
            Some("1800-01-02"),
            Some("2026-02-28"),
        ];
        let text = "かもめ物産の個人情報漏えいについて";
        {
            let c = Connection::open(&p).unwrap();
            c.execute_batch(include_str!("../migrations/0001_casebook.sql"))
                .unwrap();
            c.execute_batch(include_str!("../migrations/0002_bulk_ingest.sql"))
                .unwrap();
            c.pragma_update(None, "user_version", 2).unwrap();
            c.execute(
                "INSERT INTO documents (id, sha256, text_sha256, name, format, encoding, size,
                     text, ingested_at, ingested_by, extracted_at, extractor)
                 VALUES (1, 'a', 'a', 'x.txt', 'text', 'UTF-8', ?2, ?1, 't', 't', 't', 't')",
                rusqlite::params![text, text.len() as i64],
            )
            .unwrap();
            for (i, d) in dates.iter().enumerate() {
                let id = i as i64 + 1;
                let live = i64::from(i != 4); // the last one merged away
                c.execute(
                    "INSERT INTO incidents (id, year, seq, created_at, updated_at, live,
                         organization, date_lo, fts_key)
                     VALUES (?1, 2024, ?1, 't', 't', ?2, 'かもめ物産', ?3, 7)",
                    rusqlite::params![id, live, d],
                )
                .unwrap();
                c.execute(
                    "INSERT INTO reports (document_id, seq, incident_id, origin_incident_id, kind,
                         span_start, span_end, linked_by)
                     VALUES (1, ?1, ?1, ?1, 'initial', 0, ?2, 'new')",
                    rusqlite::params![id, text.len() as i64],
                )
                .unwrap();
            }
            c.execute("INSERT INTO fts_pending (incident_id) VALUES (2)", [])
                .unwrap();
        }
        let s = Store::open(&p).unwrap();
        assert_eq!(s.schema_version().unwrap(), 8);
        s.check_integrity().unwrap();
        // The keys the migration computed in SQL are the ones the store computes.
        for (i, d) in dates.iter().enumerate() {
            let id = i as i64 + 1;
            let key: Option<i64> = s
                .conn
                .query_row("SELECT fts_key FROM incidents WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .unwrap();
            let want = (i != 4).then(|| incident::fts_key(*d, id));
            assert_eq!(key, want, "{d:?}");
        }
        // The casebook holds no index; the index file holds every live incident.
        let in_main: i64 = s
            .conn
            .query_row(
                "SELECT count(*) FROM main.sqlite_schema WHERE name LIKE 'incident_fts%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(in_main, 0);
        let found = s.search(&Query::text("かもめ")).unwrap();
        assert_eq!(found.total, 4);
        assert_eq!(index::pending(&s.conn).unwrap(), 0);
    }
}
