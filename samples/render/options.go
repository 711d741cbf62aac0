package render

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Fonts the printer can use. The core fonts are the PDF standard-14 fonts,
// written without embedding and encoded in WinAnsi (Windows-1252); DejaVu
// Sans is a TrueType font embedded as a subset with Unicode text.
const (
	FontHelvetica = "helvetica"
	FontTimes     = "times"
	FontCourier   = "courier"
	FontDejaVu    = "dejavu"
)

// Page sizes the printer knows.
var pageSizes = map[string]string{
	"a3":     "A3",
	"a4":     "A4",
	"a5":     "A5",
	"letter": "Letter",
	"legal":  "Legal",
}

// DescriptionStyle chooses how the "Descrizione" cell prints the
// description HTML.
type DescriptionStyle int

const (
	// DescriptionAuto prints a description that is one plain paragraph as
	// its text, a description holding a list as formatted text, and any
	// other description as its HTML source.
	DescriptionAuto DescriptionStyle = iota
	// DescriptionSource prints the HTML source literally (`<p>…</p>`).
	DescriptionSource
	// DescriptionFormatted prints paragraphs as blocks of text and list
	// items with bullets or numbers, indented by nesting level.
	DescriptionFormatted
)

// ParseDescriptionStyle reads "auto", "source" or "formatted".
func ParseDescriptionStyle(s string) (DescriptionStyle, error) {
	switch strings.ToLower(s) {
	case "", "auto":
		return DescriptionAuto, nil
	case "source", "html":
		return DescriptionSource, nil
	case "formatted", "text":
		return DescriptionFormatted, nil
	}
	return 0, fmt.Errorf("unknown description style %q (want auto, source or formatted)", s)
}

// BulletStyle chooses how list bullets are drawn.
type BulletStyle int

const (
	// BulletGlyph prints the bullet character "•".
	BulletGlyph BulletStyle = iota
	// BulletDisc draws a filled disc.
	BulletDisc
	// BulletDiscRing draws a filled disc and a stroked ring over it: two
	// overlapping shapes for one marker, as some HTML engines draw them.
	BulletDiscRing
)

// ParseBulletStyle reads "glyph", "disc" or "disc-ring".
func ParseBulletStyle(s string) (BulletStyle, error) {
	switch strings.ToLower(s) {
	case "", "glyph":
		return BulletGlyph, nil
	case "disc":
		return BulletDisc, nil
	case "disc-ring":
		return BulletDiscRing, nil
	}
	return 0, fmt.Errorf("unknown bullet style %q (want glyph, disc or disc-ring)", s)
}

// Margins are page margins in millimetres. A zero side takes the default.
type Margins struct {
	Top, Right, Bottom, Left float64
}

// Colors are the fills of the report. A zero Color takes the default.
type Colors struct {
	Unit    Color // unit heading row
	Header  Color // table header rows
	Label   Color // label column of key/value tables
	Planned Color // Cronoprogramma "Previsto" months
	Actual  Color // Cronoprogramma "Consuntivo" months
}

// ColorSpace is the PDF colour space a fill is written in.
type ColorSpace int

// Colour spaces; the zero value means "not set".
const (
	SpaceGray ColorSpace = iota + 1
	SpaceRGB
	SpaceCMYK
)

// Color is a fill colour with components in 0..1.
type Color struct {
	Space ColorSpace
	C     [4]float64
}

// RGB returns an RGB colour from 0..255 components.
func RGB(r, g, b uint8) Color {
	return Color{Space: SpaceRGB, C: [4]float64{float64(r) / 255, float64(g) / 255, float64(b) / 255}}
}

// Gray returns a DeviceGray colour, 0 black to 1 white.
func Gray(v float64) Color { return Color{Space: SpaceGray, C: [4]float64{v}} }

// CMYK returns a DeviceCMYK colour from 0..1 components.
func CMYK(c, m, y, k float64) Color { return Color{Space: SpaceCMYK, C: [4]float64{c, m, y, k}} }

// IsZero reports whether c is unset.
func (c Color) IsZero() bool { return c.Space == 0 }

