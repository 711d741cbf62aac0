package normalize

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/pdffile"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/samples/render"
)

// The tests below build pages printed without ruling lines the way the
// extractor hands them over: no tables, only text lines with their words,
// and the filled rectangles.

// at is text set from x: its words are placed as a proportional font of
// the line's size would place them.
type at struct {
	x    float64
	text string
}

// textLine makes a line with its baseline at y from runs of text.
func textLine(y, size float64, bold bool, runs ...at) extract.TextLine {
	l := extract.TextLine{Baseline: y, Size: size, Bold: bold, Top: y - 0.8*size, Bottom: y + 0.2*size}
	var texts []string
	for _, r := range runs {
		x := r.x
		for _, w := range strings.Fields(r.text) {
			wd := extract.Word{Text: w, X0: x, X1: x + 0.5*size*float64(len([]rune(w))), Bold: bold}
			l.Words = append(l.Words, wd)
			texts = append(texts, w)
			x = wd.X1 + 0.25*size
		}
	}
	l.Text = strings.Join(texts, " ")
	l.X0, l.X1 = l.Words[0].X0, l.Words[len(l.Words)-1].X1
	return l
}

// textPageBuilder lays out lines top to bottom: a row's lines at the line
// pitch, rows apart by the pitch and the cell padding.
type textPageBuilder struct {
	p extract.Page
	y float64
}

const (
	bodySize = 9.0
	pitchPt  = 11.0 // distance between a cell's lines
	rowGapPt = 17.0 // distance from a row's last line to the next row
	keyX     = 47.0 // text of the key column
	valueX   = 159.0
)

func newTextPage(n int) *textPageBuilder {
	return &textPageBuilder{p: extract.Page{Number: n, Width: 595, Height: 842}, y: 74}
}

// row adds a row of lines, each the runs of one printed line.
func (b *textPageBuilder) row(bold bool, lines ...[]at) *textPageBuilder {
	for i, runs := range lines {
		if i > 0 {
			b.y += pitchPt
		}
		b.p.Lines = append(b.p.Lines, textLine(b.y, bodySize, bold, runs...))
	}
	b.y += rowGapPt
	return b
}

// line is one printed line of runs.
func line(runs ...at) []at { return runs }

// heading adds a unit heading in larger type.
func (b *textPageBuilder) heading(text string) *textPageBuilder {
	b.p.Lines = append(b.p.Lines, textLine(b.y, 11, true, at{keyX, text}))
	b.y += 18
	return b
}

// fill paints a rectangle over the band of line l, from x0 to x1.
func (b *textPageBuilder) fill(l extract.TextLine, x0, x1 float64, c extract.Color) *textPageBuilder {
	b.p.Fills = append(b.p.Fills, extract.Fill{Rect: extract.Rect{X0: x0, Y0: l.Top - 3, X1: x1, Y1: l.Bottom + 3}, Color: c})
	return b
}

// last is the line n places from the last one added (0 is the last).
func (b *textPageBuilder) last(n int) extract.TextLine { return b.p.Lines[len(b.p.Lines)-1-n] }

