//go:build !linux

package pdffile

import (
	"os"
	"syscall"
)

// childAttr: outside Linux a child outlives a killed parent until its own
// deadline (ServeRepair's timer).
func childAttr() *syscall.SysProcAttr { return nil }

// setDataLimit: outside Linux the child relies on the Go memory limit and
// its deadline.
func setDataLimit(int64) {}

func peakRSS(*os.ProcessState) int64 { return 0 }
