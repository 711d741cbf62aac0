package diff

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// comparer holds what one comparison learns as it goes: the year shift,
// which old unit became which new one, and the counts of the summary.
type comparer struct {
	old, nw *plan.Document
	years   int
	unitMap map[string]string // old unit code → new unit code

	shiftedDates, shiftedTargets, dateExceptions int
	unchanged                                    int
	unitNames                                    map[string]string
}

func newComparer(old, nw *plan.Document) *comparer {
	c := &comparer{old: old, nw: nw, years: detectYears(old, nw), unitNames: map[string]string{}}
	for _, u := range old.Units {
		c.unitNames[u.Code] = u.Name
	}
	for _, u := range nw.Units {
		c.unitNames[u.Code] = u.Name
	}
	c.unitMap, _, _ = matchUnits(old.Units, nw.Units)
	return c
}

// document compares the fields of the documents themselves.
func (c *comparer) document() []FieldChange {
	out := []FieldChange{}
	if !plan.SameText(c.old.Title, c.nw.Title) {
		out = append(out, FieldChange{Field: "title", Old: c.old.Title, New: c.nw.Title})
	}
	if !plan.SameText(c.old.Entity, c.nw.Entity) {
		out = append(out, FieldChange{Field: "entity", Old: c.old.Entity, New: c.nw.Entity})
	}
	if c.nw.Year-c.old.Year != c.years {
		out = append(out, FieldChange{Field: "year", Old: c.old.Year, New: c.nw.Year})
	}
	return out
}

// matchUnits pairs units by code; then the remaining ones of the same
// kind by name, by code stem (UPIAURB_24, UPIAURB_25) or by a similar name:
// a unit whose code changed. It returns old code → new code and the indexes
// of the units left on either side.
func matchUnits(old, nw []plan.Unit) (m map[string]string, removed, added []int) {
	m = map[string]string{}
	codes := map[string]bool{}
	for _, u := range nw {
		codes[u.Code] = true
	}
	taken := map[string]bool{} // new codes already paired
	for _, u := range old {
		if codes[u.Code] {
			m[u.Code] = u.Code
			taken[u.Code] = true
		}
	}
	same := []func(o, n *plan.Unit) bool{
		func(o, n *plan.Unit) bool { return plan.CaseFold(o.Name) == plan.CaseFold(n.Name) },
		func(o, n *plan.Unit) bool { return codeStem(o.Code) == codeStem(n.Code) },
		func(o, n *plan.Unit) bool { return similar(o.Name, n.Name) >= unitRename },
	}
	for _, f := range same {
		for i := range old {
			o := &old[i]
			if _, ok := m[o.Code]; ok {
				continue
			}
			for j := range nw {
				n := &nw[j]
				if !taken[n.Code] && o.Kind == n.Kind && f(o, n) {
					m[o.Code] = n.Code
					taken[n.Code] = true
					break
				}
			}
		}
	}
	for i, u := range old {
		if _, ok := m[u.Code]; !ok {
			removed = append(removed, i)
		}
	}
	for i, u := range nw {
		if !taken[u.Code] {
			added = append(added, i)
		}
	}
	return m, removed, added
}

// unitRename is the name similarity above which a unit with a new code is
// the same unit.
const unitRename = 0.8

// codeStem is a unit code without a trailing year suffix ("_24").
func codeStem(code string) string {
	if i := strings.LastIndexByte(code, '_'); i > 0 {
		if _, err := strconv.Atoi(code[i+1:]); err == nil {
			return code[:i]
		}
	}
	return code
}

