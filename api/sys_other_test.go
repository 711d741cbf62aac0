//go:build !linux

package api

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }

func resetPeakRSS() {}

// peakRSS is not measured here.
func peakRSS() (int64, bool) { return 0, false }
