//! Store connections for the server. A [`Store`] is `Send` but not `Sync`: the server keeps a
//! few read connections (SQLite WAL: readers never block each other or the writer) and one
//! write connection, each used by one blocking task at a time.

use crate::error::WebError;
use jikenbo_store::Store;
use std::path::Path;
use std::sync::{Condvar, Mutex};

pub struct Pool {
    readers: Mutex<Vec<Store>>,
    available: Condvar,
    writer: Mutex<Store>,
}

impl Pool {
    /// Opens `readers` read connections and one write connection to the store at `path`.
    pub fn open(path: &Path, readers: usize) -> Result<Pool, jikenbo_store::StoreError> {
        let writer = Store::open(path)?;
        let mut rs = Vec::new();
        for _ in 0..readers.max(1) {
            rs.push(Store::open(path)?);
        }
        Ok(Pool {
            readers: Mutex::new(rs),
            available: Condvar::new(),
            writer: Mutex::new(writer),
        })
    }

    /// Runs `f` on a read connection (blocking until one is free).
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> Result<T, WebError>) -> Result<T, WebError> {
        let store = {
            let mut guard = self
                .readers
                .lock()
                .map_err(|_| WebError::Internal("reader pool poisoned".into()))?;
            loop {
                if let Some(s) = guard.pop() {
                    break s;
                }
                guard = self
                    .available
                    .wait(guard)
                    .map_err(|_| WebError::Internal("reader pool poisoned".into()))?;
            }
        };
        // Give the connection back even if `f` panics.
        struct Back<'a>(&'a Pool, Option<Store>);
        impl Drop for Back<'_> {
            fn drop(&mut self) {
                if let (Some(s), Ok(mut g)) = (self.1.take(), self.0.readers.lock()) {
                    g.push(s);
                    self.0.available.notify_one();
                }
            }
        }
        let back = Back(self, Some(store));
        let s = back
            .1
            .as_ref()
            .ok_or_else(|| WebError::Internal("no store".into()))?;
        f(s)
    }

    /// Runs `f` on the write connection.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, WebError>,
    ) -> Result<T, WebError> {
        let mut guard = match self.writer.lock() {
            Ok(g) => g,
            // A panic in another writer left the connection as SQLite left it: the transaction
            // was rolled back when its guard dropped, so the connection is still usable.
            Err(p) => p.into_inner(),
        };
        f(&mut guard)
    }
}
