package api

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/obiettivi/obiettivi/internal/difftest"
	"github.com/obiettivi/obiettivi/plan"
)

var update = flag.Bool("update", false, "rewrite the golden files in ../golden")

// samples are the bundled PDFs whose expected output is in ../golden and
// whose truth (the plan they were printed from) is in ../testdata/truth.
var samples = []string{"capannori-2024", "capannori-2024-chromium", "capannori-2025"}

// TestGolden extracts every sample and compares the JSON with its golden
// file byte for byte. Run with -update to rewrite the golden files, and
// read the diff before committing them.
func TestGolden(t *testing.T) {
	for _, name := range samples {
		t.Run(name, func(t *testing.T) {
			doc, err := ExtractFile(context.Background(), filepath.Join("..", "samples", name+".pdf"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := doc.Encode(&got); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("..", "golden", name+".json")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("extract output differs from %s (run go test ./api -update and read the diff)\n%s", golden, difftest.Lines(string(want), got.String()))
			}
		})
	}
}

// TestAccuracy holds the extract of every sample to the bars of the
// project against the plan the PDF was printed from: field accuracy at
// least 99.5%, every objective found and no extra one, months exact on at
// least 99% of phases, dedup pairs exact, the Indice complete.
func TestAccuracy(t *testing.T) {
	for _, name := range samples {
		t.Run(name, func(t *testing.T) {
			truth, err := plan.ReadFile(filepath.Join("..", "testdata", "truth", name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ExtractFile(context.Background(), filepath.Join("..", "samples", name+".pdf"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			s := scoreDocs(truth, doc)
			t.Logf("field accuracy %.4f (%d/%d), objectives %d/%d matched (%d extracted), months %.4f, dedup tp %d exp %d act %d, toc %d/%d",
				s.fieldAccuracy(), s.cellsOK, s.cells, s.objOK, s.objExpected, s.objActual, s.monthAccuracy(), s.dedupTP, s.dedupExp, s.dedupAct, s.tocOK, s.tocExp)
			for _, m := range s.mismatches {
				t.Log(m)
			}
			if s.fieldAccuracy() < 0.995 {
				t.Errorf("field accuracy %.4f < 0.995", s.fieldAccuracy())
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
