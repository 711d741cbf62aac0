-- Schema 3: a search index that sqlite-utils and Datasette find, the latest
-- print of each plan marked on its document, partial reads, the extractor's
-- commit, and the fields a finding has beyond the known ones.
--
-- The search index itself (objectives_fts, FTS5 or FTS4 as the build has)
-- is made by this migration's step in Go (store/fts.go), after this SQL.

-- The text of an objective's phases, as the index reads it: each phase's
-- title, then its description, one per line, in printed order.
ALTER TABLE objectives ADD COLUMN phases_text TEXT NOT NULL DEFAULT '';
UPDATE objectives
   SET phases_text = coalesce((SELECT group_concat(text, char(10))
                                 FROM (SELECT p.title || coalesce(char(10) || p.description, '') AS text
                                         FROM phases p
                                        WHERE p.objective_id = objectives.id
                                        ORDER BY p.position)), '');

-- is_latest is 1 on the print to use for its entity and year: the most
-- recently ingested (the highest id among equal times). Triggers keep it
-- so on every insert, delete and change of a document.
ALTER TABLE documents ADD COLUMN is_latest INTEGER NOT NULL DEFAULT 0 CHECK (is_latest IN (0, 1));
-- partial is 1 for a document read with --partial, some of whose pages
-- could not be read (the findings name them).
ALTER TABLE documents ADD COLUMN partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1));
-- The version control commit of the obiettivi that extracted the document
-- (NULL when unknown, or when the document came as JSON).
ALTER TABLE documents ADD COLUMN extractor_commit TEXT;

UPDATE documents
   SET is_latest = (id = (SELECT d2.id FROM documents d2
                           WHERE d2.entity_id = documents.entity_id AND d2.year = documents.year
                           ORDER BY d2.ingested_at DESC, d2.id DESC LIMIT 1));

CREATE TRIGGER documents_latest_insert AFTER INSERT ON documents BEGIN
    UPDATE documents
       SET is_latest = (id = (SELECT d2.id FROM documents d2
                               WHERE d2.entity_id = NEW.entity_id AND d2.year = NEW.year
                               ORDER BY d2.ingested_at DESC, d2.id DESC LIMIT 1))
     WHERE entity_id = NEW.entity_id AND year = NEW.year;
END;

CREATE TRIGGER documents_latest_delete AFTER DELETE ON documents BEGIN
    UPDATE documents
       SET is_latest = (id = (SELECT d2.id FROM documents d2
                               WHERE d2.entity_id = OLD.entity_id AND d2.year = OLD.year
                               ORDER BY d2.ingested_at DESC, d2.id DESC LIMIT 1))
     WHERE entity_id = OLD.entity_id AND year = OLD.year;
END;

CREATE TRIGGER documents_latest_update AFTER UPDATE OF entity_id, year, ingested_at ON documents BEGIN
    UPDATE documents
       SET is_latest = (id = (SELECT d2.id FROM documents d2
                               WHERE d2.entity_id = OLD.entity_id AND d2.year = OLD.year
                               ORDER BY d2.ingested_at DESC, d2.id DESC LIMIT 1))
     WHERE entity_id = OLD.entity_id AND year = OLD.year;
    UPDATE documents
       SET is_latest = (id = (SELECT d2.id FROM documents d2
                               WHERE d2.entity_id = NEW.entity_id AND d2.year = NEW.year
                               ORDER BY d2.ingested_at DESC, d2.id DESC LIMIT 1))
     WHERE entity_id = NEW.entity_id AND year = NEW.year;
END;

-- The fields of a finding beyond rule, severity, page, unit, objective_key
-- and message, as a JSON object (NULL when it has none), so that a finding
-- is exported as it was ingested.
ALTER TABLE findings ADD COLUMN extra TEXT;

-- The views again, each with is_latest, so that the latest print of each
-- plan is one WHERE; plan_latest holds only document_id, so that
-- `JOIN plan_latest USING (document_id)` names no column twice.
DROP VIEW plan_documents;
DROP VIEW plan_latest;
DROP VIEW plan_units;
DROP VIEW plan_occurrences;
DROP VIEW plan_objectives;
DROP VIEW plan_staff;
DROP VIEW plan_phases;
DROP VIEW plan_phase_months;
DROP VIEW plan_indicator_targets;
DROP VIEW plan_findings;

CREATE VIEW plan_documents AS
SELECT d.id AS document_id,
       e.name AS entity,
       d.year,
       d.is_latest,
       d.file,
       d.pages,
       d.title,
       (SELECT count(*) FROM objective_occurrences oc WHERE oc.document_id = d.id) AS objectives,
       (SELECT count(*) FROM objectives o WHERE o.document_id = d.id) AS distinct_objectives,
       d.partial,
       d.ingested_at,
       d.extractor_version,
       d.extractor_commit,
       d.sha256
  FROM documents d
  JOIN entities e ON e.id = d.entity_id;

-- The print to use for each entity and year: the most recently ingested.
CREATE VIEW plan_latest AS
SELECT d.id AS document_id
  FROM documents d
 WHERE d.is_latest = 1;

CREATE VIEW plan_units AS
SELECT d.id AS document_id,
       e.name AS entity,
       d.year,
       d.is_latest,
       u.id AS unit_id,
       u.position,
       u.code,
       u.name,
       u.kind,
       u.sector_code,
       s.name AS sector_name,
       h.name AS head,
       u.page
  FROM units u
  JOIN documents d ON d.id = u.document_id
  JOIN entities e ON e.id = d.entity_id
  LEFT JOIN units s ON s.id = u.parent_sector_id
  LEFT JOIN people h ON h.id = u.head_person_id;

