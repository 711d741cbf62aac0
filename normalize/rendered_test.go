package normalize

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/pdffile"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/samples/render"
)

// Plans printed with the layouts that page breaks make on other
// producers (labels and rows cut, the header repeated over a row's
// continuation, month-grid slivers, a wrapped Indice with its numbers
// off the baseline) read back as the plain print reads, and as printed.
func TestPageBreaksRendered(t *testing.T) {
	edge, err := plan.ReadFile("../samples/render/testdata/edge-plan.json")
	if err != nil {
		t.Fatal(err)
	}
	capannori, err := plan.ReadFile("../testdata/truth/capannori-2024.json")
	if err != nil {
		t.Fatal(err)
	}
	cuts := render.Options{BreakRows: true, KeyWidth: 0.12, GridSliver: 1, IndexNameWidth: 0.35, IndexNumberRise: 0.8}
	first := cuts
	first.IndexNumberFirst, first.IndexNumberRise = true, -0.6
	tests := []struct {
		name string
		doc  *plan.Document
		opt  render.Options
	}{
		{"synthetic", render.Synthetic("Comune di Prova", 2024, 30, 5), cuts},
		{"edge", edge, cuts},
		{"edge-letter-landscape", edge, withPage(cuts, "Letter", true)},
		{"capannori-number-first", capannori, first},
		{"capannori-unruled", capannori, unruled(cuts)},
		// list bullets drawn as discs read as the bullet characters do (a
		// disc and a ring over it, as one marker, is extract's to read)
		{"edge-disc-bullets", edge, render.Options{Bullets: render.BulletDisc, Description: render.DescriptionFormatted, BreakRows: true}},
	}
	var total render.Cuts
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// the plain print: the same layout, rows kept whole
			plainOpt := render.Options{PageSize: tt.opt.PageSize, Landscape: tt.opt.Landscape, NoRules: tt.opt.NoRules, KeyWidth: tt.opt.KeyWidth,
				Description: tt.opt.Description}
			plain, _ := readRendered(t, tt.doc, plainOpt)
			pages, res := renderedPages(t, tt.doc, tt.opt)
			read, err := Document(pages, res.Printed.Source)
			if err != nil {
				t.Fatal(err)
			}
			total.Labels += res.Cuts.Labels
			total.Rows += res.Cuts.Rows
			total.Slivers += res.Cuts.Slivers
			// What page breaks cut is read as printed: every objective with
			// its title, page and weight, every person, phase and indicator
			// once, the months of each phase, the units and the Indice. (The
			// text of the cells reads as the plain print reads, below.)
			printed := res.Printed
			if len(read.Objectives) != len(printed.Objectives) {
				t.Fatalf("%d objectives read, %d printed", len(read.Objectives), len(printed.Objectives))
			}
			for i, o := range read.Objectives {
				p := printed.Objectives[i]
				for _, f := range []struct{ got, want any }{{o.Title, p.Title}, {o.Unit, p.Unit}, {o.Page, p.Page}, {o.Weight, p.Weight},
					{len(o.Staff), len(p.Staff)}, {phaseMonths(o.Phases), phaseMonths(p.Phases)}, {len(o.Indicators), len(p.Indicators)}} {
					if js(f.got) != js(f.want) {
						t.Errorf("objective %d %q: read %s, printed %s", i, p.Title, js(f.got), js(f.want))
					}
				}
			}
			if js(read.Units) != js(printed.Units) || js(read.TOC) != js(printed.TOC) {
				t.Errorf("units %s\ntoc %s\nprinted units %s\ntoc %s", js(read.Units), js(read.TOC), js(printed.Units), js(printed.TOC))
			}
			// the same plan as the plain print, pages aside; descriptions
			// word for word (where a page break falls between two of its
			// paragraphs, the space that parts them is not printed, and
			// the description's layout may read them as one)
			a, b := withoutPages(read), withoutPages(plain)
			for _, d := range []*plan.Document{a, b} {
				for i := range d.Objectives {
					o := &d.Objectives[i]
					o.DescriptionText, o.DescriptionHTML, o.Key = strings.Join(strings.Fields(o.DescriptionText), " "), "", ""
				}
			}
			if a, b := encoded(t, a), encoded(t, b); a != b {
				t.Errorf("read with page breaks:\n%s\nplain:\n%s", firstDifference(a, b), firstDifference(b, a))
			}
		})
	}
	if total.Labels == 0 || total.Rows == 0 || total.Slivers == 0 {
		t.Errorf("the prints cut %+v: some class of page break was never printed", total)
	}
}

