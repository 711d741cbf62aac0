package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/store"
)

// execute runs the command line as main does and returns what it wrote,
// the message main would print and the exit code.
func execute(t *testing.T, args ...string) (stdout, msg string, code int) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return out.String(), "", 0
	}
	code = 1
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	} else if isUsageError(err) {
		code = 2
	}
	return out.String(), err.Error(), code
}

const (
	plan2024   = "../../golden/capannori-2024.json"
	plan2024cr = "../../golden/capannori-2024-chromium.json"
	plan2025   = "../../golden/capannori-2025.json"
)

func TestDiffExitCodes(t *testing.T) {
	notPlan := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notPlan, []byte("not a plan\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badJSON := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(badJSON, []byte(`{"format": "something else"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		code    int
		out     string // in stdout
		message string // in the error message
	}{
		{"same plan from two producers", []string{"diff", plan2024, plan2024cr}, 0, "nessuna differenza", ""},
		{"two years", []string{"diff", plan2024, plan2025}, 1, "tutti i periodi spostati di un anno in avanti", ""},
		{"in English", []string{"diff", "--lang", "en", plan2024, plan2025}, 1, "all periods moved one year later", ""},
		{"markdown", []string{"diff", "--format", "markdown", plan2024, plan2025}, 1, "# Confronto dei piani", ""},
		{"html", []string{"diff", "--format", "html", plan2024, plan2025}, 1, `<svg class="crono"`, ""},
		{"summary only", []string{"diff", "--stat", plan2024, plan2025}, 1, "Riepilogo: 2 obiettivi aggiunti, 3 rimossi", ""},
		{"quiet, different", []string{"diff", "--quiet", plan2024, plan2025}, 1, "", ""},
		{"quiet, same", []string{"diff", "-q", plan2024, plan2024cr}, 0, "", ""},
		{"quiet with a report", []string{"diff", "--quiet", "--stat", plan2024, plan2025}, 2, "", "--quiet"},
		{"summary of JSON", []string{"diff", "--stat", "--format", "json", plan2024, plan2025}, 2, "", "--stat"},
		{"unknown language", []string{"diff", "--lang", "fr", plan2024, plan2025}, 2, "", `unknown language "fr"`},
		{"one argument", []string{"diff", plan2024}, 2, "", "takes 2 argument(s)"},
		{"three arguments", []string{"diff", plan2024, plan2025, plan2025}, 2, "", "takes 2 argument(s)"},
		{"unknown format", []string{"diff", "--format", "xml", plan2024, plan2025}, 2, "", `unknown --format "xml"`},
		{"unknown flag", []string{"diff", "--colour", plan2024, plan2025}, 2, "", "unknown flag"},
		{"missing file", []string{"diff", plan2024, "nowhere-2025.json"}, 2, "", "nowhere-2025.json: no such file"},
		{"not a plan", []string{"diff", notPlan, plan2025}, 2, "", "notes.txt: neither a PDF nor a plan JSON file"},
		{"wrong format", []string{"diff", plan2024, badJSON}, 2, "", "bad.json: format is"},
		{"store without --db", []string{"diff", "Comune di Capannori:2024", plan2025}, 2, "", "--db"},
		{"missing store", []string{"diff", "--db", filepath.Join(t.TempDir(), "none.db"), "1", "2"}, 2, "", "no such store file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, msg, code := execute(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d (message %q)", code, tc.code, msg)
			}
			if !strings.Contains(out, tc.out) {
				t.Errorf("output lacks %q:\n%s", tc.out, out)
			}
			if !strings.Contains(msg, tc.message) || (tc.message == "") != (msg == "") {
				t.Errorf("message %q, want one containing %q", msg, tc.message)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("message is not one line: %q", msg)
			}
		})
	}
}

