package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Export formats of ExportTables.
const (
	FormatCSV     = "csv"
	FormatNDJSON  = "ndjson"
	FormatParquet = "parquet"
)

// ExportOptions say what ExportTables writes.
type ExportOptions struct {
	// Format is FormatCSV, FormatNDJSON or FormatParquet.
	Format string
	// Documents are the ids of the documents exported, in order.
	Documents []int64
	// Excel writes CSV for a spreadsheet set to Italian: a UTF-8 byte
	// order mark, ';' between fields, CRLF line ends, decimal commas.
	Excel bool
	// Raw writes the store's normalised tables, ids and all, instead of
	// the readable ones (CSV and NDJSON).
	Raw bool
	// Force replaces a folder that already holds files.
	Force bool
}

// dynamic is the column type of the raw tables: values as SQLite holds
// them.
const dynamic ColumnType = -1

// sink writes tables in one format into a folder.
type sink interface {
	begin(dir string, t Table) error
	row(vals []any) error
	// end closes the table and returns the files written, relative to
	// the folder.
	end() ([]string, error)
}

// ExportTables writes the tables of opt.Documents into the folder dir in
// opt.Format, and returns the files written (under dir). The folder is
// written whole or not at all: its files go into a new folder beside it,
// renamed into place at the end. A dir that exists must be an empty
// folder, unless opt.Force, which replaces it and all it holds.
func ExportTables(ctx context.Context, db *DB, dir string, opt ExportOptions) ([]string, error) {
	var s sink
	switch opt.Format {
	case FormatCSV:
		s = &csvSink{excel: opt.Excel}
	case FormatNDJSON:
		s = &ndjsonSink{}
	case FormatParquet:
		if opt.Raw {
			return nil, errors.New("the raw tables are written as CSV or NDJSON, not Parquet")
		}
		s = &parquetSink{}
	default:
		return nil, fmt.Errorf("unknown export format %q", opt.Format)
	}
	if len(opt.Documents) == 0 {
		return nil, db.named(fmt.Errorf("%w to export", ErrNoDocument))
	}
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, db.named(err)
	}
	defer tx.Rollback()
	var n int
	ids, _ := json.Marshal(opt.Documents)
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM documents WHERE id IN "+selected, string(ids)).Scan(&n); err != nil {
		return nil, db.named(err)
	}
	if n != len(opt.Documents) {
		return nil, db.named(fmt.Errorf("document %v: %w", opt.Documents, ErrNoDocument))
	}
	var files []string
	err = writeFolder(dir, opt.Force, func(tmp string) error {
		write := func(t Table, each func(func([]any) error) error) error {
			if err := s.begin(tmp, t); err != nil {
				return err
			}
			if err := each(s.row); err != nil {
				s.end()
				return db.named(fmt.Errorf("%s: %w", t.Name, err))
			}
			written, err := s.end()
			files = append(files, written...)
			return err
		}
		if opt.Raw {
			for _, rt := range rawTables {
				t, each, err := rawTable(ctx, tx, rt.name, rt.query, string(ids))
				if err != nil {
					return db.named(fmt.Errorf("%s: %w", rt.name, err))
				}
				if err := write(t, each); err != nil {
					return err
				}
			}
			return nil
		}
		for _, t := range Tables() {
			err := write(t, func(fn func([]any) error) error { return rowsOf(ctx, tx, t, opt.Documents, fn) })
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, f := range files {
		files[i] = filepath.Join(dir, f)
	}
	return files, nil
}

// rawTable reads the columns of a raw table's query and returns the table
// and a function that calls fn for each of its rows.
func rawTable(ctx context.Context, tx *sql.Tx, name, query, ids string) (Table, func(func([]any) error) error, error) {
	rows, err := tx.QueryContext(ctx, query, ids)
	if err != nil {
		return Table{}, nil, err
	}
	cols, err := rows.Columns()
	if err != nil {
		rows.Close()
		return Table{}, nil, err
	}
	t := Table{Name: name}
	for _, c := range cols {
		t.Columns = append(t.Columns, Column{Name: c, Type: dynamic})
	}
	each := func(fn func([]any) error) error {
		defer rows.Close()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					vals[i] = string(b)
				}
				if cols[i] == "printed_variant" || cols[i] == "extra" {
					vals[i] = unescapedJSON(vals[i])
				}
			}
			if err := fn(vals); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	return t, each, nil
}

// unescapedJSON rewrites a JSON text without the \u003c escapes of <, >
// and & that older stores wrote.
func unescapedJSON(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	var x any
	if json.Unmarshal([]byte(s), &x) != nil {
		return v
	}
	b, err := marshalJSON(x)
	if err != nil {
		return v
	}
	return string(b)
}

// writeFolder makes the folder dir by calling fill on a new folder beside
// it, renamed into place once fill has succeeded; a failure leaves dir as
// it was. An existing dir must be an empty folder, or is replaced whole
// with force. Errors name dir, never the temporary folder.
func writeFolder(dir string, force bool, fill func(tmp string) error) error {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	st, err := os.Stat(dir)
	exists := err == nil
	switch {
	case exists && !st.IsDir():
		return fmt.Errorf("%s: is a file; this export writes a folder", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: %w", dir, errors.Unwrap(err))
	}
	if exists && !force {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("%s: %w", dir, errors.Unwrap(err))
		}
		if len(entries) > 0 {
			return fmt.Errorf("%s: the folder holds %d files or folders already: name a new or empty folder, or replace it with --force", dir, len(entries))
		}
	}
	parent, base := filepath.Split(filepath.Clean(dir))
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("%s: cannot make the folder it goes in: %w", dir, errors.Unwrap(err))
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: cannot write beside it in %s: %w", dir, parent, errors.Unwrap(err))
	}
	defer os.RemoveAll(tmp)
	if err := fill(tmp); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("%s: %w", dir, pe.Err)
		}
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("%s: %w", dir, errors.Unwrap(err))
	}
	if !exists {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("%s: %w", dir, errors.Unwrap(err))
		}
		return nil
	}
	old, err := os.MkdirTemp(parent, "."+base+".old-*")
	if err != nil {
		return fmt.Errorf("%s: %w", dir, errors.Unwrap(err))
	}
	defer os.RemoveAll(old)
	aside := filepath.Join(old, base)
	if err := os.Rename(dir, aside); err != nil {
		return fmt.Errorf("%s: cannot replace it: %w", dir, errors.Unwrap(err))
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(aside, dir)
		return fmt.Errorf("%s: cannot replace it: %w", dir, errors.Unwrap(err))
	}
	return nil
}

