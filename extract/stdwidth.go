package extract

// lookupStd returns the metrics of a standard-14 font by name.
func lookupStd(name string) (stdMetrics, bool) { return nil, false }
