package pdffile

import (
	"bytes"
	"compress/lzw"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/pdftest"
)

// zlibZeros returns a zlib stream that inflates to n MiB of zero bytes,
// about 1 KiB per MiB: one compressed MiB repeated (its back-references
// only ever reach zeros), then an empty final block and the checksum.
var zlibZeros = pdftest.ZlibZeros

func TestZlibZeros(t *testing.T) {
	data := zlibZeros(3)
	f, err := openBytes(t, onePage("", stream("/Filter /FlateDecode", data)), "", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rd := f.Pages[0].V.Key("Contents").Reader()
	var n int
	buf := make([]byte, 1<<16)
	for {
		m, err := rd.Read(buf)
		n += m
		if bytes.ContainsFunc(buf[:m], func(r rune) bool { return r != 0 }) {
			t.Fatal("non-zero byte")
		}
		if err != nil {
			break
		}
	}
	if n != 3<<20 {
		t.Fatalf("inflated to %d bytes, want %d", n, 3<<20)
	}
}

func TestCheckStreamSize(t *testing.T) {
	hello := []byte(helloContent)
	bomb1G := zlibZeros(1024)
	bomb4G := deflate(zlibZeros(4096)) // inflates twice: 4 GiB from a few KiB

	tests := []struct {
		name string
		pdf  []byte
		lim  Limits
		want error // nil: the page passes
	}{
		{"plain", onePage("", stream("", hello)), Limits{}, nil},
		{"deflated", onePage("", stream("/Filter /FlateDecode", deflate(hello))), Limits{}, nil},
		{"array of contents", onePage("", "[6 0 R 7 0 R]", stream("", hello), stream("/Filter /FlateDecode", deflate(hello))), Limits{}, nil},
		{"no contents", onePage("", "null"), Limits{}, nil},
		// Content streams are measured by Stream as they are decoded.
		{"content bomb left to Stream", onePage("", stream("/Filter /FlateDecode", bomb1G)), Limits{}, nil},
		{"ToUnicode bomb", tounicodeBomb(stream("/Filter /FlateDecode", bomb1G)), Limits{}, ErrStreamTooLarge},
		{"ToUnicode double bomb", tounicodeBomb(stream("/Filter [/FlateDecode /FlateDecode]", bomb4G)), Limits{}, ErrStreamTooLarge},
		{"ToUnicode bomb in a repaired file", append(tounicodeBomb(stream("/Filter /FlateDecode", bomb1G)), "junk after the end\n"...), Limits{}, ErrStreamTooLarge},
		{"ToUnicode over a lower limit", tounicodeBomb(stream("/Filter /FlateDecode", zlibZeros(3))), Limits{MaxStreamSize: 2 << 20}, ErrStreamTooLarge},
		{"ToUnicode within a lower limit", tounicodeBomb(stream("/Filter /FlateDecode", zlibZeros(1))), Limits{MaxStreamSize: 2 << 20}, nil},
		{"corrupt ToUnicode", tounicodeBomb(stream("/Filter /FlateDecode", []byte("not deflate at all"))), Limits{}, ErrDamaged},
		{"LZW ToUnicode", tounicodeBomb(stream("/Filter /LZWDecode", lzwEncode(hello))), Limits{}, nil},
		{"corrupt LZW ToUnicode", tounicodeBomb(stream("/Filter /LZWDecode", hello)), Limits{}, ErrDamaged},
		{"ToUnicode in an image filter", tounicodeBomb(stream("/Filter /DCTDecode", hello)), Limits{}, ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := openBytes(t, tt.pdf, "", tt.lim)
			if err != nil {
				t.Fatal(err)
			}
			if want := tt.name == "bomb in a repaired file"; f.Repaired != want {
				t.Errorf("Repaired = %v, want %v", f.Repaired, want)
			}
			err = f.CheckStreamSize(f.Pages[0])
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "test.pdf: page 1: ") {
				t.Errorf("message %q does not name file and page", err)
			}
		})
	}
}

func TestCheckStreamSizeMessage(t *testing.T) {
	f, err := openBytes(t, tounicodeBomb(stream("/Filter /FlateDecode", zlibZeros(3))), "", Limits{MaxStreamSize: 2 << 20})
	if err != nil {
		t.Fatal(err)
	}
	err = f.CheckStreamSize(f.Pages[0])
	const want = "test.pdf: page 1: font F1: ToUnicode map larger than 2 MB after decompression"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
}

// bigContent is a content stream that does not compress to a few bytes.
var bigContent = func() []byte {
	var b bytes.Buffer
	for i := range 2000 {
		fmt.Fprintf(&b, "BT /F1 9 Tf %d %d Td (Obiettivo %d) Tj ET\n", i%500, i*7%800, i*i)
	}
	return b.Bytes()
}()

func wrongChecksum(z []byte) []byte {
	z = bytes.Clone(z)
	z[len(z)-1] ^= 0xff
	return z
}

func lzwEncode(data []byte) []byte {
	var b bytes.Buffer
	w := lzw.NewWriter(&b, lzw.MSB, 8)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// tounicodeBomb is a one-page document whose font's ToUnicode map is the
// stream object tu.
func tounicodeBomb(tu string) []byte {
	return buildPDF("%PDF-1.4",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream("", []byte(helloContent)),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
		tu)
}

// TestCheckStreamSizeMemory checks that a ToUnicode bomb is refused in
// bounded memory: what CheckStreamSize allocates is far below what the
// stream inflates to, and below the limit itself.
func TestCheckStreamSizeMemory(t *testing.T) {
	f, err := openBytes(t, tounicodeBomb(stream("/Filter [/FlateDecode /FlateDecode]", deflate(zlibZeros(4096)))), "", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err = f.CheckStreamSize(f.Pages[0])
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrStreamTooLarge) {
		t.Fatalf("err = %v, want ErrStreamTooLarge", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("allocated %d bytes to refuse a bomb", alloc)
	}
}

// TestStreamBombs decodes content streams that inflate past the limit:
// refused with ErrStreamTooLarge, having allocated in proportion to the
// limit, never to what the stream inflates to (up to 4 GiB). Buffers grow
// by doubling: the last is at most twice the limit, the ones it outgrew
// as much again.
func TestStreamBombs(t *testing.T) {
	const limit = 2 << 20
	for _, tt := range []struct {
		name, filter string
		data         []byte
	}{
		{"flate", "/FlateDecode", zlibZeros(64)},
		{"double flate", "[/FlateDecode /FlateDecode]", deflate(zlibZeros(4096))},
		{"flate with a predictor", "/FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>", zlibZeros(64)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := openBytes(t, onePage("", stream("/Filter "+tt.filter, tt.data)), "", Limits{MaxStreamSize: limit})
			if err != nil {
				t.Fatal(err)
			}
			c := f.Pages[0].V.Key("Contents")
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err = f.Stream(c)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrStreamTooLarge) {
				t.Fatalf("err = %v, want ErrStreamTooLarge", err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 5*limit {
				t.Errorf("allocated %d bytes to refuse a bomb (limit %d)", alloc, limit)
			}
		})
	}
}
