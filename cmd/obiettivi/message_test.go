package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/obiettivi/obiettivi/api"
)

// TestMessage checks the one line the command prints for an error: the
// error's words, the flag that helps, on one line of at most 300 characters.
func TestMessage(t *testing.T) {
	long := strings.Repeat("parola ", 100)
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"plain", errors.New("a.pdf: not a PDF file"), "a.pdf: not a PDF file"},
		{"password hint", fmt.Errorf("a.pdf: %w", api.ErrNeedPassword), "a.pdf: encrypted: needs a user password (use --password)"},
		{"memory hint", fmt.Errorf("a.pdf: %w", memoryExceeded{limit: 1 << 30}), "a.pdf: stopped: it needs more memory than the limit of 1 GiB (raise it with --max-memory)"},
		{"interrupted", fmt.Errorf("a.pdf: %w", interruption{sig: syscall.SIGINT}), "a.pdf: interrupted"},
		{"control characters", errors.New("a.pdf: bad\n\tcontent\x00here\r"), "a.pdf: bad content here"},
		{"long", errors.New("a.pdf: " + long), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := message(tc.err)
			if tc.want != "" && got != tc.want {
				t.Errorf("message = %q, want %q", got, tc.want)
			}
			if n := utf8.RuneCountInString(got); n > maxMessage || strings.ContainsAny(got, "\n\r\t\x00") {
				t.Errorf("message %q: %d characters or not one line", got, n)
			}
			if tc.name == "long" && (!strings.HasSuffix(got, "…") || !strings.HasPrefix(got, "a.pdf: parola")) {
				t.Errorf("long message cut as %q", got)
			}
		})
	}
}

func TestInterruptionIsCancellation(t *testing.T) {
	for _, err := range []error{interruption{sig: syscall.SIGTERM}, memoryExceeded{limit: 1}} {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%v does not match context.Canceled", err)
		}
	}
	if exitStatus(syscall.SIGINT) != 130 || exitStatus(syscall.SIGTERM) != 143 {
		t.Errorf("exit statuses %d, %d", exitStatus(syscall.SIGINT), exitStatus(syscall.SIGTERM))
	}
}

func TestByteSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"1GiB", 1 << 30}, {"2G", 2 << 30}, {"512MiB", 512 << 20}, {"1500MB", 1500 << 20}, {"1.5GiB", 3 << 29}, {"268435456", 256 << 20},
	} {
		var b byteSize
		if err := b.Set(tc.in); err != nil || int64(b) != tc.want {
			t.Errorf("Set(%q) = %d, %v; want %d", tc.in, b, err, tc.want)
		}
	}
	for _, bad := range []string{"", "lots", "-1G", "1MiB", "0"} {
		var b byteSize
		if err := b.Set(bad); err == nil {
			t.Errorf("Set(%q) accepted as %d", bad, b)
		}
	}
}

// TestMaxMemoryFlag runs extract under a memory limit the sample does not
// fit in: exit 1, one line naming the file and the flag that raises it.
func TestMaxMemoryFlag(t *testing.T) {
	_, stderr, code := runCLI(t, t.TempDir(), "--max-memory", "16MiB", "extract", samplePath(t, "capannori-2024-chromium.pdf"), "-o", "OUT.json")
	if code != 1 || !strings.Contains(stderr, "capannori-2024-chromium.pdf: stopped: it needs more memory than the limit of 16 MiB (raise it with --max-memory)") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = runCLI(t, t.TempDir(), "--max-memory", "lots", "extract", "x.pdf")
	if code != 2 || !strings.Contains(stderr, "--max-memory") {
		t.Errorf("bad --max-memory: exit %d, stderr %q", code, stderr)
	}
}

// samplePath is the absolute path of a sample print.
func samplePath(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestOneLineLength cuts messages of every length around the limit, words
// of one and two letters included, to at most the limit.
func TestOneLineLength(t *testing.T) {
	for _, word := range []string{"a ", "ab ", "abc\n"} {
		for n := 250; n < 350; n++ {
			s := strings.Repeat(word, n/len(word)+1)[:n]
			if got := oneLine(s, 289); utf8.RuneCountInString(got) > 289 {
				t.Fatalf("%d characters of %q: cut to %d", n, word, utf8.RuneCountInString(got))
			}
		}
	}
}
