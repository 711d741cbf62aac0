package store

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/obiettivi/obiettivi/plan"
)

func TestRoundTrip(t *testing.T) {
	db := openTemp(t)
	for _, name := range goldens {
		t.Run(name, func(t *testing.T) {
			want := golden(t, name)
			id := ingest(t, db, want)
			got, err := Export(context.Background(), db, id)
			if err != nil {
				t.Fatal(err)
			}
			if diffs := diffDocuments(want, got, 20); len(diffs) > 0 {
				t.Errorf("export differs from the ingested document:\n%s", strings.Join(diffs, "\n"))
			}
		})
	}
	if err := Check(context.Background(), db); err != nil {
		t.Fatal(err)
	}
}

// TestRoundTripVariants ingests documents whose repeated objectives were
// printed with different spelling, spacing or lists, and nil lists where a
// decoded document has empty ones.
func TestRoundTripVariants(t *testing.T) {
	doc := golden(t, "capannori-2024")
	first := doc.Objectives[0]
	again := first
	again.Unit, again.Page = doc.Units[1].Code, first.Page+1
	again.Title = strings.ToUpper(first.Title)
	again.DescriptionHTML = "<div>" + first.DescriptionText + "</div>"
	again.StrategicGoal = nil
	again.Staff = append([]plan.Staff{{Name: "ROSSI  MARIO"}}, first.Staff...)
	w := 12.5
	again.Weight = &w
	orphan := first
	orphan.Unit = "NOHEADING"
	orphan.Key = "feedfacefeedface"
	orphan.Phases = []plan.Phase{{Title: "Fase senza mesi"}} // nil months
	orphan.Indicators = []plan.Indicator{{Name: "Indicatore", Targets: nil}}
	doc.Objectives = append([]plan.Objective{first, again, orphan}, doc.Objectives[1:]...)
	page := 3
	doc.Findings = []plan.Finding{
		{Rule: "empty-head", Severity: plan.SeverityWarning, Page: &page, Unit: plan.Str("UEDPRI"), Message: "Empty head."},
		{Rule: "bad-encoding", Severity: plan.SeverityInfo, ObjectiveKey: plan.Str(first.Key), Message: "Odd characters."},
	}
	doc.TOC = nil

	db := openTemp(t)
	id := ingest(t, db, doc)
	got, err := Export(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	doc.Normalize()
	if diffs := diffDocuments(doc, got, 20); len(diffs) > 0 {
		t.Errorf("export differs:\n%s", strings.Join(diffs, "\n"))
	}
	var rows int
	if err := db.SQL().QueryRow("SELECT count(*) FROM objectives WHERE document_id = ? AND key = ?", id, first.Key).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != 1 {
		t.Errorf("objective %s has %d rows, want 1", first.Key, rows)
	}
}

func TestDeduplication(t *testing.T) {
	tests := []struct {
		name    string
		maxKey  int // occurrences of the most repeated objective
		objects int // distinct objectives
	}{
		{"capannori-2024", 25, 53},
		{"capannori-2025", 23, 52},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := golden(t, tt.name)
			db := openTemp(t)
			id := ingest(t, db, doc)
			want := map[string]int{}
			for _, o := range doc.Objectives {
				want[o.Key]++
			}
			rows, err := db.SQL().Query(`
				SELECT o.key, count(oc.id) FROM objectives o JOIN objective_occurrences oc ON oc.objective_id = o.id
				 WHERE o.document_id = ? GROUP BY o.id`, id)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			got := map[string]int{}
			max := 0
			for rows.Next() {
				var key string
				var n int
				if err := rows.Scan(&key, &n); err != nil {
					t.Fatal(err)
				}
				if _, dup := got[key]; dup {
					t.Errorf("key %s has more than one objective row", key)
				}
				got[key] = n
				if n > max {
					max = n
				}
			}
			if len(got) != tt.objects || len(got) != len(want) {
				t.Errorf("%d objective rows, want %d (document has %d keys)", len(got), tt.objects, len(want))
			}
			for k, n := range want {
				if got[k] != n {
					t.Errorf("key %s: %d occurrences stored, want %d", k, got[k], n)
				}
			}
			if max != tt.maxKey {
				t.Errorf("most repeated objective has %d occurrences, want %d", max, tt.maxKey)
			}
		})
	}
}

