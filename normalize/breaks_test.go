package normalize

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
)

// bodyEnd is where the body of the test pages ends.
const bodyEnd = 700

// toBottom moves the rows of page b down so that its last row ends at the
// bottom of the body, as the last row of a full page does.
func toBottom(b *pageBuilder) *pageBuilder {
	last := b.p.Tables[len(b.p.Tables)-1]
	d := bodyEnd - last.Rows[len(last.Rows)-1].Y1
	for ti := range b.p.Tables {
		t := &b.p.Tables[ti]
		t.Y0, t.Y1 = t.Y0+d, t.Y1+d
		for ri := range t.Rows {
			r := &t.Rows[ri]
			r.Y0, r.Y1 = r.Y0+d, r.Y1+d
			for ci := range r.Cells {
				c := &r.Cells[ci]
				c.Y0, c.Y1 = c.Y0+d, c.Y1+d
				for li := range c.Lines {
					c.Lines[li].Baseline += d
				}
			}
		}
	}
	return b
}

// A label cell cut by a page break: its first word ends one page, the
// rest starts the next. The tail opens no objective and the head, when
// it reads as a label of its own ("Obiettivo"), opens none either.
func TestLabelCutByPageBreak(t *testing.T) {
	tests := []struct {
		name       string
		head, tail []extract.Cell
		check      func(o plan.Objective) bool
	}{
		{"Valutazione | obiettivo", kv("Valutazione", "33,00"), kv("obiettivo", ""),
			func(o plan.Objective) bool { return o.Weight != nil && *o.Weight == 33 }},
		{"Valutazione | obiettivo, the value after the break", kv("Valutazione", ""), kv("obiettivo", "40"),
			func(o plan.Objective) bool { return o.Weight != nil && *o.Weight == 40 }},
		{"Obiettivo | strategico", kv("Obiettivo", "1.2 - LA CITTÀ"), kv("strategico", "E IL TERRITORIO"),
			func(o plan.Objective) bool {
				return js(o.StrategicGoal) == `{"code":"1.2","title":"LA CITTÀ E IL TERRITORIO"}`
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p2 := newPage(2).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X")).
				table(kv("Obiettivo", "Uno"), tt.head)
			p3 := newPage(3).table(tt.tail, kv("Descrizione", "<p>Una descrizione.</p>"), kv("Obiettivo operativo", "1.2.3 - OPERATIVO")).
				table(staffHeader(), staff("ROSSI MARIO", "Area istruttori", "Istruttore", "01/01/2024", "31/12/2024"))
			doc := build(t, cover(), p2, p3)
			if len(doc.Objectives) != 1 {
				t.Fatalf("%d objectives: %s", len(doc.Objectives), js(doc.Objectives))
			}
			o := doc.Objectives[0]
			if o.Title != "Uno" || !tt.check(o) || o.DescriptionText != "Una descrizione." || o.OperationalGoal == nil || len(o.Staff) != 1 {
				t.Errorf("objective read as %s", js(o))
			}
		})
	}
}

// A unit heading whose name wraps over a page break.
func TestHeadingCutByPageBreak(t *testing.T) {
	p2 := newPage(2).table(heading("SPROVA", "SETTORE"), kv("Responsabile settore", "X")).table(kv("Obiettivo", "Uno")).
		table(heading("UPROVA", "UFFICIO DI PROVA CON UN"))
	p3 := newPage(3).table([]extract.Cell{cell(40, 550, "NOME LUNGO")}, kv("Responsabile ufficio", "ROSSI MARIO")).
		table(kv("Obiettivo", "Due"))
	doc := build(t, cover(), p2, p3)
	if len(doc.Units) != 2 || doc.Units[1].Name != "UFFICIO DI PROVA CON UN NOME LUNGO" || plan.Deref(doc.Units[1].Head) != "ROSSI MARIO" {
		t.Errorf("units = %s", js(doc.Units))
	}
	if len(doc.Objectives) != 2 || doc.Objectives[1].Unit != "UPROVA" {
		t.Errorf("objectives = %s", js(doc.Objectives))
	}
}

