package extract

import (
	"math"
	"sort"
)

// snapTol is how far apart (points) two rules may lie and still be one.
const snapTol = 1.5

// joinTol is the largest gap (points) between collinear rules that are
// joined into one.
const joinTol = 2.0

type hrule struct {
	y, x0, x1 float64
	synthetic bool
}

type vrule struct {
	x, y0, y1 float64
	synthetic bool
}

// buildRules turns raw segments into snapped, joined horizontal and
// vertical rules, and closes tables that a page edge cut open. The top and
// bottom edges of a coloured band that runs from one vertical rule to
// another count as rules too: a shaded header row is told from the row
// below it even where no line was drawn between them (a row that a page
// break cut, continued under the repeated header).
func buildRules(segs []segment, fills []fill) ([]hrule, []vrule) {
	var hs []hrule
	var vs []vrule
	for _, s := range segs {
		switch {
		case math.Abs(s.y0-s.y1) <= 1 && math.Abs(s.x1-s.x0) > 1:
			hs = append(hs, hrule{y: (s.y0 + s.y1) / 2, x0: math.Min(s.x0, s.x1), x1: math.Max(s.x0, s.x1)})
		case math.Abs(s.x0-s.x1) <= 1 && math.Abs(s.y1-s.y0) > 1:
			vs = append(vs, vrule{x: (s.x0 + s.x1) / 2, y0: math.Min(s.y0, s.y1), y1: math.Max(s.y0, s.y1)})
		}
	}
	hs = joinH(hs)
	vs = joinV(vs)
	open := closeOpenEnds(hs, vs)
	hs = append(hs, open...)
	for _, b := range bandEdges(fills, vs) {
		cut := false
		for _, o := range open {
			if math.Abs(o.y-b.y) <= snapTol {
				cut = true
			}
		}
		if !cut {
			hs = append(hs, b)
		}
	}
	hs = joinH(hs)
	return hs, vs
}

func joinH(hs []hrule) []hrule {
	if len(hs) == 0 {
		return nil
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].y < hs[j].y })
	// snap y into clusters
	start := 0
	for i := 1; i <= len(hs); i++ {
		if i < len(hs) && hs[i].y-hs[i-1].y <= snapTol {
			continue
		}
		sum := 0.0
		for k := start; k < i; k++ {
			sum += hs[k].y
		}
		y := sum / float64(i-start)
		for k := start; k < i; k++ {
			hs[k].y = y
		}
		start = i
	}
	sort.Slice(hs, func(i, j int) bool {
		if hs[i].y != hs[j].y {
			return hs[i].y < hs[j].y
		}
		return hs[i].x0 < hs[j].x0
	})
	out := []hrule{hs[0]}
	for _, h := range hs[1:] {
		last := &out[len(out)-1]
		if h.y == last.y && h.x0 <= last.x1+joinTol {
			if h.x1 > last.x1 {
				last.x1 = h.x1
			}
			last.synthetic = last.synthetic && h.synthetic
			continue
		}
		out = append(out, h)
	}
	return out
}

func joinV(vs []vrule) []vrule {
	if len(vs) == 0 {
		return nil
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i].x < vs[j].x })
	start := 0
	for i := 1; i <= len(vs); i++ {
		if i < len(vs) && vs[i].x-vs[i-1].x <= snapTol {
			continue
		}
		sum := 0.0
		for k := start; k < i; k++ {
			sum += vs[k].x
		}
		x := sum / float64(i-start)
		for k := start; k < i; k++ {
			vs[k].x = x
		}
		start = i
	}
	sort.Slice(vs, func(i, j int) bool {
		if vs[i].x != vs[j].x {
			return vs[i].x < vs[j].x
		}
		return vs[i].y0 < vs[j].y0
	})
	out := []vrule{vs[0]}
	for _, v := range vs[1:] {
		last := &out[len(out)-1]
		if v.x == last.x && v.y0 <= last.y1+joinTol {
			if v.y1 > last.y1 {
				last.y1 = v.y1
			}
			continue
		}
		out = append(out, v)
	}
	return out
}

// closeOpenEnds adds a synthetic rule where two or more vertical rules end
// at the same height without a horizontal rule there: the bottom of a
// table cut by a page break, or the top of its continuation.
func closeOpenEnds(hs []hrule, vs []vrule) []hrule {
	type end struct{ y, x float64 }
	var ends []end
	covered := func(x, y float64) bool {
		for _, h := range hs {
			if math.Abs(h.y-y) <= snapTol+0.5 && x >= h.x0-joinTol && x <= h.x1+joinTol {
				return true
			}
		}
		return false
	}
	for _, v := range vs {
		if !covered(v.x, v.y0) {
			ends = append(ends, end{v.y0, v.x})
		}
		if !covered(v.x, v.y1) {
			ends = append(ends, end{v.y1, v.x})
		}
	}
	sort.Slice(ends, func(i, j int) bool { return ends[i].y < ends[j].y })
	var out []hrule
	start := 0
	for i := 1; i <= len(ends); i++ {
		if i < len(ends) && ends[i].y-ends[start].y <= snapTol {
			continue
		}
		if i-start >= 2 {
			x0, x1 := math.Inf(1), math.Inf(-1)
			for k := start; k < i; k++ {
				x0, x1 = math.Min(x0, ends[k].x), math.Max(x1, ends[k].x)
			}
			out = append(out, hrule{y: ends[start].y, x0: x0, x1: x1, synthetic: true})
		}
		start = i
	}
	return out
}

