package normalize

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/richtext"
)

var (
	dateRe = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
	isoRe  = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
)

// parseDate reads a printed date (dd/mm/yyyy) as ISO; nil when empty or
// unreadable. A date wrapped in a narrow cell ("01/01/202" over "4") is
// read with its parts joined.
func parseDate(s string) *string {
	s = strings.Join(strings.Fields(s), "")
	if m := isoRe.FindStringSubmatch(s); m != nil {
		return &s
	}
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	if d < 1 || d > 31 || mo < 1 || mo > 12 {
		return nil
	}
	iso := fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
	return &iso
}

// column is one column of a data table: its field and x extent.
type column struct {
	f      field
	year   string // target year of an "Atteso" column
	month  int    // month of a grid column
	x0, x1 float64
}

// headerOf recognises the header row of a data table and returns its
// columns.
func headerOf(first field, r row) (tableKind, []column, bool) {
	kind, ok := tableOf(first)
	if !ok {
		return 0, nil, false
	}
	var cols []column
	known := 0
	for _, c := range r.cells {
		t := cellText(c)
		f, year := labelOf(t)
		col := column{f: f, year: year, x0: c.X0, x1: c.X1}
		if kind == tGrid {
			if m := monthOf(t); m > 0 {
				col.f, col.month = fNone, m
				known++
			}
		}
		if f != fNone {
			known++
		}
		cols = append(cols, col)
	}
	// A header names most of its columns; a data row whose first cell
	// happens to read like a label does not.
	switch kind {
	case tGrid:
		if known < 7 && len(cols) >= 13 {
			// Month heads the grid does not spell out (single letters):
			// the last twelve columns are the months, January first.
			known = 0
			for i := range cols[len(cols)-12:] {
				cols[len(cols)-12+i].f, cols[len(cols)-12+i].month = fNone, i+1
				known++
			}
		}
		if known < 7 {
			return 0, nil, false
		}
	default:
		if known < 2 || known*2 < len(cols) {
			return 0, nil, false
		}
	}
	return kind, cols, true
}

// headerKnown is the number of columns of row r that headerOf names, 0
// if r is no header of a table that starts with the label first.
func headerKnown(first field, r row) int {
	_, cols, ok := headerOf(first, r)
	if !ok {
		return 0
	}
	n := 0
	for _, c := range cols {
		if c.f != fNone || c.month > 0 {
			n++
		}
	}
	return n
}

// columnOf returns the index of the column that overlaps c the most.
func columnOf(cols []column, c extract.Cell) int {
	best, bestOv := -1, 0.0
	for i, col := range cols {
		ov := math.Min(col.x1, c.X1) - math.Max(col.x0, c.X0)
		if ov > bestOv {
			best, bestOv = i, ov
		}
	}
	if bestOv < columnOverlap*math.Min(c.W(), cols[maxInt(best, 0)].x1-cols[maxInt(best, 0)].x0) {
		return -1
	}
	return best
}

// dataRow reads one row of the staff, phase or indicator table.
func (b *builder) dataRow(r row) {
	vals := make([]string, len(b.cols))
	for _, c := range r.cells {
		i := columnOf(b.cols, c)
		if i < 0 {
			continue
		}
		if t := joinLines(c); t != "" {
			vals[i] = plan.Collapse(vals[i] + " " + t)
		}
	}
	empty := true
	for _, v := range vals {
		if v != "" {
			empty = false
		}
	}
	if empty {
		return
	}
	// A row cut by a page break goes on in the first row after the break
	// (under the header, where it is repeated), column by column:
	//   - where the rules say so: the last row before the break has no
	//     bottom rule and the first after it no top rule (each alone tells
	//     nothing: producers draw the rule between two rows either above
	//     or below the break);
	//   - where the row after the break has no key cell (name, title);
	//   - where the row before the break reaches the bottom of its page's
	//     body and the two are the halves of one row: the one-line cells
	//     (dates, unit, values) all on one side, or a date cut in two.
	// A row without its key cell elsewhere goes on with the row above it,
	// unless a page break cuts it (no bottom rule): then it is the head of
	// a row whose key cell is printed on the next page. A row left without
	// its key is a piece of nothing (endObjective).
	cut := b.lastOpen && openTop(r)
	b.lastOpen = openBottom(r)
	cont := b.lastRow != nil && (vals[0] == "" && (b.pageBreak || !b.lastOpen) ||
		b.pageBreak && (cut || b.halves(b.lastRow, vals) && b.lastLow.atBottom(b)))
	if cont {
		for i, v := range vals {
			if v != "" {
				b.lastRow[i] = joinParts(b.lastRow[i], v)
			}
		}
		b.lastLow = b.lowRow(r)
		b.putRow(true)
		return
	}
	b.lastRow = vals
	b.lastLow = b.lowRow(r)
	b.putRow(false)
}

