-- Jikenbo casebook store, schema version 6.
--
-- Publications of own cases (issue 11): a case stays private, but a public notice it issues
-- (お詫びとお知らせ 第1報, 第N報, 最終報) is ingested into the casebook as any other document and
-- becomes an ordinary public record. These tables link the private case to the public document
-- and the incident(s) its reports belong to. Like the other case tables they are never exported
-- and never indexed; nothing of the casebook refers to them.
CREATE TABLE case_publications (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    -- The 公表 event recorded on the case's timeline (NULL once that event is removed).
    event_id     INTEGER REFERENCES case_events(id) ON DELETE SET NULL,
    published_at TEXT NOT NULL,   -- the event's time: YYYY-MM-DD or YYYY-MM-DDTHH:MM
    -- 'ingested': the text became a new document; 'existing': the same text was already in the
    -- casebook and the case was linked to it.
    how          TEXT NOT NULL,
    who          TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX case_publications_case ON case_publications(case_id);

-- The incidents a publication's reports belong to, as linked when it was published.
CREATE TABLE case_publication_incidents (
    publication_id INTEGER NOT NULL REFERENCES case_publications(id),
    seq            INTEGER NOT NULL,   -- the report's order in the document
    incident_id    INTEGER NOT NULL REFERENCES incidents(id),
    link           TEXT NOT NULL,      -- new | followup | same-facts | existing
    PRIMARY KEY (publication_id, seq)
);
