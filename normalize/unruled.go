package normalize

import (
	"math"
	"sort"
	"strings"

	"github.com/obiettivi/obiettivi/extract"
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
func (f *textFlow) rows(p *extract.Page, running map[string]bool) ([]row, []extract.TextLine) {
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
		out[i].Words = []extract.Word{{Text: collapse(l.Text), X0: l.X0, X1: l.X1, Bold: l.Bold}}
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
		if math.Abs(a.Size-b.Size) <= 0.1*t.size && d >= 0.9*b.Size && d <= 1.6*b.Size {
			ds = append(ds, d)
		}
	}
	t.pitch = 1.2 * t.size
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
func (t *textPage) bodySpan(running map[string]bool) (lo, hi int) {
	isRun := func(i int) bool { return t.leads[i].f == fNone && isRunning(running, t.lines[i]) }
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
	return t.lines[j].Baseline-t.lines[i].Baseline <= 1.15*t.pitch
}

// wrapped reports whether line i is close enough below the line before it
// to go on with its row: a row never starts there.
func (t *textPage) wrapped(i int) bool { return i > 0 && t.sameRow(i-1, i) }

// colGap is the least gap between words that separates two columns.
func colGap(l extract.TextLine) float64 { return 0.8 * l.Size }

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

// heading returns the number of lines of the unit heading "CODE - NAME"
// starting at line i (wrapped lines of the same type included), if the
// unit's heads row follows it; 0 otherwise.
func (t *textPage) heading(i int) int {
	if t.known[i]&1 == 0 {
		t.known[i] |= 1
		t.headings[i] = t.findHeading(i)
	}
	return t.headings[i]
}

func (t *textPage) findHeading(i int) int {
	l := t.lines[i]
	if !unitHeading.MatchString(collapse(l.Text)) {
		return 0
	}
	j := i + 1
	for j < len(t.lines) && t.lines[j].Size == l.Size && t.lines[j].Bold == l.Bold &&
		t.lines[j].Baseline-t.lines[j-1].Baseline < 1.6*l.Size {
		j++
	}
	if j == len(t.lines) {
		return 0
	}
	if k, ok := t.keyLabel(j); !ok || (k.f != fSectorHead && k.f != fOfficeHead) {
		return 0
	}
	return j - i
}

// keyLabel is a key label found at the start of a line.
type keyLabel struct {
	f     field
	words int // words of the label on its first line
}

// keyLabel recognises the label of a key/value row at the start of line
// i: words in the left column that end at a column gap (or the line's end)
// and read as a label, or the first part of a label that the next line of
// the same row completes.
func (t *textPage) keyLabel(i int) (keyLabel, bool) {
	l := t.lines[i]
	if l.X0 > t.left+0.5*l.Size || t.wrapped(i) {
		return keyLabel{}, false
	}
	ws := l.Words
	// a label ends at a column gap, or at the end of the line
	seg, f := t.leads[i].words, t.leads[i].f
	if keyField(f) {
		// Inside a data table a line starting with a label's words is
		// taken for an objective's key/value row only if its value sits in
		// the value column.
		heads := f == fSectorHead || f == fOfficeHead
		if !heads && t.blk != nil && t.blk.kind != tKV && t.valX > 0 && seg < len(ws) && math.Abs(ws[seg].X0-t.valX) > l.Size {
			return keyLabel{}, false
		}
		return keyLabel{f: f, words: seg}, true
	}
	// a label wrapped over two lines
	if i+1 < len(t.lines) && t.sameRow(i, i+1) {
		m := t.lines[i+1]
		if math.Abs(m.X0-l.X0) <= 0.5*l.Size {
			joined := wordsText(ws[:seg]) + " " + wordsText(m.Words[:t.leads[i+1].words])
			if f, _ := labelOf(joined); keyField(f) {
				return keyLabel{f: f, words: seg}, true
			}
		}
	}
	return keyLabel{}, false
}

func keyField(f field) bool {
	switch f {
	case fSectorHead, fOfficeHead, fObjective, fWeight, fDescription, fStrategicGoal, fOperationalGoal:
		return true
	}
	return false
}

// keyRow reads the key/value row starting at line i and returns the number
// of lines it takes; 0 if line i starts none.
func (t *textPage) keyRow(i int) int {
	k, ok := t.keyLabel(i)
	if !ok {
		return 0
	}
	if k.f == fSectorHead || k.f == fOfficeHead {
		return t.headsRow(i)
	}
	l := t.lines[i]
	keyX := l.X0
	key := []extract.TextLine{subLine(l, l.Words[:k.words])}
	var val []extract.TextLine
	if k.words < len(l.Words) {
		val = append(val, subLine(l, l.Words[k.words:]))
	}
	keyText := wordsText(l.Words[:k.words])
	j := i + 1
	for ; j < len(t.lines); j++ {
		m := t.lines[j]
		// The labels are set at the key column's left edge; the value's
		// lines, indented or not, start right of it.
		if m.X0 > keyX+0.5*m.Size {
			if t.heading(j) > 0 {
				break
			}
			val = append(val, m)
			continue
		}
		// A line in the key column goes on with the label only where
		// the label wraps onto it.
		seg := m.Words[:t.leads[j].words]
		joined := keyText + " " + wordsText(seg)
		if f, _ := labelOf(joined); !keyField(f) || !t.sameRow(j-1, j) {
			break
		}
		keyText = joined
		key = append(key, subLine(m, seg))
		if len(seg) < len(m.Words) {
			val = append(val, subLine(m, m.Words[len(seg):]))
		}
	}
	if f, _ := labelOf(keyText); !keyField(f) {
		return 0
	}
	for n := i; n < j; n++ {
		t.used[n] = true
	}
	// The value column starts where its least indented line does, here
	// or in the rows before.
	valX := t.valX
	for _, v := range val {
		if valX == 0 || v.X0 < valX {
			valX = v.X0
		}
	}
	if valX == 0 {
		valX = keyX + 1
	} else {
		t.valX = valX
	}
	t.blk = &textBlock{kind: tKV, keyX: keyX, valX: valX}
	top, bottom := t.lines[i].Top, t.lines[j-1].Bottom
	right := keyX
	for _, v := range val {
		right = math.Max(right, v.X1)
	}
	t.out = append(t.out, row{page: t.p.Number, cells: []extract.Cell{
		{Rect: extract.Rect{X0: keyX - 1, Y0: top, X1: valX - 1, Y1: bottom}, Lines: key},
		{Rect: extract.Rect{X0: valX - 1, Y0: top, X1: math.Max(right, valX) + 1, Y1: bottom}, Lines: val},
	}})
	return j - i
}

// headsRow reads the row of a unit's heads ("Responsabile ..." labels and
// names): its cells are the runs of words of its first line, and the
// words of its wrapped lines go to the cell they start under.
func (t *textPage) headsRow(i int) int {
	l := t.lines[i]
	var starts []float64
	cells := make([][]extract.TextLine, 0, 4)
	for _, s := range segments(l) {
		starts = append(starts, s[0].X0)
		cells = append(cells, []extract.TextLine{subLine(l, s)})
	}
	j := i + 1
	for ; j < len(t.lines) && t.sameRow(j-1, j) && !t.anchor(j); j++ {
		m := t.lines[j]
		for c, ws := range splitAt(m.Words, starts, 0.5*m.Size) {
			if len(ws) > 0 {
				cells[c] = append(cells[c], subLine(m, ws))
			}
		}
	}
	top, bottom := l.Top, t.lines[j-1].Bottom
	r := row{page: t.p.Number}
	for c, ls := range cells {
		x1 := ls[0].X1
		if c+1 < len(starts) {
			x1 = starts[c+1] - 1
		}
		r.cells = append(r.cells, extract.Cell{Rect: extract.Rect{X0: starts[c] - 1, Y0: top, X1: x1, Y1: bottom}, Lines: ls})
	}
	for n := i; n < j; n++ {
		t.used[n] = true
	}
	t.blk = nil
	t.out = append(t.out, r)
	return j - i
}

// tableHeader is a data table's header row read from text.
type tableHeader struct {
	kind  tableKind
	lines int // lines it takes
	// the header's columns: where their text starts and ends, and the
	// text itself
	starts, ends []float64
	text         [][]extract.TextLine
}

// parseHeader recognises the header row of a data table at line i: its
// first column is the label a table starts with, and most of its columns
// are labels. A header label may wrap onto the lines just below.
func (t *textPage) parseHeader(i int) (*tableHeader, bool) {
	if t.known[i]&2 == 0 {
		t.known[i] |= 2
		t.headers[i] = t.findHeader(i)
	}
	return t.headers[i], t.headers[i] != nil
}

func (t *textPage) findHeader(i int) *tableHeader {
	l := t.lines[i]
	if l.X0 > t.left+0.5*l.Size || t.wrapped(i) {
		return nil
	}
	f := t.leads[i].f
	var kind tableKind
	switch f {
	case fStaffName:
		kind = tStaff
	case fPhaseTitle:
		kind = tPhases
	case fGrid:
		kind = tGrid
	case fIndicator:
		kind = tIndicators
	default:
		return nil
	}
	segs := segments(l)
	var cols [][]extract.Word
	if kind == tGrid {
		// the month heads may stand closer than a column gap
		cols = append(cols, segs[0])
		for _, w := range l.Words[len(segs[0]):] {
			cols = append(cols, []extract.Word{w})
		}
	} else {
		for _, s := range segs {
			cols = append(cols, splitLabels(s)...)
		}
	}
	h := &tableHeader{kind: kind}
	for _, ws := range cols {
		h.starts = append(h.starts, ws[0].X0)
		h.ends = append(h.ends, ws[len(ws)-1].X1)
		h.text = append(h.text, []extract.TextLine{subLine(l, ws)})
	}
	j := i + 1
	for ; j < len(t.lines) && t.sameRow(j-1, j) && t.lines[j].X0 >= h.starts[0]-0.5*l.Size; j++ {
		m := t.lines[j]
		for c, ws := range splitAt(m.Words, h.starts, 0.5*m.Size) {
			if len(ws) > 0 {
				h.text[c] = append(h.text[c], subLine(m, ws))
				h.ends[c] = math.Max(h.ends[c], ws[len(ws)-1].X1)
			}
		}
	}
	h.lines = j - i
	// the columns as headerOf reads them
	r := row{page: t.p.Number}
	for c := range h.starts {
		x1 := h.ends[c]
		if c+1 < len(h.starts) {
			x1 = h.starts[c+1] - 1
		}
		r.cells = append(r.cells, extract.Cell{Rect: extract.Rect{X0: h.starts[c], X1: x1}, Lines: h.text[c]})
	}
	if kind == tGrid {
		// the planned/actual label column has no head
		r.cells = append(r.cells[:1], append([]extract.Cell{{}}, r.cells[1:]...)...)
	}
	if _, _, ok := headerOf(f, r); !ok {
		return nil
	}
	return h
}

// header reads the header row of a data table at line i, sets the
// table's columns from it and the text below it, and returns the number of
// lines the header takes.
func (t *textPage) header(i int) int {
	h, ok := t.parseHeader(i)
	if !ok {
		return 0
	}
	end := i + h.lines
	for end < len(t.lines) && !t.anchor(end) {
		end++
	}
	body := t.lines[i+h.lines : end]
	var blk *textBlock
	if h.kind == tGrid {
		blk = gridColumns(h, body)
	} else {
		blk = tableColumns(h, body)
	}
	top, bottom := t.lines[i].Top, t.lines[i+h.lines-1].Bottom
	r := row{page: t.p.Number}
	for c, col := range blk.cols {
		cell := extract.Cell{Rect: extract.Rect{X0: col.x0, Y0: top, X1: col.x1, Y1: bottom}}
		if k := headerColumn(h, c); k >= 0 {
			cell.Lines = h.text[k]
		}
		r.cells = append(r.cells, cell)
	}
	for n := i; n < i+h.lines; n++ {
		t.used[n] = true
	}
	t.blk = blk
	t.out = append(t.out, r)
	return h.lines
}

// headerColumn is the header column printed over block column c, or -1.
func headerColumn(h *tableHeader, c int) int {
	if h.kind != tGrid {
		return c
	}
	switch {
	case c == 0:
		return 0
	case c == 1:
		return -1 // the label column
	}
	return c - 1
}

// tableColumns places the borders of a data table's columns: each column
// starts where its head starts, unless the text below shows that its
// column reaches further left (a head centred over its column); the
// border is then put in the gap, left of the head, that no word of the
// table crosses.
func tableColumns(h *tableHeader, body []extract.TextLine) *textBlock {
	var ws []extract.Word
	lo, hi := h.starts[0], h.ends[len(h.ends)-1]
	for _, l := range body {
		ws = append(ws, l.Words...)
		lo, hi = math.Min(lo, l.X0), math.Max(hi, l.X1)
	}
	blk := &textBlock{kind: h.kind}
	x0 := lo - 1
	for c := range h.starts {
		x1 := hi + 1
		if c+1 < len(h.starts) {
			x1 = border(ws, h.ends[c], h.starts[c+1])
		}
		blk.cols = append(blk.cols, span{x0, x1})
		x0 = x1
	}
	return blk
}

// border finds, going left from next (where the next column's head
// starts) but not past prev (where this column's head ends), the first x
// that no word crosses.
func border(ws []extract.Word, prev, next float64) float64 {
	const slack = 0.5
	x := next - slack
	for x > prev {
		moved := false
		for _, w := range ws {
			if w.X0 < x-slack && w.X1 > x+slack {
				x = w.X0 - slack
				moved = true
			}
		}
		if !moved {
			return x
		}
	}
	return next - slack
}

// gridColumns places the columns of the month grid: the months between
// the midpoints of their heads, the planned/actual label column from where
// those labels start, the phase title column left of it.
func gridColumns(h *tableHeader, body []extract.TextLine) *textBlock {
	n := len(h.starts) - 1 // month heads
	blk := &textBlock{kind: tGrid}
	centre := func(k int) float64 { return (h.starts[k+1] + h.ends[k+1]) / 2 }
	step := func(k int) float64 {
		if n < 2 {
			return h.ends[k+1] - h.starts[k+1] + 2
		}
		if k+1 < n {
			return centre(k+1) - centre(k)
		}
		return centre(k) - centre(k-1)
	}
	monthsX0 := centre(0) - step(0)/2
	lo := h.starts[0]
	label := monthsX0
	for _, l := range body {
		lo = math.Min(lo, l.X0)
		for _, w := range l.Words {
			if f, _ := labelOf(w.Text); (f == fPlanned || f == fActual) && w.X1 <= monthsX0+1 {
				label = math.Min(label, w.X0-1)
			}
		}
	}
	blk.cols = []span{{lo - 1, label}, {label, monthsX0}}
	for k := 0; k < n; k++ {
		c := centre(k)
		x0, x1 := c-step(k)/2, c+step(k)/2
		if k > 0 {
			x0 = (centre(k-1) + c) / 2
		}
		if k+1 < n {
			x1 = (c + centre(k+1)) / 2
		}
		blk.cols = append(blk.cols, span{x0, x1})
	}
	return blk
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
	default:
		t.dataRows(i, end)
	}
	for n := i; n < end; n++ {
		t.used[n] = true
	}
	return end - i
}

