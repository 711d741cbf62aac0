package normalize

import (
	"regexp"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
)

var digits = regexp.MustCompile(`\d+`)

// runSet finds the running headers and footers: free text lines that
// recur, digits aside, on at least half of the pages (and on three). They
// never belong to the content.
//
// Pages are counted as they come. Once every page is counted the set is
// exact. Before, while a report is read a few pages at a time, it guesses:
// a line that recurs on half of the pages counted so far, and on one of
// the last few, is taken for running unless the pages still to come cannot
// make it so (or it already is). Every guess is kept, and wrong tells,
// once every page is counted, whether one of them turned out false.
type runSet struct {
	stats    map[string]lineStat
	pages    int  // pages counted
	total    int  // pages the report has, when known (0: unknown)
	complete bool // every page counted
	guesses  map[string]bool
	mistaken bool // a guess contradicted another
}

// lineStat is how often a line recurs: on how many pages, and the last
// of them (counted from 1).
type lineStat struct{ pages, last int }

func newRunSet(total int) *runSet {
	return &runSet{stats: map[string]lineStat{}, total: total, guesses: map[string]bool{}}
}

// recent is how many of the last pages counted a line must be on to be
// guessed running.
const recent = 8

// count counts the free text lines of the next page and returns their
// keys.
func (s *runSet) count(p *extract.Page) []string {
	s.pages++
	keys := make([]string, 0, len(p.Lines))
	for _, l := range p.Lines {
		k := runKey(l)
		st := s.stats[k]
		if st.last != s.pages {
			st.pages++
			st.last = s.pages
			s.stats[k] = st
			keys = append(keys, k)
		}
	}
	return keys
}

// doubtful reports whether one of keys is on about half of the pages
// counted so far and the pages to come may make it running or not.
func (s *runSet) doubtful(keys []string) bool {
	total := max(s.total, s.pages)
	need := threshold(total)
	for _, k := range keys {
		st := s.stats[k]
		if st.pages >= need || st.pages+total-s.pages < need {
			continue
		}
		if r := float64(st.pages) / float64(s.pages); r >= 0.25 && r <= 0.75 {
			return true
		}
	}
	return false
}

func runKey(l extract.TextLine) string { return digits.ReplaceAllString(plan.Collapse(l.Text), "#") }

// threshold is how many pages of pages a running line is on.
func threshold(pages int) int { return max(3, pages/2) }

// has reports whether l is a running line (or a page counter).
func (s *runSet) has(l extract.TextLine) bool {
	t := plan.Collapse(l.Text)
	if runningLine.MatchString(t) {
		return true
	}
	k := digits.ReplaceAllString(t, "#")
	st := s.stats[k]
	if s.complete {
		return st.pages >= threshold(s.pages)
	}
	total := max(s.total, s.pages)
	var guess bool
	switch need := threshold(total); {
	case st.pages >= need:
		guess = true
	case st.pages+total-s.pages < need:
		guess = false
	default:
		guess = st.pages >= threshold(s.pages) && s.pages-st.last < recent
	}
	if g, ok := s.guesses[k]; !ok {
		s.guesses[k] = guess
	} else if g != guess {
		s.mistaken = true
	}
	return guess
}

// finish marks every page counted and reports whether every guess made
// before holds.
func (s *runSet) finish() bool {
	s.complete = true
	if s.mistaken {
		return false
	}
	need := threshold(s.pages)
	for k, g := range s.guesses {
		if (s.stats[k].pages >= need) != g {
			return false
		}
	}
	return true
}
