package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ColumnType is the type of a column of an exported table.
type ColumnType int

// Column types: text, 64-bit integer, double, boolean, calendar date,
// and UTC timestamp.
const (
	Text ColumnType = iota
	Integer
	Real
	Boolean
	Date
	Timestamp
)

func (t ColumnType) String() string {
	return [...]string{"text", "integer", "real", "boolean", "date", "timestamp"}[t]
}

// Column is one column of an exported table.
type Column struct {
	Name string
	Type ColumnType
	// Description says what the column holds (Datasette's metadata
	// file carries it too).
	Description string
	// expr selects the column from the view v and the documents d.
	expr string
}

// Table is one exported table: the rows of a plan_* view with readable
// values only, no internal ids. Every table has entity and year first
// (the columns a Parquet export is partitioned by), is_latest, and
// document_sha256, which names the document in any store.
type Table struct {
	Name        string // the file name: the view's name without plan_
	View        string
	Description string
	Columns     []Column
	order       string // ORDER BY within a document, over v
}

func col(name string, t ColumnType, desc string) Column {
	return Column{Name: name, Type: t, Description: desc, expr: "v." + name}
}

func colExpr(name string, t ColumnType, expr, desc string) Column {
	return Column{Name: name, Type: t, Description: desc, expr: expr}
}

// common columns of every table.
var (
	colEntity   = col("entity", Text, "the body that published the plan")
	colYear     = col("year", Integer, "the plan year")
	colIsLatest = col("is_latest", Boolean, "set on the most recently ingested print of the plan of this entity and year: WHERE is_latest keeps one print per plan")
	colSHA      = colExpr("document_sha256", Text, "d.sha256", "SHA-256 of the printed PDF: the document, the same in every store")
	colKey      = col("key", Text, "the objective's deduplication key: equal for the occurrences of one objective")
)

func months(schedule, label string) []Column {
	var cols []Column
	for m := 1; m <= 12; m++ {
		name := fmt.Sprintf("%s_%02d", schedule, m)
		cols = append(cols, colExpr(name, Boolean,
			fmt.Sprintf("EXISTS (SELECT 1 FROM phase_months m WHERE m.phase_id = v.phase_id AND m.schedule = '%s' AND m.month = %d)", schedule, m),
			fmt.Sprintf("the %s cell of month %d of the Cronoprogramma is filled", label, m)))
	}
	return cols
}

