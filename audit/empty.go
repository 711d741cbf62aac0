package audit

import (
	"fmt"
	"strings"

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
	{RuleEmptyHead, plan.SeverityError, "a sector or office heading without its head"},
	{RuleEmptyTitle, plan.SeverityError, "an objective without a title"},
	{RuleEmptyDescription, plan.SeverityWarning, "an objective without a description"},
	{RuleEmptyGoal, plan.SeverityWarning, "an objective without its strategic or operational goal"},
	{RuleNoStaff, plan.SeverityWarning, "an objective with no staff row: nobody is assigned to it"},
	{RuleNoPhases, plan.SeverityInfo, "an objective with no phase row (its progress can only be read from its indicators)"},
	{RuleEmptyCategory, plan.SeverityWarning, "staff rows without a category"},
	{RuleEmptyRole, plan.SeverityWarning, "staff rows without a role"},
	{RuleEmptyStaffPeriod, plan.SeverityWarning, "staff rows without a start or end date"},
	{RuleEmptyPhaseTitle, plan.SeverityWarning, "a phase row without a title"},
	{RuleEmptyPhasePeriod, plan.SeverityWarning, "a phase without a start or end date"},
	{RuleEmptySchedule, plan.SeverityWarning, "a phase with dates but no month marked in its planned schedule row"},
}

// checkEmpty reports empty heads, once per unit, and the empty cells of
// every objective, once per objective however often it is printed.
func checkEmpty(c *checker) {
	for _, u := range c.doc.Units {
		if u.Head == nil || blank(*u.Head) {
			kind := "office"
			if u.Kind == plan.KindSector {
				kind = "sector"
			}
			c.add(RuleEmptyHead, loc{page: u.Page, unit: u.Code}, "%s %s - %s has no head", kind, u.Code, u.Name)
		}
	}
	for _, g := range c.groups {
		o := g.first(c.doc)
		if blank(o.Title) {
			c.addAt(RuleEmptyTitle, g.locs, "objective on page %d has no title", o.Page)
		}
		name := titleOf(o.Title)
		if blank(o.DescriptionText) && blank(o.DescriptionHTML) {
			c.addAt(RuleEmptyDescription, g.locs, "objective %s has no description", name)
		}
		var missing []string
		if o.StrategicGoal == nil || blank(o.StrategicGoal.Code+o.StrategicGoal.Title) {
			missing = append(missing, "strategic goal")
		}
		if o.OperationalGoal == nil || blank(o.OperationalGoal.Code+o.OperationalGoal.Title) {
			missing = append(missing, "operational goal")
		}
		if len(missing) > 0 {
			c.addAt(RuleEmptyGoal, g.locs, "objective %s has no %s", name, strings.Join(missing, " and no "))
		}
		if len(o.Staff) == 0 {
			c.addAt(RuleNoStaff, g.locs, "objective %s has no staff", name)
		}
		if len(o.Phases) == 0 {
			c.addAt(RuleNoPhases, g.locs, "objective %s has no phases", name)
		}
		var noCat, noRole, noPeriod []string
		for _, s := range o.Staff {
			n := plan.Canon(s.Name)
			if n == "" {
				n = "(no name)"
			}
			if s.Category == nil || blank(*s.Category) {
				noCat = append(noCat, n)
			}
			if s.Role == nil || blank(*s.Role) {
				noRole = append(noRole, n)
			}
			if s.Start == nil || s.End == nil {
				noPeriod = append(noPeriod, n)
			}
		}
		if len(noCat) > 0 {
			c.addAt(RuleEmptyCategory, g.locs, "objective %s: %s without category: %s",
				name, plural(len(noCat), "staff row"), nameList(noCat, 8))
		}
		if len(noRole) > 0 {
			c.addAt(RuleEmptyRole, g.locs, "objective %s: %s without role: %s",
				name, plural(len(noRole), "staff row"), nameList(noRole, 8))
		}
		if len(noPeriod) > 0 {
			c.addAt(RuleEmptyStaffPeriod, g.locs, "objective %s: %s without start or end date: %s",
				name, plural(len(noPeriod), "staff row"), nameList(noPeriod, 8))
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
				c.addAt(RuleEmptyPhasePeriod, g.locs, "objective %s: %s has no start date (ends %s)", name, ph, *p.End)
			case p.End == nil:
				c.addAt(RuleEmptyPhasePeriod, g.locs, "objective %s: %s has no end date (starts %s)", name, ph, *p.Start)
			case len(p.PlannedMonths) == 0:
				c.addAt(RuleEmptySchedule, g.locs, "objective %s: %s runs %s to %s but no month is marked in its planned schedule row",
					name, ph, *p.Start, *p.End)
			}
		}
	}
}

// phaseName names phase i of an objective for a message.
func phaseName(i int, p plan.Phase) string {
	if blank(p.Title) {
		return fmt.Sprintf("phase %d", i+1)
	}
	return "phase " + quote(p.Title, 70)
}