func TestDiffJSON(t *testing.T) {
	out, _, code := execute(t, "diff", "--format", "json", plan2024, plan2025)
	if code != 1 {
		t.Fatalf("exit code %d, want 1", code)
	}
	var r struct {
		Format  string `json:"format"`
		Same    bool   `json:"same"`
		Summary struct {
			Added   int `json:"objectives_added"`
			Removed int `json:"objectives_removed"`
			Moved   int `json:"objectives_moved"`
		} `json:"summary"`
		Shift *struct {
			Years int `json:"years"`
		} `json:"shift"`
		Objectives []struct {
			Kind  string `json:"kind"`
			Title string `json:"title"`
		} `json:"objectives"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if r.Format != "obiettivi.diff/v1" || r.Same || r.Shift == nil || r.Shift.Years != 1 {
		t.Errorf("format %q, same %v, shift %+v", r.Format, r.Same, r.Shift)
	}
	if r.Summary.Added != 2 || r.Summary.Removed != 3 || r.Summary.Moved != 1 {
		t.Errorf("summary %+v, want 2 added, 3 removed, 1 moved", r.Summary)
	}
}

// TestDiffStore diffs two documents of a store, by ENTITY:YEAR and by id.
func TestDiffStore(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "plans.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, f := range []string{plan2024, plan2025} {
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
	db.Close()
	for _, args := range [][]string{
		{"Comune di Capannori:2024", "Comune di Capannori:2025"},
		{"capannori:2024", plan2025},
	} {
		out, msg, code := execute(t, append([]string{"diff", "--db", path}, args...)...)
		if code != 1 || !strings.Contains(out, "3 rimossi") {
			t.Errorf("%v: exit %d (%s), output:\n%.300s", args, code, msg, out)
		}
	}
	id := func(i int) string { return strconv.FormatInt(ids[i], 10) }
	if out, msg, code := execute(t, "diff", "--db", path, id(0), plan2024cr); code != 0 {
		t.Errorf("stored 2024 vs chromium print: exit %d (%s)\n%.500s", code, msg, out)
	}
	if _, msg, code := execute(t, "diff", "--db", path, "Comune di Nessuno:2024", id(1)); code != 2 || !strings.Contains(msg, "Nessuno") {
		t.Errorf("unknown entity: exit %d, message %q", code, msg)
	}
}

// TestDiffPDF reads one side from the sample PDF (skipped with -short:
// extraction takes seconds).
func TestDiffPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts a PDF")
	}
	out, msg, code := execute(t, "diff", "../../samples/capannori-2024.pdf", plan2025)
	if code != 1 || !strings.Contains(out, "Confronto dei piani: capannori-2024.pdf → capannori-2025.pdf") {
		t.Errorf("exit code %d, want 1 (message %q), output:\n%.300s", code, msg, out)
	}
}

// TestDiffStatAndQuiet checks that --stat writes the head of the report
// only and --quiet nothing at all.
func TestDiffStatAndQuiet(t *testing.T) {
	full, _, _ := execute(t, "diff", plan2024, plan2025)
	stat, _, code := execute(t, "diff", "--stat", plan2024, plan2025)
	if code != 1 || !strings.HasPrefix(full, stat) || strings.Count(stat, "\n") != 6 {
		t.Errorf("--stat (exit %d) is not the head of the report:\n%s", code, stat)
	}
	if out, msg, code := execute(t, "diff", "--quiet", plan2024, plan2025); out != "" || msg != "" || code != 1 {
		t.Errorf("--quiet: exit %d, output %q, message %q", code, out, msg)
	}
}

func TestDiffHTMLToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "changes.html")
	stdout, msg, code := execute(t, "diff", "--format", "html", "-o", out, plan2024, plan2025)
	if code != 1 || stdout != "" || msg != "" {
		t.Fatalf("exit %d (%s), stdout %.100q", code, msg, stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!DOCTYPE html>", `<html lang="it">`, "Obiettivi aggiunti (2)", `<svg class="crono"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
}
