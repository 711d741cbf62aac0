// Package pdftest writes small PDF files byte by byte, for tests that need
// exactly the objects and operators they check: damaged files, bombs, and
// pages of a few marks.
package pdftest

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"fmt"
	"regexp"
	"strconv"
)

// Build assembles a PDF of the given objects (object i+1 is objects[i],
// object 1 the catalog) after header (such as "%PDF-1.4"), with a correct
// cross-reference table and trailer.
func Build(header string, objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString(header + "\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// Stream is the text of a stream object with the given dictionary entries
// and data.
func Stream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// Deflate compresses data for a /FlateDecode stream.
func Deflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// ZlibZeros is a zlib stream that inflates to n MiB of zeros while taking a
// few KiB per MiB: one compressed MiB repeated, an empty final block, and
// the Adler-32 of zeros.
func ZlibZeros(n int) []byte {
	var chunk bytes.Buffer
	w, _ := flate.NewWriter(&chunk, flate.BestCompression)
	w.Write(make([]byte, 1<<20))
	w.Flush()
	out := []byte{0x78, 0xda}
	out = append(out, bytes.Repeat(chunk.Bytes(), n)...)
	out = append(out, 0x03, 0x00) // final empty fixed-Huffman block
	size := uint32((int64(n) << 20) % 65521)
	adler := size<<16 | 1 // Adler-32 of zeros: a stays 1, b counts the bytes
	return append(out, byte(adler>>24), byte(adler>>16), byte(adler>>8), byte(adler))
}

var (
	trailerRoot = regexp.MustCompile(`/Root\s+(\d+\s+\d+\s+R)`)
	trailerSize = regexp.MustCompile(`/Size\s+(\d+)`)
	lastXref    = regexp.MustCompile(`startxref\s+(\d+)\s*%%EOF\s*$`)
	pageObject  = regexp.MustCompile(`(?s)\n(\d+) 0 obj\s*<<(.*?)\nendobj`)
	contentsRef = regexp.MustCompile(`/Contents\s+(\d+)\s+0\s+R`)
	typePage    = regexp.MustCompile(`/Type\s*/Page\b`)
)

// Update appends to the PDF data an incremental update that replaces
// object num (generation 0) with body, as an editor saving a change does.
// The file's last trailer must be a classic one naming /Root and /Size.
func Update(data []byte, num int, body string) []byte {
	m := lastXref.FindSubmatch(data)
	tr := data[bytes.LastIndex(data, []byte("trailer")):]
	root, size := trailerRoot.FindSubmatch(tr), trailerSize.FindSubmatch(tr)
	if m == nil || root == nil || size == nil {
		panic("pdftest.Update: no classic trailer at the end of the file")
	}
	var b bytes.Buffer
	b.Write(data)
	if !bytes.HasSuffix(data, []byte("\n")) {
		b.WriteByte('\n')
	}
	off := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", num, body)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n", num, off)
	fmt.Fprintf(&b, "trailer\n<< /Size %s /Root %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", size[1], root[1], m[1], xref)
	return b.Bytes()
}

// ContentObjects returns the object numbers of the content streams of the
// pages of data, in the order their page objects appear in the file (the
// page order of most writers), for files whose pages are plain objects
// naming one content stream each.
func ContentObjects(data []byte) []int {
	var out []int
	for _, m := range pageObject.FindAllSubmatch(data, -1) {
		if !typePage.Match(m[2]) {
			continue
		}
		if c := contentsRef.FindSubmatch(m[2]); c != nil {
			n, _ := strconv.Atoi(string(c[1]))
			out = append(out, n)
		}
	}
	return out
}
