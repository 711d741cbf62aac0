package audit

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/diff"
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// Rules across years: a document compared with the plan of an earlier
// year of its entity (Previous), objective by objective as the lineage
// links them.
const (
	RuleUnchangedTargets   = "unchanged-targets"
	RuleEasierTarget       = "easier-target"
	RuleConcludedContinues = "concluded-continues"
)

var yearRules = []Rule{
	{RuleUnchangedTargets, plan.SeverityWarning, "an objective that continues one of the previous year's plan with the same indicators (name, unit, reference) and the same targets: it measures nothing new (targets whose year columns moved by exactly the years between the plans, \"Atteso 2024 = 100%\" then \"Atteso 2025 = 100%\", are the same targets); an objective without indicators is not flagged"},
	{RuleEasierTarget, plan.SeverityWarning, "a numeric target that asks less than the previous year's plan: lower where higher is better (a count, a percentage done), or higher for a time or a delay; the direction is told from the indicator's name and unit, and when it cannot be told the target is not compared"},
	{RuleConcludedContinues, plan.SeverityWarning, "an objective the previous year's plan reported concluded (every phase's Consuntivo months reaching its last planned month, or its concluding phase reported done) whose phases are planned again this year"},
}

// Previous is the plan of an earlier year that the rules across years
// compare a document with, and the objectives linked between them.
type Previous struct {
	// Document is the earlier plan: the last print of the nearest earlier
	// year of the document's entity.
	Document *plan.Document
	// Pairs are the objectives of the document that continue one of
	// Document's. New points into the document audited, Old into
	// Document.
	Pairs []Pair
	// DocumentID and Store are where Document is stored, for the reports;
	// 0 and empty for a plan not read from a store.
	DocumentID int64
	Store      string
}

// Pair is an objective and the objective of the earlier plan it
// continues, as the lineage (diff's matcher) links them.
type Pair struct {
	Old, New   *plan.Objective
	Kind       string
	Similarity float64
	// Partial is set when the pair covers only some of the units.
	Partial bool
}

// Link pairs the objectives of doc with those of prev, the plan of an
// earlier year, with diff's matcher (diff.Matches), as the store's
// lineage does.
func Link(prev, doc *plan.Document) *Previous {
	p := &Previous{Document: prev}
	for _, m := range diff.Matches(prev, doc) {
		p.Pairs = append(p.Pairs, Pair{Old: m.Old, New: m.New, Kind: m.Kind, Similarity: m.Similarity, Partial: m.Partial})
	}
	return p
}

// yearPair is a group of the document with the objective it continues.
type yearPair struct {
	g   *group
	old *plan.Objective
	new *plan.Objective
}

// yearPairs gives each objective of the document (each key) its closest
// link: a pair of all its units before a partial one, then the most
// similar. Pairs are in the document's printed order.
func yearPairs(c *checker, prev *Previous) []yearPair {
	byKey := map[string]*group{}
	for _, g := range c.groups {
		byKey[g.key] = g
	}
	best := map[string]*Pair{}
	var keys []string
	for i := range prev.Pairs {
		p := &prev.Pairs[i]
		if p.Old == nil || p.New == nil {
			continue
		}
		k := objectiveKey(p.New)
		if byKey[k] == nil {
			continue
		}
		b, ok := best[k]
		if !ok {
			keys = append(keys, k)
		}
		if !ok || b.Partial && !p.Partial || b.Partial == p.Partial && p.Similarity > b.Similarity {
			best[k] = p
		}
	}
	out := make([]yearPair, 0, len(keys))
	for _, k := range keys {
		g := byKey[k]
		out = append(out, yearPair{g: g, old: best[k].Old, new: g.first(c.doc)})
	}
	slices.SortStableFunc(out, func(a, b yearPair) int { return a.g.occ[0] - b.g.occ[0] })
	return out
}

// checkYears compares the document with the plan of an earlier year.
func checkYears(c *checker, prev *Previous) {
	if prev == nil || prev.Document == nil {
		return
	}
	years := 0
	if c.doc.Year > 0 && prev.Document.Year > 0 {
		years = c.doc.Year - prev.Document.Year
	}
	prevYear := i18n.Year(prev.Document.Year)
	for _, p := range yearPairs(c, prev) {
		checkUnchangedTargets(c, p, years, prevYear)
		checkEasierTargets(c, p, years, prevYear)
		checkConcluded(c, p, prevYear)
	}
}

