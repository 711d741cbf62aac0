package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/compress/snappy"
	"github.com/parquet-go/parquet-go/encoding"
)

// parquetSink writes each table as a Parquet dataset: a folder per table,
// Hive-partitioned by entity and year (TABLE/entity=NAME/year=YYYY/
// part-0.parquet), so that DuckDB, pandas, Spark or BigQuery read every
// plan at once, and a query of one entity or year reads only its files.
// The partition columns are in the path, not in the files.
type parquetSink struct {
	dir    string
	table  Table
	schema *parquet.Schema
	files  []string

	key  [2]any // entity and year of the open file
	f    *os.File
	buf  *bufio.Writer
	w    *parquet.GenericWriter[any]
	rows []parquet.Row
}

// parquetBatch is how many rows are handed to the writer at once.
const parquetBatch = 1024

func (s *parquetSink) begin(dir string, t Table) error {
	if len(t.Columns) < 2 || t.Columns[0].Name != "entity" || t.Columns[1].Name != "year" {
		return fmt.Errorf("%s: a Parquet table starts with entity and year", t.Name)
	}
	s.dir, s.table, s.files = dir, t, nil
	s.key = [2]any{}
	fields := make([]parquetField, 0, len(t.Columns)-2)
	for _, c := range t.Columns[2:] {
		fields = append(fields, parquetField{Node: parquet.Optional(parquetNode(c.Type)), name: c.Name})
	}
	s.schema = parquet.NewSchema(t.Name, orderedGroup(fields))
	return os.MkdirAll(filepath.Join(dir, t.Name), 0o755)
}

func parquetNode(t ColumnType) parquet.Node {
	switch t {
	case Integer:
		return parquet.Int(64)
	case Real:
		return parquet.Leaf(parquet.DoubleType)
	case Boolean:
		return parquet.Leaf(parquet.BooleanType)
	case Date:
		return parquet.Date()
	case Timestamp:
		return parquet.Timestamp(parquet.Microsecond)
	}
	return parquet.String()
}

func (s *parquetSink) row(vals []any) error {
	key := [2]any{vals[0], vals[1]}
	if s.w == nil || key != s.key {
		if err := s.closeFile(); err != nil {
			return err
		}
		if err := s.openFile(key); err != nil {
			return err
		}
	}
	row := make(parquet.Row, 0, len(vals)-2)
	for i, v := range vals[2:] {
		row = append(row, parquetValue(v, s.table.Columns[i+2].Type).Level(0, defLevel(v), i))
	}
	s.rows = append(s.rows, row)
	if len(s.rows) >= parquetBatch {
		return s.flush()
	}
	return nil
}

func defLevel(v any) int {
	if v == nil {
		return 0
	}
	return 1
}

func parquetValue(v any, t ColumnType) parquet.Value {
	switch v := v.(type) {
	case nil:
		return parquet.NullValue()
	case string:
		return parquet.ByteArrayValue([]byte(v))
	case int64:
		return parquet.Int64Value(v)
	case float64:
		return parquet.DoubleValue(v)
	case bool:
		return parquet.BooleanValue(v)
	case time.Time:
		if t == Date {
			return parquet.Int32Value(int32(v.Unix() / 86400))
		}
		return parquet.Int64Value(v.UnixMicro())
	}
	return parquet.ByteArrayValue([]byte(fmt.Sprint(v)))
}

// hivePath escapes a partition value as Hive does: the characters that
// cannot stand in a path or would read as syntax become %XX.
func hivePath(v any) string {
	if v == nil {
		return "__HIVE_DEFAULT_PARTITION__"
	}
	s := fmt.Sprint(v)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || strings.IndexByte("\"#%'*/:=?\\{[]^", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func (s *parquetSink) openFile(key [2]any) error {
	rel := filepath.Join(s.table.Name, "entity="+hivePath(key[0]), "year="+hivePath(key[1]), "part-0.parquet")
	path := filepath.Join(s.dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	s.key, s.f, s.buf = key, f, bufio.NewWriter(f)
	s.w = parquet.NewGenericWriter[any](s.buf, s.schema, parquet.Compression(&snappy.Codec{}),
		parquet.CreatedBy("obiettivi", "", ""))
	s.files = append(s.files, rel)
	return nil
}

func (s *parquetSink) flush() error {
	if len(s.rows) == 0 {
		return nil
	}
	_, err := s.w.WriteRows(s.rows)
	s.rows = s.rows[:0]
	return err
}

func (s *parquetSink) closeFile() error {
	if s.w == nil {
		return nil
	}
	err := errors.Join(s.flush(), s.w.Close(), s.buf.Flush(), s.f.Close())
	s.w, s.f, s.buf = nil, nil, nil
	return err
}

func (s *parquetSink) end() ([]string, error) {
	if err := s.closeFile(); err != nil {
		return nil, err
	}
	return s.files, nil
}

// parquetField is a named column of an orderedGroup.
type parquetField struct {
	parquet.Node
	name string
}

func (f parquetField) Name() string { return f.name }

func (f parquetField) Value(base reflect.Value) reflect.Value {
	return reflect.Value{}
}

// orderedGroup is a Parquet group whose columns keep the order given
// (parquet.Group sorts them by name), so that a file's columns read in
// the table's order.
type orderedGroup []parquetField

func (g orderedGroup) ID() int                     { return 0 }
func (g orderedGroup) String() string              { return "group" }
func (g orderedGroup) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g orderedGroup) Optional() bool              { return false }
func (g orderedGroup) Repeated() bool              { return false }
func (g orderedGroup) Required() bool              { return true }
func (g orderedGroup) Leaf() bool                  { return false }
func (g orderedGroup) Encoding() encoding.Encoding { return nil }
func (g orderedGroup) Compression() compress.Codec { return nil }

func (g orderedGroup) Fields() []parquet.Field {
	fields := make([]parquet.Field, len(g))
	for i := range g {
		fields[i] = g[i]
	}
	return fields
}

func (g orderedGroup) GoType() reflect.Type {
	fields := make([]reflect.StructField, len(g))
	for i, f := range g {
		fields[i] = reflect.StructField{
			Name: "F" + strconv.Itoa(i),
			Type: f.GoType(),
			Tag:  reflect.StructTag(`parquet:"` + f.name + `,optional"`),
		}
	}
	return reflect.StructOf(fields)
}
