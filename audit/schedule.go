package audit

import (
	"fmt"
	"strings"

	"github.com/obiettivi/obiettivi/plan"
)

// Rules about the schedule: the month grid of the phases.
const (
	RuleScheduleOutsidePeriod = "schedule-outside-period"
	RuleScheduleRowUnmatched  = "schedule-row-unmatched"
)

var scheduleRules = []Rule{
	{RuleScheduleOutsidePeriod, plan.SeverityWarning, "schedule months (planned or actual) that fall outside the phase's start and end dates"},
	{RuleScheduleRowUnmatched, plan.SeverityError, "a schedule row whose title matches no phase of its objective (reported by the PDF reader, which sees the row titles)"},
}

var monthNames = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func monthName(m int) string {
	if m >= 1 && m <= 12 {
		return monthNames[m-1]
	}
	return fmt.Sprintf("month %d", m)
}

// checkSchedule reports months marked in the schedule outside the
// dates of their phase.
func checkSchedule(c *checker) {
	y := c.doc.Year
	if y == 0 {
		return
	}
	for _, g := range c.groups {
		o := g.first(c.doc)
		for i, ph := range o.Phases {
			p, st, _ := parsePeriod(ph.Start, ph.End)
			if st != datesOK || p.end.Before(p.start) {
				continue
			}
			from, to := 1, 12
			switch {
			case p.start.Year() > y:
				from = 13
			case p.start.Year() == y:
				from = int(p.start.Month())
			}
			switch {
			case p.end.Year() < y:
				to = 0
			case p.end.Year() == y:
				to = int(p.end.Month())
			}
			outside := func(ms []int) []string {
				var out []string
				for _, m := range ms {
					if m < from || m > to {
						out = append(out, monthName(m))
					}
				}
				return out
			}
			var parts []string
			if out := outside(ph.PlannedMonths); len(out) > 0 {
				parts = append(parts, "planned "+strings.Join(out, ", "))
			}
			if out := outside(ph.ActualMonths); len(out) > 0 {
				parts = append(parts, "actual "+strings.Join(out, ", "))
			}
			if len(parts) > 0 {
				c.addAt(RuleScheduleOutsidePeriod, g.locs, "objective %s: %s runs %s but its schedule marks %s of %d",
					quote(o.Title, 70), phaseName(i, ph), p.raw, strings.Join(parts, "; "), y)
			}
		}
	}
}

// UnmatchedScheduleRow is the finding for a schedule row, printed on
// page under objective o, whose title matches none of o's phases. The PDF
// reader reports it: the plan records keep only the phases.
func UnmatchedScheduleRow(o *plan.Objective, title string, page int) plan.Finding {
	key := o.Key
	if key == "" {
		key = plan.ComputeKey(o)
	}
	msg := fmt.Sprintf("objective %s: schedule row %s matches no phase title", quote(o.Title, 70), quote(title, 100))
	best, bestD := "", -1
	for _, ph := range o.Phases {
		if d := lev(plan.Fold(ph.Title), plan.Fold(title)); bestD < 0 || d < bestD {
			best, bestD = ph.Title, d
		}
	}
	if bestD >= 0 && bestD*4 <= len([]rune(plan.Fold(title))) {
		msg += fmt.Sprintf("; closest phase: %s (%s)", quote(best, 100), describeDiff(title, best, 2))
	}
	f := plan.Finding{
		Rule:         RuleScheduleRowUnmatched,
		Severity:     severities[RuleScheduleRowUnmatched],
		Unit:         plan.Str(o.Unit),
		ObjectiveKey: plan.Str(key),
		Message:      msg,
	}
	if page <= 0 {
		page = o.Page
	}
	f.Page = &page
	return f
}
