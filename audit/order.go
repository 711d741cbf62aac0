package audit

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/plan"
)

// Rules about the order of an objective's rows.
const (
	RulePhaseOrder = "phase-order"
)

var orderRules = []Rule{
	{RulePhaseOrder, plan.SeverityWarning, "phases whose titles are numbered (\"1 - …\", \"II FASE - …\") printed out of their numbers' order (10, 11, 12, 1, 2, …: sorted as text); a numbering that starts past 1 or repeats a number is not flagged"},
}

// arabicNumber and romanNumber match the number a phase title begins
// with: "1 - …", "1) …", "10 Gestione…"; "II FASE - …", "FASE 2 …".
var (
	arabicNumber = regexp.MustCompile(`^\s*(?:(?i:fase)\s+)?(\d{1,3})(?:\s|[-–).°:]|$)`)
	romanNumber  = regexp.MustCompile(`^\s*(?:([IVXLC]+)\s+(?i:fase)|(?i:fase)\s+([IVXLC]+))\b`)
)

// phaseNumber returns the number of a phase title, or 0.
func phaseNumber(title string) int {
	if m := arabicNumber.FindStringSubmatch(title); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	if m := romanNumber.FindStringSubmatch(title); m != nil {
		return roman(m[1] + m[2])
	}
	return 0
}

// roman is the value of a Roman numeral of I, V, X, L and C.
func roman(s string) int {
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	n := 0
	for i := 0; i < len(s); i++ {
		v := val[s[i]]
		if i+1 < len(s) && val[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// checkOrder reports objectives whose numbered phases are printed out of
// their numbers' order.
func checkOrder(c *checker) {
	for _, g := range c.groups {
		o := g.first(c.doc)
		var nums []int
		ordered := true
		for i, p := range o.Phases {
			n := phaseNumber(p.Title)
			if n == 0 || repeated(o.Phases, i) {
				continue
			}
			if len(nums) > 0 && n < nums[len(nums)-1] {
				ordered = false
			}
			nums = append(nums, n)
		}
		if ordered || len(nums) < 2 {
			continue
		}
		parts := make([]string, len(nums))
		for i, n := range nums {
			parts[i] = strconv.Itoa(n)
		}
		c.addAt(RulePhaseOrder, g.locs, "objective %s: its phases are printed out of the order of their numbers: %s",
			titleOf(o.Title), strings.Join(parts, ", "))
	}
}

// repeated reports whether phase i repeats an earlier phase of ps: same
// title and dates (a duplicate-phase).
func repeated(ps []plan.Phase, i int) bool {
	for j := 0; j < i; j++ {
		if plan.Fold(ps[j].Title) == plan.Fold(ps[i].Title) && plan.Deref(ps[j].Start) == plan.Deref(ps[i].Start) &&
			plan.Deref(ps[j].End) == plan.Deref(ps[i].End) {
			return true
		}
	}
	return false
}
