package normalize

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
)

// cover reads the title and the entity from the first page: the title is
// the text in the largest type, the entity the text that follows it.
func (b *builder) cover(first *extract.Page, running *runSet) {
	var lines []extract.TextLine
	for _, l := range first.Lines {
		if running.has(l) {
			continue
		}
		if strings.EqualFold(plan.Collapse(l.Text), tocHeading) {
			break
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		return
	}
	max := 0.0
	for _, l := range lines {
		if l.Size > max {
			max = l.Size
		}
	}
	var title, entity []string
	for _, l := range lines {
		switch {
		case l.Size >= coverTitleSize*max && len(entity) == 0:
			title = append(title, l.Text)
		case len(title) > 0:
			entity = append(entity, l.Text)
		}
	}
	b.doc.Title = plan.Collapse(strings.Join(title, " "))
	b.doc.Entity = plan.Collapse(strings.Join(entity, " "))
}

// tocLine is one printed line of the Indice (a table row's cells joined),
// or the heading, and where it stands.
type tocLine struct {
	text    string
	heading bool
	page    int
	y, size float64 // baseline and type size
	x0      float64 // where its text starts
	y1      float64 // baseline of its last line, where joinCodes joined two (0: y)
}

// lastY is the baseline of the line's last printed line.
func (l tocLine) lastY() float64 { return math.Max(l.y, l.y1) }

// tocPage collects the lines of the Indice: the text of the pages before
// the body, after the "Indice" heading, tables included (row cells joined).
func (b *builder) tocPage(p *extract.Page, running *runSet) {
	var items []tocLine
	cut := p.Height + 1
	for _, t := range p.Tables {
		for _, r := range t.Rows {
			if len(r.Cells) == 0 {
				continue
			}
			if f, _ := labelOf(cellText(r.Cells[0])); f != fNone && r.Y0 < cut {
				cut = r.Y0 // the body starts here
			}
		}
	}
	for _, l := range p.Lines {
		if !running.has(l) && l.Baseline < cut {
			items = append(items, tocLine{text: plan.Collapse(l.Text), page: p.Number, y: l.Baseline, size: l.Size, x0: l.X0})
		}
	}
	for _, t := range p.Tables {
		for _, r := range t.Rows {
			if r.Y0 >= cut {
				continue
			}
			it := tocLine{page: p.Number, y: r.Y0}
			var parts []string
			for _, c := range r.Cells {
				if s := cellText(c); s != "" {
					parts = append(parts, s)
					if it.size == 0 {
						it.y, it.size, it.x0 = c.Lines[0].Baseline, c.Lines[0].Size, c.Lines[0].X0
					}
				}
			}
			if len(parts) > 0 {
				it.text = strings.Join(parts, " ")
				items = append(items, it)
			}
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].y < items[j].y })
	for _, it := range items {
		it.heading = strings.EqualFold(it.text, tocHeading)
		b.tocLines = append(b.tocLines, it)
	}
}

var (
	leaders = regexp.MustCompile(`(?:\s*[.·…]){2,}\s*`)
	tocPage = regexp.MustCompile(`^(.*?)\s*(\d+)$`)
	// endLeaders matches leaders that end a line
	endLeaders = regexp.MustCompile(`(?:[.·…]\s*){2,}$`)
)

// tocEntry is an Indice entry being read.
type tocEntry struct {
	parts []string // its text, line by line
	lines []tocLine
	page  int // the page number after leaders or on a line of its own; 0 for none yet
	// weak is a number ending one of its lines without leaders: the page
	// number where no other is found, else a word of the name.
	weak, weakPart int
	weakText       string
}

func (e *tocEntry) text() string { return plan.Collapse(strings.Join(e.parts, " ")) }

// numbered reports whether the entry has a page number.
func (e *tocEntry) numbered() bool { return e.page != 0 || e.weak != 0 }

// add adds a line to the entry, its text name and the number num that
// ends it (0 for none), after leaders or not.
func (e *tocEntry) add(l tocLine, name string, num int, numText string, led bool) {
	e.lines = append(e.lines, l)
	e.parts = append(e.parts, name)
	switch {
	case num == 0:
	case led && e.page == 0:
		e.page = num
	case led:
		e.parts[len(e.parts)-1] += " " + numText
	default:
		if e.weak != 0 {
			e.parts[e.weakPart] += " " + e.weakText
		}
		e.weak, e.weakPart, e.weakText = num, len(e.parts)-1, numText
	}
}

