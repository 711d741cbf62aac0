package normalize

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/samples/render"
)

// FuzzNormalize reads pages built from arbitrary bytes: no input makes
// Read panic, and what it accepts holds no objective or phase without a
// title. The seeds are pages of printed plans, with and without rules and
// with rows cut by page breaks.
func FuzzNormalize(f *testing.F) {
	doc := render.Synthetic("Comune di Prova", 2024, 3, 2)
	for _, opt := range []render.Options{{}, {NoRules: true}, {BreakRows: true, KeyWidth: 0.12, GridSliver: 1}} {
		pages, _ := renderedPages(f, doc, opt)
		f.Add(encodePages(pages))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pages := decodePages(data)
		res, err := Read(pages, plan.Source{})
		if err != nil {
			return
		}
		for _, o := range res.Doc.Objectives {
			if o.Title == "" {
				t.Fatalf("an objective without title: %s", js(o))
			}
			for _, p := range o.Phases {
				if strings.TrimSpace(p.Title) == "" {
					t.Fatalf("a phase without title in %q", o.Title)
				}
			}
		}
		var b bytes.Buffer
		if err := res.Doc.Encode(&b); err != nil {
			t.Fatalf("the plan read does not encode: %v", err)
		}
	})
}

// The pages' byte form: records of a kind byte and its fields. Positions
// are 16-bit tenths of a point; text is a 16-bit length and its bytes.
const (
	recPage  = 'P' // width, height
	recLine  = 'L' // x0, x1, baseline, size, bold, text
	recTable = 'T'
	recRow   = 'R' // y0, y1
	recCell  = 'C' // x0, x1, flags (1 open top, 2 open bottom, 4 filled), text ("|" between lines)
	recFill  = 'F' // x0, y0, x1, y1
)

// Limits keep one input quick to read.
const (
	fuzzPages = 40
	fuzzItems = 4000
)

