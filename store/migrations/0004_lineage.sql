-- Schema 4: lineage. Each document continues the print before it in its
-- entity's order of prints (by year, then by the Consuntivo cells filled:
-- a monitoring print later in the year fills more, then by SHA-256), and
-- each of its objectives continues the objective of that print that the
-- diff matcher pairs it with. The links are made in Go (store/lineage.go)
-- on every ingest, and made again for the documents whose predecessor has
-- changed (an earlier print ingested later, a print removed), so that the
-- order in which documents are ingested does not matter.

-- One row per document whose lineage has been made. predecessor_id is the
-- print it continues, NULL when the store holds no earlier print of its
-- entity (or when that print was deleted, until the next ingest of the
-- entity links it again). actual_cells is the number of filled Consuntivo
-- cells of its objectives, which orders the prints of one year.
CREATE TABLE document_lineage (
    document_id    INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    predecessor_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    actual_cells   INTEGER NOT NULL
);
CREATE INDEX document_lineage_by_predecessor ON document_lineage (predecessor_id);

-- One row per objective and the objective of the previous print that it
-- continues. kind is how the matcher paired them (same-key, same-title,
-- moved, carried-over, typo, retitled: see diff.Match), similarity 1 for
-- the same key, else the matcher's score (0 to 1), partial is 1 where the pair covers only some of the
-- units (copies of one objective that changed differently), changes the
-- kinds of change diff reports between the two, comma-separated ('' when
-- none: the objective continues as it was printed).
CREATE TABLE objective_lineage (
    objective_id   INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
    predecessor_id INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL,
    similarity     REAL    NOT NULL CHECK (similarity BETWEEN 0 AND 1),
    partial        INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
    changes        TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (objective_id, predecessor_id)
) WITHOUT ROWID;
CREATE INDEX objective_lineage_by_predecessor ON objective_lineage (predecessor_id);

-- What one objective is as printed, in one row: its units, its weight,
-- its indicator targets and the state of its phases. status is NULL for
-- an objective without phases, 'planned' when no Consuntivo cell of any
-- phase is filled, 'completed' when every phase with Previsto months has
-- a Consuntivo month in its last Previsto month or later, 'in progress'
-- otherwise.
CREATE VIEW objective_summary AS
SELECT o.id AS objective_id,
       (SELECT group_concat(unit_code, ', ')
          FROM (SELECT oc.unit_code FROM objective_occurrences oc
                 WHERE oc.objective_id = o.id ORDER BY oc.position)) AS units,
       (SELECT CASE WHEN count(DISTINCT coalesce(oc.weight, 'none')) = 1 THEN max(oc.weight) END
          FROM objective_occurrences oc WHERE oc.objective_id = o.id) AS weight,
       (SELECT group_concat(w, ', ')
          FROM (SELECT CASE WHEN oc.weight IS NULL THEN '-' ELSE printf('%g', oc.weight) END AS w FROM objective_occurrences oc
                 WHERE oc.objective_id = o.id GROUP BY oc.weight ORDER BY min(oc.position))) AS weights,
       (SELECT group_concat(line, char(10))
          FROM (SELECT i.name || ': ' || coalesce((SELECT group_concat(x.year || ' = ' || coalesce(x.value, '-'), ', ')
                                                    FROM (SELECT t.year, t.value FROM indicator_targets t
                                                           WHERE t.indicator_id = i.id ORDER BY t.year) x), '-') AS line
                  FROM indicators i WHERE i.objective_id = o.id ORDER BY i.position)) AS targets,
       (SELECT count(*) FROM phases p WHERE p.objective_id = o.id) AS phases,
       (SELECT count(*) FROM phases p
         WHERE p.objective_id = o.id
           AND EXISTS (SELECT 1 FROM phase_months m WHERE m.phase_id = p.id AND m.schedule = 'actual')) AS phases_reported,
       (SELECT CASE WHEN count(*) = 0 THEN NULL
                    WHEN sum(actual IS NOT NULL) = 0 THEN 'planned'
                    WHEN sum(planned IS NOT NULL AND (actual IS NULL OR actual < planned)) = 0 THEN 'completed'
                    ELSE 'in progress' END
          FROM (SELECT (SELECT max(m.month) FROM phase_months m WHERE m.phase_id = p.id AND m.schedule = 'planned') AS planned,
                       (SELECT max(m.month) FROM phase_months m WHERE m.phase_id = p.id AND m.schedule = 'actual') AS actual
                  FROM phases p WHERE p.objective_id = o.id)) AS status
  FROM objectives o;