// finish settles the entry's page number: a number after leaders or on a
// line of its own before one that only ends a line of the name, which is
// then a word of it.
func (e *tocEntry) finish() {
	switch {
	case e.weak == 0:
	case e.page == 0:
		e.page = e.weak
	default:
		e.parts[e.weakPart] += " " + e.weakText
	}
}

// near is the distance from line l to the entry's nearest line on the
// same page, baseline to baseline (+Inf if none).
func (e *tocEntry) near(l tocLine) float64 {
	d := math.Inf(1)
	for _, el := range e.lines {
		if el.page == l.page {
			d = math.Min(d, math.Abs(el.y-l.y))
		}
	}
	return d
}

// goesOn reports whether line l can be a wrapped line of the entry's name:
// just below its last line, or at the top of a later page while the entry
// has no page number yet.
func (e *tocEntry) goesOn(l tocLine) bool {
	last := e.lines[len(e.lines)-1]
	if l.page != last.page {
		return l.page > last.page && !e.numbered()
	}
	return l.y > last.lastY() && l.y-last.lastY() <= wrapEm*l.size
}

// startsEntry reports whether the Indice text name, on line l, starts an
// entry after the entry cur: it reads "CODE - NAME", cur does not end in a
// hyphen that the line goes on from, and CODE is the code of a unit of the
// body (units), or the line is not where cur's name would wrap to (a
// wrapped name may hold " - ": "ASSISTENZA ALLA" over "PERSONA - SERVIZI").
func startsEntry(name string, cur *tocEntry, units map[string]bool, l tocLine) bool {
	m := unitHeading.FindStringSubmatch(name)
	switch {
	case m == nil:
		return false
	case cur == nil:
		return true
	case strings.HasSuffix(cur.text(), "-"):
		return false
	}
	return knownCode(m[1], units) || !cur.goesOn(l)
}