// halves reports whether the cells of two rows, one each side of a page
// break, are the two parts of one row: the row's one-line cells (dates,
// unit of measure, reference and target values) are all in the part
// before the break, or a date is cut in two that only joined reads as one.
func (b *builder) halves(before, after []string) bool {
	short := false
	for i, col := range b.cols {
		if !oneLine(col.f) {
			continue
		}
		p, a := before[i], after[i]
		if a != "" {
			if isDate(col.f) && p != "" && parseDate(p) == nil && parseDate(a) == nil && parseDate(p+a) != nil {
				return true
			}
			return false
		}
		short = short || p != ""
	}
	return short
}

// oneLine reports whether the cells of column f hold a short value, set on
// one line where the row's other cells wrap.
func oneLine(f field) bool {
	switch f {
	case fStart, fEnd, fUnit, fReference, fTarget:
		return true
	}
	return false
}

func isDate(f field) bool { return f == fStart || f == fEnd }

func openBottom(r row) bool {
	for _, c := range r.cells {
		if !c.OpenBottom {
			return false
		}
	}
	return len(r.cells) > 0
}

func openTop(r row) bool {
	for _, c := range r.cells {
		if !c.OpenTop {
			return false
		}
	}
	return len(r.cells) > 0
}

// joinParts joins the two parts of a cell cut by a page break.
func joinParts(a, b string) string {
	return richtext.JoinLines([]string{a, b})
}

// putRow records the last data row in the current table of the objective:
// as a new row, or in place of the last one when a page break had cut it.
func (b *builder) putRow(replace bool) {
	o := &b.obj.o
	switch b.table {
	case tStaff:
		o.Staff = put(o.Staff, b.staffOf(b.lastRow), replace)
	case tPhases:
		o.Phases = put(o.Phases, b.phaseOf(b.lastRow), replace)
	case tIndicators:
		o.Indicators = put(o.Indicators, b.indicatorOf(b.lastRow), replace)
	}
}

func put[T any](rows []T, r T, replace bool) []T {
	if replace && len(rows) > 0 {
		rows[len(rows)-1] = r
		return rows
	}
	return append(rows, r)
}

func (b *builder) staffOf(vals []string) plan.Staff {
	var s plan.Staff
	for i, col := range b.cols {
		v := vals[i]
		switch col.f {
		case fStaffName:
			s.Name = v
		case fStaffCategory:
			s.Category = plan.Str(v)
		case fStaffRole:
			s.Role = plan.Str(v)
		case fStart:
			s.Start = parseDate(v)
		case fEnd:
			s.End = parseDate(v)
		}
	}
	return s
}

func (b *builder) phaseOf(vals []string) plan.Phase {
	var p plan.Phase
	for i, col := range b.cols {
		v := vals[i]
		switch col.f {
		case fPhaseTitle:
			p.Title = v
		case fPhaseDescription:
			p.Description = plan.Str(v)
		case fStart:
			p.Start = parseDate(v)
		case fEnd:
			p.End = parseDate(v)
		}
	}
	p.PlannedMonths, p.ActualMonths = []int{}, []int{}
	return p
}

func (b *builder) indicatorOf(vals []string) plan.Indicator {
	in := plan.Indicator{Targets: map[string]*string{}}
	for i, col := range b.cols {
		v := vals[i]
		switch col.f {
		case fIndicator:
			in.Name = v
		case fUnit:
			in.Unit = plan.Str(v)
		case fReference:
			in.Reference = plan.Str(v)
		case fTarget:
			in.Targets[col.year] = plan.Str(v)
		}
	}
	return in
}