// A staff row and an indicator row cut by a page break under their
// repeated headers, both parts closed by rules: the dates, the unit and
// the values stay on the page before; and a month-grid header cut inside
// its month heads ("Ma" over "r").
func TestRowsCutUnderRepeatedHeader(t *testing.T) {
	indHeader := func() []extract.Cell {
		return []extract.Cell{cell(40, 240, "Indicatore"), cell(240, 300, "Udm"), cell(300, 390, "Valore di|riferimento"), cell(390, 470, "Atteso 2025")}
	}
	ind := func(name, unit, ref, target string) []extract.Cell {
		return []extract.Cell{cell(40, 240, name), cell(240, 300, unit), cell(300, 390, ref), cell(390, 470, target)}
	}
	p2 := newPage(2).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X")).
		table(kv("Obiettivo", "Uno")).
		table(staffHeader(), staff("ROSSI MARIO", "Area istruttori", "Istruttore", "01/01/2024", "31/12/2024"),
			staff("BIANCHI", "Area Funzionari ed", "Funzionario", "01/01/2024", "30/06/2024"))
	p3 := newPage(3).table(staffHeader(), staff("ANNA MARIA", "EQ", "Tecnico", "", ""),
		staff("VERDI LUCA", "Area istruttori", "Operatore", "01/02/2024", "31/12/2024")).
		table(indHeader(), ind("Pratiche evase entro", "Num", "4", "10"))
	p4 := newPage(4).table(indHeader(), ind("trenta giorni", "", "", ""), ind("Sopralluoghi", "Num", "", "")).
		table(kv("Obiettivo", "Due")).table(phaseHeader(), phase("Avvio", "", "01/01/2024", "31/03/2024"))
	gh := gridHeader()
	gh[4] = cell(300, 325, "Ma")
	p4.table(gh)
	tail := make([]extract.Cell, len(gh))
	for i := range gh {
		tail[i] = cell(gh[i].X0, gh[i].X1, "")
	}
	tail[4] = cell(300, 325, "r")
	p5 := newPage(5).table(tail, monthRow("Avvio", "Previsto", 1, 2, 3), monthRow("", "Consuntivo", 3))
	doc := build(t, cover(), toBottom(p2), toBottom(p3), p4, p5)
	o := doc.Objectives[0]
	want := `[{"name":"ROSSI MARIO","category":"Area istruttori","role":"Istruttore","start":"2024-01-01","end":"2024-12-31"},` +
		`{"name":"BIANCHI ANNA MARIA","category":"Area Funzionari ed EQ","role":"Funzionario Tecnico","start":"2024-01-01","end":"2024-06-30"},` +
		`{"name":"VERDI LUCA","category":"Area istruttori","role":"Operatore","start":"2024-02-01","end":"2024-12-31"}]`
	if got := js(o.Staff); got != want {
		t.Errorf("staff = %s\nwant    %s", got, want)
	}
	want = `[{"name":"Pratiche evase entro trenta giorni","unit":"Num","reference":"4","targets":{"2025":"10"}},` +
		`{"name":"Sopralluoghi","unit":"Num","reference":null,"targets":{"2025":null}}]`
	if got := js(o.Indicators); got != want {
		t.Errorf("indicators = %s\nwant         %s", got, want)
	}
	if ph := doc.Objectives[1].Phases; len(ph) != 1 || js(ph[0].PlannedMonths) != "[1,2,3]" || js(ph[0].ActualMonths) != "[3]" {
		t.Errorf("phases = %s", js(ph))
	}
}

