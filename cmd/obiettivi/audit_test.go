package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/audit"
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// runAudit runs "obiettivi audit args..." in process and returns its
// standard output, its error message and its exit code, as run computes it.
func runAudit(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(append([]string{"audit"}, args...))
	err := root.Execute()
	if err == nil {
		return out.String(), "", 0
	}
	code := 1
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	} else if isUsageError(err) {
		code = 2
	}
	return out.String(), err.Error(), code
}

// writePlan writes d as a plan JSON file in a temporary folder.
func writePlan(t *testing.T, d *plan.Document) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan.json")
	var b bytes.Buffer
	if err := d.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// smallPlan is a one-office plan whose only finding is an objective
// without phases (info); warning adds a staff row without category.
func smallPlan(warning bool) *plan.Document {
	d := &plan.Document{
		Format: plan.Format,
		Year:   2024,
		TOC:    []plan.TOCEntry{{Code: "UUFF", Name: "UFFICIO", Page: 2}},
		Units:  []plan.Unit{{Code: "UUFF", Name: "UFFICIO", Kind: plan.KindOffice, Head: plan.Str("ROSSI MARIO"), Page: 2}},
		Objectives: []plan.Objective{{
			Unit: "UUFF", Page: 2, Title: "Archivi", DescriptionText: "Archivi.", DescriptionHTML: "<p>Archivi.</p>",
			StrategicGoal:   &plan.Goal{Code: "1.1", Title: "CITTÀ"},
			OperationalGoal: &plan.Goal{Code: "1.1.01", Title: "01_Archivi"},
			Staff: []plan.Staff{{Name: "ROSSI MARIO", Category: plan.Str("Area Funzionari ed EQ"), Role: plan.Str("Funzionario Tecnico"),
				Start: plan.Str("2024-01-01"), End: plan.Str("2024-12-31")}},
		}},
	}
	if warning {
		d.Objectives[0].Staff[0].Category = nil
	}
	d.AssignKeys()
	return d
}

func TestAuditText(t *testing.T) {
	path := filepath.Join("..", "..", "testdata", "truth", "capannori-2024.json")
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"", []string{
			"capannori-2024.json: 81 rilievi (6 errori, ",
			"  errore        codice diverso nell'Indice ",
			"\n  Ufficio UEDPUBLIC - EDILIZIA PUBBLICA, SPORTIVA E RIGENERAZIONE URBANA · Responsabile: Bandinelli Barbara\n",
			`pag. 8    avviso        persona scritta in due modi: "Bandinelli Barbara"`,
			"\nSettore SASTER - ",
		}},
		{"en", []string{
			"capannori-2024.json: 81 findings (6 errors, ",
			"  error     table of contents code differs ",
			"\n  Office UEDPUBLIC - EDILIZIA PUBBLICA, SPORTIVA E RIGENERAZIONE URBANA · Head: Bandinelli Barbara\n",
			`p. 8    warning   one person written two ways: "Bandinelli Barbara"`,
			"\nSector SASTER - ",
		}},
	} {
		args := []string{path}
		if tc.lang != "" {
			args = append(args, "--lang", tc.lang)
		}
		out, msg, code := runAudit(t, args...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, msg)
		}
		for _, want := range tc.want {
			if !strings.Contains(out, want) {
				t.Errorf("%s text report lacks %q", tc.lang, want)
			}
		}
		// Sectors appear in printed order.
		if a, b := strings.Index(out, " SASTER - "), strings.Index(out, " SSERPERS - "); a < 0 || b < a {
			t.Errorf("sectors out of order (SASTER at %d, SSERPERS at %d)", a, b)
		}
	}
}

func TestAuditJSON(t *testing.T) {
	path := filepath.Join("..", "..", "testdata", "truth", "capannori-2024.json")
	out, msg, code := runAudit(t, "--format", "json", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	var got []plan.Finding
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not a findings array: %v", err)
	}
	d, err := plan.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := audit.FindingsIn(d, audit.Options{Lang: i18n.Italian}); !reflect.DeepEqual(got, want) {
		t.Errorf("JSON findings differ from audit.FindingsIn: %d vs %d", len(got), len(want))
	}
	for _, f := range got {
		if f.Lang != "it" || f.LocalMessage == "" || f.Message == "" || (f.ObjectiveKey != nil && f.ObjectiveTitle == "") {
			t.Errorf("finding without its Italian message or title: %+v", f)
			break
		}
	}
}

func TestAuditHTMLToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "audit.html")
	stdout, msg, code := runAudit(t, "--format", "html", "-o", out, filepath.Join("..", "..", "testdata", "truth", "capannori-2024.json"))
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d (%s), stdout %q", code, msg, stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!DOCTYPE html>", `<html lang="it">`, "Settore SASTER", "81 rilievi"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
}

func TestAuditNoFindings(t *testing.T) {
	path := writePlan(t, &plan.Document{Format: plan.Format, Year: 2024})
	out, _, code := runAudit(t, "--fail-on", "warning", path)
	if code != 0 || !strings.HasSuffix(out, ": 0 rilievi (0 errori, 0 avvisi, 0 informazioni)\nRegole tra anni: nessun archivio indicato, quindi nessun piano di un anno precedente con cui confrontare\n") {
		t.Errorf("exit %d, output %q", code, out)
	}
	out, _, _ = runAudit(t, "--format", "json", path)
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("JSON of no findings = %q, want []", out)
	}
}