// fillOp is the content-stream operator that sets c as the fill colour.
func (c Color) fillOp() string {
	switch c.Space {
	case SpaceGray:
		return fmt.Sprintf("%.3f g", c.C[0])
	case SpaceCMYK:
		return fmt.Sprintf("%.3f %.3f %.3f %.3f k", c.C[0], c.C[1], c.C[2], c.C[3])
	default:
		return fmt.Sprintf("%.3f %.3f %.3f rg", c.C[0], c.C[1], c.C[2])
	}
}

// Palettes name sets of fills for the command line.
var palettes = map[string]Colors{
	"rgb": {
		Unit:    RGB(220, 230, 241),
		Header:  RGB(217, 217, 217),
		Label:   RGB(236, 236, 236),
		Planned: RGB(155, 194, 230),
		Actual:  RGB(112, 173, 71),
	},
	"gray": {
		Unit:    Gray(0.86),
		Header:  Gray(0.85),
		Label:   Gray(0.93),
		Planned: Gray(0.65),
		Actual:  Gray(0.40),
	},
	"cmyk": {
		Unit:    CMYK(0.10, 0.04, 0, 0.05),
		Header:  Gray(0.85),
		Label:   Gray(0.93),
		Planned: CMYK(0.33, 0.16, 0, 0.10),
		Actual:  CMYK(0.35, 0, 0.59, 0.32),
	},
}

// Palette returns the named set of fills: "rgb" (the default), "gray", or
// "cmyk" (month cells and unit headings in DeviceCMYK).
func Palette(name string) (Colors, error) {
	c, ok := palettes[strings.ToLower(name)]
	if !ok {
		return Colors{}, fmt.Errorf("unknown palette %q (want rgb, gray or cmyk)", name)
	}
	return c, nil
}

// Options vary how a plan is printed: everything here is something an
// extractor must not depend on.
type Options struct {
	// PageSize is "A4" (default), "A3", "A5", "Letter" or "Legal".
	PageSize string
	// Landscape turns the pages sideways.
	Landscape bool
	// Margins in millimetres; zero sides are 15 mm.
	Margins Margins
	// Font is FontHelvetica (default), FontTimes, FontCourier or FontDejaVu.
	Font string
	// FontDir holds DejaVuSans.ttf and DejaVuSans-Bold.ttf for FontDejaVu;
	// empty searches the usual system font directories.
	FontDir string
	// FontSize is the body text size in points; zero is 9.
	FontSize float64
	// Colors are the fills; zero fields take the "rgb" palette.
	Colors Colors
	// Description chooses how descriptions are printed.
	Description DescriptionStyle
	// PlainContinuation leaves the label cell empty where a description
	// continues on the next page, instead of repeating "Descrizione".
	PlainContinuation bool
	// NoRepeatHeader prints a table's header row only where the table
	// starts, not again on the pages it continues on.
	NoRepeatHeader bool
	// NoRules prints no ruling lines at all: no cell borders and no rules
	// under the running header or over the footer. Cell backgrounds (unit
	// headings, labels, header rows, month cells) are painted as usual.
	NoRules bool
	// BreakRows lets a table row break where the page ends, between two of
	// its lines, as producers whose rows may break across pages do (office
	// suites, some HTML engines): a label cell may end one page and go on
	// at the top of the next ("Valutazione" | "obiettivo"), and a data row
	// goes on under its repeated header, its one-line cells (the dates)
	// left on the page before. Nothing is kept together: an objective's
	// title and weight, or a unit's heading and heads, may be parted by a
	// page break too.
	BreakRows bool
	// KeyWidth, when positive, is the share of the text width the label
	// column of key/value tables takes (default 0.22); a narrow one wraps
	// the labels ("Valutazione" over "obiettivo").
	KeyWidth float64
	// GridSliver, when positive, is the height in mm of a sliver of a
	// month-grid row that does not fit on the page, drawn under the last
	// row printed (its column rules and month fills, no text), the row
	// being printed whole on the next page: what producers that slice rows
	// at the page bottom print.
	GridSliver float64
	// Bullets chooses how list bullets are drawn.
	Bullets BulletStyle
	// IndexNameWidth, when positive, is the share of the text width an
	// Indice name wraps in (default: all but the page number and leaders).
	IndexNameWidth float64
	// IndexNumberRise moves each Indice page number this many mm above the
	// baseline of its line (below when negative), as producers that set
	// the numbers in a cell or a font of their own do.
	IndexNumberRise float64
	// IndexNumberFirst prints the page number of a wrapped Indice name on
	// its first line rather than its last.
	IndexNumberFirst bool
	// Uncompressed writes page content streams without Flate compression.
	Uncompressed bool
	// PrintedOn is the date in the footer ("Stampato il"); zero is 15 March
	// of the plan year.
	PrintedOn time.Time
	// FileName is recorded as source.file in the printed plan.
	FileName string
}

