// Package audit finds the inconsistencies of a printed plan: a table of
// contents that disagrees with the body, one person written two ways, empty
// cells, periods outside the plan year, duplicated or diverging copies, and
// damaged text.
// Every finding names its rule, its severity, where it was seen (page, unit,
// objective key) and the values it saw.
package audit

import (
	"sort"
	"strconv"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
	"golang.org/x/text/language"
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
	orderRules,
	duplicateRules,
	goalRules,
	textRules,
	readingRules,
	yearRules,
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

// Options tune the findings of FindingsIn.
type Options struct {
	// Lang is the language of each finding's LocalMessage (Message is
	// always English): language.Italian or language.English.
	Lang language.Tag
	// Previous is the plan of an earlier year of the document's entity,
	// with the objectives linked between them (see Link), for the rules
	// across years; without it those rules find nothing.
	Previous *Previous
}

// Check runs every rule over doc and returns its findings, ordered by page,
// unit (in printed order), rule and message, their messages in English. It
// never returns nil.
func Check(doc *plan.Document) []plan.Finding { return check(doc, nil, nil) }

func check(doc *plan.Document, local *i18n.Writer, prev *Previous) []plan.Finding {
	c := newChecker(doc)
	checkTOC(c)
	checkPeople(c)
	checkEmpty(c)
	checkPeriods(c)
	checkSchedule(c)
	checkOrder(c)
	checkDuplicates(c)
	checkGoals(c)
	checkText(c)
	checkYears(c, prev)
	out := c.findings
	if out == nil {
		out = []plan.Finding{}
	}
	en := i18n.Printer(i18n.English)
	for i := range out {
		out[i].Message = en.Text(c.texts[i])
		if local != nil {
			out[i].Lang = i18n.Name(local.Lang())
			out[i].LocalMessage = local.Text(c.texts[i])
		}
	}
	Sort(doc, out)
	return out
}

// readerRules are the rules only the PDF reader can apply: their findings
// are recorded in a document's findings and Check cannot remake them.
var readerRules = map[string]bool{
	RuleScheduleRowUnmatched:  true,
	RuleScheduleTitleMismatch: true,
	RuleUncertainReading:      true,
	RuleUnjoinedPiece:         true,
	RuleUnmappedGlyphs:        true,
	RuleUnreadablePage:        true,
	RuleMissingPages:          true,
	RulePageLost:              true,
}

// Findings returns the findings of doc: those Check makes, and those the
// PDF reader recorded in doc.Findings for the rules only it can apply (a
// schedule row that matches no phase), in Check's order.
func Findings(doc *plan.Document) []plan.Finding {
	fs := Check(doc)
	if rs := readerFindings(doc, fs); len(rs) > 0 {
		fs = append(fs, rs...)
		Sort(doc, fs)
	}
	return fs
}

// readerFindings are the findings of doc.Findings of the rules only the
// PDF reader applies, leaving out those Check made again (made).
func readerFindings(doc *plan.Document, made []plan.Finding) []plan.Finding {
	type id struct{ rule, key, msg string }
	seen := map[id]bool{}
	for _, f := range made {
		seen[id{f.Rule, plan.Deref(f.ObjectiveKey), f.Message}] = true
	}
	var out []plan.Finding
	for _, f := range doc.Findings {
		if readerRules[f.Rule] && !seen[id{f.Rule, plan.Deref(f.ObjectiveKey), f.Message}] {
			out = append(out, f)
		}
	}
	return out
}

// FindingsIn is Findings with each finding's message also in language
// opt.Lang (LocalMessage, Lang) and the whole title of its objective
// (ObjectiveTitle).
func FindingsIn(doc *plan.Document, opt Options) []plan.Finding {
	w := i18n.Printer(opt.Lang)
	fs := check(doc, w, opt.Previous)
	for _, f := range readerFindings(doc, fs) {
		f.Lang, f.LocalMessage = i18n.Name(w.Lang()), relocalize(f, w)
		fs = append(fs, f)
	}
	titles := map[string]string{}
	for i := range doc.Objectives {
		o := &doc.Objectives[i]
		k := o.Key
		if k == "" {
			k = plan.ComputeKey(o)
		}
		if _, ok := titles[k]; !ok {
			titles[k] = plan.Canon(o.Title)
		}
	}
	for i := range fs {
		fs[i].ObjectiveTitle = titles[plan.Deref(fs[i].ObjectiveKey)]
	}
	Sort(doc, fs)
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
	texts    []i18n.Text       // the message of each finding
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

// add records a finding of rule at l, its message the catalogue's
// sentence key with args.
func (c *checker) add(rule string, l loc, key string, args ...any) {
	c.addText(rule, l, i18n.T(key, args...))
}

func (c *checker) addText(rule string, l loc, msg i18n.Text) {
	sev, ok := severities[rule]
	if !ok {
		panic("audit: rule " + rule + " is not in the catalogue")
	}
	f := plan.Finding{
		Rule:     rule,
		Severity: sev,
		Unit:     plan.Str(l.unit),
	}
	if l.page > 0 {
		p := l.page
		f.Page = &p
	}
	f.ObjectiveKey = plan.Str(l.key)
	c.findings = append(c.findings, f)
	c.texts = append(c.texts, msg)
}

// addAt records a finding at the first of locs and names the others.
func (c *checker) addAt(rule string, locs []loc, key string, args ...any) {
	msg := i18n.T(key, args...)
	if also, ok := alsoAt(locs[0], locs[1:]); ok {
		msg = i18n.T("%s%s", msg, also)
	}
	c.addText(rule, locs[0], msg)
}

// alsoAt names the other places where the same thing is printed, as a
// suffix to a message; false when there are none. first is where the
// finding is placed; places equal to it are not repeated. A page that is
// not known (0) is not named.
func alsoAt(first loc, others []loc) (i18n.Text, bool) {
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
		return i18n.Text{}, false
	}
	if len(ls) <= 3 {
		parts := make([]any, len(ls))
		for i, l := range ls {
			parts[i] = place(l)
		}
		return i18n.T(" (also printed under %s)", i18n.List{Sep: ", ", Items: parts}), true
	}
	pages := make([]int, len(ls))
	for i, l := range ls {
		pages[i] = l.page
	}
	if pl, ok := pageList(pages, 6); ok {
		return i18n.T(" (also printed in %d other places, pages %s)", len(ls), pl), true
	}
	return i18n.T(" (also printed in %d other places)", len(ls)), true
}

// place names a unit and the page where something is printed under it.
func place(l loc) any {
	if l.page <= 0 {
		return l.unit
	}
	return i18n.T("%s page %d", l.unit, l.page)
}

// pageList lists distinct known pages ascending, at most max of them;
// false when no page is known.
func pageList(pages []int, max int) (i18n.List, bool) {
	seen := map[int]bool{}
	var ps []int
	for _, p := range pages {
		if p > 0 && !seen[p] {
			seen[p] = true
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return i18n.List{}, false
	}
	sort.Ints(ps)
	var parts []any
	for i, p := range ps {
		if i == max {
			parts = append(parts, i18n.T("and %d more", len(ps)-max))
			break
		}
		parts = append(parts, strconv.Itoa(p))
	}
	return i18n.List{Sep: ", ", Items: parts}, true
}

// pagesLabel is "page 4" or "pages 4, 9" for distinct known pages; false
// when no page is known.
func pagesLabel(pages []int, max int) (i18n.Text, bool) {
	l, ok := pageList(pages, max)
	switch {
	case !ok:
		return i18n.Text{}, false
	case len(l.Items) == 1:
		return i18n.T("page %s", l), true
	}
	return i18n.T("pages %s", l), true
}

// nameList lists names, at most max of them.
func nameList(names []string, max int) any {
	items := make([]any, 0, min(len(names), max))
	for i, n := range names {
		if i == max {
			return i18n.T("%s and %d more", i18n.List{Sep: ", ", Items: items}, len(names)-max)
		}
		items = append(items, n)
	}
	return i18n.List{Sep: ", ", Items: items}
}
