// Package audit finds the inconsistencies of a printed plan: a table of
// contents that disagrees with the body, one person written two ways, empty
// cells, periods outside the plan year, duplicated or diverging copies, and
// damaged text.
// Every finding names its rule, its severity, where it was seen (page, unit,
// objective key) and the values it saw.
package audit

import (
	"fmt"
	"sort"
	"strings"

	"github.com/obiettivi/obiettivi/plan"
)

// Rule describes one check: its stable identifier, the severity of its
// findings and what it catches.
type Rule struct {
	ID       string
	Severity string
	Summary  string
}

// families lists the rules of every family in the order they are documented.
var families = [][]Rule{
	tocRules,
	peopleRules,
	emptyRules,
	periodRules,
	scheduleRules,
	duplicateRules,
	goalRules,
	textRules,
}

// Rules returns the catalogue of every rule, family by family.
func Rules() []Rule {
	var all []Rule
	for _, f := range families {
		all = append(all, f...)
	}
	return all
}

// severities maps each rule id to the severity of its findings.
var severities = func() map[string]string {
	m := map[string]string{}
	for _, r := range Rules() {
		m[r.ID] = r.Severity
	}
	return m
}()

// SeverityRank orders severities: info 1, warning 2, error 3; 0 for an
// unknown value.
func SeverityRank(s string) int {
	switch s {
	case plan.SeverityError:
		return 3
	case plan.SeverityWarning:
		return 2
	case plan.SeverityInfo:
		return 1
	}
	return 0
}

// Check runs every rule over doc and returns its findings, ordered by page,
// unit (in printed order), rule and message. It never returns nil.
func Check(doc *plan.Document) []plan.Finding {
	c := newChecker(doc)
	checkTOC(c)
	checkPeople(c)
	checkEmpty(c)
	checkPeriods(c)
	checkSchedule(c)
	checkDuplicates(c)
	checkGoals(c)
	checkText(c)
	out := c.findings
	if out == nil {
		out = []plan.Finding{}
	}
	Sort(doc, out)
	return out
}

// readerRules are the rules only the PDF reader can apply: their findings
// are recorded in a document's findings and Check cannot remake them.
var readerRules = map[string]bool{RuleScheduleRowUnmatched: true}

// Findings returns the findings of doc: those Check makes, and those the
// PDF reader recorded in doc.Findings for the rules only it can apply (a
// schedule row that matches no phase), in Check's order.
func Findings(doc *plan.Document) []plan.Finding {
	fs := Check(doc)
	added := false
	for _, f := range doc.Findings {
		if readerRules[f.Rule] {
			fs = append(fs, f)
			added = true
		}
	}
	if added {
		Sort(doc, fs)
	}
	return fs
}

// Sort orders findings as Check does: by page (findings without a page
// first), then by the printed order of their unit, then by rule and message.
func Sort(doc *plan.Document, fs []plan.Finding) {
	unitIdx := map[string]int{}
	for i, u := range doc.Units {
		if _, ok := unitIdx[u.Code]; !ok {
			unitIdx[u.Code] = i
		}
	}
	rank := func(f *plan.Finding) (int, int) {
		p, u := 0, -1
		if f.Page != nil {
			p = *f.Page
		}
		if f.Unit != nil {
			if i, ok := unitIdx[*f.Unit]; ok {
				u = i
			} else {
				u = len(doc.Units)
			}
		}
		return p, u
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		pa, ua := rank(a)
		pb, ub := rank(b)
		if pa != pb {
			return pa < pb
		}
		if ua != ub {
			return ua < ub
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		ka, kb := plan.Deref(a.ObjectiveKey), plan.Deref(b.ObjectiveKey)
		if ka != kb {
			return ka < kb
		}
		return a.Message < b.Message
	})
}

// loc is where something is printed.
type loc struct {
	page int
	unit string
	key  string
}

// group is one objective (one key) with every printed occurrence of it.
type group struct {
	key  string
	occ  []int // indexes into doc.Objectives, in printed order
	locs []loc
}

// first returns the first printed occurrence of g.
func (g *group) first(doc *plan.Document) *plan.Objective { return &doc.Objectives[g.occ[0]] }

// checker carries the document and the findings gathered so far.
type checker struct {
	doc      *plan.Document
	keys     []string // key of each objective occurrence
	groups   []*group // one per key, in order of first occurrence
	findings []plan.Finding
	folds    map[string]string // fold of values met more than once
	canons   map[string]string // canon of values met more than once
}

