package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/docs"
)

// historyCmd runs obiettivi with args as storeCmd does, with history
// among its commands: main.go is to list it (newHistoryCmd), and until it
// does the test adds it.
func historyCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	root := newRootCmd()
	if c, _, err := root.Find([]string{"history"}); err != nil || c.Name() != "history" {
		root.AddCommand(newHistoryCmd())
	}
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	if err := root.ExecuteContext(context.Background()); err != nil {
		code = 1
		var ee *exitError
		if errors.As(err, &ee) {
			code = ee.code
		} else if isUsageError(err) {
			code = 2
		}
		errOut.WriteString("obiettivi: " + err.Error() + "\n")
	}
	return out.String(), errOut.String(), code
}

// TestHistoryRegistered checks that main.go lists the history command.
func TestHistoryRegistered(t *testing.T) {
	c, _, err := newRootCmd().Find([]string{"history"})
	if err != nil || c.Name() != "history" {
		t.Skip("main.go does not list newHistoryCmd yet: history is run by the tests alone")
	}
}

// TestHistoryCommand follows the payment-time objective through the
// stored samples: both years, each with its units.
func TestHistoryCommand(t *testing.T) {
	db := storeWithSamples(t)
	stdout, stderr, code := historyCmd(t, "history", "--db", db, "tempo medio ponderato")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Abbattimento indicatore tempo medio ponderato a -2\n",
		"Comune di Capannori, 2024–2025: compare per la prima volta nel 2024; 3 stampe\n",
		"2024  capannori-2024.pdf: la prima stampa dell'ente nell'archivio\n",
		"2024  capannori-2024-chromium.pdf: uguale a capannori-2024.pdf (stessa chiave)\n",
		"2025  capannori-2025.pdf: prosegue capannori-2024-chromium.pdf (stesso titolo, somiglianza 0,99)\n",
		"unità:         25: UEDPRI, UEDPUBLIC, UINVSTRAT, UMOBSOST,",
		"unità:         23: UEDPRI, UEDPUBLIC, UMOBSOST,",
		"modifiche:     unità tolte: UINVSTRAT, USUAP\n",
		`descrizione: "31/12/2024." → "31/12/2025."`,
		"stato:         previsto (1 fase, 0 con mesi a Consuntivo)\n",
		"stato:         in corso (1 fase, 1 con mesi a Consuntivo)\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("history lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Count(stdout, "unità:") != 2 {
		t.Errorf("want the units of 2024 and of 2025 (the chromium print repeats 2024):\n%s", stdout)
	}
	en, stderr, code := historyCmd(t, "history", "--db", db, "--lang", "en", "tempo medio ponderato")
	if code != 0 {
		t.Fatalf("--lang en: exit code %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Comune di Capannori, 2024–2025: first appears in 2024; 3 prints\n",
		"2025  capannori-2025.pdf: continues capannori-2024-chromium.pdf (same title, similarity 0.99)\n",
		"changes: units removed: UINVSTRAT, USUAP\n",
		"status:  in progress (1 phase, 1 with Consuntivo months)\n",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("history --lang en lacks %q:\n%s", want, en)
		}
	}

	// The HTML timeline, to a file.
	page := filepath.Join(t.TempDir(), "history.html")
	if _, stderr, code := historyCmd(t, "history", "--db", db, "--format", "html", "-o", page, "tempo medio ponderato"); code != 0 {
		t.Fatalf("--format html: exit code %d: %s", code, stderr)
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!DOCTYPE html>", `<html lang="it">`, `<svg class="timeline"`, `<th class="print" data-year="2025">`, `class="changed"`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the HTML history lacks %q", want)
		}
	}

	// The JSON, to a file, by key: the same line, valid for its schema.
	out := filepath.Join(t.TempDir(), "history.json")
	_, stderr, code = historyCmd(t, "history", "--db", db, "--format", "json", "-o", out, "tempo medio ponderato")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := docs.Validate(docs.StoreOutputSchema+"#/$defs/history", b); err != nil {
		t.Errorf("%v\n%.400s", err, b)
	}
	for _, broken := range []string{
		strings.Replace(string(b), `"kind": "same-title"`, `"kind": "exploded"`, 1),
		strings.Replace(string(b), `"kind": "description"`, `"kind": "exploded"`, 1),
		strings.Replace(string(b), `"status": "planned"`, `"status": "done"`, 1),
	} {
		if broken == string(b) {
			t.Fatal("the JSON lacks what the schema test breaks")
		}
		if docs.Validate(docs.StoreOutputSchema+"#/$defs/history", []byte(broken)) == nil {
			t.Error("the schema accepts a broken history")
		}
	}
	var h struct {
		Key    string
		Years  []int
		Prints []struct {
			Year      int
			Units     []string
			Continues *struct{ Kind string }
		}
	}
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatal(err)
	}
	if len(h.Prints) != 3 || len(h.Prints[0].Units) != 25 || len(h.Prints[2].Units) != 23 || h.Prints[2].Year != 2025 ||
		h.Prints[0].Continues != nil || h.Prints[2].Continues == nil || h.Prints[2].Continues.Kind != "same-title" {
		t.Errorf("history JSON: %+v", h)
	}
	byKey, stderr, code := historyCmd(t, "history", "--db", db, "--format", "json", h.Key)
	if code != 0 {
		t.Fatalf("by key: exit code %d: %s", code, stderr)
	}
	var again struct {
		Query  string
		Prints []json.RawMessage
	}
	if err := json.Unmarshal([]byte(byKey), &again); err != nil || again.Query != h.Key || len(again.Prints) != 3 {
		t.Errorf("by key %s: %d prints, %v", h.Key, len(again.Prints), err)
	}

	// The retitled and the moved objective of the 2025 sample.
	stdout, _, _ = historyCmd(t, "history", "--db", db, "San Gennaro seconda fase")
	if !strings.Contains(stdout, "(rinominato, somiglianza") || !strings.Contains(stdout, `modifiche:     titolo: "Progetto di riuso`) {
		t.Errorf("retitled objective:\n%s", stdout)
	}
	stdout, _, _ = historyCmd(t, "history", "--db", db, "Controdeduzioni osservazioni")
	if !strings.Contains(stdout, "(spostato, somiglianza") || !strings.Contains(stdout, "modifiche:     spostato da UPIAURB_24\n") ||
		!strings.Contains(stdout, "unità:         1: UMOBSOST\n") {
		t.Errorf("moved objective:\n%s", stdout)
	}
	// An objective new in 2025.
	stdout, _, _ = historyCmd(t, "history", "--db", db, "verde urbano censimento")
	if !strings.Contains(stdout, "2025  capannori-2025.pdf: nuovo, assente in capannori-2024-chromium.pdf") {
		t.Errorf("new objective:\n%s", stdout)
	}
}