// bandEdges returns the top and bottom edges of the coloured fills whose
// left and right sides lie on vertical rules.
func bandEdges(fills []fill, vs []vrule) []hrule {
	onRule := func(x, y float64) bool {
		for _, v := range vs {
			if math.Abs(v.x-x) <= snapTol+0.5 && y >= v.y0-snapTol && y <= v.y1+snapTol {
				return true
			}
		}
		return false
	}
	var out []hrule
	for _, f := range fills {
		if f.color.IsWhite() {
			continue
		}
		r := f.r
		for _, y := range []float64{r.Y0, r.Y1} {
			if onRule(r.X0, y) && onRule(r.X1, y) {
				// Not a drawn line: where no line joins it, the cells
				// it bounds stay open on that side.
				out = append(out, hrule{y: y, x0: r.X0, x1: r.X1, synthetic: true})
			}
		}
	}
	return out
}

type rawCell struct {
	r                   Rect
	openTop, openBottom bool
}

// findCells finds the smallest ruled rectangles: for every intersection,
// the nearest intersection below and to the right that closes a rectangle
// whose four sides are ruled.
//
// The intersections are kept as a bit set, and the rules crossing each
// rule in one array, sorted along it: no allocation per intersection.
func findCells(hs []hrule, vs []vrule) []rawCell {
	const tol = joinTol
	nh, nv := len(hs), len(vs)
	if nh == 0 || nv == 0 {
		return nil
	}
	crosses := make([]uint64, (nh*nv+63)/64) // bit i*nv+j: hs[i] crosses vs[j]
	at := func(i, j int) bool { k := i*nv + j; return crosses[k>>6]&(1<<(k&63)) != 0 }
	// byH[hStart[i]:hStart[i+1]] are the vertical rules crossing hs[i],
	// byV[vStart[j]:vStart[j+1]] the horizontal rules crossing vs[j].
	hStart := make([]int, nh+1)
	vCount := make([]int, nv+1)
	n := 0
	for i, h := range hs {
		for j, v := range vs {
			if v.x >= h.x0-tol && v.x <= h.x1+tol && h.y >= v.y0-tol && h.y <= v.y1+tol {
				k := i*nv + j
				crosses[k>>6] |= 1 << (k & 63)
				n++
				vCount[j+1]++
			}
		}
		hStart[i+1] = n
	}
	byH := make([]int, n)
	byV := make([]int, n)
	vStart := vCount
	for j := 0; j < nv; j++ {
		vStart[j+1] += vStart[j]
	}
	vNext := make([]int, nv)
	copy(vNext, vStart[:nv])
	for i := 0; i < nh; i++ {
		m := hStart[i]
		for j := 0; j < nv; j++ {
			if at(i, j) {
				byH[m] = j
				m++
				byV[vNext[j]] = i
				vNext[j]++
			}
		}
	}
	for j := 0; j < nv; j++ {
		col := byV[vStart[j]:vStart[j+1]]
		sort.Slice(col, func(a, b int) bool { return hs[col[a]].y < hs[col[b]].y })
	}
	for i := 0; i < nh; i++ {
		row := byH[hStart[i]:hStart[i+1]]
		sort.Slice(row, func(a, b int) bool { return vs[row[a]].x < vs[row[b]].x })
	}
	var cells []rawCell
	for i, h := range hs {
		row := byH[hStart[i]:hStart[i+1]]
		for a, j := range row {
			v := vs[j]
			col := byV[vStart[j]:vStart[j+1]] // the horizontal rules crossing v
			right := row[a+1:]                // the vertical rules crossing h further right
		search:
			for _, k := range col {
				if !(hs[k].y > h.y+snapTol) {
					continue // not below h
				}
				for _, l := range right {
					if vs[l].x <= v.x+snapTol {
						continue
					}
					if at(k, l) {
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

type rawTable struct {
	r    Rect
	rows [][]int // cell indices per row, left to right
}

// groupTables gathers cells that share an edge or a corner into tables and
// orders their rows.
func groupTables(cells []rawCell) []rawTable {
	parent := make([]int, len(cells))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	const tol = joinTol
	touch := func(a, b Rect) bool {
		return a.X0 <= b.X1+tol && b.X0 <= a.X1+tol && a.Y0 <= b.Y1+tol && b.Y0 <= a.Y1+tol
	}
	order := make([]int, len(cells))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return cells[order[a]].r.Y0 < cells[order[b]].r.Y0 })
	for x := 0; x < len(order); x++ {
		i := order[x]
		for y := x + 1; y < len(order); y++ {
			j := order[y]
			if cells[j].r.Y0 > cells[i].r.Y1+tol {
				break
			}
			if touch(cells[i].r, cells[j].r) {
				parent[find(i)] = find(j)
			}
		}
	}
	groups := map[int][]int{}
	var roots []int
	for _, i := range order {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	var tables []rawTable
	for _, r := range roots {
		idx := groups[r]
		t := rawTable{r: cells[idx[0]].r}
		for _, i := range idx {
			c := cells[i].r
			t.r = Rect{math.Min(t.r.X0, c.X0), math.Min(t.r.Y0, c.Y0), math.Max(t.r.X1, c.X1), math.Max(t.r.Y1, c.Y1)}
		}
		sort.Slice(idx, func(a, b int) bool {
			ca, cb := cells[idx[a]].r, cells[idx[b]].r
			if math.Abs(ca.Y0-cb.Y0) > snapTol {
				return ca.Y0 < cb.Y0
			}
			return ca.X0 < cb.X0
		})
		var row []int
		for k, i := range idx {
			if k > 0 && math.Abs(cells[i].r.Y0-cells[row[0]].r.Y0) > snapTol {
				t.rows = append(t.rows, row)
				row = nil
			}
			row = append(row, i)
		}
		if len(row) > 0 {
			t.rows = append(t.rows, row)
		}
		tables = append(tables, t)
	}
	sort.SliceStable(tables, func(a, b int) bool { return tables[a].r.Y0 < tables[b].r.Y0 })
	return tables
}