// fold is plan.Fold(s), remembered: staff rows repeat the same values.
func (c *checker) fold(s string) string {
	f, ok := c.folds[s]
	if !ok {
		f = plan.Fold(s)
		c.folds[s] = f
	}
	return f
}

// canon is plan.Canon(s), remembered: copies of an objective repeat its texts.
func (c *checker) canon(s string) string {
	f, ok := c.canons[s]
	if !ok {
		f = plan.Canon(s)
		c.canons[s] = f
	}
	return f
}

func newChecker(doc *plan.Document) *checker {
	c := &checker{doc: doc, keys: make([]string, len(doc.Objectives)), folds: map[string]string{}, canons: map[string]string{}}
	byKey := map[string]*group{}
	for i := range doc.Objectives {
		o := &doc.Objectives[i]
		k := o.Key
		if k == "" {
			k = plan.ComputeKey(o)
		}
		c.keys[i] = k
		g, ok := byKey[k]
		if !ok {
			g = &group{key: k}
			byKey[k] = g
			c.groups = append(c.groups, g)
		}
		g.occ = append(g.occ, i)
		g.locs = append(g.locs, c.objLoc(i))
	}
	return c
}

// objLoc is the location of objective occurrence i.
func (c *checker) objLoc(i int) loc {
	o := &c.doc.Objectives[i]
	return loc{page: o.Page, unit: o.Unit, key: c.keys[i]}
}

// add records a finding of rule at l.
func (c *checker) add(rule string, l loc, format string, args ...any) {
	sev, ok := severities[rule]
	if !ok {
		panic("audit: rule " + rule + " is not in the catalogue")
	}
	f := plan.Finding{
		Rule:     rule,
		Severity: sev,
		Unit:     plan.Str(l.unit),
		Message:  fmt.Sprintf(format, args...),
	}
	if l.page > 0 {
		p := l.page
		f.Page = &p
	}
	f.ObjectiveKey = plan.Str(l.key)
	c.findings = append(c.findings, f)
}

// addAt records a finding at the first of locs and names the others.
func (c *checker) addAt(rule string, locs []loc, format string, args ...any) {
	msg := fmt.Sprintf(format, args...) + alsoAt(locs[0], locs[1:])
	c.add(rule, locs[0], "%s", msg)
}

// alsoAt names the other places where the same thing is printed, as a
// suffix to a message; "" when there are none. first is where the finding
// is placed; places equal to it are not repeated.
func alsoAt(first loc, others []loc) string {
	var ls []loc
	seen := map[loc]bool{{page: first.page, unit: first.unit}: true}
	for _, l := range others {
		k := loc{page: l.page, unit: l.unit}
		if !seen[k] {
			seen[k] = true
			ls = append(ls, k)
		}
	}
	if len(ls) == 0 {
		return ""
	}
	if len(ls) <= 3 {
		parts := make([]string, len(ls))
		for i, l := range ls {
			parts[i] = fmt.Sprintf("%s page %d", l.unit, l.page)
		}
		return " (also printed under " + strings.Join(parts, ", ") + ")"
	}
	pages := make([]int, len(ls))
	for i, l := range ls {
		pages[i] = l.page
	}
	return fmt.Sprintf(" (also printed in %d other places, pages %s)", len(ls), pageList(pages, 6))
}

// pageList formats distinct pages ascending, at most max of them.
func pageList(pages []int, max int) string {
	seen := map[int]bool{}
	var ps []int
	for _, p := range pages {
		if p > 0 && !seen[p] {
			seen[p] = true
			ps = append(ps, p)
		}
	}
	sort.Ints(ps)
	var parts []string
	for i, p := range ps {
		if i == max {
			parts = append(parts, fmt.Sprintf("and %d more", len(ps)-max))
			break
		}
		parts = append(parts, fmt.Sprint(p))
	}
	return strings.Join(parts, ", ")
}

// pagesLabel is "page 4" or "pages 4, 9" for distinct pages.
func pagesLabel(pages []int, max int) string {
	l := pageList(pages, max)
	if strings.ContainsAny(l, ", ") {
		return "pages " + l
	}
	return "page " + l
}

// nameList formats names, at most max of them.
func nameList(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:max], ", ") + fmt.Sprintf(" and %d more", len(names)-max)
}

// plural returns "1 row" or "n rows".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
