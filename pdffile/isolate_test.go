package pdffile

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/signal"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain makes the test binary its own repair child: Isolation starts
// os.Args[0] with the child marker. The argument "stuck" makes a child
// that ignores signals and never answers, as a library loop would.
func TestMain(m *testing.M) {
	if IsRepairChild() {
		if slices.Contains(os.Args[1:], "stuck") {
			signal.Ignore(syscall.SIGTERM, syscall.SIGINT)
			for {
				time.Sleep(time.Hour)
			}
		}
		os.Exit(ServeRepair(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// stuckInput is a three-page plan whose last object header is damaged to
// "1999999999 0 obj" and whose startxref is lost: pdfcpu's repair rebuilds
// a table of two billion entries and its writer walks them all
// (deleteRedundantObjects), minutes without a read.
func stuckInput(t testing.TB) []byte {
	data := readTestdata(t, "plan-3pages.pdf")
	heads := regexp.MustCompile(`\n(\d+) 0 obj`).FindAllSubmatchIndex(data, -1)
	last := heads[len(heads)-1]
	data = slices.Concat(data[:last[2]], []byte("1999999999"), data[last[3]:])
	i := bytes.LastIndex(data, []byte("startxref"))
	return append(data[:i:i], "startxref\n999999\n%%EOF\n"...)
}

func testIsolation(args ...string) *Isolation {
	return &Isolation{Path: os.Args[0], Args: args}
}

// TestIsolatedRepair repairs in a child process what the in-process pass
// repairs, with the same bytes.
func TestIsolatedRepair(t *testing.T) {
	base := readTestdata(t, "plan-3pages.pdf")
	for _, tc := range []struct {
		name     string
		data     []byte
		password string
		want     error
	}{
		{"startxref wrong", bytes.Replace(base, []byte("startxref\n"), []byte("startxref\n1"), 1), "", nil},
		{"aes 256 user password", readTestdata(t, "aes256-user.pdf"), "secret", nil},
		{"aes 256 without password", readTestdata(t, "aes256-user.pdf"), "", ErrNeedPassword},
		{"aes 256 wrong password", readTestdata(t, "aes256-user.pdf"), "guess", ErrBadPassword},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, wantErr := repair(t.Context(), tc.data, tc.password, false)
			got, err := testIsolation().repair(t.Context(), tc.data, tc.password, false)
			if tc.want != nil {
				if !errors.Is(err, tc.want) || !errors.Is(wantErr, tc.want) {
					t.Fatalf("isolated: %v, in process: %v; want %v", err, wantErr, tc.want)
				}
				if err.Error() != wantErr.Error() {
					t.Errorf("isolated %q, in process %q", err, wantErr)
				}
				return
			}
			if err != nil || wantErr != nil {
				t.Fatalf("isolated: %v, in process: %v", err, wantErr)
			}
			// pdfcpu writes a new file ID each time: the lengths agree.
			if len(got) != len(want) {
				t.Errorf("isolated repair gives %d bytes, in process %d", len(got), len(want))
			}
			inProcess, err := OpenBytes(t.Context(), tc.data, "test.pdf", tc.password, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			f, err := OpenBytes(t.Context(), tc.data, "test.pdf", tc.password, Limits{Isolation: testIsolation()})
			if err != nil {
				t.Fatal(err)
			}
			if !f.Repaired || len(f.Pages) != 3 {
				t.Errorf("Repaired %v, %d pages", f.Repaired, len(f.Pages))
			}
			if got, want := pageTexts(t, f), pageTexts(t, inProcess); !slices.Equal(got, want) {
				t.Errorf("page texts differ:\n got %.200q\nwant %.200q", got, want)
			}
		})
	}
}

// TestIsolatedStuckInput runs the repair of a real stuck input in a child:
// the deadline ends it with a clear error, and cancelling ends it at once.
func TestIsolatedStuckInput(t *testing.T) {
	data := stuckInput(t)
	t.Run("deadline", func(t *testing.T) {
		iso := testIsolation()
		iso.Timeout = 2 * time.Second
		start := time.Now()
		_, err := iso.repair(t.Context(), data, "", false)
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "longer than 2s") {
			t.Errorf("err = %v, want the deadline", err)
		}
		if d := time.Since(start); d > 4*time.Second {
			t.Errorf("ended after %s", d)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := testIsolation().repair(ctx, data, "", false)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want the context's", err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("ended %s after the start, %s after the cancellation", d, d-500*time.Millisecond)
		}
	})
	t.Run("refused before the repair", func(t *testing.T) {
		start := time.Now()
		_, err := OpenBytes(t.Context(), data, "test.pdf", "", Limits{})
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "1999999999 0 obj") {
			t.Errorf("err = %v, want the damaged object header named", err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("ended after %s", d)
		}
	})
}

// TestIsolatedFakeStuck cancels a child that ignores every signal but
// SIGKILL and never answers.
func TestIsolatedFakeStuck(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	_, err := testIsolation("stuck").repair(ctx, readTestdata(t, "plan-3pages.pdf"), "", false)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("ended after %s", d)
	}
}

// TestIsolatedMemory repairs under a memory limit too small for the file:
// the child is refused memory and the parent says why.
func TestIsolatedMemory(t *testing.T) {
	data := readTestdata(t, "plan-3pages.pdf")
	data = bytes.Replace(data, []byte("startxref\n"), []byte("startxref\n1"), 1)
	big := bytes.Repeat([]byte("% padding to make the repair hold a large file in memory\n"), 1<<20)
	i := bytes.IndexByte(data, '\n') + 1
	data = slices.Concat(data[:i], big, data[i:])
	iso := testIsolation()
	iso.MaxMemory = 48 << 20
	_, err := iso.repair(t.Context(), data, "", false)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "48 MB of memory") {
		t.Errorf("err = %v, want the memory limit", err)
	}
}

// TestIsolatedBadChild starts executables that are no repair child: the
// error says so, or that the pass failed, and nothing hangs.
func TestIsolatedBadChild(t *testing.T) {
	data := readTestdata(t, "plan-3pages.pdf")
	for _, tc := range []struct {
		path string
		want string
	}{
		{"/bin/true", "gave no answer"},
		{"/bin/false", "the repair pass failed on it"},
		{"/no/such/program", "starting the repair process"},
	} {
		if _, err := os.Stat(tc.path); err != nil && tc.path != "/no/such/program" {
			continue
		}
		_, err := (&Isolation{Path: tc.path, Timeout: 5 * time.Second}).repair(t.Context(), data, "", false)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.path, err, tc.want)
		}
	}
}
