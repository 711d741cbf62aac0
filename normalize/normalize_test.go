package normalize

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
)

// The tests build pages the way the extractor hands them over: tables of
// rows of cells with text lines, so that each rule of the report's
// structure is checked on a small hand-made input.

var blue = extract.Color{R: 0.6, G: 0.76, B: 0.9}

type pageBuilder struct {
	p extract.Page
	y float64
}

func newPage(n int) *pageBuilder {
	return &pageBuilder{p: extract.Page{Number: n, Width: 595, Height: 842}, y: 60}
}

// cell makes a cell from x0 to x1 with one text line per "|"-separated
// part.
func cell(x0, x1 float64, text string) extract.Cell {
	c := extract.Cell{Rect: extract.Rect{X0: x0, X1: x1}}
	if text == "" {
		return c
	}
	for i, l := range strings.Split(text, "|") {
		c.Lines = append(c.Lines, extract.TextLine{Text: l, X0: x0 + 3, X1: x1 - 3, Baseline: float64(10 + 11*i), Size: 9})
	}
	return c
}

func (b *pageBuilder) table(rows ...[]extract.Cell) *pageBuilder {
	var t extract.Table
	for _, cells := range rows {
		h := 16.0
		for i := range cells {
			cells[i].Y0, cells[i].Y1 = b.y, b.y+h
			for j := range cells[i].Lines {
				cells[i].Lines[j].Baseline += b.y
			}
		}
		t.Rows = append(t.Rows, extract.Row{Rect: extract.Rect{X0: cells[0].X0, Y0: b.y, X1: cells[len(cells)-1].X1, Y1: b.y + h}, Cells: cells})
		b.y += h
	}
	b.y += 8
	b.p.Tables = append(b.p.Tables, t)
	return b
}

func (b *pageBuilder) text(size float64, lines ...string) *pageBuilder {
	for _, l := range lines {
		b.p.Lines = append(b.p.Lines, extract.TextLine{Text: l, Size: size, Baseline: b.y})
		b.y += size * 1.4
	}
	return b
}

func kv(label, value string) []extract.Cell {
	return []extract.Cell{cell(40, 150, label), cell(150, 550, value)}
}

func heading(code, name string) []extract.Cell { return []extract.Cell{cell(40, 550, code+" - "+name)} }

func staffHeader() []extract.Cell {
	return []extract.Cell{cell(40, 170, "Persona"), cell(170, 300, "Categoria"), cell(300, 430, "Ruolo"), cell(430, 490, "Inizio"), cell(490, 550, "Fine")}
}

func staff(name, cat, role, start, end string) []extract.Cell {
	return []extract.Cell{cell(40, 170, name), cell(170, 300, cat), cell(300, 430, role), cell(430, 490, start), cell(490, 550, end)}
}

func phaseHeader() []extract.Cell {
	return []extract.Cell{cell(40, 200, "Fase"), cell(200, 430, "Descrizione fase"), cell(430, 490, "Inizio"), cell(490, 550, "Fine")}
}

func phase(title, desc, start, end string) []extract.Cell {
	return []extract.Cell{cell(40, 200, title), cell(200, 430, desc), cell(430, 490, start), cell(490, 550, end)}
}

var months = strings.Fields("Gen Feb Mar Apr Mag Giu Lug Ago Set Ott Nov Dic")

func gridHeader() []extract.Cell {
	cells := []extract.Cell{cell(40, 190, "Cronoprogramma"), cell(190, 250, "")}
	for i, m := range months {
		cells = append(cells, cell(250+float64(i)*25, 275+float64(i)*25, m))
	}
	return cells
}

// monthRow makes a Previsto row (with the spanning title cell) or a
// Consuntivo row (title "" leaves the title cell out) with the given
// months filled.
func monthRow(title, label string, filled ...int) []extract.Cell {
	var cells []extract.Cell
	if title != "" {
		cells = append(cells, cell(40, 190, title))
	}
	cells = append(cells, cell(190, 250, label))
	for i := range months {
		c := cell(250+float64(i)*25, 275+float64(i)*25, "")
		for _, m := range filled {
			if m == i+1 {
				col := blue
				c.Fill = &col
			}
		}
		cells = append(cells, c)
	}
	return cells
}

