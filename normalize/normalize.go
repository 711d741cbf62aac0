// Package normalize turns the tables of a Stampa Obiettivi report's pages
// into plan records: the cover, the Indice, the units, and every objective
// occurrence with its staff, phases, month grid and indicators. Tables and
// descriptions split by page breaks are joined here.
package normalize

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/richtext"
)

// The reasons a PDF is refused. Each is wrapped with what was found.
var (
	// ErrNotReport is returned for a PDF with text that is not a Stampa
	// Obiettivi report.
	ErrNotReport = errors.New("not a Stampa Obiettivi report: no objective table found")
	// ErrNoText is returned for a PDF whose pages carry no text at all.
	ErrNoText = errors.New("the PDF has no text layer: its pages are images or outlines (a scan?); run OCR on it first")
	// ErrUnreadable is returned for a report whose labels are found on too
	// few of its pages: the text of the others cannot be read as the
	// report (damaged or unmapped fonts), and the plan would leave them out.
	ErrUnreadable = errors.New("the text of most pages cannot be read as the report")
)

// Result is a plan document and what the reader noticed while building it
// that the records themselves do not keep.
type Result struct {
	Doc *plan.Document
	// GridNotes are the month-grid rows whose title matches none of their
	// objective's phases.
	GridNotes []GridNote
	// Pieces are what the reader saw but could not join to any record.
	Pieces []Piece
	// BarePages are the pages of the body, in order, that print none of
	// the running header and footer lines the other pages print: they
	// lost their content (a stream replaced, a font missing) or were
	// never part of the report.
	BarePages []int
}

// GridNote is a month-grid row whose title matches no phase.
type GridNote struct {
	Objective int // index in Doc.Objectives
	Title     string
	Page      int
}

// Piece is a part of a table that joins nothing before it: an objective
// without its title, a row without its first cell. It is left out of the
// records.
type Piece struct {
	Kind PieceKind
	Page int
	Unit string // code of the unit it is printed under, or ""
	// Detail is what the piece holds that tells it: a staff row's category
	// and role, a phase's description.
	Detail string
	// Staff and Phases count the rows of an objective without title.
	Staff, Phases int
}

// PieceKind tells what a Piece is.
type PieceKind int

// The kinds of Piece.
const (
	PieceObjective PieceKind = iota + 1 // an objective without title
	PieceStaff                          // a staff row without name
	PiecePhase                          // a phase without title
	PieceIndicator                      // an indicator without name
)

// Document builds the plan document of the pages of one report. source is
// copied into the document as is.
func Document(pages []extract.Page, source plan.Source) (*plan.Document, error) {
	r, err := Read(pages, source)
	if err != nil {
		return nil, err
	}
	return r.Doc, nil
}

// Read builds the plan document of the pages of one report, with the
// reader's notes.
func Read(pages []extract.Page, source plan.Source) (*Result, error) {
	r := newReader(source, false)
	for i := range pages {
		r.add(pages[i])
	}
	res, _, err := r.done()
	return res, err
}

// hasText reports whether page p carries text.
func hasText(p *extract.Page) bool {
	for _, l := range p.Lines {
		if strings.TrimSpace(l.Text) != "" {
			return true
		}
	}
	for _, t := range p.Tables {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				if len(c.Lines) > 0 {
					return true
				}
			}
		}
	}
	return false
}

// enoughLabels refuses a report whose labels are read on too few of the
// pages of its body.
// A body with units but no objective is a report whose text cannot be
// read, not another document.
func (b *builder) enoughLabels(pages int) error {
	if b.firstBody == 0 {
		return ErrNotReport
	}
	body := pages - b.firstBody + 1
	if n := len(b.labelled); float64(n) < minLabelled*float64(body) || len(b.doc.Objectives) == 0 {
		return fmt.Errorf("%w: the report's labels are read on %d of its %d pages, %d objectives found (damaged or unmapped fonts?)",
			ErrUnreadable, n, body, len(b.doc.Objectives))
	}
	return nil
}

