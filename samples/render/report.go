package render

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/obiettivi/obiettivi/plan"
)

// The labels of the report, exactly as a Stampa Obiettivi prints them.
const (
	labelIndex       = "Indice"
	labelSectorHead  = "Responsabile settore"
	labelOfficeHead  = "Responsabile ufficio"
	labelObjective   = "Obiettivo"
	labelWeight      = "Valutazione obiettivo"
	labelDescription = "Descrizione"
	labelStrategic   = "Obiettivo strategico"
	labelOperational = "Obiettivo operativo"
	labelPerson      = "Persona"
	labelCategory    = "Categoria"
	labelRole        = "Ruolo"
	labelStart       = "Inizio"
	labelEnd         = "Fine"
	labelPhase       = "Fase"
	labelPhaseDesc   = "Descrizione fase"
	labelSchedule    = "Cronoprogramma"
	labelPlanned     = "Previsto"
	labelActual      = "Consuntivo"
	labelIndicator   = "Indicatore"
	labelMeasure     = "Udm"
	labelReference   = "Valore di riferimento"
	labelTarget      = "Atteso "
	labelPrinted     = "Stampato il "
	labelPageOf      = "Pagina %d di %d"
)

// monthLabels head the twelve month columns of the Cronoprogramma.
var monthLabels = [12]string{"Gen", "Feb", "Mar", "Apr", "Mag", "Giu", "Lug", "Ago", "Set", "Ott", "Nov", "Dic"}

// printer lays out one plan on a canvas.
type printer struct {
	c   *canvas
	doc *plan.Document

	// tocNumbers are the page numbers to print in the Indice, one per
	// entry; nil prints placeholders.
	tocNumbers []int

	// cache holds the objectives set in their tables, shared by the passes.
	cache []*objectiveLayout

	// Column widths.
	kvW, staffW, phaseW, gridW []float64

	// What was printed, for the printed plan.
	toc       []plan.TOCEntry
	tocUnit   []int // unit index of each Indice entry, -1 if none
	unitPage  []int
	order     []int // objective indices in printed order
	objPage   []int
	objDesc   []description
	printedOn time.Time
}

// layout prints doc on c and records where everything fell.
func layout(ctx context.Context, c *canvas, doc *plan.Document, tocNumbers []int, cache []*objectiveLayout) (*printer, error) {
	p := &printer{c: c, doc: doc, tocNumbers: tocNumbers, cache: cache}
	p.printedOn = c.s.PrintedOn
	if p.printedOn.IsZero() {
		p.printedOn = time.Date(doc.Year, time.March, 15, 0, 0, 0, 0, time.UTC)
	}
	if err := p.columns(); err != nil {
		return nil, err
	}
	c.decorate = p.decorate
	units, err := p.assign()
	if err != nil {
		return nil, err
	}
	p.planTOC()
	p.cover()
	p.index()
	p.unitPage = make([]int, len(doc.Units))
	p.objPage = make([]int, len(doc.Objectives))
	p.objDesc = make([]description, len(doc.Objectives))
	c.newPage(true)
	for i := range doc.Units {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p.unit(i, units[i])
		if c.err != nil {
			return nil, c.err
		}
	}
	return p, nil
}

// assign groups the objectives under the units they are printed under.
func (p *printer) assign() ([][]int, error) {
	first := map[string]int{}
	for i, u := range p.doc.Units {
		if _, dup := first[u.Code]; !dup {
			first[u.Code] = i
		}
	}
	units := make([][]int, len(p.doc.Units))
	for i, o := range p.doc.Objectives {
		u, ok := first[o.Unit]
		if !ok {
			return nil, fmt.Errorf("objective %d %q: unit %q is not among the plan's units", i+1, o.Title, o.Unit)
		}
		units[u] = append(units[u], i)
	}
	return units, nil
}

