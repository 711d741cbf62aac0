package store

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// csvTables are the store's tables, each with the query that selects the
// rows of one document (?1), in the order they are written.
var csvTables = []struct{ name, query string }{
	{"documents", `SELECT * FROM documents WHERE id = ?1`},
	{"entities", `SELECT * FROM entities WHERE id = (SELECT entity_id FROM documents WHERE id = ?1)`},
	{"toc_entries", `SELECT * FROM toc_entries WHERE document_id = ?1 ORDER BY position`},
	{"units", `SELECT * FROM units WHERE document_id = ?1 ORDER BY position`},
	{"people", `SELECT * FROM people WHERE id IN (
		SELECT sa.person_id FROM staff_assignments sa JOIN objectives o ON o.id = sa.objective_id WHERE o.document_id = ?1
		UNION SELECT head_person_id FROM units WHERE document_id = ?1) ORDER BY name`},
	{"strategic_goals", `SELECT * FROM strategic_goals WHERE id IN (
		SELECT strategic_goal_id FROM objectives WHERE document_id = ?1) ORDER BY code, title`},
	{"operational_goals", `SELECT * FROM operational_goals WHERE id IN (
		SELECT operational_goal_id FROM objectives WHERE document_id = ?1) ORDER BY code, title`},
	{"objectives", `SELECT * FROM objectives WHERE document_id = ?1 ORDER BY id`},
	{"objective_occurrences", `SELECT * FROM objective_occurrences WHERE document_id = ?1 ORDER BY position`},
	{"staff_assignments", `SELECT sa.* FROM staff_assignments sa JOIN objectives o ON o.id = sa.objective_id
		WHERE o.document_id = ?1 ORDER BY sa.objective_id, sa.position`},
	{"phases", `SELECT p.* FROM phases p JOIN objectives o ON o.id = p.objective_id
		WHERE o.document_id = ?1 ORDER BY p.objective_id, p.position`},
	{"phase_months", `SELECT m.* FROM phase_months m JOIN phases p ON p.id = m.phase_id JOIN objectives o ON o.id = p.objective_id
		WHERE o.document_id = ?1 ORDER BY m.phase_id, m.schedule, m.month`},
	{"indicators", `SELECT i.* FROM indicators i JOIN objectives o ON o.id = i.objective_id
		WHERE o.document_id = ?1 ORDER BY i.objective_id, i.position`},
	{"indicator_targets", `SELECT t.* FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id JOIN objectives o ON o.id = i.objective_id
		WHERE o.document_id = ?1 ORDER BY t.indicator_id, t.year`},
	{"findings", `SELECT * FROM findings WHERE document_id = ?1 ORDER BY position`},
}

// ExportCSV writes the rows of document id as one UTF-8 CSV file per table
// (TABLE.csv, with a header row) into dir, creating it if needed, and
// returns the files written. NULL is an empty cell.
func ExportCSV(ctx context.Context, db *DB, id int64, dir string) ([]string, error) {
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, db.named(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM documents WHERE id = ?", id).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("document %d: %w", id, ErrNoDocument)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var files []string
	for _, t := range csvTables {
		path := filepath.Join(dir, t.name+".csv")
		if err := writeCSV(ctx, tx, path, t.query, id); err != nil {
			return files, fmt.Errorf("%s: %w", path, err)
		}
		files = append(files, path)
	}
	return files, nil
}

func writeCSV(ctx context.Context, tx *sql.Tx, path, query string, id int64) (err error) {
	rows, err := tx.QueryContext(ctx, query, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := csv.NewWriter(f)
	if err := w.Write(cols); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	record := make([]string, len(cols))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range vals {
			record[i] = cell(v)
		}
		if err := w.Write(record); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	w.Flush()
	return w.Error()
}

func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(v)
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	default:
		return fmt.Sprint(v)
	}
}
