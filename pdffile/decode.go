package pdffile

import (
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"hash"
	"hash/adler32"
	"io"
	"reflect"

	"github.com/ledongthuc/pdf"
	"github.com/pdfcpu/pdfcpu/pkg/filter"
)

// Filter is one decoding step of a stream: a standard filter name (the
// abbreviations of inline images accepted) and its integer parameters
// (Predictor, Colors, BitsPerComponent, Columns, EarlyChange).
type Filter struct {
	Name  string
	Parms map[string]int
}

// Stream returns the decoded data of stream v, read from the bytes the
// reader reads (the original file, or its repaired copy), through every
// standard filter: FlateDecode (with PNG and TIFF predictors), LZWDecode
// (with EarlyChange), ASCII85Decode, ASCIIHexDecode and RunLengthDecode.
// Image filters (DCT, CCITT, JBIG2, JPX) are not text and are refused with
// ErrUnsupported. At most the file's MaxStreamSize bytes are decoded; past
// it the error matches ErrStreamTooLarge.
//
// A stream whose /Length misses its end (a common damage) is cut at its
// endstream keyword instead.
func (f *File) Stream(v pdf.Value) ([]byte, error) {
	return f.StreamLimit(v, f.lim.withDefaults().MaxStreamSize)
}

// Limits returns the limits the file was opened with, defaults filled in.
func (f *File) Limits() Limits { return f.lim.withDefaults() }

// StreamLimit is Stream with a limit of its own on the decoded size.
func (f *File) StreamLimit(v pdf.Value, limit int64) ([]byte, error) {
	if v.Kind() != pdf.Stream {
		return nil, because(ErrDamaged, "not a stream")
	}
	raw, err := f.rawStream(v)
	if err != nil {
		return nil, err
	}
	filters, err := StreamFilters(v)
	if err != nil {
		return nil, err
	}
	return Decode(raw, filters, limit)
}

// rawStream returns the undecoded bytes of stream v.
func (f *File) rawStream(v pdf.Value) ([]byte, error) {
	off, ok := streamOffset(v)
	if !ok || off < 0 || off > int64(len(f.data)) {
		return nil, because(ErrDamaged, "stream data out of the file")
	}
	rest := f.data[off:]
	n := v.Key("Length").Int64()
	if n >= 0 && n <= int64(len(rest)) && endsStream(rest[n:]) {
		return rest[:n], nil
	}
	// The length is wrong: the data ends before the endstream keyword.
	i := bytes.Index(rest, []byte("endstream"))
	if i < 0 {
		if n > 0 && n <= int64(len(rest)) {
			return rest[:n], nil
		}
		return nil, because(ErrDamaged, "stream without its end")
	}
	end := i
	if end > 0 && rest[end-1] == '\n' {
		end--
	}
	if end > 0 && rest[end-1] == '\r' {
		end--
	}
	return rest[:end], nil
}

// endsStream reports whether b starts, after white space, with the
// endstream keyword.
func endsStream(b []byte) bool {
	return bytes.HasPrefix(skipSpace(b[:min(len(b), 64)]), []byte("endstream"))
}

// streamOffset reads, through reflection (read-only), where the data of a
// stream starts in the file: ledongthuc/pdf keeps it unexported and
// decodes only two filters itself.
func streamOffset(v pdf.Value) (int64, bool) {
	data := reflect.ValueOf(v).FieldByName("data")
	if !data.IsValid() || data.Kind() != reflect.Interface || data.IsNil() {
		return 0, false
	}
	s := data.Elem()
	if s.Kind() != reflect.Struct {
		return 0, false
	}
	off := s.FieldByName("offset")
	if !off.IsValid() || off.Kind() != reflect.Int64 {
		return 0, false
	}
	return off.Int(), true
}

