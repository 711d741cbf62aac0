package normalize

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/richtext"
)

// kv records the value cells of a key/value row of the current objective.
func (b *builder) kv(f field, cells []extract.Cell) {
	o := &b.obj.o
	switch f {
	case fObjective:
		if t := cleanTitle(valueText(cells)); t != "" {
			o.Title = collapse(o.Title + " " + t)
		}
	case fWeight:
		o.Weight = parseWeight(valueText(cells))
	case fDescription:
		var lines []richtext.Line
		for _, c := range cells {
			lines = append(lines, richLines(c)...)
		}
		if len(lines) > 0 {
			b.obj.desc = append(b.obj.desc, lines)
		}
	case fStrategicGoal:
		o.StrategicGoal = mergeGoal(o.StrategicGoal, valueText(cells))
	case fOperationalGoal:
		o.OperationalGoal = mergeGoal(o.OperationalGoal, valueText(cells))
	}
}

func mergeGoal(g *plan.Goal, text string) *plan.Goal {
	if g != nil && text != "" {
		return splitGoal(g.Code + " - " + g.Title + " " + text)
	}
	if g != nil {
		return g
	}
	return splitGoal(text)
}

// headerOf recognises the header row of a data table and returns its
// columns.
func headerOf(first field, r row) (tableKind, []column, bool) {
	var kind tableKind
	switch first {
	case fStaffName:
		kind = tStaff
	case fPhaseTitle:
		kind = tPhases
	case fGrid:
		kind = tGrid
	case fIndicator:
		kind = tIndicators
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

// columnOf returns the index of the column that overlaps c the most.
func columnOf(cols []column, c extract.Cell) int {
	best, bestOv := -1, 0.0
	for i, col := range cols {
		ov := math.Min(col.x1, c.X1) - math.Max(col.x0, c.X0)
		if ov > bestOv {
			best, bestOv = i, ov
		}
	}
	if bestOv < 0.3*math.Min(c.W(), cols[maxInt(best, 0)].x1-cols[maxInt(best, 0)].x0) {
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
			vals[i] = collapse(vals[i] + " " + t)
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
	// A row cut by a page break goes on in the first row after the break:
	// the last row before it has no bottom rule and the first after it no
	// top rule (each alone tells nothing: producers draw the rule between
	// two rows either above or below the break). A row whose key cell is
	// empty goes on too.
	cut := b.lastOpen && openTop(r)
	b.lastOpen = openBottom(r)
	if b.pageBreak && b.lastRow != nil && (cut || vals[0] == "") {
		for i, v := range vals {
			if v != "" {
				b.lastRow[i] = joinParts(b.lastRow[i], v)
			}
		}
		b.putRow(true)
		return
	}
	b.lastRow = vals
	b.putRow(false)
}

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

// gridRow reads one row of the month grid: a phase title (on its
// "Previsto" row; the "Consuntivo" row below shares the spanning title
// cell), the row's label, and its filled month cells.
func (b *builder) gridRow(r row) {
	labelIdx := -1
	var which field
	for i, c := range r.cells {
		if f, _ := labelOf(cellText(c)); f == fPlanned || f == fActual {
			labelIdx, which = i, f
			break
		}
	}
	var months []int
	for _, c := range r.cells {
		i := columnOf(b.cols, c)
		if i < 0 || b.cols[i].month == 0 {
			continue
		}
		if c.Filled() {
			months = append(months, b.cols[i].month)
		}
	}
	var title []string
	end := labelIdx
	if end < 0 {
		end = len(r.cells)
	}
	cut := b.lastOpen
	b.lastOpen = false
	topOpen := false
	for _, c := range r.cells[:end] {
		if i := columnOf(b.cols, c); i >= 0 && b.cols[i].month > 0 {
			continue
		}
		if t := joinLines(c); t != "" {
			title = append(title, t)
		}
		b.lastOpen = b.lastOpen || c.OpenBottom
		topOpen = topOpen || c.OpenTop
	}
	cut = cut && topOpen
	t := collapse(strings.Join(title, " "))
	g := b.obj.lastG
	// A phase title cut by a page break (its cell has no bottom rule, the
	// next one no top rule) goes on in the first title after the break.
	switch {
	case t != "" && !(b.pageBreak && g != nil && cut):
		b.obj.grid = append(b.obj.grid, gridRow{title: t, page: r.page})
		g = &b.obj.grid[len(b.obj.grid)-1]
		b.obj.lastG = g
	case t != "" && g != nil:
		g.title = joinParts(g.title, t)
	}
	if g == nil {
		return
	}
	switch which {
	case fActual:
		g.actual = mergeMonths(g.actual, months)
	default:
		g.planned = mergeMonths(g.planned, months)
	}
}

func mergeMonths(a, b []int) []int {
	seen := map[int]bool{}
	var out []int
	for _, m := range append(append([]int{}, a...), b...) {
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	sort.Ints(out)
	return out
}

// endObjective completes the current objective: its description is built
// from all its fragments and its month grid matched to its phases.
func (b *builder) endObjective() {
	ob := b.obj
	if ob == nil {
		return
	}
	b.obj = nil
	b.table = tNone
	b.lastRow = nil
	d := richtext.Build(ob.desc)
	ob.o.DescriptionHTML, ob.o.DescriptionText = d.HTML, d.Text
	for _, g := range matchGrid(ob.o.Phases, ob.grid) {
		b.notes = append(b.notes, GridNote{Objective: len(b.doc.Objectives), Title: g.title, Page: g.page})
	}
	b.doc.Objectives = append(b.doc.Objectives, ob.o)
}

// matchGrid gives each phase the months of its grid row: the n-th grid row
// with a title goes to the n-th phase with that title. Rows whose title
// matches no phase go, in order, to the phases left without a row; they are
// returned, for the audit to report.
func matchGrid(phases []plan.Phase, grid []gridRow) []gridRow {
	used := make([]bool, len(grid))
	exact := make([]bool, len(grid))
	done := make([]bool, len(phases))
	for i := range phases {
		key := titleKey(phases[i].Title)
		for j := range grid {
			if !used[j] && titleKey(grid[j].title) == key {
				used[j], done[i], exact[j] = true, true, true
				phases[i].PlannedMonths = nonNil(grid[j].planned)
				phases[i].ActualMonths = nonNil(grid[j].actual)
				break
			}
		}
	}
	j := 0
	for i := range phases {
		if done[i] {
			continue
		}
		for j < len(grid) && used[j] {
			j++
		}
		if j == len(grid) {
			break
		}
		used[j] = true
		phases[i].PlannedMonths = nonNil(grid[j].planned)
		phases[i].ActualMonths = nonNil(grid[j].actual)
	}
	var unmatched []gridRow
	for j := range grid {
		if !exact[j] {
			unmatched = append(unmatched, grid[j])
		}
	}
	return unmatched
}

func titleKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

func nonNil(m []int) []int {
	if m == nil {
		return []int{}
	}
	return m
}

// richLines turns a cell's printed lines into the lines the description
// builder reads: text, indent from the cell's left text edge, and extra
// space above beyond the usual line pitch.
func richLines(c extract.Cell) []richtext.Line {
	if len(c.Lines) == 0 {
		return nil
	}
	minX := math.Inf(1)
	for _, l := range c.Lines {
		minX = math.Min(minX, l.X0)
	}
	pitch := linePitch(c.Lines)
	out := make([]richtext.Line, 0, len(c.Lines))
	for i, l := range c.Lines {
		rl := richtext.Line{Text: l.Text, Indent: l.X0 - minX, Size: l.Size}
		if i > 0 && pitch > 0 {
			if gap := l.Baseline - c.Lines[i-1].Baseline - pitch; gap > 0.25*pitch {
				rl.Gap = gap
			}
		}
		out = append(out, rl)
	}
	return out
}

// linePitch is the most common distance between consecutive baselines.
func linePitch(lines []extract.TextLine) float64 {
	if len(lines) < 2 {
		return 0
	}
	ds := make([]float64, 0, len(lines)-1)
	for i := 1; i < len(lines); i++ {
		ds = append(ds, lines[i].Baseline-lines[i-1].Baseline)
	}
	sort.Float64s(ds)
	return ds[len(ds)/2]
}

// cellText is the cell's text with whitespace collapsed.
func cellText(c extract.Cell) string {
	if len(c.Lines) == 0 {
		return ""
	}
	return collapse(c.Text())
}

// joinLines is the cell's text with its wrapped lines joined.
func joinLines(c extract.Cell) string {
	if len(c.Lines) == 0 {
		return ""
	}
	ls := make([]string, len(c.Lines))
	for i, l := range c.Lines {
		ls[i] = l.Text
	}
	return richtext.JoinLines(ls)
}

// valueText joins the value cells of a key/value row.
func valueText(cells []extract.Cell) string {
	var parts []string
	for _, c := range cells {
		if t := joinLines(c); t != "" {
			parts = append(parts, t)
		}
	}
	return collapse(strings.Join(parts, " "))
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// parseWeight reads "Valutazione obiettivo": "33", "33,00", "33.0".
func parseWeight(s string) *float64 {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return nil
	}
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil
	}
	return &v
}
