package richtext

import (
	"html"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/obiettivi/obiettivi/plan"
)

// tol is how far apart, in points, two x positions may be and still be the
// same: glyph origins of lines set at one indent coincide.
const tol = 0.5

// block is a paragraph (lines of text) or a list.
type block struct {
	lines []string
	list  *list
	// bare marks text set in a list without items: the report's software
	// writes dash lists as <ul style="list-style-type: none"> followed by
	// the text, dashes and all.
	bare bool
	// indented: the block is set in from the paragraph edge
	indented bool
}

// list is a <ul> or <ol> being rebuilt.
type list struct {
	ordered bool
	class   string  // marker kind: the bullet glyph, or "1." "1)" "a." "a)"
	marker  float64 // indent of the items' markers
	hang    float64 // indent of the items' text minus marker; 0 until seen
	items   []*item
}

// item is an <li>: its text, and any lists nested in it, in order.
type item struct {
	parts []*block
	text  float64 // indent of the item's continuation lines; 0 until seen
}

func (l *list) last() *item { return l.items[len(l.items)-1] }

// textPart returns the block where the item's next line of text goes.
func (it *item) textPart() *block {
	if n := len(it.parts); n > 0 && it.parts[n-1].list == nil {
		return it.parts[n-1]
	}
	b := &block{}
	it.parts = append(it.parts, b)
	return b
}

// marker is the list marker a line starts with.
type marker struct {
	ordered bool
	class   string
	rest    string // the line without its marker
}

var (
	bulletRe = regexp.MustCompile(`^([•◦▪▫■□●○‣⁃∙·*\-–—\x{F0B7}\x{F0A7}\x{F076}\x{F0D8}])(?:\s+|$)`)
	dashRe   = regexp.MustCompile(`^[-–—]\s`)
	// dashItems finds a second dash item after the first: "…; - …".
	dashItems = regexp.MustCompile(`^[-–—•]\s.*[;.:,]\s+[-–—•]\s`)
	orderedRe = regexp.MustCompile(`^(\d{1,3}|[a-z])([.)])(?:\s+|$)`)
)

func parseMarker(s string) (marker, bool) {
	if m := bulletRe.FindStringSubmatch(s); m != nil {
		return marker{class: m[1], rest: s[len(m[0]):]}, true
	}
	if m := orderedRe.FindStringSubmatch(s); m != nil {
		class := "1" + m[2]
		if m[1][0] >= 'a' && m[1][0] <= 'z' {
			class = "a" + m[2]
		}
		return marker{ordered: true, class: class, rest: s[len(m[0]):]}, true
	}
	return marker{}, false
}

// layouter rebuilds paragraphs and lists from the geometry of the lines.
type layouter struct {
	blocks []*block // top level
	stack  []*list  // open lists, outermost first
	target *block   // where a continuation line goes
	inList bool     // target is the text of a list item
	hang   float64  // the last item hang seen, 0 if none
	size   float64  // the last font size seen, 0 if none
	last   string   // the last line read
	widest int      // characters on the longest line read
	// endedBefore: the line before the one being read ended short
	endedBefore bool
}

// layout reads formatted or plain text: a line after a vertical gap starts
// a paragraph; a line starting with a bullet or a number, indented or
// followed by lines indented further (a hanging indent), starts a list item,
// nested when it is indented deeper than the item before it; other lines
// continue the paragraph or item they are indented under. A fragment after
// a page break continues what was being written unless the line before the
// break ended short or the fragment's indents show it leaves a list.
func layout(fragments [][]Line) *layouter {
	s := &layouter{}
	started := false
	for _, f := range fragments {
		lines := make([]Line, 0, len(f))
		for _, l := range f {
			l.Text = plan.Collapse(html.UnescapeString(l.Text))
			if l.Text != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			continue
		}
		off, edge := 0.0, true
		if started {
			off, edge = s.offset(lines)
		}
		for i, l := range lines {
			if l.Size > 0 {
				s.size = l.Size
			}
			pageBreak := started && i == 0
			ended := pageBreak && s.ended(l.Text)
			s.endedBefore = s.ended(l.Text)
			s.last, s.widest = l.Text, max(s.widest, utf8.RuneCountInString(l.Text))
			gap := i > 0 && l.Gap > gapThreshold(l.Size)
			m, isMarker := parseMarker(l.Text)
			x := l.Indent + off
			// A dash at the start of a block whose lines are not hung
			// under their text is written text, not a list marker: the
			// report's dash lists are bare text in a list.
			// So is a bullet whose next line runs on flush under it rather
			// than hung under its text: bullets typed into text set bare in
			// a list.
			dash := dashRe.MatchString(l.Text) && !hanging(lines, i, x, off) && !s.inListOf(m.class, x)
			typed := isMarker && !m.ordered && isBullet(m.class) && flush(lines, i, x, off) && !s.inListOf(m.class, x)
			if (dash || typed) && len(s.stack) == 0 && (s.target == nil || gap || ended || (!pageBreak && s.endedBefore)) {
				s.bare(l.Text, x > tol)
				continue
			}
			if isMarker && !dash && !typed && s.isItem(lines, i, x, off, m) {
				s.item(m, x)
				continue
			}
			if pageBreak {
				// after a page break the space that would start a new
				// paragraph is not printed: a line that ended short tells,
				// and indents that surely count from the cell's edge do
				// inside a list
				if ended || (edge && len(s.stack) > 0) {
					s.text(l.Text, x, ended)
				} else {
					s.continueText(l.Text)
				}
				continue
			}
			s.text(l.Text, x, gap)
		}
		started = true
	}
	return s
}

