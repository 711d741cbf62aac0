package plan

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/difftest"
)

func TestComputeKey(t *testing.T) {
	base := func() Objective {
		return Objective{
			Unit: "UEDPRI", Page: 5,
			Title:           "Abbattimento indicatore tempo medio ponderato a -2",
			DescriptionHTML: "<p>Prima.</p> <p>Seconda.</p>",
			DescriptionText: "Prima.\nSeconda.",
			StrategicGoal:   &Goal{Code: "10.1", Title: "CAPANNORI SMART"},
			Staff:           []Staff{{Name: "ROSSI MARIO", Role: Str("Dirigente"), Start: Str("2024-01-01")}},
			Phases:          []Phase{{Title: "1 - liquidazione", PlannedMonths: []int{1, 2}}},
			Indicators:      []Indicator{{Name: "Tempo", Targets: map[string]*string{"2025": nil, "2026": Str("-2")}}},
		}
	}
	k := ComputeKey(ptr(base()))
	same := []struct {
		name string
		edit func(*Objective)
	}{
		{"another unit and page", func(o *Objective) { o.Unit, o.Page = "UTRIBUT", 66 }},
		{"description printed without markup", func(o *Objective) {
			o.DescriptionHTML, o.DescriptionText = "<p>Prima. Seconda.</p>", "Prima. Seconda."
		}},
		{"white space", func(o *Objective) { o.Title = "  Abbattimento  indicatore tempo medio\nponderato a -2 " }},
		{"letter case of a name", func(o *Objective) { o.Staff[0].Name = "Rossi Mario" }},
	}
	for _, tt := range same {
		o := base()
		tt.edit(&o)
		if got := ComputeKey(&o); got != k {
			t.Errorf("%s: key %s, want %s", tt.name, got, k)
		}
	}
	differ := []struct {
		name string
		edit func(*Objective)
	}{
		{"title", func(o *Objective) { o.Title += " bis" }},
		{"description", func(o *Objective) { o.DescriptionText = "Prima.\nTerza." }},
		{"goal", func(o *Objective) { o.StrategicGoal = nil }},
		{"staff period", func(o *Objective) { o.Staff[0].Start = Str("2024-02-01") }},
		{"planned months", func(o *Objective) { o.Phases[0].PlannedMonths = []int{1} }},
		{"a target", func(o *Objective) { o.Indicators[0].Targets["2025"] = Str("0") }},
		{"a field moved to another column", func(o *Objective) { o.Staff[0].Role, o.Staff[0].Category = nil, Str("Dirigente") }},
	}
	for _, tt := range differ {
		o := base()
		tt.edit(&o)
		if got := ComputeKey(&o); got == k {
			t.Errorf("%s changed but the key did not", tt.name)
		}
	}
	if len(k) != 16 {
		t.Errorf("key %q: want 16 hex digits", k)
	}
}

func ptr[T any](v T) *T { return &v }

func TestEncodeDecode(t *testing.T) {
	d, err := ReadFile(filepath.Join("..", "testdata", "truth", "capannori-2024.json"))
	if err != nil {
		t.Fatal(err)
	}
	var a bytes.Buffer
	if err := d.Encode(&a); err != nil {
		t.Fatal(err)
	}
	d2, err := Decode(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := d2.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("a document does not survive Encode and Decode unchanged")
	}
	if strings.Contains(a.String(), `\u003c`) {
		t.Error("HTML in descriptions is escaped; it should be written as is")
	}
}

func TestNormalizeEmptyArrays(t *testing.T) {
	d := &Document{Objectives: []Objective{{Phases: []Phase{{}}, Indicators: []Indicator{{}}}}}
	var b bytes.Buffer
	if err := d.Encode(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"format": "obiettivi.plan/v1"`, `"toc": []`, `"staff": []`, `"planned_months": []`, `"targets": {}`, `"findings": []`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("encoded document lacks %s", want)
		}
	}
	if strings.Contains(b.String(), "null,") && strings.Contains(b.String(), `"toc": null`) {
		t.Error("empty arrays written as null")
	}
}

func TestDecodeRefusesOtherFormats(t *testing.T) {
	for _, in := range []string{`{"format":"obiettivi.plan/v2"}`, `[]`, `not json`} {
		if _, err := Decode(strings.NewReader(in)); err == nil {
			t.Errorf("Decode(%s) accepted it", in)
		}
	}
}

// stdEncode is the whole-document encoding Encode must reproduce byte for
// byte.
func stdEncode(t testing.TB, d *Document) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestEncodeStreamsTheStandardEncoding(t *testing.T) {
	docs := map[string]*Document{
		"empty":   {},
		"partial": {Partial: true, Findings: []Finding{{Rule: "unreadable-page", Severity: SeverityError, Page: ptr(3), Message: "<b>&</b>"}}},
		"one": {Units: []Unit{{Code: "S1", Name: "Settore", Kind: KindSector}},
			Objectives: []Objective{{Title: "A <p> & B", DescriptionHTML: "<p>uno</p>", Weight: ptr(1.5)}}},
	}
	for _, name := range []string{"capannori-2024.json", "capannori-2024-chromium.json", "capannori-2025.json"} {
		d, err := ReadFile(filepath.Join("..", "testdata", "truth", name))
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = d
	}
	for name, d := range docs {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			if err := d.Encode(&got); err != nil {
				t.Fatal(err)
			}
			if diff := difftest.Lines(string(stdEncode(t, d)), got.String()); diff != "" {
				t.Errorf("Encode differs from encoding/json at %s", diff)
			}
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	d, err := ReadFile(filepath.Join("..", "testdata", "truth", "capannori-2024.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := d.Encode(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
