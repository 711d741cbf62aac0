package audit

import (
	"strings"

	"github.com/obiettivi/obiettivi/plan"
)

// Rules about the strategic and operational goals objectives refer to.
const (
	RuleGoalTitleVariant = "goal-title-variant"
	RuleGoalCodeMismatch = "goal-code-mismatch"
)

var goalRules = []Rule{
	{RuleGoalTitleVariant, plan.SeverityWarning, "one goal code printed with different titles in different objectives (the most common title is the reference)"},
	{RuleGoalCodeMismatch, plan.SeverityWarning, "an operational goal whose code is not under its strategic goal's code (1.2.07 belongs under 1.2)"},
}

// goalTitle is one title printed for a goal code.
type goalTitle struct {
	title string
	locs  []loc
	keys  map[string]bool
}

// checkGoals reports goal codes printed with different titles and
// operational goals filed under another strategic goal.
func checkGoals(c *checker) {
	for _, kind := range []struct {
		label string
		get   func(*plan.Objective) *plan.Goal
	}{
		{"strategic goal", func(o *plan.Objective) *plan.Goal { return o.StrategicGoal }},
		{"operational goal", func(o *plan.Objective) *plan.Goal { return o.OperationalGoal }},
	} {
		byCode := map[string][]*goalTitle{}
		var codes []string
		for i := range c.doc.Objectives {
			g := kind.get(&c.doc.Objectives[i])
			if g == nil || plan.Canon(g.Code) == "" {
				continue
			}
			code, title := plan.Canon(g.Code), plan.Canon(g.Title)
			ts, ok := byCode[code]
			if !ok {
				codes = append(codes, code)
			}
			var t *goalTitle
			for _, x := range ts {
				if x.title == title {
					t = x
				}
			}
			if t == nil {
				t = &goalTitle{title: title, keys: map[string]bool{}}
				byCode[code] = append(ts, t)
			}
			t.locs = append(t.locs, c.objLoc(i))
			t.keys[c.keys[i]] = true
		}
		for _, code := range codes {
			ts := byCode[code]
			if len(ts) < 2 {
				continue
			}
			ref := ts[0]
			for _, t := range ts[1:] {
				if len(t.keys) > len(ref.keys) {
					ref = t
				}
			}
			for _, t := range ts {
				if t == ref {
					continue
				}
				var pages []int
				for _, l := range ref.locs {
					pages = append(pages, l.page)
				}
				c.addAt(RuleGoalTitleVariant, t.locs, "%s %s is titled %s here but %s in %s (%s): %s",
					kind.label, code, quote(t.title, 70), quote(ref.title, 70),
					plural(len(ref.keys), "other objective"), pagesLabel(pages, 6), describeDiff(t.title, ref.title, 2))
			}
		}
	}

	seen := map[string]*[]loc{}
	var order []string
	for i := range c.doc.Objectives {
		o := &c.doc.Objectives[i]
		if o.StrategicGoal == nil || o.OperationalGoal == nil {
			continue
		}
		s, op := plan.Canon(o.StrategicGoal.Code), plan.Canon(o.OperationalGoal.Code)
		if s == "" || op == "" || strings.HasPrefix(op, s+".") {
			continue
		}
		id := s + "\x00" + op
		if _, ok := seen[id]; !ok {
			seen[id] = &[]loc{}
			order = append(order, id)
		}
		*seen[id] = append(*seen[id], c.objLoc(i))
	}
	for _, id := range order {
		s, op, _ := strings.Cut(id, "\x00")
		c.addAt(RuleGoalCodeMismatch, *seen[id], "operational goal %s is filed under strategic goal %s, not under its own code prefix", op, s)
	}
}