// columns sets the table column widths for the page.
func (p *printer) columns() error {
	c := p.c
	fs := c.s.FontSize
	W := c.width
	word := func(s string) float64 { return c.widthAt(s, true, fs) + 2*c.pad + 0.5 }
	// The label column is at least as wide as the longest word of a label.
	labelMin := 0.0
	for _, l := range []string{labelSectorHead, labelOfficeHead, labelObjective, labelWeight, labelDescription, labelStrategic, labelOperational} {
		for _, w := range strings.Fields(l) {
			labelMin = max(labelMin, word(w))
		}
	}
	date := max(c.widthAt("00/00/0000", false, fs)+2*c.pad+0.5, word(labelStart))
	key := 22.0
	if k := c.s.KeyWidth; k > 0 {
		key = 100 * k
	}
	p.kvW = columns(W, []float64{key, 100 - key}, []float64{labelMin, 0})
	p.staffW = columns(W, []float64{25, 27, 24, 12, 12}, []float64{0, 0, 0, date, date})
	p.phaseW = columns(W, []float64{30, 46, 12, 12}, []float64{0, 0, date, date})
	month := 0.0
	for _, m := range monthLabels {
		month = max(month, c.widthAt(m, true, fs)+1.2)
	}
	mins := []float64{word(labelSchedule), word(labelActual)}
	weights := []float64{33, 12}
	for range 12 {
		mins = append(mins, month)
		weights = append(weights, 4.6)
	}
	p.gridW = columns(W, weights, mins)
	sum := 0.0
	for _, w := range p.gridW {
		sum += w
	}
	if sum > W+eps || p.kvW[1] < 3*labelMin {
		return fmt.Errorf("page %s is %.0f mm wide inside the margins: too narrow for the tables at %.1f pt", c.s.size, W, fs)
	}
	return nil
}

// decorate draws the running header and the footer of a page.
func (p *printer) decorate(c *canvas) {
	fs := c.s.FontSize - 1.5
	top := c.s.Margins.Top
	head := plan.Canon(p.doc.Entity) + " — " + plan.Canon(p.doc.Title)
	size := fs
	for size > 5 && c.widthAt(head, false, size) > c.width {
		size -= 0.5
	}
	c.pdf.SetTextColor(80, 80, 80)
	c.text(c.left, top+lineH(size)*0.8, head, false, size)
	c.hline(c.left, c.left+c.width, top+lineH(fs)*1.3)
	fy := c.pageH - c.s.Margins.Bottom
	c.hline(c.left, c.left+c.width, fy-lineH(fs)*1.5)
	c.text(c.left, fy-lineH(fs)*0.3, labelPrinted+p.printedOn.Format("02/01/2006"), false, fs)
	pg := fmt.Sprintf(labelPageOf, c.page, c.total)
	c.text(c.left+c.width-c.widthAt(pg, false, fs), fy-lineH(fs)*0.3, pg, false, fs)
	c.pdf.SetTextColor(0, 0, 0)
}

// cover prints the title page.
func (p *printer) cover() {
	c := p.c
	c.newPage(false)
	size := c.s.FontSize + 7
	w := c.width * 0.8
	y := c.pageH * 0.28
	for _, l := range c.wrap(p.doc.Title, w, true, size) {
		c.text(c.left+(c.width-c.widthAt(l, true, size))/2, y, l, true, size)
		y += lineH(size)
	}
	y += lineH(size)
	size = c.s.FontSize + 2
	for _, l := range c.wrap(p.doc.Entity, w, false, size) {
		c.text(c.left+(c.width-c.widthAt(l, false, size))/2, y, l, false, size)
		y += lineH(size)
	}
}

// planTOC decides the Indice entries and the unit each one points to: the
// plan's own entries when it has them, otherwise one per unit.
func (p *printer) planTOC() {
	units := p.doc.Units
	if len(p.doc.TOC) == 0 {
		for i, u := range units {
			p.toc = append(p.toc, plan.TOCEntry{Code: u.Code, Name: u.Name})
			p.tocUnit = append(p.tocUnit, i)
		}
		return
	}
	for i, e := range p.doc.TOC {
		p.toc = append(p.toc, plan.TOCEntry{Code: plan.Canon(e.Code), Name: plan.Canon(e.Name)})
		ui := -1
		if len(p.doc.TOC) == len(units) {
			ui = i
		} else {
			for j, u := range units {
				if u.Code == e.Code || (ui < 0 && u.Name == e.Name) {
					ui = j
					if u.Code == e.Code {
						break
					}
				}
			}
		}
		p.tocUnit = append(p.tocUnit, ui)
	}
}

