package api

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/store"
)

const golden2024 = "../golden/capannori-2024.json"

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadFiles(t *testing.T) {
	golden, err := os.ReadFile(golden2024)
	if err != nil {
		t.Fatal(err)
	}
	goldenPath, err := filepath.Abs(golden2024)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir()) // a folder without obiettivi.sqlite
	tests := []struct {
		name   string
		target string
		db     string
		errHas string // "" when Load must succeed
	}{
		{"plan JSON", goldenPath, "", ""},
		{"plan JSON without extension", writeFile(t, "plan", "\n  "+string(golden)), "", ""},
		{"JSON of another format", writeFile(t, "x.json", `{"format":"other/v1"}`), "", `format is "other/v1"`},
		{"broken JSON", writeFile(t, "x.json", `{"format":`), "", "x.json: not a plan document"},
		{"PDF by its header", writeFile(t, "scan.dat", "%PDF-1.7\nbroken"), "", "scan.dat"},
		{"PDF by its extension", writeFile(t, "empty.pdf", ""), "", "empty.pdf"},
		{"neither", writeFile(t, "notes.txt", "hello"), "", "notes.txt: neither a PDF nor a plan JSON file"},
		{"folder", t.TempDir(), "", "is a folder"},
		{"missing, no store", "Comune di Capannori:2024", "", "no such file, nor a store obiettivi.sqlite here to look it up in"},
		{"missing, not a store name", "capannori.json", filepath.Join(t.TempDir(), "x.db"), "not a stored document id or ENTITY:YEAR"},
		{"empty", "", "", "empty target"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Load(t.Context(), tc.target, LoadOptions{DB: tc.db})
			if tc.errHas == "" {
				if err != nil {
					t.Fatal(err)
				}
				if doc.Entity != "Comune di Capannori" || len(doc.Objectives) == 0 {
					t.Errorf("loaded %q with %d objectives", doc.Entity, len(doc.Objectives))
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want one containing %q", tc.errHas)
			}
			if !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("error %q, want one containing %q", err, tc.errHas)
			}
			if strings.Contains(err.Error(), "neither a PDF") && tc.errHas != "notes.txt: neither a PDF nor a plan JSON file" {
				t.Errorf("a PDF was not recognised: %v", err)
			}
		})
	}
}

func TestParseEntityYear(t *testing.T) {
	tests := []struct {
		in     string
		entity string
		year   int
		ok     bool
	}{
		{"Comune di Capannori:2024", "Comune di Capannori", 2024, true},
		{"Comune di X: Y:2025", "Comune di X: Y", 2025, true},
		{"capannori: 2024", "capannori", 2024, true},
		{":2024", "", 0, false},
		{"Capannori:24", "", 0, false},
		{"Capannori", "", 0, false},
	}
	for _, tc := range tests {
		e, y, ok := parseEntityYear(tc.in)
		if e != tc.entity || y != tc.year || ok != tc.ok {
			t.Errorf("parseEntityYear(%q) = %q, %d, %v", tc.in, e, y, ok)
		}
	}
}

func TestLoadStored(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "plans.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, f := range []string{golden2024, "../golden/capannori-2025.json"} {
		d, err := plan.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		id, err := store.Ingest(ctx, db, d, store.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	other, err := plan.ReadFile(golden2024)
	if err != nil {
		t.Fatal(err)
	}
	other.Entity, other.Source.SHA256 = "Comune di Capannori Alta", strings.Repeat("0", 64)
	if _, err := store.Ingest(ctx, db, other, store.Meta{}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	tests := []struct {
		target string
		year   int
		errHas string
	}{
		{strconv.FormatInt(ids[0], 10), 2024, ""},
		{strconv.FormatInt(ids[1], 10), 2025, ""},
		{"Comune di Capannori:2025", 2025, ""},
		{"comune di capannori:2024", 2024, ""},
		{"Alta:2024", 2024, ""},
		{"Capannori:2024", 0, "matches several stored entities"},
		{"Comune di Capannori:2030", 0, "no such document"},
		{"Lucca:2024", 0, `no stored entity is called "Lucca"`},
		{"999", 0, "no such document"},
	}
	for _, tc := range tests {
		doc, err := Load(ctx, tc.target, LoadOptions{DB: path})
		if tc.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("%s: error %v, want one containing %q", tc.target, err, tc.errHas)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.target, err)
			continue
		}
		if doc.Year != tc.year || len(doc.Objectives) == 0 {
			t.Errorf("%s: year %d with %d objectives", tc.target, doc.Year, len(doc.Objectives))
		}
	}
}

// TestLoadDefaultStore looks a target up in obiettivi.sqlite of the
// current folder when no store is given, as the store commands do.
func TestLoadDefaultStore(t *testing.T) {
	ctx := t.Context()
	d, err := plan.ReadFile("../golden/capannori-2025.json")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	db, err := store.Open(ctx, store.DefaultPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Ingest(ctx, db, d, store.Meta{}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	doc, err := Load(ctx, "capannori:2025", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Year != 2025 || len(doc.Objectives) != len(d.Objectives) {
		t.Errorf("loaded year %d with %d objectives", doc.Year, len(doc.Objectives))
	}
}
