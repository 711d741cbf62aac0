package extract

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/pdffile"

	"github.com/obiettivi/obiettivi/internal/pdftest"
)

// miniPDF writes a one-page PDF whose page has the given content stream,
// fonts (resource name → font dictionary) and extra objects, so that the
// walker can be tested on exactly the operators a test needs.
func miniPDF(t *testing.T, mediaBox string, rotate int, content string, fonts map[string]string, xobjects map[string]string) *pdffile.File {
	t.Helper()
	var objs []string
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	catalog := add("") // filled below
	pages := add("")
	fontRefs := ""
	for name, dict := range fonts {
		fontRefs += fmt.Sprintf("/%s %d 0 R ", name, add(dict))
	}
	xoRefs := ""
	for name, form := range xobjects {
		xoRefs += fmt.Sprintf("/%s %d 0 R ", name, add(fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 1000 1000] /Length %d >>\nstream\n%s\nendstream", len(form), form)))
	}
	contents := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	rot := ""
	if rotate != 0 {
		rot = fmt.Sprintf("/Rotate %d", rotate)
	}
	page := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox %s %s /Resources << /Font << %s>> /XObject << %s>> >> /Contents %d 0 R >>", pages, mediaBox, rot, fontRefs, xoRefs, contents))
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages)
	objs[pages-1] = fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page)
	data := pdftest.Build("%PDF-1.4", objs...)
	f, err := pdffile.OpenBytes(context.Background(), data, "mini.pdf", "", pdffile.Limits{})
	if err != nil {
		t.Fatalf("mini PDF: %v", err)
	}
	return f
}

const helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584] >>"