// phaseMonths are the planned and actual months of each phase.
func phaseMonths(ps []plan.Phase) [][2][]int {
	out := make([][2][]int, len(ps))
	for i, p := range ps {
		out[i] = [2][]int{p.PlannedMonths, p.ActualMonths}
	}
	return out
}

func withPage(o render.Options, size string, landscape bool) render.Options {
	o.PageSize, o.Landscape = size, landscape
	return o
}

func unruled(o render.Options) render.Options {
	o.NoRules = true
	return o
}

// withoutPages is d without what depends on where page breaks fall: pages
// and the source.
func withoutPages(d *plan.Document) *plan.Document {
	c := *d
	c.Source = plan.Source{}
	c.Findings = nil
	c.Units = append([]plan.Unit(nil), d.Units...)
	for i := range c.Units {
		c.Units[i].Page = 0
	}
	c.TOC = append([]plan.TOCEntry(nil), d.TOC...)
	for i := range c.TOC {
		c.TOC[i].Page = 0
	}
	c.Objectives = append([]plan.Objective(nil), d.Objectives...)
	for i := range c.Objectives {
		c.Objectives[i].Page = 0
	}
	return &c
}

// firstDifference is a from the first line where it differs from b, cut
// to a few lines.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	for i > 0 && a[i-1] != '\n' {
		i--
	}
	end := i
	for n := 0; end < len(a) && n < 6; end++ {
		if a[end] == '\n' {
			n++
		}
	}
	return a[i:end]
}

// The page-break fixtures of samples/render read back as printed: every
// unit, Indice entry, objective, person, phase with its months and
// indicator, and each description word for word.
func TestPageBreakFixtures(t *testing.T) {
	for _, name := range []string{"edge-a4-page-breaks", "synthetic-16-page-breaks"} {
		t.Run(name, func(t *testing.T) { readFixture(t, "../samples/render/testdata/"+name) })
	}
}

func readFixture(t *testing.T, base string) {
	want, err := plan.ReadFile(base + ".json")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(base + ".pdf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := pdffile.OpenBytes(context.Background(), raw, "fixture.pdf", "", pdffile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	pages, err := extract.Read(context.Background(), f, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Document(pages, want.Source)
	if err != nil {
		t.Fatal(err)
	}
	if js(got.Units) != js(want.Units) || js(got.TOC) != js(want.TOC) {
		t.Errorf("units %s\ntoc %s\nwant units %s\ntoc %s", js(got.Units), js(got.TOC), js(want.Units), js(want.TOC))
	}
	if len(got.Objectives) != len(want.Objectives) {
		t.Fatalf("%d objectives, printed %d", len(got.Objectives), len(want.Objectives))
	}
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for i, o := range got.Objectives {
		p := want.Objectives[i]
		for _, f := range []struct{ got, want any }{{o.Title, p.Title}, {o.Unit, p.Unit}, {o.Page, p.Page}, {o.Weight, p.Weight},
			{o.StrategicGoal, p.StrategicGoal}, {o.OperationalGoal, p.OperationalGoal}, {o.Staff, p.Staff}, {o.Phases, p.Phases},
			{o.Indicators, p.Indicators}, {words(o.DescriptionText), words(p.DescriptionText)}} {
			if js(f.got) != js(f.want) {
				t.Errorf("objective %d %q: read %s, printed %s", i, p.Title, js(f.got), js(f.want))
			}
		}
	}
}