// Tables are the readable tables export writes, one per plan_* view.
func Tables() []Table {
	phases := []Column{colEntity, colYear, colKey,
		col("objective", Text, "the objective's title"),
		col("position", Integer, "the phase's place in the objective's phase table, from 1"),
		col("phase", Text, "the phase's title (Fase)"),
		col("description", Text, "the phase's description (Descrizione fase)"),
		col("start_date", Date, "Inizio"),
		col("end_date", Date, "Fine"),
	}
	phases = append(phases, months("planned", "Previsto")...)
	phases = append(phases, months("actual", "Consuntivo")...)
	phases = append(phases, colIsLatest, colSHA)
	return []Table{
		{Name: "documents", View: "plan_documents", Description: "one row per stored print of a plan", order: "v.document_id",
			Columns: []Column{colEntity, colYear,
				col("file", Text, "the PDF's file name"),
				col("pages", Integer, "pages of the PDF"),
				col("title", Text, "the report title on the cover"),
				col("objectives", Integer, "objectives as printed (an objective printed under several units counts for each)"),
				col("distinct_objectives", Integer, "distinct objectives"),
				colIsLatest,
				col("partial", Boolean, "set when pages that could not be read were left out (--partial); the findings name them"),
				col("ingested_at", Timestamp, "when the document was ingested (UTC)"),
				col("extractor_version", Text, "the obiettivi that extracted it"),
				col("extractor_commit", Text, "the version control commit of that obiettivi"),
				colSHA}},
		{Name: "objectives", View: "plan_objectives", Description: "one row per distinct objective of a plan, as first printed", order: "v.objective_id",
			Columns: []Column{colEntity, colYear, colKey,
				col("title", Text, "Obiettivo"),
				col("description_text", Text, "Descrizione as plain text, one paragraph or list item per line"),
				col("description_html", Text, "Descrizione as HTML"),
				col("strategic_goal_code", Text, "code of the Obiettivo strategico"),
				col("strategic_goal", Text, "title of the Obiettivo strategico"),
				col("operational_goal_code", Text, "code of the Obiettivo operativo"),
				col("operational_goal", Text, "title of the Obiettivo operativo"),
				col("occurrences", Integer, "units it is printed under"),
				col("units", Text, "codes of those units, in printed order"),
				col("staff", Integer, "rows of its staff table"),
				col("phases", Integer, "rows of its phase table"),
				col("indicators", Integer, "rows of its indicator table"),
				colIsLatest, colSHA}},
		{Name: "occurrences", View: "plan_occurrences", Description: "one row per printed objective: under which unit, on which page", order: "v.position",
			Columns: []Column{colEntity, colYear,
				col("position", Integer, "printed order in the document, from 1"),
				colKey,
				col("unit_code", Text, "code of the unit it is printed under"),
				col("unit_name", Text, "name of that unit"),
				col("unit_kind", Text, "sector or office"),
				col("sector_code", Text, "the sector of that office"),
				col("page", Integer, "page of its Obiettivo row"),
				col("title", Text, "Obiettivo"),
				col("weight", Real, "Valutazione obiettivo"),
				col("strategic_goal_code", Text, "code of the Obiettivo strategico"),
				col("strategic_goal", Text, "title of the Obiettivo strategico"),
				col("operational_goal_code", Text, "code of the Obiettivo operativo"),
				col("operational_goal", Text, "title of the Obiettivo operativo"),
				colIsLatest, colSHA}},
		{Name: "staff", View: "plan_staff", Description: "one row per staff assignment of an objective", order: "v.objective_id, v.position",
			Columns: []Column{colEntity, colYear, colKey,
				col("objective", Text, "the objective's title"),
				col("position", Integer, "the row's place in the objective's staff table, from 1"),
				col("person", Text, "Persona, as printed"),
				col("category", Text, "Categoria"),
				col("role", Text, "Ruolo"),
				col("start_date", Date, "Inizio"),
				col("end_date", Date, "Fine"),
				col("objective_phases", Integer, "phases of the objective"),
				colIsLatest, colSHA}},
		{Name: "phases", View: "plan_phases", Description: "one row per phase of an objective, with its Cronoprogramma months", order: "v.objective_id, v.position",
			Columns: phases},
		{Name: "phase_months", View: "plan_phase_months", Description: "one row per filled month cell of a phase's Cronoprogramma", order: "v.objective_id, v.phase_position, v.schedule, v.month",
			Columns: []Column{colEntity, colYear, colKey,
				col("objective", Text, "the objective's title"),
				col("phase_position", Integer, "the phase's place in the objective's phase table, from 1"),
				col("phase", Text, "the phase's title"),
				col("schedule", Text, "planned (Previsto) or actual (Consuntivo)"),
				col("month", Integer, "1 to 12"),
				colIsLatest, colSHA}},
		{Name: "indicator_targets", View: "plan_indicator_targets", Description: "one row per printed target of an indicator (Atteso YYYY)", order: "v.objective_id, v.indicator_position, v.target_year",
			Columns: []Column{colEntity, colYear, colKey,
				col("objective", Text, "the objective's title"),
				col("indicator_position", Integer, "the indicator's place in the objective's indicator table, from 1"),
				col("indicator", Text, "Indicatore"),
				col("unit", Text, "Udm"),
				col("reference", Text, "Valore di riferimento, as printed"),
				colExpr("target_year", Integer, "CAST(v.target_year AS INTEGER)", "the year of the Atteso column"),
				col("target", Text, "the target as printed"),
				colIsLatest, colSHA}},
		{Name: "units", View: "plan_units", Description: "one row per sector or office heading", order: "v.position",
			Columns: []Column{colEntity, colYear,
				col("position", Integer, "printed order, from 1"),
				col("code", Text, "the unit's code"),
				col("name", Text, "the unit's name"),
				col("kind", Text, "sector or office"),
				col("sector_code", Text, "the sector an office is printed under"),
				col("sector_name", Text, "that sector's name"),
				col("head", Text, "Responsabile"),
				col("page", Integer, "page of the heading"),
				colIsLatest, colSHA}},
		{Name: "findings", View: "plan_findings", Description: "one row per finding of the audit", order: "v.position",
			Columns: []Column{colEntity, colYear,
				col("position", Integer, "order in the document's findings, from 1"),
				col("rule", Text, "the rule that found it"),
				col("severity", Text, "error, warning or info"),
				col("page", Integer, "where it was seen"),
				col("unit_code", Text, "the unit concerned"),
				col("objective_key", Text, "key of the objective concerned"),
				col("objective", Text, "title of that objective"),
				col("message", Text, "what is wrong, naming the values found"),
				col("extra", Text, "the finding's other fields, as a JSON object"),
				colIsLatest, colSHA}},
		{Name: "lineage", View: "plan_lineage", Description: "one row per objective and the objective of the print before that it continues (none for a new one): how diff's matcher paired them", order: "v.objective_id, v.predecessor_objective_id",
			Columns: []Column{colEntity, colYear, colKey,
				col("title", Text, "Obiettivo"),
				col("units", Text, "codes of the units it is printed under, in printed order"),
				col("predecessor_year", Integer, "the year of the print it continues (for a new objective, of the print its document continues)"),
				col("predecessor_key", Text, "the key of the objective it continues"),
				col("predecessor_title", Text, "that objective's title"),
				col("predecessor_units", Text, "that objective's units"),
				col("kind", Text, "how it continues it: same-key, same-title, moved, carried-over, typo or retitled; new when it continues none; empty in the entity's first print in the store"),
				col("similarity", Real, "1 for a pair of the same key; else the matcher's score of the pair, 0 to 1: half title, 35% content, 15% units"),
				col("partial", Boolean, "set when the pair covers only some of the units (copies of one objective that changed differently)"),
				col("changes", Text, "the kinds of change diff reports from the one to the other, comma-separated; empty when it continues as printed"),
				col("first_year", Integer, "the earliest year of its line of predecessors (its own year when it has none)"),
				col("new", Boolean, "set when it first appears in this year and the store holds an earlier year of the entity: WHERE is_latest AND new counts the new objectives of each plan"),
				colIsLatest,
				colExpr("predecessor_document_sha256", Text, "v.predecessor_sha256", "SHA-256 of the print it continues (for a new objective, of the print its document continues)"),
				colSHA}},
	}
}