func readOne(t *testing.T, f *pdffile.File) Page {
	t.Helper()
	ps, err := Read(context.Background(), f, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	return ps[0]
}

// A 2×2 ruled table drawn with lines, its header row shaded, text placed
// with Td under a scaled CTM: cells, fills and text land where a reader
// sees them.
func TestTableFromRules(t *testing.T) {
	content := `
q 0.85 g 50 742 300 30 re f Q
0 G 0.5 w
50 772 m 350 772 l S
50 742 m 350 742 l S
50 712 m 350 712 l S
50 712 m 50 772 l S
200 712 m 200 772 l S
350 712 m 350 772 l S
BT /F1 10 Tf 55 750 Td (Persona) Tj 150 0 Td (Ruolo) Tj ET
q 1 0 0 1 55 720 cm BT /F1 10 Tf 0 0 Td (ROSSI MARIO) Tj 150 0 Td (Dirigente) Tj ET Q
`
	p := readOne(t, miniPDF(t, "[0 0 400 800]", 0, content, map[string]string{"F1": helvetica}, nil))
	if len(p.Tables) != 1 {
		t.Fatalf("tables = %d, want 1", len(p.Tables))
	}
	tb := p.Tables[0]
	var got [][]string
	for _, r := range tb.Rows {
		var row []string
		for _, c := range r.Cells {
			s := c.Text()
			if c.Filled() {
				s += "*"
			}
			row = append(row, s)
		}
		got = append(got, row)
	}
	want := [][]string{{"Persona*", "Ruolo*"}, {"ROSSI MARIO", "Dirigente"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("cells = %q, want %q", got, want)
	}
	c := tb.Rows[0].Cells[0]
	if math.Abs(c.X0-50) > 0.6 || math.Abs(c.Y0-28) > 0.6 || math.Abs(c.X1-200) > 0.6 || math.Abs(c.Y1-58) > 0.6 {
		t.Errorf("first cell at %+v, want (50,28)-(200,58) in top-left page space", c.Rect)
	}
}

// Rules drawn as thin filled rectangles (as browsers print borders) make
// the same table; a month cell filled in CMYK reads as filled, a white
// fill does not.
func TestThinRectRulesAndColours(t *testing.T) {
	content := `
0 0 0 rg
10 100 200 0.5 re f
10 80 200 0.5 re f
10 80 0.5 20 re f
110 80 0.5 20 re f
210 80 0.5 20.5 re f
0.4 0.2 0 0 k 10.5 80.5 99.5 19.5 re f
1 1 1 rg 110.5 80.5 99.5 19.5 re f
`
	p := readOne(t, miniPDF(t, "[0 0 300 200]", 0, content, nil, nil))
	if len(p.Tables) != 1 || len(p.Tables[0].Rows) != 1 || len(p.Tables[0].Rows[0].Cells) != 2 {
		t.Fatalf("want one table of one row of two cells, got %+v", p.Tables)
	}
	cells := p.Tables[0].Rows[0].Cells
	if !cells[0].Filled() || cells[1].Filled() {
		t.Errorf("filled = %v, %v; want true, false", cells[0].Filled(), cells[1].Filled())
	}
	if h := cells[0].Fill.Hex(); h != "#99ccff" {
		t.Errorf("CMYK fill = %s, want #99ccff", h)
	}
}

// Borders drawn as thin filled polygons with mitred corners (one polygon
// per side, as some HTML engines paint them) are rules too.
func TestMitredBorders(t *testing.T) {
	content := `
0 0 0 rg
10 100 m 210 100 l 209 99 l 11 99 l h f
10 80 m 210 80 l 209 81 l 11 81 l h f
10 80 m 10 100 l 11 99 l 11 81 l h f
110 80 m 110 100 l 111 99 l 111 81 l h f
210 80 m 210 100 l 209 99 l 209 81 l h f
`
	p := readOne(t, miniPDF(t, "[0 0 300 200]", 0, content, nil, nil))
	if len(p.Tables) != 1 || len(p.Tables[0].Rows) != 1 || len(p.Tables[0].Rows[0].Cells) != 2 {
		t.Fatalf("want one row of two cells, got %+v", p.Tables)
	}
}

// A table cut by the page edge has no bottom rule: the extractor closes
// it and marks its last cells open at the bottom.
func TestTableCutByPageBreak(t *testing.T) {
	content := `
0 G
10 190 m 210 190 l S
10 170 m 210 170 l S
10 20 m 10 190 l S
110 20 m 110 190 l S
210 20 m 210 190 l S
`
	p := readOne(t, miniPDF(t, "[0 0 300 200]", 0, content, nil, nil))
	if len(p.Tables) != 1 || len(p.Tables[0].Rows) != 2 {
		t.Fatalf("want 2 rows, got %+v", p.Tables)
	}
	last := p.Tables[0].Rows[1].Cells
	if !last[0].OpenBottom || !last[1].OpenBottom || last[0].OpenTop {
		t.Errorf("open flags of the cut row: %+v", last)
	}
}

// A shaded header band with no rule under it (a row cut by a page break,
// continued under the repeated header) still separates the header from
// the row.
func TestHeaderBandSeparatesRows(t *testing.T) {
	content := `
0.85 g 10 170 200 20 re f
0 G
10 190 m 210 190 l S
10 100 m 210 100 l S
10 100 m 10 190 l S
110 100 m 110 190 l S
210 100 m 210 190 l S
`
	p := readOne(t, miniPDF(t, "[0 0 300 200]", 0, content, nil, nil))
	if len(p.Tables) != 1 || len(p.Tables[0].Rows) != 2 {
		t.Fatalf("want header and row, got %+v", p.Tables)
	}
	if !p.Tables[0].Rows[0].Cells[0].Filled() || p.Tables[0].Rows[1].Cells[0].Filled() {
		t.Error("header should be filled and the row below not")
	}
}

// Text painted through a form XObject, and a rotated page: coordinates
// come out in the page as displayed.
func TestFormXObjectAndRotation(t *testing.T) {
	form := `BT /F1 12 Tf 20 20 Td (Ciao) Tj ET`
	content := `q 1 0 0 1 100 50 cm /Fm1 Do Q`
	pages := miniPDF(t, "[0 0 400 300]", 90, content, map[string]string{"F1": helvetica}, map[string]string{"Fm1": form})
	// The form has no resources of its own: it uses the page's.
	p := readOne(t, pages)
	if p.Width != 300 || p.Height != 400 {
		t.Errorf("rotated page is %vx%v, want 300x400", p.Width, p.Height)
	}
	if len(p.Lines) != 0 {
		// Rotated text is not upright on the displayed page and is left out.
		t.Errorf("rotated glyphs should not make lines, got %q", p.Lines[0].Text)
	}
	pages = miniPDF(t, "[0 0 400 300]", 0, content, map[string]string{"F1": helvetica}, map[string]string{"Fm1": form})
	p = readOne(t, pages)
	if len(p.Lines) != 1 || p.Lines[0].Text != "Ciao" {
		t.Fatalf("lines = %+v", p.Lines)
	}
	if l := p.Lines[0]; math.Abs(l.X0-120) > 0.1 || math.Abs(l.Baseline-(300-70)) > 0.1 {
		t.Errorf("Ciao at x=%.1f baseline=%.1f, want 120, 230", l.X0, l.Baseline)
	}
}

func TestMakeLineWords(t *testing.T) {
	g := func(text string, x0, x1 float64) glyph {
		return glyph{text: text, x0: x0, x1: x1, baseline: 100, size: 10, upright: true}
	}
	tests := []struct {
		name   string
		glyphs []glyph
		want   string
	}{
		{"space glyph splits", []glyph{g("a", 0, 5), g("b", 5, 10), g(" ", 10, 13), g("c", 13, 18)}, "ab c"},
		{"gap splits without space glyph", []glyph{g("a", 0, 5), g("b", 5, 10), g("c", 13, 18)}, "ab c"},
		{"kerning keeps a word", []glyph{g("a", 0, 5), g("b", 5.5, 10), g("c", 10.2, 15)}, "abc"},
		{"out of order glyphs", []glyph{g("c", 13, 18), g("a", 0, 5), g("b", 5, 10)}, "ab c"},
		{"overprinted bold", []glyph{g("a", 0, 5), g("a", 0.3, 5.3), g("b", 5.3, 10)}, "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ok := makeLine(tt.glyphs, false, nil)
			if !ok || l.Text != tt.want {
				t.Errorf("makeLine = %q, want %q", l.Text, tt.want)
			}
		})
	}
}

func TestTextLinesGroupsBaselines(t *testing.T) {
	var gs []glyph
	for i, w := range strings.Fields("uno due tre") {
		gs = append(gs, glyph{text: w, x0: 0, x1: 20, baseline: 100 + float64(i)*12, size: 10, upright: true})
		gs = append(gs, glyph{text: "x", x0: 30, x1: 35, baseline: 100.8 + float64(i)*12, size: 10, upright: true})
	}
	ls := textLines(gs, false)
	var got []string
	for _, l := range ls {
		got = append(got, l.Text)
	}
	if want := []string{"uno x", "due x", "tre x"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("lines = %q, want %q", got, want)
	}
}

func TestColorIsWhite(t *testing.T) {
	tests := []struct {
		c    Color
		want bool
	}{
		{gray(1), true},
		{gray(0.97), true},
		{gray(0.85), false},
		{cmyk(0, 0, 0, 0), true},
		{cmyk(0.4, 0.2, 0, 0), false},
		{Color{Pattern: true}, false},
	}
	for _, tt := range tests {
		if got := tt.c.IsWhite(); got != tt.want {
			t.Errorf("%+v.IsWhite() = %v, want %v", tt.c, got, tt.want)
		}
	}
}
