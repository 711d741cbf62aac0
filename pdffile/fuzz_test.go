package pdffile

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"
)

// FuzzOpen opens arbitrary bytes as a PDF and reads every page's streams:
// it must end in a file or in an *Error naming the file with one of the
// package's reasons, on one short line in the package's own words, and
// never panic or hang.
func FuzzOpen(f *testing.F) {
	for _, name := range []string{"plan-3pages.pdf", "plan-3pages-objstm.pdf", "rc4-40-owner.pdf", "aes128-owner.pdf"} {
		f.Add(readTestdata(f, name))
	}
	for _, seed := range [][]byte{
		onePage("", stream("/Filter /FlateDecode", deflate([]byte(helloContent)))),
		onePage("", stream("", []byte(helloContent))),
		tounicodeBomb(stream("/Filter /FlateDecode", zlibZeros(2))),
		cyclicTree(),
		selfTree(),
		deepTree(20),
		onePageParentLoop(),
		hugeXrefStream(),
		cyclicPrev(),
		objectStreamLoop(),
		signedSubsection(onePage("", stream("", []byte(helloContent)))),
		lostStartxref(onePage("", stream("", []byte(helloContent)))),
	} {
		f.Add(seed)
	}
	lim := Limits{MaxFileSize: 4 << 20, MaxPages: 500, MaxStreamSize: 4 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		file, err := OpenBytes(ctx, data, "fuzz.pdf", "", lim)
		if err != nil {
			checkFuzzError(t, err)
			return
		}
		for _, p := range file.Pages {
			if err := file.CheckStreamSize(p); err != nil {
				checkFuzzError(t, err)
				continue
			}
			for _, s := range contentStreams(p) {
				if _, err := file.Stream(s); err != nil {
					checkFuzzError(t, &Error{Name: "fuzz.pdf", Err: err})
				}
			}
			fonts := p.Resources().Key("Font")
			for _, name := range fonts.Keys() {
				if tu := fonts.Key(name).Key("ToUnicode"); tu.Kind() == pdf.Stream {
					if _, err := file.Stream(tu); err != nil {
						checkFuzzError(t, &Error{Name: "fuzz.pdf", Err: err})
					}
				}
			}
		}
	})
}

func contentStreams(p pdf.Page) []pdf.Value {
	switch c := p.V.Key("Contents"); c.Kind() {
	case pdf.Stream:
		return []pdf.Value{c}
	case pdf.Array:
		var out []pdf.Value
		for i := range min(c.Len(), 64) {
			if s := c.Index(i); s.Kind() == pdf.Stream {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// reasons are the errors every refusal matches one of.
var reasons = []error{ErrEmpty, ErrNotPDF, ErrDamaged, ErrNeedPassword, ErrBadPassword, ErrTooLarge,
	ErrPageTree, ErrStreamTooLarge, ErrUnsupported, context.DeadlineExceeded}

// libraryWords are phrases of the Go runtime and the PDF libraries that a
// message must not pass on.
var libraryWords = []string{"runtime error", "nil map", "index out of range", "nil pointer", "malformed PDF", "dict is null", "dereference"}

func checkFuzzError(t *testing.T, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Name != "fuzz.pdf" {
		t.Fatalf("%T %q is not an *Error naming the file", err, err)
	}
	known := false
	for _, r := range reasons {
		known = known || errors.Is(err, r)
	}
	if !known {
		t.Fatalf("%q matches none of the package's reasons", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "fuzz.pdf: ") || strings.ContainsAny(msg, "\n\r") || len(msg) > 300 {
		t.Fatalf("message %q: want one line of at most 300 bytes naming the file", msg)
	}
	for _, w := range libraryWords {
		if strings.Contains(msg, w) {
			t.Fatalf("message %q passes on a library's wording (%q)", msg, w)
		}
	}
}
