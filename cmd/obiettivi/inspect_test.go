package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
