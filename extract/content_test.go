package extract

import (
	"errors"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/pdftest"
	"github.com/obiettivi/obiettivi/pdffile"
)

// Every colour operator and colour space family, read as the colour of a
// filled rectangle.
func TestColourOperators(t *testing.T) {
	tint := "<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 1 0 0] /N 1 >>"
	tests := []struct {
		name, content, spaces string
		objs                  []string
		want                  string
	}{
		{"g", "0.25 g", "", nil, "#404040"},
		{"rg", "1 0 0 rg", "", nil, "#ff0000"},
		{"k", "0.4 0.2 0 0 k", "", nil, "#99ccff"},
		{"cs DeviceRGB, sc", "/DeviceRGB cs 0 1 0 sc", "", nil, "#00ff00"},
		{"cs DeviceGray, scn", "/DeviceGray cs 0.25 scn", "", nil, "#404040"},
		{"cs abbreviated", "/RGB cs 0 0 1 sc", "", nil, "#0000ff"},
		{"cs sets the initial colour", "1 0 0 rg /DeviceCMYK cs", "", nil, "#000000"},
		{"ICCBased with 3 components", "/CS0 cs 0.2 0.4 0.6 scn", "/CS0 [/ICCBased 6 0 R]", []string{pdftest.Stream("/N 3", nil)}, "#336699"},
		{"ICCBased with 1 component", "/CS0 cs 0.25 scn", "/CS0 [/ICCBased 6 0 R]", []string{pdftest.Stream("/N 1", nil)}, "#404040"},
		{"ICCBased with 4 components", "/CS0 cs 0 1 0 0 scn", "/CS0 [/ICCBased 6 0 R]", []string{pdftest.Stream("/N 4", nil)}, "#ff00ff"},
		{"ICCBased by its alternate", "/CS0 cs 0 0 1 scn", "/CS0 [/ICCBased 6 0 R]", []string{pdftest.Stream("/N 2 /Alternate /DeviceRGB", nil)}, "#0000ff"},
		{"named device space", "/CS0 cs 1 1 0 sc", "/CS0 /DeviceRGB", nil, "#ffff00"},
		{"CalRGB", "/CS0 cs 1 1 0 sc", "/CS0 [/CalRGB << /WhitePoint [0.95 1 1.09] >>]", nil, "#ffff00"},
		{"CalGray", "/CS0 cs 0.25 sc", "/CS0 [/CalGray << /WhitePoint [0.95 1 1.09] >>]", nil, "#404040"},
		{"Lab read as RGB", "/CS0 cs 1 0 0 sc", "/CS0 [/Lab << /WhitePoint [0.95 1 1.09] >>]", nil, "#ff0000"},
		{"Separation tint", "/CS0 cs 0.75 scn", "/CS0 [/Separation /Spot /DeviceCMYK 6 0 R]", []string{tint}, "#404040"},
		{"DeviceN, the darkest tint", "/CS0 cs 0.2 0.75 scn", "/CS0 [/DeviceN [/Cyan /Magenta] /DeviceCMYK 6 0 R]", []string{tint}, "#404040"},
		{"Pattern", "/Pattern cs /P0 scn", "", nil, "pattern"},
		{"pattern with components", "/CS0 cs 0.1 0.2 0.3 /P0 scn", "/CS0 [/Pattern /DeviceRGB]", nil, "pattern"},
		{"unknown space", "/Nope cs 0.1 0.2 0.3 scn", "", nil, "pattern"},
		{"Indexed is not told", "/CS0 cs 1 sc", "/CS0 [/Indexed /DeviceRGB 1 <000000ffffff>]", nil, "pattern"},
		{"non-numbers skipped", "/DeviceRGB cs 0.2 /x 0.4 0.6 sc", "", nil, "#336699"},
		{"too few components", "/DeviceRGB cs 0.5 sc", "", nil, "pattern"},
		{"Q restores", "0.25 g q 1 0 0 rg Q", "", nil, "#404040"},
		{"stroke colour is not the fill", "0.25 g 1 0 0 RG /DeviceRGB CS 0 1 0 SC", "", nil, "#404040"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := testPage{content: tt.content + " 10 10 100 50 re f", objs: append([]string{helvetica}, tt.objs...)}
			if tt.spaces != "" {
				tp.resources = "/ColorSpace << " + tt.spaces + " >>"
			}
			wk := mustWalk(t, tp)
			if len(wk.fills) != 1 {
				t.Fatalf("fills: %s", fillsText(wk.fills))
			}
			got := wk.fills[0].color.Hex()
			if wk.fills[0].color.Pattern {
				got = "pattern"
			}
			if got != tt.want {
				t.Errorf("colour %s, want %s", got, tt.want)
			}
		})
	}
}