// units lists the units added, removed and changed, in printed order.
func (c *comparer) units() []UnitChange {
	out := []UnitChange{}
	_, removed, added := matchUnits(c.old.Units, c.nw.Units)
	oldBy := map[string]*plan.Unit{}
	for i := range c.old.Units {
		oldBy[c.old.Units[i].Code] = &c.old.Units[i]
	}
	reverse := map[string]string{}
	for o, n := range c.unitMap {
		reverse[n] = o
	}
	for i := range c.nw.Units {
		n := &c.nw.Units[i]
		if slices.Contains(added, i) {
			out = append(out, UnitChange{Kind: Added, Code: n.Code, Name: n.Name, UnitKind: n.Kind})
			continue
		}
		o := oldBy[reverse[n.Code]]
		if o == nil {
			continue
		}
		var fc []FieldChange
		if o.Code != n.Code {
			fc = append(fc, FieldChange{Field: "code", Old: o.Code, New: n.Code})
		}
		if !plan.SameText(o.Name, n.Name) {
			fc = append(fc, FieldChange{Field: "name", Old: o.Name, New: n.Name})
		}
		if o.Kind != n.Kind {
			fc = append(fc, FieldChange{Field: "kind", Old: o.Kind, New: n.Kind})
		}
		if os, ns := plan.Deref(o.Sector), plan.Deref(n.Sector); c.mapUnit(os) != ns {
			fc = append(fc, FieldChange{Field: "sector", Old: o.Sector, New: n.Sector})
		}
		if !plan.SameText(plan.Deref(o.Head), plan.Deref(n.Head)) {
			fc = append(fc, FieldChange{Field: "head", Old: o.Head, New: n.Head})
		}
		if len(fc) > 0 {
			uc := UnitChange{Kind: Changed, Code: n.Code, Name: n.Name, UnitKind: n.Kind, Changes: fc}
			if o.Code != n.Code {
				uc.OldCode = o.Code
			}
			out = append(out, uc)
		}
	}
	for _, i := range removed {
		o := &c.old.Units[i]
		out = append(out, UnitChange{Kind: Removed, Code: o.Code, Name: o.Name, UnitKind: o.Kind})
	}
	return out
}

// toc lists the Indice entries added, removed or renamed, leaving out those
// that only repeat a unit change. Page numbers are layout and do not count.
func (c *comparer) toc(units []UnitChange) []TOCChange {
	out := []TOCChange{}
	told := map[string]bool{} // "kind code old new" already said by a unit change
	for _, u := range units {
		switch u.Kind {
		case Added:
			told[Added+"\x00"+u.Code] = true
		case Removed:
			told[Removed+"\x00"+u.Code] = true
		default:
			oldName, newName := u.Name, u.Name
			for _, f := range u.Changes {
				if f.Field == "name" {
					oldName, newName = f.Old.(string), f.New.(string)
				}
			}
			told["renamed\x00"+u.Code+"\x00"+plan.CaseFold(oldName)+"\x00"+plan.CaseFold(newName)] = true
		}
	}
	oldBy := map[string]string{}
	for _, e := range c.old.TOC {
		oldBy[c.mapUnit(e.Code)] = e.Name
	}
	newBy := map[string]bool{}
	for _, e := range c.nw.TOC {
		newBy[e.Code] = true
		on, ok := oldBy[e.Code]
		switch {
		case !ok:
			if !told[Added+"\x00"+e.Code] {
				out = append(out, TOCChange{Kind: Added, Code: e.Code, New: plan.Str(e.Name)})
			}
		case !plan.SameText(on, e.Name):
			if !told["renamed\x00"+e.Code+"\x00"+plan.CaseFold(on)+"\x00"+plan.CaseFold(e.Name)] {
				out = append(out, TOCChange{Kind: "renamed", Code: e.Code, Old: plan.Str(on), New: plan.Str(e.Name)})
			}
		}
	}
	for _, e := range c.old.TOC {
		if !newBy[c.mapUnit(e.Code)] && !told[Removed+"\x00"+e.Code] {
			out = append(out, TOCChange{Kind: Removed, Code: e.Code, Old: plan.Str(e.Name)})
		}
	}
	return out
}

