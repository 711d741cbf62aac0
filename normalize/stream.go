package normalize

import (
	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
)

// Stream builds the plan document of one report whose pages read hands to
// add, one at a time and in order, as Read does from all of them. A page
// is let go once its rows are read into the records, so that a report is
// read holding a few dozen pages, not all of them.
//
// What a page's rows mean depends on the whole report in two ways: which
// lines are running headers and footers (they recur on half of the
// pages), and how low the body of a page goes (the lowest row of all
// pages). Stream reads each page knowing the pages up to a few dozen
// ahead, guesses both from them, and checks every guess once the last
// page is in. Should one be wrong (a line on most of the first pages and
// few of the rest), it calls read again and reads the report as a whole:
// the result is always Read's.
//
// An error of read is returned as it is.
func Stream(source plan.Source, read func(add func(extract.Page)) error) (*Result, error) {
	r := newReader(source, true)
	if err := read(r.add); err != nil {
		return nil, err
	}
	res, held, err := r.done()
	if held {
		return res, err
	}
	var pages []extract.Page
	if err := read(func(p extract.Page) { pages = append(pages, p) }); err != nil {
		return nil, err
	}
	return Read(pages, source)
}

// How many pages past a page the reader has counted before it reads the
// page's rows (an eighth of the report's pages, from minReadAhead to
// maxReadAhead: the Indice of a long report, whose lines recur on its
// first pages only, is longer; a page with a line on about half of the
// pages counted waits for up to doubtAhead, until they tell whether the
// line is running), and how many it has read the rows of before it builds
// the page's records (buildAhead).
const (
	minReadAhead = 16
	maxReadAhead = 64
	doubtAhead   = 256
	buildAhead   = 16
)

// reader reads the pages of one report in order, in four steps per page:
// its rows (bodyRows, and the cover on the first page), the join of a row
// cut by the page break before it (joinCut), the titles whose label a
// page break garbled (repairTitle), and the records of its rows
// (builder.page). Each step of a page waits for what the steps of later
// pages may still change: a page's last row may be joined to the first row
// of the next page with rows, and repaired by it.
//
// Streamed, a page's rows are read once enough pages past it are
// counted, and its records built once the rows of buildAhead pages past it
// are read.
// Otherwise every page is counted before any is read, and every row is
// read before any record is built: the steps of Read.
type reader struct {
	b       *builder
	stream  bool
	running *runSet
	flow    textFlow
	text    bool // a page carries text
	printed int  // the year of the first print date, 0 none
	added   int
	// readAhead is how many pages past a page are counted before its
	// rows are read.
	readAhead int

	// win holds the pages not built yet, in order: the first read of
	// them have their rows read and joined, the first repaired of them
	// their titles repaired too.
	win            []*pending
	read, repaired int
	lastRows       *pending // the last page read with rows: a page break may join a row to its last
	prevRow        *row     // the last row repaired: the next row may repair it
	prevPage       *pending // the page of prevRow
	lowest         lowestRows
	guess          lowestRows // lowest, and the rows read of the pages not built
}

// pending is a page not built yet and its rows.
type pending struct {
	page extract.Page
	keys []string // of its free text lines, as runSet counts them
	rows []row
}

func newReader(source plan.Source, stream bool) *reader {
	r := &reader{
		b:       &builder{doc: &plan.Document{Format: plan.Format, Source: source}, labelled: map[int]bool{}},
		stream:  stream,
		running: newRunSet(source.Pages),
		lowest:  lowestRows{},
		guess:   lowestRows{},
		// (a report of unknown length is taken for a long one)
		readAhead: maxReadAhead,
	}
	if source.Pages > 0 {
		r.readAhead = min(max(source.Pages/8, minReadAhead), maxReadAhead)
	}
	if stream {
		r.b.bottoms, r.b.guessing = r.guess, true
	}
	return r
}

