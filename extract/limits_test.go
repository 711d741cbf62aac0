package extract

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/pdftest"
	"github.com/obiettivi/obiettivi/pdffile"
)

// Past each of its limits a page fails with a *PageError that names the
// page and what was exceeded, matching ErrPageLimit.
func TestPageLimits(t *testing.T) {
	self := form("/Resources << /XObject << /Fm1 6 0 R >> >>", "/Fm1 Do")
	tests := []struct {
		name, content string
		objs          []string
		lim           Limits
		msg           string
	}{
		{"operators", strings.Repeat("q Q ", 6), nil, Limits{Operators: 10}, "page 1, byte 20: more than 10 operators on one page (the limit)"},
		{"glyphs", "BT /F1 10 Tf (AAAAAA) Tj ET", nil, Limits{Glyphs: 5}, "page 1, byte 22: more than 5 glyphs on one page (the limit)"},
		{"glyphs across strings", "BT /F1 10 Tf (AAA) Tj (AAA) Tj ET", nil, Limits{Glyphs: 5}, "page 1, byte 28: more than 5 glyphs on one page (the limit)"},
		{"bullets count as glyphs", strings.Repeat("1 0 0 1 0 10 cm "+circle+"f ", 3), nil, Limits{Glyphs: 2}, ""},
		{"string", "BT /F1 10 Tf (AAAAAA) Tj ET", nil, Limits{String: 5}, "page 1, byte 13: more than 5 bytes in one string (the limit)"},
		{"operands", "1 2 3 4 5 re", nil, Limits{Operands: 4}, "page 1, byte 8: more than 4 operands before one operator (the limit)"},
		{"path points", "0 0 10 10 re 0 0 10 10 re 0 0 10 10 re f", nil, Limits{Points: 12}, "page 1, byte 36: more than 12 path points on one page (the limit)"},
		{"fills", "10 10 100 50 re f 10 100 100 50 re f 10 200 100 50 re f", nil, Limits{Fills: 2}, "page 1, byte 54: more than 2 filled areas on one page (the limit)"},
		{"nesting", "[[[1]]] TJ", nil, Limits{Nesting: 2}, "page 1, byte 2: more than 2 nested arrays and dictionaries (the limit)"},
		{"saved states", "q q q q Q Q Q Q", nil, Limits{SaveDepth: 3}, "page 1, byte 6: more than 3 nested graphics states (q) (the limit)"},
		{"form nesting", "/Fm1 Do", []string{self}, Limits{}, "page 1, form /Fm1, byte 5: more than 12 nested form XObjects (the limit)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := withHelvetica(tt.content, "/XObject << /Fm1 6 0 R >>")
			tp.objs = append(tp.objs, tt.objs...)
			_, err := walkTest(t, tp, tt.lim)
			var pe *PageError
			if !errors.As(err, &pe) || !errors.Is(err, ErrPageLimit) || pe.Page != 1 {
				t.Fatalf("err = %v, want a *PageError of page 1 matching ErrPageLimit", err)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("message %q\nwant    %q", err, tt.msg)
			}
			if len(err.Error()) > 300 {
				t.Errorf("message of %d bytes", len(err.Error()))
			}
		})
	}
}

