-- Jikenbo casebook store, schema version 2.
--
-- Follow-up linking reads the most recent live incidents of an organization with their cause,
-- dates and persons. A covering index answers it from the index alone (no table lookup per
-- candidate), newest first within the organization.
DROP INDEX incidents_org_key;
CREATE INDEX incidents_org_key
    ON incidents(org_key, id, cause, occurred, discovered, affected, date_lo, date_hi)
    WHERE live = 1;

-- The search index keeps up to 64 MiB of new entries in memory before it writes a segment
-- (FTS5's default, 1 MiB, cut one flush of the bulk-ingest queue into dozens of small segments
-- that it then merged again).
INSERT INTO incident_fts(incident_fts, rank) VALUES('hashsize', 67108864);