// csvSink writes one CSV file per table.
type csvSink struct {
	excel  bool
	f      *os.File
	buf    *bufio.Writer
	w      *csv.Writer
	name   string
	types  []ColumnType
	record []string
}

func (s *csvSink) begin(dir string, t Table) error {
	s.name = t.Name + ".csv"
	f, err := os.Create(filepath.Join(dir, s.name))
	if err != nil {
		return err
	}
	s.f, s.buf = f, bufio.NewWriter(f)
	if s.excel {
		s.buf.WriteString("\ufeff")
	}
	s.w = csv.NewWriter(s.buf)
	if s.excel {
		s.w.Comma, s.w.UseCRLF = ';', true
	}
	s.types = s.types[:0]
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = c.Name
		s.types = append(s.types, c.Type)
	}
	s.record = make([]string, len(header))
	return s.w.Write(header)
}

func (s *csvSink) row(vals []any) error {
	for i, v := range vals {
		s.record[i] = csvCell(v, s.types[i], s.excel)
	}
	return s.w.Write(s.record)
}

func (s *csvSink) end() ([]string, error) {
	s.w.Flush()
	err := errors.Join(s.w.Error(), s.buf.Flush(), s.f.Close())
	if err != nil {
		return nil, err
	}
	return []string{s.name}, nil
}

// csvCell writes one value of a column of type t; for a spreadsheet set
// to Italian, numbers take a decimal comma and times a space before the
// clock.
func csvCell(v any, t ColumnType, excel bool) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if excel {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		switch {
		case t == Date:
			return v.Format(time.DateOnly)
		case excel:
			return v.UTC().Format(time.DateTime)
		}
		return v.UTC().Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

// ndjsonSink writes one newline-delimited JSON file per table: an object
// per row, its fields in the table's order.
type ndjsonSink struct {
	f     *os.File
	buf   *bufio.Writer
	name  string
	keys  [][]byte
	types []ColumnType
	line  bytes.Buffer
}

func (s *ndjsonSink) begin(dir string, t Table) error {
	s.name = t.Name + ".ndjson"
	f, err := os.Create(filepath.Join(dir, s.name))
	if err != nil {
		return err
	}
	s.f, s.buf = f, bufio.NewWriter(f)
	s.keys, s.types = s.keys[:0], s.types[:0]
	for _, c := range t.Columns {
		k, err := marshalJSON(c.Name)
		if err != nil {
			return err
		}
		s.keys = append(s.keys, k)
		s.types = append(s.types, c.Type)
	}
	return nil
}

func (s *ndjsonSink) row(vals []any) error {
	s.line.Reset()
	s.line.WriteByte('{')
	for i, v := range vals {
		if i > 0 {
			s.line.WriteByte(',')
		}
		s.line.Write(s.keys[i])
		s.line.WriteByte(':')
		if t, ok := v.(time.Time); ok {
			if s.types[i] == Date {
				v = t.Format(time.DateOnly)
			} else {
				v = t.UTC().Format(time.RFC3339)
			}
		}
		b, err := marshalJSON(v)
		if err != nil {
			return err
		}
		s.line.Write(b)
	}
	s.line.WriteString("}\n")
	_, err := s.buf.Write(s.line.Bytes())
	return err
}

func (s *ndjsonSink) end() ([]string, error) {
	if err := errors.Join(s.buf.Flush(), s.f.Close()); err != nil {
		return nil, err
	}
	return []string{s.name}, nil
}
