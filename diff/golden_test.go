package diff

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/difftest"
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/")

func readPlan(t testing.TB, path string) *plan.Document {
	t.Helper()
	d, err := plan.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// edit is one line of samples/capannori-2025.changes.json: an edit made to
// the 2024 plan to derive the 2025 one.
type edit struct {
	Kind   string  `json:"kind"`
	Unit   *string `json:"unit"`
	Title  *string `json:"title"`
	Detail string  `json:"detail"`
}

// ref names one item of a Result: an objective change (change -1) or one of
// its changes, or a unit change field (obj -1).
type ref struct{ obj, change, unit, field int }

// TestDevPairNamesEveryEdit checks the diff of the two golden plans against
// the list of edits the second was derived with: each edit is found, and
// nothing is reported beyond the edits, the actual months filled in by the
// monitoring print and the one-year shift.
func TestDevPairNamesEveryEdit(t *testing.T) {
	old := readPlan(t, "../golden/capannori-2024.json")
	nw := readPlan(t, "../golden/capannori-2025.json")
	raw, err := os.ReadFile("../samples/capannori-2025.changes.json")
	if err != nil {
		t.Fatal(err)
	}
	var edits []edit
	if err := json.Unmarshal(raw, &edits); err != nil {
		t.Fatal(err)
	}
	r := Compare(old, nw)

	explained := map[ref]bool{}
	objective := func(e edit, kind string) (int, bool) {
		for i, o := range r.Objectives {
			if o.Kind != kind || e.Title == nil || o.Title != *e.Title {
				continue
			}
			if e.Unit != nil && !slices.Contains(o.Units, *e.Unit) && !slices.Contains(o.OldUnits, *e.Unit) {
				continue
			}
			return i, true
		}
		return 0, false
	}
	// change finds, in the objective the edit names, the changes of kind
	// that match; it marks them explained.
	change := func(e edit, kind string, match func(Change) bool) bool {
		i, ok := objective(e, Changed)
		if !ok {
			return false
		}
		found := false
		for j, ch := range r.Objectives[i].Changes {
			if ch.Kind == kind && match(ch) {
				explained[ref{i, j, -1, -1}] = true
				found = true
			}
		}
		if found {
			explained[ref{i, -1, -1, -1}] = true
		}
		return found
	}
	unitField := func(e edit, field, want string) bool {
		for i, u := range r.Units {
			if e.Unit == nil || u.Code != *e.Unit {
				continue
			}
			for j, f := range u.Changes {
				if f.Field == field && value(english, f.New) == quote(want) {
					explained[ref{-1, -1, i, j}] = true
					return true
				}
			}
		}
		return false
	}
	after := func(s string) string { _, a, _ := strings.Cut(s, "-> "); return a }
	before := func(s string) string { b, _, _ := strings.Cut(s, " -> "); return b }
	any := func(Change) bool { return true }

	for _, e := range edits {
		var ok bool
		switch e.Kind {
		case "objective-added", "objective-removed":
			var i int
			i, ok = objective(e, strings.TrimPrefix(e.Kind, "objective-"))
			if ok {
				explained[ref{i, -1, -1, -1}] = true
			}
		case "objective-retitled":
			ok = change(e, KindTitle, func(c Change) bool { return c.Old == strings.TrimPrefix(e.Detail, "was: ") })
		case "objective-moved":
			ok = change(e, KindMoved, func(c Change) bool { return "from "+c.Old.(string) == e.Detail && c.New == *e.Unit })
		case "weight-changed":
			w, err := strconv.ParseFloat(after(e.Detail), 64)
			if err != nil {
				t.Fatalf("edit %s: %v", e.Kind, err)
			}
			ok = change(e, KindWeight, func(c Change) bool { p, _ := c.New.(*float64); return p != nil && *p == w })
		case "staff-added":
			ok = change(e, KindStaffAdded, func(c Change) bool { return c.Item == e.Detail })
		case "staff-removed":
			ok = change(e, KindStaffRemoved, func(c Change) bool { return c.Item == e.Detail })
		case "staff-changed":
			i := strings.LastIndexByte(e.Detail, ' ')
			name, field := e.Detail[:i], e.Detail[i+1:]
			ok = change(e, KindStaffChanged, func(c Change) bool { return c.Item == name && c.Field == field })
		case "phase-added":
			ok = change(e, KindPhaseAdded, func(c Change) bool { return c.Item == e.Detail })
		case "phase-removed":
			ok = change(e, KindPhaseRemoved, func(c Change) bool { return c.Item == e.Detail })
		case "phase-dates-changed":
			span := strings.Split(after(e.Detail), "..")
			ok = change(e, KindPhaseChanged, func(c Change) bool {
				if c.Item != before(e.Detail) {
					return false
				}
				if c.Field == FieldPeriod {
					s, en, _ := strings.Cut(*c.New.(*string), "..")
					return strings.HasSuffix(s, span[0]) && strings.HasSuffix(en, span[1])
				}
				return c.Field == FieldPlannedMonths // moving the dates moved the months
			})
		case "description-changed":
			ok = change(e, KindDescription, any)
		case "objective-unit-removed":
			ok = change(e, KindUnitsRemoved, func(c Change) bool { return slices.Contains(c.Old.([]string), *e.Unit) })
		case "unit-renamed":
			ok = unitField(e, "name", after(e.Detail))
		case "unit-head-changed":
			ok = unitField(e, "head", after(e.Detail))
		case "indicator-changed":
			item, rest, _ := strings.Cut(e.Detail, " target ")
			year, val, _ := strings.Cut(rest, " -> ")
			ok = change(e, KindIndicatorChanged, func(c Change) bool {
				return strings.HasPrefix(c.Item, item) && c.Field == FieldTargetPrefix+year && value(english, c.New) == quote(val)
			})
		default:
			t.Errorf("edit kind %q unknown to this test", e.Kind)
			continue
		}
		if !ok {
			t.Errorf("edit not reported: %s %s %s: %s", e.Kind, plan.Deref(e.Unit), plan.Deref(e.Title), e.Detail)
		}
	}

	// Actual months: exactly the phases the monitoring print filled in.
	want := map[string]bool{}
	added := map[string]bool{}
	for _, o := range r.Objectives {
		if o.Kind == Added {
			added[o.Title] = true
		}
	}
	for _, o := range nw.Objectives {
		for _, p := range o.Phases {
			if len(p.ActualMonths) > 0 && !added[o.Title] {
				want[fmt.Sprint(o.Title, "|", p.Title, "|", p.ActualMonths)] = true
			}
		}
	}
	got := map[string]bool{}
	for i, o := range r.Objectives {
		for j, ch := range o.Changes {
			if ch.Kind == KindPhaseChanged && ch.Field == FieldActualMonths {
				if old := ch.Old.([]int); len(old) != 0 {
					t.Errorf("%s: phase %q: actual months %v were not empty in the old plan", o.Title, ch.Item, old)
				}
				got[fmt.Sprint(o.Title, "|", ch.Item, "|", ch.New)] = true
				explained[ref{i, j, -1, -1}] = true
				explained[ref{i, -1, -1, -1}] = true
			}
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("filled actual months not reported: %s", k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("actual months reported but not filled: %s", k)
		}
	}

	// Nothing else.
	for i, o := range r.Objectives {
		if !explained[ref{i, -1, -1, -1}] {
			t.Errorf("unexplained objective change: %s %q %v", o.Kind, o.Title, o.Units)
		}
		for j, ch := range o.Changes {
			if !explained[ref{i, j, -1, -1}] {
				t.Errorf("unexplained change in %q: %s", o.Title, r.describe(english, ch))
			}
		}
	}
	for i, u := range r.Units {
		for j, f := range u.Changes {
			if !explained[ref{-1, -1, i, j}] {
				t.Errorf("unexplained unit change: %s %s", u.Code, f.Field)
			}
		}
	}
	if len(r.TOC) != 0 || len(r.Document) != 0 {
		t.Errorf("unexplained table of contents or document changes: %+v %+v", r.TOC, r.Document)
	}

	// The one-year shift, told once; the phase whose dates were edited is
	// its only exception.
	if r.Shift == nil || r.Shift.Years != 1 {
		t.Fatalf("shift = %+v, want one year later", r.Shift)
	}
	exceptions := 0
	for _, e := range edits {
		if e.Kind == "phase-dates-changed" {
			exceptions++
		}
	}
	if r.Shift.Exceptions != exceptions || r.Shift.Dates == 0 || r.Shift.Targets == 0 {
		t.Errorf("shift = %+v, want dates and targets moved with %d exception(s)", r.Shift, exceptions)
	}
}

// TestSamePlanTwoProducers: the same plan printed by two producers has no
// differences.
func TestSamePlanTwoProducers(t *testing.T) {
	r := Compare(readPlan(t, "../golden/capannori-2024.json"), readPlan(t, "../golden/capannori-2024-chromium.json"))
	if !r.Same || !r.Empty() {
		var b bytes.Buffer
		WriteText(&b, r, ReportOptions{Lang: i18n.English})
		t.Errorf("want no differences, got:\n%s", b.String())
	}
	if r.Summary.ObjectivesUnchanged == 0 {
		t.Errorf("summary %+v counts no unchanged objective", r.Summary)
	}
}

// TestReportsGolden compares the three renderings of the dev pair with the
// files in testdata (go test -run ReportsGolden -update rewrites them).
func TestReportsGolden(t *testing.T) {
	r := Compare(readPlan(t, "../golden/capannori-2024.json"), readPlan(t, "../golden/capannori-2025.json"))
	for _, tc := range []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"capannori-2024-2025.txt", func(b *bytes.Buffer) error { return WriteText(b, r, ReportOptions{}) }},
		{"capannori-2024-2025.en.txt", func(b *bytes.Buffer) error { return WriteText(b, r, ReportOptions{Lang: i18n.English}) }},
		{"capannori-2024-2025.md", func(b *bytes.Buffer) error { return WriteMarkdown(b, r, ReportOptions{}) }},
		{"capannori-2024-2025.json", func(b *bytes.Buffer) error { return WriteJSON(b, r) }},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the report (run with -update after checking the change):\n%s", path, difftest.Lines(string(want), b.String()))
			}
		})
	}
}

func BenchmarkCompare(b *testing.B) {
	old := readPlan(b, "../golden/capannori-2024.json")
	nw := readPlan(b, "../golden/capannori-2025.json")
	b.ReportAllocs()
	for b.Loop() {
		Compare(old, nw)
	}
}

func BenchmarkCompareAndReport(b *testing.B) {
	old := readPlan(b, "../golden/capannori-2024.json")
	nw := readPlan(b, "../golden/capannori-2025.json")
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteText(&buf, Compare(old, nw), ReportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
