package pdffile

import (
	"os"
	"syscall"
)

// childAttr makes the kernel kill the repair child when the process that
// started it dies, whatever the way.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// setDataLimit bounds the process's data segment, which holds every
// allocation of the Go runtime (its address-space reservations are not
// counted, unlike RLIMIT_AS).
func setDataLimit(limit int64) {
	lim := &syscall.Rlimit{Cur: uint64(limit), Max: uint64(limit)}
	syscall.Setrlimit(syscall.RLIMIT_DATA, lim)
}

// peakRSS is the peak resident memory of an ended process, in bytes.
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10
	}
	return 0
}
