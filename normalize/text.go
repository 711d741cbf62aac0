package normalize

import (
	"math"
	"sort"
	"strings"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/richtext"
)

// richLines turns a cell's printed lines into the lines the description
// builder reads: text, indent from the cell's left text edge, and extra
// space above beyond the usual line pitch.
func richLines(c extract.Cell) []richtext.Line {
	if len(c.Lines) == 0 {
		return nil
	}
	minX := math.Inf(1)
	for _, l := range c.Lines {
		minX = math.Min(minX, l.X0)
	}
	pitch := linePitch(c.Lines)
	out := make([]richtext.Line, 0, len(c.Lines))
	for i, l := range c.Lines {
		rl := richtext.Line{Text: l.Text, Indent: l.X0 - minX, Size: l.Size}
		if i > 0 && pitch > 0 {
			if gap := l.Baseline - c.Lines[i-1].Baseline - pitch; gap > paragraphPitch*pitch {
				rl.Gap = gap
			}
		}
		out = append(out, rl)
	}
	return out
}

// linePitch is the usual distance between consecutive baselines.
func linePitch(lines []extract.TextLine) float64 {
	if len(lines) < 2 {
		return 0
	}
	ds := make([]float64, 0, len(lines)-1)
	for i := 1; i < len(lines); i++ {
		ds = append(ds, lines[i].Baseline-lines[i-1].Baseline)
	}
	// the lower median: of two distances, one may be a paragraph's gap
	sort.Float64s(ds)
	return ds[(len(ds)-1)/2]
}

// cellText is the cell's text with whitespace collapsed.
func cellText(c extract.Cell) string {
	switch len(c.Lines) {
	case 0:
		return ""
	case 1:
		return plan.Collapse(c.Lines[0].Text)
	}
	// Lines each collapsed and not empty are joined by one space, as
	// collapsing the lines joined by newlines would.
	n := 0
	for _, l := range c.Lines {
		if l.Text == "" || plan.Collapse(l.Text) != l.Text {
			return plan.Collapse(c.Text())
		}
		n += len(l.Text) + 1
	}
	var b strings.Builder
	b.Grow(n - 1)
	for i, l := range c.Lines {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l.Text)
	}
	return b.String()
}

// joinLines is the cell's text with its wrapped lines joined.
func joinLines(c extract.Cell) string {
	if len(c.Lines) == 0 {
		return ""
	}
	ls := make([]string, len(c.Lines))
	for i, l := range c.Lines {
		ls[i] = l.Text
	}
	return richtext.JoinLines(ls)
}

// valueText joins the value cells of a key/value row.
func valueText(cells []extract.Cell) string {
	var parts []string
	for _, c := range cells {
		if t := joinLines(c); t != "" {
			parts = append(parts, t)
		}
	}
	return plan.Collapse(strings.Join(parts, " "))
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// hasRowText reports whether any cell of r holds text.
func hasRowText(r row) bool {
	for _, c := range r.cells {
		for _, l := range c.Lines {
			if strings.TrimSpace(l.Text) != "" {
				return true
			}
		}
	}
	return false
}

// rowHeight is the height of the row's tallest cell.
func rowHeight(r row) float64 {
	h := 0.0
	for _, c := range r.cells {
		h = math.Max(h, c.Y1-c.Y0)
	}
	return h
}

// rowBottom is where the row's lowest cell ends.
func rowBottom(r row) float64 {
	y := math.Inf(-1)
	for _, c := range r.cells {
		y = math.Max(y, c.Y1)
	}
	return y
}

// textSize is the largest size of the row's text.
func textSize(r row) float64 {
	s := 0.0
	for _, c := range r.cells {
		for _, l := range c.Lines {
			s = math.Max(s, l.Size)
		}
	}
	return s
}

// medianSize is the median size of lines.
func medianSize(lines []extract.TextLine) float64 {
	if len(lines) == 0 {
		return 0
	}
	s := make([]float64, len(lines))
	for i, l := range lines {
		s[i] = l.Size
	}
	sort.Float64s(s)
	return s[len(s)/2]
}