// Stroking colour operators decide whether a stroked line is a rule: a
// white one is not.
func TestStrokeColourOperators(t *testing.T) {
	sep := "/ColorSpace << /CS0 [/Separation /Spot /DeviceGray << /FunctionType 2 /Domain [0 1] /C0 [1] /C1 [0] /N 1 >>] /CS1 [/ICCBased 5 0 R] >>"
	tests := []struct {
		content string
		rule    bool
	}{
		{"0 G", true},
		{"1 G", false},
		{"1 1 1 RG", false},
		{"0.5 0 0 RG", true},
		{"0 0 0 0 K", false},
		{"0 0 0 1 K", true},
		{"/DeviceGray CS 1 SC", false},
		{"/DeviceGray CS", true},
		{"/CS0 CS 0 SCN", false},
		{"/CS0 CS 1 SCN", true},
		{"/CS1 CS 1 1 1 SCN", false},
		{"/CS1 CS 0.2 0.2 0.2 SCN", true},
		{"1 G q 0 G Q", false},
	}
	for _, tt := range tests {
		t.Run(tt.content, func(t *testing.T) {
			wk := mustWalk(t, testPage{content: tt.content + " 10 10 m 110 10 l S", resources: sep, objs: []string{pdftest.Stream("/N 3", nil)}})
			if got := len(wk.segs) == 1; got != tt.rule {
				t.Errorf("rule = %v, want %v (%s)", got, tt.rule, segsText(wk.segs))
			}
		})
	}
}

