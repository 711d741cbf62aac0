package api

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/obiettivi/obiettivi/audit"
	"github.com/obiettivi/obiettivi/plan"
)

// postPrints are the prints of the samples after the steps publishers put
// a PDF through (testdata/post, made by scripts/postprocess; the cups-pdf
// print kept as it was made), each with the truth of its source print.
var postPrints = []struct{ name, source string }{
	{"capannori-2024-pdfa", "capannori-2024"},
	{"capannori-2024-gs", "capannori-2024"},
	{"capannori-2024-cairo", "capannori-2024"},
	{"capannori-2024-qpdf", "capannori-2024"},
	{"capannori-2024-cups", "capannori-2024"},
	{"capannori-2024-chromium-pdfa", "capannori-2024-chromium"},
	{"capannori-2024-chromium-gs", "capannori-2024-chromium"},
	{"capannori-2024-chromium-cairo", "capannori-2024-chromium"},
	{"capannori-2024-chromium-qpdf", "capannori-2024-chromium"},
}

// sourceScores scores each source print once.
var sourceScores = struct {
	sync.Mutex
	m map[string]*score
}{m: map[string]*score{}}

func sourceScore(t *testing.T, name string) *score {
	t.Helper()
	sourceScores.Lock()
	defer sourceScores.Unlock()
	if s, ok := sourceScores.m[name]; ok {
		return s
	}
	s := scoreFile(t, filepath.Join("..", "testdata", "truth", name+".json"), filepath.Join("..", "samples", name+".pdf"))
	sourceScores.m[name] = s
	return s
}

func scoreFile(t *testing.T, truthPath, pdfPath string) *score {
	t.Helper()
	s, _ := scoreDoc(t, truthPath, pdfPath)
	return s
}

func scoreDoc(t *testing.T, truthPath, pdfPath string) (*score, *plan.Document) {
	t.Helper()
	truth, err := plan.ReadFile(truthPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ExtractFile(context.Background(), pdfPath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return scoreDocs(truth, doc), doc
}

// TestAccuracyPost holds the post-processed prints to the bars of the
// project: field accuracy at least 99.5%, every objective found and no
// extra one, months exact on at least 99% of phases, dedup pairs exact,
// the Indice complete. Where the file itself lost characters (glyphs no
// mapping of the file, and no recovery, gives text), the print must name
// the pages in findings, stay within 1% of its source print's field
// accuracy, and every field it misses beyond the source's must hold a
// lost character.
func TestAccuracyPost(t *testing.T) {
	for _, p := range postPrints {
		t.Run(p.name, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", "post")
			s, doc := scoreDoc(t, filepath.Join(dir, p.name+".json"), filepath.Join(dir, p.name+".pdf"))
			var lost *plan.Finding
			for i, f := range doc.Findings {
				if f.Rule == audit.RuleUnmappedGlyphs {
					lost = &doc.Findings[i]
				}
			}
			t.Logf("field accuracy %.4f (%d/%d), objectives %d/%d matched (%d extracted), months %.4f, dedup tp %d exp %d act %d, toc %d/%d",
				s.fieldAccuracy(), s.cellsOK, s.cells, s.objOK, s.objExpected, s.objActual, s.monthAccuracy(), s.dedupTP, s.dedupExp, s.dedupAct, s.tocOK, s.tocExp)
			if lost != nil {
				t.Logf("lost characters: %s", lost.Message)
			}
			if lost == nil {
				for _, m := range s.mismatches {
					t.Log(m)
				}
				if s.fieldAccuracy() < 0.995 {
					t.Errorf("field accuracy %.4f < 0.995", s.fieldAccuracy())
				}
			} else {
				src := sourceScore(t, p.source)
				if s.fieldAccuracy() < src.fieldAccuracy()-0.01 {
					t.Errorf("field accuracy %.4f, more than 1%% below the source print's %.4f", s.fieldAccuracy(), src.fieldAccuracy())
				}
				inSource := map[string]bool{}
				for _, m := range src.missed {
					inSource[m.where] = true
				}
				for _, m := range s.missed {
					if !inSource[m.where] && !strings.Contains(fmt.Sprint(m.act), "\uFFFD") {
						t.Errorf("%s: %s, and no character of it was lost", m.where, show(m.act))
					}
				}
			}
			if s.objOK != s.objExpected || s.objActual != s.objExpected {
				t.Errorf("objectives: %d expected, %d matched, %d extracted", s.objExpected, s.objOK, s.objActual)
			}
			if s.monthAccuracy() < 0.99 {
				t.Errorf("months exact on %.4f of phases < 0.99", s.monthAccuracy())
			}
			if s.dedupTP != s.dedupExp || s.dedupTP != s.dedupAct {
				t.Errorf("dedup: %d same-key pairs expected, %d extracted, %d in both", s.dedupExp, s.dedupAct, s.dedupTP)
			}
			if s.tocOK != s.tocExp || len(doc.TOC) != s.tocExp {
				t.Errorf("toc: %d of %d entries right, %d extracted", s.tocOK, s.tocExp, len(doc.TOC))
			}
		})
	}
}

// TestNoTextPrints: the pages of a report printed as outlines or as images
// are refused with the reason, not read as another document.
func TestNoTextPrints(t *testing.T) {
	for _, tt := range []struct{ name, reason string }{
		{"capannori-2024-outlines-p1-3", "no text layer, or text drawn as outlines"},
		{"capannori-2024-chromium-outlines-p1-3", "no text layer, or text drawn as outlines"},
		{"capannori-2024-image-p1-2", "the pages are images with no text layer"},
		{"capannori-2024-chromium-image-p1-2", "the pages are images with no text layer"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join("..", "testdata", "post", tt.name+".pdf")
			_, err := ExtractFile(context.Background(), path, Options{})
			if !errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), tt.reason) || !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("err = %v, want %q", err, tt.reason)
			}
		})
	}
}
