package diff

import (
	"slices"
	"strings"

	"github.com/obiettivi/obiettivi/plan"
)

// normTitle is the form titles are matched on: plan.Fold of the title
// without its carry-over prefix.
func normTitle(s string) string { return plan.Fold(plan.TrimCarryOver(s)) }

// profile is a text reduced for fuzzy comparison: its sorted character
// bigrams and its sorted distinct words.
type profile struct {
	bigrams []uint64
	words   []string
}

func newProfile(norm string) profile {
	var p profile
	rs := []rune(norm)
	p.bigrams = make([]uint64, 0, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		p.bigrams = append(p.bigrams, uint64(rs[i])<<32|uint64(rs[i+1]))
	}
	slices.Sort(p.bigrams)
	p.words = strings.Fields(norm)
	slices.Sort(p.words)
	p.words = slices.Compact(p.words)
	return p
}

// dice is the Dice coefficient of two sorted multisets.
func dice[T ~uint64 | ~string](a, b []T) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// similarity of two profiles in [0,1]: the better of the character and the
// word measure, so that a typo and an added word both keep it high.
func (p profile) similarity(q profile) float64 {
	if len(p.bigrams) == 0 && len(q.bigrams) == 0 {
		return 1
	}
	return max(dice(p.bigrams, q.bigrams), dice(p.words, q.words))
}

// similar compares two short texts (names, titles).
func similar(a, b string) float64 {
	a, b = normTitle(a), normTitle(b)
	if a == b {
		return 1
	}
	return newProfile(a).similarity(newProfile(b))
}

// sameWords reports whether two names have the same words in any order
// ("ROSSI GIULIA", "Giulia Rossi").
func sameWords(a, b string) bool {
	wa, wb := strings.Fields(normTitle(a)), strings.Fields(normTitle(b))
	slices.Sort(wa)
	slices.Sort(wb)
	return slices.Equal(wa, wb)
}