func encodePages(pages []extract.Page) []byte {
	var b []byte
	pos := func(v float64) {
		b = binary.BigEndian.AppendUint16(b, uint16(math.Max(0, math.Min(65535, v*10))))
	}
	text := func(s string) {
		if len(s) > 65535 {
			s = s[:65535]
		}
		b = binary.BigEndian.AppendUint16(b, uint16(len(s)))
		b = append(b, s...)
	}
	for _, p := range pages {
		b = append(b, recPage)
		pos(p.Width)
		pos(p.Height)
		for _, l := range p.Lines {
			b = append(b, recLine)
			pos(l.X0)
			pos(l.X1)
			pos(l.Baseline)
			pos(l.Size)
			b = append(b, boolByte(l.Bold))
			text(l.Text)
		}
		for _, t := range p.Tables {
			b = append(b, recTable)
			for _, r := range t.Rows {
				b = append(b, recRow)
				pos(r.Y0)
				pos(r.Y1)
				for _, c := range r.Cells {
					b = append(b, recCell)
					pos(c.X0)
					pos(c.X1)
					var flags byte
					if c.OpenTop {
						flags |= 1
					}
					if c.OpenBottom {
						flags |= 2
					}
					if c.Filled() {
						flags |= 4
					}
					b = append(b, flags)
					text(strings.ReplaceAll(c.Text(), "\n", "|"))
				}
			}
		}
		for _, fl := range p.Fills {
			b = append(b, recFill)
			pos(fl.X0)
			pos(fl.Y0)
			pos(fl.X1)
			pos(fl.Y1)
		}
	}
	return b
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// decodePages builds pages from data; whatever it holds, the pages are
// well formed (a line has words, a cell has its rectangle), as extract
// hands them over.
func decodePages(data []byte) []extract.Page {
	var pages []extract.Page
	items := 0
	pos := func() float64 {
		if len(data) < 2 {
			data = nil
			return 0
		}
		v := float64(binary.BigEndian.Uint16(data)) / 10
		data = data[2:]
		return v
	}
	u8 := func() byte {
		if len(data) == 0 {
			return 0
		}
		v := data[0]
		data = data[1:]
		return v
	}
	text := func() string {
		n := int(pos() * 10)
		if n > len(data) {
			n = len(data)
		}
		s := string(data[:n])
		data = data[n:]
		return s
	}
	page := func() *extract.Page {
		if len(pages) == 0 {
			pages = append(pages, extract.Page{Number: 1, Width: 595, Height: 842})
		}
		return &pages[len(pages)-1]
	}
	blue := extract.Color{R: 0.6, G: 0.76, B: 0.9}
	for len(data) > 0 && items < fuzzItems {
		items++
		switch u8() {
		case recPage:
			if len(pages) == fuzzPages {
				return pages
			}
			pages = append(pages, extract.Page{Number: len(pages) + 1, Width: pos(), Height: pos()})
		case recLine:
			x0, x1, base, size := pos(), pos(), pos(), pos()
			bold := u8()&1 == 1
			p := page()
			p.Lines = append(p.Lines, fuzzLine(text(), x0, x1, base, size, bold))
		case recTable:
			p := page()
			p.Tables = append(p.Tables, extract.Table{})
		case recRow:
			p := page()
			if len(p.Tables) == 0 {
				p.Tables = append(p.Tables, extract.Table{})
			}
			t := &p.Tables[len(p.Tables)-1]
			y0, y1 := pos(), pos()
			t.Rows = append(t.Rows, extract.Row{Rect: extract.Rect{Y0: y0, Y1: y1}})
		case recCell:
			x0, x1 := pos(), pos()
			flags := u8()
			s := text()
			p := page()
			if len(p.Tables) == 0 || len(p.Tables[len(p.Tables)-1].Rows) == 0 {
				continue
			}
			t := &p.Tables[len(p.Tables)-1]
			r := &t.Rows[len(t.Rows)-1]
			c := extract.Cell{Rect: extract.Rect{X0: x0, Y0: r.Y0, X1: x1, Y1: r.Y1}, OpenTop: flags&1 != 0, OpenBottom: flags&2 != 0}
			if flags&4 != 0 {
				col := blue
				c.Fill = &col
			}
			if s != "" {
				for i, part := range strings.Split(s, "|") {
					c.Lines = append(c.Lines, fuzzLine(part, x0+2, x1-2, r.Y0+10+11*float64(i), 9, false))
				}
			}
			r.Cells = append(r.Cells, c)
		case recFill:
			x0, y0, x1, y1 := pos(), pos(), pos(), pos()
			p := page()
			p.Fills = append(p.Fills, extract.Fill{Rect: extract.Rect{X0: x0, Y0: y0, X1: x1, Y1: y1}, Color: blue})
		}
	}
	return pages
}

// fuzzLine is a text line whose words share its width by their length.
func fuzzLine(s string, x0, x1, base, size float64, bold bool) extract.TextLine {
	l := extract.TextLine{Text: s, X0: x0, X1: math.Max(x0, x1), Baseline: base, Size: size, Bold: bold, Top: base - 0.8*size, Bottom: base + 0.2*size}
	words := strings.Fields(s)
	n := 0
	for _, w := range words {
		n += len(w) + 1
	}
	x := x0
	for _, w := range words {
		wd := (l.X1 - x0) * float64(len(w)) / float64(n)
		l.Words = append(l.Words, extract.Word{Text: w, X0: x, X1: x + wd, Bold: bold})
		x += wd + (l.X1-x0)/float64(n)
	}
	return l
}

// The byte form reads back as the pages it was made from, as far as
// Read is concerned: the same plan.
func TestFuzzEncoding(t *testing.T) {
	doc := render.Synthetic("Comune di Prova", 2024, 3, 2)
	pages, res := renderedPages(t, doc, render.Options{})
	want, err := Document(pages, res.Printed.Source)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Document(decodePages(encodePages(pages)), res.Printed.Source)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*plan.Document{got, want} {
		for i := range d.Objectives {
			// line geometry is kept to a tenth of a point, words are not:
			// a description's layout may read otherwise
			d.Objectives[i].DescriptionHTML, d.Objectives[i].DescriptionText, d.Objectives[i].Key = "", "", ""
		}
	}
	if a, b := js(got.Objectives), js(want.Objectives); a != b {
		t.Errorf("decoded pages read as\n%s\nwant\n%s", a, b)
	}
	if a, b := js(got.Units), js(want.Units); a != b {
		t.Errorf("decoded pages read units\n%s\nwant\n%s", a, b)
	}
}
