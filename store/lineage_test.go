package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/diff"
	"github.com/obiettivi/obiettivi/plan"
)

// storedLink is one row of objective_lineage in terms that do not depend
// on the store's ids.
type storedLink struct {
	Doc, PredDoc   string // SHA-256 of the documents
	Key, PredKey   string
	Kind           string
	Similarity     float64
	Partial        bool
	Changes        string
	Title          string
	PredTitle      string
	PredUnits      string
	DocYear, PYear int
}

func storedLinks(t *testing.T, db *DB) []storedLink {
	t.Helper()
	rows, err := db.SQL().Query(`
		SELECT d.sha256, pd.sha256, o.key, p.key, l.kind, l.similarity, l.partial, l.changes, o.title, p.title,
		       (SELECT group_concat(unit_code, ', ') FROM (SELECT unit_code FROM objective_occurrences WHERE objective_id = p.id ORDER BY position)),
		       d.year, pd.year
		  FROM objective_lineage l
		  JOIN objectives o ON o.id = l.objective_id JOIN documents d ON d.id = o.document_id
		  JOIN objectives p ON p.id = l.predecessor_id JOIN documents pd ON pd.id = p.document_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []storedLink
	for rows.Next() {
		var l storedLink
		if err := rows.Scan(&l.Doc, &l.PredDoc, &l.Key, &l.PredKey, &l.Kind, &l.Similarity, &l.Partial, &l.Changes,
			&l.Title, &l.PredTitle, &l.PredUnits, &l.DocYear, &l.PYear); err != nil {
			t.Fatal(err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return a.Doc+a.Key+a.PredDoc+a.PredKey < b.Doc+b.Key+b.PredDoc+b.PredKey
	})
	return out
}

// documentLinks maps each document's SHA-256 to its predecessor's ("" for
// none).
func documentLinks(t *testing.T, db *DB) map[string]string {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT d.sha256, coalesce(p.sha256, '') FROM document_lineage dl
		JOIN documents d ON d.id = dl.document_id LEFT JOIN documents p ON p.id = dl.predecessor_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var d, p string
		if err := rows.Scan(&d, &p); err != nil {
			t.Fatal(err)
		}
		out[d] = p
	}
	return out
}

// wantLinks is what the lineage of new after old must hold: one link per
// pair of objectives diff.Matches makes of the two plans.
func wantLinks(old, nw *plan.Document) map[[2]string]string {
	out := map[[2]string]string{}
	for _, m := range diff.Matches(old, nw) {
		k := [2]string{m.New.Key, m.Old.Key}
		if _, ok := out[k]; !ok || !m.Partial {
			out[k] = m.Kind
		}
	}
	return out
}

func permutations(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// TestLineageAnyOrder ingests the three sample plans in every order: the
// links are the same every time; the two prints of 2024 are linked to each
// other (in the order of their SHA-256, as neither fills a Consuntivo
// cell), and 2025 to the later of them, with exactly the pairs diff makes.
func TestLineageAnyOrder(t *testing.T) {
	names := []string{"capannori-2024", "capannori-2024-chromium", "capannori-2025"}
	docs := make([]*plan.Document, len(names))
	for i, n := range names {
		docs[i] = golden(t, n)
	}
	first, second := docs[0], docs[1]
	if second.Source.SHA256 < first.Source.SHA256 {
		first, second = second, first
	}
	latest := docs[2]
	want := map[string]map[[2]string]string{
		second.Source.SHA256: wantLinks(first, second),
		latest.Source.SHA256: wantLinks(second, latest),
	}
	var reference []storedLink
	for _, order := range permutations(len(docs)) {
		var label []string
		for _, i := range order {
			label = append(label, names[i])
		}
		t.Run(strings.Join(label, ","), func(t *testing.T) {
			db := openTemp(t)
			for _, i := range order {
				ingest(t, db, docs[i])
			}
			if dl := documentLinks(t, db); dl[first.Source.SHA256] != "" || dl[second.Source.SHA256] != first.Source.SHA256 ||
				dl[latest.Source.SHA256] != second.Source.SHA256 || len(dl) != 3 {
				t.Errorf("document lineage %v", dl)
			}
			links := storedLinks(t, db)
			got := map[string]map[[2]string]string{}
			for _, l := range links {
				if got[l.Doc] == nil {
					got[l.Doc] = map[[2]string]string{}
				}
				got[l.Doc][[2]string{l.Key, l.PredKey}] = l.Kind
			}
			for doc, w := range want {
				for k, kind := range w {
					if got[doc][k] != kind {
						t.Errorf("%s ← %s: link %q, diff pairs them as %s", k[0], k[1], got[doc][k], kind)
					}
				}
				for k, kind := range got[doc] {
					if _, ok := w[k]; !ok {
						t.Errorf("%s ← %s linked (%s), diff does not pair them", k[0], k[1], kind)
					}
				}
			}
			if len(got) != len(want) {
				t.Errorf("links in %d documents, want %d", len(got), len(want))
			}
			if reference == nil {
				reference = links
			} else if !slices.Equal(links, reference) {
				t.Errorf("links differ from those of the first order of ingest")
			}
			if err := Check(context.Background(), db); err != nil {
				t.Error(err)
			}
		})
	}
}

// changeEdit is one line of samples/capannori-2025.changes.json.
type changeEdit struct {
	Kind   string  `json:"kind"`
	Unit   *string `json:"unit"`
	Title  *string `json:"title"`
	Detail string  `json:"detail"`
}

// TestLineageOfTheEdits checks the links of the 2025 sample against the
// edits it was made with: the retitled objective is linked as retitled to
// its old title, the moved one as moved from its old unit, the added ones
// are new and the removed ones continue in none.
func TestLineageOfTheEdits(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "samples", "capannori-2025.changes.json"))
	if err != nil {
		t.Fatal(err)
	}
	var edits []changeEdit
	if err := json.Unmarshal(b, &edits); err != nil {
		t.Fatal(err)
	}
	db := openTemp(t)
	ingest(t, db, golden(t, "capannori-2025"))
	ingest(t, db, golden(t, "capannori-2024"))
	links := storedLinks(t, db)
	kindOf := func(title string) (storedLink, int) {
		var found storedLink
		n := 0
		for _, l := range links {
			if l.Title == title && l.DocYear == 2025 {
				found, n = l, n+1
			}
		}
		return found, n
	}
	checked := map[string]int{}
	for _, e := range edits {
		if e.Title == nil {
			continue
		}
		title := *e.Title
		switch e.Kind {
		case "objective-retitled":
			l, n := kindOf(title)
			if n != 1 || l.Kind != diff.MatchRetitled || l.PredTitle != strings.TrimPrefix(e.Detail, "was: ") || !strings.Contains(l.Changes, "title") {
				t.Errorf("retitled %q: %d links, %+v", title, n, l)
			}
		case "objective-moved":
			l, n := kindOf(title)
			if n != 1 || l.Kind != diff.MatchMoved || l.PredUnits != strings.TrimPrefix(e.Detail, "from ") || !strings.Contains(l.Changes, "moved") {
				t.Errorf("moved %q: %d links, %+v", title, n, l)
			}
		case "objective-added":
			if _, n := kindOf(title); n != 0 {
				t.Errorf("added %q is linked", title)
			}
			var kind string
			var isNew bool
			err := db.SQL().QueryRow("SELECT kind, new FROM plan_lineage WHERE year = 2025 AND title = ?", title).Scan(&kind, &isNew)
			if err != nil || kind != "new" || !isNew {
				t.Errorf("added %q: kind %q, new %v, %v", title, kind, isNew, err)
			}
		case "objective-removed":
			for _, l := range links {
				if l.PredTitle == title {
					t.Errorf("removed %q continues in %q", title, l.Title)
				}
			}
		default:
			continue
		}
		checked[e.Kind]++
	}
	if checked["objective-retitled"] != 1 || checked["objective-moved"] != 1 || checked["objective-added"] != 2 || checked["objective-removed"] != 3 {
		t.Errorf("edits checked: %v", checked)
	}
	// An objective printed the same continues with no change but the
	// Consuntivo months the monitoring print filled.
	var unchanged int
	db.SQL().QueryRow(`SELECT count(*) FROM plan_lineage WHERE year = 2025 AND kind = 'same-key' AND changes IN ('', 'phase-changed actual_months')`).Scan(&unchanged)
	if unchanged < 30 {
		t.Errorf("%d objectives continue unchanged but for actual months, want most", unchanged)
	}
}

// TestLineageRemove removes prints, with Remove and with SQL: the print
// that followed is linked to the one before.
func TestLineageRemove(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	official, chromium, y2025 := golden(t, "capannori-2024"), golden(t, "capannori-2024-chromium"), golden(t, "capannori-2025")
	ids := map[string]int64{}
	for _, d := range []*plan.Document{y2025, chromium, official} {
		ids[d.Source.SHA256] = ingest(t, db, d)
	}
	later, earlier := official, chromium
	if later.Source.SHA256 < earlier.Source.SHA256 {
		later, earlier = earlier, later
	}
	if got := documentLinks(t, db)[y2025.Source.SHA256]; got != later.Source.SHA256 {
		t.Fatalf("2025 continues %s, want %s", got, later.Source.SHA256)
	}
	if err := Remove(ctx, db, ids[later.Source.SHA256]); err != nil {
		t.Fatal(err)
	}
	dl := documentLinks(t, db)
	if dl[y2025.Source.SHA256] != earlier.Source.SHA256 || len(dl) != 2 {
		t.Errorf("after removing %s: %v", later.Source.File, dl)
	}
	want := wantLinks(earlier, y2025)
	if links := storedLinks(t, db); len(links) != len(want) {
		t.Errorf("%d links, want %d", len(links), len(want))
	}
	// The search index lost the removed print's objectives, and only them.
	if _, err := db.SQL().Exec("INSERT INTO objectives_fts (objectives_fts) VALUES ('integrity-check')"); err != nil {
		t.Errorf("search index (%s) after Remove: %v", db.SearchIndex(), err)
	}
	hits, err := Search(ctx, db, "tempo medio ponderato", SearchOptions{AllPrints: true})
	if err != nil || len(hits) != 2 {
		t.Errorf("search after Remove: %d hits, %v; want 2 (one per print left)", len(hits), err)
	}

	// Deleted with SQL, the print leaves 2025 without links until Relink.
	if _, err := db.SQL().Exec("DELETE FROM documents WHERE id = ?", ids[earlier.Source.SHA256]); err != nil {
		t.Fatal(err)
	}
	ingest(t, db, later) // the next ingest of the entity links 2025 again
	if got := documentLinks(t, db)[y2025.Source.SHA256]; got != later.Source.SHA256 {
		t.Errorf("after SQL delete and ingest: 2025 continues %q", got)
	}
	if _, err := db.SQL().Exec("DELETE FROM documents WHERE id = (SELECT id FROM documents WHERE sha256 = ?)", later.Source.SHA256); err != nil {
		t.Fatal(err)
	}
	if err := Relink(ctx, db); err != nil {
		t.Fatal(err)
	}
	if dl := documentLinks(t, db); dl[y2025.Source.SHA256] != "" || len(dl) != 1 {
		t.Errorf("2025 alone: %v", dl)
	}
	if n := len(storedLinks(t, db)); n != 0 {
		t.Errorf("%d links left with one document", n)
	}
	var kinds []string
	rows, _ := db.SQL().Query("SELECT DISTINCT coalesce(kind, 'NULL') FROM plan_lineage")
	for rows.Next() {
		var k string
		rows.Scan(&k)
		kinds = append(kinds, k)
	}
	rows.Close()
	if !slices.Equal(kinds, []string{"NULL"}) {
		t.Errorf("kinds of the entity's only print: %v, want none", kinds)
	}
	if err := Remove(ctx, db, 9999); err == nil {
		t.Error("removing a missing document succeeded")
	}
}

// TestLineageYears links plans of other years: a year without a plan
// stored is skipped over, and an earlier print of a year is followed by
// the monitoring print of the same year, which fills Consuntivo cells.
func TestLineageYears(t *testing.T) {
	base := golden(t, "capannori-2024")
	at := func(year int, sha string, actual bool) *plan.Document {
		d := variant(base, 0)
		d.Year = year
		d.Source.SHA256 = sha
		d.Source.File = fmt.Sprintf("plan-%d-%s.pdf", year, sha[:1])
		d.Objectives = slices.Clone(base.Objectives)
		if actual {
			for i := range d.Objectives {
				o := d.Objectives[i]
				o.Phases = slices.Clone(o.Phases)
				for j := range o.Phases {
					o.Phases[j].ActualMonths = []int{1}
				}
				o.Key = ""
				d.Objectives[i] = o
			}
		}
		return d
	}
	// The monitoring print of 2022 has the smaller SHA-256: the Consuntivo
	// cells, not the hash, put it after the first print.
	p2022 := at(2022, strings.Repeat("b", 64), false)
	m2022 := at(2022, strings.Repeat("a", 64), true)
	p2024 := at(2024, strings.Repeat("c", 64), false)
	db := openTemp(t)
	for _, d := range []*plan.Document{p2024, m2022, p2022} {
		ingest(t, db, d)
	}
	dl := documentLinks(t, db)
	if dl[p2022.Source.SHA256] != "" || dl[m2022.Source.SHA256] != p2022.Source.SHA256 || dl[p2024.Source.SHA256] != m2022.Source.SHA256 {
		t.Errorf("document lineage %v", dl)
	}
	var n, fresh int
	db.SQL().QueryRow("SELECT count(*), sum(new) FROM plan_lineage WHERE year = 2024 AND first_year = 2022").Scan(&n, &fresh)
	if n != 53 || fresh != 0 {
		t.Errorf("2024: %d objectives first in 2022, %d new; want 53, 0", n, fresh)
	}

	// PrintBefore: what a print of a year would continue as the first of
	// its year, the entity named in any case.
	ctx := context.Background()
	ids := map[string]int64{}
	for _, d := range []*plan.Document{p2022, m2022, p2024} {
		id, _, err := Lookup(ctx, db, d.Source.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		ids[d.Source.SHA256] = id
	}
	for _, tc := range []struct {
		entity string
		year   int
		want   int64
	}{
		{base.Entity, 2025, ids[p2024.Source.SHA256]},
		{strings.ToUpper(base.Entity), 2024, ids[m2022.Source.SHA256]},
		{base.Entity, 2023, ids[m2022.Source.SHA256]},
		{base.Entity, 2022, 0},
		{"Comune di Altrove", 2025, 0},
		{"Capannori", 2025, 0}, // a part of the name is another entity
	} {
		id, ok, err := PrintBefore(ctx, db, tc.entity, tc.year)
		if err != nil {
			t.Fatal(err)
		}
		if id != tc.want || ok != (tc.want != 0) {
			t.Errorf("PrintBefore(%q, %d) = %d, %v; want %d", tc.entity, tc.year, id, ok, tc.want)
		}
	}
}

// TestObjectiveHistoryView reads the payment-time objective's line from
// plan_objective_history: both years, each with its units.
func TestObjectiveHistoryView(t *testing.T) {
	db, _ := twoYears(t)
	var id int64
	if err := db.SQL().QueryRow(`SELECT objective_id FROM plan_objectives WHERE year = 2025 AND title LIKE '%tempo medio ponderato%'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL().Query(`SELECT generation, year, is_latest, units, coalesce(kind, ''), coalesce(status, ''), phases
		FROM plan_objective_history WHERE history_of = ? ORDER BY generation`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var gen, year, phases int
		var latest bool
		var units, kind, status string
		if err := rows.Scan(&gen, &year, &latest, &units, &kind, &status, &phases); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%d %d %s %s %d units", gen, year, kind, status, len(strings.Split(units, ", "))))
	}
	want := []string{"-2 2024  planned 25 units", "-1 2024 same-key planned 25 units", "0 2025 same-title in progress 23 units"}
	if !slices.Equal(lines, want) {
		t.Errorf("history:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	chain, err := Chain(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(chain) != 3 || chain[2].Generation != 0 || chain[2].Link == nil || chain[2].Link.Kind != diff.MatchSameTitle ||
		chain[0].Link != nil || chain[0].PredecessorDocumentID != 0 || chain[2].Status != "in progress" {
		t.Errorf("chain %+v", chain)
	}
	// From the first print, the line runs forward to the same prints.
	back, err := Chain(context.Background(), db, chain[0].ObjectiveID)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 3 || back[0].Generation != 0 || back[2].Generation != 2 {
		t.Errorf("chain from the first print %+v", back)
	}
}

// TestLoadLineage reads the pairs a comparison across years needs.
func TestLoadLineage(t *testing.T) {
	ctx := context.Background()
	db, ids := twoYears(t)
	l, err := LoadLineage(ctx, db, ids[2])
	if err != nil {
		t.Fatal(err)
	}
	if l.Predecessor == nil || l.Predecessor.Year != 2024 || l.Document.Year != 2025 {
		t.Fatalf("lineage of 2025: %+v", l)
	}
	want := wantLinks(l.Predecessor, l.Document)
	if len(l.Pairs) != len(want) {
		t.Errorf("%d pairs, want %d", len(l.Pairs), len(want))
	}
	for _, p := range l.Pairs {
		if want[[2]string{p.New.Key, p.Old.Key}] != p.Kind {
			t.Errorf("pair %q ← %q: %s", p.New.Title, p.Old.Title, p.Kind)
		}
	}
	pred, ok, err := Predecessor(ctx, db, ids[2])
	if err != nil || !ok || pred != l.PredecessorID {
		t.Errorf("Predecessor = %d, %v, %v; want %d", pred, ok, err, l.PredecessorID)
	}
	first := ids[0]
	if _, has, _ := Predecessor(ctx, db, ids[1]); !has {
		first = ids[1]
	}
	l, err = LoadLineage(ctx, db, first)
	if err != nil || l.Predecessor != nil || len(l.Pairs) != 0 {
		t.Errorf("lineage of the first print: %+v, %v", l, err)
	}
}