// gapThreshold is the extra space above a line that makes it start a new
// paragraph.
func gapThreshold(size float64) float64 {
	if size > 0 {
		return 0.2 * size
	}
	return 1.5
}

// sameLevel is how far apart two item markers may be and still be items of
// one list: numbers are often right-aligned, so "9." and "10." start a digit
// apart.
func (s *layouter) sameLevel() float64 {
	if s.size > 0 {
		return 0.7 * s.size
	}
	return 6
}

// isItem reports whether line i, which starts with marker m, starts a list
// item rather than continuing a paragraph or item: it is indented, or
// followed by lines indented further (a hanging indent), or set where the
// items of an open list of its kind are.
func (s *layouter) isItem(lines []Line, i int, x, off float64, m marker) bool {
	if n := len(s.stack); n > 0 {
		top := s.stack[n-1]
		if ti, ok := s.textIndent(top); ok && lines[i].Gap <= gapThreshold(lines[i].Size) && math.Abs(x-ti) <= tol {
			return false // a wrapped line of the item that happens to start like a marker
		}
	}
	if x > tol {
		return true
	}
	// A bullet glyph at the start of a line marks an item wherever it
	// stands; a number does after a paragraph break or a line that ended
	// short.
	if !m.ordered && isBullet(m.class) {
		return true
	}
	if m.ordered && (i == 0 || lines[i].Gap > gapThreshold(lines[i].Size) || s.endedBefore) {
		return true
	}
	if i+1 < len(lines) {
		next := lines[i+1]
		if _, nm := parseMarker(next.Text); !nm && next.Gap <= gapThreshold(next.Size) && next.Indent+off > x+tol {
			return true // hanging indent
		}
	}
	for _, l := range s.stack {
		if l.class == m.class && math.Abs(x-l.marker) <= s.sameLevel() {
			return true
		}
	}
	return false
}

// isBullet reports whether a marker class is a bullet glyph (not a dash or
// an asterisk, which also start ordinary text).
func isBullet(class string) bool {
	return strings.ContainsAny(class, "•◦▪▫■□●○‣⁃∙\uf0b7\uf0a7")
}

// flush reports whether the line after line i continues it at the same
// indent (x): text wrapped under its first character, not hung under the
// text after a marker.
func flush(lines []Line, i int, x, off float64) bool {
	if i+1 >= len(lines) {
		return false
	}
	next := lines[i+1]
	_, nm := parseMarker(next.Text)
	return !nm && next.Gap <= gapThreshold(next.Size) && math.Abs(next.Indent+off-x) <= tol
}

// inListOf reports whether an open list has items marked like class set at
// x: a further item of that list.
func (s *layouter) inListOf(class string, x float64) bool {
	for _, l := range s.stack {
		if l.class == class && math.Abs(x-l.marker) <= s.sameLevel() {
			return true
		}
	}
	return false
}

// hanging reports whether the line after line i is indented further than
// line i (set at x): a list item's text hung under its marker.
func hanging(lines []Line, i int, x, off float64) bool {
	if i+1 >= len(lines) {
		return false
	}
	next := lines[i+1]
	_, nm := parseMarker(next.Text)
	return !nm && next.Gap <= gapThreshold(next.Size) && next.Indent+off > x+tol
}

// textIndent returns the indent of the continuation lines of the last item
// of l, if known.
func (s *layouter) textIndent(l *list) (float64, bool) {
	it := l.last()
	switch {
	case it.text > 0:
		return it.text, true
	case l.hang > 0:
		return l.marker + l.hang, true
	}
	return 0, false
}

// item starts a list item at indent x.
func (s *layouter) item(m marker, x float64) {
	var parent *item
	for len(s.stack) > 0 {
		top := s.stack[len(s.stack)-1]
		if x > top.marker+s.sameLevel() { // deeper: nested in top's last item
			parent = top.last()
			break
		}
		if x >= top.marker-s.sameLevel() { // same level
			s.stack = s.stack[:len(s.stack)-1]
			if top.class == m.class {
				s.push(top, m)
				return
			}
			if len(s.stack) > 0 {
				parent = s.stack[len(s.stack)-1].last()
			}
			break
		}
		s.stack = s.stack[:len(s.stack)-1]
	}
	l := &list{ordered: m.ordered, class: m.class, marker: x, hang: s.hang}
	if parent != nil {
		parent.parts = append(parent.parts, &block{list: l})
	} else {
		s.blocks = append(s.blocks, &block{list: l})
	}
	s.push(l, m)
}