// buildText runs the pages through Document with a running header and
// footer on every page.
func buildText(t *testing.T, pages ...*textPageBuilder) *plan.Document {
	t.Helper()
	var ps []extract.Page
	for i, b := range pages {
		p := b.p
		p.Lines = append([]extract.TextLine{textLine(50, 7.5, false, at{42, "Comune di Prova — Stampa Obiettivi"})}, p.Lines...)
		p.Lines = append(p.Lines, textLine(797, 7.5, false, at{42, "Stampato il 15/03/2024"}, at{500, "Pagina " + string(rune('1'+i)) + " di 9"}))
		ps = append(ps, p)
	}
	doc, err := Document(ps, plan.Source{File: "prova.pdf", Pages: len(ps)})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func textCover() *textPageBuilder {
	b := newTextPage(1)
	b.p.Lines = append(b.p.Lines, textLine(200, 16, true, at{150, "Stampa Obiettivi di Performance"}),
		textLine(240, 11, false, at{200, "Comune di Prova"}), textLine(300, 14, true, at{keyX, "Indice"}),
		textLine(330, 9, false, at{keyX, "UPROVA - UFFICIO DI PROVA . . . . . . 2"}))
	return b
}

// officeHead is a unit heading with its heads row, the labels wrapped in
// a narrow key column.
func officeHead(b *textPageBuilder) *textPageBuilder {
	return b.heading("UPROVA - UFFICIO DI PROVA").
		row(false, line(at{keyX, "Responsabile"}, at{valueX, "ROSSI MARIO"}, at{300, "Responsabile"}, at{412, "BIANCHI"}),
			line(at{keyX, "settore"}, at{300, "ufficio"}, at{412, "ANNA MARIA"}))
}

func TestUnruledKeyValue(t *testing.T) {
	p := officeHead(newTextPage(2)).
		row(true, line(at{keyX, "Obiettivo"}, at{valueX, "Un titolo che va"}), line(at{valueX, "a capo"})).
		row(true, line(at{keyX, "Valutazione"}, at{valueX, "33,00"}), line(at{keyX, "obiettivo"})).
		row(false, line(at{keyX, "Descrizione"}, at{valueX, "Prima riga della"}), line(at{valueX, "descrizione, che"}), line(at{valueX, "finisce qui."})).
		row(false, line(at{keyX, "Obiettivo"}, at{valueX, "1.2 - LA CITTÀ"}), line(at{keyX, "strategico"})).
		row(true, line(at{keyX, "Obiettivo operativo"}))
	doc := buildText(t, textCover(), p)
	want := `[{"code":"UPROVA","name":"UFFICIO DI PROVA","kind":"office","sector":null,"head":"BIANCHI ANNA MARIA","page":2}]`
	if got := js(doc.Units); got != want {
		t.Errorf("units = %s\nwant    %s", got, want)
	}
	if len(doc.Objectives) != 1 {
		t.Fatalf("%d objectives, want 1", len(doc.Objectives))
	}
	o := doc.Objectives[0]
	if o.Title != "Un titolo che va a capo" || o.Weight == nil || *o.Weight != 33 {
		t.Errorf("title %q, weight %v", o.Title, o.Weight)
	}
	if o.DescriptionText != "Prima riga della descrizione, che finisce qui." {
		t.Errorf("description %q", o.DescriptionText)
	}
	if js(o.StrategicGoal) != `{"code":"1.2","title":"LA CITTÀ"}` || o.OperationalGoal != nil {
		t.Errorf("goals %s %s", js(o.StrategicGoal), js(o.OperationalGoal))
	}
	if js(doc.TOC) != `[{"code":"UPROVA","name":"UFFICIO DI PROVA","page":2}]` {
		t.Errorf("toc %s", js(doc.TOC))
	}
}

func TestUnruledTables(t *testing.T) {
	p := officeHead(newTextPage(2)).
		row(true, line(at{keyX, "Obiettivo"}, at{valueX, "Uno"})).
		// Inizio and Fine are centred over their dates.
		row(true, line(at{keyX, "Persona"}, at{174, "Categoria"}, at{312, "Ruolo"}, at{442, "Inizio"}, at{504, "Fine"})).
		row(false, line(at{keyX, "ROSSI MARIO"}, at{174, "Area Funzionari ed"}, at{312, "Dirigente"}, at{434, "01/01/2024"}, at{495, "31/12/2024"}),
			line(at{174, "EQ"})).
		row(false, line(at{keyX, "VERDI LUCA"}, at{174, "Area istruttori"}, at{434, "01/02/2024"})).
		row(true, line(at{keyX, "Fase"}, at{199, "Descrizione fase"}, at{434, "Inizio"}, at{495, "Fine"})).
		// a title whose second line reads like a label
		row(false, line(at{keyX, "1 - Nomina della"}, at{199, "Nomina dei membri"}, at{434, "01/01/2024"}, at{495, "30/04/2024"}),
			line(at{keyX, "valutazione"})).
		row(false, line(at{keyX, "2 - Verifica"}, at{434, "01/05/2024"}, at{495, "31/12/2024"})).
		row(true, line(at{keyX, "Indicatore"}, at{250, "Udm"}, at{302, "Valore di"}, at{384, "Atteso 2025"}, at{470, "Atteso 2026"}),
			line(at{302, "riferimento"})).
		row(false, line(at{keyX, "Pratiche evase"}, at{250, "Num"}, at{302, "4.00"}, at{470, "31/10/2026"}))
	doc := buildText(t, textCover(), p)
	o := doc.Objectives[0]
	tests := []struct {
		name      string
		got, want string
	}{
		{"staff", js(o.Staff), `[{"name":"ROSSI MARIO","category":"Area Funzionari ed EQ","role":"Dirigente","start":"2024-01-01","end":"2024-12-31"},` +
			`{"name":"VERDI LUCA","category":"Area istruttori","role":null,"start":"2024-02-01","end":null}]`},
		{"phases", js(o.Phases), `[{"title":"1 - Nomina della valutazione","description":"Nomina dei membri","start":"2024-01-01","end":"2024-04-30","planned_months":[],"actual_months":[]},` +
			`{"title":"2 - Verifica","description":null,"start":"2024-05-01","end":"2024-12-31","planned_months":[],"actual_months":[]}]`},
		{"indicators", js(o.Indicators), `[{"name":"Pratiche evase","unit":"Num","reference":"4.00","targets":{"2025":null,"2026":"31/10/2026"}}]`},
		{"weight", js(o.Weight), `null`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %s\nwant %s", tt.name, tt.got, tt.want)
		}
	}
}

func TestUnruledMonthGrid(t *testing.T) {
	planned := extract.Color{R: 0.6, G: 0.76, B: 0.9}
	actual := extract.Color{R: 0.44, G: 0.68, B: 0.28}
	zebra := extract.Color{R: 0.93, G: 0.93, B: 0.93}
	// month heads centred in columns 23.4 wide from 272
	heads := []at{{keyX, "Cronoprogramma"}}
	for i, m := range strings.Fields("Gen Feb Mar Apr Mag Giu Lug Ago Set Ott Nov Dic") {
		heads = append(heads, at{276 + 23.4*float64(i), m})
	}
	month := func(m int) float64 { return 272 + 23.4*float64(m-1) }
	b := officeHead(newTextPage(2)).
		row(true, line(at{keyX, "Obiettivo"}, at{valueX, "Uno"})).
		row(true, line(at{keyX, "Fase"}, at{199, "Descrizione fase"}, at{434, "Inizio"}, at{495, "Fine"})).
		row(false, line(at{keyX, "Avvio"}, at{434, "01/01/2024"}, at{495, "31/03/2024"})).
		row(false, line(at{keyX, "Verifica finale"}, at{434, "01/04/2024"}, at{495, "30/06/2024"})).
		row(true, line(heads...))
	// Avvio: a cell for each planned month, January actual
	b.row(false, line(at{keyX, "Avvio"}, at{215, "Previsto"}))
	for m := 1; m <= 3; m++ {
		b.fill(b.last(0), month(m), month(m+1), planned)
	}
	b.row(false, line(at{215, "Consuntivo"}))
	b.fill(b.last(0), month(1), month(2), actual)
	// Verifica finale: its title wrapped, one bar over April to June; a
	// band shading its whole actual row is no month's colour
	b.row(false, line(at{keyX, "Verifica"}, at{215, "Previsto"}), line(at{keyX, "finale"}))
	b.fill(b.last(1), month(4), month(7), planned)
	b.row(false, line(at{215, "Consuntivo"}))
	b.fill(b.last(0), 42, 553, zebra)
	doc := buildText(t, textCover(), b)
	var got []string
	for _, ph := range doc.Objectives[0].Phases {
		got = append(got, ph.Title+js(ph.PlannedMonths)+js(ph.ActualMonths))
	}
	want := []string{"Avvio[1,2,3][1]", "Verifica finale[4,5,6][]"}
	if js(got) != js(want) {
		t.Errorf("months = %q\nwant     %q", got, want)
	}
}

// A staff table and a description that go on over page breaks with no
// header and no label repeated, on pages whose first line, the table's
// header, recurs like a running line.
func TestUnruledAcrossPages(t *testing.T) {
	staffHead := line(at{keyX, "Persona"}, at{174, "Categoria"}, at{312, "Ruolo"}, at{434, "Inizio"}, at{495, "Fine"})
	person := func(name string) []at {
		return line(at{keyX, name}, at{174, "Area istruttori"}, at{312, "Istruttore"}, at{434, "01/01/2024"}, at{495, "31/12/2024"})
	}
	p2 := officeHead(newTextPage(2)).
		row(true, line(at{keyX, "Obiettivo"}, at{valueX, "Uno"})).
		row(false, line(at{keyX, "Descrizione"}, at{valueX, "Una descrizione che va avanti per tutta la riga e"}),
			line(at{valueX, "continua alla fine della pagina fino in fondo, e poi"}))
	p3 := newTextPage(3).
		row(false, line(at{valueX, "sulla pagina dopo."})).
		row(false, line(at{keyX, "Obiettivo strategico"}, at{valueX, "1 - UNO"})).
		row(true, staffHead).
		row(false, person("ROSSI MARIO")).
		row(false, person("VERDI LUCA"))
	p4 := newTextPage(4).row(true, staffHead).row(false, person("NERI ANNA"))
	p5 := newTextPage(5).row(true, staffHead).row(false, person("BIANCHI ELIA"), line(at{312, "Amministrativo"}))
	// no header repeated: the columns go on from the page before
	p6 := newTextPage(6).row(false, person("GIALLI ADA"))
	doc := buildText(t, textCover(), p2, p3, p4, p5, p6)
	o := doc.Objectives[0]
	if o.DescriptionText != "Una descrizione che va avanti per tutta la riga e continua alla fine della pagina fino in fondo, e poi sulla pagina dopo." {
		t.Errorf("description %q", o.DescriptionText)
	}
	if js(o.StrategicGoal) != `{"code":"1","title":"UNO"}` {
		t.Errorf("strategic goal %s", js(o.StrategicGoal))
	}
	var names []string
	for _, s := range o.Staff {
		names = append(names, s.Name+"/"+plan.Deref(s.Role))
	}
	want := []string{"ROSSI MARIO/Istruttore", "VERDI LUCA/Istruttore", "NERI ANNA/Istruttore", "BIANCHI ELIA/Istruttore Amministrativo", "GIALLI ADA/Istruttore"}
	if js(names) != js(want) {
		t.Errorf("staff = %q\nwant    %q", names, want)
	}
}

// Plans printed without ruling lines read as the same plans printed with
// them, and as what was printed: the fallback loses nothing the ruled
// tables give.
func TestUnruledRendered(t *testing.T) {
	edge, err := plan.ReadFile("../samples/render/testdata/edge-plan.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		doc  *plan.Document
		opt  render.Options
	}{
		{"synthetic", render.Synthetic("Comune di Prova", 2024, 8, 3), render.Options{}},
		{"edge-letter-landscape", edge, render.Options{PageSize: "Letter", Landscape: true}},
		{"edge-times-plain", edge, render.Options{Font: render.FontTimes, FontSize: 10, Description: render.DescriptionSource,
			PlainContinuation: true, NoRepeatHeader: true}},
		{"edge-a5-courier", edge, render.Options{PageSize: "A5", Font: render.FontCourier, FontSize: 7, Description: render.DescriptionFormatted}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ruled, _ := readRendered(t, tt.doc, tt.opt)
			tt.opt.NoRules = true
			unruled, printed := readRendered(t, tt.doc, tt.opt)
			unruled.Source, ruled.Source = plan.Source{}, plan.Source{}
			if a, b := encoded(t, unruled), encoded(t, ruled); a != b {
				t.Errorf("read without rules:\n%s\nwith rules:\n%s", a, b)
			}
			// the tables read back exactly as printed
			for i, o := range unruled.Objectives {
				p := printed.Objectives[i]
				for _, f := range []struct{ got, want any }{{o.Title, p.Title}, {o.Unit, p.Unit}, {o.Page, p.Page}, {o.Weight, p.Weight},
					{o.StrategicGoal, p.StrategicGoal}, {o.OperationalGoal, p.OperationalGoal}, {o.Staff, p.Staff}, {o.Phases, p.Phases}, {o.Indicators, p.Indicators}} {
					if js(f.got) != js(f.want) {
						t.Errorf("objective %d %q: read %s, printed %s", i, p.Title, js(f.got), js(f.want))
					}
				}
			}
			if js(unruled.Units) != js(printed.Units) || js(unruled.TOC) != js(printed.TOC) {
				t.Errorf("units %s\ntoc %s\nprinted units %s\ntoc %s", js(unruled.Units), js(unruled.TOC), js(printed.Units), js(printed.TOC))
			}
		})
	}
}

