package normalize

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
)

var digits = regexp.MustCompile(`\d+`)

// runningLines finds the running headers and footers: free text lines that
// recur, digits aside, on most pages. They never belong to the content.
func runningLines(pages []extract.Page) map[string]bool {
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, l := range p.Lines {
			k := digits.ReplaceAllString(collapse(l.Text), "#")
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	out := map[string]bool{}
	min := len(pages) / 2
	if min < 3 {
		min = 3
	}
	for k, n := range count {
		if n >= min {
			out[k] = true
		}
	}
	return out
}

func isRunning(running map[string]bool, l extract.TextLine) bool {
	t := collapse(l.Text)
	return running[digits.ReplaceAllString(t, "#")] || runningLine.MatchString(t)
}

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
		case l.Size >= 0.9*max && len(entity) == 0:
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

var (
	dateRe   = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
	isoRe    = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	markupRe = regexp.MustCompile(`</?(?:b|strong|i|em|u|span|font)\b[^>]*>|\*\*`)
	goalCode = regexp.MustCompile(`^\S+$`)
)

// parseDate reads a printed date (dd/mm/yyyy) as ISO; nil when empty or
// unreadable.
func parseDate(s string) *string {
	s = strings.TrimSpace(s)
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

// cleanTitle collapses whitespace and removes bold and markup markers.
func cleanTitle(s string) string {
	return collapse(markupRe.ReplaceAllString(s, ""))
}

// splitGoal splits "CODE - TITLE" at the first " - ".
func splitGoal(s string) *plan.Goal {
	s = collapse(s)
	if s == "" {
		return nil
	}
	if i := strings.Index(s, " - "); i >= 0 && goalCode.MatchString(s[:i]) {
		return &plan.Goal{Code: s[:i], Title: strings.TrimSpace(s[i+3:])}
	}
	if strings.HasSuffix(s, " -") {
		return &plan.Goal{Code: strings.TrimSuffix(s, " -")}
	}
	return &plan.Goal{Title: s}
}