// StreamFilters returns the filters of stream v with their parameters.
func StreamFilters(v pdf.Value) ([]Filter, error) {
	fv, pv := v.Key("Filter"), v.Key("DecodeParms")
	if fv.Kind() == pdf.Null {
		fv, pv = v.Key("F"), v.Key("DP")
	}
	switch fv.Kind() {
	case pdf.Null:
		return nil, nil
	case pdf.Name:
		return []Filter{{Name: fv.Name(), Parms: intParms(pv)}}, nil
	case pdf.Array:
		if fv.Len() > 8 {
			return nil, because(ErrDamaged, "a stream with %d filters", fv.Len())
		}
		out := make([]Filter, 0, fv.Len())
		for i := range fv.Len() {
			if fv.Index(i).Kind() != pdf.Name {
				return nil, because(ErrDamaged, "stream filter %v", fv.Index(i))
			}
			p := pv
			if pv.Kind() == pdf.Array {
				p = pv.Index(i)
			} else if i > 0 {
				p = pdf.Value{}
			}
			out = append(out, Filter{Name: fv.Index(i).Name(), Parms: intParms(p)})
		}
		return out, nil
	}
	return nil, because(ErrDamaged, "stream filter %v", fv)
}

func intParms(v pdf.Value) map[string]int {
	if v.Kind() != pdf.Dict {
		return nil
	}
	m := map[string]int{}
	for _, k := range []string{"Predictor", "Colors", "BitsPerComponent", "Columns", "EarlyChange"} {
		if x := v.Key(k); x.Kind() == pdf.Integer {
			m[k] = int(x.Int64())
		}
	}
	return m
}

// filterNames spells out the abbreviations inline images use.
var filterNames = map[string]string{
	"AHx": filter.ASCIIHex, "A85": filter.ASCII85, "LZW": filter.LZW,
	"Fl": filter.Flate, "RL": filter.RunLength, "CCF": filter.CCITTFax,
	"DCT": filter.DCT,
}