// settings are Options with defaults applied and values checked.
type settings struct {
	Options
	size    string
	fontTTF [2][]byte // regular, bold (FontDejaVu only)
}

func (o Options) resolve() (*settings, error) {
	s := &settings{Options: o}
	if s.PageSize == "" {
		s.PageSize = "A4"
	}
	size, ok := pageSizes[strings.ToLower(s.PageSize)]
	if !ok {
		return nil, fmt.Errorf("unknown page size %q (want A4, A3, A5, Letter or Legal)", s.PageSize)
	}
	s.size = size
	m := &s.Margins
	for _, side := range []*float64{&m.Top, &m.Right, &m.Bottom, &m.Left} {
		if *side < 0 {
			return nil, fmt.Errorf("negative margin %.1f mm", *side)
		}
		if *side == 0 {
			*side = 15
		}
	}
	if s.GridSliver < 0 || s.IndexNameWidth < 0 || s.IndexNameWidth > 1 || s.KeyWidth < 0 || s.KeyWidth > 0.5 {
		return nil, fmt.Errorf("grid sliver %.2f mm, key width %.2f or Indice name width %.2f out of range", s.GridSliver, s.KeyWidth, s.IndexNameWidth)
	}
	if s.FontSize == 0 {
		s.FontSize = 9
	}
	if s.FontSize < 5 || s.FontSize > 16 {
		return nil, fmt.Errorf("font size %.1f pt out of range 5..16", s.FontSize)
	}
	if s.Font == "" {
		s.Font = FontHelvetica
	}
	s.Font = strings.ToLower(s.Font)
	switch s.Font {
	case FontHelvetica, FontTimes, FontCourier:
	case FontDejaVu:
		dir, ok := FindDejaVu(s.FontDir)
		if !ok {
			where := s.FontDir
			if where == "" {
				where = strings.Join(fontDirs, ", ")
			}
			return nil, fmt.Errorf("font dejavu: %s and %s not found in %s", dejaVuFiles[0], dejaVuFiles[1], where)
		}
		for i, name := range dejaVuFiles {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				return nil, fmt.Errorf("font dejavu: %w", err)
			}
			s.fontTTF[i] = b
		}
	default:
		return nil, fmt.Errorf("unknown font %q (want helvetica, times, courier or dejavu)", s.Font)
	}
	def := palettes["rgb"]
	for _, p := range []struct{ c, d *Color }{
		{&s.Colors.Unit, &def.Unit}, {&s.Colors.Header, &def.Header}, {&s.Colors.Label, &def.Label},
		{&s.Colors.Planned, &def.Planned}, {&s.Colors.Actual, &def.Actual},
	} {
		if p.c.IsZero() {
			*p.c = *p.d
		}
	}
	return s, nil
}

// dejaVuFiles are the regular and bold faces of DejaVu Sans.
var dejaVuFiles = [2]string{"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}

// fontDirs are where FindDejaVu looks when no directory is given.
var fontDirs = []string{
	"/usr/share/fonts/truetype/dejavu",
	"/usr/share/fonts/dejavu",
	"/usr/share/fonts/TTF",
	"/usr/local/share/fonts",
	"/Library/Fonts",
}

// FindDejaVu returns the directory holding the DejaVu Sans faces: dir if
// it holds them, or, when dir is empty, the first system font directory
// that does.
func FindDejaVu(dir string) (string, bool) {
	dirs := fontDirs
	if dir != "" {
		dirs = []string{dir}
	}
	for _, d := range dirs {
		ok := true
		for _, name := range dejaVuFiles {
			if _, err := os.Stat(filepath.Join(d, name)); err != nil {
				ok = false
				break
			}
		}
		if ok {
			return d, true
		}
	}
	return "", false
}
