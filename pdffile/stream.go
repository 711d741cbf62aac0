package pdffile

import (
	"io"

	"github.com/ledongthuc/pdf"
)

// CheckStreamSize returns an error when a ToUnicode map of a font of page
// p exceeds lim.MaxStreamSize decoded, or cannot be decoded by the PDF
// library that reads it. Maps are read through a limited reader, so that a
// decompression bomb costs at most MaxStreamSize bytes of inflation and no
// memory; call it before the page's fonts are read. The page's content
// streams need no such check: Stream decodes them once, within the limit.
func (f *File) CheckStreamSize(p pdf.Page) error {
	if err := f.checkFonts(p); err != nil {
		return &Error{Name: f.name, Page: f.pageNumber(p), Err: err}
	}
	return nil
}

func (f *File) checkFonts(p pdf.Page) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = because(ErrDamaged, "font: %s", shortErr(describe(x)))
		}
	}()
	max := f.lim.withDefaults().MaxStreamSize

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
		return n, because(ErrDamaged, "ToUnicode map: %v", err)
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
