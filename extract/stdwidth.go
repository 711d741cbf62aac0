package extract

import "github.com/obiettivi/obiettivi/stdfont"

// lookupStd returns the metrics of a standard-14 font by name, for fonts
// that carry no widths of their own.
func lookupStd(name string) (stdMetrics, bool) {
	m, ok := stdfont.Lookup(name)
	if !ok {
		return nil, false
	}
	return m, true
}
