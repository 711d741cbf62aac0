package audit

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/plan"
)

// Rules about repeated rows and repeated objectives.
const (
	RuleDuplicatePhase     = "duplicate-phase"
	RuleDuplicateObjective = "duplicate-objective"
	RuleCopyDiffers        = "objective-copy-differs"
)

var duplicateRules = []Rule{
	{RuleDuplicatePhase, plan.SeverityError, "a phase row repeated in one objective: same title and same dates"},
	{RuleDuplicateObjective, plan.SeverityWarning, "an objective printed more than once under the same unit"},
	{RuleCopyDiffers, plan.SeverityWarning, "copies of one objective (same title) that differ slightly: the finding names what differs from the most common copy"},
}

// checkDuplicates reports repeated phases, objectives repeated under one
// unit, and copies of an objective that differ.
func checkDuplicates(c *checker) {
	for _, g := range c.groups {
		o := g.first(c.doc)
		for j := range o.Phases {
			for i := 0; i < j; i++ {
				a, b := &o.Phases[i], &o.Phases[j]
				if plan.Fold(a.Title) != plan.Fold(b.Title) || plan.Deref(a.Start) != plan.Deref(b.Start) || plan.Deref(a.End) != plan.Deref(b.End) {
					continue
				}
				msg := fmt.Sprintf("objective %s: phase %s (%s to %s) is printed twice (rows %d and %d)",
					quote(o.Title, 70), quote(b.Title, 70), dateOrNone(b.Start), dateOrNone(b.End), i+1, j+1)
				if !same(plan.Deref(a.Description), plan.Deref(b.Description)) {
					msg += fmt.Sprintf("; descriptions differ: row %d %s, row %d %s",
						i+1, quoteOrEmpty(a.Description), j+1, quoteOrEmpty(b.Description))
				}
				c.addAt(RuleDuplicatePhase, g.locs, "%s", msg)
				break
			}
		}
	}

	// Occurrences by title.
	byTitle := map[string][]int{}
	var titles []string
	for i := range c.doc.Objectives {
		t := plan.Fold(c.doc.Objectives[i].Title)
		if t == "" {
			continue
		}
		if _, ok := byTitle[t]; !ok {
			titles = append(titles, t)
		}
		byTitle[t] = append(byTitle[t], i)
	}
	for _, t := range titles {
		occ := byTitle[t]
		if len(occ) < 2 {
			continue
		}
		firstInUnit := map[string]int{}
		for _, i := range occ {
			o := &c.doc.Objectives[i]
			if f, ok := firstInUnit[o.Unit]; ok {
				how := "a copy that differs"
				if c.keys[f] == c.keys[i] {
					how = "an identical copy"
				}
				c.add(RuleDuplicateObjective, c.objLoc(i), "objective %s is printed again under %s (first on page %d): %s",
					quote(o.Title, 70), o.Unit, c.doc.Objectives[f].Page, how)
				continue
			}
			firstInUnit[o.Unit] = i
		}
		reportCopies(c, occ)
	}
}

func dateOrNone(s *string) string {
	if s == nil {
		return "no date"
	}
	return *s
}

// reportCopies compares the copies of one title with the most common copy
// (on a tie, the first printed) and names what differs.
func reportCopies(c *checker, occ []int) {
	sigs := make([]string, len(occ))
	count := map[string]int{}
	for n, i := range occ {
		sigs[n] = signature(c, &c.doc.Objectives[i])
		count[sigs[n]]++
	}
	if len(count) < 2 {
		return
	}
	ref := 0
	for n := range occ {
		if count[sigs[n]] > count[sigs[ref]] {
			ref = n
		}
	}
	r := &c.doc.Objectives[occ[ref]]
	for n, i := range occ {
		if sigs[n] == sigs[ref] {
			continue
		}
		o := &c.doc.Objectives[i]
		diffs := copyDiffs(o, r)
		c.add(RuleCopyDiffers, c.objLoc(i), "objective %s differs from its copy under %s (page %d): %s",
			quote(o.Title, 70), r.Unit, r.Page, joinLimited(diffs, 6))
	}
}

