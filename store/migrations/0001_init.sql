-- Schema 1: the normalised plan records.
--
-- One row of documents per printed PDF (distinct by the SHA-256 of its
-- bytes). Everything printed in a document hangs off it; people and goals
-- belong to the entity, so that the same person or goal in two years of one
-- entity is one row. Every list keeps its printed order in a position
-- column (from 1).

PRAGMA application_id = 1329744197; -- "OBIE"

CREATE TABLE entities (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    sha256            TEXT    NOT NULL UNIQUE,
    file              TEXT    NOT NULL,
    pages             INTEGER NOT NULL,
    title             TEXT    NOT NULL,
    entity_id         INTEGER NOT NULL REFERENCES entities (id),
    year              INTEGER NOT NULL,
    ingested_at       TEXT    NOT NULL, -- UTC, 2006-01-02T15:04:05.000000Z
    extractor_version TEXT              -- NULL when the document came as JSON
);
CREATE INDEX documents_by_entity_year ON documents (entity_id, year, ingested_at);

CREATE TABLE toc_entries (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    code        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    page        INTEGER NOT NULL,
    UNIQUE (document_id, position)
);

-- One row per distinct name (as printed) within an entity.
CREATE TABLE people (
    id        INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    name      TEXT    NOT NULL,
    UNIQUE (entity_id, name)
);

-- Sectors and offices, in printed order. sector_code is the code printed as
-- the office's sector; parent_sector_id is that sector's heading in the same
-- document (NULL for a sector, or when no such heading was printed).
CREATE TABLE units (
    id               INTEGER PRIMARY KEY,
    document_id      INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    code             TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('sector', 'office')),
    sector_code      TEXT,
    parent_sector_id INTEGER REFERENCES units (id),
    head_person_id   INTEGER REFERENCES people (id),
    page             INTEGER NOT NULL,
    UNIQUE (document_id, position)
);
CREATE INDEX units_by_code ON units (document_id, code);
CREATE INDEX units_by_parent_sector ON units (parent_sector_id);
CREATE INDEX units_by_head ON units (head_person_id);

CREATE TABLE strategic_goals (
    id        INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    code      TEXT    NOT NULL,
    title     TEXT    NOT NULL,
    UNIQUE (entity_id, code, title)
);

CREATE TABLE operational_goals (
    id        INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    code      TEXT    NOT NULL,
    title     TEXT    NOT NULL,
    UNIQUE (entity_id, code, title)
);

-- An objective once per document and deduplication key, as first printed.
CREATE TABLE objectives (
    id                  INTEGER PRIMARY KEY,
    document_id         INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    key                 TEXT    NOT NULL,
    title               TEXT    NOT NULL,
    description_html    TEXT    NOT NULL,
    description_text    TEXT    NOT NULL,
    strategic_goal_id   INTEGER REFERENCES strategic_goals (id),
    operational_goal_id INTEGER REFERENCES operational_goals (id),
    UNIQUE (document_id, key)
);
CREATE INDEX objectives_by_strategic_goal ON objectives (strategic_goal_id);
CREATE INDEX objectives_by_operational_goal ON objectives (operational_goal_id);

-- Every place an objective is printed: under which unit, on which page, in
-- which order. unit_code is the code as printed; unit_id the heading it is
-- printed under. printed_variant is NULL unless this printing differs from
-- the objective row in spelling or spacing only (the deduplication key
-- ignores case, spacing and markup): then it is a JSON object holding the
-- fields as printed here, so that an export reproduces the print exactly.
CREATE TABLE objective_occurrences (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    objective_id    INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
    unit_code       TEXT    NOT NULL,
    unit_id         INTEGER REFERENCES units (id),
    page            INTEGER NOT NULL,
    weight          REAL,
    printed_variant TEXT,
    UNIQUE (document_id, position)
);
CREATE INDEX objective_occurrences_by_objective ON objective_occurrences (objective_id);
CREATE INDEX objective_occurrences_by_unit ON objective_occurrences (unit_id);

CREATE TABLE staff_assignments (
    id           INTEGER PRIMARY KEY,
    objective_id INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    person_id    INTEGER NOT NULL REFERENCES people (id),
    category     TEXT,
    role         TEXT,
    start_date   TEXT, -- YYYY-MM-DD
    end_date     TEXT,
    UNIQUE (objective_id, position)
);
CREATE INDEX staff_assignments_by_person ON staff_assignments (person_id);

CREATE TABLE phases (
    id           INTEGER PRIMARY KEY,
    objective_id INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    title        TEXT    NOT NULL,
    description  TEXT,
    start_date   TEXT,
    end_date     TEXT,
    UNIQUE (objective_id, position)
);

-- The filled cells of a phase's Cronoprogramma: schedule 'planned'
-- (Previsto) or 'actual' (Consuntivo), month 1-12.
CREATE TABLE phase_months (
    phase_id INTEGER NOT NULL REFERENCES phases (id) ON DELETE CASCADE,
    schedule TEXT    NOT NULL CHECK (schedule IN ('planned', 'actual')),
    month    INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    PRIMARY KEY (phase_id, schedule, month)
) WITHOUT ROWID;
CREATE INDEX phase_months_by_month ON phase_months (schedule, month);

CREATE TABLE indicators (
    id           INTEGER PRIMARY KEY,
    objective_id INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    unit         TEXT,
    reference    TEXT,
    UNIQUE (objective_id, position)
);

-- One row per printed "Atteso YYYY" column; value is the cell as printed.
CREATE TABLE indicator_targets (
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    year         TEXT    NOT NULL,
    value        TEXT,
    PRIMARY KEY (indicator_id, year)
) WITHOUT ROWID;

CREATE TABLE findings (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    rule          TEXT    NOT NULL,
    severity      TEXT    NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    page          INTEGER,
    unit_code     TEXT,
    objective_key TEXT,
    message       TEXT    NOT NULL,
    UNIQUE (document_id, position)
);

-- Schemas 1 and 2 had here an FTS5 index, objective_search, over a view
-- objective_search_source. Migration 3 replaces them with objectives_fts
-- (see store/fts.go), which a build with FTS4 only can also make, so a new
-- store no longer creates them.
-- (Views here and in later migrations avoid syntax newer than SQLite 3.30,
-- so that older sqlite3 shells and DB Browser builds can open the file.)