func cover() *pageBuilder {
	return newPage(1).text(24, "Stampa Obiettivi di Performance", "straordinari").text(14, "Comune di Prova").
		text(12, "Indice", "SPROVA - SETTORE DI PROVA . . . . . . 2", "UPROVA - UFFICIO DI PROVA CON UN NOME",
			"MOLTO LUNGO . . . . . . . . 2").text(7, "Stampato il 15/03/2024 Pagina 1 di 3")
}

func build(t *testing.T, pages ...*pageBuilder) *plan.Document {
	t.Helper()
	var ps []extract.Page
	for i, b := range pages {
		// running header and footer on every page
		b.p.Lines = append(b.p.Lines,
			extract.TextLine{Text: "Comune di Prova — Stampa Obiettivi", Size: 7, Baseline: 30},
			extract.TextLine{Text: "Stampato il 15/03/2024 Pagina " + string(rune('1'+i)) + " di 3", Size: 7, Baseline: 820})
		ps = append(ps, b.p)
	}
	doc, err := Document(ps, plan.Source{File: "prova.pdf", Pages: len(ps)})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestCoverAndTOC(t *testing.T) {
	p2 := newPage(2).table(heading("SPROVA", "SETTORE DI PROVA"), kv("Responsabile settore", "ROSSI MARIO")).
		table(kv("Obiettivo", "Uno"))
	doc := build(t, cover(), p2)
	if doc.Title != "Stampa Obiettivi di Performance straordinari" || doc.Entity != "Comune di Prova" {
		t.Errorf("title %q entity %q", doc.Title, doc.Entity)
	}
	want := `[{"code":"SPROVA","name":"SETTORE DI PROVA","page":2},{"code":"UPROVA","name":"UFFICIO DI PROVA CON UN NOME MOLTO LUNGO","page":2}]`
	if got := js(doc.TOC); got != want {
		t.Errorf("toc = %s\nwant  %s", got, want)
	}
}

func TestUnits(t *testing.T) {
	p := newPage(2).
		table(heading("SPROVA", "SETTORE DI PROVA"), kv("Responsabile|settore", "ROSSI MARIO")).
		table(kv("Obiettivo", "Uno")).
		table(heading("UPROVA", "UFFICIO - CON TRATTINO"), []extract.Cell{cell(40, 150, "Responsabile settore"), cell(150, 300, "ROSSI MARIO"), cell(300, 400, "Responsabile ufficio"), cell(400, 550, "")}).
		table(kv("Obiettivo", "Due")).
		table(heading("SVUOTO", "SETTORE SENZA CAPO"), kv("Responsabile settore", ""))
	doc := build(t, cover(), p)
	want := `[{"code":"SPROVA","name":"SETTORE DI PROVA","kind":"sector","sector":null,"head":"ROSSI MARIO","page":2},` +
		`{"code":"UPROVA","name":"UFFICIO - CON TRATTINO","kind":"office","sector":"SPROVA","head":null,"page":2},` +
		`{"code":"SVUOTO","name":"SETTORE SENZA CAPO","kind":"sector","sector":null,"head":null,"page":2}]`
	if got := js(doc.Units); got != want {
		t.Errorf("units = %s\nwant    %s", got, want)
	}
	if doc.Objectives[1].Unit != "UPROVA" {
		t.Errorf("second objective under %q", doc.Objectives[1].Unit)
	}
}

// A description cut by a page break: continued under a repeated
// "Descrizione" label, or in a row without label.
func TestDescriptionAcrossPages(t *testing.T) {
	for _, label := range []string{"Descrizione", ""} {
		p2 := newPage(2).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X")).
			table(kv("Obiettivo", "Titolo|su due righe"), kv("Valutazione|obiettivo", "33,00"), kv("Descrizione", "<p>Prima parte che|continua</p> <p>e poi"))
		p3 := newPage(3).table(kv(label, "si chiude.</p>"), kv("Obiettivo strategico", "1.2 - LA CITTÀ - E ALTRO"), kv("Obiettivo operativo", ""))
		doc := build(t, cover(), p2, p3)
		o := doc.Objectives[0]
		if o.Title != "Titolo su due righe" || o.Weight == nil || *o.Weight != 33 {
			t.Errorf("label %q: title %q weight %v", label, o.Title, o.Weight)
		}
		if o.DescriptionText != "Prima parte che continua\ne poi si chiude." {
			t.Errorf("label %q: description text %q", label, o.DescriptionText)
		}
		if !strings.HasPrefix(o.DescriptionHTML, "<p>Prima parte che continua</p>") {
			t.Errorf("label %q: description html %q", label, o.DescriptionHTML)
		}
		if js(o.StrategicGoal) != `{"code":"1.2","title":"LA CITTÀ - E ALTRO"}` || o.OperationalGoal != nil {
			t.Errorf("label %q: goals %s %s", label, js(o.StrategicGoal), js(o.OperationalGoal))
		}
	}
}

// A staff table split over two pages with its header repeated, one row cut
// by the break (its name cell empty on the second page), and an empty
// category cell.
func TestTableAcrossPages(t *testing.T) {
	p2 := newPage(2).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X")).
		table(kv("Obiettivo", "Uno")).
		table(staffHeader(), staff("ROSSI MARIO", "Area istruttori", "Istruttore", "01/01/2024", "31/12/2024"),
			staff("BIANCHI ANNA", "Area Funzionari ed", "Funzionario", "01/01/2024", "30/06/2024"))
	p3 := newPage(3).table(staffHeader(), staff("", "EQ", "Tecnico", "", ""),
		staff("VERDI LUCA", "", "Operatore", "1/2/2024", ""))
	doc := build(t, cover(), p2, p3)
	got := js(doc.Objectives[0].Staff)
	want := `[{"name":"ROSSI MARIO","category":"Area istruttori","role":"Istruttore","start":"2024-01-01","end":"2024-12-31"},` +
		`{"name":"BIANCHI ANNA","category":"Area Funzionari ed EQ","role":"Funzionario Tecnico","start":"2024-01-01","end":"2024-06-30"},` +
		`{"name":"VERDI LUCA","category":null,"role":"Operatore","start":"2024-02-01","end":null}]`
	if got != want {
		t.Errorf("staff = %s\nwant    %s", got, want)
	}
}

// A row cut by a page break whose key cell goes on too, under the
// repeated header. The rules tell where they are drawn on both sides of
// the break (no bottom rule before it, no top rule after); where a
// producer closes both parts, the halves tell: the row before the break
// reaches the bottom of the page's body and keeps the row's dates, the
// part after has none. A row with its own dates is a row of its own, and
// so is one without dates after a row that ends high on its page.
func TestRowCutByPageBreak(t *testing.T) {
	joined := []string{"1) PRIMA FASE CON UN TITOLO LUNGO / descrizione che continua qui", "2) SECONDA / "}
	tests := []struct {
		name  string
		open  bool   // no rules at the break
		start string // dates of the row after the break
		end   string
		gap   float64 // space left below the row before the break
		want  []string
	}{
		{"rules open", true, "", "", 0, joined},
		{"closed, no dates after", false, "", "", 0, joined},
		{"closed, dates after", false, "01/02/2024", "31/03/2024", 0,
			[]string{"1) PRIMA FASE CON UN / descrizione che", "TITOLO LUNGO / continua qui", "2) SECONDA / "}},
		{"closed, room left", false, "", "", 40,
			[]string{"1) PRIMA FASE CON UN / descrizione che", "TITOLO LUNGO / continua qui", "2) SECONDA / "}},
	}
	for _, tt := range tests {
		p2 := newPage(2).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X")).
			table(kv("Obiettivo", "Uno")).
			table(phaseHeader(), phase("1) PRIMA FASE CON UN", "descrizione che", "01/01/2024", "31/03/2024"))
		last := &p2.p.Tables[len(p2.p.Tables)-1].Rows[1]
		for i := range last.Cells {
			last.Cells[i].OpenBottom = tt.open
		}
		p3 := newPage(3).table(phaseHeader(), phase("TITOLO LUNGO", "continua qui", tt.start, tt.end), phase("2) SECONDA", "", "01/04/2024", "30/06/2024"))
		first := &p3.p.Tables[0].Rows[1]
		for i := range first.Cells {
			first.Cells[i].OpenTop = tt.open
		}
		// the lowest row of another page sets how low the body goes
		p4 := newPage(4).table(phaseHeader())
		p4.p.Tables[0].Rows[0].Cells[0].Y1 = last.Cells[0].Y1 + tt.gap
		doc := build(t, cover(), p2, p3, p4)
		var titles []string
		for _, ph := range doc.Objectives[0].Phases {
			titles = append(titles, ph.Title+" / "+plan.Deref(ph.Description))
		}
		if js(titles) != js(tt.want) {
			t.Errorf("%s: phases = %q, want %q", tt.name, titles, tt.want)
		}
	}
}

// The month grid: each phase's Previsto and Consuntivo rows, matched by
// title (the n-th row of a repeated title to the n-th phase with it), the
// grid split over two pages.
func TestMonthGrid(t *testing.T) {
	p2 := newPage(2).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X")).
		table(kv("Obiettivo", "Uno")).
		table(phaseHeader(), phase("Avvio", "", "01/01/2024", "31/03/2024"), phase("Verifica", "", "01/04/2024", "30/06/2024"),
			phase("Verifica", "", "01/07/2024", "31/12/2024")).
		table(gridHeader(), monthRow("Avvio", "Previsto", 1, 2, 3), monthRow("", "Consuntivo", 1, 2),
			monthRow("Verifica", "Previsto", 4, 5, 6), monthRow("", "Consuntivo"))
	p3 := newPage(3).table(gridHeader(), monthRow("Verifica", "Previsto", 7, 8, 9, 10, 11, 12), monthRow("", "Consuntivo", 7))
	doc := build(t, cover(), p2, p3)
	var got []string
	for _, ph := range doc.Objectives[0].Phases {
		got = append(got, ph.Title+js(ph.PlannedMonths)+js(ph.ActualMonths))
	}
	want := []string{"Avvio[1,2,3][1,2]", "Verifica[4,5,6][]", "Verifica[7,8,9,10,11,12][7]"}
	if js(got) != js(want) {
		t.Errorf("months = %q\nwant     %q", got, want)
	}
	if doc.Year != 2024 {
		t.Errorf("year = %d", doc.Year)
	}
}

func TestIndicators(t *testing.T) {
	p2 := newPage(2).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X")).
		table(kv("Obiettivo", "Uno")).
		table([]extract.Cell{cell(40, 240, "Indicatore"), cell(240, 300, "Udm"), cell(300, 390, "Valore di|riferimento"), cell(390, 470, "Atteso 2025"), cell(470, 550, "Atteso 2026")},
			[]extract.Cell{cell(40, 240, "Pratiche|evase"), cell(240, 300, "Num"), cell(300, 390, "4.00"), cell(390, 470, ""), cell(470, 550, "31/10/2026")})
	doc := build(t, cover(), p2)
	want := `[{"name":"Pratiche evase","unit":"Num","reference":"4.00","targets":{"2025":null,"2026":"31/10/2026"}}]`
	if got := js(doc.Objectives[0].Indicators); got != want {
		t.Errorf("indicators = %s\nwant         %s", got, want)
	}
	if doc.Year != 2024 {
		t.Errorf("year from the first Atteso column = %d, want 2024", doc.Year)
	}
}

func TestNotAReport(t *testing.T) {
	p := newPage(1).text(12, "Una lettera qualunque", "con due righe")
	if _, err := Document([]extract.Page{p.p}, plan.Source{}); err != ErrNotReport {
		t.Errorf("err = %v, want ErrNotReport", err)
	}
}

func TestSplitGoalAndDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1.2 - LA RIGENERAZIONE URBANA: LE OPERE PER LA CITTÀ", `{"code":"1.2","title":"LA RIGENERAZIONE URBANA: LE OPERE PER LA CITTÀ"}`},
		{"1.2.07 - 29_Interventi - PNRR", `{"code":"1.2.07","title":"29_Interventi - PNRR"}`},
		{"", `null`},
	}
	for _, tt := range tests {
		if got := js(splitGoal(tt.in)); got != tt.want {
			t.Errorf("splitGoal(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	dates := map[string]string{"01/01/2024": `"2024-01-01"`, "1/2/2024": `"2024-02-01"`, "31/13/2024": "null", "": "null", "n.d.": "null"}
	for in, want := range dates {
		if got := js(parseDate(in)); got != want {
			t.Errorf("parseDate(%q) = %s, want %s", in, got, want)
		}
	}
}
