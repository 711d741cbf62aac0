package diff

import (
	"sort"
	"strings"
	"unicode"

	"github.com/obiettivi/obiettivi/internal/textdiff"
	"github.com/obiettivi/obiettivi/plan"
)

// Kinds of a Match: how an objective of the new plan continues one of the
// old. The title kinds come first: an objective retitled and moved is
// retitled.
const (
	// MatchSameKey is the same objective: the same key once the old plan
	// is moved to the new year (actual months aside), under the same
	// units, or having only gained or lost some.
	MatchSameKey = "same-key"
	// MatchSameTitle is the same title (in case and spacing) over content
	// that changed: description, staff, phases, indicators or goals.
	MatchSameTitle = "same-title"
	// MatchMoved is printed under another unit: one took the place of
	// another.
	MatchMoved = "moved"
	// MatchCarriedOver is a title that gained, lost or changed the
	// carry-over prefix of an objective carried over from an earlier plan
	// ("2023_21_").
	MatchCarriedOver = "carried-over"
	// MatchTypo is a title respelt: its punctuation, or at most four
	// letters added or removed in as many words, no digit changed.
	MatchTypo = "typo"
	// MatchRetitled is another title, similar enough (or over content
	// similar enough) for the matcher to pair them.
	MatchRetitled = "retitled"
)

// Match is one objective of the new plan paired with one of the old by
// the matcher of Compare. Compare lists the pairs that changed; Matches
// lists them all, unchanged ones included.
type Match struct {
	Kind string
	// Similarity is 1 for a pair of the same key (paired as the same
	// objective), and for a pair found by similarity the matcher's
	// affinity in [0, 1]: half title, 35% content (description, phase
	// titles, indicator names), 15% units in common.
	Similarity float64
	// Old and New are the first occurrences of the objectives, pointers
	// into the documents given.
	Old, New *plan.Objective
	// OldUnits and NewUnits are the units the pair covers, in printed
	// order.
	OldUnits, NewUnits []string
	// Partial is set when the pair covers only some units of an
	// objective whose copies changed differently from each other.
	Partial bool
	// Changes are the differences Compare reports for the pair; none for
	// an objective that continues unchanged.
	Changes []Change
}

// Matches pairs the objectives of new with those of old as Compare does,
// and returns every pair in the new plan's printed order.
func Matches(old, new *plan.Document) []Match {
	c := newComparer(old, new)
	pairs, _, _ := c.matchObjectives(groupObjectives(old, c.years), groupObjectives(new, 0))
	sort.SliceStable(pairs, func(i, j int) bool {
		if pairs[i].nw.pos != pairs[j].nw.pos {
			return pairs[i].nw.pos < pairs[j].nw.pos
		}
		return pairs[i].old.pos < pairs[j].old.pos
	})
	out := make([]Match, len(pairs))
	for i, p := range pairs {
		score := 1.0
		if p.old.mkey != p.nw.mkey {
			score, _ = c.affinity(p.old, p.nw)
		}
		out[i] = Match{
			Kind: c.matchKind(p), Similarity: score,
			Old: p.old.rep(), New: p.nw.rep(),
			OldUnits: p.oldUnits, NewUnits: p.newUnits,
			Partial: p.partial, Changes: c.compareObjective(p),
		}
	}
	return out
}

func (c *comparer) matchKind(p *pair) string {
	to, tn := p.old.rep().Title, p.nw.rep().Title
	if plan.CaseFold(to) != plan.CaseFold(tn) {
		_, po := plan.CarryOver(to)
		_, pn := plan.CarryOver(tn)
		switch {
		case p.old.norm == p.nw.norm && po != pn:
			return MatchCarriedOver
		case p.old.norm == p.nw.norm || respelt(p.old.norm, p.nw.norm):
			return MatchTypo
		default:
			return MatchRetitled
		}
	}
	if ch := c.unitChanges(p); !p.partial && len(ch) == 1 && ch[0].Kind == KindMoved {
		return MatchMoved
	}
	if p.old.mkey == p.nw.mkey && !p.partial {
		return MatchSameKey
	}
	return MatchSameTitle
}

// respelt reports whether two titles (normTitle) are one spelt twice: as
// many words, at most four letters added or removed, no digit touched.
func respelt(a, b string) bool {
	if len(strings.Fields(a)) != len(strings.Fields(b)) {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	hs, ok := textdiff.Edits(ra, rb, 4)
	if !ok {
		return false
	}
	for _, h := range hs {
		for _, r := range append(append([]rune{}, ra[h.A0:h.A1]...), rb[h.B0:h.B1]...) {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}
