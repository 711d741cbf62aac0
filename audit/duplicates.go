package audit

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/internal/i18n"
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
				msg := i18n.T("objective %s: phase %s (%s to %s) is printed twice (rows %d and %d)",
					titleOf(o.Title), quote(b.Title, 70), dateOrNone(b.Start), dateOrNone(b.End), i+1, j+1)
				if !plan.SameText(plan.Deref(a.Description), plan.Deref(b.Description)) {
					msg = i18n.T("%s; descriptions differ: row %d %s, row %d %s",
						msg, i+1, quoteOrEmpty(a.Description), j+1, quoteOrEmpty(b.Description))
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
				how := i18n.T("a copy that differs")
				if c.keys[f] == c.keys[i] {
					how = i18n.T("an identical copy")
				}
				if p := c.doc.Objectives[f].Page; p > 0 {
					c.add(RuleDuplicateObjective, c.objLoc(i), "objective %s is printed again under %s (first on page %d): %s",
						titleOf(o.Title), o.Unit, p, how)
				} else {
					c.add(RuleDuplicateObjective, c.objLoc(i), "objective %s is printed again under %s: %s",
						titleOf(o.Title), o.Unit, how)
				}
				continue
			}
			firstInUnit[o.Unit] = i
		}
		reportCopies(c, occ)
	}
}

