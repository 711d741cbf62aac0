package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// viewColumns describes the columns of the plan_* views that the exported
// tables leave out or name otherwise: the store's ids, for joins inside
// the file, and the months as lists.
var viewColumns = map[string]string{
	"document_id":        "the document's id in this store (documents.id)",
	"objective_id":       "the objective's id in this store (objectives.id)",
	"occurrence_id":      "the printing's id in this store (objective_occurrences.id)",
	"person_id":          "the person's id in this store (people.id): one per name as printed, per entity",
	"phase_id":           "the phase's id in this store (phases.id)",
	"indicator_id":       "the indicator's id in this store (indicators.id)",
	"unit_id":            "the heading's id in this store (units.id)",
	"sha256":             "SHA-256 of the printed PDF",
	"planned_months":     "the months (1-12) of the filled Previsto cells, as 1,2,3",
	"actual_months":      "the months (1-12) of the filled Consuntivo cells, as 1,2,3",
	"indicator_position": "the indicator's place in the objective's indicator table, from 1",
	"phase_position":     "the phase's place in the objective's phase table, from 1",
	"target_year":        "the year of the Atteso column",

	"predecessor_document_id":  "the id in this store of the print it continues (documents.id)",
	"predecessor_objective_id": "the id in this store of the objective it continues (objectives.id)",
	"predecessor_sha256":       "SHA-256 of the print it continues",
}

// historyColumns describe plan_objective_history, which no export writes.
var historyColumns = map[string]string{
	"history_of":      "the id of the objective whose line this row belongs to (objectives.id)",
	"history_of_key":  "that objective's key",
	"generation":      "0 for that objective itself, -1, -2, ... for those it continues, 1, 2, ... for those that continue it",
	"document_id":     "the document of this print (documents.id)",
	"entity":          "the body that published the plan",
	"year":            "the plan year of this print",
	"is_latest":       "set on the most recently ingested print of the plan of this entity and year",
	"file":            "the PDF's file name",
	"objective_id":    "the objective as this print prints it (objectives.id)",
	"key":             "its key",
	"title":           "its title",
	"units":           "codes of the units it is printed under, in printed order",
	"weight":          "Valutazione obiettivo, when every unit prints the same",
	"weights":         "the distinct weights printed, in printed order (- for none)",
	"targets":         "its indicators, one per line: name: YEAR = target, ...",
	"phases":          "rows of its phase table",
	"phases_reported": "phases with a filled Consuntivo cell",
	"status":          "planned (no Consuntivo filled), completed (every phase has a Consuntivo month in its last Previsto month or later), in progress, or empty without phases",
	"kind":            "how it continues the print before (its closest link): same-key, same-title, moved, carried-over, typo, retitled; new when it continues none",
	"similarity":      "1 for a link of the same key, else the matcher's score of the pair, 0 to 1",
	"changes":         "the kinds of change diff reports over that link, comma-separated",
	"predecessor_key": "the key of the objective it continues",
}

// tableNotes are Datasette's settings for the store's own tables: what
// each holds and the column that names a row where another table points
// to it.
var tableNotes = []struct{ table, description, label string }{
	{"entities", "the bodies that publish plans", "name"},
	{"documents", "one row per printed PDF, known by its SHA-256; is_latest marks the print to use for its entity and year", "file"},
	{"people", "one row per distinct name as printed, per entity", "name"},
	{"units", "the sector and office headings of each document", "name"},
	{"strategic_goals", "the strategic goals of each entity", "title"},
	{"operational_goals", "the operational goals of each entity", "title"},
	{"objectives", "an objective once per document and key, as first printed; searchable (objectives_fts)", "title"},
	{"objective_occurrences", "every printing of an objective: unit, page, order, weight", ""},
	{"staff_assignments", "the staff table of each objective", ""},
	{"phases", "the phase table of each objective", "title"},
	{"phase_months", "the filled cells of each phase's Cronoprogramma", ""},
	{"indicators", "the indicator table of each objective", "name"},
	{"indicator_targets", "one row per Atteso column of an indicator", ""},
	{"findings", "what the audit found in each document", ""},
	{"toc_entries", "the Indice of each document", ""},
	{"document_lineage", "the print each document continues (the one before it among its entity's prints) and the Consuntivo cells that order the prints of a year", ""},
	{"objective_lineage", "each objective and the objective of the print before that it continues: kind, similarity, changes", ""},
	{"objective_summary", "one row per objective: its units, weight, indicator targets and the state of its phases", ""},
}