// checkUnchangedTargets reports an objective whose indicators and targets
// are those of the objective it continues.
func checkUnchangedTargets(c *checker, p yearPair, years int, prevYear i18n.Year) {
	if len(p.new.Indicators) == 0 || !sameIndicators(p.old.Indicators, p.new.Indicators, years) {
		return
	}
	list := indicatorList(p.new.Indicators, 3)
	if plan.Fold(p.old.Title) == plan.Fold(p.new.Title) {
		c.addAt(RuleUnchangedTargets, p.g.locs, "objective %s has the same indicators and the same targets as in %s: %s",
			titleOf(p.new.Title), prevYear, list)
		return
	}
	c.addAt(RuleUnchangedTargets, p.g.locs, "objective %s has the same indicators and the same targets as %s in %s: %s",
		titleOf(p.new.Title), titleOf(p.old.Title), prevYear, list)
}

// sameIndicators reports whether nw repeats old: as many indicators, each
// of the same name, unit and reference, with the same targets. A value or
// a target year moved by exactly years counts as the same.
func sameIndicators(old, nw []plan.Indicator, years int) bool {
	if len(old) != len(nw) {
		return false
	}
	pairs, ok := pairIndicators(old, nw)
	if !ok || len(pairs) != len(nw) {
		return false
	}
	for _, pr := range pairs {
		o, n := &old[pr[0]], &nw[pr[1]]
		if !plan.SameText(plan.Deref(o.Unit), plan.Deref(n.Unit)) || !sameValue(o.Reference, n.Reference, years) {
			return false
		}
		if !sameTargets(o.Targets, n.Targets, 0) && (years == 0 || !sameTargets(o.Targets, n.Targets, years)) {
			return false
		}
	}
	return true
}

// pairIndicators pairs the indicators of two objectives by name (folded),
// in order; ok is false when a name is printed twice on one side.
func pairIndicators(old, nw []plan.Indicator) ([][2]int, bool) {
	at := map[string]int{}
	for i := range old {
		k := plan.Fold(old[i].Name)
		if _, dup := at[k]; dup {
			return nil, false
		}
		at[k] = i
	}
	var out [][2]int
	seen := map[string]bool{}
	for j := range nw {
		k := plan.Fold(nw[j].Name)
		if seen[k] {
			return nil, false
		}
		seen[k] = true
		if i, ok := at[k]; ok {
			out = append(out, [2]int{i, j})
		}
	}
	return out, true
}

// sameTargets reports whether the target columns of nw are those of old
// with their years moved by years, holding the same values.
func sameTargets(old, nw map[string]*string, years int) bool {
	if len(old) != len(nw) {
		return false
	}
	for y, v := range old {
		w, ok := nw[shiftLabel(y, years)]
		if !ok || !sameValue(v, w, years) {
			return false
		}
	}
	return true
}

// sameValue reports whether b is a, as printed or with every year in it
// moved by years ("31/12/2024" then "31/12/2025").
func sameValue(a, b *string, years int) bool {
	x, y := plan.Canon(plan.Deref(a)), plan.Canon(plan.Deref(b))
	return x == y || years != 0 && shiftYears(x, years) == y
}

// yearInText matches a year written in a value.
var yearInText = regexp.MustCompile(`\b(?:19|20)\d\d\b`)

// shiftYears moves every year written in s by years.
func shiftYears(s string, years int) string {
	return yearInText.ReplaceAllStringFunc(s, func(y string) string {
		n, _ := strconv.Atoi(y)
		return strconv.Itoa(n + years)
	})
}

// shiftLabel moves a target column's year by years; another label is
// returned as it is.
func shiftLabel(y string, years int) string {
	n, err := strconv.Atoi(strings.TrimSpace(y))
	if err != nil || n < 1000 || n > 9999 {
		return y
	}
	return strconv.Itoa(n + years)
}

// indicatorList names at most max indicators with their unit and targets.
func indicatorList(ins []plan.Indicator, max int) i18n.List {
	var items []any
	for i, in := range ins {
		if i == max {
			items = append(items, i18n.T("and %d more", len(ins)-max))
			break
		}
		name := quote(in.Name, 60)
		if u := plan.Canon(plan.Deref(in.Unit)); u != "" {
			name += " (" + u + ")"
		}
		items = append(items, i18n.T("%s: %s", name, targetList(in.Targets)))
	}
	return i18n.List{Sep: "; ", Items: items}
}