// kvContinued is a value that goes on from the last page without its
// label: one row with an empty key cell.
func (t *textPage) kvContinued(i, end int) {
	b := t.blk
	top, bottom := t.lines[i].Top, t.lines[end-1].Bottom
	right := b.valX
	for _, l := range t.lines[i:end] {
		right = math.Max(right, l.X1)
	}
	t.out = append(t.out, row{page: t.p.Number, cells: []extract.Cell{
		{Rect: extract.Rect{X0: b.keyX - 1, Y0: top, X1: b.valX - 1, Y1: bottom}},
		{Rect: extract.Rect{X0: b.valX - 1, Y0: top, X1: right + 1, Y1: bottom}, Lines: append([]extract.TextLine(nil), t.lines[i:end]...)},
	}})
}

// dataRows reads lines i to end as rows of the open data table: a new row
// starts where a line is further below the one before than the pitch.
func (t *textPage) dataRows(i, end int) {
	start := i
	for j := i + 1; j <= end; j++ {
		if j < end && t.sameRow(j-1, j) {
			continue
		}
		t.out = append(t.out, t.tableRow(start, j))
		start = j
	}
}

// tableRow makes the row of lines i to end, their words in the columns
// they start in.
func (t *textPage) tableRow(i, end int) row {
	b := t.blk
	cells := make([]extract.Cell, len(b.cols))
	top, bottom := t.lines[i].Top, t.lines[end-1].Bottom
	for c, col := range b.cols {
		cells[c].Rect = extract.Rect{X0: col.x0, Y0: top, X1: col.x1, Y1: bottom}
	}
	for _, l := range t.lines[i:end] {
		for c, ws := range b.split(l.Words) {
			if len(ws) > 0 {
				cells[c].Lines = append(cells[c].Lines, subLine(l, ws))
			}
		}
	}
	return row{page: t.p.Number, cells: cells}
}

