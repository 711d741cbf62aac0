package main

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/obiettivi/obiettivi/internal/pdftest"
)

// slowRepairInput is a one-page PDF whose catalog lists 150,000 objects on
// one line and whose startxref is lost: pdfcpu's repair scans the file
// line by line again for each object, half a minute of work in a library
// that watches no context while it does it.
func slowRepairInput(t *testing.T) []byte {
	t.Helper()
	const n = 150000
	var refs strings.Builder
	objs := []string{"", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"}
	for i := range n {
		fmt.Fprintf(&refs, "%d 0 R ", i+4)
		objs = append(objs, fmt.Sprintf("<< /N %d >>", i))
	}
	objs[0] = "<< /Type /Catalog /Pages 2 0 R /Extra [" + refs.String() + "] >>"
	data := pdftest.Build("%PDF-1.4", objs...)
	i := bytes.LastIndex(data, []byte("startxref"))
	return append(data[:i:i], "startxref\n99999999\n%%EOF\n"...)
}

// children returns the processes of the test's command binary whose parent
// is pid (every one when pid is 0).
func children(t *testing.T, pid int) []int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skip("no /proc to look for child processes")
	}
	var out []int
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err != nil || exe != obiettiviBin {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...
		fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(fields) > 1 && (pid == 0 || fields[1] == strconv.Itoa(pid)) {
			out = append(out, n)
		}
	}
	return out
}

// startCLI starts the built command in dir.
func startCLI(t *testing.T, dir string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(obiettiviBin, args...)
	cmd.Dir = dir
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, &errOut
}

// waitCLI waits at most limit for cmd to end and returns its exit code.
func waitCLI(t *testing.T, cmd *exec.Cmd, limit time.Duration) (int, time.Duration) {
	t.Helper()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), time.Since(start)
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running %s after the signal", limit)
		return 0, 0
	}
}

// TestExtractStopsOnSignal interrupts extract while the repair library is
// busy with a real input and deaf to its context: the command ends within
// 2 s with the signal's status and one line, leaving neither output nor
// child process.
func TestExtractStopsOnSignal(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{
		{syscall.SIGTERM, 143},
		{syscall.SIGINT, 130},
	} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "stuck.pdf"), slowRepairInput(t), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd, stderr := startCLI(t, dir, "extract", "stuck.pdf", "-o", "OUT.json")
			deadline := time.Now().Add(10 * time.Second)
			for len(children(t, cmd.Process.Pid)) == 0 {
				if time.Now().After(deadline) {
					t.Fatal("the repair child never started")
				}
				time.Sleep(20 * time.Millisecond)
			}
			time.Sleep(500 * time.Millisecond) // well into the loop
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			code, took := waitCLI(t, cmd, 2*time.Second)
			if code != tc.code {
				t.Errorf("exit status %d, want %d", code, tc.code)
			}
			if took > 2*time.Second {
				t.Errorf("ended %s after the signal", took)
			}
			if got := stderr.String(); got != "obiettivi: stuck.pdf: interrupted\n" {
				t.Errorf("stderr %q", got)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("left behind: %v", entries)
			}
			time.Sleep(100 * time.Millisecond)
			if left := children(t, 0); len(left) > 0 {
				t.Errorf("repair processes still running: %v", left)
			}
		})
	}
}

// TestIngestStopsOnSignal stops the ingest of a 600-page print with
// SIGTERM: the command ends within 2 s and the store passes SQLite's
// integrity check.
func TestIngestStopsOnSignal(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "big.pdf")
	render := exec.Command("go", "run", "../../samples/render/cmd/renderplan", "-synthetic", "500", "-o", pdf)
	if out, err := render.CombinedOutput(); err != nil {
		t.Fatalf("renderplan: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "plans.sqlite")
	// A small file first, so that the store exists and holds a document.
	small, err := filepath.Abs(filepath.Join("..", "..", "samples", "capannori-2024.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, dir, "ingest", "--db", db, small); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	cmd, stderr := startCLI(t, dir, "ingest", "--db", db, pdf)
	time.Sleep(400 * time.Millisecond) // reading its pages (the whole ingest takes seconds)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code, took := waitCLI(t, cmd, 2*time.Second)
	if code != 143 {
		t.Errorf("exit status %d, want 143; stderr %q", code, stderr)
	}
	if took > 2*time.Second {
		t.Errorf("ended %s after the signal", took)
	}
	t.Logf("stderr %q after %s", stderr, took)
	if n := strings.Count(stderr.String(), "\n"); n != 1 {
		t.Errorf("stderr is not one line: %q", stderr)
	}

	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var check string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q, %v", check, err)
	}
	var docs int
	if err := conn.QueryRow("SELECT count(*) FROM documents").Scan(&docs); err != nil || docs != 1 {
		t.Errorf("%d documents (%v), want the first one only", docs, err)
	}
}