// targetList writes the target columns of an indicator in year order.
func targetList(ts map[string]*string) any {
	years := targetYears(ts)
	var items []any
	for _, y := range years {
		if v := plan.Canon(plan.Deref(ts[y])); v != "" {
			items = append(items, i18n.T("target %s = %s", y, v))
		}
	}
	if len(items) == 0 {
		return i18n.T("no target printed")
	}
	return i18n.List{Sep: ", ", Items: items}
}

// targetYears are the labels of the target columns, years in order.
func targetYears(ts map[string]*string) []string {
	ys := make([]string, 0, len(ts))
	for y := range ts {
		ys = append(ys, y)
	}
	slices.SortFunc(ys, func(a, b string) int {
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(b)
		if err1 == nil && err2 == nil {
			return x - y
		}
		return strings.Compare(a, b)
	})
	return ys
}

// Which way an indicator is better.
type better int

const (
	unknownBetter better = iota
	higherBetter
	lowerBetter
)

// Words of an indicator's name and unit (folded) that tell its direction:
// an entry ending in "*" is a prefix ("ritard*": ritardo, ritardi), any
// other a whole word. The lists are short on purpose: a name that says
// neither way, or both, is not compared.
var (
	// lowerWords name what is better smaller whatever is counted: a delay,
	// a wait, complaints, errors, backlogs.
	lowerWords = []string{"ritard*", "attesa", "attese", "tempestivit*", "reclam*", "error*", "incident*", "sinistri", "sinistro",
		"infortun*", "contenzios*", "assenz*", "arretrat*", "giacenz*", "scostament*"}
	// timeWords name a duration: better smaller, unless what is counted is
	// things ("numero di assunzioni a tempo determinato").
	timeWords = []string{"tempo", "tempi", "giorni", "giorno", "gg", "ore", "durata"}
	// reductionWords make the target an amount of reduction ("Riduzione
	// del 5%", better larger) or the level reached ("riduzione a 25 gg",
	// better smaller): either can be meant.
	reductionWords = []string{"riduz*", "ridur*", "ridott*", "abbatt*", "diminu*", "contenim*", "calo", "decrement*"}
	// moneyWords may be a cost (better smaller) or a capacity to spend,
	// collect or fund (better larger).
	moneyWords = []string{"spesa", "spese", "costo", "costi", "euro", "importo", "importi", "budget", "risorse", "entrate", "incass*", "riscoss*"}
	// countWords begin the name of a count of things.
	countWords = []string{"n", "nr", "num", "numero"}
	// shareWords begin the name of a share.
	shareWords = []string{"percentuale", "perc", "quota", "tasso", "grado", "indice"}
)

// countUnit and shareUnit are units of a count and of a percentage.
var (
	countUnit = regexp.MustCompile(`^(?i:n|nr|n°|num|numero|numerico|quantit[aà])\.?$`)
	shareUnit = regexp.MustCompile(`^(?i:%|perc|perc\.|percentuale)$`)
)

// direction tells which way indicator in is better, from its name and
// unit, or unknownBetter.
func direction(in *plan.Indicator) better {
	words := strings.Fields(plan.Fold(in.Name + " " + plan.Deref(in.Unit)))
	has := func(list []string) bool {
		for _, w := range words {
			for _, p := range list {
				if w == p || strings.HasSuffix(p, "*") && strings.HasPrefix(w, p[:len(p)-1]) {
					return true
				}
			}
		}
		return false
	}
	unit := plan.Canon(plan.Deref(in.Unit))
	first := ""
	if len(words) > 0 {
		first = words[0]
	}
	counted := slices.Contains(countWords, first) || countUnit.MatchString(unit)
	share := slices.Contains(shareWords, first) || shareUnit.MatchString(unit)
	switch {
	case has(reductionWords), has(moneyWords):
		return unknownBetter
	case has(lowerWords):
		return lowerBetter
	case has(timeWords):
		if slices.Contains(countWords, first) || share {
			return unknownBetter
		}
		return lowerBetter
	case counted || share:
		return higherBetter
	}
	return unknownBetter
}

// number is a target value read as a number: its value, what follows it
// ("%", "gg") and a comparison written before it ("≥ 90%").
type number struct {
	v        float64
	suffix   string
	operator string
}

