package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/obiettivi/obiettivi/plan"
)

const ptToMM = 25.4 / 72

// canvas is the page being printed: the fpdf document, the cursor and the
// text measures. A dry canvas lays pages out without drawing anything, to
// learn where things fall before the real pass.
type canvas struct {
	pdf *fpdf.Fpdf
	dry bool
	s   *settings

	family string
	utf8   bool
	curB   bool
	curSz  float64

	k            float64 // points per mm
	pageW, pageH float64
	left, width  float64 // content box, horizontally
	top, bottom  float64 // content box, vertically
	pad, vpad    float64 // cell padding

	page  int
	y     float64
	total int // pages in the document, when known

	// decorate draws the running header and footer of a new page.
	decorate func(c *canvas)

	err      error
	warnings []string
	cuts     Cuts
}

func newCanvas(s *settings, dry bool) (*canvas, error) {
	orient := "P"
	if s.Landscape {
		orient = "L"
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orient, UnitStr: "mm", SizeStr: s.size})
	c := &canvas{pdf: pdf, dry: dry, s: s}
	switch s.Font {
	case FontDejaVu:
		pdf.AddUTF8FontFromBytes("DejaVuSans", "", s.fontTTF[0])
		pdf.AddUTF8FontFromBytes("DejaVuSans", "B", s.fontTTF[1])
		c.family, c.utf8 = "DejaVuSans", true
	case FontTimes:
		c.family = "Times"
	case FontCourier:
		c.family = "Courier"
	default:
		c.family = "Helvetica"
	}
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(s.Margins.Left, s.Margins.Top, s.Margins.Right)
	pdf.SetCellMargin(0)
	pdf.SetLineWidth(0.2)
	pdf.SetDrawColor(64, 64, 64)
	pdf.SetCompression(!s.Uncompressed)
	c.k = pdf.GetConversionRatio()
	c.pageW, c.pageH = pdf.GetPageSize()
	c.left = s.Margins.Left
	c.width = c.pageW - s.Margins.Left - s.Margins.Right
	// The running header takes the top band, the footer the bottom band.
	band := 2.2 * s.FontSize * ptToMM
	c.top = s.Margins.Top + band
	c.bottom = c.pageH - s.Margins.Bottom - band
	c.pad = 0.3 * s.FontSize * ptToMM * 1.6
	c.vpad = 0.25 * s.FontSize * ptToMM * 1.4
	c.setFont(false, s.FontSize)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("font %s: %w", s.Font, err)
	}
	if c.bottom-c.top < 60 {
		return nil, fmt.Errorf("page %s with these margins leaves %.0f mm of height, too little to print on", s.size, c.bottom-c.top)
	}
	return c, nil
}

// lineH is the line height in mm of text set at size points.
func lineH(size float64) float64 { return size * 1.22 * ptToMM }

func (c *canvas) setFont(bold bool, size float64) {
	if bold == c.curB && size == c.curSz {
		return
	}
	style := ""
	if bold {
		style = "B"
	}
	c.pdf.SetFont(c.family, style, size)
	c.curB, c.curSz = bold, size
}

// enc turns s into what fpdf prints with the current font: UTF-8 for an
// embedded font, Windows-1252 bytes for a core font. A character the core
// fonts cannot print is an error, since the printed text would not be the
// plan's.
func (c *canvas) enc(s string) string {
	if c.utf8 {
		return s
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		e, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			if c.err == nil {
				c.err = fmt.Errorf("character %q (U+%04X) in %q cannot be printed in the core font %s (WinAnsi); use the dejavu font", r, r, s, c.family)
			}
			e = '?'
		}
		b = append(b, e)
	}
	return string(b)
}

// textWidth is the width in mm of s in the current font.
func (c *canvas) textWidth(s string) float64 { return c.pdf.GetStringWidth(c.enc(s)) }

// widthAt is the width in mm of s in the given face.
func (c *canvas) widthAt(s string, bold bool, size float64) float64 {
	c.setFont(bold, size)
	return c.textWidth(s)
}