CREATE VIEW plan_occurrences AS
SELECT d.id AS document_id,
       e.name AS entity,
       d.year,
       d.is_latest,
       oc.id AS occurrence_id,
       oc.position,
       o.id AS objective_id,
       o.key,
       oc.unit_code,
       u.name AS unit_name,
       u.kind AS unit_kind,
       u.sector_code,
       oc.page,
       o.title,
       oc.weight,
       sg.code AS strategic_goal_code,
       sg.title AS strategic_goal,
       og.code AS operational_goal_code,
       og.title AS operational_goal
  FROM objective_occurrences oc
  JOIN objectives o ON o.id = oc.objective_id
  JOIN documents d ON d.id = oc.document_id
  JOIN entities e ON e.id = d.entity_id
  LEFT JOIN units u ON u.id = oc.unit_id
  LEFT JOIN strategic_goals sg ON sg.id = o.strategic_goal_id
  LEFT JOIN operational_goals og ON og.id = o.operational_goal_id;

CREATE VIEW plan_objectives AS
SELECT d.id AS document_id,
       e.name AS entity,
       d.year,
       d.is_latest,
       o.id AS objective_id,
       o.key,
       o.title,
       o.description_text,
       o.description_html,
       sg.code AS strategic_goal_code,
       sg.title AS strategic_goal,
       og.code AS operational_goal_code,
       og.title AS operational_goal,
       (SELECT count(*) FROM objective_occurrences oc WHERE oc.objective_id = o.id) AS occurrences,
       (SELECT group_concat(unit_code, ', ')
          FROM (SELECT oc.unit_code FROM objective_occurrences oc
                 WHERE oc.objective_id = o.id ORDER BY oc.position)) AS units,
       (SELECT count(*) FROM staff_assignments sa WHERE sa.objective_id = o.id) AS staff,
       (SELECT count(*) FROM phases p WHERE p.objective_id = o.id) AS phases,
       (SELECT count(*) FROM indicators i WHERE i.objective_id = o.id) AS indicators
  FROM objectives o
  JOIN documents d ON d.id = o.document_id
  JOIN entities e ON e.id = d.entity_id
  LEFT JOIN strategic_goals sg ON sg.id = o.strategic_goal_id
  LEFT JOIN operational_goals og ON og.id = o.operational_goal_id;

CREATE VIEW plan_staff AS
SELECT d.id AS document_id,
       e.name AS entity,
       d.year,
       d.is_latest,
       p.id AS person_id,
       p.name AS person,
       sa.position,
       sa.category,
       sa.role,
       sa.start_date,
       sa.end_date,
       o.id AS objective_id,
       o.key,
       o.title AS objective,
       (SELECT count(*) FROM phases ph WHERE ph.objective_id = o.id) AS objective_phases
  FROM staff_assignments sa
  JOIN people p ON p.id = sa.person_id
  JOIN objectives o ON o.id = sa.objective_id
  JOIN documents d ON d.id = o.document_id
  JOIN entities e ON e.id = d.entity_id;

CREATE VIEW plan_phases AS
SELECT d.id AS document_id,
       e.name AS entity,
       d.year,
       d.is_latest,
       o.id AS objective_id,
       o.key,
       o.title AS objective,
       ph.id AS phase_id,
       ph.position,
       ph.title AS phase,
       ph.description,
       ph.start_date,
       ph.end_date,
       (SELECT group_concat(month, ',')
          FROM (SELECT m.month FROM phase_months m
                 WHERE m.phase_id = ph.id AND m.schedule = 'planned' ORDER BY m.month)) AS planned_months,
       (SELECT group_concat(month, ',')
          FROM (SELECT m.month FROM phase_months m
                 WHERE m.phase_id = ph.id AND m.schedule = 'actual' ORDER BY m.month)) AS actual_months
  FROM phases ph
  JOIN objectives o ON o.id = ph.objective_id
  JOIN documents d ON d.id = o.document_id
  JOIN entities e ON e.id = d.entity_id;

CREATE VIEW plan_phase_months AS
SELECT d.id AS document_id,
       e.name AS entity,
       d.year,
       d.is_latest,
       o.id AS objective_id,
       o.key,
       o.title AS objective,
       ph.id AS phase_id,
       ph.position AS phase_position,
       ph.title AS phase,
       m.schedule,
       m.month
  FROM phase_months m
  JOIN phases ph ON ph.id = m.phase_id
  JOIN objectives o ON o.id = ph.objective_id
  JOIN documents d ON d.id = o.document_id
  JOIN entities e ON e.id = d.entity_id;

CREATE VIEW plan_indicator_targets AS
SELECT d.id AS document_id,
       e.name AS entity,
       d.year,
       d.is_latest,
       o.id AS objective_id,
       o.key,
       o.title AS objective,
       i.id AS indicator_id,
       i.position AS indicator_position,
       i.name AS indicator,
       i.unit,
       i.reference,
       t.year AS target_year,
       t.value AS target
  FROM indicators i
  JOIN objectives o ON o.id = i.objective_id
  JOIN documents d ON d.id = o.document_id
  JOIN entities e ON e.id = d.entity_id
  LEFT JOIN indicator_targets t ON t.indicator_id = i.id;

CREATE VIEW plan_findings AS
SELECT d.id AS document_id,
       e.name AS entity,
       d.year,
       d.is_latest,
       f.position,
       f.rule,
       f.severity,
       f.page,
       f.unit_code,
       f.objective_key,
       o.id AS objective_id,
       o.title AS objective,
       f.message,
       f.extra
  FROM findings f
  JOIN documents d ON d.id = f.document_id
  JOIN entities e ON e.id = d.entity_id
  LEFT JOIN objectives o ON o.document_id = f.document_id AND o.key = f.objective_key;