// objectives matches the objectives of the two plans and lists those
// added, removed and changed, grouped by unit in printed order.
func (c *comparer) objectives() []ObjectiveChange {
	olds := groupObjectives(c.old, c.years)
	nws := groupObjectives(c.nw, 0)
	pairs, removed, added := c.matchObjectives(olds, nws)

	type item struct {
		oc      ObjectiveChange
		section int
		side    int // 0 new plan, 1 old plan (removed)
		pos     int
	}
	unitPos := map[string]int{}
	for i, u := range c.nw.Units {
		if _, ok := unitPos[u.Code]; !ok {
			unitPos[u.Code] = i
		}
	}
	for i, u := range c.old.Units {
		if _, ok := unitPos[c.mapUnit(u.Code)]; !ok {
			unitPos[c.mapUnit(u.Code)] = len(c.nw.Units) + i
		}
	}
	section := func(units []string) int {
		if len(units) != 1 {
			return len(c.nw.Units) + len(c.old.Units) + 1
		}
		if p, ok := unitPos[units[0]]; ok {
			return p
		}
		return len(c.nw.Units) + len(c.old.Units)
	}
	var items []item
	for _, p := range pairs {
		ch := c.compareObjective(p)
		if len(ch) == 0 {
			c.unchanged++
			continue
		}
		o, n := p.old.rep(), p.nw.rep()
		oc := ObjectiveChange{
			Kind: Changed, Title: n.Title, Units: slices.Clone(p.newUnits),
			Key: p.nw.key, OldKey: p.old.key,
			Page: p.nw.page(p.newUnits), OldPage: p.old.page(p.oldUnits),
			Partial: p.partial, Changes: ch,
		}
		if o.Title != n.Title {
			oc.OldTitle = o.Title
		}
		if !slices.Equal(p.oldUnits, p.newUnits) {
			oc.OldUnits = slices.Clone(p.oldUnits)
		}
		items = append(items, item{oc, section(p.newUnits), 0, p.nw.pos})
	}
	for _, n := range added {
		oc := ObjectiveChange{Kind: Added, Title: n.rep().Title, Units: n.units, Key: n.key, Page: n.rep().Page}
		items = append(items, item{oc, section(n.units), 0, n.pos})
	}
	for _, o := range removed {
		oc := ObjectiveChange{Kind: Removed, Title: o.rep().Title, Units: o.units, Key: o.key, Page: o.rep().Page}
		items = append(items, item{oc, section(c.mapUnits(o.units)), 1, o.pos})
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.section != b.section {
			return a.section < b.section
		}
		if a.side != b.side {
			return a.side < b.side
		}
		return a.pos < b.pos
	})
	out := make([]ObjectiveChange, len(items))
	for i, it := range items {
		out[i] = it.oc
	}
	return out
}

// compareObjective lists what changed from the old objective of p to the
// new one.
func (c *comparer) compareObjective(p *pair) []Change {
	o, n := p.old.rep(), p.nw.rep()
	var out []Change
	if !plan.SameText(o.Title, n.Title) {
		out = append(out, Change{Kind: KindTitle, Old: o.Title, New: n.Title})
	}
	if weightString(o.Weight) != weightString(n.Weight) {
		out = append(out, Change{Kind: KindWeight, Old: o.Weight, New: n.Weight})
	}
	if !sameGoal(o.StrategicGoal, n.StrategicGoal) {
		out = append(out, Change{Kind: KindStrategicGoal, Old: goalString(o.StrategicGoal), New: goalString(n.StrategicGoal)})
	}
	if !sameGoal(o.OperationalGoal, n.OperationalGoal) {
		out = append(out, Change{Kind: KindOperationalGoal, Old: goalString(o.OperationalGoal), New: goalString(n.OperationalGoal)})
	}
	if !p.partial {
		out = append(out, c.unitChanges(p)...)
	}
	if textChanged(o.DescriptionText, n.DescriptionText) {
		out = append(out, detailed(Change{Kind: KindDescription, Old: o.DescriptionText, New: n.DescriptionText},
			summarize(o.DescriptionText, n.DescriptionText)))
	}
	out = append(out, c.compareStaff(o.Staff, n.Staff)...)
	out = append(out, c.comparePhases(o.Phases, n.Phases)...)
	out = append(out, c.compareIndicators(o.Indicators, n.Indicators)...)
	return out
}

// unitChanges tells how the units an objective is printed under changed:
// a move when one unit took the place of another, else the units added and
// removed.
func (c *comparer) unitChanges(p *pair) []Change {
	mapped := c.mapUnits(p.oldUnits)
	var gained, lost []string
	for _, u := range p.newUnits {
		if !slices.Contains(mapped, u) {
			gained = append(gained, u)
		}
	}
	for i, u := range mapped {
		if !slices.Contains(p.newUnits, u) {
			lost = append(lost, p.oldUnits[i])
		}
	}
	if len(gained) == 1 && len(lost) == 1 {
		return []Change{{Kind: KindMoved, Old: lost[0], New: gained[0]}}
	}
	var out []Change
	if len(gained) > 0 {
		out = append(out, Change{Kind: KindUnitsAdded, Old: nil, New: gained})
	}
	if len(lost) > 0 {
		out = append(out, Change{Kind: KindUnitsRemoved, Old: lost, New: nil})
	}
	return out
}