// add takes the next page.
func (r *reader) add(p extract.Page) {
	r.added++
	r.text = r.text || hasText(&p)
	r.win = append(r.win, &pending{page: p, keys: r.running.count(&p)})
	if r.stream {
		r.advance(false)
	}
}

// number is the page number, in the order added, of win[i].
func (r *reader) number(i int) int { return r.added - len(r.win) + 1 + i }

// advance reads the rows of the pages counted far enough past, repairs
// those final, and builds those whose rows are final and read far enough
// past; with all, it reads and repairs every page and builds none.
func (r *reader) advance(all bool) {
	for r.read < len(r.win) && (all || r.ready(r.read)) {
		r.readRows(r.win[r.read])
		r.read++
	}
	for r.repaired < r.read && (all || r.win[r.repaired] != r.lastRows) {
		r.repair(r.win[r.repaired])
		r.repaired++
	}
	if all {
		return
	}
	for r.repaired > 0 && r.win[0] != r.prevPage && r.read > buildAhead {
		r.build()
	}
}

// ready reports whether the rows of win[i] may be read: pages enough past
// it are counted.
func (r *reader) ready(i int) bool {
	past := r.added - r.number(i)
	return past >= doubtAhead || past >= r.readAhead && !r.running.doubtful(r.win[i].keys)
}

// readRows reads the rows of page q and joins its first row to the last
// row of the page with rows before it, where a page break cut them.
func (r *reader) readRows(q *pending) {
	if r.number(r.read) == 1 {
		r.b.cover(&q.page, r.running)
	}
	if r.printed == 0 {
		r.printed = printYear(&q.page)
	}
	q.rows = bodyRows(&q.page, r.running, &r.flow)
	if len(q.rows) > 0 {
		var last *row
		if r.lastRows != nil {
			last = &r.lastRows.rows[len(r.lastRows.rows)-1]
		}
		if q.rows = joinCut(last, q.rows); len(q.rows) > 0 {
			r.lastRows = q
		}
	}
	r.guess.add(q.page.Height, q.rows)
}

// repair repairs the titles of page q's rows, whose rows are final.
func (r *reader) repair(q *pending) {
	for k := range q.rows {
		if r.prevRow != nil {
			repairTitle(r.prevRow, q.rows[k])
		}
		r.prevRow, r.prevPage = &q.rows[k], q
	}
}

// build builds the records of the first page of the window and lets it go.
func (r *reader) build() {
	q := r.win[0]
	r.lowest.add(q.page.Height, q.rows)
	r.guess.add(q.page.Height, q.rows)
	r.b.page(&q.page, q.rows, r.running)
	r.win[0] = nil
	r.win = r.win[1:]
	r.read--
	r.repaired--
}

// done reads the pages left and returns the result, and whether every
// guess made while streaming held (when one did not, the result is not
// Read's).
func (r *reader) done() (*Result, bool, error) {
	if !r.text {
		return nil, true, ErrNoText
	}
	held := r.running.finish()
	r.advance(true)
	for _, q := range r.win {
		r.lowest.add(q.page.Height, q.rows)
	}
	r.b.bottoms, r.b.guessing = r.lowest, false
	for len(r.win) > 0 {
		r.build()
	}
	for _, g := range r.b.asked {
		held = held && g.holds(r.lowest)
	}
	b := r.b
	b.endObjective()
	b.endUnit()
	if err := b.enoughLabels(r.added); err != nil {
		return nil, held, err
	}
	units := map[string]bool{}
	for _, u := range b.doc.Units {
		units[u.Code] = true
	}
	b.doc.TOC = parseTOC(b.tocLines, units)
	b.doc.Year = planYear(b.doc, r.printed)
	b.doc.AssignKeys()
	b.doc.Normalize()
	return &Result{Doc: b.doc, GridNotes: b.notes, Pieces: b.pieces, BarePages: b.barePages(r.added)}, held, nil
}
