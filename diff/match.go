package diff

import (
	"hash/maphash"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/plan"
)

// group is one objective of a document: every occurrence of it, whatever
// the number of units it is printed under.
type group struct {
	occ   []*plan.Objective
	units []string // distinct unit codes, in printed order
	pos   int      // index of the first occurrence in the document
	key   string   // plan.ComputeKey of the first occurrence
	mkey  string   // matchKey: the key as if moved to the other plan's year
	norm  string   // normTitle of the title
	title profile

	body     profile
	bodySize int
	bodyDone bool
	matched  bool
}

func (g *group) rep() *plan.Objective { return g.occ[0] }

// bodyProfile is the profile of everything but the title: description,
// phase titles and indicator names.
func (g *group) bodyProfile() (profile, int) {
	if !g.bodyDone {
		o := g.rep()
		parts := []string{o.DescriptionText}
		for _, p := range o.Phases {
			parts = append(parts, p.Title)
		}
		for _, in := range o.Indicators {
			parts = append(parts, in.Name)
		}
		n := normTitle(strings.Join(parts, "\n"))
		g.body, g.bodySize, g.bodyDone = newProfile(n), len(n), true
	}
	return g.body, g.bodySize
}

// page is the page of the first occurrence printed under one of units.
func (g *group) page(units []string) int {
	for _, o := range g.occ {
		if slices.Contains(units, o.Unit) {
			return o.Page
		}
	}
	return g.rep().Page
}

// groupObjectives gathers the occurrences of d into objectives: occurrences
// with the same key and weight are one objective. years moves the match
// keys (see matchKey).
func groupObjectives(d *plan.Document, years int) []*group {
	var gs []*group
	byID := map[string]*group{}
	keys := map[uint64]string{} // raw fingerprint → key: copies are hashed once
	seed := maphash.MakeSeed()
	for i := range d.Objectives {
		o := &d.Objectives[i]
		fp := plan.Fingerprint(seed, o)
		k, ok := keys[fp]
		if !ok {
			k = plan.ComputeKey(o)
			keys[fp] = k
		}
		id := k + "\x00" + weightString(o.Weight)
		g := byID[id]
		if g == nil {
			norm := normTitle(o.Title)
			mk := k
			if years != 0 || !plainKey(o) {
				mk = matchKey(o, years)
			}
			g = &group{pos: i, key: k, mkey: mk, norm: norm, title: newProfile(norm)}
			byID[id] = g
			gs = append(gs, g)
		}
		g.occ = append(g.occ, o)
		if !slices.Contains(g.units, o.Unit) {
			g.units = append(g.units, o.Unit)
		}
	}
	return gs
}

// plainKey reports whether the match key of o without a year shift is its
// key: no actual month filled in and no 29 February to normalise.
func plainKey(o *plan.Objective) bool {
	leap := func(p *string) bool { return p != nil && strings.HasSuffix(*p, "-02-29") }
	for _, p := range o.Phases {
		if len(p.ActualMonths) > 0 || leap(p.Start) || leap(p.End) {
			return false
		}
	}
	for _, s := range o.Staff {
		if leap(s.Start) || leap(s.End) {
			return false
		}
	}
	return true
}

func weightString(w *float64) string {
	if w == nil {
		return "-"
	}
	return strconv.FormatFloat(*w, 'g', -1, 64)
}

// pair is an old objective matched with a new one. A partial pair covers
// only some units of an objective whose copies changed differently.
type pair struct {
	old, nw            *group
	oldUnits, newUnits []string
	partial            bool
}

