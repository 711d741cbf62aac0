-- Schema 2: readable views over the common joins, one row per printed thing
-- with the entity and year spelled out, for anyone opening the file in
-- sqlite3, Datasette or DB Browser.

CREATE VIEW plan_documents AS
SELECT d.id AS document_id,
       e.name AS entity,
       d.year,
       d.file,
       d.pages,
       d.title,
       (SELECT count(*) FROM objective_occurrences oc WHERE oc.document_id = d.id) AS objectives,
       (SELECT count(*) FROM objectives o WHERE o.document_id = d.id) AS distinct_objectives,
       d.ingested_at,
       d.extractor_version,
       d.sha256
  FROM documents d
  JOIN entities e ON e.id = d.entity_id;

-- The print to use for each entity and year: the most recently ingested.
CREATE VIEW plan_latest AS
SELECT d.id AS document_id,
       e.name AS entity,
       d.year
  FROM documents d
  JOIN entities e ON e.id = d.entity_id
 WHERE d.id = (SELECT d2.id FROM documents d2
                WHERE d2.entity_id = d.entity_id AND d2.year = d.year
                ORDER BY d2.ingested_at DESC, d2.id DESC
                LIMIT 1);

CREATE VIEW plan_units AS
SELECT d.id AS document_id,
       e.name AS entity,
       d.year,
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
       o.id AS objective_id,
       o.key,
       o.title,
       o.description_text,
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
       p.id AS person_id,
       p.name AS person,
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
       o.id AS objective_id,
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
       o.id AS objective_id,
       o.title AS objective,
       ph.id AS phase_id,
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
       o.id AS objective_id,
       o.title AS objective,
       i.id AS indicator_id,
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
       f.position,
       f.rule,
       f.severity,
       f.page,
       f.unit_code,
       f.objective_key,
       o.id AS objective_id,
       o.title AS objective,
       f.message
  FROM findings f
  JOIN documents d ON d.id = f.document_id
  JOIN entities e ON e.id = d.entity_id
  LEFT JOIN objectives o ON o.document_id = f.document_id AND o.key = f.objective_key;
