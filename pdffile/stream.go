package pdffile

import (
	"io"

	"github.com/ledongthuc/pdf"
)

// CheckStreamSize returns an error when the decoded content of page p (its
// content streams together, and each font's ToUnicode map) exceeds
// lim.MaxStreamSize, or cannot be decoded. Streams are read through a
// limited reader, so a decompression bomb costs at most MaxStreamSize bytes
// of inflation and no memory; call it before the page is interpreted.
func (f *File) CheckStreamSize(p pdf.Page) error {
	if err := f.checkStreams(p); err != nil {
		return &Error{Name: f.name, Page: f.pageNumber(p), Err: err}
	}
	return nil
}

func (f *File) checkStreams(p pdf.Page) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = because(ErrDamaged, "content: %v", describe(x))
		}
	}()
	max := f.lim.withDefaults().MaxStreamSize

	var contents []pdf.Value
	switch c := p.V.Key("Contents"); c.Kind() {
	case pdf.Stream:
		contents = append(contents, c)
	case pdf.Array:
		for i := range c.Len() {
			if s := c.Index(i); s.Kind() == pdf.Stream {
				contents = append(contents, s)
			}
		}
	}
	var total int64
	for _, s := range contents {
		n, err := decodedSize(s, max-total)
		if err != nil {
			return err
		}
		if total += n; total > max {
			return worded(ErrStreamTooLarge, "content stream larger than %s after decompression", megabytes(max))
		}
	}

	// Fonts are shared between pages: each map is decoded once per file.
	fonts := p.Resources().Key("Font")
	for _, name := range fonts.Keys() {
		font := fonts.Key(name)
		id, isRef := refKey(font, "ToUnicode")
		if isRef && f.fontMaps != nil {
			if _, done := f.fontMaps.Load(id); done {
				continue
			}
		}
		tu := font.Key("ToUnicode")
		if tu.Kind() != pdf.Stream {
			continue
		}
		n, err := decodedSize(tu, max)
		if err != nil {
			return err
		}
		if n > max {
			return worded(ErrStreamTooLarge, "font %s: ToUnicode map larger than %s after decompression", name, megabytes(max))
		}
		if isRef && f.fontMaps != nil {
			f.fontMaps.Store(id, true)
		}
	}
	return nil
}

// decodedSize decodes stream s and returns its length, reading at most
// limit+1 bytes.
func decodedSize(s pdf.Value, limit int64) (int64, error) {
	if err := checkFilters(s); err != nil {
		return 0, err
	}
	rd := s.Reader()
	defer rd.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(rd, limit+1))
	if err != nil {
		return n, because(ErrDamaged, "content stream: %v", err)
	}
	return n, nil
}

// checkFilters refuses a stream whose filters ledongthuc/pdf cannot decode.
func checkFilters(s pdf.Value) error {
	f := s.Key("Filter")
	var names []string
	switch f.Kind() {
	case pdf.Null:
	case pdf.Name:
		names = append(names, f.Name())
	case pdf.Array:
		for i := range f.Len() {
			names = append(names, f.Index(i).Name())
		}
	default:
		return because(ErrDamaged, "stream filter %v", f)
	}
	for _, n := range names {
		if n != "FlateDecode" && n != "ASCII85Decode" {
			return because(ErrUnsupported, "stream filter /%s", n)
		}
	}
	return nil
}

// pageNumber returns the 1-based number of p in f, or 0 when p is not one
// of f's pages.
func (f *File) pageNumber(p pdf.Page) int {
	id, ok := refOf(p.V)
	if !ok {
		return 0
	}
	for i, q := range f.Pages {
		if qid, _ := refOf(q.V); qid == id {
			return i + 1
		}
	}
	return 0
}
