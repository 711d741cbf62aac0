package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/plan"
)

// fixtures are the small PDFs kept in testdata for the extractor's tests,
// each with the plan as printed beside it (same base name, .json).
var fixtures = []struct {
	name string
	plan func(t testing.TB) *plan.Document
	opt  Options
}{
	{
		name: "edge-letter-landscape",
		plan: edgePlan,
		opt:  Options{PageSize: "Letter", Landscape: true, Colors: mustPalette("cmyk")},
	},
	{
		name: "edge-a4-times-plain",
		plan: edgePlan,
		opt: Options{Font: FontTimes, FontSize: 10, Description: DescriptionSource, PlainContinuation: true, NoRepeatHeader: true,
			Colors: mustPalette("gray"), Margins: Margins{Top: 20, Bottom: 20, Left: 12, Right: 12}},
	},
	{
		name: "edge-a3-dejavu",
		plan: edgePlan,
		opt:  Options{PageSize: "A3", Font: FontDejaVu, FontSize: 11, Description: DescriptionFormatted},
	},
	{
		name: "edge-a4-page-breaks",
		plan: edgePlan,
		opt: Options{BreakRows: true, KeyWidth: 0.12, GridSliver: 1, IndexNameWidth: 0.35, IndexNumberRise: 0.8,
			Bullets: BulletDisc, Description: DescriptionFormatted},
	},
	{
		name: "synthetic-16-page-breaks",
		plan: func(testing.TB) *plan.Document { return Synthetic("Comune di Esempio", 2024, 16, 3) },
		opt: Options{BreakRows: true, KeyWidth: 0.12, GridSliver: 1, IndexNameWidth: 0.35, IndexNumberRise: 0.8,
			Bullets: BulletDisc},
	},
	{
		name: "synthetic-12",
		plan: func(testing.TB) *plan.Document { return Synthetic("Comune di Esempio", 2024, 12, 1) },
	},
}

// pageSizePt is the page size in points that opt prints on.
func pageSizePt(opt Options) (w, h float64) {
	switch strings.ToLower(opt.PageSize) {
	case "a3":
		w, h = a3W, a3H
	case "letter":
		w, h = letterW, letterH
	default:
		w, h = a4W, a4H
	}
	if opt.Landscape {
		w, h = h, w
	}
	return w, h
}

func edgePlan(t testing.TB) *plan.Document { return readPlan(t, "testdata/edge-plan.json") }

func mustPalette(name string) Colors {
	c, err := Palette(name)
	if err != nil {
		panic(err)
	}
	return c
}

// TestFixtures prints the fixtures and compares them with testdata; run
// with -update to rewrite them. PDFs printed with an embedded font are
// compared through their printed plan only, since their bytes depend on
// the font files installed.
func TestFixtures(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			embedded := f.opt.Font == FontDejaVu
			if _, ok := FindDejaVu(f.opt.FontDir); embedded && !ok {
				t.Skip("DejaVu Sans not installed")
			}
			opt := f.opt
			opt.FileName = f.name + ".pdf"
			doc, res := printPlan(t, f.plan(t), opt)
			if len(res.Warnings) > 0 {
				t.Errorf("fixture does not read back exactly: %q", res.Warnings)
			}
			w, h := pageSizePt(opt)
			checkPrinted(t, doc, res, w, h)
			js := encode(t, res.Printed)
			pdfPath := filepath.Join("testdata", f.name+".pdf")
			jsonPath := filepath.Join("testdata", f.name+".json")
			if *update {
				if err := os.WriteFile(pdfPath, doc, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(jsonPath, js, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(jsonPath)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if embedded {
				js = withoutHash(t, js)
				want = withoutHash(t, want)
			}
			if !bytes.Equal(js, want) {
				t.Errorf("printed plan differs from %s (run with -update if the change is intended)", jsonPath)
			}
			if !embedded {
				old, err := os.ReadFile(pdfPath)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(doc, old) {
					t.Errorf("PDF differs from %s (run with -update if the change is intended)", pdfPath)
				}
			}
		})
	}
}

func withoutHash(t *testing.T, js []byte) []byte {
	t.Helper()
	d, err := plan.Decode(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	d.Source.SHA256 = ""
	return encode(t, d)
}
