package docs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRepositoryDocuments validates every JSON document of the repository
// written in a format with a schema: the golden plans and the truth
// files, the audit's findings and the diff's golden report.
func TestRepositoryDocuments(t *testing.T) {
	sets := []struct {
		glob, schema string
	}{
		{"../golden/*.json", PlanSchema},
		{"../testdata/truth/*.json", PlanSchema},
		{"../audit/testdata/*.findings.json", PlanSchema + "#/$defs/findings"},
		{"../diff/testdata/*.json", DiffSchema},
	}
	for _, set := range sets {
		files, err := filepath.Glob(set.glob)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Errorf("no file matches %s", set.glob)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := Validate(set.schema, b); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
	}
}

// TestSchemasRefuse breaks valid documents in ways the schemas must catch,
// and extends them in ways they must allow.
func TestSchemasRefuse(t *testing.T) {
	plan, err := os.ReadFile("../golden/capannori-2024.json")
	if err != nil {
		t.Fatal(err)
	}
	diff, err := os.ReadFile("../diff/testdata/capannori-2024-2025.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, schema string
		doc          []byte
		edit         func(map[string]any)
		valid        bool
	}{
		{"plan: another format", PlanSchema, plan, func(d map[string]any) { d["format"] = "obiettivi.plan/v2" }, false},
		{"plan: no objectives", PlanSchema, plan, func(d map[string]any) { delete(d, "objectives") }, false},
		{"plan: an unknown unit field", PlanSchema, plan, func(d map[string]any) { unit(d)["colour"] = "red" }, false},
		{"plan: a unit of no kind", PlanSchema, plan, func(d map[string]any) { unit(d)["kind"] = "department" }, false},
		{"plan: month 13", PlanSchema, plan, func(d map[string]any) { phase(d)["planned_months"] = []any{1, 13} }, false},
		{"plan: a date in another form", PlanSchema, plan, func(d map[string]any) { phase(d)["start"] = "01/02/2024" }, false},
		{"plan: an empty text cell", PlanSchema, plan, func(d map[string]any) { phase(d)["description"] = "" }, false},
		{"plan: a finding of no severity", PlanSchema, plan, func(d map[string]any) { finding(d)["severity"] = "fatal" }, false},
		{"plan: partial", PlanSchema, plan, func(d map[string]any) { d["partial"] = true }, true},
		{"plan: a finding's new fields", PlanSchema, plan, func(d map[string]any) {
			finding(d)["objective_title"] = "Abbattimento indicatore tempo medio ponderato a -2"
			finding(d)["message_en"] = "objective has no phases"
			finding(d)["some_later_field"] = 3
		}, true},
		{"plan: a new top-level field", PlanSchema, plan, func(d map[string]any) { d["producer"] = "x" }, true},
		{"diff: another format", DiffSchema, diff, func(d map[string]any) { d["format"] = "x" }, false},
		{"diff: a change of no kind", DiffSchema, diff, func(d map[string]any) { change(d)["kind"] = "exploded" }, false},
		{"diff: a negative count", DiffSchema, diff, func(d map[string]any) { d["summary"].(map[string]any)["changes"] = -1 }, false},
		{"diff: new fields", DiffSchema, diff, func(d map[string]any) {
			d["producer"] = "x"
			change(d)["confidence"] = 0.5
			d["objectives"].([]any)[0].(map[string]any)["objective_title"] = "t"
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d map[string]any
			if err := json.Unmarshal(tt.doc, &d); err != nil {
				t.Fatal(err)
			}
			tt.edit(d)
			b, _ := json.Marshal(d)
			err := Validate(tt.schema, b)
			if tt.valid && err != nil {
				t.Errorf("refused: %v", err)
			}
			if !tt.valid && err == nil {
				t.Error("accepted")
			}
		})
	}
	if _, err := Schema("nothing.schema.json"); err == nil || !strings.Contains(err.Error(), "no schema") {
		t.Errorf("a missing schema: err = %v", err)
	}
}

func unit(d map[string]any) map[string]any { return d["units"].([]any)[0].(map[string]any) }

func finding(d map[string]any) map[string]any { return d["findings"].([]any)[0].(map[string]any) }

func phase(d map[string]any) map[string]any {
	for _, o := range d["objectives"].([]any) {
		if ps := o.(map[string]any)["phases"].([]any); len(ps) > 0 {
			return ps[0].(map[string]any)
		}
	}
	panic("no phase")
}

func change(d map[string]any) map[string]any {
	for _, o := range d["objectives"].([]any) {
		if cs, ok := o.(map[string]any)["changes"].([]any); ok && len(cs) > 0 {
			return cs[0].(map[string]any)
		}
	}
	panic("no change")
}