func goalString(g *plan.Goal) *string {
	if g == nil {
		return nil
	}
	s := g.Code
	if g.Title != "" {
		if s != "" {
			s += " - "
		}
		s += g.Title
	}
	return &s
}

// period is "start..end" of a staff row or phase, nil when both are empty.
func period(start, end *string) *string {
	if start == nil && end == nil {
		return nil
	}
	s := plan.Deref(start) + ".." + plan.Deref(end)
	return &s
}

// samePeriod compares two periods with the old one moved by the plan's
// year shift, and counts the dates for the shift summary.
func (c *comparer) samePeriod(os, oe, ns, ne *string) bool {
	same := true
	for _, d := range [][2]*string{{os, ns}, {oe, ne}} {
		a, b := d[0], d[1]
		switch {
		case a == nil && b == nil:
		case a == nil || b == nil:
			same = false
		case sameShifted(*a, *b, c.years):
			if c.years != 0 {
				c.shiftedDates++
			}
		default:
			same = false
		}
	}
	if !same && c.years != 0 {
		c.dateExceptions++
	}
	return same
}

// pairByName pairs two lists of rows: equal names first (the n-th with the
// n-th), then names at least minSim similar, best first. It returns the
// pairs (old index, new index) in new order and the unpaired indexes.
func pairByName(old, nw []string, minSim float64) (pairs [][2]int, removed, added []int) {
	usedO := make([]bool, len(old))
	usedN := make([]bool, len(nw))
	fo := make([]string, len(old))
	for i, o := range old {
		fo[i] = plan.CaseFold(o)
	}
	for j, n := range nw {
		fn := plan.CaseFold(n)
		for i := range old {
			if !usedO[i] && fo[i] == fn {
				usedO[i], usedN[j] = true, true
				pairs = append(pairs, [2]int{i, j})
				break
			}
		}
	}
	type cand struct {
		i, j int
		s    float64
	}
	var cands []cand
	for i, o := range old {
		if usedO[i] {
			continue
		}
		for j, n := range nw {
			if usedN[j] {
				continue
			}
			s := similar(o, n)
			if sameWords(o, n) {
				s = 1
			}
			if s >= minSim {
				cands = append(cands, cand{i, j, s})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].s > cands[b].s })
	for _, cd := range cands {
		if usedO[cd.i] || usedN[cd.j] {
			continue
		}
		usedO[cd.i], usedN[cd.j] = true, true
		pairs = append(pairs, [2]int{cd.i, cd.j})
	}
	sort.Slice(pairs, func(a, b int) bool { return pairs[a][1] < pairs[b][1] })
	for i, u := range usedO {
		if !u {
			removed = append(removed, i)
		}
	}
	for j, u := range usedN {
		if !u {
			added = append(added, j)
		}
	}
	return pairs, removed, added
}

// pairLeftovers pairs the rows pairByName left, old and new in order, when
// same says they are one row under another name.
func pairLeftovers(pairs [][2]int, removed, added []int, same func(i, j int) bool) ([][2]int, []int, []int) {
	var keptR []int
	for _, i := range removed {
		k := slices.IndexFunc(added, func(j int) bool { return same(i, j) })
		if k < 0 {
			keptR = append(keptR, i)
			continue
		}
		pairs = append(pairs, [2]int{i, added[k]})
		added = slices.Delete(slices.Clone(added), k, k+1)
	}
	sort.Slice(pairs, func(a, b int) bool { return pairs[a][1] < pairs[b][1] })
	return pairs, keptR, added
}

// periodMoved reports whether date n is date o moved by the year shift
// (both empty counts).
func (c *comparer) periodMoved(o, n *string) bool {
	if o == nil || n == nil {
		return o == n
	}
	return sameShifted(*o, *n, c.years)
}

// Similarity above which two differently written names are one person,
// phase or indicator renamed.
const (
	staffRename     = 0.85
	phaseRename     = 0.6
	indicatorRename = 0.7
)

