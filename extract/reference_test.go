package extract

import (
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"

	"github.com/ledongthuc/pdf"

	"github.com/obiettivi/obiettivi/pdffile"
)

// The functions below are the layout's steps as first written, plainly;
// the tests check that the faster ones give the same results.

// samplePageRules returns the rules of every page of the bundled prints.
func samplePageRules(t *testing.T) (hss [][]hrule, vss [][]vrule) {
	t.Helper()
	for _, name := range []string{"capannori-2024.pdf", "capannori-2024-chromium.pdf", "capannori-2025.pdf"} {
		f := openSample(t, name)
		doc := newDocCache(f)
		for i, p := range f.Pages {
			wk, _, _, err := walkPage(t.Context(), f, p, i+1, doc, DefaultLimits(), &scratch{})
			if err != nil {
				t.Fatal(err)
			}
			hs, vs := buildRules(wk.segs, wk.fills)
			hss, vss = append(hss, hs), append(vss, vs)
		}
	}
	return hss, vss
}

// randomRules makes a grid of rules, some cut short, some missing, some
// repeated, at coordinates that often tie.
func randomRules(rng *rand.Rand) ([]hrule, []vrule) {
	var hs []hrule
	var vs []vrule
	for range rng.IntN(30) {
		y := float64(rng.IntN(40)) * 7.5
		x0 := float64(rng.IntN(10)) * 20
		hs = append(hs, hrule{y: y, x0: x0, x1: x0 + float64(rng.IntN(12))*20, synthetic: rng.IntN(5) == 0})
	}
	for range rng.IntN(20) {
		x := float64(rng.IntN(12)) * 20
		y0 := float64(rng.IntN(20)) * 7.5
		vs = append(vs, vrule{x: x, y0: y0, y1: y0 + float64(rng.IntN(40))*7.5, synthetic: rng.IntN(5) == 0})
	}
	return hs, vs
}

// TestCellFillAsPlainSearch checks the fill index on the cells and fills
// of the bundled prints and on random rectangles.
func TestCellFillAsPlainSearch(t *testing.T) {
	type page struct {
		cells []Rect
		fills []fill
		h     float64
	}
	var pages []page
	for _, name := range []string{"capannori-2024.pdf", "capannori-2024-chromium.pdf"} {
		f := openSample(t, name)
		doc := newDocCache(f)
		for i, p := range f.Pages {
			wk, _, h, err := walkPage(t.Context(), f, p, i+1, doc, DefaultLimits(), &scratch{})
			if err != nil {
				t.Fatal(err)
			}
			hs, vs := buildRules(wk.segs, wk.fills)
			var cells []Rect
			for _, c := range findCells(hs, vs) {
				cells = append(cells, c.r)
			}
			pages = append(pages, page{cells, append([]fill(nil), wk.fills...), h})
		}
	}
	rng := rand.New(rand.NewPCG(9, 10))
	rect := func() Rect {
		x, y := rng.Float64()*600-20, rng.Float64()*900-40
		return Rect{x, y, x + rng.Float64()*200, y + rng.Float64()*60}
	}
	for range 300 {
		var p page
		p.h = 842
		for k := range rng.IntN(40) {
			r := rect()
			if rng.IntN(20) == 0 {
				r.Y0, r.Y1 = math.Inf(-1), math.Inf(1)
			}
			p.fills = append(p.fills, fill{r: r, color: Color{R: float64(k)}, order: k + 1})
		}
		for range 40 {
			p.cells = append(p.cells, rect())
		}
		pages = append(pages, p)
	}
	for n, p := range pages {
		x := newFillIndex(p.fills, p.h)
		for _, c := range p.cells {
			want := cellFillReference(c, p.fills)
			got := x.cellFill(c)
			if (got < 0) != (want == nil) || got >= 0 && !reflect.DeepEqual(p.fills[got].color, *want) {
				t.Fatalf("page %d, cell %v: fill %d, want %v", n, c, got, want)
			}
		}
	}
}

func TestFindCellsAsPlainSearch(t *testing.T) {
	hss, vss := samplePageRules(t)
	rng := rand.New(rand.NewPCG(7, 8))
	for range 2000 {
		hs, vs := randomRules(rng)
		hss, vss = append(hss, hs), append(vss, vs)
	}
	for i := range hss {
		got, want := findCells(hss[i], vss[i]), findCellsReference(hss[i], vss[i])
		if len(got) != 0 || len(want) != 0 {
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("case %d: %d cells, want %d: %v\nwant %v", i, len(got), len(want), got, want)
			}
		}
	}
}