// builder is the state of one pass over the rows of a report.
type builder struct {
	doc *plan.Document

	inBody   bool // past the cover and the Indice
	tocLines []tocLine

	unit      *plan.Unit
	heads     unitHeads
	sector    string // code of the sector the offices are printed under
	obj       *objBuilder
	table     tableKind
	cols      []column // columns of the current data table
	lastKV    field
	lastRow   []string // cells of the last data row, by column
	lastOpen  bool     // the last data row had no bottom rule: a page break cut it
	lastLow   lowRow   // where the last data row ends, to tell whether it reached the bottom of its page's body
	rowMin    float64  // height of the current table's header row: no row is lower
	gridLine  float64  // size of the month grid's header text
	notes     []GridNote
	pieces    []Piece
	bare      []int // body pages without a running line
	pageBreak bool  // no data row yet since the last page break
	pageH     float64
	bottoms   lowestRows    // the lowest row bottom of the pages of each height
	guessing  bool          // bottoms are not all known yet: answers are kept
	asked     []bottomGuess // the answers given while guessing

	kvX1       float64      // where the label column of the objective's key/value table ends
	firstBody  int          // the page the body starts on
	bareBefore []int        // the pages before it that print no running line
	labelled   map[int]bool // pages on which a label was read
}

type tableKind int

const (
	tNone tableKind = iota
	tUnit
	tKV
	tStaff
	tPhases
	tGrid
	tIndicators
)

type objBuilder struct {
	o     plan.Objective
	desc  [][]richtext.Line
	grid  []gridRow
	lastG *gridRow
}

// item is a row of a page and where it starts; x0 and x1 are the
// extent of its table (rows read from text have none).
type item struct {
	y      float64
	r      row
	x0, x1 float64
}

// row is one table row as the builder reads it.
type row struct {
	cells []extract.Cell
	page  int
	// tail marks a line that is a row only as the rest of a heading cut
	// at the bottom of the page before (joinCuts joins it or drops it).
	tail bool
}

// adoptLines gives the free text lines that lie in a table row's band,
// within its table and under none of its cells, to that row as cells of
// their own: text of a cell whose rules a page break left open, which the
// extractor could not close into a cell (a phase title spanning two grid
// rows). It returns the lines left.
func adoptLines(items []item, lines []extract.TextLine, running *runSet) []extract.TextLine {
	var rest []extract.TextLine
	for _, l := range lines {
		taken := running.has(l)
		if taken {
			rest = append(rest, l)
			continue
		}
		for k := range items {
			r := &items[k].r
			if len(r.cells) == 0 || l.Baseline < r.cells[0].Y0 || l.Baseline > rowBottom(*r) {
				continue
			}
			if l.X0 < items[k].x0 || l.X1 > items[k].x1 {
				continue
			}
			free := true
			for _, c := range r.cells {
				if overlap(c.Rect, extract.Rect{X0: l.X0, X1: l.X1}) > 0 {
					free = false
					break
				}
			}
			if !free {
				continue
			}
			c := extract.Cell{Rect: extract.Rect{X0: l.X0, Y0: r.cells[0].Y0, X1: l.X1, Y1: rowBottom(*r)}, Lines: []extract.TextLine{l}}
			r.cells = append([]extract.Cell{c}, r.cells...)
			sort.SliceStable(r.cells, func(i, j int) bool { return r.cells[i].X0 < r.cells[j].X0 })
			taken = true
			break
		}
		if !taken {
			rest = append(rest, l)
		}
	}
	return rest
}

// headingType reports whether line l is set as unit headings are: bold,
// larger than the text of the page's lines.
func headingType(l extract.TextLine, lines []extract.TextLine) bool {
	return l.Bold && l.Size > (1+sameSize)*medianSize(lines)
}