// DatasetteMetadata is the metadata file Datasette reads for a store
// (datasette serve FILE -m metadata.json), for the database of that name
// (the file's name without .sqlite): a description of every plan_* view
// and of each of its columns, a label column for the tables, and search
// on the objectives table and on the views that carry objective_id. It
// fails when a view has a column it cannot describe.
func DatasetteMetadata(ctx context.Context, db *DB, database string) ([]byte, error) {
	described := map[string]map[string]string{}
	viewDesc := map[string]string{}
	for _, t := range Tables() {
		viewDesc[t.View] = t.Description
		cols := map[string]string{}
		for _, c := range t.Columns {
			cols[c.Name] = c.Description
		}
		described[t.View] = cols
	}
	var b strings.Builder
	b.WriteString("{\n")
	b.WriteString(`  "title": "obiettivi: performance plans",` + "\n")
	b.WriteString(`  "description": "Stampa Obiettivi di Performance plans read by obiettivi: the plan_* views are the readable tables; WHERE is_latest keeps one print per plan. Search the objectives table or plan_objectives.",` + "\n")
	b.WriteString(`  "databases": {` + "\n")
	fmt.Fprintf(&b, "    %s: {\n      \"tables\": {\n", quoteJSON(database))
	var entries []string
	views, err := viewNames(ctx, db)
	if err != nil {
		return nil, err
	}
	for _, view := range views {
		cols, err := columnsOf(ctx, db, view)
		if err != nil {
			return nil, err
		}
		var lines []string
		search := false
		for _, c := range cols {
			d := described[view][c]
			if view == "plan_objective_history" {
				d = historyColumns[c]
			}
			if d == "" {
				d = viewColumns[c]
			}
			if d == "" {
				return nil, fmt.Errorf("%s.%s has no description", view, c)
			}
			if c == "objective_id" && (view == "plan_objectives" || view == "plan_occurrences") {
				search = true
			}
			lines = append(lines, fmt.Sprintf("            %s: %s", quoteJSON(c), quoteJSON(d)))
		}
		desc := viewDesc[view]
		switch view {
		case "plan_latest":
			desc = "the document to use for each entity and year: the most recently ingested (JOIN plan_latest USING (document_id))"
		case "plan_objective_history":
			desc = "one row per objective (history_of) and each print of its line: the objectives it continues, itself and those that continue it, with each print's title, units, weight, targets and status"
		}
		if desc == "" {
			return nil, fmt.Errorf("view %s has no description", view)
		}
		e := fmt.Sprintf("        %s: {\n          \"description\": %s,\n", quoteJSON(view), quoteJSON(desc))
		if search {
			e += "          \"fts_table\": \"objectives_fts\",\n          \"fts_pk\": \"objective_id\",\n"
		}
		e += "          \"columns\": {\n" + strings.Join(lines, ",\n") + "\n          }\n        }"
		entries = append(entries, e)
	}
	for _, n := range tableNotes {
		e := fmt.Sprintf("        %s: {\n          \"description\": %s", quoteJSON(n.table), quoteJSON(n.description))
		if n.label != "" {
			e += fmt.Sprintf(",\n          \"label_column\": %s", quoteJSON(n.label))
		}
		entries = append(entries, e+"\n        }")
	}
	b.WriteString(strings.Join(entries, ",\n"))
	b.WriteString("\n      }\n    }\n  }\n}\n")
	return []byte(b.String()), nil
}

func quoteJSON(s string) string {
	b, err := marshalJSON(s)
	if err != nil {
		return `""`
	}
	return string(b)
}

func viewNames(ctx context.Context, db *DB) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'view' AND name LIKE 'plan\\_%' ESCAPE '\\'")
	if err != nil {
		return nil, db.named(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out, rows.Err()
}

func columnsOf(ctx context.Context, db *DB, table string) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, db.named(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