// Path construction and painting operators, under the CTM and clipping
// paths, read as ruling lines and filled rectangles in page space (y down
// from the top of the 800-point page).
func TestPathOperators(t *testing.T) {
	rect4 := "10,790-110,790 110,790-110,740 110,740-10,740 10,740-10,790"
	tests := []struct {
		name, content string
		segs, fills   string
	}{
		{"line", "10 10 m 110 10 l S", "10,790-110,790", ""},
		{"vertical line", "10 10 m 10 110 l S", "10,790-10,690", ""},
		{"diagonal is no rule", "10 10 m 110 60 l S", "", ""},
		{"two subpaths", "10 10 m 110 10 l 10 20 m 110 20 l S", "10,790-110,790 10,780-110,780", ""},
		{"lineto without moveto", "10 10 l 110 10 l S", "10,790-110,790", ""},
		{"re stroked", "10 10 100 50 re S", rect4, ""},
		{"re filled", "10 10 100 50 re f", "", "10,740-110,790#000000"},
		{"re with negative size", "110 60 -100 -50 re f", "", "10,740-110,790#000000"},
		{"F and f*", "10 10 100 50 re F 10 100 100 50 re f*", "", "10,740-110,790#000000 10,650-110,700#000000"},
		{"thin re is a rule", "10 10 100 1 re f", "10,789.5-110,789.5", ""},
		{"thin vertical re is a rule", "10 10 1 100 re f", "10.5,690-10.5,790", ""},
		{"white thin re is nothing", "1 g 10 10 100 1 re f", "", ""},
		{"dot is nothing", "10 10 1 1 re f", "", ""},
		{"curve c", "10 10 m 50 10 l 60 10 70 20 80 30 c S", "10,790-50,790", ""},
		{"curve v", "10 10 m 50 10 l 70 20 80 30 v S", "10,790-50,790", ""},
		{"curve y", "10 10 m 50 10 l 60 10 80 30 y S", "10,790-50,790", ""},
		{"h closes", "10 10 m 110 10 l 110 60 l 10 60 l h S", rect4, ""},
		{"s closes and strokes", "10 10 m 110 10 l 110 60 l 10 60 l s", rect4, ""},
		{"B fills and strokes", "10 10 100 50 re B", rect4, "10,740-110,790#000000"},
		{"B*", "10 10 100 50 re B*", rect4, "10,740-110,790#000000"},
		{"b closes, fills, strokes", "10 10 m 110 10 l 110 60 l 10 60 l b", rect4, "10,740-110,790#000000"},
		{"b*", "10 10 m 110 10 l 110 60 l 10 60 l b*", rect4, "10,740-110,790#000000"},
		{"n paints nothing", "10 10 100 50 re n 10 10 m 110 10 l n", "", ""},
		{"a painted path is gone", "10 10 100 50 re f S", "", "10,740-110,790#000000"},
		{"rounded background", "10 10 m 100 10 l 110 10 110 20 110 20 c 110 60 l 10 60 l h f", "", "10,740-110,790#000000"},
		{"mitred border polygon", "10 10 m 110 10 l 109 11 l 11 11 l h f", "10,789.5-110,789.5", ""},
		{"cm scales and moves", "2 0 0 2 10 10 cm 0 0 20 20 re f", "", "10,750-50,790#000000"},
		{"cm composes", "1 0 0 1 10 0 cm 2 0 0 1 0 0 cm 0 0 10 10 re f", "", "10,790-30,800#000000"},
		{"cm needs six operands", "2 0 0 2 10 cm 0 0 20 20 re f", "", "0,780-20,800#000000"},
		{"Q restores the CTM", "q 2 0 0 2 0 0 cm Q 0 0 20 20 re f", "", "0,780-20,800#000000"},
		{"clip W n", "20 20 50 50 re W n 0 0 400 800 re f", "", "20,730-70,780#000000"},
		{"clip W*", "20 20 50 50 re W* n 0 0 400 800 re f", "", "20,730-70,780#000000"},
		{"clips intersect", "20 20 50 50 re W n 40 40 50 50 re W n 0 0 400 800 re f", "", "40,730-70,760#000000"},
		{"clip after painting", "20 20 50 50 re W f 0 0 400 800 re f", "", "20,730-70,780#000000 20,730-70,780#000000"},
		{"Q restores the clip", "q 20 20 50 50 re W n Q 0 0 400 400 re f", "", "0,400-400,800#000000"},
		{"clip cuts rules", "20 20 50 50 re W n 0 30 m 400 30 l S", "19.5,770-70.5,770", ""},
		{"rule outside the clip", "20 20 50 50 re W n 0 300 m 400 300 l S", "", ""},
		{"fill outside the clip", "20 20 50 50 re W n 200 200 50 50 re f", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wk := mustWalk(t, testPage{content: tt.content})
			if got := segsText(wk.segs); got != tt.segs {
				t.Errorf("rules %q, want %q", got, tt.segs)
			}
			if got := fillsText(wk.fills); got != tt.fills {
				t.Errorf("fills %q, want %q", got, tt.fills)
			}
		})
	}
}

// The line width is scaled by the CTM.
func TestLineWidth(t *testing.T) {
	wk := mustWalk(t, testPage{content: "2 w 3 0 0 3 0 0 cm 10 10 m 30 10 l S"})
	if len(wk.segs) != 1 || wk.segs[0].width != 6 {
		t.Fatalf("segments %+v, want one 6 points wide", wk.segs)
	}
}

// A circle of radius 2 drawn with four Bézier curves around (50, 50).
const circle = "52 50 m 52 51.1 51.1 52 50 52 c 48.9 52 48 51.1 48 50 c 48 48.9 48.9 48 50 48 c 51.1 48 52 48.9 52 50 c "

