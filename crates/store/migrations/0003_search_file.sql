-- Jikenbo casebook store, schema version 3.
--
-- The search index moves out of the casebook into its own file beside it (`<store>-search`),
-- written by its own connection: a bulk ingest commits documents while another thread indexes
-- them (two SQLite files have two write locks). The index is derived: the store rebuilds it when
-- the file is missing, belongs to another casebook, or lags behind what the queue still holds.
DROP TABLE incident_fts_vocab;
DROP TABLE incident_fts;

-- Changes still to be written to the search index: every change of an incident's derived state
-- appends its id, in the same transaction. The index file records the last sequence number it
-- holds (`index_state.done_seq`); rows up to it are trimmed, except the last one, so that new
-- sequence numbers always stay above it.
CREATE TABLE fts_queue (
    seq         INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL
);
INSERT INTO fts_queue (incident_id) SELECT incident_id FROM fts_pending ORDER BY incident_id;
DROP TABLE fts_pending;

-- The identity the search-index file must carry to belong to this casebook.
CREATE TABLE index_link (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    store_id TEXT NOT NULL
);
INSERT INTO index_link (id, store_id) VALUES (1, lower(hex(randomblob(16))));

-- incidents.fts_key is now the key the incident's index entry has once indexed (its date above
-- its id; NULL when not live), written with the derived columns, whether or not the index has
-- caught up: (days from 1800-01-01 to date_lo, 0 when unknown or earlier) << 28 | id.
UPDATE incidents SET fts_key = CASE WHEN live = 1 THEN
    (coalesce(max(CAST(julianday(date_lo) - julianday('1800-01-01') AS INTEGER), 0), 0) << 28)
    | (id & 268435455)
END;