// index prints the Indice, over as many pages as it takes.
func (p *printer) index() {
	c := p.c
	if len(p.toc) == 0 {
		return
	}
	c.newPage(true)
	fs := c.s.FontSize
	numW := c.widthAt("00000", false, fs)
	rows := make([]block, len(p.toc))
	for i, e := range p.toc {
		num := ""
		if p.tocNumbers != nil && p.tocNumbers[i] > 0 {
			num = strconv.Itoa(p.tocNumbers[i])
		}
		text := e.Code + " - " + e.Name
		if e.Name == "" {
			text = e.Code
		}
		nameW := c.width - numW - c.widthAt(" . . . .", false, fs)
		if w := c.s.IndexNameWidth; w > 0 {
			nameW = min(nameW, w*c.width)
		}
		rows[i] = &tocRow{lines: c.wrap(text, nameW, false, fs), num: num, size: fs, numW: numW}
	}
	title := &headingBlock{text: labelIndex, size: fs + 5}
	c.emit(table{header: title, rows: rows, repeatHeader: true})
}

// unit prints a unit heading and its objectives.
func (p *printer) unit(ui int, objs []int) {
	c := p.c
	u := &p.doc.Units[ui]
	fs := c.s.FontSize
	heading := plan.Canon(u.Code) + " - " + plan.Canon(u.Name)
	hc := c.textCellSized(heading, c.width, true, fs+2)
	hc.fill = c.s.Colors.Unit
	head := c.newRow([]float64{c.width}, []cell{hc}, false)
	resp := p.headsRow(u)
	keep := head.h + resp.h
	if len(objs) > 0 {
		keep += 2 + p.objectiveLayout(objs[0]).keep(c)
	}
	c.ensure(keep)
	p.unitPage[ui] = c.emit(table{rows: []block{head, resp}})
	c.y += 2
	for _, oi := range objs {
		p.objective(oi)
	}
	c.y += 2
}

// headsRow is the "Responsabile" row under a unit heading: the sector's
// head, and for an office its own head beside it.
func (p *printer) headsRow(u *plan.Unit) *row {
	c := p.c
	label := func(s string, w float64) cell {
		cl := c.textCell(s, w, true)
		cl.fill = c.s.Colors.Label
		return cl
	}
	lw := p.kvW[0]
	if u.Kind == plan.KindSector || u.Sector == nil {
		r := c.newRow(p.kvW, []cell{label(labelSectorHead, lw), c.textCell(plan.Deref(u.Head), p.kvW[1], false)}, false)
		r.kind = labelRow
		return r
	}
	var sectorHead string
	for _, s := range p.doc.Units {
		if s.Code == *u.Sector {
			sectorHead = plan.Deref(s.Head)
			break
		}
	}
	vw := (c.width - 2*lw) / 2
	ws := []float64{lw, vw, lw, vw}
	r := c.newRow(ws, []cell{
		label(labelSectorHead, lw), c.textCell(sectorHead, vw, false),
		label(labelOfficeHead, lw), c.textCell(plan.Deref(u.Head), vw, false),
	}, false)
	r.kind = labelRow
	return r
}

// kvRow is a row of the objective's key/value table.
func (p *printer) kvRow(label string, value cell) *row {
	lc := p.c.textCell(label, p.kvW[0], true)
	lc.fill = p.c.s.Colors.Label
	r := p.c.newRow(p.kvW, []cell{lc, value}, false)
	r.kind = labelRow
	return r
}

