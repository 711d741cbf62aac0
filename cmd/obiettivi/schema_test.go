package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/docs"
)

// TestJSONOutputsValidate runs every command that writes JSON and checks
// what it writes against the schemas in docs/.
func TestJSONOutputsValidate(t *testing.T) {
	db := storeWithSamples(t)
	out := filepath.Join(t.TempDir(), "plan.json")
	tests := []struct {
		name   string
		args   []string
		schema string
		code   int    // the exit code wanted
		file   string // where the JSON goes; standard output when empty
	}{
		{"extract", []string{"extract", "../../samples/capannori-2024.pdf"}, docs.PlanSchema, 0, ""},
		{"extract -o", []string{"extract", "../../samples/capannori-2025.pdf", "-o", out}, docs.PlanSchema, 0, out},
		{"export", []string{"export", "--db", db, "--document", "2"}, docs.PlanSchema, 0, ""},
		{"diff", []string{"diff", "--format", "json", storeGolden("capannori-2024"), storeGolden("capannori-2025")}, docs.DiffSchema, 1, ""},
		{"diff, the same", []string{"diff", "--format", "json", storeGolden("capannori-2024"), storeGolden("capannori-2024-chromium")}, docs.DiffSchema, 0, ""},
		{"diff of stored documents", []string{"diff", "--format", "json", "--db", db, "1", "2"}, docs.DiffSchema, 1, ""},
		{"audit", []string{"audit", "--format", "json", storeGolden("capannori-2024")}, docs.PlanSchema + "#/$defs/findings", 0, ""},
		{"list", []string{"list", "--db", db, "--format", "json"}, docs.StoreOutputSchema + "#/$defs/list", 0, ""},
		{"search", []string{"search", "--db", db, "--format", "json", "--all-prints", "pagamenti"}, docs.StoreOutputSchema + "#/$defs/search", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && strings.HasPrefix(tt.name, "extract") {
				t.Skip("extracts a PDF")
			}
			stdout, stderr, code := storeCmd(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d: %s", code, tt.code, stderr)
			}
			data := []byte(stdout)
			if tt.file != "" {
				b, err := os.ReadFile(tt.file)
				if err != nil {
					t.Fatal(err)
				}
				data = b
			}
			if err := docs.Validate(tt.schema, data); err != nil {
				t.Errorf("%v\n%.300s", err, data)
			}
		})
	}
}