// signature is the printed content of an objective, whitespace collapsed,
// without where it is printed.
func signature(c *checker, o *plan.Objective) string {
	var b strings.Builder
	w := func(s string) { b.WriteString(c.canon(s)); b.WriteByte(0x1f) }
	p := func(s *string) {
		if s == nil {
			b.WriteString("\x00\x1f")
			return
		}
		w(*s)
	}
	w(o.Title)
	if o.Weight != nil {
		w(strconv.FormatFloat(*o.Weight, 'f', -1, 64))
	} else {
		p(nil)
	}
	w(o.DescriptionText)
	w(goalString(o.StrategicGoal))
	w(goalString(o.OperationalGoal))
	for _, s := range o.Staff {
		w(s.Name)
		p(s.Category)
		p(s.Role)
		p(s.Start)
		p(s.End)
	}
	b.WriteByte(0x1e)
	for _, ph := range o.Phases {
		w(ph.Title)
		p(ph.Description)
		p(ph.Start)
		p(ph.End)
		w(fmt.Sprint(ph.PlannedMonths, ph.ActualMonths))
	}
	b.WriteByte(0x1e)
	for _, in := range o.Indicators {
		w(indicatorString(in))
	}
	return b.String()
}

func goalString(g *plan.Goal) string {
	if g == nil {
		return ""
	}
	return plan.Canon(g.Code + " - " + g.Title)
}

func indicatorString(in plan.Indicator) string {
	years := make([]string, 0, len(in.Targets))
	for y := range in.Targets {
		years = append(years, y)
	}
	sort.Strings(years)
	parts := []string{in.Name, plan.Deref(in.Unit), plan.Deref(in.Reference)}
	for _, y := range years {
		parts = append(parts, y+"="+plan.Deref(in.Targets[y]))
	}
	return plan.Canon(strings.Join(parts, " | "))
}

