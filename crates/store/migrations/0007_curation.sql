-- Jikenbo casebook store, schema version 7: curation at scale (issue 12).
--
-- Numbers of undated incidents: year 0 stands for 不明 (`#不明-012`); the number is kept once
-- given, as every number is.
--
-- Text sketches of reports (derived from documents.text and the report's span; computed at
-- ingest, rebuilt by `jikenbo dupes` where missing): a MinHash of the section's character
-- 4-grams (64 little-endian u32 minima, see dupes.rs), and its locality-sensitive bands, so that a
-- near-identical section is found by index lookups.
ALTER TABLE reports ADD COLUMN minhash BLOB;
-- One row per band of a sketch: key = band hash with the band number in its low 3 bits.
CREATE TABLE sketch_band (
    key       INTEGER NOT NULL,
    report_id INTEGER NOT NULL,
    PRIMARY KEY (key, report_id)
) WITHOUT ROWID;

-- Duplicate candidates are looked up by organization, by count and by date of discovery (a news
-- item or a digest line whose organization was not read), newest first; covering indexes answer
-- each lookup with the facts a pair is weighed on, without a table lookup per candidate (`live`
-- is a column too: SQLite reads a column of the partial index's condition from the table).
DROP INDEX incidents_org_key;
CREATE INDEX incidents_org_key
    ON incidents(org_key, id, cause, occurred, discovered, affected, date_lo, date_hi, published, live)
    WHERE live = 1;
CREATE INDEX incidents_affected
    ON incidents(affected, id, org_key, occurred, discovered, published, cause, live)
    WHERE live = 1 AND affected IS NOT NULL;
CREATE INDEX incidents_discovered
    ON incidents(discovered, id, org_key, occurred, published, affected, cause, live)
    WHERE live = 1 AND discovered IS NOT NULL;

-- Pairs of incidents that are probably the same event, waiting for a curator (or decided).
-- a < b (incident ids). Source rows: a decision is never recomputed.
CREATE TABLE dup_candidates (
    id         INTEGER PRIMARY KEY,
    a          INTEGER NOT NULL REFERENCES incidents(id),
    b          INTEGER NOT NULL REFERENCES incidents(id),
    score      REAL NOT NULL,          -- 0..1
    reasons    TEXT NOT NULL,          -- JSON array of {code, text}
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'dismissed')),
    found_by   TEXT NOT NULL,          -- ingest | scan
    found_at   TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    UNIQUE (a, b)
);
CREATE INDEX dup_candidates_open ON dup_candidates(status, score) WHERE status = 'open';
CREATE INDEX dup_candidates_b ON dup_candidates(b);

-- Sanity flags of an incident (derived, comma-separated codes; see review.rs) and whether any of
-- them is not yet accepted by a curator (derived from flags and reviews).
ALTER TABLE incidents ADD COLUMN flags TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
CREATE INDEX incidents_needs_review ON incidents(id) WHERE needs_review = 1 AND live = 1;

-- A curator's acceptance of an incident's flags as they were (source rows; the latest decides).
CREATE TABLE reviews (
    incident_id INTEGER PRIMARY KEY REFERENCES incidents(id),
    flags       TEXT NOT NULL,         -- the flags accepted
    who         TEXT NOT NULL,
    at          TEXT NOT NULL
);