// objectiveLayout is an objective set in its tables, ready to place.
type objectiveLayout struct {
	kv     []*row // Obiettivo, Valutazione, Descrizione, goals
	desc   description
	tables []table // Persona, Fase, Cronoprogramma, Indicatore, as present
}

// keep is the height of the title and weight rows and the first two lines
// of the description, which are kept on one page.
func (l *objectiveLayout) keep(c *canvas) float64 {
	return l.kv[0].h + l.kv[1].h + min(l.kv[2].h, 2*lineH(c.s.FontSize)+2*c.vpad)
}

// objectiveLayout sets objective oi in its tables. Tables do not depend on
// where they are placed, so both layout passes share them.
func (p *printer) objectiveLayout(oi int) *objectiveLayout {
	if l := p.cache[oi]; l != nil {
		return l
	}
	c := p.c
	o := &p.doc.Objectives[oi]
	vw := p.kvW[1]
	weight := ""
	if o.Weight != nil {
		weight = strconv.FormatFloat(*o.Weight, 'f', -1, 64)
	}
	l := &objectiveLayout{desc: c.layoutDescription(o.DescriptionHTML, vw)}
	dr := p.kvRow(labelDescription, cell{lines: l.desc.lines})
	dr.eagerSplit = true
	dr.cells[0].repeat = !c.s.PlainContinuation
	l.kv = []*row{
		p.kvRow(labelObjective, c.textCell(o.Title, vw, true)),
		p.kvRow(labelWeight, c.textCell(weight, vw, false)),
		dr,
		p.kvRow(labelStrategic, c.textCell(goalText(o.StrategicGoal), vw, false)),
		p.kvRow(labelOperational, c.textCell(goalText(o.OperationalGoal), vw, false)),
	}
	if len(o.Staff) > 0 {
		l.tables = append(l.tables, p.staff(o))
	}
	if len(o.Phases) > 0 {
		l.tables = append(l.tables, p.phases(o), p.schedule(o))
	}
	if len(o.Indicators) > 0 {
		l.tables = append(l.tables, p.indicators(o))
	}
	p.cache[oi] = l
	return l
}

func goalText(g *plan.Goal) string {
	if g == nil {
		return ""
	}
	code, title := plan.Canon(g.Code), plan.Canon(g.Title)
	switch {
	case code == "":
		return title
	case title == "":
		return code
	}
	return code + " - " + title
}

// objective prints one objective occurrence.
func (p *printer) objective(oi int) {
	c := p.c
	l := p.objectiveLayout(oi)
	c.ensure(l.keep(c))
	kv := make([]block, len(l.kv))
	for i, r := range l.kv {
		kv[i] = r
	}
	p.objPage[oi] = c.emit(table{rows: kv})
	p.objDesc[oi] = l.desc
	p.order = append(p.order, oi)
	for _, t := range l.tables {
		c.y += 1.5
		c.emit(t)
	}
	c.y += 4
}

// headerRow is a shaded header row of bold labels.
func (p *printer) headerRow(ws []float64, labels []string, center func(i int) bool) *row {
	cells := make([]cell, len(labels))
	for i, l := range labels {
		if center != nil && center(i) {
			cells[i] = p.c.centeredCell(l, ws[i], true)
		} else {
			cells[i] = p.c.textCell(l, ws[i], true)
		}
		cells[i].fill = p.c.s.Colors.Header
	}
	return p.c.newRow(ws, cells, false)
}

// textRow is a row of plain text cells.
func (p *printer) textRow(ws []float64, values ...string) *row {
	cells := make([]cell, len(values))
	for i, v := range values {
		cells[i] = p.c.textCell(v, ws[i], false)
	}
	r := p.c.newRow(ws, cells, false)
	r.kind = dataRow
	return r
}

// dataTable is a table under a header of labels whose header repeats on
// continuation pages unless the options say otherwise.
func (p *printer) dataTable(header *row, rows []block) table {
	return table{header: header, rows: rows, repeatHeader: !p.c.s.NoRepeatHeader}
}

