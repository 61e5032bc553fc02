-- Jikenbo casebook store, schema version 5.
--
-- Own cases (issue 11): incidents the organization itself is handling, kept apart from the
-- public casebook. No table of the casebook refers to them and they are never queued for the
-- search index, so the incident list, search, facets, statistics and exports never see them.
-- Their audit rows go to `audit` with actions `case_*` and no incident; the casebook's audit
-- view and exports leave those rows out.
CREATE TABLE cases (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    organization TEXT NOT NULL,
    status       TEXT NOT NULL,   -- investigating | reported | preventing | closed
    facts        TEXT NOT NULL,   -- JSON: the assessment's facts (jikenbo_assess::Facts)
    details      TEXT NOT NULL,   -- JSON: jikenbo_respond::CaseDetails
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

-- Every change of a case's facts, one row per fact: the value set (JSON; null = made unknown),
-- who, when. The latest row of a fact is its provenance.
CREATE TABLE case_facts (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    fact    TEXT NOT NULL,
    value   TEXT NOT NULL,
    who     TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX case_facts_case ON case_facts(case_id, fact, id);

-- The timeline.
CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    at          TEXT NOT NULL,   -- YYYY-MM-DD or YYYY-MM-DDTHH:MM
    kind        TEXT NOT NULL,   -- jikenbo_respond::EventKind
    stage       TEXT,            -- sokuho | kakuho
    note        TEXT NOT NULL,
    who         TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id);

-- Recurrence-prevention measures.
CREATE TABLE case_measures (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    text       TEXT NOT NULL,
    category   TEXT NOT NULL,    -- organizational | human | physical | technical | contractor
    owner      TEXT,
    due        TEXT,
    status     TEXT NOT NULL,    -- planned | in_progress | done
    evidence   TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX case_measures_case ON case_measures(case_id);
