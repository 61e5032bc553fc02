//! A small cache of results that cost a scan of every matching incident (facets over the whole
//! casebook, statistics): kept per query and reused while the store is unchanged.
//!
//! "Unchanged" is the store's generation: the last audit row, the last incident id and the
//! last change written to the search index. Every change through the store's API writes an
//! audit row (ingest, edit, label, merge, split, re-extract, import), from this server or from
//! the CLI, and the search index, written after the change (by a bulk ingest, later), records
//! how far it got; so a cached result is never served after a change.

use crate::error::WebError;
use jikenbo_store::Store;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const CAPACITY: usize = 512;

/// The store's generation: (last audit row id, last incident id, last change indexed).
pub type Generation = (i64, i64, i64);

type Entry = (Generation, Arc<dyn Any + Send + Sync>);

#[derive(Default)]
pub struct Cache {
    map: Mutex<HashMap<String, Entry>>,
}

/// The store's generation (see the module documentation).
pub fn generation(store: &Store) -> Result<Generation, WebError> {
    let conn = store.connection();
    let q = |sql: &str| -> Result<i64, WebError> {
        conn.query_row(sql, [], |r| r.get::<_, Option<i64>>(0))
            .map(|v| v.unwrap_or(0))
            .map_err(|e| WebError::Store(e.into()))
    };
    Ok((
        q("SELECT max(id) FROM audit")?,
        q("SELECT max(id) FROM incidents")?,
        q("SELECT done_seq FROM index_state")?,
    ))
}

impl Cache {
    pub fn get<T: Clone + Send + Sync + 'static>(&self, key: &str, gen: Generation) -> Option<T> {
        let m = self.map.lock().ok()?;
        let (g, v) = m.get(key)?;
        if *g != gen {
            return None;
        }
        v.downcast_ref::<T>().cloned()
    }

    pub fn put<T: Send + Sync + 'static>(&self, key: String, gen: Generation, value: T) {
        if let Ok(mut m) = self.map.lock() {
            if m.len() >= CAPACITY {
                m.retain(|_, (g, _)| *g == gen);
                if m.len() >= CAPACITY {
                    m.clear();
                }
            }
            m.insert(key, (gen, Arc::new(value)));
        }
    }

    /// The cached value of `key`, else `compute()` (then cached).
    pub fn get_or<T: Clone + Send + Sync + 'static>(
        &self,
        store: &Store,
        key: String,
        compute: impl FnOnce() -> Result<T, WebError>,
    ) -> Result<T, WebError> {
        let gen = generation(store)?;
        if let Some(v) = self.get::<T>(&key, gen) {
            return Ok(v);
        }
        let v = compute()?;
        self.put(key, gen, v.clone());
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_until_the_store_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path().join("c.db")).unwrap();
        let c = Cache::default();
        let mut n = 0;
        for _ in 0..3 {
            let v: u32 = c
                .get_or(&s, "k".into(), || {
                    n += 1;
                    Ok(7)
                })
                .unwrap();
            assert_eq!(v, 7);
        }
        assert_eq!(n, 1);
        crate::demo::ingest_examples(&mut s, "t").unwrap();
        let _: u32 = c
            .get_or(&s, "k".into(), || {
                n += 1;
                Ok(8)
            })
            .unwrap();
        assert_eq!(n, 2);
    }
}
