package store

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
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
