package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/plan"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.pdf")
	truth := filepath.Join(dir, "out.json")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"help", []string{"-h"}, 0, "Example:"},
		{"no output", []string{"-synthetic", "2"}, 2, "-o is required"},
		{"no input", []string{"-o", out}, 2, "exactly one of -in and -synthetic"},
		{"both inputs", []string{"-in", "x.json", "-synthetic", "2", "-o", out}, 2, "exactly one of"},
		{"bad flag", []string{"-nope"}, 2, "not defined"},
		{"bad palette", []string{"-synthetic", "2", "-o", out, "-palette", "pink"}, 2, "unknown palette"},
		{"bad date", []string{"-synthetic", "2", "-o", out, "-printed", "2024-03-15"}, 2, "dd/mm/yyyy"},
		{"missing file", []string{"-in", filepath.Join(dir, "none.json"), "-o", out}, 1, "none.json"},
		{"not a plan", []string{"-in", "main.go", "-o", out}, 1, "main.go: not a plan document"},
		{"bad page", []string{"-synthetic", "2", "-o", out, "-page", "B5"}, 1, "unknown page size"},
		{"bad bullets", []string{"-synthetic", "2", "-o", out, "-bullets", "square"}, 2, "unknown bullet style"},
		{"bad key width", []string{"-synthetic", "2", "-o", out, "-key-width", "0.9"}, 1, "out of range"},
		{"page breaks", []string{"-synthetic", "12", "-o", out, "-break-rows", "-key-width", "0.12", "-grid-sliver", "1",
			"-bullets", "disc-ring", "-index-name-width", "0.4", "-index-number-rise", "0.8", "-index-number-first"}, 0, "page breaks cut"},
		{"synthetic", []string{"-synthetic", "3", "-seed", "2", "-o", out, "-truth", truth, "-landscape", "-page", "letter"}, 0, "out.pdf:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != tt.code {
				t.Errorf("exit code %d, want %d; stderr: %s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.stderr)
			}
			if tt.code != 0 && strings.Count(strings.TrimSpace(stderr.String()), "\n") > 0 && tt.name != "bad flag" {
				t.Errorf("error is more than one line: %q", stderr.String())
			}
		})
	}
	pdf, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("no PDF written: %v", err)
	}
	d, err := plan.ReadFile(truth)
	if err != nil {
		t.Fatal(err)
	}
	if d.Source.File != "out.pdf" || d.Source.Pages < 3 || len(d.Objectives) != 3 {
		t.Errorf("truth: source %+v, %d objectives", d.Source, len(d.Objectives))
	}
}