func (p *printer) staff(o *plan.Objective) table {
	ws := p.staffW
	rows := make([]block, len(o.Staff))
	for i, s := range o.Staff {
		rows[i] = p.textRow(ws, s.Name, plan.Deref(s.Category), plan.Deref(s.Role), date(s.Start), date(s.End))
	}
	return p.dataTable(p.headerRow(ws, []string{labelPerson, labelCategory, labelRole, labelStart, labelEnd}, nil), rows)
}

func (p *printer) phases(o *plan.Objective) table {
	ws := p.phaseW
	rows := make([]block, len(o.Phases))
	for i, ph := range o.Phases {
		rows[i] = p.textRow(ws, ph.Title, plan.Deref(ph.Description), date(ph.Start), date(ph.End))
	}
	return p.dataTable(p.headerRow(ws, []string{labelPhase, labelPhaseDesc, labelStart, labelEnd}, nil), rows)
}

// schedule is the Cronoprogramma: per phase a "Previsto" and a
// "Consuntivo" row of twelve months, filled where the phase runs.
func (p *printer) schedule(o *plan.Objective) table {
	c := p.c
	ws := p.gridW
	labels := append([]string{labelSchedule, ""}, monthLabels[:]...)
	header := p.headerRow(ws, labels, func(i int) bool { return i >= 2 })
	rows := make([]block, len(o.Phases))
	for i, ph := range o.Phases {
		g := &gridRow{widths: ws, title: c.textCell(ph.Title, ws[0], false)}
		g.labels[0] = c.textCell(labelPlanned, ws[1], false)
		g.labels[1] = c.textCell(labelActual, ws[1], false)
		for r, ms := range [2][]int{ph.PlannedMonths, ph.ActualMonths} {
			for _, m := range ms {
				if m >= 1 && m <= 12 {
					g.months[r][m-1] = true
				}
			}
		}
		g.fills = [2]Color{c.s.Colors.Planned, c.s.Colors.Actual}
		sub := lineH(c.s.FontSize) + 2*c.vpad
		g.h = max(2*sub, g.title.textHeight()+2*c.vpad)
		rows[i] = g
	}
	return p.dataTable(header, rows)
}

// indicators is the Indicatore table with one "Atteso" column per target
// year.
func (p *printer) indicators(o *plan.Objective) table {
	c := p.c
	years := targetYears(o.Indicators)
	weights := []float64{40, 10, 16}
	mins := []float64{0, c.widthAt(labelMeasure, true, c.s.FontSize) + 2*c.pad + 0.5, 0}
	labels := []string{labelIndicator, labelMeasure, labelReference}
	for _, y := range years {
		weights = append(weights, 34/float64(max(2, len(years))))
		mins = append(mins, 0)
		labels = append(labels, labelTarget+y)
	}
	ws := columns(c.width, weights, mins)
	rows := make([]block, len(o.Indicators))
	for i, in := range o.Indicators {
		vals := []string{in.Name, plan.Deref(in.Unit), plan.Deref(in.Reference)}
		for _, y := range years {
			vals = append(vals, plan.Deref(in.Targets[y]))
		}
		rows[i] = p.textRow(ws, vals...)
	}
	return p.dataTable(p.headerRow(ws, labels, nil), rows)
}

// targetYears are the target years of an objective's indicators, sorted:
// the "Atteso" columns of its table.
func targetYears(ins []plan.Indicator) []string {
	set := map[string]bool{}
	for _, in := range ins {
		for y := range in.Targets {
			set[y] = true
		}
	}
	years := make([]string, 0, len(set))
	for y := range set {
		years = append(years, y)
	}
	sort.Strings(years)
	return years
}

// date prints an ISO date as dd/mm/yyyy; anything else is printed as it is.
func date(iso *string) string {
	if iso == nil {
		return ""
	}
	t, err := time.Parse("2006-01-02", strings.TrimSpace(*iso))
	if err != nil {
		return *iso
	}
	return t.Format("02/01/2006")
}