func TestAuditFailOn(t *testing.T) {
	infoOnly := writePlan(t, smallPlan(false))
	withWarning := writePlan(t, smallPlan(true))
	golden := filepath.Join("..", "..", "testdata", "truth", "capannori-2024.json")
	tests := []struct {
		path, failOn string
		want         int
	}{
		{infoOnly, "", 0},
		{infoOnly, "warning", 0},
		{infoOnly, "error", 0},
		{withWarning, "warning", 1},
		{withWarning, "error", 0},
		{golden, "error", 1},
		{golden, "", 0},
	}
	for _, tt := range tests {
		args := []string{tt.path}
		if tt.failOn != "" {
			args = append([]string{"--fail-on", tt.failOn}, args...)
		}
		out, msg, code := runAudit(t, args...)
		if code != tt.want {
			t.Errorf("audit %v: exit %d (%s), want %d", args, code, msg, tt.want)
		}
		if msg != "" {
			t.Errorf("audit %v: error message %q, want none (the report says it all)", args, msg)
		}
		if !strings.Contains(out, "riliev") {
			t.Errorf("audit %v printed no report", args)
		}
	}
}

func TestAuditBadCommandLine(t *testing.T) {
	golden := filepath.Join("..", "..", "testdata", "truth", "capannori-2024.json")
	for _, args := range [][]string{
		{},
		{golden, golden},
		{"--format", "xml", golden},
		{"--lang", "fr", golden},
		{"--fail-on", "fatal", golden},
		{"--fail-on", "info", golden},
		{"--bogus", golden},
	} {
		_, msg, code := runAudit(t, args...)
		if code != 2 || msg == "" || strings.Contains(msg, "\n") {
			t.Errorf("audit %v: exit %d, message %q; want exit 2 and one line", args, code, msg)
		}
	}
}

func TestAuditBadInput(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "broken.json")
	os.WriteFile(notJSON, []byte(`{"format": "obiettivi.plan/v1", "units": [`), 0o644)
	otherFormat := filepath.Join(dir, "other.json")
	os.WriteFile(otherFormat, []byte(`{"format": "something/v2"}`), 0o644)
	notPDF := filepath.Join(dir, "fake.pdf")
	os.WriteFile(notPDF, []byte("this is not a PDF"), 0o644)
	for _, path := range []string{filepath.Join(dir, "missing.json"), notJSON, otherFormat, notPDF} {
		out, msg, code := runAudit(t, path)
		if code != 1 {
			t.Errorf("audit %s: exit %d, want 1", path, code)
		}
		if !strings.Contains(msg, filepath.Base(path)) || strings.Contains(msg, "\n") {
			t.Errorf("audit %s: message %q should be one line naming the file", path, msg)
		}
		if out != "" {
			t.Errorf("audit %s wrote a report: %q", path, out)
		}
	}
}

func TestAuditHelp(t *testing.T) {
	out, _, code := runAudit(t, "--help")
	if code != 0 || !strings.Contains(out, "Examples:") || !strings.Contains(out, "--fail-on") {
		t.Errorf("help (exit %d) lacks examples or flags:\n%s", code, out)
	}
}

// TestAuditAcrossYears audits the 2025 sample with a store holding the
// 2024 prints: given with --db, and found as obiettivi.sqlite in the
// working folder; the JSON stays the findings array.
func TestAuditAcrossYears(t *testing.T) {
	db := storeWithSamples(t)
	plan2025, err := filepath.Abs(storeGolden("capannori-2025"))
	if err != nil {
		t.Fatal(err)
	}
	const note = "Regole tra anni: confronto con il piano 2024, capannori-2024-chromium.pdf (documento "
	stdout, stderr, code := runAudit(t, "--db", db, plan2025)
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	if strings.Count(stdout, note) != 1 || !strings.Contains(stdout, "stessi indicatori e valori attesi dell'anno prima") {
		t.Errorf("audit --db:\n%.600s", stdout)
	}
	stored, _, code := runAudit(t, "--db", db, "Comune di Capannori:2025")
	if code != 0 || strings.Count(stored, note) != 1 {
		t.Errorf("audit of the stored 2025 plan (exit %d):\n%.600s", code, stored)
	}

	js, _, code := runAudit(t, "--db", db, "--format", "json", plan2025)
	var fs []plan.Finding
	if err := json.Unmarshal([]byte(js), &fs); err != nil || code != 0 {
		t.Fatalf("JSON (exit %d): %v", code, err)
	}
	n := 0
	for _, f := range fs {
		if f.Rule == audit.RuleUnchangedTargets {
			n++
		}
	}
	if n == 0 {
		t.Error("no unchanged-targets finding in the JSON")
	}

	// The default store of the working folder.
	dir := t.TempDir()
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "obiettivi.sqlite"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	stdout, _, code = runAudit(t, "--lang", "en", plan2025)
	if code != 0 || !strings.Contains(stdout, "Rules across years: compared with the 2024 plan, capannori-2024-chromium.pdf (document ") ||
		!strings.Contains(stdout, "of obiettivi.sqlite)") {
		t.Errorf("audit with obiettivi.sqlite in the working folder (exit %d):\n%.600s", code, stdout)
	}
	t.Chdir(t.TempDir())
	stdout, _, code = runAudit(t, "--lang", "en", plan2025)
	if code != 0 || strings.Count(stdout, "Rules across years: no store was given, so no plan of an earlier year to compare with") != 1 {
		t.Errorf("audit without a store (exit %d):\n%.600s", code, stdout)
	}
}
