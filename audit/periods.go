package audit

import (
	"reflect"
	"strconv"
	"time"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// Rules about staff and phase periods.
const (
	RulePeriodReversed    = "period-reversed"
	RuleImplausibleDate   = "implausible-date"
	RulePeriodOutsideYear = "period-outside-year"
	RuleCarryOverPeriod   = "carry-over-period"
	RulePhaseAfterStaff   = "phase-after-staff"
	RulePhaseBeforeStaff  = "phase-before-staff"
)

var periodRules = []Rule{
	{RulePeriodReversed, plan.SeverityError, "a staff or phase period that ends before it starts"},
	{RuleImplausibleDate, plan.SeverityError, "a date that cannot be read, or more than a year away from the plan year (and from the year an objective is carried over from)"},
	{RulePeriodOutsideYear, plan.SeverityWarning, "a staff or phase period that runs outside the plan year"},
	{RuleCarryOverPeriod, plan.SeverityInfo, "a period of an objective carried over from an earlier year (title \"2023_39_…\") that starts in that year and ends within the plan year: expected, reported for the record"},
	{RulePhaseAfterStaff, plan.SeverityWarning, "a phase that ends after every staff period of its objective has ended"},
	{RulePhaseBeforeStaff, plan.SeverityWarning, "a phase that starts before any staff period of its objective has started"},
}

// carryOverYear returns the year named by the carry-over prefix of title
// when it is before plan year y, and 0 otherwise.
func carryOverYear(title string, y int) int {
	if n, _ := plan.CarryOver(title); y > 0 && n > 0 && n < y {
		return n
	}
	return 0
}

// period is a start and end read from two ISO dates.
type period struct {
	start, end time.Time
	raw        i18n.Text // "start to end"
}

// dateState tells what is wrong with the dates of a period.
type dateState int

const (
	datesOK dateState = iota
	datesMissing
	datesUnreadable
)

func parsePeriod(start, end *string) (period, dateState, string) {
	if start == nil || end == nil {
		return period{}, datesMissing, ""
	}
	s, err1 := time.Parse("2006-01-02", *start)
	e, err2 := time.Parse("2006-01-02", *end)
	switch {
	case err1 != nil:
		return period{}, datesUnreadable, *start
	case err2 != nil:
		return period{}, datesUnreadable, *end
	}
	return period{start: s, end: e, raw: i18n.T("%s to %s", i18n.Date(*start), i18n.Date(*end))}, datesOK, ""
}

// yearCheck is the verdict on one period against the plan year.
type yearCheck struct {
	rule string // "" when the period is fine
	why  i18n.Text
}

// judgeYear places p against plan year y, the objective being carried over
// from year carry (0 if not).
func judgeYear(p period, y, carry int) yearCheck {
	if y == 0 {
		return yearCheck{}
	}
	lo := y - 1
	if carry > 0 && carry < lo {
		lo = carry
	}
	sy, ey := p.start.Year(), p.end.Year()
	switch {
	case sy < lo || sy > y+1:
		return yearCheck{RuleImplausibleDate, i18n.T("start year %s", i18n.Year(sy))}
	case ey < lo || ey > y+1:
		return yearCheck{RuleImplausibleDate, i18n.T("end year %s", i18n.Year(ey))}
	case sy == y && ey == y:
		return yearCheck{}
	case carry > 0 && sy >= carry && ey <= y:
		return yearCheck{RuleCarryOverPeriod, i18n.Text{}}
	}
	return yearCheck{RulePeriodOutsideYear, i18n.Text{}}
}

// checkPeriods reports reversed and out-of-year periods, and phases that
// run outside the time when the objective has staff.
func checkPeriods(c *checker) {
	y := c.doc.Year
	for _, g := range c.groups {
		o := g.first(c.doc)
		name := titleOf(o.Title)
		carry := carryOverYear(o.Title, y)
		checkStaffPeriods(c, g, name, y, carry)

		var firstStart, lastEnd time.Time
		staffDated := len(o.Staff) > 0
		for _, s := range o.Staff {
			p, st, _ := parsePeriod(s.Start, s.End)
			if st != datesOK || p.end.Before(p.start) {
				staffDated = false
				break
			}
			if firstStart.IsZero() || p.start.Before(firstStart) {
				firstStart = p.start
			}
			if p.end.After(lastEnd) {
				lastEnd = p.end
			}
		}
		for i, ph := range o.Phases {
			pn := phaseName(i, ph)
			p, st, bad := parsePeriod(ph.Start, ph.End)
			switch st {
			case datesMissing:
				continue // empty-phase-period
			case datesUnreadable:
				c.addAt(RuleImplausibleDate, g.locs, "objective %s: %s has an unreadable date %q", name, pn, bad)
				continue
			}
			if p.end.Before(p.start) {
				c.addAt(RulePeriodReversed, g.locs, "objective %s: %s ends %s, before it starts %s",
					name, pn, i18n.Date(*ph.End), i18n.Date(*ph.Start))
				continue
			}
			switch v := judgeYear(p, y, carry); v.rule {
			case RuleImplausibleDate:
				c.addAt(v.rule, g.locs, "objective %s: %s runs %s: %s is far from plan year %s", name, pn, p.raw, v.why, i18n.Year(y))
			case RulePeriodOutsideYear:
				c.addAt(v.rule, g.locs, "objective %s: %s runs %s, outside plan year %s", name, pn, p.raw, i18n.Year(y))
			case RuleCarryOverPeriod:
				c.addAt(v.rule, g.locs, "objective %s, carried over from %s: %s runs %s, starting before plan year %s",
					name, i18n.Year(carry), pn, p.raw, i18n.Year(y))
			}
			if staffDated {
				if p.end.After(lastEnd) {
					c.addAt(RulePhaseAfterStaff, g.locs, "objective %s: %s ends %s, after the last staff period ends (%s)",
						name, pn, i18n.Date(*ph.End), i18n.Date(lastEnd.Format("2006-01-02")))
				}
				if p.start.Before(firstStart) {
					c.addAt(RulePhaseBeforeStaff, g.locs, "objective %s: %s starts %s, before the first staff period starts (%s)",
						name, pn, i18n.Date(*ph.Start), i18n.Date(firstStart.Format("2006-01-02")))
				}
			}
		}
	}
}

// checkStaffPeriods reports the staff rows of an objective whose period is
// reversed, implausible or outside the plan year: one finding per rule,
// naming each period and its people.
func checkStaffPeriods(c *checker, g *group, name titleOf, y, carry int) {
	o := g.first(c.doc)
	type bucket struct {
		period i18n.Text
		names  []string
	}
	byRule := map[string][]*bucket{}
	add := func(rule string, period i18n.Text, person string) {
		for _, b := range byRule[rule] {
			if reflect.DeepEqual(b.period, period) {
				b.names = append(b.names, person)
				return
			}
		}
		byRule[rule] = append(byRule[rule], &bucket{period: period, names: []string{person}})
	}
	for _, s := range o.Staff {
		person := plan.Canon(s.Name)
		p, st, bad := parsePeriod(s.Start, s.End)
		switch {
		case st == datesMissing:
			continue // empty-staff-period
		case st == datesUnreadable:
			add(RuleImplausibleDate, i18n.T("unreadable date %s", strconv.Quote(bad)), person)
		case p.end.Before(p.start):
			add(RulePeriodReversed, p.raw, person)
		default:
			v := judgeYear(p, y, carry)
			if v.rule != "" {
				add(v.rule, p.raw, person)
			}
		}
	}
	describe := func(bs []*bucket) i18n.List {
		parts := make([]any, len(bs))
		for i, b := range bs {
			parts[i] = i18n.T("%s (%d rows: %s)", b.period, len(b.names), nameList(b.names, 3))
		}
		return i18n.List{Sep: "; ", Items: parts}
	}
	for _, rule := range []string{RulePeriodReversed, RuleImplausibleDate, RulePeriodOutsideYear, RuleCarryOverPeriod} {
		bs := byRule[rule]
		if len(bs) == 0 {
			continue
		}
		switch rule {
		case RulePeriodReversed:
			c.addAt(rule, g.locs, "objective %s: staff periods end before they start: %s", name, describe(bs))
		case RuleImplausibleDate:
			c.addAt(rule, g.locs, "objective %s: staff dates far from plan year %s or unreadable: %s", name, i18n.Year(y), describe(bs))
		case RulePeriodOutsideYear:
			c.addAt(rule, g.locs, "objective %s: staff periods outside plan year %s: %s", name, i18n.Year(y), describe(bs))
		case RuleCarryOverPeriod:
			c.addAt(rule, g.locs, "objective %s, carried over from %s: staff periods start before plan year %s: %s",
				name, i18n.Year(carry), i18n.Year(y), describe(bs))
		}
	}
}