func findCellsReference(hs []hrule, vs []vrule) []rawCell {
	const tol = joinTol
	type pt struct{ h, v int }
	// intersections per horizontal rule and per vertical rule
	byH := make([][]int, len(hs)) // indices of vertical rules crossing
	inter := map[pt]bool{}
	for i, h := range hs {
		for j, v := range vs {
			if v.x >= h.x0-tol && v.x <= h.x1+tol && h.y >= v.y0-tol && h.y <= v.y1+tol {
				byH[i] = append(byH[i], j)
				inter[pt{i, j}] = true
			}
		}
	}
	byV := make([][]int, len(vs))
	for i := range hs {
		for _, j := range byH[i] {
			byV[j] = append(byV[j], i)
		}
	}
	for j := range byV {
		sort.Slice(byV[j], func(a, b int) bool { return hs[byV[j][a]].y < hs[byV[j][b]].y })
	}
	for i := range byH {
		sort.Slice(byH[i], func(a, b int) bool { return vs[byH[i][a]].x < vs[byH[i][b]].x })
	}
	var cells []rawCell
	for i, h := range hs {
		for a, j := range byH[i] {
			v := vs[j]
			// below: horizontal rules crossing v further down
			var below []int
			for _, k := range byV[j] {
				if hs[k].y > h.y+snapTol {
					below = append(below, k)
				}
			}
			right := byH[i][a+1:]
		search:
			for _, k := range below {
				for _, l := range right {
					if vs[l].x <= v.x+snapTol {
						continue
					}
					if inter[pt{k, l}] {
						cells = append(cells, rawCell{
							r:          Rect{v.x, h.y, vs[l].x, hs[k].y},
							openTop:    h.synthetic,
							openBottom: hs[k].synthetic,
						})
						break search
					}
				}
			}
		}
	}
	return cells
}

// cellFillReference returns the colour of the last rectangle painted over
// a good part of r, looking at every rectangle.
func cellFillReference(r Rect, fills []fill) *Color {
	best := -1
	area := r.Area()
	if area <= 0 {
		return nil
	}
	for i, f := range fills {
		if f.r.Intersect(r).Area() >= minCover*area && (best < 0 || f.order > fills[best].order) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	c := fills[best].color
	return &c
}

// TestTextRenderAsMul checks the written-out products against matrix.mul,
// to the last bit, on matrices with zeros of both signs, NaN and infinities.
func TestTextRenderAsMul(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	specials := []float64{0, math.Copysign(0, -1), 1, -1, math.NaN(), math.Inf(1), math.Inf(-1), 1e308, 1e-310}
	num := func() float64 {
		if rng.IntN(3) == 0 {
			return specials[rng.IntN(len(specials))]
		}
		return (rng.Float64() - 0.5) * 1000
	}
	mat := func() matrix {
		var m matrix
		for i := range m {
			m[i] = num()
		}
		return m
	}
	same := func(a, b matrix) bool {
		for i := range a {
			if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
				return false
			}
		}
		return true
	}
	for range 100000 {
		a, d, rise, tx := num(), num(), num(), num()
		tm, ctm, page := mat(), mat(), mat()
		want := matrix{a, 0, 0, d, 0, rise}.mul(tm).mul(ctm).mul(page)
		if got := textRender(a, d, rise, &tm, &ctm, &page); !same(got, want) {
			t.Fatalf("textRender(%v, %v, %v, %v, %v, %v) = %v, want %v", a, d, rise, tm, ctm, page, got, want)
		}
		want = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
		if translate(&tm, tx); !same(tm, want) {
			t.Fatalf("translate by %v = %v, want %v", tx, tm, want)
		}
	}
}

// TestResourcesAsLibrary checks the resources the pages of a document
// inherit against ledongthuc/pdf's lookup.
func TestResourcesAsLibrary(t *testing.T) {
	f, err := pdffile.OpenBytes(t.Context(), inheritedResources(5), "inherited.pdf", "", pdffile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	files := []*pdffile.File{f, openSample(t, "capannori-2024.pdf")}
	for _, f := range files {
		for i, p := range f.Pages {
			for range 2 { // read, then remembered
				if got, want := f.Resources(p), p.Resources(); !reflect.DeepEqual(got.Keys(), want.Keys()) || got.Key("Font").Kind() == pdf.Null {
					t.Fatalf("page %d: resources %v, want %v", i+1, got, want)
				}
			}
		}
	}
}
