package extract

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/pdftest"
	"github.com/obiettivi/obiettivi/pdffile"
)

// testPage is a one-page document for the interpreter: its page (object
// 3) has the media box [0 0 400 800], the content stream (object 4) holds
// content, and the page's resources dictionary is resources, which may
// refer to objs, numbered from 5.
type testPage struct {
	content   string
	resources string
	objs      []string
}

// helveticaRes is the resources of a page whose font F1 is Helvetica,
// object 5.
const helveticaRes = "/Font << /F1 5 0 R >>"

func (tp testPage) pdf() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 800] /Resources << " + tp.resources + " >> /Contents 4 0 R >>",
		pdftest.Stream("", []byte(tp.content)),
	}
	return pdftest.Build("%PDF-1.4", append(objs, tp.objs...)...)
}

func (tp testPage) open(t testing.TB, lim pdffile.Limits) *pdffile.File {
	t.Helper()
	f, err := pdffile.OpenBytes(context.Background(), tp.pdf(), "test.pdf", "", lim)
	if err != nil {
		t.Fatalf("test PDF: %v", err)
	}
	return f
}

// walkTest interprets the page of tp within lim and returns its marks.
func walkTest(t testing.TB, tp testPage, lim Limits) (*walker, error) {
	t.Helper()
	f := tp.open(t, pdffile.Limits{})
	wk, _, _, err := walkPage(context.Background(), f, f.Pages[0], 1, newDocCache(f), lim.withDefaults(), &scratch{})
	return wk, err
}

// mustWalk is walkTest for content that must be read.
func mustWalk(t testing.TB, tp testPage) *walker {
	t.Helper()
	wk, err := walkTest(t, tp, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return wk
}

// withHelvetica is a page showing content with font F1.
func withHelvetica(content string, objs ...string) testPage {
	res := helveticaRes
	if len(objs) > 0 {
		res += " " + objs[0]
		objs = objs[1:]
	}
	return testPage{content: content, resources: res, objs: append([]string{helvetica}, objs...)}
}

// glyphsText spells the glyphs of a walk: each glyph's text, left edge,
// right edge and baseline to 0.01 point, and its size.
func glyphsText(gs []glyph) string {
	var parts []string
	for _, g := range gs {
		s := fmt.Sprintf("%s@%s-%s/%s", g.text, num2(g.x0), num2(g.x1), num2(g.baseline))
		if g.size != 10 {
			s += fmt.Sprintf(":%s", num2(g.size))
		}
		if !g.upright {
			s += "(rotated)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func num2(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0
	}
	return fmt.Sprint(v)
}

func segsText(ss []segment) string {
	var parts []string
	for _, s := range ss {
		parts = append(parts, fmt.Sprintf("%s,%s-%s,%s", num2(s.x0), num2(s.y0), num2(s.x1), num2(s.y1)))
	}
	return strings.Join(parts, " ")
}

func fillsText(fs []fill) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, fmt.Sprintf("%s,%s-%s,%s%s", num2(f.r.X0), num2(f.r.Y0), num2(f.r.X1), num2(f.r.Y1), f.color.Hex()))
	}
	return strings.Join(parts, " ")
}
