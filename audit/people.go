package audit

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// Rules about the people of the plan: unit heads and staff rows.
const (
	RuleNameVariant     = "person-name-variant"
	RuleRoleVariant     = "person-role-variant"
	RuleCategoryVariant = "person-category-variant"
	RuleCategoryScheme  = "category-scheme-mix"
)

var peopleRules = []Rule{
	{RuleNameVariant, plan.SeverityWarning, "one person written two ways: case, accents, spacing or word order, or one letter or two off in one word of the name (\"Bandinelli Barbara\" vs \"Bendinelli Barbara\"); people who only share a surname, and staff whose category and role both differ, are not flagged"},
	{RuleRoleVariant, plan.SeverityWarning, "one person with a different role in different objectives over overlapping periods"},
	{RuleCategoryVariant, plan.SeverityWarning, "one person with a different category in different objectives over overlapping periods"},
	{RuleCategoryScheme, plan.SeverityInfo, "staff categories written in another classification than nearly all the others (\"Categoria D\" where 90% or more of the rows read \"Area …\"), once per value"},
}

// mention is one place where a person's name is printed.
type mention struct {
	name      string // as printed, whitespace collapsed
	head      string // unit code when printed as a unit head
	staff     *plan.Staff
	loc       loc
	objective int // index into doc.Objectives; -1 for a head
}

// spelling gathers the mentions of one exact spelling of a name.
type spelling struct {
	name     string
	mentions []mention
	weight   int // distinct objectives (keys) and headings that use it
	cats     map[string]bool
	roles    map[string]bool
}

// checkPeople finds names written two ways and people whose category or
// role changes between objectives.
func checkPeople(c *checker) {
	spellings, order := collectSpellings(c)
	parent := make([]int, len(order))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	forms := make([]nameForms, len(order))
	for i, n := range order {
		forms[i] = newNameForms(n)
	}
	for i := range order {
		for j := i + 1; j < len(order); j++ {
			if sameName(spellings[order[i]], spellings[order[j]], &forms[i], &forms[j]) {
				parent[find(j)] = find(i)
			}
		}
	}
	clusters := map[int][]*spelling{}
	var roots []int
	for i, n := range order {
		r := find(i)
		if _, ok := clusters[r]; !ok {
			roots = append(roots, r)
		}
		clusters[r] = append(clusters[r], spellings[n])
	}
	for _, r := range roots {
		cl := clusters[r]
		if len(cl) > 1 {
			reportNameVariants(c, cl)
		}
		reportAttributeVariants(c, cl, RuleRoleVariant, i18n.T("role"), func(s *plan.Staff) *string { return s.Role })
		reportAttributeVariants(c, cl, RuleCategoryVariant, i18n.T("category"), func(s *plan.Staff) *string { return s.Category })
	}
	checkCategoryScheme(c)
}

// collectSpellings gathers every printed name, heads and staff, by exact
// spelling, in order of first appearance.
func collectSpellings(c *checker) (map[string]*spelling, []string) {
	spellings := map[string]*spelling{}
	var order []string
	counted := map[string]bool{}
	get := func(name string) *spelling {
		s, ok := spellings[name]
		if !ok {
			s = &spelling{name: name, cats: map[string]bool{}, roles: map[string]bool{}}
			spellings[name] = s
			order = append(order, name)
		}
		return s
	}
	for _, u := range c.doc.Units {
		if u.Head == nil || blank(*u.Head) {
			continue
		}
		s := get(plan.Canon(*u.Head))
		s.mentions = append(s.mentions, mention{name: s.name, head: u.Code, loc: loc{page: u.Page, unit: u.Code}, objective: -1})
		s.weight++
	}
	for i := range c.doc.Objectives {
		o := &c.doc.Objectives[i]
		for k := range o.Staff {
			st := &o.Staff[k]
			name := plan.Canon(st.Name)
			if name == "" {
				continue
			}
			s := get(name)
			s.mentions = append(s.mentions, mention{name: name, staff: st, loc: c.objLoc(i), objective: i})
			if id := c.keys[i] + "\x00" + name; !counted[id] {
				counted[id] = true
				s.weight++
			}
			if st.Category != nil {
				s.cats[c.fold(*st.Category)] = true
			}
			if st.Role != nil {
				s.roles[c.fold(*st.Role)] = true
			}
		}
	}
	return spellings, order
}

