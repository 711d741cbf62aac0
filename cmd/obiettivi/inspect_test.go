package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestInspect(t *testing.T) {
	dir := t.TempDir()
	sample, err := filepath.Abs(filepath.Join("..", "..", "samples", "capannori-2025.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI(t, dir, "inspect", sample, "--page", "5", "-o", "p5.svg")
	if code != 0 {
		t.Fatalf("inspect: exit %d: %s", code, stderr)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "p5.svg"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	for _, want := range []string{"<svg", `<g id="rules"`, "table 3 row 2 cell 3 filled", ">Cronoprogramma</text>", ">Consuntivo</text>"} {
		if !strings.Contains(s, want) {
			t.Errorf("the SVG of page 5 lacks %q", want)
		}
	}
	_, stderr, code = runCLI(t, dir, "inspect", sample, "--page", "500")
	if code != 2 || !strings.Contains(stderr, "out of range") {
		t.Errorf("--page 500: exit %d, stderr %q; want 2 and the range", code, stderr)
	}
}

// Writing to something that is not a regular file (a device such as
// /dev/stdout, a named pipe) must write to it, never replace it with a file.
func TestWriteToPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "out.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if err := writeFileAtomic(fifo, []byte("{}\n")); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "{}\n" {
			t.Errorf("read %q from the pipe", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written to the pipe")
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v %v", st.Mode(), err)
	}
}

// An anonymous pipe is reached through links that name no file
// (/dev/stdout → /proc/self/fd/1 → "pipe:[…]"): `-o /dev/stdout` in a
// pipeline writes to it.
func TestWriteToAnonymousPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	path := fmt.Sprintf("/proc/self/fd/%d", w.Fd())
	if _, err := os.Stat(path); err != nil {
		w.Close()
		t.Skipf("no /proc/self/fd here: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	err = writeFileAtomic(path, []byte("{}\n"))
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "{}\n" {
			t.Errorf("read %q from the pipe", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written to the pipe")
	}
}