func (c *comparer) compareStaff(old, nw []plan.Staff) []Change {
	names := func(ss []plan.Staff) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = s.Name
		}
		return out
	}
	pairs, removed, added := pairByName(names(old), names(nw), staffRename)
	var out []Change
	for _, p := range pairs {
		o, n := old[p[0]], nw[p[1]]
		if !plan.SameText(o.Name, n.Name) {
			out = append(out, Change{Kind: KindStaffChanged, Item: n.Name, Field: FieldName, Old: o.Name, New: n.Name})
		}
		if !plan.SameText(plan.Deref(o.Category), plan.Deref(n.Category)) {
			out = append(out, Change{Kind: KindStaffChanged, Item: n.Name, Field: FieldCategory, Old: o.Category, New: n.Category})
		}
		if !plan.SameText(plan.Deref(o.Role), plan.Deref(n.Role)) {
			out = append(out, Change{Kind: KindStaffChanged, Item: n.Name, Field: FieldRole, Old: o.Role, New: n.Role})
		}
		if !c.samePeriod(o.Start, o.End, n.Start, n.End) {
			out = append(out, Change{Kind: KindStaffChanged, Item: n.Name, Field: FieldPeriod, Old: period(o.Start, o.End), New: period(n.Start, n.End)})
		}
	}
	for _, i := range removed {
		out = append(out, Change{Kind: KindStaffRemoved, Item: old[i].Name, Old: old[i], New: nil})
	}
	for _, j := range added {
		out = append(out, Change{Kind: KindStaffAdded, Item: nw[j].Name, Old: nil, New: nw[j]})
	}
	return out
}

func (c *comparer) comparePhases(old, nw []plan.Phase) []Change {
	titles := func(ps []plan.Phase) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.Title
		}
		return out
	}
	pairs, removed, added := pairByName(titles(old), titles(nw), phaseRename)
	// A phase renamed beyond recognition keeps its description, or its
	// period and months.
	pairs, removed, added = pairLeftovers(pairs, removed, added, func(i, j int) bool {
		o, n := old[i], nw[j]
		if d := plan.Deref(o.Description); d != "" && plan.SameText(d, plan.Deref(n.Description)) {
			return true
		}
		return c.periodMoved(o.Start, n.Start) && c.periodMoved(o.End, n.End) &&
			(o.Start != nil || o.End != nil) && slices.Equal(o.PlannedMonths, n.PlannedMonths)
	})
	var out []Change
	for _, p := range pairs {
		o, n := old[p[0]], nw[p[1]]
		if !plan.SameText(o.Title, n.Title) {
			out = append(out, Change{Kind: KindPhaseRenamed, Item: n.Title, Field: FieldName, Old: o.Title, New: n.Title})
		}
		if od, nd := plan.Deref(o.Description), plan.Deref(n.Description); textChanged(od, nd) {
			out = append(out, detailed(Change{Kind: KindPhaseChanged, Item: n.Title, Field: FieldDescription,
				Old: o.Description, New: n.Description}, summarize(od, nd)))
		}
		if !c.samePeriod(o.Start, o.End, n.Start, n.End) {
			out = append(out, Change{Kind: KindPhaseChanged, Item: n.Title, Field: FieldPeriod, Old: period(o.Start, o.End), New: period(n.Start, n.End)})
		}
		if !slices.Equal(o.PlannedMonths, n.PlannedMonths) {
			out = append(out, Change{Kind: KindPhaseChanged, Item: n.Title, Field: FieldPlannedMonths, Old: months(o.PlannedMonths), New: months(n.PlannedMonths)})
		}
		if !slices.Equal(o.ActualMonths, n.ActualMonths) {
			out = append(out, Change{Kind: KindPhaseChanged, Item: n.Title, Field: FieldActualMonths, Old: months(o.ActualMonths), New: months(n.ActualMonths)})
		}
	}
	for _, i := range removed {
		out = append(out, Change{Kind: KindPhaseRemoved, Item: old[i].Title, Old: old[i], New: nil})
	}
	for _, j := range added {
		out = append(out, Change{Kind: KindPhaseAdded, Item: nw[j].Title, Old: nil, New: nw[j]})
	}
	return out
}