// rawTables are the store's normalised tables, each with the query that
// selects the rows of the documents listed in ?1 (a JSON array of ids).
var rawTables = []struct{ name, query string }{
	{"documents", `SELECT * FROM documents WHERE id IN ` + selected + ` ORDER BY id`},
	{"entities", `SELECT * FROM entities WHERE id IN (SELECT entity_id FROM documents WHERE id IN ` + selected + `) ORDER BY id`},
	{"toc_entries", `SELECT * FROM toc_entries WHERE document_id IN ` + selected + ` ORDER BY document_id, position`},
	{"units", `SELECT * FROM units WHERE document_id IN ` + selected + ` ORDER BY document_id, position`},
	{"people", `SELECT * FROM people WHERE id IN (
		SELECT sa.person_id FROM staff_assignments sa JOIN objectives o ON o.id = sa.objective_id WHERE o.document_id IN ` + selected + `
		UNION SELECT head_person_id FROM units WHERE document_id IN ` + selected + `) ORDER BY entity_id, name`},
	{"strategic_goals", `SELECT * FROM strategic_goals WHERE id IN (
		SELECT strategic_goal_id FROM objectives WHERE document_id IN ` + selected + `) ORDER BY entity_id, code, title`},
	{"operational_goals", `SELECT * FROM operational_goals WHERE id IN (
		SELECT operational_goal_id FROM objectives WHERE document_id IN ` + selected + `) ORDER BY entity_id, code, title`},
	{"objectives", `SELECT * FROM objectives WHERE document_id IN ` + selected + ` ORDER BY id`},
	{"objective_occurrences", `SELECT * FROM objective_occurrences WHERE document_id IN ` + selected + ` ORDER BY document_id, position`},
	{"staff_assignments", `SELECT sa.* FROM staff_assignments sa JOIN objectives o ON o.id = sa.objective_id
		WHERE o.document_id IN ` + selected + ` ORDER BY sa.objective_id, sa.position`},
	{"phases", `SELECT p.* FROM phases p JOIN objectives o ON o.id = p.objective_id
		WHERE o.document_id IN ` + selected + ` ORDER BY p.objective_id, p.position`},
	{"phase_months", `SELECT m.* FROM phase_months m JOIN phases p ON p.id = m.phase_id JOIN objectives o ON o.id = p.objective_id
		WHERE o.document_id IN ` + selected + ` ORDER BY m.phase_id, m.schedule, m.month`},
	{"indicators", `SELECT i.* FROM indicators i JOIN objectives o ON o.id = i.objective_id
		WHERE o.document_id IN ` + selected + ` ORDER BY i.objective_id, i.position`},
	{"indicator_targets", `SELECT t.* FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id JOIN objectives o ON o.id = i.objective_id
		WHERE o.document_id IN ` + selected + ` ORDER BY t.indicator_id, t.year`},
	{"findings", `SELECT * FROM findings WHERE document_id IN ` + selected + ` ORDER BY document_id, position`},
	{"document_lineage", `SELECT * FROM document_lineage WHERE document_id IN ` + selected + ` ORDER BY document_id`},
	{"objective_lineage", `SELECT l.* FROM objective_lineage l JOIN objectives o ON o.id = l.objective_id
		WHERE o.document_id IN ` + selected + ` ORDER BY l.objective_id, l.predecessor_id`},
}

