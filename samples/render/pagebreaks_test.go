package render

import (
	"bytes"
	"strings"
	"testing"
)

// Rows that break where the page ends, month-grid slivers and the Indice
// options print the same plan: every unit, objective and Indice entry on
// the page Result names, and the page breaks cut labels and rows under
// repeated headers, and slice grid rows, as asked.
func TestPageBreakOptions(t *testing.T) {
	doc := edgePlan(t)
	var total Cuts
	for _, opt := range []Options{
		{BreakRows: true, KeyWidth: 0.12, GridSliver: 1},
		{BreakRows: true, KeyWidth: 0.12, GridSliver: 1, PageSize: "Letter", Landscape: true, NoRules: true},
	} {
		pdf, res := printPlan(t, doc, opt)
		w, h := pageSizePt(opt)
		checkPrinted(t, pdf, res, w, h)
		if res.Cuts == (Cuts{}) {
			t.Errorf("%s %v: no page break cut anything", opt.PageSize, opt.Landscape)
		}
		total.Labels += res.Cuts.Labels
		total.Rows += res.Cuts.Rows
		total.Slivers += res.Cuts.Slivers
	}
	if total.Labels == 0 || total.Rows == 0 || total.Slivers == 0 {
		t.Errorf("page breaks cut %+v", total)
	}
	// without the options nothing is cut
	if _, res := printPlan(t, doc, Options{}); res.Cuts != (Cuts{}) {
		t.Errorf("the plain print cuts %+v", res.Cuts)
	}
}

// A wrapped Indice name with its page number on its first line, raised
// off the baseline, is printed with the same entries and pages.
func TestIndexOptions(t *testing.T) {
	doc := edgePlan(t)
	_, plain := printPlan(t, doc, Options{})
	pdf, res := printPlan(t, doc, Options{IndexNameWidth: 0.3, IndexNumberFirst: true, IndexNumberRise: 0.8, Uncompressed: true})
	if js(t, res.Printed.TOC) != js(t, plain.Printed.TOC) {
		t.Errorf("Indice printed as %s, plain %s", js(t, res.Printed.TOC), js(t, plain.Printed.TOC))
	}
	pages := pageTexts(t, pdf)
	wrapped := 0
	for _, e := range res.Printed.TOC {
		name := e.Code + " - " + e.Name
		if !strings.Contains(readBack(strings.Join(pages[1:3], " ")), e.Code+" - ") {
			t.Errorf("Indice entry %s not printed", e.Code)
		}
		if len(name) > 40 {
			wrapped++
		}
	}
	if wrapped == 0 {
		t.Error("no Indice name is long enough to wrap")
	}
	if _, err := (Options{IndexNameWidth: 2}).resolve(); err == nil {
		t.Error("an Indice name width over 1 is accepted")
	}
}

// Bullets drawn as shapes: a filled disc, or a disc and a ring over it,
// in place of each bullet character.
func TestBulletShapes(t *testing.T) {
	doc := edgePlan(t)
	count := func(b Options) (glyphs, fills, strokes int) {
		b.Uncompressed, b.Description = true, DescriptionFormatted
		pdf, _ := printPlan(t, doc, b)
		return bytes.Count(pdf, []byte("\x95) Tj")), bytes.Count(pdf, []byte(" c\nf\n")), bytes.Count(pdf, []byte(" c\nS\n"))
	}
	g, f0, s0 := count(Options{})
	if g == 0 {
		t.Fatal("the plan prints no bullet: the test proves nothing")
	}
	if g2, f, s := count(Options{Bullets: BulletDisc}); g2 != 0 || f-f0 != g || s != s0 {
		t.Errorf("disc bullets: %d glyphs, %d discs, %d rings; want 0, %d, 0", g2, f-f0, s-s0, g)
	}
	if g2, f, s := count(Options{Bullets: BulletDiscRing}); g2 != 0 || f-f0 != g || s-s0 != g {
		t.Errorf("disc-ring bullets: %d glyphs, %d discs, %d rings; want 0, %d, %d", g2, f-f0, s-s0, g, g)
	}
	if _, err := ParseBulletStyle("square"); err == nil {
		t.Error("an unknown bullet style is accepted")
	}
}
