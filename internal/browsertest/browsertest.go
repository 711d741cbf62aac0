// Package browsertest opens HTML files in headless Chromium for tests: the
// DOM the browser builds, and a screenshot. A test that needs it is
// skipped, with a message, where Chromium is not installed.
package browsertest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// names are the commands Chromium is installed as.
var names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Chromium returns the path of the Chromium command, or skips t.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	t.Skip("Chromium not found (" + names[0] + "): the HTML report is not opened in a browser")
	return ""
}

// run runs Chromium headless on the file at path with a fresh profile and
// the extra arguments, and returns its standard output.
func run(t testing.TB, path string, extra ...string) []byte {
	t.Helper()
	bin := Chromium(t)
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(),
	}, extra...)
	args = append(args, "file://"+abs)
	cmd := exec.CommandContext(ctx, bin, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", extra, err, lastLines(errOut.Bytes(), 5))
	}
	return out.Bytes()
}

// DOM returns the document Chromium builds from the HTML file at path,
// serialised.
func DOM(t testing.TB, path string) string {
	t.Helper()
	return string(run(t, path, "--dump-dom"))
}

// Screenshot saves a PNG of the HTML file at path, as a window of width ×
// height pixels shows it, to png.
func Screenshot(t testing.TB, path, png string, width, height int) {
	t.Helper()
	run(t, path, "--hide-scrollbars", "--screenshot="+png, "--window-size="+itoa(width)+","+itoa(height))
	st, err := os.Stat(png)
	if err != nil || st.Size() == 0 {
		t.Fatalf("no screenshot written to %s: %v", png, err)
	}
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
		if n == 0 {
			return string(b)
		}
	}
}

func lastLines(b []byte, n int) []byte {
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, []byte("\n"))
}