// nameForms are the comparison forms of a name.
type nameForms struct {
	folded  string   // plan.Fold(name)
	joined  string   // folded without spaces
	sorted  string   // folded words in alphabetical order
	words   []string // folded words
	letters int      // runes of folded
}

func newNameForms(name string) nameForms {
	f := plan.Fold(name)
	w := strings.Fields(f)
	return nameForms{folded: f, joined: strings.Join(w, ""), sorted: sortedJoin(w), words: w, letters: utf8.RuneCountInString(f)}
}

// sameName tells whether two spellings look like one person.
func sameName(a, b *spelling, fa, fb *nameForms) bool {
	if fa.folded == fb.folded || fa.joined == fb.joined {
		return true
	}
	ta, tb := fa.words, fb.words
	if len(ta) != len(tb) || len(ta) < 2 || fa.letters-fb.letters > 2 || fb.letters-fa.letters > 2 {
		return false
	}
	if fa.sorted == fb.sorted {
		return true
	}
	diff := -1
	for i := range ta {
		if ta[i] != tb[i] {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	if !nearToken(ta[diff], tb[diff]) {
		return false
	}
	// Two staff members whose category and role both differ everywhere are
	// two people, however close their names.
	if len(a.cats) > 0 && len(b.cats) > 0 && len(a.roles) > 0 && len(b.roles) > 0 &&
		disjoint(a.cats, b.cats) && disjoint(a.roles, b.roles) {
		return false
	}
	return true
}

// nearToken tells whether two words of a name are one word mistyped: one
// letter off in a word of five letters or more, two in one of nine or
// more. Words that differ only in their final vowel (MARIO, MARIA) are
// different names.
func nearToken(a, b string) bool {
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	short := min(la, lb)
	if la == lb {
		ra, rb := []rune(a), []rune(b)
		if string(ra[:la-1]) == string(rb[:lb-1]) && isVowel(ra[la-1]) && isVowel(rb[lb-1]) {
			return false
		}
	}
	d := lev(a, b)
	return (d == 1 && short >= 5) || (d == 2 && short >= 9)
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiou", r) }

func sortedJoin(ts []string) string {
	s := append([]string(nil), ts...)
	sort.Strings(s)
	return strings.Join(s, " ")
}

func disjoint(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return false
		}
	}
	return true
}

// reportNameVariants reports every spelling of a cluster but the most used
// one (on a tie, the first printed).
func reportNameVariants(c *checker, cl []*spelling) {
	ref := cl[0]
	for _, s := range cl[1:] {
		if s.weight > ref.weight {
			ref = s
		}
	}
	for _, s := range cl {
		if s == ref {
			continue
		}
		key := "%q (%s) and %q (%s) look like one person written two ways"
		if plan.Fold(s.name) == plan.Fold(ref.name) {
			key = "%q (%s) and %q (%s) differ only in case, accents or punctuation: one person written two ways"
		}
		c.add(RuleNameVariant, s.mentions[0].loc, key,
			s.name, describeMentions(s.mentions), ref.name, describeMentions(ref.mentions))
	}
}

// describeMentions says where a spelling is printed: as head of which
// units, in the staff of how many objectives on which pages.
func describeMentions(ms []mention) i18n.List {
	var parts []any
	var pages []int
	objs := map[int]bool{}
	for _, m := range ms {
		if m.head != "" {
			if m.loc.page > 0 {
				parts = append(parts, i18n.T("head of %s, page %d", m.head, m.loc.page))
			} else {
				parts = append(parts, i18n.T("head of %s", m.head))
			}
			continue
		}
		objs[m.objective] = true
		pages = append(pages, m.loc.page)
	}
	pl, known := pagesLabel(pages, 6)
	switch {
	case len(objs) == 0:
	case len(objs) == 1 && known:
		parts = append(parts, i18n.T("staff, %s", pl))
	case len(objs) == 1:
		parts = append(parts, i18n.T("staff"))
	case known:
		parts = append(parts, i18n.T("staff of %d objectives, %s", len(objs), pl))
	default:
		parts = append(parts, i18n.T("staff of %d objectives", len(objs)))
	}
	return i18n.List{Sep: "; ", Items: parts}
}

// attrValue is one value of a staff attribute with the rows that print it.
type attrValue struct {
	value   string
	rows    []mention
	objects map[string]bool // keys of the objectives that print it
}

// reportAttributeVariants reports a person (a cluster of spellings) whose
// role or category differs between objectives over overlapping periods.
// The most used value is taken as the reference.
func reportAttributeVariants(c *checker, cl []*spelling, rule string, what i18n.Text, get func(*plan.Staff) *string) {
	var values []*attrValue
	byFold := map[string]*attrValue{}
	for _, s := range cl {
		for _, m := range s.mentions {
			if m.staff == nil || get(m.staff) == nil || blank(*get(m.staff)) {
				continue
			}
			v := c.canon(*get(m.staff))
			av, ok := byFold[c.fold(v)]
			if !ok {
				av = &attrValue{value: v, objects: map[string]bool{}}
				byFold[c.fold(v)] = av
				values = append(values, av)
			}
			av.rows = append(av.rows, m)
			av.objects[m.loc.key] = true
		}
	}
	if len(values) < 2 {
		return
	}
	ref := values[0]
	for _, v := range values[1:] {
		if len(v.objects) > len(ref.objects) {
			ref = v
		}
	}
	for _, v := range values {
		if v == ref || !overlapping(v.rows, ref.rows) {
			continue
		}
		var pages []int
		for _, m := range ref.rows {
			pages = append(pages, m.loc.page)
		}
		if pl, ok := pagesLabel(pages, 6); ok {
			c.add(rule, v.rows[0].loc, "%s has %s %q here but %q in %d other objectives (%s)",
				v.rows[0].name, what, v.value, ref.value, len(ref.objects), pl)
		} else {
			c.add(rule, v.rows[0].loc, "%s has %s %q here but %q in %d other objectives",
				v.rows[0].name, what, v.value, ref.value, len(ref.objects))
		}
	}
}

// overlapping tells whether some row of a and some row of b share a day;
// rows without dates are taken to overlap.
func overlapping(a, b []mention) bool {
	for _, x := range a {
		for _, y := range b {
			xs, xe := plan.Deref(x.staff.Start), plan.Deref(x.staff.End)
			ys, ye := plan.Deref(y.staff.Start), plan.Deref(y.staff.End)
			if xs == "" || xe == "" || ys == "" || ye == "" || (xs <= ye && ys <= xe) {
				return true
			}
		}
	}
	return false
}

// checkCategoryScheme reports the category values whose first word (the
// classification they belong to) is used by at most a tenth of the staff
// rows while another first word is used by nine tenths or more. Rows
// repeated in copies of one objective count once.
func checkCategoryScheme(c *checker) {
	type value struct {
		text  string
		names []string
		locs  []loc
	}
	type scheme struct {
		word   string // first word as printed
		rows   int
		values []*value
	}
	schemes := map[string]*scheme{}
	var order []string
	seen := map[string]bool{}
	total := 0
	for i := range c.doc.Objectives {
		o := &c.doc.Objectives[i]
		for _, s := range o.Staff {
			cat := c.canon(plan.Deref(s.Category))
			f := strings.Fields(c.fold(cat))
			if len(f) == 0 {
				continue
			}
			sc, ok := schemes[f[0]]
			if !ok {
				sc = &scheme{word: strings.Fields(cat)[0]}
				schemes[f[0]] = sc
				order = append(order, f[0])
			}
			var v *value
			for _, x := range sc.values {
				if x.text == cat {
					v = x
				}
			}
			if v == nil {
				v = &value{text: cat}
				sc.values = append(sc.values, v)
			}
			v.locs = append(v.locs, c.objLoc(i))
			id := c.keys[i] + "\x00" + plan.Canon(s.Name) + "\x00" + cat
			if seen[id] {
				continue
			}
			seen[id] = true
			sc.rows++
			total++
			if n := plan.Canon(s.Name); !slices.Contains(v.names, n) {
				v.names = append(v.names, n)
			}
		}
	}
	var major *scheme
	for _, w := range order {
		if sc := schemes[w]; sc.rows*10 >= total*9 {
			major = sc
		}
	}
	if major == nil {
		return
	}
	for _, w := range order {
		sc := schemes[w]
		if sc == major || sc.rows*10 > total {
			continue
		}
		for _, v := range sc.values {
			c.addAt(RuleCategoryScheme, v.locs, "category %q (%s) follows another classification than the %d%% of staff rows whose category begins with %q",
				v.text, nameList(v.names, 4), major.rows*100/total, major.word)
		}
	}
}
