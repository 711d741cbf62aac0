package extract

import (
	"bytes"
	"compress/lzw"
	"compress/zlib"
	"context"
	"encoding/ascii85"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/filter"

	"github.com/obiettivi/obiettivi/internal/pdftest"
	"github.com/obiettivi/obiettivi/pdffile"
)

// imageBytes returns n bytes of image data holding every byte value and,
// at both ends of the data and in its middle, what an interpreter reading
// it as content would take for operators: EI between white space, string
// and array delimiters, a text object.
func imageBytes(n int) []byte {
	decoy := []byte(" EI Q BT /F1 10 Tf (X) Tj ET EI\n) ( [ <<")
	b := append([]byte{}, decoy...)
	for i := 0; len(b) < n-len(decoy); i++ {
		b = append(b, byte(i))
	}
	b = append(b, decoy...)
	return b[:n]
}

func deflated(b []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

func a85(b []byte) []byte {
	out := make([]byte, ascii85.MaxEncodedLen(len(b)))
	return append(out[:ascii85.Encode(out, b)], "~>"...)
}

// runLength encodes b as RunLengthDecode data: a repeated run of spaces,
// then literal runs, then the end-of-data byte.
func runLength(b []byte) []byte {
	out := []byte{257 - 3, ' '}
	for len(b) > 0 {
		n := min(len(b), 128)
		out = append(out, byte(n-1))
		out = append(out, b[:n]...)
		b = b[n:]
	}
	return append(out, 128)
}

func lzwEarly(t *testing.T, b []byte) []byte {
	t.Helper()
	fl, err := filter.NewFilter(filter.LZW, map[string]int{"EarlyChange": 1}, -1)
	if err != nil {
		t.Fatal(err)
	}
	r, err := fl.Encode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(r)
	return out
}

func lzwLate(b []byte) []byte {
	var out bytes.Buffer
	w := lzw.NewWriter(&out, lzw.MSB, 8)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

func jpegBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 16, 8))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(3, 3, color.Gray{255})
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// noisy returns n random bytes without white space around an EI.
func noisy(n int) []byte {
	r := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.IntN(256))
	}
	return bytes.ReplaceAll(b, []byte("EI"), []byte("E!"))
}

// Inline images are read past, their data never taken for operators,
// whatever bytes it holds: its length from the image's parameters and
// filters where they tell it, else from the EI after which the content
// goes on.
func TestInlineImages(t *testing.T) {
	long := bytes.Repeat(imageBytes(4096), 3)
	tests := []struct {
		name, dict string
		data       []byte
	}{
		{"raw RGB", "/W 16 /H 8 /BPC 8 /CS /RGB", imageBytes(384)},
		{"raw RGB, full names", "/Width 16 /Height 8 /BitsPerComponent 8 /ColorSpace /DeviceRGB", imageBytes(384)},
		{"raw gray, 4 bits", "/W 5 /H 40 /BPC 4 /CS /G", imageBytes(120)},
		{"raw CMYK", "/W 4 /H 4 /BPC 8 /CS /CMYK", imageBytes(64)},
		{"raw indexed", "/W 8 /H 8 /BPC 8 /CS [/I /RGB 1 <000000ffffff>]", imageBytes(64)},
		{"raw image mask", "/W 20 /H 3 /IM true", []byte(" EI (\n)) ")},
		{"raw with a named colour space", "/W 16 /H 8 /BPC 8 /CS /CS0", imageBytes(384)},
		{"raw, decode array", "/W 16 /H 8 /BPC 8 /CS /RGB /D [1 0 1 0 1 0]", imageBytes(384)},
		{"ASCIIHex", "/W 16 /H 8 /BPC 8 /CS /RGB /F /AHx", []byte(hex.EncodeToString(imageBytes(384)) + ">")},
		{"ASCII85", "/W 16 /H 8 /BPC 8 /CS /RGB /F /A85", a85(imageBytes(384))},
		{"Flate", "/W 16 /H 8 /BPC 8 /CS /RGB /F /Fl", deflated(imageBytes(384))},
		{"Flate, full name, predictor", "/W 16 /H 8 /BPC 8 /CS /RGB /Filter /FlateDecode /DecodeParms << /Predictor 1 >>", deflated(imageBytes(384))},
		{"ASCII85 then Flate", "/W 16 /H 8 /BPC 8 /CS /RGB /F [/A85 /Fl]", a85(deflated(imageBytes(384)))},
		{"LZW", "/W 64 /H 64 /BPC 8 /CS /RGB /F /LZW", lzwEarly(t, long)},
		{"LZW early change 0", "/W 64 /H 64 /BPC 8 /CS /RGB /F /LZW /DP << /EarlyChange 0 >>", lzwLate(long)},
		{"LZW early change 0 in an array", "/W 64 /H 64 /BPC 8 /CS /RGB /F [/LZW] /DP [<< /EarlyChange 0 >>]", lzwLate(long)},
		{"RunLength", "/W 16 /H 8 /BPC 8 /CS /RGB /F /RL", runLength(imageBytes(381))},
		{"DCT, searched", "/W 16 /H 8 /BPC 8 /CS /G /F /DCT", jpegBytes(t)},
		{"CCITT, searched", "/W 16 /H 8 /IM true /F /CCF", noisy(300)},
		{"unknown size, EI decoys searched past", "/W 16 /H 8 /BPC 8 /CS /G /F /DCT", imageBytes(700)},
		{"wrong size, searched", "/W 100 /H 100 /BPC 8 /CS /RGB", imageBytes(384)},
		{"no size", "/BPC 8 /CS /RGB", imageBytes(384)},
		{"corrupt Flate, searched", "/W 16 /H 8 /BPC 8 /CS /RGB /F /Fl", noisy(200)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := "q 100 0 0 50 0 700 cm BI " + tt.dict + " ID " + string(tt.data) + "\nEI Q BT /F1 10 Tf 100 700 Td (A) Tj ET"
			tp := withHelvetica(content, "/ColorSpace << /CS0 [/ICCBased 6 0 R] >>", pdftest.Stream("/N 3", nil))
			wk := mustWalk(t, tp)
			if got := glyphsText(wk.glyphs); got != "A@100-106.67/100" {
				t.Errorf("glyphs %q", got)
			}
		})
	}
}

