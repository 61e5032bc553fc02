//! A small cache of results that cost a scan of every matching incident (facets over the whole
//! casebook, statistics): kept per query and reused while the store is unchanged.
//!
//! "Unchanged" is the store's generation ([`Store::generation`]): it moves with every change of
//! stored data, from this server or from the CLI in another process, and when the search index
//! catches up with a change; so a cached result is never served after a change. The generation
//! is the same on every connection of the store, so one cache serves the whole reader pool.

use crate::error::WebError;
use jikenbo_store::{Generation, Store};
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const CAPACITY: usize = 512;

type Entry = (Generation, Arc<dyn Any + Send + Sync>);

#[derive(Default)]
pub struct Cache {
    map: Mutex<HashMap<String, Entry>>,
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
        let gen = store.generation()?;
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
    use jikenbo_store::IncidentRef;
    use std::cell::Cell;

    /// The value of `k`, counting how often it had to be computed.
    fn value(c: &Cache, s: &Store, computed: &Cell<u32>) -> u32 {
        c.get_or(s, "k".into(), || {
            computed.set(computed.get() + 1);
            Ok(computed.get())
        })
        .unwrap()
    }

    #[test]
    fn hits_until_the_store_changes() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("c.db");
        let mut s = Store::open(&db).unwrap();
        let c = Cache::default();
        let n = Cell::new(0);
        for _ in 0..3 {
            assert_eq!(value(&c, &s, &n), 1);
        }
        // An ingest.
        crate::demo::ingest_examples(&mut s, "t").unwrap();
        assert_eq!(value(&c, &s, &n), 2);
        // Reads change nothing.
        let hits = s.search(&jikenbo_store::Query::text("個人情報")).unwrap();
        assert!(hits.total > 0);
        let r: IncidentRef = hits.hits[0].number.parse().unwrap();
        s.incident(r).unwrap();
        assert_eq!(value(&c, &s, &n), 2);
        // A label, then a correction.
        assert!(s.add_label(r, "要確認", "t").unwrap());
        assert_eq!(value(&c, &s, &n), 3);
        assert_eq!(value(&c, &s, &n), 3);
        s.set_override(r, jikenbo_store::Field::Affected, 7.into(), None, "t")
            .unwrap();
        assert_eq!(value(&c, &s, &n), 4);
        // Another connection (a reader of the pool) shares the entry; a write through yet
        // another one (the CLI in another process) is seen by both.
        let reader = Store::open(&db).unwrap();
        assert_eq!(value(&c, &reader, &n), 4);
        let mut cli = Store::open(&db).unwrap();
        cli.remove_label(r, "要確認", "t").unwrap();
        assert_eq!(value(&c, &reader, &n), 5);
        assert_eq!(value(&c, &s, &n), 5);
    }
}
