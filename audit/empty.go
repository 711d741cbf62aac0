package audit

import (
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// Rules about cells left empty where the report expects a value.
const (
	RuleEmptyHead        = "empty-head"
	RuleEmptyTitle       = "empty-title"
	RuleEmptyDescription = "empty-description"
	RuleEmptyGoal        = "empty-goal"
	RuleNoStaff          = "no-staff"
	RuleNoPhases         = "no-phases"
	RuleEmptyCategory    = "empty-category"
	RuleEmptyRole        = "empty-role"
	RuleEmptyStaffPeriod = "empty-staff-period"
	RuleEmptyPhaseTitle  = "empty-phase-title"
	RuleEmptyPhasePeriod = "empty-phase-period"
	RuleEmptySchedule    = "empty-schedule"
)

var emptyRules = []Rule{
	{RuleEmptyHead, plan.SeverityError, "a sector or office heading without its head; the offices of a sector without head are not flagged one by one when they have none either: the sector's finding names them"},
	{RuleEmptyTitle, plan.SeverityError, "an objective without a title (an untitled piece with nothing but tables is an uncertain reading instead)"},
	{RuleEmptyDescription, plan.SeverityWarning, "an objective without a description"},
	{RuleEmptyGoal, plan.SeverityWarning, "an objective without its strategic or operational goal"},
	{RuleNoStaff, plan.SeverityWarning, "an objective with no staff row: nobody is assigned to it"},
	{RuleNoPhases, plan.SeverityInfo, "an objective with no phase row (its progress can only be read from its indicators)"},
	{RuleEmptyCategory, plan.SeverityWarning, "staff rows without a category, once per person with the objectives where it is missing"},
	{RuleEmptyRole, plan.SeverityWarning, "staff rows without a role, once per person with the objectives where it is missing"},
	{RuleEmptyStaffPeriod, plan.SeverityWarning, "staff rows without a start or end date, once per person with the objectives where it is missing"},
	{RuleEmptyPhaseTitle, plan.SeverityWarning, "a phase row without a title"},
	{RuleEmptyPhasePeriod, plan.SeverityWarning, "a phase without a start or end date"},
	{RuleEmptySchedule, plan.SeverityWarning, "a phase with dates but no month marked in its planned schedule row"},
}

// checkEmpty reports empty heads, once per unit, and the empty cells of
// every objective, once per objective however often it is printed.
func checkEmpty(c *checker) {
	checkHeads(c)
	people := newEmptyCells()
	for _, g := range c.groups {
		o := g.first(c.doc)
		name := titleOf(o.Title)
		piece := blank(o.Title) && fragment(o)
		if blank(o.Title) {
			if piece {
				c.addAt(RuleUncertainReading, g.locs, keyFragment)
			} else if pl, ok := pagesLabel([]int{o.Page}, 1); ok {
				c.addAt(RuleEmptyTitle, g.locs, "objective on %s has no title", pl)
			} else {
				c.addAt(RuleEmptyTitle, g.locs, "an objective under %s has no title", o.Unit)
			}
		}
		if piece {
			// The rows an untitled piece lacks are those of the objective
			// it was cut from.
			continue
		}
		if blank(o.DescriptionText) && blank(o.DescriptionHTML) {
			c.addAt(RuleEmptyDescription, g.locs, "objective %s has no description", name)
		}
		noStrategic := o.StrategicGoal == nil || blank(o.StrategicGoal.Code+o.StrategicGoal.Title)
		noOperational := o.OperationalGoal == nil || blank(o.OperationalGoal.Code+o.OperationalGoal.Title)
		switch {
		case noStrategic && noOperational:
			c.addAt(RuleEmptyGoal, g.locs, "objective %s has no strategic goal and no operational goal", name)
		case noStrategic:
			c.addAt(RuleEmptyGoal, g.locs, "objective %s has no strategic goal", name)
		case noOperational:
			c.addAt(RuleEmptyGoal, g.locs, "objective %s has no operational goal", name)
		}
		if len(o.Staff) == 0 {
			c.addAt(RuleNoStaff, g.locs, "objective %s has no staff", name)
		}
		if len(o.Phases) == 0 {
			c.addAt(RuleNoPhases, g.locs, "objective %s has no phases", name)
		}
		for _, s := range o.Staff {
			n := plan.Canon(s.Name)
			if s.Category == nil || blank(*s.Category) {
				people.add(RuleEmptyCategory, n, g)
			}
			if s.Role == nil || blank(*s.Role) {
				people.add(RuleEmptyRole, n, g)
			}
			if s.Start == nil || s.End == nil {
				people.add(RuleEmptyStaffPeriod, n, g)
			}
		}
		for i, p := range o.Phases {
			ph := phaseName(i, p)
			if blank(p.Title) {
				c.addAt(RuleEmptyPhaseTitle, g.locs, "objective %s: %s has no title", name, ph)
			}
			switch {
			case p.Start == nil && p.End == nil:
				c.addAt(RuleEmptyPhasePeriod, g.locs, "objective %s: %s has no start and no end date", name, ph)
			case p.Start == nil:
				c.addAt(RuleEmptyPhasePeriod, g.locs, "objective %s: %s has no start date (ends %s)", name, ph, i18n.Date(*p.End))
			case p.End == nil:
				c.addAt(RuleEmptyPhasePeriod, g.locs, "objective %s: %s has no end date (starts %s)", name, ph, i18n.Date(*p.Start))
			case len(p.PlannedMonths) == 0:
				c.addAt(RuleEmptySchedule, g.locs, "objective %s: %s runs %s to %s but no month is marked in its planned schedule row",
					name, ph, i18n.Date(*p.Start), i18n.Date(*p.End))
			}
		}
	}
	people.report(c)
}

// checkHeads reports the units without a head. An office without head
// under a sector without head is named in the sector's finding rather
// than reported on its own: the report prints the sector's empty head
// again in each of its offices.
func checkHeads(c *checker) {
	headless := func(u *plan.Unit) bool { return u.Head == nil || blank(*u.Head) }
	sectorHeadless := map[string]bool{}
	for i := range c.doc.Units {
		if u := &c.doc.Units[i]; u.Kind == plan.KindSector && headless(u) {
			sectorHeadless[u.Code] = true
		}
	}
	offices := map[string][]string{} // sector code → its offices without head
	for i := range c.doc.Units {
		u := &c.doc.Units[i]
		if u.Kind != plan.KindSector && headless(u) && sectorHeadless[plan.Deref(u.Sector)] {
			offices[plan.Deref(u.Sector)] = append(offices[plan.Deref(u.Sector)], u.Code)
		}
	}
	for i := range c.doc.Units {
		u := &c.doc.Units[i]
		if !headless(u) {
			continue
		}
		l := loc{page: u.Page, unit: u.Code}
		switch {
		case u.Kind == plan.KindSector && len(offices[u.Code]) > 0:
			c.add(RuleEmptyHead, l, "sector %s - %s has no head, nor have its offices %s", u.Code, u.Name, nameList(offices[u.Code], 8))
		case u.Kind == plan.KindSector:
			c.add(RuleEmptyHead, l, "sector %s - %s has no head", u.Code, u.Name)
		case sectorHeadless[plan.Deref(u.Sector)]:
			// named in its sector's finding
		default:
			c.add(RuleEmptyHead, l, "office %s - %s has no head", u.Code, u.Name)
		}
	}
}

// fragment reports whether an untitled objective has nothing of an
// objective's own rows (description, goals, weight) but its tables: what
// a reader leaves when a page break cuts an objective and the second part
// is taken for a new one.
func fragment(o *plan.Objective) bool {
	return blank(o.DescriptionText) && blank(o.DescriptionHTML) && o.StrategicGoal == nil &&
		o.OperationalGoal == nil && o.Weight == nil
}

// emptyCells gathers, rule by rule, the people whose staff rows leave a
// cell empty, with the objectives where they do, in printed order.
type emptyCells struct {
	rules  []string
	people map[string][]string            // rule → names in order
	groups map[string]map[string][]*group // rule → name → objectives
}

func newEmptyCells() *emptyCells {
	return &emptyCells{people: map[string][]string{}, groups: map[string]map[string][]*group{}}
}

func (e *emptyCells) add(rule, name string, g *group) {
	byName, ok := e.groups[rule]
	if !ok {
		byName = map[string][]*group{}
		e.groups[rule] = byName
		e.rules = append(e.rules, rule)
	}
	gs, ok := byName[name]
	if !ok {
		e.people[rule] = append(e.people[rule], name)
	}
	if len(gs) == 0 || gs[len(gs)-1] != g {
		byName[name] = append(gs, g)
	}
}

// report writes one finding per person and rule, placed at the first
// objective and naming every objective.
func (e *emptyCells) report(c *checker) {
	keys := map[string]string{
		RuleEmptyCategory:    keyNoCategory,
		RuleEmptyRole:        keyNoRole,
		RuleEmptyStaffPeriod: keyNoPeriod,
	}
	for _, rule := range e.rules {
		for _, name := range e.people[rule] {
			gs := e.groups[rule][name]
			who := any(name)
			if name == "" {
				who = i18n.T("a staff row without name")
			}
			if len(gs) == 1 {
				key := keys[rule]
				c.addAt(rule, gs[0].locs, key, who, i18n.T("objective %s", titleOf(gs[0].first(c.doc).Title)))
				continue
			}
			key := keys[rule]
			c.add(rule, gs[0].locs[0], key, who, objectivesList(c, gs, 4))
		}
	}
}

// The messages of a person's empty staff cells.
const (
	keyNoCategory = "%s has no category in the staff of %s"
	keyNoRole     = "%s has no role in the staff of %s"
	keyNoPeriod   = "%s has no start or end date in the staff of %s"
)

// objectivesList names objectives by title and where they are first
// printed: `"Title" (UNIT page N)`, at most max of them.
func objectivesList(c *checker, gs []*group, max int) any {
	items := make([]any, 0, min(len(gs), max)+1)
	for i, g := range gs {
		if i == max {
			items = append(items, i18n.T("and %d more", len(gs)-max))
			break
		}
		items = append(items, objectiveAt(c, g))
	}
	return i18n.T("%d objectives: %s", len(gs), i18n.List{Sep: ", ", Items: items})
}

// objectiveAt is `"Title" (UNIT page N)` for the first occurrence of g.
func objectiveAt(c *checker, g *group) i18n.Text {
	o := g.first(c.doc)
	return i18n.T("%s (%s)", titleOf(o.Title), place(loc{page: o.Page, unit: o.Unit}))
}

// phaseName names phase i of an objective for a message.
func phaseName(i int, p plan.Phase) i18n.Text {
	if blank(p.Title) {
		return i18n.T("phase %d", i+1)
	}
	return i18n.T("phase %s", quote(p.Title, 70))
}
