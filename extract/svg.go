package extract

import (
	"bufio"
	"fmt"
	"html"
	"io"
)

// WriteSVG draws the page as the extractor sees it: filled rectangles in
// their colours, ruling lines (synthetic ones dashed), the cells of each
// table outlined, and every text line in a box. A browser opens the result.
func (p *Page) WriteSVG(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.2f %.2f" font-family="sans-serif">`+"\n",
		p.Width*1.5, p.Height*1.5, p.Width, p.Height)
	fmt.Fprintf(bw, `<title>page %d</title>`+"\n", p.Number)
	fmt.Fprintf(bw, `<rect x="0" y="0" width="%.2f" height="%.2f" fill="white"/>`+"\n", p.Width, p.Height)
	bw.WriteString(`<g id="fills">` + "\n")
	for _, f := range p.Fills {
		fmt.Fprintf(bw, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="%s" fill-opacity="0.6"/>`+"\n",
			f.X0, f.Y0, f.W(), f.H(), f.Color.Hex())
	}
	bw.WriteString("</g>\n<g id=\"rules\" stroke=\"#333\" stroke-width=\"0.6\">\n")
	for _, r := range p.Rules {
		dash := ""
		if r.Synthetic {
			dash = ` stroke="#d00" stroke-dasharray="3 2"`
		}
		fmt.Fprintf(bw, `<line x1="%.2f" y1="%.2f" x2="%.2f" y2="%.2f"%s/>`+"\n", r.X0, r.Y0, r.X1, r.Y1, dash)
	}
	bw.WriteString("</g>\n<g id=\"tables\" fill=\"none\">\n")
	for ti, t := range p.Tables {
		fmt.Fprintf(bw, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" stroke="#06c" stroke-width="1.2"><title>table %d: %d rows</title></rect>`+"\n",
			t.X0-1, t.Y0-1, t.W()+2, t.H()+2, ti+1, len(t.Rows))
		for ri, r := range t.Rows {
			for ci, c := range r.Cells {
				fill := ""
				if c.Filled() {
					fill = " filled " + c.Fill.Hex()
				}
				fmt.Fprintf(bw, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" stroke="#0a0" stroke-width="0.4"><title>table %d row %d cell %d%s</title></rect>`+"\n",
					c.X0+0.8, c.Y0+0.8, c.W()-1.6, c.H()-1.6, ti+1, ri+1, ci+1, fill)
			}
		}
	}
	bw.WriteString("</g>\n<g id=\"text\">\n")
	var lines []TextLine
	for _, t := range p.Tables {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				lines = append(lines, c.Lines...)
			}
		}
	}
	lines = append(lines, p.Lines...)
	for _, l := range lines {
		for _, wd := range l.Words {
			fmt.Fprintf(bw, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="none" stroke="#f90" stroke-width="0.3"/>`+"\n",
				wd.X0, l.Top, wd.X1-wd.X0, l.Bottom-l.Top)
		}
		weight := "normal"
		if l.Bold {
			weight = "bold"
		}
		if len(l.Words) == 0 {
			fmt.Fprintf(bw, `<text x="%.2f" y="%.2f" font-size="%.2f" font-weight="%s">%s</text>`+"\n",
				l.X0, l.Baseline, l.Size, weight, html.EscapeString(l.Text))
			continue
		}
		for _, wd := range l.Words {
			fmt.Fprintf(bw, `<text x="%.2f" y="%.2f" font-size="%.2f" font-weight="%s" textLength="%.2f" lengthAdjust="spacingAndGlyphs">%s</text>`+"\n",
				wd.X0, l.Baseline, l.Size, weight, wd.X1-wd.X0, html.EscapeString(wd.Text))
		}
	}
	bw.WriteString("</g>\n</svg>\n")
	return bw.Flush()
}
