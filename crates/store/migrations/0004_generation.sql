-- Jikenbo casebook store, schema version 4.
--
-- The store's generation: a counter that every write transaction of the store raises in the
-- same transaction (so a rolled-back write leaves it as it was, and a write by another process
-- is seen by every connection as soon as it commits). With the search index's `done_seq` it
-- makes `Store::generation`, which caches of derived results (the web server's facets and
-- statistics) compare to know whether the stored data changed.
CREATE TABLE store_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO store_generation (id, n) VALUES (1, 0);