// selected is the set of document ids given as a JSON array in ?1.
const selected = `(SELECT value FROM json_each(?1))`

// query is the SELECT of t for the documents in ?1, by entity, year and
// ingest, then t's own order.
func (t Table) query() string {
	exprs := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		exprs[i] = c.expr + ` AS "` + c.Name + `"`
	}
	return `SELECT ` + strings.Join(exprs, ", ") + `
		  FROM ` + t.View + ` v JOIN documents d ON d.id = v.document_id
		 WHERE v.document_id IN ` + selected + `
		 ORDER BY v.entity, v.year, d.ingested_at, d.id, ` + t.order
}

// Documents selects the documents to export: their ids in export order
// (by entity, year and ingest time). An empty entity or a zero year
// matches every one; latest keeps the most recently ingested print of
// each entity and year.
func Documents(ctx context.Context, db *DB, entity string, year int, latest bool) ([]int64, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT document_id FROM plan_documents
		 WHERE (?1 = '' OR entity = ?1) AND (?2 = 0 OR year = ?2) AND (NOT ?3 OR is_latest = 1)
		 ORDER BY entity, year, ingested_at, document_id`, entity, year, latest)
	if err != nil {
		return nil, db.named(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, db.named(err)
		}
		ids = append(ids, id)
	}
	return ids, db.named(rows.Err())
}

// FindEntity is the stored entity a name stands for: the same name in any
// case, or a part of it that only one stored entity has.
func FindEntity(ctx context.Context, db *DB, entity string) (string, error) {
	names, err := db.matchEntity(ctx, entity)
	if err != nil {
		return "", err
	}
	switch len(names) {
	case 0:
		return "", db.named(fmt.Errorf("%w: no stored entity is called %q", ErrNoDocument, entity))
	case 1:
		return names[0], nil
	}
	return "", db.named(fmt.Errorf("%q matches several stored entities (%s): write the name in full", entity, strings.Join(names, ", ")))
}

// rowsOf runs t's query for docs and calls fn with each row's typed
// values: string, int64, float64, bool, time.Time or nil.
func rowsOf(ctx context.Context, tx *sql.Tx, t Table, docs []int64, fn func([]any) error) error {
	ids, err := json.Marshal(docs)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, t.query(), string(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	raw := make([]any, len(t.Columns))
	ptrs := make([]any, len(raw))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	vals := make([]any, len(raw))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, c := range t.Columns {
			v, err := typed(raw[i], c.Type)
			if err != nil {
				return fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
			}
			vals[i] = v
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// typed converts a value read from SQLite to the Go value of type t.
func typed(v any, t ColumnType) (any, error) {
	if v == nil {
		return nil, nil
	}
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	switch t {
	case Text:
		switch v := v.(type) {
		case string:
			return v, nil
		case int64:
			return strconv.FormatInt(v, 10), nil
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64), nil
		}
	case Integer, Boolean:
		var n int64
		switch v := v.(type) {
		case int64:
			n = v
		case float64:
			n = int64(v)
		case bool:
			if v {
				n = 1
			}
		case string:
			p, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%q is not an integer", v)
			}
			n = p
		default:
			return nil, fmt.Errorf("%v is not an integer", v)
		}
		if t == Boolean {
			return n != 0, nil
		}
		return n, nil
	case Real:
		switch v := v.(type) {
		case float64:
			return v, nil
		case int64:
			return float64(v), nil
		case string:
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return nil, fmt.Errorf("%q is not a number", v)
			}
			return f, nil
		}
	case Date:
		if s, ok := v.(string); ok {
			d, err := time.Parse(time.DateOnly, s)
			if err != nil {
				return nil, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
			}
			return d, nil
		}
	case Timestamp:
		if s, ok := v.(string); ok {
			ts, err := time.Parse(timeLayout, s)
			if err != nil {
				return nil, fmt.Errorf("%q is not a time", s)
			}
			return ts, nil
		}
	}
	return nil, fmt.Errorf("unexpected %T value %v for a %s column", v, v, t)
}
