package normalize

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/pdffile"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/samples/render"
)

// streamed reads pages with Stream and returns its result and how many
// times it read the pages.
func streamed(pages []extract.Page, source plan.Source) (*Result, int, error) {
	reads := 0
	res, err := Stream(source, func(add func(extract.Page)) error {
		reads++
		for _, p := range pages {
			add(p)
		}
		return nil
	})
	return res, reads, err
}

// checkStreamed checks that Stream reads pages as Read does, and reports
// how many times it read them.
func checkStreamed(t *testing.T, pages []extract.Page) int {
	t.Helper()
	source := plan.Source{File: "test.pdf", Pages: len(pages)}
	want, wantErr := Read(pages, source)
	got, reads, err := streamed(pages, source)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("Stream: error %v, Read: %v", err, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("Stream's result differs from Read's")
	}
	return reads
}

// TestStreamAsRead reads the prints of the repository and some printed
// here (long, without rules, with rows cut by page breaks) page by page:
// the result is Read's, with every guess about the pages to come right.
func TestStreamAsRead(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../samples/*.pdf", "../samples/render/testdata/*.pdf", "../testdata/post/*.pdf"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d prints found", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := pdffile.Open(context.Background(), path, "", pdffile.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			pages, err := extract.Read(context.Background(), f, extract.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if reads := checkStreamed(t, pages); reads != 1 {
				t.Errorf("pages read %d times: a guess about the pages to come was wrong", reads)
			}
		})
	}
	capannori, err := plan.ReadFile("../testdata/truth/capannori-2024.json")
	if err != nil {
		t.Fatal(err)
	}
	cuts := render.Options{BreakRows: true, KeyWidth: 0.12, GridSliver: 1, IndexNameWidth: 0.35, IndexNumberRise: 0.8}
	for _, tt := range []struct {
		name string
		doc  *plan.Document
		opt  render.Options
	}{
		{"synthetic-400", render.Synthetic("Comune di Prova", 2024, 400, 11), render.Options{}},
		{"synthetic-cuts", render.Synthetic("Comune di Prova", 2024, 60, 5), cuts},
		{"capannori-unruled", capannori, unruled(cuts)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pages, _ := renderedPages(t, tt.doc, tt.opt)
			if reads := checkStreamed(t, pages); reads != 1 {
				t.Errorf("pages read %d times: a guess about the pages to come was wrong", reads)
			}
		})
	}
}

// TestStreamWrongGuess checks that Stream reads the pages again, and
// gives Read's result, when a guess turns out wrong: a line on 53 of the
// 108 pages, most of them among the first, looks like a running header
// until the last pages show it is one page short of half; and when no page
// is read.
func TestStreamWrongGuess(t *testing.T) {
	f, err := pdffile.Open(context.Background(), "../samples/capannori-2024.pdf", "", pdffile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	pages, err := extract.Read(context.Background(), f, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	marked := make([]extract.Page, len(pages))
	copy(marked, pages)
	for i := range marked {
		if i >= 30 && i < 44 || i >= 67 {
			continue
		}
		p := &marked[i]
		l := extract.TextLine{Text: "Bozza riservata", X0: 40, X1: 120, Top: 5, Bottom: 14, Baseline: 12, Size: 9,
			Words: []extract.Word{{Text: "Bozza", X0: 40, X1: 70}, {Text: "riservata", X0: 74, X1: 120}}}
		p.Lines = append([]extract.TextLine{l}, p.Lines...)
	}
	if reads := checkStreamed(t, marked); reads != 2 {
		t.Errorf("pages read %d times, want 2 (the guess about the added line is wrong)", reads)
	}
	if _, _, err := streamed(nil, plan.Source{}); err != ErrNoText {
		t.Errorf("no pages: error %v, want ErrNoText", err)
	}
}

// TestCollapse checks collapse and cellText against strings.Fields joined
// by spaces, on texts of every kind of white space and of invalid UTF-8.
func TestCollapse(t *testing.T) {
	parts := []string{"a", "b", "è", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\xff", "\xc2", "x y", ""}
	rng := rand.New(rand.NewPCG(1, 2))
	text := func() string {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		return b.String()
	}
	for range 20000 {
		s := text()
		if got, want := plan.Collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("plan.Collapse(%q) = %q, want %q", s, got, want)
		}
		var c extract.Cell
		for range rng.IntN(4) {
			c.Lines = append(c.Lines, extract.TextLine{Text: text()})
		}
		want := ""
		if len(c.Lines) > 0 {
			want = strings.Join(strings.Fields(c.Text()), " ")
		}
		if got := cellText(c); got != want {
			t.Fatalf("cellText(%q) = %q, want %q", c.Text(), got, want)
		}
	}
}
