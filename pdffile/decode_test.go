package pdffile

import (
	"bytes"
	"compress/lzw"
	"compress/zlib"
	"encoding/hex"
	"errors"
	"io"
	"runtime"
	"testing"
)

func TestDecodeFilters(t *testing.T) {
	text := []byte("BT /F1 9 Tf (Obiettivo) Tj ET")
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(text)
	zw.Close()
	var l bytes.Buffer
	lw := lzw.NewWriter(&l, lzw.MSB, 8)
	lw.Write(text)
	lw.Close()
	hexed := []byte(hex.EncodeToString(text) + ">")
	// RunLength: one literal run of len(text) bytes, then EOD.
	rl := append([]byte{byte(len(text) - 1)}, text...)
	rl = append(rl, 128)

	for _, tc := range []struct {
		name    string
		raw     []byte
		filters []Filter
	}{
		{"none", text, nil},
		{"flate", z.Bytes(), []Filter{{Name: "FlateDecode"}}},
		{"flate abbreviated", z.Bytes(), []Filter{{Name: "Fl"}}},
		{"hex", hexed, []Filter{{Name: "ASCIIHexDecode"}}},
		{"hex then flate", []byte(hex.EncodeToString(z.Bytes()) + ">"), []Filter{{Name: "AHx"}, {Name: "FlateDecode"}}},
		{"run length", rl, []Filter{{Name: "RunLengthDecode"}}},
		{"lzw early change 0", l.Bytes(), []Filter{{Name: "LZWDecode", Parms: map[string]int{"EarlyChange": 0}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode(tc.raw, tc.filters, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, text) {
				t.Fatalf("got %q, want %q", got, text)
			}
		})
	}
}

func TestDecodeLimits(t *testing.T) {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	_, err := Decode(z.Bytes(), []Filter{{Name: "FlateDecode"}}, 1000)
	if !errors.Is(err, ErrStreamTooLarge) {
		t.Errorf("flate bomb: %v, want ErrStreamTooLarge", err)
	}
	_, err = Decode([]byte("xx"), []Filter{{Name: "DCTDecode"}}, 1000)
	if !errors.Is(err, ErrUnsupported) {
		t.Errorf("DCT: %v, want ErrUnsupported", err)
	}
	_, err = Decode([]byte("xx"), []Filter{{Name: "NoSuchDecode"}}, 1000)
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("unknown filter: %v, want ErrDamaged", err)
	}
}

// TestStreamMatchesReader reads every page's content of the sample through
// Stream and through ledongthuc/pdf's own decoder: the bytes agree.
func TestStreamMatchesReader(t *testing.T) {
	f, err := Open(t.Context(), "../samples/capannori-2024.pdf", "", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range f.Pages {
		c := p.V.Key("Contents")
		got, err := f.Stream(c)
		if err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
		want, err := io.ReadAll(c.Reader())
		if err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("page %d: Stream gives %d bytes, the reader %d", i+1, len(got), len(want))
		}
	}
}

// TestInflateLarge inflates streams past the size inflate holds before it
// measures them: one within the limit comes out whole, a bomb is refused
// having held far less than the limit: what the probe holds, allocated in
// a buffer that doubles up to it (some 2.5 times the probe in all), then
// the stream's own size.
func TestInflateLarge(t *testing.T) {
	const limit = 64 << 20
	var out []byte
	var err error
	z20, bomb := zlibZeros(20), zlibZeros(4096)
	alloc := allocatedBy(func() { out, err = Decode(z20, []Filter{{Name: "FlateDecode"}}, limit) })
	if err != nil || len(out) != 20<<20 || bytes.ContainsFunc(out, func(r rune) bool { return r != 0 }) {
		t.Fatalf("20 MiB of zeros: %d bytes, %v", len(out), err)
	}
	if alloc > 3*inflateProbe+20<<20 {
		t.Errorf("allocated %d bytes for a 20 MiB stream", alloc)
	}
	alloc = allocatedBy(func() { _, err = Decode(bomb, []Filter{{Name: "FlateDecode"}}, limit) })
	if !errors.Is(err, ErrStreamTooLarge) {
		t.Fatalf("4 GiB bomb: %v, want ErrStreamTooLarge", err)
	}
	if alloc > 3*inflateProbe {
		t.Errorf("allocated %d bytes to refuse a bomb (limit %d)", alloc, limit)
	}
}

func allocatedBy(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestDecodeDamagedFlate checks the policy on damaged Flate data: cut
// short, corrupt or with a wrong checksum is refused; a whole stream
// without its checksum is read.
func TestDecodeDamagedFlate(t *testing.T) {
	z := deflate(bigContent)
	fl := []Filter{{Name: "FlateDecode"}}
	for _, tc := range []struct {
		name string
		raw  []byte
		want error // nil: decoded whole
	}{
		{"whole", z, nil},
		{"without its checksum", z[:len(z)-4], nil},
		{"with a part of its checksum", z[:len(z)-1], nil},
		{"cut short", z[:len(z)/2], ErrDamaged},
		{"wrong checksum", wrongChecksum(z), ErrDamaged},
		{"byte flipped", flip(z, len(z)/3), ErrDamaged},
		{"no zlib header", z[2:], ErrDamaged},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode(tc.raw, fl, 1<<20)
			if tc.want == nil {
				if err != nil || !bytes.Equal(got, bigContent) {
					t.Fatalf("%d bytes, %v", len(got), err)
				}
				return
			}
			if !errors.Is(err, tc.want) || got != nil {
				t.Fatalf("%d bytes, err %v; want %v", len(got), err, tc.want)
			}
		})
	}
}

func flip(b []byte, at int) []byte {
	b = bytes.Clone(b)
	b[at] ^= 0x55
	return b
}