// matchObjectives pairs the objectives of the two plans: same match key
// first, then similar objectives (title, goals, content, units), then the
// copies of a repeated objective that changed differently from the others.
// It returns the pairs and the objectives left on either side.
func (c *comparer) matchObjectives(olds, nws []*group) (pairs []*pair, removed, added []*group) {
	// 1. Same key once moved to the new year.
	byKey := map[string][]*group{}
	for _, o := range olds {
		byKey[o.mkey] = append(byKey[o.mkey], o)
	}
	for _, n := range nws {
		var best *group
		bestU := -1.0
		for _, o := range byKey[n.mkey] {
			if o.matched {
				continue
			}
			if u := c.unitOverlap(o.units, n.units); u > bestU {
				best, bestU = o, u
			}
		}
		if best != nil {
			best.matched, n.matched = true, true
			pairs = append(pairs, &pair{old: best, nw: n, oldUnits: best.units, newUnits: n.units})
		}
	}

	// 2. Similar objectives, best first.
	type cand struct {
		o, n  *group
		score float64
	}
	var cands []cand
	for _, o := range olds {
		if o.matched {
			continue
		}
		for _, n := range nws {
			if n.matched {
				continue
			}
			if s, ok := c.affinity(o, n); ok {
				cands = append(cands, cand{o, n, s})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	for _, cd := range cands {
		if cd.o.matched || cd.n.matched {
			continue
		}
		cd.o.matched, cd.n.matched = true, true
		pairs = append(pairs, &pair{old: cd.o, nw: cd.n, oldUnits: cd.o.units, newUnits: cd.n.units})
	}

	// 3. Copies of a repeated objective that changed on their own: a new
	// objective printed only under units the old one lost, or an old one
	// printed only under units the new one gained.
	for _, n := range nws {
		if n.matched {
			continue
		}
		var best *pair
		bestS := 0.0
		for _, p := range pairs {
			if p.partial || !c.subset(n.units, c.lost(p)) {
				continue
			}
			if s, ok := c.affinity(p.old, n); ok && s > bestS {
				best, bestS = p, s
			}
		}
		if best != nil {
			n.matched = true
			var ou []string
			for _, u := range best.oldUnits {
				if slices.Contains(n.units, c.mapUnit(u)) {
					ou = append(ou, u)
				}
			}
			best.oldUnits = slices.DeleteFunc(slices.Clone(best.oldUnits), func(u string) bool { return slices.Contains(ou, u) })
			pairs = append(pairs, &pair{old: best.old, nw: n, oldUnits: ou, newUnits: n.units, partial: true})
		}
	}
	for _, o := range olds {
		if o.matched {
			continue
		}
		var best *pair
		bestS := 0.0
		for _, p := range pairs {
			if p.partial || !c.subset(c.mapUnits(o.units), c.gained(p)) {
				continue
			}
			if s, ok := c.affinity(o, p.nw); ok && s > bestS {
				best, bestS = p, s
			}
		}
		if best != nil {
			o.matched = true
			mapped := c.mapUnits(o.units)
			nu := slices.DeleteFunc(slices.Clone(best.newUnits), func(u string) bool { return !slices.Contains(mapped, u) })
			best.newUnits = slices.DeleteFunc(slices.Clone(best.newUnits), func(u string) bool { return slices.Contains(mapped, u) })
			pairs = append(pairs, &pair{old: o, nw: best.nw, oldUnits: o.units, newUnits: nu, partial: true})
		}
	}

	for _, o := range olds {
		if !o.matched {
			removed = append(removed, o)
		}
	}
	for _, n := range nws {
		if !n.matched {
			added = append(added, n)
		}
	}
	return pairs, removed, added
}

// Thresholds of affinity.
const (
	sameTitle    = 0.9 // titles this similar match whatever else changed
	goalTitle    = 0.6 // within the same goals, titles this similar match
	bodyTitle    = 0.5 // with a body this similar (bodyMatch), titles this similar match
	bodyMatch    = 0.8
	bodyOnly     = 0.9 // a body this similar matches under a new title in the same goals and unit
	bodyOnlySize = 200 // ... if it is at least this long
)

// affinity scores how likely old objective o and new objective n are the
// same objective, and whether they are similar enough to be paired.
func (c *comparer) affinity(o, n *group) (float64, bool) {
	t := 1.0
	if o.norm != n.norm {
		t = o.title.similarity(n.title)
	}
	ro, rn := o.rep(), n.rep()
	sameGoals := sameGoal(ro.StrategicGoal, rn.StrategicGoal) && sameGoal(ro.OperationalGoal, rn.OperationalGoal)
	if t < 0.3 && !sameGoals {
		return 0, false
	}
	bo, so := o.bodyProfile()
	bn, sn := n.bodyProfile()
	b := bo.similarity(bn)
	u := c.unitOverlap(o.units, n.units)
	score := 0.5*t + 0.35*b + 0.15*u
	ok := t >= sameTitle ||
		sameGoals && t >= goalTitle ||
		t >= bodyTitle && b >= bodyMatch ||
		sameGoals && u > 0 && b >= bodyOnly && min(so, sn) >= bodyOnlySize
	return score, ok
}

func sameGoal(a, b *plan.Goal) bool {
	if a == nil || b == nil {
		return a == b
	}
	return plan.CaseFold(a.Code) == plan.CaseFold(b.Code) && plan.CaseFold(a.Title) == plan.CaseFold(b.Title)
}

// mapUnit is the new code of an old unit (itself when it has none).
func (c *comparer) mapUnit(code string) string {
	if n, ok := c.unitMap[code]; ok {
		return n
	}
	return code
}

func (c *comparer) mapUnits(codes []string) []string {
	out := make([]string, len(codes))
	for i, u := range codes {
		out[i] = c.mapUnit(u)
	}
	return out
}

// unitOverlap is the Jaccard index of the unit sets (old codes mapped).
func (c *comparer) unitOverlap(old, nw []string) float64 {
	m := c.mapUnits(old)
	common := 0
	for _, u := range m {
		if slices.Contains(nw, u) {
			common++
		}
	}
	union := len(m) + len(nw) - common
	if union == 0 {
		return 1
	}
	return float64(common) / float64(union)
}

// lost is the units (new codes) the old objective of p was printed under
// and the new one is not.
func (c *comparer) lost(p *pair) []string {
	var out []string
	for _, u := range c.mapUnits(p.oldUnits) {
		if !slices.Contains(p.newUnits, u) {
			out = append(out, u)
		}
	}
	return out
}

// gained is the units the new objective of p is printed under and the old
// one was not.
func (c *comparer) gained(p *pair) []string {
	m := c.mapUnits(p.oldUnits)
	var out []string
	for _, u := range p.newUnits {
		if !slices.Contains(m, u) {
			out = append(out, u)
		}
	}
	return out
}

func (c *comparer) subset(a, b []string) bool {
	if len(a) == 0 {
		return false
	}
	for _, u := range a {
		if !slices.Contains(b, u) {
			return false
		}
	}
	return true
}
