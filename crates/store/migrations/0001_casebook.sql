-- Jikenbo casebook store, schema version 1.
--
-- Source tables (what the JSON export holds): documents, incidents (identity and number),
-- reports, report_values, overrides, labels, audit.
-- Derived tables and columns (rebuilt from the source tables by the library, never edited by
-- hand): the effective-value columns of incidents, incident_fts, fts_pending.

-- One archived notice: its original bytes and decoded text, as ingested.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL UNIQUE,   -- SHA-256 of the original bytes (hex): the identity
    text_sha256  TEXT NOT NULL,          -- SHA-256 of the decoded text (same notice, other encoding)
    name         TEXT NOT NULL,          -- file name without directory
    source       TEXT,                   -- path or URL as given at ingest
    format       TEXT NOT NULL,          -- text | markdown | html | pdf
    encoding     TEXT NOT NULL,          -- encoding the bytes were decoded from
    size         INTEGER NOT NULL,       -- length of the original bytes
    original     BLOB,                   -- original bytes; NULL when they equal the UTF-8 text
    text         TEXT NOT NULL,          -- decoded text: evidence spans point into it
    ingested_at  TEXT NOT NULL,          -- RFC 3339 UTC
    ingested_by  TEXT NOT NULL,
    extracted_at TEXT NOT NULL,          -- last (re-)extraction
    extractor    TEXT NOT NULL           -- extractor version of the last (re-)extraction
);
CREATE INDEX documents_text_sha256 ON documents(text_sha256);

-- One incident of the casebook. Its number (#year-seq) never changes; a merged incident stays
-- as a tombstone pointing at the survivor so its number still resolves.
CREATE TABLE incidents (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,       -- number: year (published year, else ingest year)
    seq          INTEGER NOT NULL,       -- number: sequence within the year, from 1
    merged_into  INTEGER REFERENCES incidents(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    -- Derived: effective values (override, else latest report), recomputed on every change.
    live         INTEGER NOT NULL DEFAULT 1,  -- 0: merged away, or no active report left
    organization TEXT,
    org_key      TEXT,                   -- normalized organization for follow-up linking
    title        TEXT,
    published    TEXT,
    occurred     TEXT,
    discovered   TEXT,
    affected     INTEGER,
    leak         TEXT,
    cause        TEXT,
    actor        TEXT,
    data_mask    INTEGER NOT NULL DEFAULT 0,  -- bit i = DataKind::ALL[i]
    sector       TEXT,                   -- Japanese sector name (医療機関, 自治体, ...)
    date_key     TEXT,                   -- published, else discovered, else occurred (partial date)
    date_lo      TEXT,                   -- first day date_key may denote (YYYY-MM-DD)
    date_hi      TEXT,                   -- last day date_key may denote
    event_year   INTEGER,
    labels       TEXT NOT NULL DEFAULT '',    -- effective labels, newline-separated
    fts_key      INTEGER,                -- rowid of the incident in incident_fts (NULL: not indexed)
    UNIQUE (year, seq)
);
-- Filters and text go through incident_fts (see its comment); these serve the date order
-- without text or filters, follow-up linking and merge aliases.
CREATE INDEX incidents_date ON incidents(date_lo) WHERE live = 1;
CREATE INDEX incidents_org_key ON incidents(org_key) WHERE live = 1;
CREATE INDEX incidents_merged ON incidents(merged_into) WHERE merged_into IS NOT NULL;

-- One incident as one document describes it (a document may describe several).
CREATE TABLE reports (
    id                 INTEGER PRIMARY KEY,
    document_id        INTEGER NOT NULL REFERENCES documents(id),
    seq                INTEGER NOT NULL,   -- position in the document's extraction output
    incident_id        INTEGER NOT NULL REFERENCES incidents(id),
    origin_incident_id INTEGER NOT NULL REFERENCES incidents(id), -- first incident it was attached to
    kind               TEXT NOT NULL,      -- initial | followup | final
    report_no          INTEGER,            -- N of 第N報 when the document says so
    report_date        TEXT,               -- the report's own date (its published field)
    span_start         INTEGER NOT NULL,   -- byte range of the incident's section in documents.text
    span_end           INTEGER NOT NULL,
    active             INTEGER NOT NULL DEFAULT 1, -- 0: re-extraction no longer finds it
    linked_by          TEXT NOT NULL,      -- new | followup | same-facts | merge | split | import
    UNIQUE (document_id, seq)
);
CREATE INDEX reports_incident ON reports(incident_id);

-- What each report said for each field, with its evidence. Rows are never deleted: a
-- re-extraction that finds another value marks the old row superseded and adds a new one.
CREATE TABLE report_values (
    id            INTEGER PRIMARY KEY,
    report_id     INTEGER NOT NULL REFERENCES reports(id),
    field         TEXT NOT NULL,
    value         TEXT NOT NULL,   -- JSON
    evidence      TEXT NOT NULL,   -- JSON array of {field, text, start, end}
    recorded_at   TEXT NOT NULL,
    extractor     TEXT NOT NULL,
    superseded_at TEXT
);
CREATE INDEX report_values_report ON report_values(report_id, field);

-- Curator corrections, append-only: the latest row per (incident, field) decides; a 'clear'
-- row ends the override.
CREATE TABLE overrides (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    field       TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('set', 'clear')),
    value       TEXT,            -- JSON (for 'set'; JSON null = "unknown")
    note        TEXT,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX overrides_incident ON overrides(incident_id, field);

-- User labels, and derived labels a curator removed ('suppressed').
CREATE TABLE labels (
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    label       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('user', 'suppressed')),
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (incident_id, label)
) WITHOUT ROWID;


-- Who did what when: one row per mutating call.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    who         TEXT NOT NULL,
    action      TEXT NOT NULL,   -- ingest | edit | label | merge | split | reextract | import
    incident_id INTEGER,
    document_id INTEGER,
    detail      TEXT NOT NULL    -- JSON
);
CREATE INDEX audit_incident ON audit(incident_id) WHERE incident_id IS NOT NULL;

-- Derived: full-text index of live incidents over NFKC-normalized text: organization, title,
-- terms (labels and the Japanese names of cause, actor, leak, data kinds and sector), and the
-- incident's sections of its documents. Each value ends in two spaces, so that every 1-2
-- character substring starts some trigram. The rowid orders incidents by date:
-- (days from 1800-01-01 to date_lo, 0 when unknown) << 28 | incidents.id.
CREATE VIRTUAL TABLE incident_fts USING fts5(org, title, terms, body, tokenize = 'trigram');
-- The index's vocabulary (trigrams), to turn a 1-2 character query into the trigrams it starts.
CREATE VIRTUAL TABLE incident_fts_vocab USING fts5vocab(incident_fts, 'row');
-- Incidents whose search-index entry is still to be written (bulk ingest defers it; the queue
-- is written in the same transaction as the incident, and drained when a store is opened).
CREATE TABLE fts_pending (incident_id INTEGER PRIMARY KEY);
-- Merge index segments eight at a time (default four): less rewriting during bulk ingest.
INSERT INTO incident_fts(incident_fts, rank) VALUES('automerge', 8);