// Small round and square marks are bullets; two shapes painted at the
// same place (a disc and a ring, a path filled and stroked) are one.
func TestBulletShapes(t *testing.T) {
	const at = "@48-52/753.24:12"
	tests := []struct {
		name, content, want string
	}{
		{"disc", circle + "f", "•" + at},
		{"ring", circle + "S", "◦" + at},
		{"square", "48 48 4 4 re f", "▪" + at},
		{"disc and ring", circle + "f " + circle + "S", "•" + at},
		{"ring and disc", circle + "S " + circle + "f", "•" + at},
		{"filled and stroked", circle + "B", "•" + at},
		{"disc and a larger ring", circle + "f 53 50 m 53 51.7 51.7 53 50 53 c 48.3 53 47 51.7 47 50 c 47 48.3 48.3 47 50 47 c 51.7 47 53 48.3 53 50 c S", "•@47-53/754.86:18"},
		{"square and its outline", "48 48 4 4 re f 48 48 4 4 re S", "▪" + at},
		{"two discs apart", circle + "f 1 0 0 1 0 -20 cm " + circle + "f", "•" + at + " •@48-52/773.24:12"},
		{"white disc is a fill", "1 g " + circle + "f", ""},
		{"too large", "10 0 0 10 -450 -450 cm " + circle + "f", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wk := mustWalk(t, testPage{content: tt.content})
			if got := glyphsText(wk.glyphs); got != tt.want {
				t.Errorf("glyphs %q, want %q", got, tt.want)
			}
		})
	}
}

// Text state and positioning operators, read as glyph boxes: Helvetica
// at 10 points, A and B 6.67 wide, C 7.22, a space 2.78.
func TestTextOperators(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"Tj", "100 700 Td (AB) Tj", "A@100-106.67/100 B@106.67-113.34/100"},
		{"Tc", "2 Tc 100 700 Td (AB) Tj", "A@100-106.67/100 B@108.67-115.34/100"},
		{"Tw on a space", "5 Tw 100 700 Td (A B) Tj", "A@100-106.67/100  @106.67-109.45/100 B@114.45-121.12/100"},
		{"Tw only on code 32", "5 Tw 100 700 Td (AB) Tj", "A@100-106.67/100 B@106.67-113.34/100"},
		{"Tz", "200 Tz 100 700 Td (AB) Tj", "A@100-113.34/100 B@113.34-126.68/100"},
		{"TL and T*", "14 TL 100 700 Td (A) Tj T* (B) Tj", "A@100-106.67/100 B@100-106.67/114"},
		{"Ts", "3 Ts 100 700 Td (A) Tj", "A@100-106.67/97"},
		{"Td moves from the line start", "100 700 Td (AB) Tj 0 -20 Td (C) Tj", "A@100-106.67/100 B@106.67-113.34/100 C@100-107.22/120"},
		{"TD sets the leading", "100 700 Td 0 -20 TD (A) Tj T* (B) Tj", "A@100-106.67/120 B@100-106.67/140"},
		{"Tm", "1 0 0 1 50 600 Tm (A) Tj", "A@50-56.67/200"},
		{"Tm scales", "2 0 0 2 50 600 Tm (A) Tj", "A@50-63.34/200:20"},
		{"Tm replaces", "100 700 Td 1 0 0 1 50 600 Tm (A) Tj", "A@50-56.67/200"},
		{"Tm rotated", "0 1 -1 0 100 700 Tm (A) Tj", "A@100-100/100(rotated)"},
		{"quote", "14 TL 100 700 Td (A) '", "A@100-106.67/114"},
		{"double quote", "14 TL 100 700 Td 5 2 (A B) \"", "A@100-106.67/114  @108.67-111.45/114 B@118.45-125.12/114"},
		{"TJ with kerning", "100 700 Td [(A) -1000 (B) 500 (C)] TJ", "A@100-106.67/100 B@116.67-123.34/100 C@118.34-125.56/100"},
		{"TJ under Tz", "50 Tz 100 700 Td [(A) -2000 (B)] TJ", "A@100-103.34/100 B@113.34-116.67/100"},
		{"hex string", "100 700 Td <4142> Tj", "A@100-106.67/100 B@106.67-113.34/100"},
		{"escapes", `100 700 Td (\101\(B) Tj`, "A@100-106.67/100 (@106.67-110/100 B@110-116.67/100"},
		{"BT resets the matrices", "100 700 Td (A) Tj ET BT (B) Tj", "A@100-106.67/100 B@0-6.67/800"},
		{"text under the CTM", "ET 2 0 0 2 0 0 cm BT /F1 10 Tf 50 350 Td (A) Tj", "A@100-113.34/100:20"},
		{"Q restores the font", "ET q BT /F1 20 Tf ET Q BT 100 700 Td (A) Tj", "A@100-106.67/100"},
		{"text outside the clip", "ET 0 0 50 50 re W n BT /F1 10 Tf 100 700 Td (A) Tj", ""},
		{"Tj needs a string", "100 700 Td 5 Tj /A Tj", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wk := mustWalk(t, withHelvetica("BT /F1 10 Tf "+tt.content+" ET"))
			if got := glyphsText(wk.glyphs); got != tt.want {
				t.Errorf("glyphs %q\nwant   %q", got, tt.want)
			}
		})
	}
}

