package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/obiettivi/obiettivi/api"
)

// grace is how long work may go on after it was told to stop (a signal, the
// memory limit) before the process ends without it: a library loop that
// watches no context must not keep the command alive.
const grace = 1500 * time.Millisecond

// interruption is the cause of a context cancelled by a signal; it matches
// context.Canceled.
type interruption struct{ sig syscall.Signal }

func (interruption) Error() string        { return "interrupted" }
func (interruption) Is(target error) bool { return target == context.Canceled }

// exitStatus is the status of a command stopped by sig, as shells report a
// process killed by it: 130 after Ctrl-C (SIGINT), 143 after SIGTERM.
func exitStatus(sig syscall.Signal) int { return 128 + int(sig) }

// withInterrupts returns a context cancelled by the first SIGINT or
// SIGTERM, and a function to call once the command has returned. When the
// command does not return within grace of the signal, or a second signal
// comes, the process exits on its own with the signal's status.
func withInterrupts(parent context.Context, stderr io.Writer) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	finished := make(chan struct{})
	var once sync.Once
	go func() {
		var s os.Signal
		select {
		case s = <-sigs:
		case <-finished:
			return
		}
		sig, _ := s.(syscall.Signal)
		cancel(interruption{sig: sig})
		select {
		case <-sigs:
		case <-time.After(grace):
		case <-finished:
			return
		}
		fmt.Fprintln(stderr, "obiettivi: interrupted")
		os.Exit(exitStatus(sig))
	}()
	return ctx, func() {
		once.Do(func() {
			close(finished)
			signal.Stop(sigs)
			cancel(nil)
		})
	}
}

// interruptedBy returns the signal that cancelled ctx, or 0.
func interruptedBy(ctx context.Context) syscall.Signal {
	var in interruption
	if errors.As(context.Cause(ctx), &in) {
		return in.sig
	}
	return 0
}

// defaultMaxMemory is the memory a command may use unless --max-memory
// says otherwise.
const defaultMaxMemory = 1 << 30

// errMemoryLimit matches the cause of work stopped by the memory limit.
var errMemoryLimit = errors.New("memory limit")

// memoryExceeded is the cause of a context cancelled by the memory limit.
type memoryExceeded struct{ limit int64 }

func (m memoryExceeded) Error() string {
	return "stopped: it needs more memory than the limit of " + byteSize(m.limit).String()
}

func (memoryExceeded) Is(target error) bool {
	return target == errMemoryLimit || target == context.Canceled
}

// limitMemory bounds the command to limit bytes: the Go runtime collects
// harder as memory nears it, a watchdog cancels the work as it comes close
// (and ends the process at once past it, or when the work does not stop
// within grace), and the repair of damaged PDFs runs in a child process
// with half of it. subject, when not empty, is what the command works on,
// named in the watchdog's own message.
func limitMemory(parent context.Context, limit int64, subject string, stderr io.Writer) context.Context {
	debug.SetMemoryLimit(limit / 10 * 9)
	ctx, cancel := context.WithCancelCause(parent)
	go watchMemory(ctx, limit, subject, stderr, cancel)
	return api.WithIsolation(ctx, &api.Isolation{MaxMemory: limit / 2})
}

// watchMemory polls the memory the runtime holds from the system. Past 85%
// of the limit it cancels the work; if the work goes on to the limit, or
// does not stop within grace, the process ends with the message the work
// would have printed.
func watchMemory(ctx context.Context, limit int64, subject string, stderr io.Writer, cancel context.CancelCauseFunc) {
	samples := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	used := func() int64 {
		metrics.Read(samples)
		return int64(samples[0].Value.Uint64()) - int64(samples[1].Value.Uint64())
	}
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if used() <= limit/100*85 {
			continue
		}
		cause := memoryExceeded{limit: limit}
		cancel(cause)
		deadline := time.Now().Add(grace)
		for time.Now().Before(deadline) && used() <= limit {
			time.Sleep(5 * time.Millisecond)
		}
		msg := cause.Error() + " (raise it with --max-memory)"
		if subject != "" {
			msg = subject + ": " + msg
		}
		fmt.Fprintln(stderr, prefix+oneLine(msg, maxMessage-len(prefix)))
		os.Exit(1)
	}
}

// byteSize is a flag value in bytes, written with an optional unit: 512MiB,
// 2GiB, 2G, 1500MB (units are powers of 1024).
type byteSize int64

func (b byteSize) String() string {
	switch {
	case b >= 1<<30 && b%(1<<30) == 0:
		return strconv.FormatInt(int64(b)>>30, 10) + " GiB"
	case b >= 1<<20 && b%(1<<20) == 0:
		return strconv.FormatInt(int64(b)>>20, 10) + " MiB"
	}
	return strconv.FormatInt(int64(b), 10) + " bytes"
}

func (b *byteSize) Set(s string) error {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("%q is not a size such as 512MiB or 2GiB", s)
	}
	v := n * float64(mult)
	if v < 16<<20 {
		return fmt.Errorf("%q is below the least the command needs (16MiB)", s)
	}
	if v > 1<<50 {
		return fmt.Errorf("%q is too large", s)
	}
	*b = byteSize(v)
	return nil
}

func (*byteSize) Type() string { return "size" }
