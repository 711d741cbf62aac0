package normalize

import (
	"regexp"

	"github.com/obiettivi/obiettivi/extract"
)

var digits = regexp.MustCompile(`\d+`)

// runningLines finds the running headers and footers: free text lines that
// recur, digits aside, on most pages. They never belong to the content.
func runningLines(pages []extract.Page) map[string]bool {
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, l := range p.Lines {
			k := digits.ReplaceAllString(collapse(l.Text), "#")
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	out := map[string]bool{}
	min := len(pages) / 2
	if min < 3 {
		min = 3
	}
	for k, n := range count {
		if n >= min {
			out[k] = true
		}
	}
	return out
}

func isRunning(running map[string]bool, l extract.TextLine) bool {
	t := collapse(l.Text)
	return running[digits.ReplaceAllString(t, "#")] || runningLine.MatchString(t)
}
