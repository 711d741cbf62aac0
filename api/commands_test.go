package api

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/plan"
)

// ingested returns a new store holding the first two printed plans.
func ingested(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "plans.sqlite")
	results, err := Ingest(t.Context(), printed[:2], IngestOptions{DB: db})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Status != Ingested {
			t.Fatalf("%s: %v %v", r.Path, r.Status, r.Err)
		}
	}
	return db
}

func TestExport(t *testing.T) {
	db := ingested(t)
	docs := storedDocuments(t, db)
	want, err := Load(t.Context(), printed[0], LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, d := range docs {
		if d.SHA256 == want.Source.SHA256 {
			id = d.ID
		}
	}
	// By id, and by entity (in another case) and year: the same document.
	var byID, byYear bytes.Buffer
	if _, err := Export(t.Context(), &byID, ExportOptions{DB: db, Selection: Selection{Document: id}}); err != nil {
		t.Fatal(err)
	}
	sel := Selection{Entity: strings.ToUpper(want.Entity), Year: want.Year}
	if _, err := Export(t.Context(), &byYear, ExportOptions{DB: db, Selection: sel, Format: FormatJSON}); err != nil {
		t.Fatal(err)
	}
	got, err := plan.Decode(&byID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Source != want.Source || len(got.Objectives) != len(want.Objectives) {
		t.Errorf("exported %+v with %d objectives, want %+v with %d", got.Source, len(got.Objectives), want.Source, len(want.Objectives))
	}
	// Load finds stored documents through the same lookup.
	loaded, err := Load(t.Context(), fmt.Sprintf("%s:%d", strings.ToLower(want.Entity), want.Year), LoadOptions{DB: db})
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Source != got.Source {
		t.Errorf("Load of ENTITY:YEAR gave %+v, Export %+v", loaded.Source, got.Source)
	}

	dir := filepath.Join(t.TempDir(), "tables")
	files, err := Export(t.Context(), nil, ExportOptions{DB: db, Format: FormatNDJSON, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 10 || filepath.Dir(files[0]) != dir || filepath.Base(files[9]) != "lineage.ndjson" {
		t.Errorf("files written: %v", files)
	}

	tests := []struct {
		name string
		opt  ExportOptions
		is   error
		has  string
	}{
		{"no such id", ExportOptions{DB: db, Selection: Selection{Document: 99}}, ErrNoDocument, "document 99"},
		{"no such year", ExportOptions{DB: db, Selection: Selection{Year: 2031}, Format: FormatCSV, Dir: filepath.Join(t.TempDir(), "x")}, ErrNoDocument, db + ": no such document to export"},
		{"no such entity", ExportOptions{DB: db, Selection: Selection{Entity: "Lucca", Year: 2024}}, ErrNoDocument, `no stored entity is called "Lucca"`},
		{"json of several", ExportOptions{DB: db}, nil, "selects one document"},
		{"tables without a folder", ExportOptions{DB: db, Format: FormatParquet}, nil, "writes a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Export(t.Context(), &bytes.Buffer{}, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.has) || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Errorf("error %v, want one with %q matching %v", err, tt.has, tt.is)
			}
		})
	}
	_, err = Export(t.Context(), nil, ExportOptions{DB: db, Format: "xml"})
	var fe *FormatError
	if !errors.As(err, &fe) || fe.Format != "xml" || !reflect.DeepEqual(fe.Want, ExportFormats()) {
		t.Errorf("format xml: %v", err)
	}
}

func TestListSearch(t *testing.T) {
	db := ingested(t)
	if docs := storedDocuments(t, db); len(docs) != 2 || !docs[0].IsLatest {
		t.Errorf("listed %+v", docs)
	}
	hits, err := Search(t.Context(), "obiettivo OR servizi OR comune", SearchOptions{DB: db, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || len(hits) > 3 {
		t.Errorf("%d hits, want 1 to 3", len(hits))
	}
	_, err = Search(t.Context(), strings.Repeat("parola ", 100), SearchOptions{DB: db})
	var qe *QueryError
	if !errors.As(err, &qe) {
		t.Errorf("a query of 100 words: %v (%T), want a *QueryError", err, err)
	}
}

func TestAudit(t *testing.T) {
	var it, en bytes.Buffer
	report, err := Audit(t.Context(), &it, golden2024, AuditOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Audit(t.Context(), &en, golden2024, AuditOptions{Lang: English, Format: "markdown"}); err != nil {
		t.Fatal(err)
	}
	if it.Len() == 0 || en.Len() == 0 || bytes.Equal(it.Bytes(), en.Bytes()) {
		t.Errorf("reports of %d and %d bytes, want two different ones", it.Len(), en.Len())
	}
	if len(report.Findings) == 0 || report.Document.Entity != "Comune di Capannori" {
		t.Fatalf("report of %q with %d findings", report.Document.Entity, len(report.Findings))
	}
	worst := 0
	for _, f := range report.Findings {
		worst = max(worst, map[string]int{plan.SeverityInfo: 1, plan.SeverityWarning: 2, plan.SeverityError: 3}[f.Severity])
	}
	if report.AtLeast(plan.SeverityError) != (worst == 3) || report.AtLeast(plan.SeverityInfo) != (worst >= 1) {
		t.Errorf("AtLeast disagrees with the worst severity %d", worst)
	}
	_, err = Audit(t.Context(), &bytes.Buffer{}, golden2024, AuditOptions{Format: "pdf"})
	var fe *FormatError
	if !errors.As(err, &fe) || !reflect.DeepEqual(fe.Want, []string{"html", "json", "markdown", "text"}) {
		t.Errorf("format pdf: %v", err)
	}
}

func TestDiff(t *testing.T) {
	r, err := Diff(t.Context(), nil, golden2024, golden2024, DiffOptions{})
	if err != nil || !r.Same {
		t.Fatalf("a plan with itself: same %v, %v", r != nil && r.Same, err)
	}
	var out bytes.Buffer
	r, err = Diff(t.Context(), &out, golden2024, "../golden/capannori-2025.json", DiffOptions{Format: "json"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Same || !bytes.Contains(out.Bytes(), []byte(`"obiettivi.diff/v1"`)) {
		t.Errorf("2024 against 2025: same %v, report %.100q", r.Same, out.String())
	}
	if _, err := Diff(t.Context(), nil, golden2024, "missing.json", DiffOptions{}); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("a missing target: %v", err)
	}
}

// TestAuditAcrossYears audits the 2025 sample plan with a store that holds
// the 2024 one: as a file (linked with diff's matcher) and as a stored
// document (the store's links), the rules across years find the same; the
// 2024 plan has nothing to compare with, and the report says so once.
func TestAuditAcrossYears(t *testing.T) {
	const golden2025 = "../golden/capannori-2025.json"
	db := filepath.Join(t.TempDir(), "plans.sqlite")
	if _, err := Ingest(t.Context(), []string{golden2025, golden2024}, IngestOptions{DB: db}); err != nil {
		t.Fatal(err)
	}
	years := func(r *AuditReport) []string {
		var out []string
		for _, f := range r.Findings {
			switch f.Rule {
			case "unchanged-targets", "easier-target", "concluded-continues":
				out = append(out, f.Rule+" "+plan.Deref(f.ObjectiveKey)+" "+f.Message)
			}
		}
		return out
	}
	var fileOut, storedOut bytes.Buffer
	file, err := Audit(t.Context(), &fileOut, golden2025, AuditOptions{LoadOptions: LoadOptions{DB: db}})
	if err != nil {
		t.Fatal(err)
	}
	stored, err := Audit(t.Context(), &storedOut, "Comune di Capannori:2025", AuditOptions{LoadOptions: LoadOptions{DB: db}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*AuditReport{file, stored} {
		if r.Previous == nil || r.Previous.Document.Year != 2024 || r.Previous.DocumentID == 0 {
			t.Fatalf("compared with %+v, want the stored 2024 plan", r.Previous)
		}
	}
	if len(years(file)) == 0 {
		t.Fatal("no finding across years in the 2025 sample")
	}
	if a, b := years(file), years(stored); !reflect.DeepEqual(a, b) {
		t.Errorf("the file and its stored copy differ across years:\n%v\n%v", a, b)
	}
	for _, out := range []string{fileOut.String(), storedOut.String()} {
		if want := "Regole tra anni: confronto con il piano 2024, capannori-2024.pdf (documento "; strings.Count(out, want) != 1 {
			t.Errorf("the report does not say once what it compared with:\n%.400s", out)
		}
	}

	var out bytes.Buffer
	r, err := Audit(t.Context(), &out, golden2024, AuditOptions{LoadOptions: LoadOptions{DB: db}, Lang: English})
	if err != nil {
		t.Fatal(err)
	}
	if r.Previous != nil || len(years(r)) != 0 {
		t.Errorf("the 2024 plan compared with %+v: %v", r.Previous, years(r))
	}
	if want := "Rules across years: " + db + " holds no plan of Comune di Capannori before 2024 to compare with"; strings.Count(out.String(), want) != 1 {
		t.Errorf("the report does not say once that there was nothing to compare with:\n%.400s", out.String())
	}
	if _, err := Audit(t.Context(), &out, golden2025, AuditOptions{LoadOptions: LoadOptions{DB: filepath.Join(t.TempDir(), "none.sqlite")}}); err == nil || !strings.Contains(err.Error(), "none.sqlite") {
		t.Errorf("a store that is not there: %v", err)
	}
}