// split puts each word in the column it starts in.
func (b *textBlock) split(ws []extract.Word) [][]extract.Word {
	out := make([][]extract.Word, len(b.cols))
	for _, w := range ws {
		c := 0
		for c+1 < len(b.cols) && w.X0 >= b.cols[c+1].x0 {
			c++
		}
		out[c] = append(out[c], w)
	}
	return out
}

// gridRows reads lines i to end as rows of the month grid. A phase starts
// at a line with a planned label (or, in a grid printed without them, an
// actual label); the title lines and the actual label below it, up to the
// next phase, are its own.
func (t *textPage) gridRows(i, end int) {
	b := t.blk
	kinds := make([]field, end-i) // label of each line
	anchor := fPlanned
	seen := false
	for j := i; j < end; j++ {
		cols := b.split(t.lines[j].Words)
		if f, _ := labelOf(wordsText(cols[1])); f == fPlanned || f == fActual {
			kinds[j-i] = f
			seen = seen || f == fPlanned
		}
	}
	if !seen {
		anchor = fActual
	}
	type phase struct {
		title             []extract.TextLine
		planned, actual   int // line index, -1 if none
		top, titleBottom  float64
		plannedW, actualW []extract.Word
	}
	var phases []*phase
	var lead []extract.TextLine // title lines above the first anchor
	for j := i; j < end; j++ {
		l := t.lines[j]
		cols := b.split(l.Words)
		k := kinds[j-i]
		if k == anchor {
			phases = append(phases, &phase{planned: -1, actual: -1, top: l.Top, title: lead})
			lead = nil
		}
		var p *phase
		if n := len(phases); n > 0 {
			p = phases[n-1]
		}
		if len(cols[0]) > 0 {
			if p == nil {
				lead = append(lead, subLine(l, cols[0]))
			} else {
				p.title = append(p.title, subLine(l, cols[0]))
			}
		}
		if p == nil {
			continue
		}
		switch {
		case k == anchor && p.planned < 0:
			p.planned, p.plannedW = j, cols[1]
		case k == fActual && p.actual < 0:
			p.actual, p.actualW = j, cols[1]
		}
	}
	for _, p := range phases {
		first := true
		for _, lab := range []struct {
			line int
			ws   []extract.Word
		}{{p.planned, p.plannedW}, {p.actual, p.actualW}} {
			if lab.line < 0 {
				continue
			}
			l := t.lines[lab.line]
			var cells []extract.Cell
			if first {
				bottom := l.Bottom
				for _, tl := range p.title {
					bottom = math.Max(bottom, tl.Bottom)
				}
				cells = append(cells, extract.Cell{Rect: extract.Rect{X0: b.cols[0].x0, Y0: p.top, X1: b.cols[0].x1, Y1: bottom}, Lines: p.title})
			}
			first = false
			cells = append(cells, extract.Cell{Rect: extract.Rect{X0: b.cols[1].x0, Y0: l.Top, X1: b.cols[1].x1, Y1: l.Bottom}, Lines: []extract.TextLine{subLine(l, lab.ws)}})
			for c := 2; c < len(b.cols); c++ {
				cell := extract.Cell{Rect: extract.Rect{X0: b.cols[c].x0, Y0: l.Top, X1: b.cols[c].x1, Y1: l.Bottom}}
				cell.Fill = t.monthFill(b, c, l)
				cells = append(cells, cell)
			}
			t.out = append(t.out, row{page: t.p.Number, cells: cells})
		}
	}
}

