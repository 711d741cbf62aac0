// Package normalize turns the tables of a Stampa Obiettivi report's pages
// into plan records: the cover, the Indice, the units, and every objective
// occurrence with its staff, phases, month grid and indicators. Tables and
// descriptions split by page breaks are joined here.
package normalize

import (
	"errors"
	"sort"
	"strings"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/richtext"
)

// ErrNotReport is returned for a PDF that is not a Stampa Obiettivi report.
var ErrNotReport = errors.New("not a Stampa Obiettivi report: no objective table found")

// Result is a plan document and what the reader noticed while building it
// that the records themselves do not keep.
type Result struct {
	Doc *plan.Document
	// GridNotes are the month-grid rows whose title matches none of their
	// objective's phases.
	GridNotes []GridNote
}

// GridNote is a month-grid row whose title matches no phase.
type GridNote struct {
	Objective int // index in Doc.Objectives
	Title     string
	Page      int
}

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
	b := &builder{doc: &plan.Document{Format: plan.Format, Source: source}}
	running := runningLines(pages)
	b.cover(pages, running)
	for i := range pages {
		b.page(&pages[i], running)
	}
	b.endObjective()
	b.endUnit()
	if len(b.doc.Objectives) == 0 && len(b.doc.Units) == 0 {
		return nil, ErrNotReport
	}
	b.doc.Year = planYear(b.doc, pages, running)
	b.doc.AssignKeys()
	b.doc.Normalize()
	return &Result{Doc: b.doc, GridNotes: b.notes}, nil
}

// builder is the state of one pass over the rows of a report.
type builder struct {
	doc *plan.Document

	inBody   bool // past the cover and the Indice
	tocLines []string

	unit      *plan.Unit
	heads     unitHeads
	sector    string // code of the sector the offices are printed under
	obj       *objBuilder
	table     tableKind
	cols      []column // columns of the current data table
	lastKV    field
	lastRow   []string // cells of the last data row, by column
	lastOpen  bool     // the last data row had no bottom rule: a page break cut it
	notes     []GridNote
	pageBreak bool     // no data row yet since the last page break
	text      textFlow // tables printed without rules, read from their text
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

// row is one table row as the builder reads it.
type row struct {
	cells []extract.Cell
	page  int
}

func (b *builder) page(p *extract.Page, running map[string]bool) {
	b.pageBreak = true
	rows := bodyRows(p, running, &b.text)
	if !b.inBody {
		b.tocPage(tocPart(p, rows), running)
	}
	for _, r := range rows {
		b.row(r)
	}
}

// bodyRows lists the table rows of a page top to bottom, with the unit
// headings that a producer printed as text above a table rather than in a
// cell of it: a free text line "CODE - NAME" (wrapped lines joined) that
// the "Responsabile" row of its unit follows. Tables printed without
// rules are read from the text lines by flow.
func bodyRows(p *extract.Page, running map[string]bool, flow *textFlow) []row {
	type item struct {
		y float64
		r row
	}
	var items []item
	for ti := range p.Tables {
		for _, tr := range p.Tables[ti].Rows {
			items = append(items, item{tr.Y0, row{cells: tr.Cells, page: p.Number}})
		}
	}
	text, rest := flow.rows(p, running)
	for _, r := range text {
		items = append(items, item{r.cells[0].Y0, r})
	}
	nrows := len(items)
	var lines []extract.TextLine
	for _, l := range rest {
		if !isRunning(running, l) {
			lines = append(lines, l)
		}
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if !unitHeading.MatchString(collapse(l.Text)) {
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
			continue
		}
		if f, _ := labelOf(cellText(next.r.cells[0])); f != fSectorHead && f != fOfficeHead {
			continue
		}
		items = append(items, item{l.Top, row{cells: []extract.Cell{c}, page: p.Number}})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].y < items[j].y })
	out := make([]row, len(items))
	for i, it := range items {
		out[i] = it.r
	}
	return out
}

func (b *builder) row(r row) {
	if len(r.cells) == 0 {
		return
	}
	first := cellText(r.cells[0])
	f, _ := labelOf(first)

	// A unit heading: one wide cell "CODE - NAME".
	if code, name, ok := unitHeadingOf(r); ok {
		b.startBody()
		b.endObjective()
		b.endUnit()
		b.unit = &plan.Unit{Code: code, Name: name, Page: r.page}
		b.table = tUnit
		return
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
			b.startBody()
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
		if b.obj != nil && len(r.cells) >= 2 {
			b.kv(f, r.cells[1:])
			b.table, b.lastKV, b.pageBreak = tKV, f, false
			return
		}
	case fStaffName, fPhaseTitle, fGrid, fIndicator:
		if kind, cols, ok := headerOf(f, r); ok {
			if b.table != kind {
				b.lastRow, b.lastOpen = nil, false
			}
			b.table, b.cols = kind, cols
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
		b.gridRow(r)
	}
	b.pageBreak = false
}