// A month-grid row sliced at the page bottom: a sliver of it, fills
// included and no text, under the last full row, the row printed again
// whole on the next page. The sliver's fills belong to no phase. And a
// phase whose planned row ends a page and whose actual row, with the
// rest of its title, starts the next.
func TestGridCutByPageBreak(t *testing.T) {
	p2 := newPage(2).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X")).
		table(kv("Obiettivo", "Uno")).
		table(phaseHeader(), phase("Avvio", "", "01/01/2024", "31/03/2024"), phase("Verifica", "", "01/04/2024", "30/06/2024"),
			phase("Chiusura dei lavori", "", "01/07/2024", "31/12/2024")).
		table(gridHeader(), monthRow("Avvio", "Previsto", 1, 2, 3), monthRow("", "Consuntivo", 1))
	sliver := monthRow("", "", 4, 5, 6)
	sliver[0].Lines = nil
	grid := &p2.p.Tables[len(p2.p.Tables)-1]
	y := grid.Rows[len(grid.Rows)-1].Y1
	for i := range sliver {
		sliver[i].Y0, sliver[i].Y1, sliver[i].OpenBottom = y, y+2, true
	}
	grid.Rows = append(grid.Rows, extract.Row{Rect: extract.Rect{X0: 40, Y0: y, X1: 550, Y1: y + 2}, Cells: sliver})
	p3 := newPage(3).table(gridHeader(), monthRow("Verifica", "Previsto", 4, 5, 6), monthRow("", "Consuntivo"),
		monthRow("Chiusura dei", "Previsto", 7, 8, 9, 10, 11, 12))
	p4 := newPage(4).table(gridHeader(), monthRow("lavori", "Consuntivo", 7))
	doc := build(t, cover(), p2, p3, p4)
	var got []string
	for _, ph := range doc.Objectives[0].Phases {
		got = append(got, ph.Title+js(ph.PlannedMonths)+js(ph.ActualMonths))
	}
	want := []string{"Avvio[1,2,3][1]", "Verifica[4,5,6][]", "Chiusura dei lavori[7,8,9,10,11,12][7]"}
	if js(got) != js(want) {
		t.Errorf("months = %q\nwant     %q", got, want)
	}
}

// The Indice: a name wrapped over two lines with its page number on the
// first, or on a line of its own slightly off the name's baseline; a
// wrapped line that reads like an entry ("PERSONA - ...").
func TestTOCReadingOrder(t *testing.T) {
	p1 := newPage(1).text(24, "Stampa Obiettivi").text(14, "Comune di Prova").text(12, "Indice")
	addAt := func(y, x float64, text string) {
		p1.p.Lines = append(p1.p.Lines, extract.TextLine{Text: text, Size: 9, Baseline: y, X0: x})
	}
	add := func(y float64, text string) {
		x := 40.0
		if strings.Trim(text, "0123456789") == "" {
			x = 540 // page numbers stand at the right edge
		}
		addAt(y, x, text)
	}
	add(200, "SPROVA - SETTORE DI PROVA . . . . . . 2")
	add(214, "UPROVA - UFFICIO DI PROVA CON UN . . . . 2")
	add(225, "NOME LUNGO")
	add(240, "UALTRO - ASSISTENZA ALLA")
	add(248.5, "3") // above the baseline of the line it ends
	add(251, "PERSONA - SERVIZI . . . . . . .")
	add(266, "4") // below the baseline of its one line
	add(264, "UTERZO - TERZO UFFICIO . . . . . .")
	add(280, "UCODICE . . . . . . 5") // the code alone on its line
	add(291, "- NOME DEL CODICE")
	add(306, "SSET2 - SETTORE DI PROVA . . . . 6")
	addAt(317, 40, "2") // the name's last word, under it
	add(332, "SSET3 - SETTORE . . . .")
	add(330, "7")
	addAt(343, 40, "3")
	p2 := newPage(2).table(heading("SPROVA", "SETTORE DI PROVA"), kv("Responsabile settore", "X")).table(kv("Obiettivo", "Uno")).
		table(heading("UPROVA", "UFFICIO DI PROVA CON UN NOME LUNGO"), kv("Responsabile ufficio", "Y")).
		table(heading("UALTRO", "ASSISTENZA ALLA PERSONA - SERVIZI"), kv("Responsabile ufficio", "Z")).
		table(heading("UTERZO", "TERZO UFFICIO"), kv("Responsabile ufficio", "W")).
		table(heading("UCODICE", "NOME DEL CODICE"), kv("Responsabile ufficio", "V")).
		table(heading("SSET2", "SETTORE DI PROVA 2"), kv("Responsabile settore", "U")).
		table(heading("SSET3", "SETTORE 3"), kv("Responsabile settore", "T"))
	doc := build(t, p1, p2)
	want := `[{"code":"SPROVA","name":"SETTORE DI PROVA","page":2},{"code":"UPROVA","name":"UFFICIO DI PROVA CON UN NOME LUNGO","page":2},` +
		`{"code":"UALTRO","name":"ASSISTENZA ALLA PERSONA - SERVIZI","page":3},{"code":"UTERZO","name":"TERZO UFFICIO","page":4},` +
		`{"code":"UCODICE","name":"NOME DEL CODICE","page":5},{"code":"SSET2","name":"SETTORE DI PROVA 2","page":6},{"code":"SSET3","name":"SETTORE 3","page":7}]`
	if got := js(doc.TOC); got != want {
		t.Errorf("toc = %s\nwant  %s", got, want)
	}
}

