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
		{"blank page", buildPDF("%PDF-1.4", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"), Limits{}, nil},
		{"empty contents array", onePage("", "[]"), Limits{}, nil},
		{"contents lost", onePage("", "null"), Limits{}, ErrDamaged},
		{"contents not a stream", onePage("", "<< /Length 5 >>"), Limits{}, ErrDamaged},
		{"contents a string", onePage("", "(BT ET)"), Limits{}, ErrDamaged},
		{"a part of the contents lost", onePage("", "[6 0 R 99 0 R]", stream("", hello)), Limits{}, ErrDamaged},
		{"1 GiB bomb", onePage("", stream("/Filter /FlateDecode", bomb1G)), Limits{}, ErrStreamTooLarge},
		{"4 GiB double bomb", onePage("", stream("/Filter [/FlateDecode /FlateDecode]", bomb4G)), Limits{}, ErrStreamTooLarge},
		{"parts add up", onePage("", "[6 0 R 6 0 R 6 0 R]", stream("/Filter /FlateDecode", zlibZeros(2))), Limits{MaxStreamSize: 5 << 20}, ErrStreamTooLarge},
		{"parts within limit", onePage("", "[6 0 R 6 0 R]", stream("/Filter /FlateDecode", zlibZeros(2))), Limits{MaxStreamSize: 5 << 20}, nil},
		{"bomb in a repaired file", lostStartxref(onePage("", stream("/Filter [/FlateDecode /FlateDecode]", bomb4G))), Limits{}, ErrStreamTooLarge},
		{"ToUnicode bomb", tounicodeBomb(bomb1G), Limits{}, ErrStreamTooLarge},
		{"corrupt deflate", onePage("", stream("/Filter /FlateDecode", []byte("not deflate at all"))), Limits{}, ErrDamaged},
		{"LZW", onePage("", stream("/Filter /LZWDecode", lzwEncode(hello))), Limits{}, nil},
		{"LZW corrupt", onePage("", stream("/Filter /LZWDecode", hello)), Limits{}, ErrDamaged},
		{"image filter", onePage("", stream("/Filter /DCTDecode", hello)), Limits{}, ErrUnsupported},
		{"deflate cut short", onePage("", stream("/Filter /FlateDecode", deflate(bigContent)[:200])), Limits{}, ErrDamaged},
		{"deflate without its checksum", onePage("", stream("/Filter /FlateDecode", withoutChecksum(deflate(hello)))), Limits{}, nil},
		{"deflate with half its checksum", onePage("", stream("/Filter /FlateDecode", deflate(hello)[:len(deflate(hello))-2])), Limits{}, nil},
		{"deflate with a wrong checksum", onePage("", stream("/Filter /FlateDecode", wrongChecksum(deflate(hello)))), Limits{}, ErrDamaged},
		{"deflate cut short in a double filter", onePage("", stream("/Filter [/FlateDecode /FlateDecode]", deflate(deflate(bigContent)[:300]))), Limits{}, ErrDamaged},
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
	f, err := openBytes(t, onePage("", stream("/Filter /FlateDecode", zlibZeros(3))), "", Limits{MaxStreamSize: 2 << 20})
	if err != nil {
		t.Fatal(err)
	}
	err = f.CheckStreamSize(f.Pages[0])
	const want = "test.pdf: page 1: content stream larger than 2 MB after decompression"
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

func withoutChecksum(z []byte) []byte { return z[:len(z)-4] }

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

func tounicodeBomb(bomb []byte) []byte {
	return buildPDF("%PDF-1.4",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream("", []byte(helloContent)),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
		stream("/Filter /FlateDecode", bomb))
}

// TestCheckStreamSizeMemory checks that a bomb is refused in bounded
// memory: what CheckStreamSize allocates is far below what the stream
// inflates to, and below the limit itself.
func TestCheckStreamSizeMemory(t *testing.T) {
	f, err := openBytes(t, onePage("", stream("/Filter [/FlateDecode /FlateDecode]", deflate(zlibZeros(4096)))), "", Limits{})
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