// Decode runs raw through filters in order, decoding at most limit bytes;
// past it the error matches ErrStreamTooLarge.
func Decode(raw []byte, filters []Filter, limit int64) (out []byte, err error) {
	defer func() {
		if x := recover(); x != nil {
			out, err = nil, &damaged{part: "a stream cannot be decoded", cause: describe(x)}
		}
	}()
	out = raw
	for _, fl := range filters {
		name := fl.Name
		if full, ok := filterNames[name]; ok {
			name = full
		}
		switch name {
		case filter.Flate:
			if p := fl.Parms["Predictor"]; p <= 1 {
				out, err = inflate(out, limit)
				break
			}
			out, err = pdfcpuDecode(name, fl.Parms, out, limit)
		case filter.LZW, filter.ASCII85, filter.ASCIIHex, filter.RunLength:
			out, err = pdfcpuDecode(name, fl.Parms, out, limit)
		case filter.DCT, filter.CCITTFax, filter.JBIG2, filter.JPX:
			return nil, because(ErrUnsupported, "image data (/%s) where text was expected", fl.Name)
		default:
			return nil, because(ErrDamaged, "unknown stream filter /%s", fl.Name)
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(out)) > limit {
		return nil, tooLargeAfter(limit)
	}
	return out, nil
}

// inflate decodes zlib data, at most limit bytes (see zlibReader for what
// damage refuses a stream). A stream that inflates past inflateProbe bytes
// is measured before it is held: a decompression bomb is refused having
// held no more than that, and a stream within the limit is decoded again
// into a buffer of its size (no real page comes near).
func inflate(raw []byte, limit int64) ([]byte, error) {
	first := min(limit, inflateProbe)
	out, err := inflateInto(raw, first, int(min(first, 4*int64(len(raw))+512)))
	if err != nil || int64(len(out)) <= first {
		return out, err
	}
	if first == limit {
		return nil, tooLargeAfter(limit)
	}
	n, err := countFlate(raw, 1, limit)
	switch {
	case err != nil:
		return nil, err
	case n > limit:
		return nil, tooLargeAfter(limit)
	}
	return inflateInto(raw, limit, int(n)+1)
}

// inflateProbe is how much of a stream inflate holds before it knows the
// stream's size.
const inflateProbe = 16 << 20

// inflateInto inflates raw, reading at most limit+1 bytes into a buffer
// of capacity size at first, grown by doubling up to limit+1.
func inflateInto(raw []byte, limit int64, size int) ([]byte, error) {
	return readAtMost(newZlibReader(bytes.NewReader(raw)), limit+1, size)
}

// readAtMost reads r to its end or to max bytes, into a buffer of
// capacity size at first that never grows past max.
func readAtMost(r io.Reader, max int64, size int) ([]byte, error) {
	buf := make([]byte, 0, min(int64(size), max))
	for int64(len(buf)) < max {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(max, int64(2*cap(buf)+4096)))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}

func tooLargeAfter(limit int64) error {
	return worded(ErrStreamTooLarge, "stream larger than %s after decompression", megabytes(limit))
}

// zlibReader inflates a zlib stream as it is read. Its policy on damage,
// which decides whether a page is read or refused:
//
//   - data cut short (the deflate stream ends before its final block) or
//     corrupt (an invalid code) is ErrDamaged: what came before the damage
//     is only a part of a page, and a page read in part would be taken for
//     the whole;
//   - a whole deflate stream whose Adler-32 checksum is present and wrong
//     is ErrDamaged too: its bytes changed after it was written;
//   - a whole deflate stream without its checksum, or with a part of it
//     (writers that drop it, a /Length a few bytes short), is read, since
//     the data itself is complete.
type zlibReader struct {
	src  io.ByteReader // flate reads no further than the end of its data
	fr   io.ReadCloser
	sum  hash.Hash32
	err  error
	done bool
}

func newZlibReader(r interface {
	io.Reader
	io.ByteReader
}) *zlibReader {
	z := &zlibReader{src: r, sum: adler32.New()}
	var h [2]byte
	if _, err := io.ReadFull(r, h[:]); err != nil || h[0]&0x0f != 8 || (uint16(h[0])<<8|uint16(h[1]))%31 != 0 {
		z.err = because(ErrDamaged, "compressed stream: not zlib data")
		return z
	}
	if h[1]&0x20 != 0 {
		z.err = because(ErrDamaged, "compressed stream: needs a preset dictionary")
		return z
	}
	z.fr = flate.NewReader(r)
	return z
}

func (z *zlibReader) Read(p []byte) (int, error) {
	if z.err != nil {
		return 0, z.err
	}
	if z.done {
		return 0, io.EOF
	}
	n, err := z.fr.Read(p)
	z.sum.Write(p[:n])
	switch {
	case err == nil:
		return n, nil
	case err == io.EOF:
		z.done = true
		if err := z.checksum(); err != nil {
			z.err = err
			return n, err
		}
		return n, io.EOF
	case errors.Is(err, io.ErrUnexpectedEOF):
		z.err = because(ErrDamaged, "compressed stream cut short")
	default:
		var ce flate.CorruptInputError
		if errors.As(err, &ce) {
			z.err = because(ErrDamaged, "compressed stream corrupt")
		} else {
			z.err = because(ErrDamaged, "compressed stream unreadable")
		}
	}
	return n, z.err
}

// checksum compares the Adler-32 after the deflate data, when all of it
// is there, with that of what was inflated.
func (z *zlibReader) checksum() error {
	var want uint32
	for range 4 {
		c, err := z.src.ReadByte()
		if err != nil {
			return nil // no checksum, or a part of one
		}
		want = want<<8 | uint32(c)
	}
	if want != z.sum.Sum32() {
		return because(ErrDamaged, "compressed stream fails its checksum")
	}
	return nil
}

// countFlate returns how many bytes raw inflates to through depth Flate
// stages in a row, reading at most limit+1 of them: nothing is held, so a
// bomb costs time bounded by the limit and no memory.
func countFlate(raw []byte, depth int, limit int64) (int64, error) {
	var r interface {
		io.Reader
		io.ByteReader
	} = bytes.NewReader(raw)
	for range depth {
		r = bufio.NewReader(newZlibReader(r))
	}
	return io.Copy(io.Discard, io.LimitReader(r, limit+1))
}

func pdfcpuDecode(name string, parms map[string]int, raw []byte, limit int64) ([]byte, error) {
	fl, err := filter.NewFilter(name, parms, limit)
	if err != nil {
		return nil, because(ErrUnsupported, "stream filter /%s", name)
	}
	r, err := fl.Decode(bytes.NewReader(raw))
	if errors.Is(err, filter.ErrDecodeLimitExceeded) {
		return nil, tooLargeAfter(limit)
	}
	if err != nil {
		return nil, &damaged{part: "a /" + name + " stream cannot be decoded", cause: err}
	}
	if bb, ok := r.(*bytes.Buffer); ok {
		// pdfcpu decodes into a buffer: its bytes are the result, with no
		// second copy.
		return bb.Bytes(), nil
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &damaged{part: "a /" + name + " stream cannot be decoded", cause: err}
	}
	return b, nil
}