func (b *builder) page(p *extract.Page, rows []row, running *runSet) {
	b.pageBreak = true
	b.pageH = p.Height
	if !b.inBody {
		b.tocPage(tocPart(p, rows), running)
	}
	for _, r := range rows {
		b.row(r)
	}
	switch {
	case hasRunning(p, running):
	case b.inBody:
		b.bare = append(b.bare, p.Number)
	default:
		b.bareBefore = append(b.bareBefore, p.Number)
	}
}

// hasRunning reports whether page p prints one of the report's running
// lines (its header, its footer).
func hasRunning(p *extract.Page, running *runSet) bool {
	for _, l := range p.Lines {
		if running.has(l) {
			return true
		}
	}
	return false
}

// barePages are the pages of the body that print none of the running
// lines the others print: a page of the report always carries its
// header and footer, so such a page lost what it printed. A report whose
// pages carry no running line (most of its body pages bare) names none.
//
// A bare page before the first unit heading is one of the body, too, when
// the Indice places a unit on it or before it: the body's first page lost
// its content.
func (b *builder) barePages(pages int) []int {
	body := pages - b.firstBody + 1
	if b.firstBody == 0 || 2*len(b.bare) >= body {
		return nil
	}
	var bare []int
	if first := b.tocFirstPage(); first > 1 {
		for _, n := range b.bareBefore {
			if n >= first {
				bare = append(bare, n)
			}
		}
	}
	return append(bare, b.bare...)
}

// tocFirstPage is the first page the Indice names, 0 for none.
func (b *builder) tocFirstPage() int {
	first := 0
	for _, e := range b.doc.TOC {
		if e.Page > 0 && (first == 0 || e.Page < first) {
			first = e.Page
		}
	}
	return first
}

// bodyRows lists the table rows of a page top to bottom, with the unit
// headings that a producer printed as text above a table rather than in a
// cell of it: a free text line "CODE - NAME" (wrapped lines joined) that
// the "Responsabile" row of its unit follows, or that ends the page. Tables printed without
// rules are read from the text lines by flow.
func bodyRows(p *extract.Page, running *runSet, flow *textFlow) []row {
	var items []item
	for ti := range p.Tables {
		t := &p.Tables[ti]
		for _, tr := range t.Rows {
			if len(tr.Cells) > 0 {
				items = append(items, item{y: tr.Y0, r: row{cells: tr.Cells, page: p.Number}, x0: t.X0, x1: t.X1})
			}
		}
	}
	text, rest := flow.rows(p, running)
	rest = adoptLines(items, rest, running)
	for _, r := range text {
		items = append(items, item{y: r.cells[0].Y0, r: r})
	}
	nrows := len(items)
	var lines []extract.TextLine
	for _, l := range rest {
		if !running.has(l) {
			lines = append(lines, l)
		}
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if !unitHeading.MatchString(plan.Collapse(l.Text)) {
			if i == 0 && headingType(l, p.Lines) && (nrows == 0 || items[0].y > l.Baseline) {
				// the page's first line, in a heading's type: the rest of
				// a heading cut at the bottom of the page before, if one is
				c := extract.Cell{Rect: extract.Rect{X0: l.X0, Y0: l.Top, X1: l.X1, Y1: l.Bottom}, Lines: []extract.TextLine{l}}
				items = append(items, item{y: l.Top, r: row{cells: []extract.Cell{c}, page: p.Number, tail: true}})
			}
			continue
		}
		c := extract.Cell{Rect: extract.Rect{X0: l.X0, Y0: l.Top, X1: l.X1, Y1: l.Bottom}, Lines: []extract.TextLine{l}}
		// lines that wrap the heading: same type, just below
		for i+1 < len(lines) && lines[i+1].Size == l.Size && lines[i+1].Bold == l.Bold &&
			lines[i+1].Baseline-c.Lines[len(c.Lines)-1].Baseline < wrapEm*l.Size {
			i++
			c.Lines = append(c.Lines, lines[i])
			c.Y1 = lines[i].Bottom
		}
		// accepted only when the next row below names the unit's heads
		var next *item
		for k := 0; k < nrows; k++ {
			if items[k].y > l.Baseline && (next == nil || items[k].y < next.y) {
				next = &items[k]
			}
		}
		if next == nil {
			// a heading that ends the page, its heads row on the next
			if !headingType(l, p.Lines) {
				continue
			}
		} else if !headsLabel(cellText(next.r.cells[0])) {
			continue
		}
		items = append(items, item{y: l.Top, r: row{cells: []extract.Cell{c}, page: p.Number}})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].y < items[j].y })
	out := make([]row, len(items))
	for i, it := range items {
		out[i] = it.r
	}
	return out
}

