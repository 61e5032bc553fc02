//! Bulk ingest of many files (`jikenbo ingest`): a helper thread reads, hashes, decodes and
//! extracts batches of files in parallel (rayon), skipping bytes the store already holds; the
//! calling thread commits them, up to [`COMMIT_EVERY`] documents per transaction with a
//! savepoint per document (one that fails is rolled back alone); a third thread writes the
//! search index (its own file) from the queue the commits fill.

use crate::ingest::{read_input, IngestOutcome, Link, Prepared, SkipReason, Source};
use crate::{Result, Store, StoreError};
use jikenbo_text::Limits;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Changes the search index's thread lets wait before it writes them (one FTS5 segment each).
const INDEX_EVERY: usize = 8192;

/// Files handled in parallel before they are committed one by one.
const BATCH: usize = 256;

/// Documents committed in one transaction (each in a savepoint of its own). One commit per
/// document wrote every page it changed to the log once per document: the sketch bands and
/// the lookup indexes of duplicate detection touch a few random pages each, which made a
/// commit per document 40-60% slower than before them. A crash loses at most these
/// uncommitted documents; the re-run stores them.
pub const COMMIT_EVERY: usize = 64;

/// Log pages (4 KiB) at which the committing connection checkpoints by itself: the reading
/// thread checkpoints (passive) after each batch, so this only keeps the log from growing
/// without end (turning automatic checkpoints off made ingest 40% slower).
const WAL_PAGES: u32 = 50_000;

/// How a bulk ingest stores its files.
#[derive(Debug, Clone, Default)]
pub struct BulkOptions {
    /// Size limit of a file.
    pub limits: Limits,
    /// The source recorded for every file (a URL); `None`: each file's path.
    pub source: Option<String>,
    /// The author recorded in the audit log.
    pub who: String,
}

/// What a bulk ingest did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    pub files: usize,
    pub documents_added: usize,
    pub skipped_same_bytes: usize,
    pub skipped_same_text: usize,
    /// Files that could not be stored: (path, reason).
    pub failed: Vec<(String, String)>,
    /// Incidents found in the documents added.
    pub reports: usize,
    pub incidents_new: usize,
    pub linked_followup: usize,
    pub linked_same_facts: usize,
    /// Exact reposts linked as further documents of a stored incident.
    pub linked_repost: usize,
    pub seconds: f64,
}

/// What happened to one file (reported as it happens, for progress and messages).
#[derive(Debug)]
pub enum FileEvent<'a> {
    Stored(&'a Path, &'a IngestOutcome),
    /// Its bytes are stored already (found before extracting it).
    AlreadyStored,
    Failed(&'a Path, &'a str),
}

/// One file, read and extracted, on its way to the committing thread.
enum Ready {
    Prepared(PathBuf, Box<Prepared>),
    SameBytes,
    Failed(PathBuf, String),
}

/// Ingests `files` into the store at `db` (see the module documentation); `each` hears of every
/// file in order. A file that fails (unreadable, or its transaction failed and rolled back) is
/// reported and the run goes on; every document committed stays.
pub fn ingest_files(
    db: &Path,
    files: &[PathBuf],
    opts: &BulkOptions,
    mut each: impl FnMut(FileEvent),
) -> Result<IngestSummary> {
    let mut store = Store::open(db)?;
    store.set_wal_autocheckpoint(WAL_PAGES)?;
    store.set_deferred_indexing(true)?;
    let indexer = store.index_writer()?.map(|w| w.spawn(INDEX_EVERY));
    let mut sum = IngestSummary {
        files: files.len(),
        ..IngestSummary::default()
    };
    let t0 = Instant::now();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Ready>>(2);
    std::thread::scope(|scope| -> Result<()> {
        let limits = &opts.limits;
        let producer = scope.spawn(move || -> Result<()> {
            let reader = Store::open(db)?;
            for batch in files.chunks(BATCH) {
                let ready = prepare_batch(&reader, batch, limits)?;
                reader.checkpoint_passive()?;
                if tx.send(ready).is_err() {
                    break; // the committing side stopped
                }
            }
            Ok(())
        });
        for ready in rx {
            for chunk in ready.chunks(COMMIT_EVERY) {
                commit_chunk(&mut store, chunk, opts, &mut sum, &mut each)?;
            }
            store.trim_index_queue()?;
        }
        producer
            .join()
            .map_err(|_| StoreError::Invalid("the reading thread panicked".into()))?
    })?;
    if let Some(indexer) = indexer {
        indexer.finish()?;
    }
    store.set_deferred_indexing(false)?; // writes what is still queued
    sum.seconds = t0.elapsed().as_secs_f64();
    Ok(sum)
}

