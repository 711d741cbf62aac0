package normalize

import (
	"sort"
	"strings"

	"github.com/obiettivi/obiettivi/plan"
)

// gridRow is one phase of the month grid.
type gridRow struct {
	title           string
	page            int
	planned, actual []int
	rows            int  // the rows read of it: planned, actual
	hasPlanned      bool // its planned row, labelled, is read
}

// gridRow reads one row of the month grid: a phase title (on its
// "Previsto" row; the "Consuntivo" row below shares the spanning title
// cell), the row's label, and its filled month cells.
//
// A row with no text lower than a line of the header's text is a sliver
// of the next row that a producer drew at the page bottom before printing
// the row whole on the next page: its fills belong to no phase, and it is
// not read (gridRow reports false).
func (b *builder) gridRow(r row) bool {
	if !hasRowText(r) && rowHeight(r) < b.gridLine {
		return false
	}
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
	t := plan.Collapse(strings.Join(title, " "))
	g := b.obj.lastG
	// A phase title cut by a page break goes on in the first title after
	// the break: where its cell has no bottom rule and the next one no top
	// rule, or where the row after the break is the actual row of a phase
	// whose planned row ends the page before (a phase's title stands by
	// its planned row, the first of its two).
	if b.pageBreak && g != nil && which == fActual && g.rows == 1 {
		cut = true
	}
	// A planned row without a title after a phase that has its own is
	// the planned row of a phase whose title the print lost: a phase of
	// its own, matched to the phases by order.
	newPhase := t == "" && which != fActual && g != nil && g.hasPlanned
	switch {
	case newPhase:
		b.obj.grid = append(b.obj.grid, gridRow{page: r.page})
		g = &b.obj.grid[len(b.obj.grid)-1]
		b.obj.lastG = g
	case t != "" && !(b.pageBreak && g != nil && cut):
		b.obj.grid = append(b.obj.grid, gridRow{title: t, page: r.page})
		g = &b.obj.grid[len(b.obj.grid)-1]
		b.obj.lastG = g
	case t != "" && g != nil && titleKey(t) != titleKey(g.title):
		// (a producer that prints the title again beside its rest of
		// the phase adds nothing to it)
		g.title = joinParts(g.title, t)
	}
	if g == nil {
		return true
	}
	g.rows++
	switch which {
	case fActual:
		g.actual = mergeMonths(g.actual, months)
	default:
		g.planned = mergeMonths(g.planned, months)
		g.hasPlanned = g.hasPlanned || which == fPlanned
	}
	return true
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