func (b *builder) row(r row) {
	if len(r.cells) == 0 || (!hasRowText(r) && b.table != tGrid) {
		return // a row of empty cells, like a spacer above a table
	}
	first := cellText(r.cells[0])
	f, _ := labelOf(first)

	// A unit heading: one wide cell "CODE - NAME".
	if code, name, ok := unitHeadingOf(r); ok {
		b.startBody(r.page)
		b.endObjective()
		b.endUnit()
		b.unit = &plan.Unit{Code: code, Name: name, Page: r.page}
		b.table = tUnit
		b.labelled[r.page] = true
		return
	}
	if f != fNone && b.inBody {
		b.labelled[r.page] = true
	}
	switch f {
	case fSectorHead, fOfficeHead:
		if b.unit != nil {
			b.unitHeads(r)
			b.table = tUnit
			return
		}
	case fObjective:
		if len(r.cells) >= 2 {
			b.kvX1 = r.cells[0].X1
			// An objective opens on its title row; a title printed on
			// the next page, in a row without label, still joins it.
			b.startBody(r.page)
			b.labelled[r.page] = true
			b.endObjective()
			b.obj = &objBuilder{o: plan.Objective{Page: r.page}}
			if b.unit != nil {
				b.obj.o.Unit = b.unit.Code
			}
			b.obj.o.Title = cleanTitle(valueText(r.cells[1:]))
			b.table, b.lastKV, b.pageBreak, b.lastOpen = tKV, fObjective, false, false
			return
		}
	case fWeight, fDescription, fStrategicGoal, fOperationalGoal:
		if b.obj != nil && len(r.cells) >= 2 && b.kvRow(r) {
			b.kv(f, r.cells[1:])
			b.table, b.lastKV, b.pageBreak = tKV, f, false
			return
		}
	}
	if _, ok := tableOf(f); ok {
		if kind, cols, ok := headerOf(f, r); ok {
			if b.table != kind {
				b.lastRow, b.lastOpen = nil, false
			}
			b.table, b.cols = kind, cols
			// no row is lower than the header, nor than a wrapped line of
			// its text (a table printed without rules gives no padding)
			b.rowMin = math.Max(rowHeight(r), wrapEm*textSize(r))
			if kind == tGrid {
				b.gridLine = textSize(r)
			}
			return
		}
	}
	if b.obj == nil {
		return
	}
	switch b.table {
	case tKV:
		// A key/value row without label: the value of the last key runs on
		// (a description continued past a page break).
		if strings.TrimSpace(first) == "" && len(r.cells) >= 2 {
			b.kv(b.lastKV, r.cells[1:])
		}
	case tStaff, tPhases, tIndicators:
		b.dataRow(r)
	case tGrid:
		if !b.gridRow(r) {
			return
		}
	}
	b.pageBreak = false
}

// kvRow reports whether row r, whose first cell reads as one of an
// objective's labels, is a row of its key/value table: in that table, or
// after it with its first cell where the table's label column is. A cell
// of a data table that reads like a label ("Valutazione", a title's
// wrapped word) is not.
func (b *builder) kvRow(r row) bool {
	if b.table == tKV || b.table == tNone || b.table == tUnit || b.kvX1 == 0 {
		return true
	}
	return math.Abs(r.cells[0].X1-b.kvX1) <= alignEm*math.Max(textSize(r), 1)
}
