package audit

import (
	"regexp"
	"strings"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// Rules about the strategic and operational goals objectives refer to.
const (
	RuleGoalTitleVariant  = "goal-title-variant"
	RuleGoalCodeMismatch  = "goal-code-mismatch"
	RuleGoalNumberMissing = "goal-number-missing"
)

var goalRules = []Rule{
	{RuleGoalTitleVariant, plan.SeverityWarning, "one goal code printed with different titles in different objectives (the most common title is the reference)"},
	{RuleGoalCodeMismatch, plan.SeverityWarning, "an operational goal whose code is not under its strategic goal's code (1.2.07 belongs under 1.2)"},
	{RuleGoalNumberMissing, plan.SeverityWarning, "an operational goal whose title lacks the program number (\"NN_\") that three in four or more of the plan's operational goals carry (\"10.2.04 - Semplificazione…\" among \"10.2.01 - 03_La comunicazione…\")"},
}

// goalTitle is one title printed for a goal code.
type goalTitle struct {
	title string
	locs  []loc
	keys  map[string]bool
}

// goalKind is the strategic or the operational goal of an objective.
type goalKind struct {
	label i18n.Text
	get   func(*plan.Objective) *plan.Goal
}

var goalKinds = []goalKind{
	{i18n.T("strategic goal"), func(o *plan.Objective) *plan.Goal { return o.StrategicGoal }},
	{i18n.T("operational goal"), func(o *plan.Objective) *plan.Goal { return o.OperationalGoal }},
}

// checkGoals reports goal codes printed with different titles, operational
// goals filed under another strategic goal, and operational goals without
// the program number the others carry.
func checkGoals(c *checker) {
	for _, kind := range goalKinds {
		codes, byCode := goalTitles(c, kind)
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
				if pl, ok := pagesLabel(pages, 6); ok {
					c.addAt(RuleGoalTitleVariant, t.locs, "%s %s is titled %s here but %s in %d other objectives (%s): %s",
						kind.label, code, quote(t.title, 70), quote(ref.title, 70), len(ref.keys), pl, describeDiff(t.title, ref.title, 2))
				} else {
					c.addAt(RuleGoalTitleVariant, t.locs, "%s %s is titled %s here but %s in %d other objectives: %s",
						kind.label, code, quote(t.title, 70), quote(ref.title, 70), len(ref.keys), describeDiff(t.title, ref.title, 2))
				}
			}
		}
	}
	checkGoalNumbers(c)

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

// goalTitles gathers the titles printed for each goal code of one kind,
// codes in order of first appearance.
func goalTitles(c *checker, kind goalKind) ([]string, map[string][]*goalTitle) {
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
	return codes, byCode
}

// programNumber matches the program number an operational goal's title
// begins with ("29_Interventi…", "80_ Interventi…").
var programNumber = regexp.MustCompile(`^\d+_`)

// checkGoalNumbers reports the operational goal titles without the
// program number that nearly all the others carry, once per title.
func checkGoalNumbers(c *checker) {
	codes, byCode := goalTitles(c, goalKinds[1])
	var with, without []*goalTitle
	var withoutCodes []string
	for _, code := range codes {
		for _, t := range byCode[code] {
			if programNumber.MatchString(t.title) {
				with = append(with, t)
			} else if t.title != "" {
				without = append(without, t)
				withoutCodes = append(withoutCodes, code)
			}
		}
	}
	total := len(with) + len(without)
	if total < 4 || len(with)*4 < total*3 {
		return
	}
	for i, t := range without {
		c.addAt(RuleGoalNumberMissing, t.locs, "operational goal %s %s has no program number, which %d of the plan's %d operational goal titles begin with (such as %s)",
			withoutCodes[i], quote(t.title, 70), len(with), total, quote(with[0].title, 50))
	}
}
