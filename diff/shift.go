package diff

import (
	"sort"
	"strconv"
	"time"

	"github.com/obiettivi/obiettivi/plan"
)

// A plan rolled over to the next year has every staff and phase date and
// every target year moved by the same number of years. The comparison
// finds that number first, then compares dates as if the old plan had been
// moved by it, so that only the dates that moved differently show up as
// changes.

const isoDate = "2006-01-02"

// parseDate reads an ISO date; ok is false for anything else.
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(isoDate, s)
	return t, err == nil
}

// shiftDate moves an ISO date by years, keeping month and day; a 29
// February becomes 28 February in a year that has none. A value that is not
// an ISO date is returned as it is.
func shiftDate(s string, years int) string {
	if years == 0 {
		return s
	}
	t, ok := parseDate(s)
	if !ok {
		return s
	}
	y, m, d := t.Date()
	y += years
	if last := daysIn(y, m); d > last {
		d = last
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(isoDate)
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// lastOfFebruary reports whether t is the last day of February.
func lastOfFebruary(t time.Time) bool {
	return t.Month() == time.February && t.Day() == daysIn(t.Year(), time.February)
}

// sameShifted reports whether date nw is date old moved by years. The last
// day of February stays the last day of February.
func sameShifted(old, nw string, years int) bool {
	if shiftDate(old, years) == nw {
		return true
	}
	a, ok1 := parseDate(old)
	b, ok2 := parseDate(nw)
	return ok1 && ok2 && b.Year()-a.Year() == years && lastOfFebruary(a) && lastOfFebruary(b)
}

// yearDelta returns by how many years nw moved from old when the move kept
// month and day (the last day of February counting as one day); ok is
// false for any other move.
func yearDelta(old, nw string) (int, bool) {
	a, ok1 := parseDate(old)
	b, ok2 := parseDate(nw)
	if !ok1 || !ok2 {
		return 0, false
	}
	d := b.Year() - a.Year()
	if a.Month() == b.Month() && (a.Day() == b.Day() || lastOfFebruary(a) && lastOfFebruary(b)) {
		return d, true
	}
	return 0, false
}

// shiftYear moves a target year ("2025") by years; anything that is not a
// year is returned as it is.
func shiftYear(y string, years int) string {
	if years == 0 {
		return y
	}
	n, err := strconv.Atoi(y)
	if err != nil || n < 1000 || n > 9999 {
		return y
	}
	return strconv.Itoa(n + years)
}

// detectYears finds by how many years the new plan moved from the old one:
// objectives with the same title vote with the year moves of their staff and
// phase dates and of their target columns, and the move most of them made
// wins. Zero when nothing moved or when the votes do not agree on a move.
func detectYears(old, nw *plan.Document) int {
	byTitle := make(map[string]*plan.Objective, len(old.Objectives))
	for i := range old.Objectives {
		o := &old.Objectives[i]
		t := normTitle(o.Title)
		if _, dup := byTitle[t]; !dup {
			byTitle[t] = o
		}
	}
	votes := map[int]int{}
	vote := func(a, b *string) {
		if a == nil || b == nil {
			return
		}
		if d, ok := yearDelta(*a, *b); ok {
			votes[d]++
		}
	}
	seen := map[string]bool{}
	for i := range nw.Objectives {
		n := &nw.Objectives[i]
		t := normTitle(n.Title)
		o := byTitle[t]
		if o == nil || seen[t] {
			continue
		}
		seen[t] = true
		staff := map[string]*plan.Staff{}
		for j := range o.Staff {
			staff[plan.CaseFold(o.Staff[j].Name)] = &o.Staff[j]
		}
		for _, s := range n.Staff {
			if p := staff[plan.CaseFold(s.Name)]; p != nil {
				vote(p.Start, s.Start)
				vote(p.End, s.End)
			}
		}
		phases := map[string]*plan.Phase{}
		for j := range o.Phases {
			k := plan.CaseFold(o.Phases[j].Title)
			if _, dup := phases[k]; !dup {
				phases[k] = &o.Phases[j]
			}
		}
		for _, p := range n.Phases {
			if q := phases[plan.CaseFold(p.Title)]; q != nil {
				vote(q.Start, p.Start)
				vote(q.End, p.End)
			}
		}
		inds := map[string]*plan.Indicator{}
		for j := range o.Indicators {
			inds[plan.CaseFold(o.Indicators[j].Name)] = &o.Indicators[j]
		}
		for _, in := range n.Indicators {
			if q := inds[plan.CaseFold(in.Name)]; q != nil {
				if a, b := firstYear(q.Targets), firstYear(in.Targets); a != 0 && b != 0 {
					votes[b-a]++
				}
			}
		}
	}
	moves := make([]int, 0, len(votes))
	for d := range votes {
		moves = append(moves, d)
	}
	// Most votes first; on a tie, no move, then the smaller move, then the later.
	sort.Slice(moves, func(i, j int) bool {
		a, b := moves[i], moves[j]
		if votes[a] != votes[b] {
			return votes[a] > votes[b]
		}
		if abs(a) != abs(b) {
			return abs(a) < abs(b)
		}
		return a > b
	})
	if len(moves) == 0 {
		return 0
	}
	return moves[0]
}

// firstYear is the smallest year among the target columns, 0 when none.
func firstYear(targets map[string]*string) int {
	first := 0
	for y := range targets {
		n, err := strconv.Atoi(y)
		if err != nil {
			continue
		}
		if first == 0 || n < first {
			first = n
		}
	}
	return first
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// matchKey is the key of o as if it had been printed years later and
// before any actual month was filled in: equal for the same objective in a
// plan and in its rolled-over monitoring print.
func matchKey(o *plan.Objective, years int) string {
	c := *o
	c.Staff = make([]plan.Staff, len(o.Staff))
	for i, s := range o.Staff {
		s.Start = keyDate(s.Start, years)
		s.End = keyDate(s.End, years)
		c.Staff[i] = s
	}
	c.Phases = make([]plan.Phase, len(o.Phases))
	for i, p := range o.Phases {
		p.Start = keyDate(p.Start, years)
		p.End = keyDate(p.End, years)
		p.ActualMonths = nil
		c.Phases[i] = p
	}
	c.Indicators = make([]plan.Indicator, len(o.Indicators))
	for i, in := range o.Indicators {
		t := make(map[string]*string, len(in.Targets))
		for y, v := range in.Targets {
			t[shiftYear(y, years)] = v
		}
		in.Targets = t
		c.Indicators[i] = in
	}
	return plan.ComputeKey(&c)
}

// keyDate is a date moved by years, with the last day of February written
// as the 28th so that it compares equal across leap years.
func keyDate(p *string, years int) *string {
	if p == nil {
		return nil
	}
	s := shiftDate(*p, years)
	if t, ok := parseDate(s); ok && lastOfFebruary(t) {
		s = t.Format("2006-01") + "-28"
	}
	return &s
}