// Pieces that join nothing are noted, not records: an objective
// without its title, a data row without its first cell under no row.
func TestPieces(t *testing.T) {
	p2 := newPage(2).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X")).
		table(kv("Obiettivo", "Uno")).
		table(kv("Obiettivo", ""), kv("Valutazione obiettivo", "10")).
		table(kv("Obiettivo", "Due")).
		table(phaseHeader(), phase("", "una descrizione senza fase", "", ""), phase("Avvio", "", "01/01/2024", "31/03/2024"))
	pages := []extract.Page{cover().p, p2.p}
	for i := range pages {
		pages[i].Lines = append(pages[i].Lines, extract.TextLine{Text: "Comune di Prova — Stampa Obiettivi", Size: 7, Baseline: 30})
	}
	res, err := Read(pages, plan.Source{})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, o := range res.Doc.Objectives {
		titles = append(titles, o.Title)
	}
	if js(titles) != `["Uno","Due"]` || len(res.Doc.Objectives[1].Phases) != 1 || res.Doc.Objectives[1].Phases[0].Title != "Avvio" {
		t.Errorf("objectives = %s", js(res.Doc.Objectives))
	}
	want := `[{"Kind":1,"Page":2,"Unit":"UPROVA","Detail":"","Staff":0,"Phases":0},` +
		`{"Kind":3,"Page":2,"Unit":"UPROVA","Detail":"una descrizione senza fase","Staff":0,"Phases":0}]`
	if got := js(res.Pieces); got != want {
		t.Errorf("pieces = %s\nwant     %s", got, want)
	}
}

