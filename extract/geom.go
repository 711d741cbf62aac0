package extract

import "math"

// matrix is a PDF transformation matrix [a b c d e f]:
// x' = a*x + c*y + e, y' = b*x + d*y + f.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m followed by n (m applied first).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// scaleX is the length of the unit x vector under m.
func (m matrix) scaleX() float64 { return math.Hypot(m[0], m[1]) }

// scaleY is the length of the unit y vector under m.
func (m matrix) scaleY() float64 { return math.Hypot(m[2], m[3]) }

// Rect is an axis-aligned rectangle in page space: points, origin at the
// top-left corner of the page as it is displayed, y growing downwards.
type Rect struct {
	X0, Y0, X1, Y1 float64
}

// W is the width of r.
func (r Rect) W() float64 { return r.X1 - r.X0 }

// H is the height of r.
func (r Rect) H() float64 { return r.Y1 - r.Y0 }

// Area is the area of r.
func (r Rect) Area() float64 { return r.W() * r.H() }

// Intersect returns the overlap of r and s (possibly empty).
func (r Rect) Intersect(s Rect) Rect {
	o := Rect{math.Max(r.X0, s.X0), math.Max(r.Y0, s.Y0), math.Min(r.X1, s.X1), math.Min(r.Y1, s.Y1)}
	if o.X1 < o.X0 {
		o.X1 = o.X0
	}
	if o.Y1 < o.Y0 {
		o.Y1 = o.Y0
	}
	return o
}

// Contains reports whether the point (x, y) lies in r, with tolerance tol.
func (r Rect) Contains(x, y, tol float64) bool {
	return x >= r.X0-tol && x <= r.X1+tol && y >= r.Y0-tol && y <= r.Y1+tol
}

// Color is a colour normalised to RGB components in [0, 1].
type Color struct {
	R, G, B float64
	// Pattern is set for pattern and unknown colour spaces, whose colour
	// cannot be told.
	Pattern bool
}

// IsWhite reports whether c is white or nearly so (paper colour).
func (c Color) IsWhite() bool {
	return !c.Pattern && c.R >= 0.95 && c.G >= 0.95 && c.B >= 0.95
}

// Hex is c as #rrggbb.
func (c Color) Hex() string {
	if c.Pattern {
		return "#808080"
	}
	h := func(v float64) int { return int(math.Round(math.Max(0, math.Min(1, v)) * 255)) }
	const digits = "0123456789abcdef"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, v := range []int{h(c.R), h(c.G), h(c.B)} {
		b[1+2*i] = digits[v>>4]
		b[2+2*i] = digits[v&15]
	}
	return string(b)
}

func gray(g float64) Color { return Color{g, g, g, false} }

func cmyk(c, m, y, k float64) Color {
	return Color{(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k), false}
}

var black = gray(0)
