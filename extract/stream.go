package extract

import (
	"errors"

	"github.com/ledongthuc/pdf"

	"github.com/obiettivi/obiettivi/pdffile"
)

// decode returns the decoded data of stream v (a content stream or a
// form XObject) through pdffile, within what the page may still decode:
// all of a page's streams together decode to at most the file's
// MaxStreamSize, so that a decompression bomb is refused after that many
// bytes, whatever it claims, and its data is decoded once.
func (w *walker) decode(v pdf.Value) ([]byte, error) {
	if w.budget <= 0 {
		return nil, &tooLarge{w.maxStream}
	}
	b, err := w.file.StreamLimit(v, w.budget)
	if errors.Is(err, pdffile.ErrStreamTooLarge) {
		return nil, &tooLarge{w.maxStream}
	}
	if err != nil {
		return nil, err
	}
	w.budget -= int64(len(b))
	return b, nil
}

// contents returns the decoded content of a page whose /Contents is c:
// one stream, or the streams of an array joined by white space (a token
// may not span two of them, PDF 32000-1:2008, 7.8.2). An array's parts
// are joined in *buf, reused from page to page.
func (w *walker) contents(c pdf.Value, buf *[]byte) ([]byte, error) {
	switch c.Kind() {
	case pdf.Null:
		return nil, nil
	case pdf.Stream:
		return w.decode(c)
	case pdf.Array:
		b := (*buf)[:0]
		for i := range c.Len() {
			s := c.Index(i)
			if s.Kind() != pdf.Stream {
				return nil, errNoStream
			}
			part, err := w.decode(s)
			if err != nil {
				return nil, err
			}
			b = append(b, part...)
			b = append(b, '\n')
		}
		*buf = b
		return b, nil
	}
	return nil, errNoStream
}

var errNoStream = &damaged{what: "a content stream of the page is missing"}
