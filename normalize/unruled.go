package normalize

import (
	"math"
	"sort"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
)

// A report printed without ruling lines gives the extractor no tables: the
// text of every cell comes out as free text lines. textFlow reads those
// lines back into the rows builder.row understands, from the structure of
// the report rather than from places on the page:
//
//   - a key/value row starts with one of the report's labels in the left
//     column, whole or wrapped over two lines; its value is the rest of
//     the line and the lines below it in the value column;
//   - the unit heads row is split into label and value cells where its
//     words are further apart than about an em;
//   - a data table starts with its header row: the header's labels give
//     the columns, a data line's words go to the column they start in, and
//     a new row starts where two lines are further apart than the line
//     pitch;
//   - the month grid's rows are anchored on their planned and actual
//     labels, and a month counts as filled where a coloured rectangle lies
//     under its column at the height of the label.
//
// The table a page ends in goes on at the top of the next page, where its
// header or label may not be printed again.
type textFlow struct {
	open *textBlock
	valX float64 // where the value column of key/value rows starts
}

// textBlock is the table being read: its kind and where its columns are.
type textBlock struct {
	kind tableKind
	// key/value table: where the text of the key and of the value starts
	keyX, valX float64
	// data tables and month grid: column extents, left to right (the
	// grid's: phase title, planned/actual label, months)
	cols []span
}

type span struct{ x0, x1 float64 }

// left is where the block's leftmost column starts.
func (b *textBlock) left() float64 {
	if b.kind == tKV {
		return b.keyX
	}
	if len(b.cols) > 0 {
		return b.cols[0].x0
	}
	return math.Inf(1)
}

// textPage is one page being read.
type textPage struct {
	p     *extract.Page
	lines []extract.TextLine // body lines, top to bottom
	leads []lead             // the first run of words of each line
	used  []bool
	// what lines start, once known: unit headings (their number of
	// lines, 0 for none) and table headers (nil for none)
	headings []int
	headers  []*tableHeader
	known    []uint8 // bit 1: heading known, bit 2: header known
	pitch    float64 // distance between the baselines of a cell's lines
	size     float64 // body text size
	left     float64 // where the text of the leftmost column starts
	blk      *textBlock
	valX     float64 // value column of the key/value table, once seen
	out      []row
}

// rows reads the rows printed as free text on page p and returns them,
// with the lines it did not take (running lines, unit headings, cover,
// Indice, and text it could not place).
func (f *textFlow) rows(p *extract.Page, running *runSet) ([]row, []extract.TextLine) {
	t := &textPage{p: p, lines: withWords(p.Lines), blk: f.open, valX: f.valX}
	if len(t.lines) == 0 {
		return nil, p.Lines
	}
	t.measure()
	lo, hi := t.bodySpan(running)
	t.lines, t.leads = t.lines[lo:hi], t.leads[lo:hi]
	t.used = make([]bool, len(t.lines))
	t.headings = make([]int, len(t.lines))
	t.headers = make([]*tableHeader, len(t.lines))
	t.known = make([]uint8, len(t.lines))
	t.findLeft()
	t.read()
	f.open, f.valX = t.blk, t.valX
	if len(t.out) == 0 {
		return nil, p.Lines
	}
	rest := append([]extract.TextLine(nil), p.Lines[:lo]...)
	for i := range t.lines {
		if !t.used[i] {
			rest = append(rest, p.Lines[lo+i])
		}
	}
	return t.out, append(rest, p.Lines[hi:]...)
}

// withWords returns lines, a line without words given one word of its
// whole text.
func withWords(lines []extract.TextLine) []extract.TextLine {
	out := lines
	copied := false
	for i, l := range lines {
		if len(l.Words) > 0 {
			continue
		}
		if !copied {
			out, copied = append([]extract.TextLine(nil), lines...), true
		}
		out[i].Words = []extract.Word{{Text: plan.Collapse(l.Text), X0: l.X0, X1: l.X1, Bold: l.Bold}}
	}
	return out
}

// lead is the first run of words of a line, up to a column gap, and the
// label it reads as.
type lead struct {
	words int
	f     field
}