/// Reads and hashes a batch in parallel, leaves out bytes already stored, extracts the rest in
/// parallel.
fn prepare_batch(reader: &Store, batch: &[PathBuf], limits: &Limits) -> Result<Vec<Ready>> {
    let read: Vec<Result<(Vec<u8>, String), String>> = batch
        .par_iter()
        .map(|p| {
            read_input(p, limits)
                .map(|b| {
                    let h = Store::content_hash(&b);
                    (b, h)
                })
                .map_err(|e| e.to_string())
        })
        .collect();
    let mut todo: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut ready: Vec<Ready> = Vec::new();
    for (p, r) in batch.iter().zip(read) {
        match r {
            Err(e) => ready.push(Ready::Failed(p.clone(), e)),
            Ok((bytes, hash)) => {
                if reader.document_by_hash(&hash)?.is_some() {
                    ready.push(Ready::SameBytes);
                } else {
                    todo.push((p.clone(), bytes));
                }
            }
        }
    }
    let prepared: Vec<Ready> = todo
        .into_par_iter()
        .map(
            |(p, bytes)| match Prepared::from_bytes(&jikenbo_text::file_name(&p), bytes) {
                Ok(x) => Ready::Prepared(p, Box::new(x)),
                Err(e) => Ready::Failed(p, e.to_string()),
            },
        )
        .collect();
    ready.extend(prepared);
    Ok(ready)
}

/// Commits prepared files (one transaction, a savepoint each) and counts what they did, in
/// the files' order.
fn commit_chunk(
    store: &mut Store,
    chunk: &[Ready],
    opts: &BulkOptions,
    sum: &mut IngestSummary,
    each: &mut impl FnMut(FileEvent),
) -> Result<()> {
    let items: Vec<(&Prepared, Source)> = chunk
        .iter()
        .filter_map(|r| match r {
            Ready::Prepared(p, prep) => Some((
                &**prep,
                Source::new(
                    opts.source
                        .clone()
                        .unwrap_or_else(|| p.display().to_string()),
                ),
            )),
            _ => None,
        })
        .collect();
    let mut outs = if items.is_empty() {
        Vec::new()
    } else {
        match store.ingest_prepared_batch(&items, &opts.who) {
            Ok(outs) => outs,
            // The commit failed: nothing of the chunk is stored; each file says so.
            Err(e) => {
                let e = e.to_string();
                items
                    .iter()
                    .map(|_| Err(StoreError::Invalid(e.clone())))
                    .collect()
            }
        }
    }
    .into_iter();
    for r in chunk {
        match r {
            Ready::Failed(p, e) => {
                each(FileEvent::Failed(p, e));
                sum.failed.push((p.display().to_string(), e.clone()));
            }
            Ready::SameBytes => {
                sum.skipped_same_bytes += 1;
                each(FileEvent::AlreadyStored);
            }
            Ready::Prepared(p, _) => match outs.next() {
                Some(Ok(out)) => {
                    match &out {
                        IngestOutcome::Added(a) => {
                            sum.documents_added += 1;
                            sum.reports += a.incidents.len();
                            for c in &a.incidents {
                                match c.link {
                                    Link::New => sum.incidents_new += 1,
                                    Link::FollowUp => sum.linked_followup += 1,
                                    Link::SameFacts => sum.linked_same_facts += 1,
                                    Link::Repost => sum.linked_repost += 1,
                                }
                            }
                        }
                        IngestOutcome::Skipped(s) => match s.reason {
                            SkipReason::SameBytes => sum.skipped_same_bytes += 1,
                            SkipReason::SameText => sum.skipped_same_text += 1,
                        },
                    }
                    each(FileEvent::Stored(p, &out));
                }
                // Its savepoint rolled back: reported, and the run goes on.
                other => {
                    let e = match other {
                        Some(Err(e)) => e.to_string(),
                        _ => "no outcome for this file".to_string(),
                    };
                    each(FileEvent::Failed(p, &e));
                    sum.failed.push((p.display().to_string(), e));
                }
            },
        }
    }
    Ok(())
}
