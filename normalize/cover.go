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
func (b *builder) cover(pages []extract.Page, running map[string]bool) {
	if len(pages) == 0 {
		return
	}
	var lines []extract.TextLine
	for _, l := range pages[0].Lines {
		if isRunning(running, l) {
			continue
		}
		if strings.EqualFold(collapse(l.Text), tocHeading) {
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
	b.doc.Title = collapse(strings.Join(title, " "))
	b.doc.Entity = collapse(strings.Join(entity, " "))
}

// tocPage collects the lines of the Indice: the text of the pages before
// the body, after the "Indice" heading, tables included (row cells joined).
func (b *builder) tocPage(p *extract.Page, running map[string]bool) {
	type item struct {
		y    float64
		text string
	}
	var items []item
	cut := p.Height + 1
	for _, t := range p.Tables {
		for _, r := range t.Rows {
			if f, _ := labelOf(cellText(r.Cells[0])); f != fNone && r.Y0 < cut {
				cut = r.Y0 // the body starts here
			}
		}
	}
	for _, l := range p.Lines {
		if !isRunning(running, l) && l.Baseline < cut {
			items = append(items, item{l.Baseline, collapse(l.Text)})
		}
	}
	for _, t := range p.Tables {
		for _, r := range t.Rows {
			if r.Y0 >= cut {
				continue
			}
			var parts []string
			for _, c := range r.Cells {
				if s := cellText(c); s != "" {
					parts = append(parts, s)
				}
			}
			if len(parts) > 0 {
				items = append(items, item{r.Y0, strings.Join(parts, " ")})
			}
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].y < items[j].y })
	for _, it := range items {
		if strings.EqualFold(it.text, tocHeading) {
			b.tocLines = append(b.tocLines, "\x00") // marks the heading
			continue
		}
		b.tocLines = append(b.tocLines, it.text)
	}
}

var (
	leaders = regexp.MustCompile(`(?:\s*[.·…]){2,}\s*`)
	tocPage = regexp.MustCompile(`^(.*?)\s*(\d+)$`)
)

// parseTOC reads the Indice entries "CODE - NAME ..... PAGE" from the
// lines after the heading; an entry may wrap over several lines.
func parseTOC(lines []string) []plan.TOCEntry {
	start := -1
	for i, l := range lines {
		if l == "\x00" {
			start = i
			break
		}
	}
	if start < 0 {
		return nil
	}
	var out []plan.TOCEntry
	var pending string
	for _, l := range lines[start+1:] {
		if l == "\x00" {
			continue
		}
		l = collapse(leaders.ReplaceAllString(l, " "))
		if unitHeading.MatchString(l) && pending != "" && !strings.HasSuffix(pending, "-") {
			// a new entry starts: the pending one had no page number
			pending = ""
		}
		if pending != "" {
			l = pending + " " + l
		}
		m := tocPage.FindStringSubmatch(l)
		h := unitHeading.FindStringSubmatch(l)
		if h == nil {
			pending = ""
			continue
		}
		if m == nil {
			pending = l
			continue
		}
		page, err := strconv.Atoi(m[2])
		if err != nil {
			pending = ""
			continue
		}
		h = unitHeading.FindStringSubmatch(m[1])
		if h == nil {
			pending = ""
			continue
		}
		out = append(out, plan.TOCEntry{Code: h[1], Name: collapse(h[2]), Page: page})
		pending = ""
	}
	return out
}

// planYear is the year most staff and phase periods start in; without
// periods, the year before the first "Atteso" column; without those, the
// print year.
func planYear(d *plan.Document, pages []extract.Page, running map[string]bool) int {
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
	for _, p := range pages {
		for _, l := range p.Lines {
			if m := printDate.FindStringSubmatch(l.Text); m != nil {
				y, _ := strconv.Atoi(m[3])
				return y
			}
		}
	}
	return 0
}

func (b *builder) startBody(page int) {
	if !b.inBody {
		b.inBody, b.firstBody = true, page
		b.doc.TOC = parseTOC(b.tocLines)
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
