package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// interpreter is the program named on the #! line of script.
func interpreter(t *testing.T, script string) string {
	t.Helper()
	f, err := os.Open(script)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	fields := strings.Fields(strings.TrimPrefix(line, "#!"))
	if !strings.HasPrefix(line, "#!") || len(fields) == 0 {
		t.Fatalf("%s has no #! line", script)
	}
	return fields[0]
}

// TestSQLiteUtilsSearch searches the store with sqlite-utils as it is
// (Debian's package): it must find objectives_fts through its detection
// (the FTS table whose content is the objectives table) and the
// payment-time objective through it, for an index made with each module
// this build has.
func TestSQLiteUtilsSearch(t *testing.T) {
	tool, err := exec.LookPath("sqlite-utils")
	if err != nil {
		t.Skip("sqlite-utils is not installed (apt-get install sqlite-utils): its search of the store is not checked")
	}
	for _, module := range modulesOf(t) {
		t.Run(module, func(t *testing.T) {
			db := openTemp(t)
			ingest(t, db, golden(t, "capannori-2024"))
			reindex(t, db, module)
			path := db.Path()
			db.Close()
			out, err := exec.Command(tool, "search", path, "objectives", "tempo medio ponderato", "-c", "title", "-c", "key").CombinedOutput()
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			var rows []struct{ Title, Key string }
			if err := json.Unmarshal(out, &rows); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if len(rows) == 0 || rows[0].Title != "Abbattimento indicatore tempo medio ponderato a -2" {
				t.Errorf("sqlite-utils search found %+v", rows)
			}
			// Its own view of the table: which FTS table it detects, with
			// the Python that runs it.
			out, err = exec.Command(interpreter(t, tool), "-c", `import sys, sqlite_utils
print(sqlite_utils.Database(sys.argv[1])["objectives"].detect_fts())`, path).CombinedOutput()
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if got := strings.TrimSpace(string(out)); got != indexTable {
				t.Errorf("sqlite-utils detects %q, want %s", got, indexTable)
			}
		})
	}
}