func TestReingestAddsNothing(t *testing.T) {
	db := openTemp(t)
	doc := golden(t, "capannori-2024")
	id := ingest(t, db, doc)
	before := tableCounts(t, db)
	again, err := Ingest(context.Background(), db, doc, Meta{})
	if !errors.Is(err, ErrAlreadyPresent) {
		t.Fatalf("second ingest: err = %v, want ErrAlreadyPresent", err)
	}
	if again != id {
		t.Errorf("second ingest names document %d, want %d", again, id)
	}
	after := tableCounts(t, db)
	for table, n := range before {
		if after[table] != n {
			t.Errorf("%s: %d rows after re-ingest, %d before", table, after[table], n)
		}
	}
}

func TestTwoPlansInOneFile(t *testing.T) {
	db := openTemp(t)
	d24, d25 := golden(t, "capannori-2024"), golden(t, "capannori-2025")
	ingest(t, db, d24)
	ingest(t, db, d25)

	// One entity, one person row per name across both years.
	var entities, people, names int
	db.SQL().QueryRow("SELECT count(*) FROM entities").Scan(&entities)
	db.SQL().QueryRow("SELECT count(*) FROM people").Scan(&people)
	db.SQL().QueryRow("SELECT count(DISTINCT name) FROM people").Scan(&names)
	if entities != 1 || people != names {
		t.Errorf("entities = %d, people = %d for %d names; want 1 entity and one row per name", entities, people, names)
	}

	// Occurrences per year, queried together.
	rows, err := db.SQL().Query("SELECT year, count(*) FROM plan_occurrences GROUP BY year ORDER BY year")
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]int{}
	for rows.Next() {
		var y, n int
		rows.Scan(&y, &n)
		got[y] = n
	}
	rows.Close()
	if got[2024] != len(d24.Objectives) || got[2025] != len(d25.Objectives) {
		t.Errorf("occurrences per year = %v, want 2024:%d 2025:%d", got, len(d24.Objectives), len(d25.Objectives))
	}

	// People on objectives in both years.
	var both int
	err = db.SQL().QueryRow(`
		SELECT count(*) FROM (SELECT person_id FROM plan_staff GROUP BY person_id HAVING count(DISTINCT year) = 2)`).Scan(&both)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	in24 := map[string]bool{}
	for _, o := range d24.Objectives {
		for _, s := range o.Staff {
			in24[s.Name] = true
		}
	}
	seen := map[string]bool{}
	for _, o := range firstPrintings(d25) {
		for _, s := range o.Staff {
			if in24[s.Name] && !seen[s.Name] {
				seen[s.Name] = true
				want++
			}
		}
	}
	if both == 0 || both > want {
		t.Errorf("%d people staffed in both years, want between 1 and %d", both, want)
	}
}

// firstPrintings is the first occurrence of every objective of doc.
func firstPrintings(doc *plan.Document) []plan.Objective {
	seen := map[string]bool{}
	var out []plan.Objective
	for _, o := range doc.Objectives {
		if !seen[o.Key] {
			seen[o.Key] = true
			out = append(out, o)
		}
	}
	return out
}

