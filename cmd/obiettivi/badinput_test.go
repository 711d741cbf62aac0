package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/obiettivi/obiettivi/api"
	"github.com/obiettivi/obiettivi/internal/pdftest"
)

// obiettiviBin is the command built once for the tests that run it, with
// the build tags of the test binary (buildTags).
var obiettiviBin, buildTags string

func TestMain(m *testing.M) {
	if api.IsRepairChild() {
		// Commands run in this process repair damaged PDFs in a child
		// process of this executable, as the command does.
		os.Exit(api.ServeRepair(os.Stdin, os.Stdout))
	}
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "obiettivi-cli-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	obiettiviBin = filepath.Join(dir, "obiettivi")
	build := exec.Command("go", "build", "-tags", buildTags, "-o", obiettiviBin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building the command:", err)
		return 1
	}
	return m.Run()
}

// runCLI runs the built command and returns its output and exit code; a
// run that does not end within a minute fails the test.
func runCLI(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, obiettiviBin, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("obiettivi %s: still running after a minute", strings.Join(args, " "))
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// TestExtractBadInput runs extract on files that must be refused: exit
// code 1, one line on stderr naming the file and the reason, no trace of a
// crash, and no output file left behind.
func TestExtractBadInput(t *testing.T) {
	plan3, err := os.ReadFile(filepath.Join("..", "..", "pdffile", "testdata", "plan-3pages.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	locked, err := os.ReadFile(filepath.Join("..", "..", "pdffile", "testdata", "aes256-user.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		data     []byte // nil: the file does not exist
		password string
		reason   string
	}{
		{"empty", []byte{}, "", "empty file"},
		{"not a PDF", []byte("Stampa Obiettivi di Performance\n"), "", "not a PDF file"},
		{"missing", nil, "", "no such file or directory"},
		{"truncated", plan3[:len(plan3)/2], "", "truncated or damaged PDF"},
		{"encrypted, no password", locked, "", "encrypted: needs a user password (use --password)"},
		{"encrypted, wrong password", locked, "guess", "encrypted: wrong password"},
		{"page tree cycle", pdftest.Build("%PDF-1.4",
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"), "", "page tree"},
		{"page tree very deep", deepPageTree(5000), "", "page tree"},
		{"nested 100k deep", pdftest.Build("%PDF-1.4",
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Deep "+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+" >>"), "", "truncated or damaged PDF"},
		{"not a Stampa Obiettivi report", pdftest.Build("%PDF-1.4",
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
			pdftest.Stream("", []byte("BT /F1 12 Tf 72 720 Td (Gentile cliente, la fattura n. 12 e' allegata.) Tj ET")),
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"), "", "not a Stampa Obiettivi report"},
		{"decompression bomb", pdftest.Build("%PDF-1.4",
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
			pdftest.Stream("/Filter [/FlateDecode /FlateDecode]", pdftest.Deflate(pdftest.ZlibZeros(4096)))), "", "after decompression"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.data != nil {
				if err := os.WriteFile(filepath.Join(dir, "BAD.pdf"), tt.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := []string{"extract", "BAD.pdf", "-o", "OUT.json"}
			if tt.password != "" {
				args = append(args, "--password", tt.password)
			}
			stdout, stderr, code := runCLI(t, dir, args...)
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			if stdout != "" {
				t.Errorf("stdout: %q", stdout)
			}
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			if len(lines) != 1 || !strings.HasSuffix(stderr, "\n") {
				t.Errorf("stderr is not one line: %q", stderr)
			}
			line := lines[0]
			if !strings.HasPrefix(line, "obiettivi: ") || strings.Count(line, "BAD.pdf") != 1 || !strings.Contains(line, tt.reason) {
				t.Errorf("stderr %q: want the file named once and %q", line, tt.reason)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
				t.Errorf("stderr shows a crash: %q", stderr)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != "BAD.pdf" {
					t.Errorf("left behind: %s", e.Name())
				}
			}
		})
	}
}

// TestExtractUsage checks that a wrong command line exits with code 2.
func TestExtractUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"extract"},
		{"extract", "a.pdf", "b.pdf"},
		{"extract", "--no-such-flag", "a.pdf"},
		{"extract", "a.pdf", "-o"},
	} {
		_, stderr, code := runCLI(t, dir, args...)
		if code != 2 {
			t.Errorf("obiettivi %s: exit code %d, want 2", strings.Join(args, " "), code)
		}
		if n := strings.Count(stderr, "\n"); n != 1 || !strings.HasPrefix(stderr, "obiettivi: ") {
			t.Errorf("obiettivi %s: stderr %q, want one line", strings.Join(args, " "), stderr)
		}
	}
}

func deepPageTree(n int) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>"}
	for i := range n {
		objs = append(objs, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", i+3))
	}
	objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] >>", n+1))
	return pdftest.Build("%PDF-1.4", objs...)
}