// gridRow is one phase of the Cronoprogramma: its title over two rows,
// "Previsto" and "Consuntivo", each with twelve month cells.
type gridRow struct {
	widths []float64
	title  cell
	labels [2]cell
	months [2][12]bool
	fills  [2]Color
	h      float64
}

func (g *gridRow) height() float64                           { return g.h }
func (g *gridRow) eager() bool                               { return false }
func (g *gridRow) split(*canvas, float64) (head, tail block) { return nil, nil }

func (g *gridRow) draw(c *canvas) {
	x := c.left
	c.frame(x, c.y, g.widths[0], g.h)
	c.drawLines(&g.title, x, c.y, g.widths[0])
	x += g.widths[0]
	half := g.h / 2
	for r := range 2 {
		y := c.y + float64(r)*half
		mx := x
		c.frame(mx, y, g.widths[1], half)
		c.drawLines(&g.labels[r], mx, y, g.widths[1])
		mx += g.widths[1]
		for m := range 12 {
			w := g.widths[2+m]
			if g.months[r][m] {
				c.fill(mx, y, w, half, g.fills[r])
			}
			c.frame(mx, y, w, half)
			mx += w
		}
	}
	c.y += g.h
}

// sliver draws the top h mm of the row at the cursor, without its text:
// the column rules and the month fills that reach into it. The cursor
// does not move.
func (g *gridRow) sliver(c *canvas, h float64) {
	x := c.left
	half := g.h / 2
	c.vline(x, c.y, c.y+h)
	x += g.widths[0]
	c.vline(x, c.y, c.y+h)
	for r := range 2 {
		y0 := c.y + float64(r)*half
		sh := min(half, c.y+h-y0)
		if sh <= 0 {
			continue
		}
		mx := x + g.widths[1]
		for m := range 12 {
			w := g.widths[2+m]
			if g.months[r][m] {
				c.fill(mx, y0, w, sh, g.fills[r])
			}
			mx += w
		}
	}
	for i := 1; i < len(g.widths); i++ {
		x += g.widths[i]
		c.vline(x, c.y, c.y+h)
	}
}

// headingBlock is an unruled heading line, like the Indice title.
type headingBlock struct {
	text string
	size float64
}

func (h *headingBlock) height() float64                           { return lineH(h.size) * 1.6 }
func (h *headingBlock) eager() bool                               { return false }
func (h *headingBlock) split(*canvas, float64) (head, tail block) { return nil, nil }
func (h *headingBlock) draw(c *canvas) {
	c.text(c.left, c.y+lineH(h.size)*0.8, h.text, true, h.size)
	c.y += h.height()
}

// tocRow is one Indice entry: "CODE - NAME", wrapped, with dot leaders to
// its page number on the last line.
type tocRow struct {
	lines []string
	num   string
	size  float64
	numW  float64
}

func (t *tocRow) height() float64 {
	return float64(max(1, len(t.lines)))*lineH(t.size) + lineH(t.size)*0.7
}
func (t *tocRow) eager() bool                               { return false }
func (t *tocRow) split(*canvas, float64) (head, tail block) { return nil, nil }

func (t *tocRow) draw(c *canvas) {
	lh := lineH(t.size)
	y := c.y
	numLine := len(t.lines) - 1
	if c.s.IndexNumberFirst {
		numLine = 0
	}
	for i, l := range t.lines {
		c.text(c.left, y+lh*0.8, l, false, t.size)
		if i == numLine {
			start := c.left + c.widthAt(l, false, t.size)
			end := c.left + c.width - t.numW
			dot := c.widthAt(" .", false, t.size)
			if n := int((end - start) / dot); n > 1 {
				c.text(start, y+lh*0.8, strings.Repeat(" .", n-1), false, t.size)
			}
			c.text(c.left+c.width-c.widthAt(t.num, false, t.size), y+lh*0.8-c.s.IndexNumberRise, t.num, false, t.size)
		}
		y += lh
	}
	c.y += t.height()
}