// numberValue matches a target that is one number: an optional
// comparison, a sign, digits with one decimal separator, and a short
// suffix of letters or "%".
var numberValue = regexp.MustCompile(`^(>=|<=|≥|≤|>|<|=)?\s*([+\-−]?)(\d+)(?:([.,])(\d+))?\s*(%|[\p{L}.]{1,8})?$`)

// parseNumber reads a target value; false for anything but one number,
// and for a number whose separator could be a thousands' one ("1.000").
func parseNumber(s string) (number, bool) {
	m := numberValue.FindStringSubmatch(plan.Canon(s))
	if m == nil {
		return number{}, false
	}
	digits := m[3]
	if m[4] != "" {
		if len(m[5]) == 3 {
			return number{}, false // 1.000 or 1,000: a thousand or one
		}
		digits += "." + m[5]
	}
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return number{}, false
	}
	if m[2] == "-" || m[2] == "−" {
		v = -v
	}
	op := m[1]
	switch op {
	case ">=":
		op = "≥"
	case "<=":
		op = "≤"
	}
	return number{v: v, suffix: strings.ToLower(strings.TrimSuffix(m[6], ".")), operator: op}, true
}

// easier reports whether target b asks less than target a for an
// indicator better dir, and the way it is better; false when either is
// not a number, they are written in different units, or the way is not
// known. A comparison written before both targets ("≥ 90%") tells the way
// when the name does not, and must agree with it when it does.
func easier(a, b string, dir better) (better, bool) {
	x, ok1 := parseNumber(a)
	y, ok2 := parseNumber(b)
	if !ok1 || !ok2 || x.suffix != y.suffix || x.operator != y.operator {
		return unknownBetter, false
	}
	switch x.operator {
	case "≥", ">":
		dir = agree(dir, higherBetter)
	case "≤", "<":
		dir = agree(dir, lowerBetter)
	}
	switch dir {
	case higherBetter:
		return dir, y.v < x.v
	case lowerBetter:
		return dir, y.v > x.v
	}
	return unknownBetter, false
}

// agree is the direction the name tells when the target's comparison
// says the same or the name says nothing, else unknownBetter.
func agree(name, op better) better {
	if name == unknownBetter || name == op {
		return op
	}
	return unknownBetter
}

// checkEasierTargets reports the indicators of an objective whose targets
// ask less than those of the objective it continues: for a target year
// both plans print, or year on year (the target of each plan's own
// columns moved by the years between them).
func checkEasierTargets(c *checker, p yearPair, years int, prevYear i18n.Year) {
	pairs, ok := pairIndicators(p.old.Indicators, p.new.Indicators)
	if !ok {
		return
	}
	for _, pr := range pairs {
		o, n := &p.old.Indicators[pr[0]], &p.new.Indicators[pr[1]]
		if !plan.SameText(plan.Deref(o.Unit), plan.Deref(n.Unit)) || years != 0 && sameTargets(o.Targets, n.Targets, years) {
			// Targets moved by the years between the plans are the same
			// targets (unchanged-targets), even where a year both print
			// now asks the earlier year's value.
			continue
		}
		dir := direction(n)
		var seen []any
		way := unknownBetter
		compared := map[[2]string]bool{}
		compare := func(oy, ny string) {
			ov, nv := plan.Canon(plan.Deref(o.Targets[oy])), plan.Canon(plan.Deref(n.Targets[ny]))
			if ov == "" || nv == "" || compared[[2]string{oy, ny}] {
				return
			}
			compared[[2]string{oy, ny}] = true
			d, ok := easier(ov, nv, dir)
			if !ok {
				return
			}
			way = d
			if oy == ny {
				seen = append(seen, i18n.T("target %s = %s in the %s plan, %s now", ny, ov, prevYear, nv))
			} else {
				seen = append(seen, i18n.T("target %s = %s in the %s plan, target %s = %s now", oy, ov, prevYear, ny, nv))
			}
		}
		for _, y := range targetYears(n.Targets) {
			if _, ok := o.Targets[y]; ok {
				compare(y, y)
			}
		}
		if years != 0 {
			for _, y := range targetYears(o.Targets) {
				if ny := shiftLabel(y, years); ny != y {
					if _, ok := n.Targets[ny]; ok {
						compare(y, ny)
					}
				}
			}
		}
		if len(seen) == 0 {
			continue
		}
		why := i18n.T("higher is better")
		if way == lowerBetter {
			why = i18n.T("lower is better")
		}
		c.addAt(RuleEasierTarget, p.g.locs, "objective %s: indicator %s asks less than in the %s plan (%s): %s",
			titleOf(p.new.Title), quote(n.Name, 60), prevYear, why, i18n.List{Sep: "; ", Items: seen})
	}
}