// monthFill is the colour of the month cell of grid column c in the row
// of label line l: the last coloured rectangle painted across the
// column's middle at the height of the label, that stays within the month
// columns (a band across the whole row is no month's colour).
func (t *textPage) monthFill(b *textBlock, c int, l extract.TextLine) *extract.Color {
	col := b.cols[c]
	mid := (col.x0 + col.x1) / 2
	first := b.cols[2].x0 - 0.25*(col.x1-col.x0)
	h := l.Bottom - l.Top
	var fill *extract.Color
	for k := range t.p.Fills {
		f := &t.p.Fills[k]
		if f.Color.IsWhite() || f.X0 > mid || f.X1 < mid || f.X0 < first {
			continue
		}
		if math.Min(f.Y1, l.Bottom)-math.Max(f.Y0, l.Top) < 0.5*h {
			continue
		}
		c := f.Color
		fill = &c
	}
	return fill
}

// segments splits a line's words where they are further apart than a
// column gap.
func segments(l extract.TextLine) [][]extract.Word {
	var out [][]extract.Word
	start := 0
	for k := 1; k <= len(l.Words); k++ {
		if k < len(l.Words) && l.Words[k].X0-l.Words[k-1].X1 <= colGap(l) {
			continue
		}
		out = append(out, l.Words[start:k])
		start = k
	}
	return out
}

