package audit

import (
	"strings"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// Rules about the schedule: the month grid (Cronoprogramma) of the phases.
const (
	RuleScheduleOutsidePeriod = "schedule-outside-period"
	RuleScheduleRowUnmatched  = "schedule-row-unmatched"
	RuleScheduleTitleMismatch = "schedule-title-mismatch"
	RuleUncertainReading      = "uncertain-reading"
)

var scheduleRules = []Rule{
	{RuleScheduleOutsidePeriod, plan.SeverityWarning, "schedule months (planned or actual) that fall outside the phase's start and end dates"},
	{RuleScheduleTitleMismatch, plan.SeverityWarning, "a schedule row whose title is its phase's title spelled differently, a letter or a word off (\"Asfatatura\" for \"Asfaltatura\"), reported by the PDF reader, which sees the row titles"},
	{RuleScheduleRowUnmatched, plan.SeverityError, "a schedule row whose title matches no phase of its objective, not even nearly (reported by the PDF reader); the message names the closest phase"},
	{RuleUncertainReading, plan.SeverityWarning, "what the PDF reader is not sure it read right, so that it is not taken for an error of the plan: a schedule row that holds part of a phase title (cut by a page break) or two of them (two rows joined), or that differs from its phase only in spacing and punctuation; an untitled objective with nothing but tables (an objective cut in two)"},
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
			outside := func(ms []int) []int {
				var out []int
				for _, m := range ms {
					if m < from || m > to {
						out = append(out, m)
					}
				}
				return out
			}
			var parts []any
			if out := outside(ph.PlannedMonths); len(out) > 0 {
				parts = append(parts, i18n.T("planned %s", i18n.Months(out)))
			}
			if out := outside(ph.ActualMonths); len(out) > 0 {
				parts = append(parts, i18n.T("actual %s", i18n.Months(out)))
			}
			if len(parts) > 0 {
				c.addAt(RuleScheduleOutsidePeriod, g.locs, "objective %s: %s runs %s but its schedule marks %s of %s",
					titleOf(o.Title), phaseName(i, ph), p.raw, i18n.List{Sep: "; ", Items: parts}, i18n.Year(y))
			}
		}
	}
}

// UnmatchedScheduleRow is the finding for a schedule row, printed on
// page under objective o, whose title is none of o's phase titles. The PDF
// reader reports it: the plan records keep only the phases. A title that
// is a phase's spelled a little differently is a schedule-title-mismatch;
// one that holds a part of a phase title, or two of them, or differs from
// one only in spacing and punctuation is an uncertain reading (the reader
// may have cut or joined rows at a page break); anything else is a
// schedule-row-unmatched error.
func UnmatchedScheduleRow(o *plan.Objective, title string, page int) plan.Finding {
	key := o.Key
	if key == "" {
		key = plan.ComputeKey(o)
	}
	rule, msg := classifyRow(o, title)
	if page <= 0 {
		page = o.Page
	}
	f := plan.Finding{
		Rule:         rule,
		Severity:     severities[rule],
		Unit:         plan.Str(o.Unit),
		ObjectiveKey: plan.Str(key),
		Message:      i18n.Printer(i18n.English).Text(msg),
	}
	if page > 0 {
		f.Page = &page
	}
	return f
}

// classifyRow tells which rule a schedule row that matches no phase title
// exactly falls under, and its message.
func classifyRow(o *plan.Objective, title string) (string, i18n.Text) {
	name := titleOf(o.Title)
	row := plan.Fold(title)
	joined := strings.ReplaceAll(row, " ", "")
	best, bestD := -1, -1
	for i, ph := range o.Phases {
		p := plan.Fold(ph.Title)
		if p == "" || row == "" {
			continue
		}
		switch {
		case strings.ReplaceAll(p, " ", "") == joined:
			return RuleUncertainReading, i18n.T(keyRowSpacing, name, quote(title, 100), quote(ph.Title, 100))
		case len(row) < len(p) && containsWords(p, row):
			return RuleUncertainReading, i18n.T(keyRowPart, name, quote(title, 100), quote(ph.Title, 100))
		case len(p) < len(row) && containsWords(row, p):
			return RuleUncertainReading, i18n.T(keyRowMore, name, quote(title, 100), quote(ph.Title, 100))
		}
		if d := lev(p, row); bestD < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return RuleScheduleRowUnmatched, i18n.T(keyRowNone, name, quote(title, 100))
	}
	ph := o.Phases[best].Title
	p := plan.Fold(ph)
	if bestD <= 3 && bestD*8 <= len([]rune(row)) && len(strings.Fields(p)) == len(strings.Fields(row)) {
		here, there := ph, title
		if spans := wordDiff(plan.Canon(title), plan.Canon(ph)); len(spans) > 0 {
			here, there = spans[0].a, spans[0].b
		}
		return RuleScheduleTitleMismatch, i18n.T(keyRowMisspelt, name, quote(title, 100), quote(ph, 100), quote(here, 50), quote(there, 50))
	}
	if bestD*4 <= len([]rune(row)) {
		return RuleScheduleRowUnmatched, i18n.T(keyRowClosest, name, quote(title, 100), quote(ph, 100))
	}
	return RuleScheduleRowUnmatched, i18n.T(keyRowNone, name, quote(title, 100))
}

// containsWords reports whether the folded text part is a run of whole
// words of the folded text s.
func containsWords(s, part string) bool {
	return strings.Contains(" "+s+" ", " "+part+" ")
}

// The messages of the reader's schedule findings. Their arguments are
// quoted values only, so that a message recorded in English can be
// written again in another language (see relocalize).
const (
	keyRowNone     = "objective %s: schedule row %s matches no phase title"
	keyRowClosest  = "objective %s: schedule row %s matches no phase title; the closest is phase %s"
	keyRowMisspelt = "objective %s: schedule row %s is the title of phase %s spelled differently (%s in the schedule, %s in the phase)"
	keyRowPart     = "objective %s: schedule row %s is a part of the title of phase %s: the reader may have cut the row at a page break"
	keyRowMore     = "objective %s: schedule row %s holds the title of phase %s and more: the reader may have joined two rows"
	keyRowSpacing  = "objective %s: schedule row %s differs from phase %s only in spacing or punctuation: the reader may have misread it"
	keyFragment    = "an untitled objective with nothing but its tables: the reader may have cut an objective in two at a page break"
)

// readerKeys are the messages relocalize can read back.
var readerKeys = []string{keyRowNone, keyRowClosest, keyRowMisspelt, keyRowPart, keyRowMore, keyRowSpacing, keyFragment,
	keyPieceObjective, keyPieceStaff, keyPiecePhase, keyPieceIndicator, keyUnmapped, keyUnreadable, keyMissingPages, keyPageLost}