// push adds an item to l and makes l the innermost open list.
func (s *layouter) push(l *list, m marker) {
	it := &item{}
	l.items = append(l.items, it)
	s.stack = append(s.stack, l)
	s.target, s.inList = it.textPart(), true
	if m.rest != "" {
		s.target.lines = append(s.target.lines, m.rest)
	}
}

// text places a line that starts no item.
func (s *layouter) text(t string, x float64, gap bool) {
	for len(s.stack) > 0 && x <= s.stack[len(s.stack)-1].marker+tol {
		s.stack = s.stack[:len(s.stack)-1]
	}
	if n := len(s.stack); n > 0 {
		top := s.stack[n-1]
		it := top.last()
		if !gap && it.text == 0 {
			it.text = x
			top.hang = x - top.marker
			s.hang = top.hang
		}
		s.target, s.inList = it.textPart(), true
		s.target.lines = append(s.target.lines, t)
		return
	}
	if gap || s.target == nil || s.inList {
		s.paragraph()
	}
	s.target.lines = append(s.target.lines, t)
}

// continueText appends a line to what was being written: after a page break
// the space that would tell a new paragraph is not printed.
func (s *layouter) continueText(t string) {
	if s.target == nil {
		s.paragraph()
	}
	s.target.lines = append(s.target.lines, t)
}

// bare starts a block of text set in a list without items.
func (s *layouter) bare(t string, indented bool) {
	s.stack = s.stack[:0]
	s.target, s.inList = &block{bare: true, indented: indented}, false
	s.blocks = append(s.blocks, s.target)
	s.target.lines = append(s.target.lines, t)
}

func (s *layouter) paragraph() {
	s.stack = s.stack[:0]
	s.target, s.inList = &block{}, false
	s.blocks = append(s.blocks, s.target)
}

// ended reports whether the last line read ended its paragraph or item
// rather than being wrapped before next: the first word of next would have
// fitted on it, with room to spare for the difference between characters
// and printed width.
func (s *layouter) ended(next string) bool {
	if s.last == "" {
		return false
	}
	word, _, _ := strings.Cut(next, " ")
	n := utf8.RuneCountInString(s.last) + 1 + utf8.RuneCountInString(word)
	return n*100 < s.widest*85
}

// offset returns what to add to the indents of a fragment that continues
// the description after a page break, so that they line up with those
// before it, and whether they surely count from the cell's edge. A
// fragment's indents count from its own leftmost line, which is not the
// cell's edge when the fragment holds only list items.
func (s *layouter) offset(lines []Line) (float64, bool) {
	for _, l := range lines[1:] {
		if _, m := parseMarker(l.Text); !m && l.Gap > gapThreshold(l.Size) && l.Indent <= tol {
			return 0, true // a paragraph at the cell's edge
		}
	}
	if len(s.stack) == 0 {
		return 0, false
	}
	first := lines[0]
	if m, ok := parseMarker(first.Text); ok {
		for j := len(s.stack) - 1; j >= 0; j-- {
			if s.stack[j].class == m.class {
				return s.stack[j].marker - first.Indent, false
			}
		}
		return 0, false
	}
	if ti, ok := s.textIndent(s.stack[len(s.stack)-1]); ok {
		return ti - first.Indent, false
	}
	return 0, false
}

// html writes the rebuilt blocks as HTML.
func (s *layouter) html() string {
	var b strings.Builder
	for _, bl := range s.blocks {
		if bl.list == nil && len(bl.lines) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		writeBlock(&b, bl, true)
	}
	return b.String()
}

func writeBlock(b *strings.Builder, bl *block, para bool) {
	if bl.bare && (bl.indented || dashItems.MatchString(JoinLines(bl.lines))) {
		b.WriteString(`<ul style="list-style-type: none">`)
		b.WriteString(escape(JoinLines(bl.lines)))
		b.WriteString("</ul>")
		return
	}
	if bl.list == nil {
		if para {
			b.WriteString("<p>")
		}
		b.WriteString(escape(JoinLines(bl.lines)))
		if para {
			b.WriteString("</p>")
		}
		return
	}
	tag := "ul"
	if bl.list.ordered {
		tag = "ol"
	}
	b.WriteString("<" + tag + ">")
	for _, it := range bl.list.items {
		b.WriteString("<li>")
		for _, p := range it.parts {
			writeBlock(b, p, false)
		}
		b.WriteString("</li>")
	}
	b.WriteString("</" + tag + ">")
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escape escapes text for an HTML text node.
func escape(s string) string { return escaper.Replace(s) }