func TestHistoryBadInput(t *testing.T) {
	db := storeWithSamples(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no match", []string{"--db", db, "nessunaparolacosì"}, 1, `no stored objective matches "nessunaparolacosì"`},
		{"no such key", []string{"--db", db, "0123456789abcdef"}, 1, "no stored objective has the key 0123456789abcdef"},
		{"empty query", []string{"--db", db, " "}, 2, "empty QUERY"},
		{"no query", []string{"--db", db}, 2, "takes at least 1 argument"},
		{"wrong format", []string{"--db", db, "--format", "csv", "tempo"}, 2, `unknown --format "csv": want html, json or text`},
		{"no store", []string{"--db", filepath.Join(t.TempDir(), "none.sqlite"), "tempo"}, 1, "none.sqlite: no such store file"},
		{"wrong language", []string{"--db", db, "--lang", "fr", "tempo"}, 2, `--lang: unknown language "fr": want it or en`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := historyCmd(t, append([]string{"history"}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) || stdout != "" {
				t.Errorf("exit %d, stderr %q, stdout %q; want %d and %q", code, stderr, stdout, tt.code, tt.stderr)
			}
			if n := strings.Count(stderr, "\n"); n != 1 {
				t.Errorf("%d lines on standard error, want 1", n)
			}
		})
	}
}