// knownCode reports whether code is the code of one of the body's units,
// or of none known: as printed in the Indice, which may misspell it by a
// letter ("UEDPUBBLIC" for the heading's "UEDPUBLIC").
func knownCode(code string, units map[string]bool) bool {
	if len(units) == 0 || units[code] {
		return true
	}
	for u := range units {
		if editDistance(code, u) <= 1 {
			return true
		}
	}
	return false
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			d := prev[j-1]
			if a[i-1] != b[j-1] {
				d = 1 + min(d, prev[j], cur[j-1])
			}
			cur[j] = d
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

var (
	// codeOnly matches a unit code alone on a line.
	codeOnly = regexp.MustCompile(`^[A-Z][A-Z0-9_]*[A-Z0-9]$`)
	// digitsOnly matches a page number alone on a line.
	digitsOnly = regexp.MustCompile(`^\d+$`)
)

// joinCodes joins a code printed alone on a line, its name wrapped to the
// line below ("UPIAURB_24" over "- PIANIFICAZIONE"), into one line.
func joinCodes(lines []tocLine) []tocLine {
	var out []tocLine
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if i+1 < len(lines) {
			// the code, and the page number after leaders if it is there
			code, num := plan.Collapse(leaders.ReplaceAllString(l.text, " ")), ""
			if m := tocPage.FindStringSubmatch(code); m != nil && leaders.MatchString(l.text) && !endLeaders.MatchString(l.text) {
				code, num = m[1], m[2]
			}
			// past page numbers printed between the two lines
			j := i + 1
			for j+1 < len(lines) && digitsOnly.MatchString(lines[j].text) {
				j++
			}
			n := lines[j]
			if codeOnly.MatchString(code) && n.page == l.page && n.y > l.y && n.y-l.y <= wrapEm*n.size && strings.HasPrefix(n.text, "- ") {
				l.text = code + " " + n.text
				if num != "" {
					l.text += " . . " + num
				}
				l.y1 = n.y
				out = append(out, l)
				out = append(out, lines[i+1:j]...)
				i = j
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// parseTOC reads the Indice entries "CODE - NAME ..... PAGE" from the
// lines after the heading, in reading order. An entry's name may wrap over
// several lines, its page number on any of them; a number printed off the
// baseline of its name, on a line of its own, goes to the nearest entry
// without one.
func parseTOC(lines []tocLine, units map[string]bool) []plan.TOCEntry {
	start := -1
	for i, l := range lines {
		if l.heading {
			start = i
			break
		}
	}
	if start < 0 {
		return nil
	}
	var entries []*tocEntry
	var lone []tocLine // numbers on lines of their own
	var lonePages []int
	for _, l := range joinCodes(lines[start+1:]) {
		if l.heading {
			continue
		}
		led := leaders.MatchString(l.text)
		t := plan.Collapse(leaders.ReplaceAllString(l.text, " "))
		name, num, numText := t, 0, ""
		// a line that ends in leaders has its page number on a line of
		// its own: its digits are the name's ("2 . . . .")
		if m := tocPage.FindStringSubmatch(t); m != nil && !endLeaders.MatchString(l.text) {
			if n, err := strconv.Atoi(m[2]); err == nil && n > 0 {
				name, num, numText = m[1], n, m[2]
			}
		}
		var cur *tocEntry
		if n := len(entries); n > 0 {
			cur = entries[n-1]
		}
		if name == "" {
			// a number on a line of its own: the last word of a name,
			// wrapped under it, or the page number of the entry it stands by
			switch {
			case cur != nil && !led && cur.goesOn(l) && math.Abs(l.x0-cur.lines[0].x0) <= alignEm*l.size:
				cur.add(l, numText, 0, "", false)
			case cur != nil && cur.page == 0 && cur.near(l) <= wrapEm*l.size:
				cur.page = num
			default:
				lone, lonePages = append(lone, l), append(lonePages, num)
			}
			continue
		}
		switch {
		case startsEntry(name, cur, units, l):
			cur = &tocEntry{}
			entries = append(entries, cur)
			// a number printed just above the entry's first line is its own
			if n := len(lone); n > 0 && num == 0 {
				if p := lone[n-1]; p.page == l.page && math.Abs(p.y-l.y) <= alignEm*l.size {
					cur.page = lonePages[n-1]
					lone, lonePages = lone[:n-1], lonePages[:n-1]
				}
			}
		case cur != nil && cur.goesOn(l):
		default:
			continue // text above the first entry or after the last
		}
		cur.add(l, name, num, numText, led)
	}
	// numbers printed before the line of their entry
	for k, l := range lone {
		var best *tocEntry
		bestD := wrapEm * l.size
		for _, e := range entries {
			if d := e.near(l); e.page == 0 && d <= bestD {
				best, bestD = e, d
			}
		}
		if best != nil {
			best.page = lonePages[k]
		}
	}
	var out []plan.TOCEntry
	for _, e := range entries {
		e.finish()
		h := unitHeading.FindStringSubmatch(e.text())
		if h == nil || e.page == 0 {
			continue
		}
		out = append(out, plan.TOCEntry{Code: h[1], Name: plan.Collapse(h[2]), Page: e.page})
	}
	return out
}

// planYear is the year most staff and phase periods start in; without
// periods, the year before the first "Atteso" column; without those, the
// print year (printed, 0 for none).
func planYear(d *plan.Document, printed int) int {
	count := map[int]int{}
	add := func(p *string) {
		if p != nil && len(*p) >= 4 {
			if y, err := strconv.Atoi((*p)[:4]); err == nil {
				count[y]++
			}
		}
	}
	for _, o := range d.Objectives {
		for _, s := range o.Staff {
			add(s.Start)
			add(s.End)
		}
		for _, p := range o.Phases {
			add(p.Start)
			add(p.End)
		}
	}
	best, bestN := 0, 0
	for y, n := range count {
		if n > bestN || (n == bestN && y < best) {
			best, bestN = y, n
		}
	}
	if best != 0 {
		return best
	}
	for _, o := range d.Objectives {
		for _, in := range o.Indicators {
			first := 0
			for y := range in.Targets {
				if v, err := strconv.Atoi(y); err == nil && (first == 0 || v < first) {
					first = v
				}
			}
			if first != 0 {
				return first - 1
			}
		}
	}
	return printed
}

// printYear is the year of the first print date ("Stampato il …") among
// the free text lines of page p, 0 for none.
func printYear(p *extract.Page) int {
	for _, l := range p.Lines {
		if m := printDate.FindStringSubmatch(l.Text); m != nil {
			y, _ := strconv.Atoi(m[3])
			return y
		}
	}
	return 0
}

func (b *builder) startBody(page int) {
	if !b.inBody {
		b.inBody, b.firstBody = true, page
	}
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