// wrap breaks text into lines no wider than w mm in the given face. Text is
// whitespace-collapsed first. Lines break between words; a word that ends
// in a hyphen keeps the next word on its line, so that a line never ends in
// an in-word hyphen unless a word was broken there, and so does a lone
// dash. A word wider than w is
// broken after one of its hyphens where possible, otherwise at the last
// character that fits, which is noted in the warnings because the text read
// back will then hold a space that is not in the plan.
func (c *canvas) wrap(text string, w float64, bold bool, size float64) []string {
	text = collapse(text)
	if text == "" {
		return nil
	}
	c.setFont(bold, size)
	words := strings.Split(text, " ")
	units := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		u := words[i]
		for keepsNext(words[i]) && i+1 < len(words) {
			i++
			u += " " + words[i]
		}
		units = append(units, u)
	}
	space := c.textWidth(" ")
	var lines []string
	var cur strings.Builder
	curW := 0.0
	for _, u := range units {
		uw := c.textWidth(u)
		if cur.Len() > 0 && curW+space+uw <= w {
			cur.WriteByte(' ')
			cur.WriteString(u)
			curW += space + uw
			continue
		}
		if cur.Len() > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		for uw > w {
			head, tail := c.breakUnit(u, w)
			lines = append(lines, head)
			u = tail
			uw = c.textWidth(u)
		}
		cur.WriteString(u)
		curW = uw
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// breakUnit splits u, wider than w, into a head that fits and the rest.
func (c *canvas) breakUnit(u string, w float64) (head, tail string) {
	rs := []rune(u)
	best, lossy := 0, true
	for i := 1; i < len(rs); i++ {
		if c.textWidth(string(rs[:i])) > w {
			break
		}
		switch {
		case rs[i-1] == '-' && i >= 2 && isWordRune(rs[i-2]) && rs[i] != ' ':
			best, lossy = i, false
		case rs[i] == ' ':
			best, lossy = i, true
		case lossy:
			best = i
		}
	}
	if best == 0 {
		best = 1
	}
	head = strings.TrimRight(string(rs[:best]), " ")
	tail = strings.TrimLeft(string(rs[best:]), " ")
	if lossy {
		c.warnings = append(c.warnings, fmt.Sprintf("%q is wider than its cell and was broken after %q", u, head))
	}
	return head, tail
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// collapse is plan.Canon, quicker on text that is already in NFC or
// already collapsed, as most cells are.
func collapse(s string) string {
	if !norm.NFC.IsNormalString(s) {
		return plan.Canon(s)
	}
	prevSpace := true
	for _, r := range s {
		if r == ' ' {
			if prevSpace {
				return strings.Join(strings.Fields(s), " ")
			}
			prevSpace = true
			continue
		}
		if unicode.IsSpace(r) {
			return strings.Join(strings.Fields(s), " ")
		}
		prevSpace = false
	}
	if prevSpace && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// keepsNext reports whether a line must not break after word w: after a
// word ending in a hyphen, which would read as a word broken across lines,
// and after a lone dash, which would end a line dangling.
func keepsNext(w string) bool {
	return endsInWordHyphen(w) || w == "-" || w == "–" || w == "—"
}

// endsInWordHyphen reports whether w ends in a hyphen that follows a letter
// or digit, like a word broken at the end of a line.
func endsInWordHyphen(w string) bool {
	r, n := utf8.DecodeLastRuneInString(w)
	if r != '-' {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(w[:len(w)-n])
	return isWordRune(p)
}

// newPage starts a page with its running header and footer.
func (c *canvas) newPage(decorated bool) {
	c.page++
	c.y = c.top
	if c.dry {
		return
	}
	c.pdf.AddPage()
	if decorated && c.decorate != nil {
		c.decorate(c)
	}
}

// fill paints the rectangle in col.
func (c *canvas) fill(x, y, w, h float64, col Color) {
	if c.dry || col.IsZero() {
		return
	}
	c.pdf.RawWriteStr(fmt.Sprintf("q %s %.2f %.2f %.2f %.2f re f Q",
		col.fillOp(), x*c.k, (c.pageH-y)*c.k, w*c.k, -h*c.k))
}

// frame strokes the rectangle's border.
func (c *canvas) frame(x, y, w, h float64) {
	if c.dry || c.s.NoRules {
		return
	}
	c.pdf.Rect(x, y, w, h, "D")
}

// text prints s with its baseline at y.
func (c *canvas) text(x, y float64, s string, bold bool, size float64) {
	if c.dry || s == "" {
		return
	}
	c.setFont(bold, size)
	c.pdf.Text(x, y, c.enc(s))
}

// hline draws a thin horizontal rule.
func (c *canvas) hline(x1, x2, y float64) {
	if c.dry || c.s.NoRules {
		return
	}
	c.pdf.Line(x1, y, x2, y)
}

// bullet draws a list bullet as shapes, in the style of the options, for
// the line whose baseline is at y; x is where the marker starts.
func (c *canvas) bullet(x, y, size float64) {
	if c.dry {
		return
	}
	em := size * ptToMM
	r := em / 6
	cx, cy := x+r, y-0.3*em
	c.pdf.SetFillColor(0, 0, 0)
	c.pdf.Circle(cx, cy, r, "F")
	if c.s.Bullets == BulletDiscRing {
		c.pdf.SetLineWidth(0.1)
		c.pdf.SetDrawColor(0, 0, 0)
		c.pdf.Circle(cx, cy, r*0.95, "D")
		c.pdf.SetLineWidth(0.2)
		c.pdf.SetDrawColor(64, 64, 64)
	}
}

// vline draws a thin vertical rule.
func (c *canvas) vline(x, y1, y2 float64) {
	if c.dry || c.s.NoRules {
		return
	}
	c.pdf.Line(x, y1, x, y2)
}