// copyDiffs names every way o differs from its reference copy r.
func copyDiffs(o, r *plan.Objective) []string {
	var d []string
	text := func(label, a, b string) {
		if s := describeDiff(a, b, 2); s != "" {
			d = append(d, label+" "+s)
		}
	}
	text("title", o.Title, r.Title)
	if fmt.Sprint(deref(o.Weight)) != fmt.Sprint(deref(r.Weight)) {
		d = append(d, fmt.Sprintf("weight %s here vs %s", weightString(o.Weight), weightString(r.Weight)))
	}
	text("description", o.DescriptionText, r.DescriptionText)
	goalDiff := func(label string, a, b *plan.Goal) {
		switch {
		case a == nil && b == nil:
		case a == nil:
			d = append(d, label+" missing here")
		case b == nil:
			d = append(d, label+" missing there")
		case !same(a.Code, b.Code):
			d = append(d, fmt.Sprintf("%s %s here vs %s", label, quote(goalString(a), 60), quote(goalString(b), 60)))
		default:
			text(label+" "+a.Code+" title", a.Title, b.Title)
		}
	}
	goalDiff("strategic goal", o.StrategicGoal, r.StrategicGoal)
	goalDiff("operational goal", o.OperationalGoal, r.OperationalGoal)
	d = append(d, staffDiffs(o.Staff, r.Staff)...)
	d = append(d, phaseDiffs(o.Phases, r.Phases)...)
	if len(o.Indicators) != len(r.Indicators) {
		d = append(d, fmt.Sprintf("%s here vs %d", plural(len(o.Indicators), "indicator"), len(r.Indicators)))
	} else {
		for i := range o.Indicators {
			text(fmt.Sprintf("indicator %d", i+1), indicatorString(o.Indicators[i]), indicatorString(r.Indicators[i]))
		}
	}
	if len(d) == 0 {
		d = append(d, "spacing of its cells")
	}
	return d
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func weightString(p *float64) string {
	if p == nil {
		return "empty"
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// staffDiffs names the staff only in one copy, names spelled differently,
// and the rows that differ. Rows are matched by name as printed, then by
// name with case and accents ignored.
func staffDiffs(a, b []plan.Staff) []string {
	var d []string
	match := make([]int, len(a)) // index in b, -1 if none
	usedB := make([]bool, len(b))
	for pass := 0; pass < 2; pass++ {
		for i := range a {
			if pass == 0 {
				match[i] = -1
			} else if match[i] >= 0 {
				continue
			}
			for j := range b {
				if usedB[j] {
					continue
				}
				if (pass == 0 && same(a[i].Name, b[j].Name)) || (pass == 1 && plan.Fold(a[i].Name) == plan.Fold(b[j].Name)) {
					match[i], usedB[j] = j, true
					break
				}
			}
		}
	}
	var onlyHere, onlyThere []string
	for i := range a {
		n := plan.Canon(a[i].Name)
		if match[i] < 0 {
			onlyHere = append(onlyHere, n)
			continue
		}
		s := &b[match[i]]
		var fields []string
		if !same(a[i].Name, s.Name) {
			fields = append(fields, fmt.Sprintf("name %q here vs %q", n, plan.Canon(s.Name)))
		}
		cmp := func(label string, x, y *string) {
			if plan.Canon(plan.Deref(x)) != plan.Canon(plan.Deref(y)) {
				fields = append(fields, fmt.Sprintf("%s %s here vs %s", label, quoteOrEmpty(x), quoteOrEmpty(y)))
			}
		}
		cmp("category", a[i].Category, s.Category)
		cmp("role", a[i].Role, s.Role)
		cmp("start", a[i].Start, s.Start)
		cmp("end", a[i].End, s.End)
		if len(fields) > 0 {
			d = append(d, "staff "+n+": "+strings.Join(fields, ", "))
		}
	}
	for j := range b {
		if !usedB[j] {
			onlyThere = append(onlyThere, plan.Canon(b[j].Name))
		}
	}
	if len(onlyHere) > 0 {
		d = append(d, "staff only here: "+nameList(onlyHere, 4))
	}
	if len(onlyThere) > 0 {
		d = append(d, "staff only there: "+nameList(onlyThere, 4))
	}
	return d
}

func quoteOrEmpty(s *string) string {
	if s == nil || blank(*s) {
		return "empty"
	}
	return quote(*s, 50)
}

// phaseDiffs compares phases row by row when both copies have as many,
// and by title otherwise.
func phaseDiffs(a, b []plan.Phase) []string {
	var d []string
	if len(a) != len(b) {
		d = append(d, fmt.Sprintf("%s here vs %d", plural(len(a), "phase"), len(b)))
		inB := map[string]bool{}
		for _, p := range b {
			inB[plan.Fold(p.Title)] = true
		}
		for _, p := range a {
			if !inB[plan.Fold(p.Title)] {
				d = append(d, "phase only here: "+quote(p.Title, 60))
			}
		}
		return d
	}
	for i := range a {
		p, q := &a[i], &b[i]
		label := fmt.Sprintf("phase %d", i+1)
		if s := describeDiff(p.Title, q.Title, 2); s != "" {
			d = append(d, label+" title "+s)
		}
		if s := describeDiff(plan.Deref(p.Description), plan.Deref(q.Description), 2); s != "" {
			d = append(d, label+" description "+s)
		}
		if plan.Deref(p.Start) != plan.Deref(q.Start) || plan.Deref(p.End) != plan.Deref(q.End) {
			d = append(d, fmt.Sprintf("%s dates %s to %s here vs %s to %s", label,
				dateOrNone(p.Start), dateOrNone(p.End), dateOrNone(q.Start), dateOrNone(q.End)))
		}
		if fmt.Sprint(p.PlannedMonths) != fmt.Sprint(q.PlannedMonths) || fmt.Sprint(p.ActualMonths) != fmt.Sprint(q.ActualMonths) {
			d = append(d, label+" schedule months differ")
		}
	}
	return d
}

// joinLimited joins at most max items and counts the rest.
func joinLimited(items []string, max int) string {
	if len(items) <= max {
		return strings.Join(items, "; ")
	}
	return strings.Join(items[:max], "; ") + fmt.Sprintf("; and %d more differences", len(items)-max)
}