// splitLabels splits a run of header words into the labels it is made of,
// where labels stand closer than a column gap; a run that is not made of
// labels is returned whole.
func splitLabels(ws []extract.Word) [][]extract.Word {
	var out [][]extract.Word
	for a := 0; a < len(ws); {
		k := len(ws) - a
		for ; k > 0; k-- {
			if wordsLabel(ws[a:a+k]) != fNone {
				break
			}
		}
		if k == 0 {
			return [][]extract.Word{ws}
		}
		out = append(out, ws[a:a+k])
		a += k
	}
	return out
}

// splitAt puts each word in the column whose start is the last at or
// before the word's start (within tol).
func splitAt(ws []extract.Word, starts []float64, tol float64) [][]extract.Word {
	out := make([][]extract.Word, len(starts))
	for _, w := range ws {
		c := 0
		for c+1 < len(starts) && w.X0 >= starts[c+1]-tol {
			c++
		}
		out[c] = append(out[c], w)
	}
	return out
}

// wordsLabel is the label that words read as, if any. No label has more
// than four words.
func wordsLabel(ws []extract.Word) field {
	if len(ws) == 0 || len(ws) > 4 {
		return fNone
	}
	f, _ := labelOf(wordsText(ws))
	return f
}

func wordsText(ws []extract.Word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

// subLine is the part of line l made of the words ws.
func subLine(l extract.TextLine, ws []extract.Word) extract.TextLine {
	s := l
	s.Words = ws
	s.X0, s.X1 = ws[0].X0, ws[len(ws)-1].X1
	s.Text = wordsText(ws)
	s.Bold = true
	for _, w := range ws {
		s.Bold = s.Bold && w.Bold
	}
	return s
}

// tocPart is the part of page p the Indice can be on: the lines above its
// first labelled row, where the body starts.
func tocPart(p *extract.Page, rows []row) *extract.Page {
	cut := math.Inf(1)
	for _, r := range rows {
		if f, _ := labelOf(cellText(r.cells[0])); f != fNone {
			cut = math.Min(cut, r.cells[0].Y0)
		}
	}
	if math.IsInf(cut, 1) {
		return p
	}
	q := *p
	q.Lines = nil
	for _, l := range p.Lines {
		if l.Baseline < cut {
			q.Lines = append(q.Lines, l)
		}
	}
	return &q
}