// readRendered prints doc, reads the PDF back and returns the plan read
// and the plan as printed.
func readRendered(t *testing.T, doc *plan.Document, opt render.Options) (read, printed *plan.Document) {
	t.Helper()
	pages, res := renderedPages(t, doc, opt)
	read, err := Document(pages, res.Printed.Source)
	if err != nil {
		t.Fatal(err)
	}
	return read, res.Printed
}

// renderedPages prints doc and returns its pages as the extractor reads
// them.
func renderedPages(t testing.TB, doc *plan.Document, opt render.Options) ([]extract.Page, *render.Result) {
	t.Helper()
	var b bytes.Buffer
	res, err := render.Print(context.Background(), doc, &b, opt)
	if err != nil {
		t.Fatal(err)
	}
	f, err := pdffile.OpenBytes(context.Background(), b.Bytes(), "test.pdf", "", pdffile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	pages, err := extract.Read(context.Background(), f, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return pages, res
}

// BenchmarkRead reads the pages of the Capannori plan printed with and
// without ruling lines.
func BenchmarkRead(b *testing.B) {
	doc, err := plan.ReadFile("../testdata/truth/capannori-2024.json")
	if err != nil {
		b.Fatal(err)
	}
	for _, bb := range []struct {
		name    string
		noRules bool
	}{{"ruled", false}, {"unruled", true}} {
		b.Run(bb.name, func(b *testing.B) {
			pages, res := renderedPages(b, doc, render.Options{NoRules: bb.noRules})
			b.ReportMetric(float64(len(pages)), "pages")
			for b.Loop() {
				if _, err := Read(pages, res.Printed.Source); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func encoded(t *testing.T, d *plan.Document) string {
	t.Helper()
	var b bytes.Buffer
	if err := d.Encode(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