// Text shown without a font selected shows nothing.
func TestTextWithoutFont(t *testing.T) {
	wk := mustWalk(t, withHelvetica("BT 100 700 Td (A) Tj ET"))
	if len(wk.glyphs) != 0 {
		t.Errorf("glyphs %s", glyphsText(wk.glyphs))
	}
}

// form is a form XObject with the given dictionary entries and content.
func form(dict, content string) string {
	return pdftest.Stream("/Type /XObject /Subtype /Form /BBox [0 0 1000 1000] "+dict, []byte(content))
}

// Form XObjects are painted under their /Matrix and the CTM of their Do,
// forms within forms too, with their own resources or the page's.
func TestFormXObjects(t *testing.T) {
	text := "BT /F1 10 Tf 0 0 Td (A) Tj ET"
	res := "/Resources << /Font << /F1 5 0 R >> >>"
	tests := []struct {
		name, content string
		objs          []string
		want          string
	}{
		{"form with a matrix", "q 1 0 0 1 100 700 cm /Fm1 Do Q", []string{form("/Matrix [1 0 0 1 50 0] "+res, text)}, "A@150-156.67/100"},
		{"form using the page's fonts", "q 1 0 0 1 100 700 cm /Fm1 Do Q", []string{form("", text)}, "A@100-106.67/100"},
		{"form in a form", "q 1 0 0 1 100 700 cm /Fm1 Do Q", []string{
			form("/Matrix [1 0 0 1 50 0] /Resources << /XObject << /Fm2 7 0 R >> /Font << /F1 5 0 R >> >>", "/Fm2 Do "+text),
			form("/Matrix [2 0 0 2 0 -10] "+res, "BT /F1 10 Tf (B) Tj ET")},
			"B@150-163.34/110:20 A@150-156.67/100"},
		{"form state is its own", "q 1 0 0 1 100 700 cm /Fm1 Do BT /F1 10 Tf (C) Tj ET Q", []string{form(res, "2 0 0 2 0 0 cm 5 Tc "+text)}, "A@100-113.34/100:20 C@100-107.22/100"},
		{"image XObject paints nothing", "/Im1 Do", []string{pdftest.Stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray", []byte{0})}, ""},
		{"unknown XObject", "/Nope Do", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := withHelvetica(tt.content, "/XObject << /Fm1 6 0 R /Im1 6 0 R >>")
			tp.objs = append(tp.objs, tt.objs...)
			wk := mustWalk(t, tp)
			if got := glyphsText(wk.glyphs); got != tt.want {
				t.Errorf("glyphs %q\nwant   %q", got, tt.want)
			}
		})
	}
}

// Operators that change nothing the walker records are read and passed
// over: marked content, Type 3 glyph metrics, shadings, line styles,
// graphics state dictionaries, compatibility sections, unknown operators.
func TestIgnoredOperators(t *testing.T) {
	ops := []string{
		"/Span << /MCID 0 /ActualText (x) /Nested << /A [1 2] >> >> BDC EMC",
		"/Artifact BMC EMC",
		"/P0 /Props BDC EMC",
		"/Tag MP /Tag << /K 1 >> DP /Tag /Props DP",
		"0 0 d0 0 0 0 0 10 10 d1",
		"/Sh0 sh",
		"/GS0 gs",
		"[3 2] 0 d 1 j 1 J 10 M /Perceptual ri 1 i",
		"BX /Foo 1 2 zz EX",
		"3 Tr 0 Tr",
		"foo bar 1 2 3 baz",
		"{ }",
	}
	for _, op := range ops {
		t.Run(op, func(t *testing.T) {
			wk := mustWalk(t, withHelvetica(op+" BT /F1 10 Tf 100 700 Td (A) Tj ET 10 10 100 50 re f"))
			if got := glyphsText(wk.glyphs); got != "A@100-106.67/100" {
				t.Errorf("glyphs %q", got)
			}
			if got := fillsText(wk.fills); got != "10,740-110,790#000000" {
				t.Errorf("fills %q", got)
			}
		})
	}
}

// A page whose /Contents is an array reads as its streams joined by white
// space.
func TestContentsArray(t *testing.T) {
	data := pdftest.Build("%PDF-1.4",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 800] /Resources << /Font << /F1 5 0 R >> >> /Contents [4 0 R 6 0 R 7 0 R] >>",
		pdftest.Stream("", []byte("BT /F1 10 Tf 100 700 Td (A) Tj")),
		helvetica,
		pdftest.Stream("/Filter /FlateDecode", pdftest.Deflate([]byte("(B) Tj 0 -20 Td"))),
		pdftest.Stream("", []byte("(C) Tj ET")))
	f, err := pdffile.OpenBytes(t.Context(), data, "test.pdf", "", pdffile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	wk, _, _, err := walkPage(t.Context(), f, f.Pages[0], 1, newDocCache(f), DefaultLimits(), &scratch{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := glyphsText(wk.glyphs), "A@100-106.67/100 B@106.67-113.34/100 C@100-107.22/120"; got != want {
		t.Errorf("glyphs %q, want %q", got, want)
	}
}

// A page without /Contents is blank; one whose content is lost, or is not
// a stream, had content that cannot be read: the page fails.
func TestContentsLost(t *testing.T) {
	for _, tc := range []struct {
		name, contents string
		extra          []string
		lost           bool
	}{
		{"none", "", nil, false},
		{"empty array", "/Contents []", nil, false},
		{"a reference to no object", "/Contents 9 0 R", nil, true},
		{"a dictionary", "/Contents << /Length 5 >>", nil, true},
		{"a string", "/Contents (BT ET)", nil, true},
		{"a part lost", "/Contents [5 0 R 9 0 R]", []string{pdftest.Stream("", []byte("BT ET"))}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			objs := append([]string{
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 800] " + tc.contents + " >>",
				"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
			}, tc.extra...)
			f, err := pdffile.OpenBytes(t.Context(), pdftest.Build("%PDF-1.4", objs...), "test.pdf", "", pdffile.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			_, _, _, err = walkPage(t.Context(), f, f.Pages[0], 1, newDocCache(f), DefaultLimits(), &scratch{})
			var pe *PageError
			switch {
			case !tc.lost && err != nil:
				t.Errorf("a blank page fails: %v", err)
			case tc.lost && (!errors.As(err, &pe) || pe.Page != 1 || !errors.Is(err, pdffile.ErrDamaged)):
				t.Errorf("err = %v, want a damaged page 1", err)
			}
		})
	}
}

// Content that does not parse fails the page with its position.
func TestMalformedContent(t *testing.T) {
	tests := []struct {
		name, content string
		objs          []string
		form          string
		off           int64
		msg           string
	}{
		{"stray parenthesis", "BT /F1 10 Tf (A) Tj ) ET", nil, "", 20, "page 1, byte 20: malformed content: unexpected ')'"},
		{"bad hex string", "BT /F1 10 Tf <41zz> Tj ET", nil, "", 16, "page 1, byte 16: malformed content: invalid character in a hexadecimal string"},
		{"unterminated string", "BT /F1 10 Tf (" + strings.Repeat("A line of a report\n", 200), nil, "", 13, "page 1, byte 13: malformed content: string without its end"},
		{"in a form", "q /Fm1 Do Q", []string{form("", "0 0 m >")}, "Fm1", 6, "page 1, form /Fm1, byte 6: malformed content: unexpected '>'"},
		{"inline image without its end", "BI /W 4 /H 4 /BPC 8 /CS /G /F /DCT ID \xff\xd8\xff garbage", nil, "", 0, "page 1, byte 0: malformed content: inline image without its end (EI)"},
		{"inline image without data", "BI /W 4 /H 4 Q", nil, "", 0, "page 1, byte 0: malformed content: inline image without its data (ID)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := withHelvetica(tt.content, "/XObject << /Fm1 6 0 R >>")
			tp.objs = append(tp.objs, tt.objs...)
			_, err := walkTest(t, tp, Limits{})
			var pe *PageError
			if !errors.As(err, &pe) || !errors.Is(err, ErrContent) {
				t.Fatalf("err = %v, want a *PageError matching ErrContent", err)
			}
			if pe.Page != 1 || pe.Form != tt.form || pe.Offset != tt.off || err.Error() != tt.msg {
				t.Errorf("error %q (page %d, form %q, offset %d)\nwant  %q", err, pe.Page, pe.Form, pe.Offset, tt.msg)
			}
		})
	}
}

// A form XObject whose stream cannot be decoded fails the page, naming
// the form.
func TestFormStreamErrors(t *testing.T) {
	tests := []struct {
		name, obj string
		want      error
	}{
		{"corrupt flate", pdftest.Stream("/Type /XObject /Subtype /Form /Filter /FlateDecode", []byte("not deflate")), pdffile.ErrDamaged},
		{"image filter", pdftest.Stream("/Type /XObject /Subtype /Form /Filter /DCTDecode", []byte("xx")), pdffile.ErrUnsupported},
		{"not a stream", "<< /Type /XObject /Subtype /Form >>", pdffile.ErrDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := withHelvetica("/Fm1 Do", "/XObject << /Fm1 6 0 R >>", tt.obj)
			_, err := walkTest(t, tp, Limits{})
			var pe *PageError
			if !errors.As(err, &pe) || !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want a *PageError matching %v", err, tt.want)
			}
			if pe.Form != "Fm1" || pe.Offset != -1 || !strings.HasPrefix(err.Error(), "page 1, form /Fm1: ") || len(err.Error()) > 300 {
				t.Errorf("message %q", err)
			}
		})
	}
}