// TestParquetWithDuckDB reads a Parquet export of both sample years with
// DuckDB (read_parquet with hive_partitioning, through
// scripts/duckdb/count.mjs): it counts as many rows of every table as the
// store's views, per entity and year too, sees the typed columns, and
// counts from the lineage table the objectives new in each plan and the
// links of each kind as the store's view does.
func TestParquetWithDuckDB(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("Node.js is not installed: the Parquet export is not read back by DuckDB")
	}
	script := filepath.Join("..", "scripts", "duckdb", "count.mjs")
	if _, err := os.Stat(filepath.Join("..", "scripts", "duckdb", "node_modules", "@duckdb", "node-api")); err != nil {
		t.Skip("DuckDB is not installed (npm ci --prefix scripts/duckdb): the Parquet export is not read back by DuckDB")
	}
	db, ids := twoYears(t)
	dir := filepath.Join(t.TempDir(), "dataset")
	if _, err := ExportTables(context.Background(), db, dir, ExportOptions{Format: FormatParquet, Documents: ids}); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, script, dir).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("%v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var got struct {
		Rows        map[string]int
		ByPartition map[string][]struct {
			Entity string
			Year   int
			N      int
		} `json:"by_partition"`
		Columns map[string]map[string]string
		Latest  int `json:"latest_payment_objectives"`
		New     []struct {
			Entity string
			Year   int
			N      int
		} `json:"new_per_year"`
		Kinds []struct {
			Year int
			Kind string
			N    int
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, tb := range Tables() {
		if want := viewCount(t, db, tb.View, ids); got.Rows[tb.Name] != want {
			t.Errorf("DuckDB counts %d rows of %s, the view %d", got.Rows[tb.Name], tb.Name, want)
		}
	}
	for _, view := range []string{"objectives", "staff"} {
		for _, p := range got.ByPartition[view] {
			var want int
			db.SQL().QueryRow("SELECT count(*) FROM plan_"+view+" WHERE entity = ? AND year = ?", p.Entity, p.Year).Scan(&want)
			if p.N != want || want == 0 {
				t.Errorf("%s %s %d: DuckDB counts %d, the view %d", view, p.Entity, p.Year, p.N, want)
			}
		}
		if len(got.ByPartition[view]) != 2 {
			t.Errorf("%s: %d partitions, want 2 years", view, len(got.ByPartition[view]))
		}
	}
	for table, cols := range map[string]map[string]string{
		"objectives": {"title": "VARCHAR", "year": "BIGINT", "entity": "VARCHAR", "occurrences": "BIGINT", "is_latest": "BOOLEAN"},
		"phases":     {"start_date": "DATE", "planned_01": "BOOLEAN", "actual_12": "BOOLEAN", "position": "BIGINT"},
		"documents":  {"ingested_at": "TIMESTAMP WITH TIME ZONE", "partial": "BOOLEAN"},
		"lineage":    {"similarity": "DOUBLE", "new": "BOOLEAN", "predecessor_year": "BIGINT", "first_year": "BIGINT", "kind": "VARCHAR"},
	} {
		for name, typ := range cols {
			if got.Columns[table][name] != typ {
				t.Errorf("DuckDB reads %s.%s as %q, want %s", table, name, got.Columns[table][name], typ)
			}
		}
	}
	if got.Latest != 2 {
		t.Errorf("%d latest payment-time objectives, want 2 (one per year)", got.Latest)
	}
	// The samples' 2025 plan adds two objectives to 2024's; 2024 is the
	// first year stored, where nothing counts as new.
	if len(got.New) != 1 || got.New[0].Year != 2025 || got.New[0].N != 2 {
		t.Errorf("new objectives per plan: %+v, want 2 in 2025 only", got.New)
	}
	for _, k := range got.Kinds {
		var want int
		db.SQL().QueryRow("SELECT count(*) FROM plan_lineage WHERE is_latest AND year = ? AND kind = ?", k.Year, k.Kind).Scan(&want)
		if k.N != want || want == 0 {
			t.Errorf("lineage %d %s: DuckDB counts %d, the view %d", k.Year, k.Kind, k.N, want)
		}
	}
	if len(got.Kinds) == 0 {
		t.Error("DuckDB counts no links")
	}
}

var update = flag.Bool("update", false, "rewrite docs/datasette-metadata.json")

// TestDatasetteMetadata keeps docs/datasette-metadata.json what
// DatasetteMetadata makes of a new store (go test ./store -run Datasette
// -update rewrites it): valid JSON that describes every plan_* view and
// every column of it.
func TestDatasetteMetadata(t *testing.T) {
	db := openTemp(t)
	got, err := DatasetteMetadata(context.Background(), db, "obiettivi")
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Databases map[string]struct {
			Tables map[string]struct {
				Description string
				FTSTable    string `json:"fts_table"`
				Columns     map[string]string
			}
		}
	}
	if err := json.Unmarshal(got, &meta); err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	tables := meta.Databases["obiettivi"].Tables
	if len(tables) < 10 || tables["plan_objectives"].FTSTable != indexTable || tables["plan_staff"].Columns["person"] == "" {
		t.Errorf("metadata: %+v", tables)
	}
	path := filepath.Join("..", "docs", "datasette-metadata.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(got) {
		t.Errorf("%s is not what the store's views make: rewrite it with go test ./store -run Datasette -update", path)
	}
}

// TestDatasetteSearch runs Datasette's detection of a table's FTS table
// (datasette.utils.detect_fts_sql, in its older form, which reads only
// content="TABLE", and its newer one) and its search of a table, on an
// index made with each module this build has.
func TestDatasetteSearch(t *testing.T) {
	detect := []string{
		`select name from sqlite_master where rootpage = 0 and (
		   sql like '%VIRTUAL TABLE%USING FTS%content="objectives"%'
		   or (tbl_name = "objectives" and sql like '%VIRTUAL TABLE%USING FTS%'))`,
		`select name from sqlite_master where rootpage = 0 and (
		   sql like '%VIRTUAL TABLE%USING FTS%content="objectives"%'
		   or sql like '%VIRTUAL TABLE%USING FTS%content=[objectives]%'
		   or (tbl_name = "objectives" and sql like '%VIRTUAL TABLE%USING FTS%'))`,
	}
	for _, module := range modulesOf(t) {
		db := openTemp(t)
		ingest(t, db, golden(t, "capannori-2024"))
		reindex(t, db, module)
		for _, q := range detect {
			var name string
			if err := db.SQL().QueryRow(q).Scan(&name); err != nil || name != indexTable {
				t.Errorf("%s: Datasette detects %q (%v), want %s", module, name, err, indexTable)
			}
		}
		var title string
		err := db.SQL().QueryRow(`select title from objectives where rowid in (
			select rowid from objectives_fts where objectives_fts match :search) limit 1`,
			sql.Named("search", `"tempo" "medio" "ponderato"`)).Scan(&title)
		if err != nil || title != "Abbattimento indicatore tempo medio ponderato a -2" {
			t.Errorf("%s: Datasette's search finds %q (%v)", module, title, err)
		}
	}
}