// A page whose tables would be built from more crossings of horizontal
// and vertical rules than the limit is refused before they are built.
func TestCrossingsLimit(t *testing.T) {
	grid := "0 G 10 10 m 110 10 l S 10 20 m 110 20 l S 10 30 m 110 30 l S 10 10 m 10 30 l S 60 10 m 60 30 l S 110 10 m 110 30 l S"
	f := testPage{content: grid}.open(t, pdffile.Limits{})
	if _, err := Read(context.Background(), f, Options{Limits: Limits{Crossings: 9}}); err != nil {
		t.Fatal(err)
	}
	_, err := Read(context.Background(), f, Options{Limits: Limits{Crossings: 8}})
	if want := "test.pdf: page 1: more than 8 crossings of horizontal and vertical rules (the limit)"; !errors.Is(err, ErrPageLimit) || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// The default limits take every page of the bundled prints.
func TestDefaultLimitsReadSamples(t *testing.T) {
	for _, name := range []string{"capannori-2024.pdf", "capannori-2024-chromium.pdf", "capannori-2025.pdf"} {
		f := openSample(t, name)
		if _, err := Read(context.Background(), f, Options{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// bigString is a page showing one string of n characters, its content
// deflated (a 5,000,000-character string takes some 10 KB).
func bigString(n int) []byte {
	content := "BT /F1 1 Tf 10 10 Td (" + strings.Repeat("a", n) + ") Tj ET"
	return pdftest.Build("%PDF-1.4",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 800] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		pdftest.Stream("/Filter /FlateDecode", pdftest.Deflate([]byte(content))),
		helvetica)
}

// allocated returns the bytes allocated while fn ran.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A page showing a 5,000,000-character string is refused within a few
// tens of megabytes: past the string limit, or, with that limit raised,
// past the glyph limit; what it costs follows the limits, not the string.
func TestBigStringMemory(t *testing.T) {
	f, err := pdffile.OpenBytes(context.Background(), bigString(5_000_000), "big.pdf", "", pdffile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		lim   Limits
		bytes uint64
	}{
		{"string limit", Limits{}, 24 << 20},
		{"glyph limit", Limits{String: 8 << 20}, 64 << 20},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocated(func() {
				_, err = Read(context.Background(), f, Options{Workers: 1, Limits: tt.lim})
			})
			if !errors.Is(err, ErrPageLimit) {
				t.Fatalf("err = %v, want ErrPageLimit", err)
			}
			t.Logf("%v; %.1f MB allocated", err, float64(n)/(1<<20))
			if n > tt.bytes {
				t.Errorf("allocated %d bytes, want at most %d", n, tt.bytes)
			}
		})
	}
}

// A page's content streams decode within the file's MaxStreamSize
// together, forms included; past it the page fails with
// pdffile.ErrStreamTooLarge, named, having allocated in proportion to
// the limit.
func TestStreamBudget(t *testing.T) {
	const limit = 4 << 20
	bomb := pdftest.Stream("/Filter [/FlateDecode /FlateDecode]", pdftest.Deflate(pdftest.ZlibZeros(4096)))
	zeros2 := pdftest.Stream("/Filter /FlateDecode", pdftest.ZlibZeros(2))
	page := func(contents string, objs ...string) []byte {
		return pdftest.Build("%PDF-1.4", append([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 800] /Resources << /XObject << /Fm1 5 0 R >> >> /Contents " + contents + " >>",
		}, objs...)...)
	}
	tests := []struct {
		name string
		pdf  []byte
		want error
		msg  string
	}{
		{"4 GiB double bomb", page("4 0 R", bomb), pdffile.ErrStreamTooLarge, "test.pdf: page 1: content larger than 4 MB after decompression"},
		{"parts add up", page("[4 0 R 4 0 R 4 0 R]", zeros2), pdffile.ErrStreamTooLarge, "test.pdf: page 1: content larger than 4 MB after decompression"},
		{"parts within the limit", page("[4 0 R]", zeros2), nil, ""},
		{"forms count", page("4 0 R", pdftest.Stream("", []byte("/Fm1 Do /Fm1 Do /Fm1 Do")), form("/Filter /FlateDecode", string(pdftest.ZlibZeros(2)))), pdffile.ErrStreamTooLarge, "test.pdf: page 1: form /Fm1: content larger than 4 MB after decompression"},
		{"corrupt deflate", page("4 0 R", pdftest.Stream("/Filter /FlateDecode", []byte("not deflate at all"))), pdffile.ErrDamaged, "test.pdf: page 1: truncated or damaged PDF: compressed stream: not zlib data"},
		{"image filter", page("4 0 R", pdftest.Stream("/Filter /DCTDecode", []byte("xx"))), pdffile.ErrUnsupported, "test.pdf: page 1: unsupported PDF feature: image data (/DCTDecode) where text was expected"},
		{"contents not a stream", page("[4 0 R 9 0 R]", pdftest.Stream("", []byte("q Q"))), pdffile.ErrDamaged, "test.pdf: page 1: truncated or damaged PDF: a content stream of the page is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := pdffile.OpenBytes(context.Background(), tt.pdf, "test.pdf", "", pdffile.Limits{MaxStreamSize: limit})
			if err != nil {
				t.Fatal(err)
			}
			n := allocated(func() { _, err = Read(context.Background(), f, Options{Workers: 1}) })
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var pe *PageError
			if !errors.As(err, &pe) || !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want a *PageError matching %v", err, tt.want)
			}
			if err.Error() != tt.msg {
				t.Errorf("message %q\nwant    %q", err, tt.msg)
			}
			if n > 6*limit {
				t.Errorf("allocated %d bytes (limit %d)", n, limit)
			}
		})
	}
}

// A panic of the PDF library on an object it cannot read becomes a page
// error that keeps the library's error for errors.As, out of the message.
func TestDamagedObjectError(t *testing.T) {
	err := &PageError{Page: 3, Offset: -1, Err: &damaged{what: "an object of the page cannot be read", err: errors.New("malformed PDF: raw bytes here")}}
	if got, want := err.Error(), "page 3: truncated or damaged PDF: an object of the page cannot be read"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	if !errors.Is(err, pdffile.ErrDamaged) || errors.Unwrap(errors.Unwrap(err)) == nil {
		t.Error("the error does not match ErrDamaged or lost its cause")
	}
}