// The page's boxes and rotation, its own or inherited from the page tree,
// set the page space glyphs are placed in: the page as displayed.
func TestPageBoxes(t *testing.T) {
	tests := []struct {
		name, node, page string
		w, h             float64
		want             string
	}{
		{"media box", "", "/MediaBox [0 0 400 800]", 400, 800, "A@100-106.67/100"},
		{"crop box", "", "/MediaBox [0 0 400 800] /CropBox [50 50 350 750]", 300, 700, "A@50-56.67/50"},
		{"corners swapped", "", "/MediaBox [400 800 0 0]", 400, 800, "A@100-106.67/100"},
		{"rotated 90", "", "/MediaBox [0 0 400 800] /Rotate 90", 800, 400, "A@700-700/100(rotated)"},
		{"rotated 180", "", "/MediaBox [0 0 400 800] /Rotate 180", 400, 800, "A@293.33-300/700(rotated)"},
		{"rotated 270", "", "/MediaBox [0 0 400 800] /Rotate 270", 800, 400, "A@100-100/300(rotated)"},
		{"rotated -90", "", "/MediaBox [0 0 400 800] /Rotate -90", 800, 400, "A@100-100/300(rotated)"},
		{"inherited", "/MediaBox [0 0 400 800] /Rotate 90", "", 800, 400, "A@700-700/100(rotated)"},
		{"own over inherited", "/MediaBox [0 0 100 100] /Rotate 90", "/MediaBox [0 0 400 800] /Rotate 0", 400, 800, "A@100-106.67/100"},
		{"no box", "", "", 612, 792, "A@100-106.67/92"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := pdftest.Build("%PDF-1.4",
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 "+tt.node+" >>",
				"<< /Type /Page /Parent 2 0 R "+tt.page+" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
				pdftest.Stream("", []byte("BT /F1 10 Tf 100 700 Td (A) Tj ET")),
				helvetica,
				"<< /Type /Page /Parent 2 0 R "+tt.page+" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
			f, err := pdffile.OpenBytes(t.Context(), data, "test.pdf", "", pdffile.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			doc := newDocCache(f)
			for i, p := range f.Pages { // the second page reads the cached node
				wk, w, h, err := walkPage(t.Context(), f, p, i+1, doc, DefaultLimits(), &scratch{})
				if err != nil {
					t.Fatal(err)
				}
				if w != tt.w || h != tt.h {
					t.Errorf("page %d is %vx%v, want %vx%v", i+1, w, h, tt.w, tt.h)
				}
				if got := glyphsText(wk.glyphs); got != tt.want {
					t.Errorf("page %d: glyphs %q, want %q", i+1, got, tt.want)
				}
			}
		})
	}
}