// concludingPhase matches the title of a phase that concludes an
// objective: a final report, a closing, a completion.
var concludingPhase = regexp.MustCompile(`(?i)\b(?:conclus|chiusura|completament|relazione finale|rendicontazione finale|verifica finale)`)

// done reports whether a phase is reported done: its Consuntivo months
// reach its last planned month (or, without planned months, it has some).
func done(ph *plan.Phase) bool {
	if len(ph.ActualMonths) == 0 {
		return false
	}
	return len(ph.PlannedMonths) == 0 || slices.Max(ph.ActualMonths) >= slices.Max(ph.PlannedMonths)
}

// endsAfter reports whether a phase's end date lies past year.
func endsAfter(ph *plan.Phase, year int) bool {
	end := plan.Deref(ph.End)
	if len(end) < 4 || year == 0 {
		return false
	}
	y, err := strconv.Atoi(end[:4])
	return err == nil && y > year
}

// concluded tells whether the earlier plan reports objective o concluded:
// every phase with planned months has its Consuntivo months reaching the
// last of them (the store's "completed" status), or its concluding phase
// is reported done; no phase may be planned to end after the plan year.
// It returns the reason, and the phases reported done.
func concluded(o *plan.Objective, year int) (i18n.Text, []*plan.Phase, bool) {
	if len(o.Phases) == 0 {
		return i18n.Text{}, nil, false
	}
	var doneList []*plan.Phase
	all, some := true, false
	for i := range o.Phases {
		ph := &o.Phases[i]
		if endsAfter(ph, year) {
			return i18n.Text{}, nil, false
		}
		switch {
		case done(ph):
			doneList = append(doneList, ph)
			some = true
		case len(ph.PlannedMonths) > 0:
			all = false
		}
	}
	if all && some {
		return i18n.T("every phase's Consuntivo months reach its last planned month"), doneList, true
	}
	last := &o.Phases[len(o.Phases)-1]
	if concludingPhase.MatchString(last.Title) && done(last) {
		return i18n.T("its concluding phase %s is reported done", quote(last.Title, 60)), doneList, true
	}
	return i18n.Text{}, nil, false
}

// phaseStem is a phase title without its number, folded: "1 - Censimento"
// and "2) censimento" name the same phase.
func phaseStem(title string) string {
	t := title
	if m := arabicNumber.FindStringIndex(t); m != nil {
		t = t[m[1]:]
	} else if m := romanNumber.FindStringIndex(t); m != nil {
		t = t[m[1]:]
	}
	return plan.Fold(t)
}

// checkConcluded reports an objective whose earlier print was reported
// concluded and whose phases reported done are planned again.
func checkConcluded(c *checker, p yearPair, prevYear i18n.Year) {
	why, doneList, ok := concluded(p.old, int(prevYear))
	if !ok {
		return
	}
	names := map[string]bool{}
	for _, ph := range doneList {
		if n := phaseStem(ph.Title); n != "" {
			names[n] = true
		}
	}
	var again []any
	for i := range p.new.Phases {
		ph := &p.new.Phases[i]
		if !names[phaseStem(ph.Title)] || len(ph.PlannedMonths) == 0 && ph.Start == nil && ph.End == nil {
			continue
		}
		if len(ph.PlannedMonths) > 0 {
			again = append(again, i18n.T("%s (planned %s)", quote(ph.Title, 60), i18n.MonthRanges(ph.PlannedMonths)))
		} else {
			again = append(again, quote(ph.Title, 60))
		}
	}
	if len(again) == 0 {
		return
	}
	c.addAt(RuleConcludedContinues, p.g.locs, "objective %s was reported concluded in the %s plan (%s), yet its phases are planned again: %s",
		titleOf(p.new.Title), prevYear, why, nameListAny(again, 4))
}

// nameListAny lists texts, at most max of them.
func nameListAny(items []any, max int) any {
	if len(items) <= max {
		return i18n.List{Sep: ", ", Items: items}
	}
	return i18n.T("%s and %d more", i18n.List{Sep: ", ", Items: items[:max]}, len(items)-max)
}
