package normalize

// The tolerances of the reader. Each is stated once, in units of what it
// measures (an em: the size of the text at hand; the line pitch of the
// page; a column's width), so that it holds at every font size, page size
// and producer, and each is used wherever the reader makes the same
// judgement. extract names its own (snapTol, joinTol) for the geometry of
// rules and glyphs.
const (
	// alignEm: two text edges within half an em stand in the same column:
	// a line set at a column's left edge, a label that wraps under itself,
	// a word under the column head it starts at.
	alignEm = 0.5
	// valueEm: a key/value row's value starts within an em of the value
	// column; text further away belongs to a table with other columns.
	valueEm = 1.0
	// columnGapEm: words further apart than this stand in different
	// columns; the space between two words of one cell is about a quarter
	// of an em.
	columnGapEm = 0.8
	// wrapEm: the wrapped lines of one cell or heading lie at most this far
	// apart, baseline to baseline; farther lines belong to another row.
	wrapEm = 1.6
	// minPitchEm: lines closer than this, baseline to baseline, overlap
	// rather than follow each other; they tell nothing of the line pitch.
	minPitchEm = 0.9
	// sameSize: two lines whose sizes differ by less than this share of
	// the body size are set in the same type.
	sameSize = 0.1
	// defaultPitchEm: the line pitch where a page shows none, the usual
	// leading of 120 %.
	defaultPitchEm = 1.2
	// sameRowPitch: a line at most this many pitches below the one before
	// goes on with its row; a new row starts farther down, past the cell
	// padding.
	sameRowPitch = 1.15
	// paragraphPitch: a line that stands more than this share of the pitch
	// farther from the one above than the pitch starts a paragraph.
	paragraphPitch = 0.25
	// coverTitleSize: the lines of the cover's title are set within this
	// share of its largest type.
	coverTitleSize = 0.9
	// columnOverlap: a cell belongs to the column it overlaps most, if
	// that overlap is at least this share of the narrower of the two.
	columnOverlap = 0.3
	// fillHeight: a coloured rectangle fills a month cell where it covers
	// at least this share of the height of the row's label.
	fillHeight = 0.5
	// fillLead: a coloured rectangle that starts more than this share of a
	// month column left of the first month is a band across the row, no
	// month's colour.
	fillLead = 0.25
	// minLabelled: the least share of the body's pages (those from the
	// first unit or objective on) on which the report's labels must be
	// read: every page of the report holds a labelled row, but for the
	// pages a long description fills alone.
	minLabelled = 0.5
	// borderSlack (points): a column border placed in the gap between
	// words keeps this far from them.
	borderSlack = 0.5
)