// months is a non-nil copy, so that JSON shows [] rather than null.
func months(m []int) []int {
	return append([]int{}, m...)
}

func (c *comparer) compareIndicators(old, nw []plan.Indicator) []Change {
	names := func(is []plan.Indicator) []string {
		out := make([]string, len(is))
		for i, in := range is {
			out[i] = in.Name
		}
		return out
	}
	pairs, removed, added := pairByName(names(old), names(nw), indicatorRename)
	// The one indicator renamed beyond recognition keeps its other cells.
	if len(removed) == 1 && len(added) == 1 {
		pairs, removed, added = pairLeftovers(pairs, removed, added, func(i, j int) bool {
			o, n := old[i], nw[j]
			return plan.SameText(plan.Deref(o.Unit), plan.Deref(n.Unit)) && plan.SameText(plan.Deref(o.Reference), plan.Deref(n.Reference)) &&
				len(c.compareTargets("", o.Targets, n.Targets, false)) == 0
		})
	}
	var out []Change
	for _, p := range pairs {
		o, n := old[p[0]], nw[p[1]]
		if !plan.SameText(o.Name, n.Name) {
			out = append(out, Change{Kind: KindIndicatorRenamed, Item: n.Name, Field: FieldName, Old: o.Name, New: n.Name})
		}
		if !plan.SameText(plan.Deref(o.Unit), plan.Deref(n.Unit)) {
			out = append(out, Change{Kind: KindIndicatorChanged, Item: n.Name, Field: FieldUnit, Old: o.Unit, New: n.Unit})
		}
		if !plan.SameText(plan.Deref(o.Reference), plan.Deref(n.Reference)) {
			out = append(out, Change{Kind: KindIndicatorChanged, Item: n.Name, Field: FieldReference, Old: o.Reference, New: n.Reference})
		}
		out = append(out, c.compareTargets(n.Name, o.Targets, n.Targets, true)...)
	}
	for _, i := range removed {
		out = append(out, Change{Kind: KindIndicatorRemoved, Item: old[i].Name, Old: old[i], New: nil})
	}
	for _, j := range added {
		out = append(out, Change{Kind: KindIndicatorAdded, Item: nw[j].Name, Old: nil, New: nw[j]})
	}
	return out
}

// compareTargets compares the target columns of an indicator, the old
// years moved by the plan's year shift; count adds the columns to the
// shift summary.
func (c *comparer) compareTargets(item string, old, nw map[string]*string, count bool) []Change {
	moved := map[string]string{} // new-year label → old year label
	oldAt := map[string]*string{}
	for y, v := range old {
		k := shiftYear(y, c.years)
		moved[k] = y
		oldAt[k] = v
	}
	years := make([]string, 0, len(oldAt)+len(nw))
	for y := range oldAt {
		years = append(years, y)
	}
	for y := range nw {
		if _, ok := oldAt[y]; !ok {
			years = append(years, y)
		}
	}
	sort.Slice(years, func(i, j int) bool { return yearLess(years[i], years[j]) })
	var out []Change
	for _, y := range years {
		ov, inOld := oldAt[y]
		nv, inNew := nw[y]
		ch := Change{Kind: KindIndicatorChanged, Item: item, Field: FieldTargetPrefix + y, Old: ov, New: nv}
		switch {
		case inOld && inNew:
			if c.years != 0 && count {
				c.shiftedTargets++
			}
			if plan.SameText(plan.Deref(ov), plan.Deref(nv)) {
				continue
			}
			if moved[y] != y {
				ch = detailed(ch, i18n.T("target %s in the old plan", moved[y]))
			}
		case inNew:
			ch = detailed(ch, i18n.T("column added"))
		default:
			ch.Field = FieldTargetPrefix + moved[y]
			ch = detailed(ch, i18n.T("column removed"))
		}
		out = append(out, ch)
	}
	return out
}

// yearLess orders target labels numerically when they are years.
func yearLess(a, b string) bool {
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	if err1 == nil && err2 == nil {
		return x < y
	}
	return a < b
}

// detailed is ch with its detail: in any language for the reports, in
// English in Detail.
func detailed(ch Change, why i18n.Text) Change {
	ch.why = why
	ch.Detail = english.Text(why)
	return ch
}