func dateOrNone(s *string) any {
	if s == nil {
		return i18n.T("no date")
	}
	return i18n.Date(*s)
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
		c.add(RuleCopyDiffers, c.objLoc(i), "objective %s differs from its copy under %s: %s",
			titleOf(o.Title), place(loc{page: r.Page, unit: r.Unit}), joinLimited(diffs, 6))
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
func copyDiffs(o, r *plan.Objective) []i18n.Text {
	var d []i18n.Text
	text := func(label i18n.Text, a, b string) {
		if s := describeDiff(a, b, 2); !s.IsZero() {
			d = append(d, i18n.T("%s %s", label, s))
		}
	}
	text(i18n.T("title"), o.Title, r.Title)
	if fmt.Sprint(deref(o.Weight)) != fmt.Sprint(deref(r.Weight)) {
		d = append(d, i18n.T("weight %s here vs %s", weightString(o.Weight), weightString(r.Weight)))
	}
	text(i18n.T("description"), o.DescriptionText, r.DescriptionText)
	goalDiff := func(strategic bool, a, b *plan.Goal) {
		label := i18n.T("operational goal")
		if strategic {
			label = i18n.T("strategic goal")
		}
		switch {
		case a == nil && b == nil:
		case a == nil:
			d = append(d, i18n.T("%s missing here", label))
		case b == nil:
			d = append(d, i18n.T("%s missing there", label))
		case !plan.SameText(a.Code, b.Code):
			d = append(d, i18n.T("%s %s here vs %s", label, quote(goalString(a), 60), quote(goalString(b), 60)))
		default:
			text(i18n.T("%s %s title", label, plan.Canon(a.Code)), a.Title, b.Title)
		}
	}
	goalDiff(true, o.StrategicGoal, r.StrategicGoal)
	goalDiff(false, o.OperationalGoal, r.OperationalGoal)
	d = append(d, staffDiffs(o.Staff, r.Staff)...)
	d = append(d, phaseDiffs(o.Phases, r.Phases)...)
	if len(o.Indicators) != len(r.Indicators) {
		d = append(d, i18n.T("%d indicators here vs %d", len(o.Indicators), len(r.Indicators)))
	} else {
		for i := range o.Indicators {
			text(i18n.T("indicator %d", i+1), indicatorString(o.Indicators[i]), indicatorString(r.Indicators[i]))
		}
	}
	if len(d) == 0 {
		d = append(d, i18n.T("spacing of its cells"))
	}
	return d
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func weightString(p *float64) any {
	if p == nil {
		return i18n.T("empty")
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// staffDiffs names the staff only in one copy, names spelled differently,
// and the rows that differ. Rows are matched by name as printed, then by
// name with case and accents ignored.
func staffDiffs(a, b []plan.Staff) []i18n.Text {
	var d []i18n.Text
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
				if (pass == 0 && plan.SameText(a[i].Name, b[j].Name)) || (pass == 1 && plan.Fold(a[i].Name) == plan.Fold(b[j].Name)) {
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
		var fields []any
		if !plan.SameText(a[i].Name, s.Name) {
			fields = append(fields, i18n.T("name %s here vs %s", strconv.Quote(n), strconv.Quote(plan.Canon(s.Name))))
		}
		cmp := func(label i18n.Text, x, y *string) {
			if plan.Canon(plan.Deref(x)) != plan.Canon(plan.Deref(y)) {
				fields = append(fields, i18n.T("%s %s here vs %s", label, quoteOrEmpty(x), quoteOrEmpty(y)))
			}
		}
		cmp(i18n.T("category"), a[i].Category, s.Category)
		cmp(i18n.T("role"), a[i].Role, s.Role)
		cmp(i18n.T("start"), a[i].Start, s.Start)
		cmp(i18n.T("end"), a[i].End, s.End)
		if len(fields) > 0 {
			d = append(d, i18n.T("staff %s: %s", n, i18n.List{Sep: ", ", Items: fields}))
		}
	}
	for j := range b {
		if !usedB[j] {
			onlyThere = append(onlyThere, plan.Canon(b[j].Name))
		}
	}
	if len(onlyHere) > 0 {
		d = append(d, i18n.T("staff only here: %s", nameList(onlyHere, 4)))
	}
	if len(onlyThere) > 0 {
		d = append(d, i18n.T("staff only there: %s", nameList(onlyThere, 4)))
	}
	return d
}

func quoteOrEmpty(s *string) any {
	if s == nil || blank(*s) {
		return i18n.T("empty")
	}
	return quote(*s, 50)
}

// phaseDiffs compares phases row by row when both copies have as many,
// and by title otherwise.
func phaseDiffs(a, b []plan.Phase) []i18n.Text {
	var d []i18n.Text
	if len(a) != len(b) {
		d = append(d, i18n.T("%d phases here vs %d", len(a), len(b)))
		inB := map[string]bool{}
		for _, p := range b {
			inB[plan.Fold(p.Title)] = true
		}
		for _, p := range a {
			if !inB[plan.Fold(p.Title)] {
				d = append(d, i18n.T("phase only here: %s", quote(p.Title, 60)))
			}
		}
		return d
	}
	for i := range a {
		p, q := &a[i], &b[i]
		n := i + 1
		if s := describeDiff(p.Title, q.Title, 2); !s.IsZero() {
			d = append(d, i18n.T("phase %d title %s", n, s))
		}
		if s := describeDiff(plan.Deref(p.Description), plan.Deref(q.Description), 2); !s.IsZero() {
			d = append(d, i18n.T("phase %d description %s", n, s))
		}
		if plan.Deref(p.Start) != plan.Deref(q.Start) || plan.Deref(p.End) != plan.Deref(q.End) {
			d = append(d, i18n.T("phase %d dates %s to %s here vs %s to %s", n,
				dateOrNone(p.Start), dateOrNone(p.End), dateOrNone(q.Start), dateOrNone(q.End)))
		}
		if fmt.Sprint(p.PlannedMonths) != fmt.Sprint(q.PlannedMonths) || fmt.Sprint(p.ActualMonths) != fmt.Sprint(q.ActualMonths) {
			d = append(d, i18n.T("phase %d schedule months differ", n))
		}
	}
	return d
}

// joinLimited joins at most max items and counts the rest.
func joinLimited(items []i18n.Text, max int) i18n.List {
	l := i18n.List{Sep: "; "}
	for i, it := range items {
		if i == max {
			l.Items = append(l.Items, i18n.T("and %d more differences", len(items)-max))
			break
		}
		l.Items = append(l.Items, it)
	}
	return l
}
