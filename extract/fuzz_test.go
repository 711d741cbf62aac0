package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode"

	"github.com/obiettivi/obiettivi/internal/pdftest"
	"github.com/obiettivi/obiettivi/pdffile"
)

// fuzzSeeds are content streams the fuzz targets start from, beside the
// decoded pages of the samples and testdata/fuzz.
var fuzzSeeds = []string{
	"q 0.85 g 50 742 300 30 re f Q 0 G 0.5 w 50 772 m 350 772 l S BT /F1 10 Tf 55 750 Td (Persona) Tj [(R) -20 (uolo)] TJ ET",
	"/CS0 cs 0.2 0.4 0.6 scn 10 10 100 50 re f /CS1 CS 0.5 SCN 0 0 m 10 0 l S /Pattern cs /P0 scn",
	"q 20 20 50 50 re W n 0 0 400 800 re f Q " + circle + "f " + circle + "S",
	"BT /F1 10 Tf 2 Tc 5 Tw 200 Tz 14 TL 3 Ts 100 700 Td 0 -20 TD 1 0 0 1 50 600 Tm T* (A B) ' 5 2 (C) \" ET",
	"q 1 0 0 1 100 700 cm /Fm1 Do /Im1 Do Q /Span << /MCID 0 >> BDC EMC /Sh0 sh /GS0 gs 0 0 d0",
	"q 40 0 0 20 520 805 cm BI /W 16 /H 8 /BPC 8 /CS /RGB ID " + string(imageBytes(384)) + "\nEI Q",
	"BI /W 4 /H 4 /F /DCT ID \xff\xd8 EI x EI\nQ BI /F /Fl /W 1 /H 1 ID x\x9c EI",
	"(a\\(b\\)\\101\\\n) Tj <41 4> Tj /a#20b Tf [[1 2] << /K [1] >>] TJ % comment\n{ } ]",
}

// fuzzPage opens the page whose resources the fuzzed content uses: a
// font, colour spaces, a form and an image.
func fuzzPage(tb testing.TB) *pdffile.File {
	tp := withHelvetica("", "/ColorSpace << /CS0 [/ICCBased 6 0 R] /CS1 [/Separation /S /DeviceGray 7 0 R] >> /XObject << /Fm1 8 0 R /Im1 9 0 R >>",
		pdftest.Stream("/N 3", nil),
		"<< /FunctionType 2 /Domain [0 1] /C0 [1] /C1 [0] /N 1 >>",
		form("/Matrix [1 0 0 1 5 5] /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 8 0 R >> >>", "BT /F1 9 Tf (form) Tj ET 0 0 5 5 re f"),
		pdftest.Stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray", []byte{0}))
	return tp.open(tb, pdffile.Limits{MaxStreamSize: 16 << 20})
}

// addSampleSeeds adds the decoded content of some pages of each sample.
func addSampleSeeds(f *testing.F) {
	for _, name := range []string{"capannori-2024.pdf", "capannori-2024-chromium.pdf", "capannori-2025.pdf"} {
		pf := openSample(f, name)
		for i := 0; i < len(pf.Pages); i += 25 {
			data, err := pf.Stream(pf.Pages[i].V.Key("Contents"))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
}

// checkError checks what an error of the interpreter must be: one short
// line, of a known kind.
func checkError(t *testing.T, err error) {
	t.Helper()
	msg := err.Error()
	if len(msg) > 300 || strings.ContainsFunc(msg, func(r rune) bool { return r == unicode.ReplacementChar || unicode.IsControl(r) }) {
		t.Fatalf("message %q", msg)
	}
	for _, kind := range []error{ErrContent, ErrPageLimit, pdffile.ErrStreamTooLarge, pdffile.ErrDamaged, pdffile.ErrUnsupported} {
		if errors.Is(err, kind) {
			return
		}
	}
	t.Fatalf("error of no known kind: %v", err)
}

// FuzzContent interprets arbitrary bytes as a page's content, forms and
// inline images included, and lays the marks out: no panic, no runaway,
// errors short and typed, every limit kept.
func FuzzContent(f *testing.F) {
	addSampleSeeds(f)
	pf := fuzzPage(f)
	page := pf.Pages[0]
	lim := Limits{Operators: 20000, Glyphs: 5000, String: 4096, Operands: 2000, Points: 20000, Fills: 2000, Crossings: 20000, Nesting: 16, SaveDepth: 64, FormDepth: 4}.withDefaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		sc := &scratch{detail: true}
		wk := &walker{ctx: context.Background(), file: pf, doc: newDocCache(pf), lim: lim, num: 1,
			page: matrix{1, 0, 0, -1, 0, 800}, budget: 16 << 20, maxStream: 16 << 20, search: maxSearch, sc: sc}
		err := wk.run(data, page.Resources(), initialState(), "")
		if err != nil {
			var pe *PageError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is no *PageError", err)
			}
			if pe.Offset > int64(len(data)) && pe.Form == "" {
				t.Fatalf("offset %d past the content's %d bytes", pe.Offset, len(data))
			}
			checkError(t, err)
			return
		}
		if wk.shown > lim.Glyphs || len(wk.glyphs) > lim.Glyphs || wk.points > lim.Points || wk.ops > lim.Operators {
			t.Fatalf("limits passed: %d glyphs, %d points, %d operators", len(wk.glyphs), wk.points, wk.ops)
		}
		hs, vs := buildRules(wk.segs, wk.fills)
		if len(hs)*len(vs) <= lim.Crossings {
			layout(1, 400, 800, wk.glyphs, hs, vs, wk.fills, sc)
		}
	})
}

// FuzzLex reads arbitrary bytes as operators and operands, inline images
// included: no panic, progress on every token, operand structure and
// string lengths within their limits, errors positioned inside the data.
func FuzzLex(f *testing.F) {
	addSampleSeeds(f)
	lim := Limits{String: 64, Operands: 256, Nesting: 8}.withDefaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		l := newLexer(&lim)
		l.reset(data)
		budget, search := int64(1<<20), int64(maxSearch)
		for last := -1; ; {
			op, err := l.next()
			if err != nil {
				var le *lexError
				if !errors.As(err, &le) || le.off < 0 || le.off > len(data) {
					t.Fatalf("error %v not positioned in the data", err)
				}
				return
			}
			if op == nil {
				return
			}
			if l.pos <= last || l.pos > len(data) {
				t.Fatalf("position %d after %d", l.pos, last)
			}
			last = l.pos
			for i, o := range l.stk {
				if len(o.b) > lim.String {
					t.Fatalf("operand of %d bytes", len(o.b))
				}
				if (o.kind == kArray || o.kind == kDict) && (int(o.end) <= i || int(o.end) > len(l.stk)) {
					t.Fatalf("element %d ends at %d of %d", i, o.end, len(l.stk))
				}
				if o.kind == kDict {
					// Keys and values alternate, every key a name.
					el := l.stk[i+1 : o.end]
					n := 0
					for j := 0; j < len(el); j = skip(el, j, int32(i+1)) {
						if n%2 == 0 && el[j].kind != kName {
							t.Fatalf("dictionary %d: key %d is no name", i, n)
						}
						n++
					}
					if n%2 != 0 {
						t.Fatalf("dictionary %d has %d elements", i, n)
					}
				}
			}
			if string(op) == "BI" {
				if err := l.inlineImage(nil, &budget, &search); err != nil {
					return
				}
				last = l.pos - 1
			}
		}
	})
}