func TestLatest(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	t0 := time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)
	reportlab, chromium := golden(t, "capannori-2024"), golden(t, "capannori-2024-chromium")
	idChromium, err := Ingest(ctx, db, chromium, Meta{IngestedAt: t0.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	idReportlab, err := Ingest(ctx, db, reportlab, Meta{IngestedAt: t0})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Latest(ctx, db, "Comune di Capannori", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if got != idChromium {
		t.Errorf("Latest = %d, want %d (ingested an hour after %d)", got, idChromium, idReportlab)
	}
	var latest int64
	if err := db.SQL().QueryRow("SELECT document_id FROM plan_documents JOIN plan_latest USING (document_id) WHERE year = 2024").Scan(&latest); err != nil || latest != idChromium {
		t.Errorf("plan_latest names document %d (%v), want %d", latest, err, idChromium)
	}
	if _, err := Latest(ctx, db, "Comune di Capannori", 2031); !errors.Is(err, ErrNoDocument) {
		t.Errorf("Latest for a missing year: err = %v, want ErrNoDocument", err)
	}
	if _, err := Export(ctx, db, 999); !errors.Is(err, ErrNoDocument) {
		t.Errorf("Export of a missing id: err = %v, want ErrNoDocument", err)
	}
}

func TestList(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	docs, err := List(ctx, db)
	if err != nil || len(docs) != 0 {
		t.Fatalf("List of a new store = %v, %v", docs, err)
	}
	d25, d24 := golden(t, "capannori-2025"), golden(t, "capannori-2024")
	ingest(t, db, d25)
	ingest(t, db, d24)
	docs, err = List(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents listed, want 2", len(docs))
	}
	for i, want := range []*plan.Document{d24, d25} {
		got := docs[i]
		if got.Year != want.Year || got.File != want.Source.File || got.Pages != want.Source.Pages ||
			got.Entity != want.Entity || got.Objectives != len(want.Objectives) || got.SHA256 != want.Source.SHA256 {
			t.Errorf("document %d listed as %+v, want %s %d", i, got, want.Source.File, want.Year)
		}
		if time.Since(got.IngestedAt) > time.Minute {
			t.Errorf("document %d ingested at %v", i, got.IngestedAt)
		}
	}
}

func TestSearch(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	doc := golden(t, "capannori-2024")
	ingest(t, db, doc)
	ingest(t, db, golden(t, "capannori-2025"))

	// A phase title, to check that phases are searched.
	var phase plan.Phase
	var phaseOf plan.Objective
	for _, o := range doc.Objectives {
		if len(o.Phases) > 0 {
			phase, phaseOf = o.Phases[0], o
			break
		}
	}
	most := map[string]int{}
	for _, o := range doc.Objectives {
		most[o.Key]++
	}
	tests := []struct {
		name, query string
		wantTitle   string // title of a hit in 2024
		wantUnits   int    // its units, 0 to skip
	}{
		{"word in description", "ponderato ritardo pagamenti", "Abbattimento indicatore tempo medio ponderato a -2", 25},
		{"accents ignored", "CITTA", "", 0},
		{"prefix", "pagament*", "Abbattimento indicatore tempo medio ponderato a -2", 0},
		{"phase", `"` + phase.Title + `"`, phaseOf.Title, most[phaseOf.Key]},
		{"not FTS5 syntax", "tempo-medio (ponderato", "Abbattimento indicatore tempo medio ponderato a -2", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := Search(ctx, db, tt.query, SearchOptions{Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 {
				t.Fatalf("no hits for %q", tt.query)
			}
			if tt.wantTitle == "" {
				return
			}
			for _, h := range hits {
				if h.Title == tt.wantTitle && h.Year == 2024 {
					if tt.wantUnits > 0 && len(h.Units) != tt.wantUnits {
						t.Errorf("hit printed under %d units, want %d", len(h.Units), tt.wantUnits)
					}
					if !strings.Contains(h.Snippet, "[") {
						t.Errorf("snippet %q marks no match", h.Snippet)
					}
					return
				}
			}
			t.Errorf("%q: no 2024 hit titled %q among %d hits", tt.query, tt.wantTitle, len(hits))
		})
	}
	hits, err := Search(ctx, db, "zzzznotaword", SearchOptions{Limit: 10})
	if err != nil || len(hits) != 0 {
		t.Errorf("search for a missing word: %d hits, %v", len(hits), err)
	}

	// A second print of 2024: only the latest print of each plan is
	// searched, unless all prints are asked for.
	chromium := ingest(t, db, golden(t, "capannori-2024-chromium"))
	for _, all := range []bool{false, true} {
		hits, err := Search(ctx, db, `"tempo medio ponderato"`, SearchOptions{AllPrints: all})
		if err != nil {
			t.Fatal(err)
		}
		docs := map[int64]bool{}
		for _, h := range hits {
			docs[h.DocumentID] = true
		}
		if want := map[bool]int{false: 2, true: 3}[all]; len(docs) != want || (!all && !docs[chromium]) {
			t.Errorf("all prints %v: hits in documents %v, want %d documents (the latest 2024 print is %d)", all, docs, want, chromium)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestViews(t *testing.T) {
	db := openTemp(t)
	doc := golden(t, "capannori-2024")
	ingest(t, db, doc)
	views := map[string]int{
		"plan_documents":         1,
		"plan_units":             len(doc.Units),
		"plan_occurrences":       len(doc.Objectives),
		"plan_objectives":        53,
		"plan_findings":          len(doc.Findings),
		"plan_staff":             -1,
		"plan_phases":            -1,
		"plan_phase_months":      -1,
		"plan_indicator_targets": -1,
	}
	for view, want := range views {
		var n int
		if err := db.SQL().QueryRow("SELECT count(*) FROM " + view).Scan(&n); err != nil {
			t.Fatalf("%s: %v", view, err)
		}
		if want >= 0 && n != want {
			t.Errorf("%s: %d rows, want %d", view, n, want)
		}
		if want < 0 && n == 0 {
			t.Errorf("%s is empty", view)
		}
	}
	// Every office of the plan shows its sector's name.
	var orphans int
	db.SQL().QueryRow("SELECT count(*) FROM plan_units WHERE kind = 'office' AND sector_name IS NULL").Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d offices without a sector name", orphans)
	}
}

// TestSchemaReadableByOlderSQLite keeps the schema within what older
// SQLite builds parse (sqlite3 shells, DB Browser, Python's sqlite3 under
// Datasette): a view they cannot parse makes the whole file unreadable to
// them. Where an sqlite3 shell is installed, it opens a store and reads
// every view.
func TestSchemaReadableByOlderSQLite(t *testing.T) {
	// An aggregate's own ORDER BY (3.44), with up to two levels of
	// parentheses inside its arguments, and other late syntax.
	newer := regexp.MustCompile(`(?is)group_concat\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\bORDER\s+BY|->>|\bFILTER\s*\(|\bSTRICT\b|\bunixepoch\(`)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if loc := newer.FindStringIndex(m.sql); loc != nil {
			t.Errorf("%s uses syntax newer than SQLite 3.30: %q", m.name, m.sql[loc[0]:loc[1]])
		}
	}
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("no sqlite3 shell to open the file with")
	}
	db := openTemp(t)
	ingest(t, db, golden(t, "capannori-2024"))
	path := db.Path()
	db.Close()
	var views []string
	for _, m := range ms {
		for _, v := range regexp.MustCompile(`CREATE VIEW (\w+)`).FindAllStringSubmatch(m.sql, -1) {
			views = append(views, fmt.Sprintf("SELECT '%s', count(*) FROM %s;", v[1], v[1]))
		}
	}
	out, err := exec.Command(shell, "-readonly", path, strings.Join(views, "\n")).CombinedOutput()
	if err != nil {
		t.Fatalf("%s cannot read the store: %v\n%s", shell, err, out)
	}
	if got := strings.Count(string(out), "\n"); got != len(views) {
		t.Errorf("%s read %d views of %d:\n%s", shell, got, len(views), out)
	}
}

// TestPartialDocument stores a document read with pages left out: the flag
// comes back in the export and in the list.
func TestPartialDocument(t *testing.T) {
	db := openTemp(t)
	doc := golden(t, "capannori-2025")
	doc.Partial = true
	id := ingest(t, db, doc)
	got, err := Export(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Partial {
		t.Error("export lost partial")
	}
	docs, err := List(context.Background(), db)
	if err != nil || len(docs) != 1 || !docs[0].Partial {
		t.Errorf("list: %+v, %v", docs, err)
	}
	other := ingest(t, db, golden(t, "capannori-2024"))
	if got, _ := Export(context.Background(), db, other); got.Partial {
		t.Error("a whole document exported as partial")
	}
}