-- One row per objective and each objective of the previous print it
-- continues; one row with empty predecessor columns for an objective that
-- continues none. kind is the link's kind, 'new' for an objective that
-- continues none in a document that continues an earlier print, NULL in
-- a document that continues none (the entity's first print in the
-- store). first_year is the earliest year of the objective's line of
-- predecessors (its own year when it has none); new is set on an
-- objective that first appears in its year (no predecessor of an earlier
-- year) when the store holds an earlier year of its entity, in every print
-- of that year, so that WHERE is_latest AND new counts the objectives new
-- in each plan whichever print is the latest.
CREATE VIEW plan_lineage AS
WITH RECURSIVE ancestry (objective_id, ancestor_id) AS (
    SELECT id, id FROM objectives
     UNION
    SELECT a.objective_id, l.predecessor_id
      FROM ancestry a JOIN objective_lineage l ON l.objective_id = a.ancestor_id
),
first (objective_id, first_year) AS (
    SELECT a.objective_id, min(ad.year)
      FROM ancestry a
      JOIN objectives ao ON ao.id = a.ancestor_id
      JOIN documents ad ON ad.id = ao.document_id
     GROUP BY a.objective_id
)
SELECT d.id AS document_id,
       e.name AS entity,
       d.year,
       d.is_latest,
       o.id AS objective_id,
       o.key,
       o.title,
       (SELECT group_concat(unit_code, ', ')
          FROM (SELECT oc.unit_code FROM objective_occurrences oc
                 WHERE oc.objective_id = o.id ORDER BY oc.position)) AS units,
       pd.id AS predecessor_document_id,
       pd.year AS predecessor_year,
       pd.sha256 AS predecessor_sha256,
       p.id AS predecessor_objective_id,
       p.key AS predecessor_key,
       p.title AS predecessor_title,
       (SELECT group_concat(unit_code, ', ')
          FROM (SELECT oc.unit_code FROM objective_occurrences oc
                 WHERE oc.objective_id = p.id ORDER BY oc.position)) AS predecessor_units,
       CASE WHEN l.kind IS NOT NULL THEN l.kind
            WHEN dl.predecessor_id IS NOT NULL THEN 'new' END AS kind,
       l.similarity,
       l.partial,
       l.changes,
       f.first_year,
       (f.first_year = d.year
        AND EXISTS (SELECT 1 FROM documents d2 WHERE d2.entity_id = d.entity_id AND d2.year < d.year)) AS new
  FROM objectives o
  JOIN documents d ON d.id = o.document_id
  JOIN entities e ON e.id = d.entity_id
  JOIN first f ON f.objective_id = o.id
  LEFT JOIN document_lineage dl ON dl.document_id = d.id
  LEFT JOIN objective_lineage l ON l.objective_id = o.id
  LEFT JOIN objectives p ON p.id = l.predecessor_id
  LEFT JOIN documents pd ON pd.id = coalesce(p.document_id, dl.predecessor_id);

-- One row per objective (history_of) and each print of its line: itself
-- (generation 0), the objectives it continues (-1, -2, ...) and those that
-- continue it (1, 2, ...), with each print's title, units, weight,
-- targets and status, and how it continues the print before it (its
-- closest link: kind, similarity, changes; 'new' where it continues none
-- in a document that continues an earlier print). The columns document_id,
-- entity, year and is_latest are those of the print of the row.
CREATE VIEW plan_objective_history AS
WITH RECURSIVE
back (history_of, member_id, generation) AS (
    SELECT id, id, 0 FROM objectives
     UNION
    SELECT b.history_of, l.predecessor_id, b.generation - 1
      FROM back b JOIN objective_lineage l ON l.objective_id = b.member_id
),
fwd (history_of, member_id, generation) AS (
    SELECT id, id, 0 FROM objectives
     UNION
    SELECT f.history_of, l.objective_id, f.generation + 1
      FROM fwd f JOIN objective_lineage l ON l.predecessor_id = f.member_id
),
chain (history_of, member_id, generation) AS (
    SELECT history_of, member_id, max(generation) FROM back GROUP BY history_of, member_id
     UNION ALL
    SELECT history_of, member_id, min(generation) FROM fwd WHERE generation > 0 GROUP BY history_of, member_id
)
SELECT c.history_of,
       h.key AS history_of_key,
       c.generation,
       d.id AS document_id,
       e.name AS entity,
       d.year,
       d.is_latest,
       d.file,
       m.id AS objective_id,
       m.key,
       m.title,
       s.units,
       s.weight,
       s.weights,
       s.targets,
       s.phases,
       s.phases_reported,
       s.status,
       CASE WHEN l.kind IS NOT NULL THEN l.kind
            WHEN dl.predecessor_id IS NOT NULL THEN 'new' END AS kind,
       l.similarity,
       l.changes,
       pm.key AS predecessor_key
  FROM chain c
  JOIN objectives h ON h.id = c.history_of
  JOIN objectives m ON m.id = c.member_id
  JOIN documents d ON d.id = m.document_id
  JOIN entities e ON e.id = d.entity_id
  JOIN objective_summary s ON s.objective_id = m.id
  LEFT JOIN document_lineage dl ON dl.document_id = d.id
  LEFT JOIN objective_lineage l
         ON l.objective_id = m.id
        AND l.predecessor_id = (SELECT l2.predecessor_id FROM objective_lineage l2
                                 WHERE l2.objective_id = m.id
                                 ORDER BY l2.partial, l2.similarity DESC, (SELECT k.key FROM objectives k WHERE k.id = l2.predecessor_id) LIMIT 1)
  LEFT JOIN objectives pm ON pm.id = l.predecessor_id;