// What is refused, and why.
func TestRefused(t *testing.T) {
	body := func(n int) *pageBuilder {
		return newPage(n).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X")).table(kv("Obiettivo", "Uno"))
	}
	garbage := func(n int) *pageBuilder { return newPage(n).table(kv("Rrrr", "rrrRR"), kv("RRu", "u")) }
	tests := []struct {
		name  string
		pages []*pageBuilder
		want  error
	}{
		{"no text", []*pageBuilder{newPage(1), newPage(2)}, ErrNoText},
		{"a letter", []*pageBuilder{newPage(1).text(12, "Una lettera qualunque", "con due righe")}, ErrNotReport},
		{"units but no objective", []*pageBuilder{cover(), newPage(2).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X"))}, ErrUnreadable},
		{"labels on too few pages", []*pageBuilder{cover(), body(2), garbage(3), garbage(4), garbage(5)}, ErrUnreadable},
	}
	for _, tt := range tests {
		var ps []extract.Page
		for _, b := range tt.pages {
			ps = append(ps, b.p)
		}
		_, err := Document(ps, plan.Source{})
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	var ps []extract.Page
	for _, b := range []*pageBuilder{cover(), body(2), body(3), garbage(4)} {
		ps = append(ps, b.p)
	}
	if _, err := Document(ps, plan.Source{}); err != nil {
		t.Errorf("one unreadable page of three: %v", err)
	}
}

// An objective's title row whose label cell holds the glyphs of another
// cell drawn over it (a title overflowing its cell at a page break) is
// still the title row: the row above "Valutazione obiettivo", in its two
// columns.
func TestGarbledTitleLabel(t *testing.T) {
	p2 := newPage(2).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X")).
		table(kv("Obiettivo", "Uno")).
		table(phaseHeader(), phase("Avvio", "", "01/01/2024", "31/03/2024"))
	p3 := newPage(3).table(kv("POUbBieBtLtIiCvIoTARI", "Due"), kv("Valutazione obiettivo", "20"), kv("Descrizione", "Il secondo.")).
		table(kv("Obiettivo", "Tre con un titolo"))
	// a title cut by a page break goes on in a row with an empty label
	p4 := newPage(4).table(kv("", "lungo"), kv("Valutazione obiettivo", "30"))
	doc := build(t, cover(), p2, p3, p4)
	var got []string
	for _, o := range doc.Objectives {
		got = append(got, o.Title+"/"+js(o.Weight)+"/"+o.DescriptionText+"/"+js(len(o.Phases)))
	}
	if want := []string{"Uno/null//1", "Due/20/Il secondo./0", "Tre con un titolo lungo/30//0"}; js(got) != js(want) {
		t.Errorf("objectives = %q, want %q", got, want)
	}
}

// A data row's cell that reads like one of an objective's labels (a
// title's wrapped last word) is no key/value row: the objective's other
// rows come before its tables.
func TestLabelWordInTable(t *testing.T) {
	p2 := toBottom(newPage(2).table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X")).
		table(kv("Obiettivo", "Uno"), kv("Valutazione obiettivo", "10")).
		table(phaseHeader(), phase("Nomina della commissione di", "una nomina", "01/01/2024", "30/04/2024")))
	p3 := newPage(3).table(phaseHeader(), phase("valutazione", "", "", ""), phase("Verifica", "", "01/05/2024", "31/12/2024"))
	doc := build(t, cover(), p2, p3)
	o := doc.Objectives[0]
	var titles []string
	for _, p := range o.Phases {
		titles = append(titles, p.Title)
	}
	if js(titles) != `["Nomina della commissione di valutazione","Verifica"]` || o.Weight == nil || *o.Weight != 10 {
		t.Errorf("phases %q, weight %s", titles, js(o.Weight))
	}
}

// A page of the body that prints none of the running lines the other
// pages print is named: its content is lost. A report whose pages print
// no running line names none.
func TestBarePages(t *testing.T) {
	body := func(running bool, bare ...int) []extract.Page {
		pages := []extract.Page{cover().p}
		for n := 2; n <= 7; n++ {
			p := newPage(n)
			if n == 2 {
				p.table(heading("UPROVA", "UFFICIO"), kv("Responsabile ufficio", "X"))
			}
			p.table(kv("Obiettivo", "Obiettivo "+strconv.Itoa(n)), kv("Valutazione obiettivo", "10"))
			pages = append(pages, p.p)
		}
		for i := range pages {
			if running && !slices.Contains(bare, i+1) {
				pages[i].Lines = append(pages[i].Lines,
					extract.TextLine{Text: "Comune di Prova — Stampa Obiettivi", Size: 7, Baseline: 30},
					extract.TextLine{Text: "Stampato il 15/03/2024", Size: 7, Baseline: 820})
			}
		}
		return pages
	}
	for _, tc := range []struct {
		name  string
		pages []extract.Page
		want  []int
	}{
		{"every page whole", body(true), nil},
		{"two pages bare", body(true, 4, 6), []int{4, 6}},
		{"the cover bare", body(true, 1), nil},
		{"no running lines at all", body(false), nil},
		{"the body's first page empty", func() []extract.Page {
			pages := body(true, 2)
			pages[1] = newPage(2).p // where the Indice places the first units
			return pages
		}(), []int{2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read(tc.pages, plan.Source{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.BarePages, tc.want) {
				t.Errorf("bare pages %v, want %v", res.BarePages, tc.want)
			}
		})
	}
}