// measure finds the body text size and the line pitch, and reads the
// lines' leading words.
func (t *textPage) measure() {
	sizes := make([]float64, len(t.lines))
	t.leads = make([]lead, len(t.lines))
	for i, l := range t.lines {
		sizes[i] = l.Size
		ws := segments(l)[0]
		t.leads[i] = lead{len(ws), wordsLabel(ws)}
	}
	sort.Float64s(sizes)
	t.size = sizes[len(sizes)/2]
	// The pitch is the shorter of the usual distances between lines: a
	// row's wrapped lines are closer than two rows.
	var ds []float64
	for i := 1; i < len(t.lines); i++ {
		a, b := t.lines[i-1], t.lines[i]
		d := b.Baseline - a.Baseline
		if math.Abs(a.Size-b.Size) <= sameSize*t.size && d >= minPitchEm*b.Size && d <= wrapEm*b.Size {
			ds = append(ds, d)
		}
	}
	t.pitch = defaultPitchEm * t.size
	if len(ds) > 0 {
		sort.Float64s(ds)
		t.pitch = ds[len(ds)/4]
	}
}

// bodySpan is the range of the page's lines between its running header
// and its running footer. A line that recurs on most pages is running
// only at the top or the bottom of the page, and only if it neither
// starts with a label nor goes on with the row next to it: otherwise it
// is a table's own text (a header row, a label, a wrapped cell) that
// happens to recur.
func (t *textPage) bodySpan(running *runSet) (lo, hi int) {
	isRun := func(i int) bool { return t.leads[i].f == fNone && running.has(t.lines[i]) }
	n := len(t.lines)
	lo, hi = 0, n
	for lo < hi && isRun(lo) {
		lo++
	}
	for hi > lo && isRun(hi-1) {
		hi--
	}
	// lines of a row that the body's first or last line goes on with
	for lo > 0 && lo < n && t.sameRow(lo-1, lo) {
		lo--
	}
	for hi > 0 && hi < n && t.sameRow(hi-1, hi) {
		hi++
	}
	return lo, hi
}

// findLeft finds where the text of the tables' left column starts: where
// the lines that start with a label start, or the block that goes on from
// the page before; failing both, the leftmost line.
func (t *textPage) findLeft() {
	t.left = math.Inf(1)
	for i, l := range t.lines {
		if t.leads[i].f != fNone {
			t.left = math.Min(t.left, l.X0)
		}
	}
	if t.blk != nil {
		t.left = math.Min(t.left, t.blk.left())
	}
	if math.IsInf(t.left, 1) {
		for _, l := range t.lines {
			t.left = math.Min(t.left, l.X0)
		}
	}
}

// sameRow reports whether line j is close enough below line i to be
// another line of the same row.
func (t *textPage) sameRow(i, j int) bool {
	return t.lines[j].Baseline-t.lines[i].Baseline <= sameRowPitch*t.pitch
}

// wrapped reports whether line i is close enough below the line before it
// to go on with its row: a row never starts there.
func (t *textPage) wrapped(i int) bool { return i > 0 && t.sameRow(i-1, i) }

// colGap is the least gap between words that separates two columns.
func colGap(l extract.TextLine) float64 { return columnGapEm * l.Size }

// read reads the page's lines top to bottom: each unit heading, table
// header and key/value row where it starts, and the lines up to the next
// of them as the rows of the table they belong to.
func (t *textPage) read() {
	for i := 0; i < len(t.lines); {
		if n := t.heading(i); n > 0 {
			// left for bodyRows, which turns it into the unit's row
			t.blk = nil
			i += n
			continue
		}
		if n := t.header(i); n > 0 {
			i += n
			continue
		}
		if n := t.keyRow(i); n > 0 {
			i += n
			continue
		}
		if t.blk != nil {
			if n := t.continued(i); n > 0 {
				i += n
				continue
			}
		}
		i++
	}
}

// anchor reports whether line i starts something new: a unit heading, a
// table header or a key/value row.
func (t *textPage) anchor(i int) bool {
	if t.heading(i) > 0 {
		return true
	}
	if _, ok := t.keyLabel(i); ok {
		return true
	}
	_, ok := t.parseHeader(i)
	return ok
}

// continued reads the lines from i to the next anchor as the rows of the
// open table, and returns how many lines it took.
func (t *textPage) continued(i int) int {
	end := i
	for end < len(t.lines) && (end == i || !t.anchor(end)) {
		end++
	}
	switch t.blk.kind {
	case tKV:
		t.kvContinued(i, end)
	case tGrid:
		t.gridRows(i, end)
	case tUnit:
		t.out = append(t.out, t.tableRow(i, end))
	default:
		t.dataRows(i, end)
	}
	for n := i; n < end; n++ {
		t.used[n] = true
	}
	return end - i
}