// The EI of an inline image may be the last bytes of the content, follow
// the data without white space when the data's length is known, and be
// followed by a delimiter; an inline image in a form is read the same.
func TestInlineImageEnds(t *testing.T) {
	tests := []struct {
		name, content string
	}{
		{"at the end", "BT /F1 10 Tf 100 700 Td (A) Tj ET BI /W 5 /H 1 /BPC 8 /CS /G ID \x00EI \x01EI"},
		{"searched, at the end", "BT /F1 10 Tf 100 700 Td (A) Tj ET BI /F /DCT ID \x00 EI\x01 EI"},
		{"glued to the data", "BI /W 2 /H 2 /BPC 8 /CS /G ID \x00EI\xffEI BT /F1 10 Tf 100 700 Td (A) Tj ET"},
		{"followed by a delimiter", "BT /F1 10 Tf 100 700 Td BI /W 2 /H 2 /BPC 8 /CS /G ID abcd EI(A) Tj ET"},
		{"two images", "BI /W 1 /H 1 /BPC 8 /CS /G ID \x20 EI BI /W 1 /H 1 /BPC 8 /CS /G ID E EI BT /F1 10 Tf 100 700 Td (A) Tj ET"},
		{"in a form", "/Fm1 Do"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := withHelvetica(tt.content, "/XObject << /Fm1 6 0 R >>", form("", "BI /W 3 /H 1 /BPC 8 /CS /G ID ) (\nEI BT /F1 10 Tf 100 700 Td (A) Tj ET"))
			wk := mustWalk(t, tp)
			if got := glyphsText(wk.glyphs); got != "A@100-106.67/100" {
				t.Errorf("glyphs %q", got)
			}
		})
	}
}

// Inflating an inline image's data to find its end spends the page's
// decoding budget: a bomb is refused like a content stream's.
func TestInlineImageBomb(t *testing.T) {
	content := append([]byte("BI /W 1000 /H 1000 /BPC 8 /CS /G /F /Fl ID "), pdftest.ZlibZeros(64)...)
	content = append(content, "\nEI"...)
	tp := testPage{content: string(content)}
	f := tp.open(t, pdffile.Limits{MaxStreamSize: 8 << 20})
	_, _, _, err := walkPage(context.Background(), f, f.Pages[0], 1, newDocCache(f), DefaultLimits(), &scratch{})
	if !errors.Is(err, pdffile.ErrStreamTooLarge) {
		t.Fatalf("err = %v, want ErrStreamTooLarge", err)
	}
	if want := "page 1, byte 0: content larger than 8 MB after decompression"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

// Image data of unknown length full of EIs, each followed by a long run
// of what reads as content before it stops doing so, costs the search a
// bounded amount of reading: past it the page fails.
func TestInlineImageSearchBound(t *testing.T) {
	content := "BI /F /DCT ID " + strings.Repeat(" EI "+strings.Repeat("1 ", 200)+"zz", 20000)
	_, err := walkTest(t, testPage{content: content}, Limits{})
	if want := "page 1, byte 0: more than 4194304 bytes read to find the ends of inline images (the limit)"; !errors.Is(err, ErrPageLimit) || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

func TestLZWEnd(t *testing.T) {
	data := bytes.Repeat(imageBytes(5000), 4)
	for _, tt := range []struct {
		name  string
		enc   []byte
		early int
	}{
		{"early change 1", lzwEarly(t, data), 1},
		{"early change 0", lzwLate(data), 0},
		{"short", lzwEarly(t, []byte("ab")), 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n, ok := lzwEnd(append(tt.enc, "trailing bytes"...), tt.early)
			if !ok || n != len(tt.enc) {
				t.Errorf("end at %d (%v), want %d", n, ok, len(tt.enc))
			}
		})
	}
}
