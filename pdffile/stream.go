package pdffile

import (
	"github.com/ledongthuc/pdf"
)

// CheckStreamSize returns an error when the ToUnicode map of one of page
// p's fonts exceeds lim.MaxStreamSize after decompression, or cannot be
// decoded. Maps are counted as they inflate, so a decompression bomb costs
// at most MaxStreamSize bytes of inflation and no memory; call it before
// the page is interpreted. (The page's content streams are decoded once,
// within the same limit, by the interpreter.)
func (f *File) CheckStreamSize(p pdf.Page) error {
	if err := f.checkFonts(p); err != nil {
		return &Error{Name: f.name, Page: f.pageNumber(p), Err: err}
	}
	return nil
}

func (f *File) checkFonts(p pdf.Page) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = libraryFailure(describe(x))
		}
	}()
	max := f.lim.withDefaults().MaxStreamSize

	// Fonts are shared between pages: each map is decoded once per file.
	fonts := f.Resources(p).Key("Font")
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
		n, err := f.decodedSize(tu, max)
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

// decodedSize decodes stream s and returns its length, decoding at most
// limit+1 bytes. Streams of Flate stages only (the common case, and every
// decompression bomb's) are counted as they inflate and never held; others
// are decoded by Decode, which holds at most limit bytes.
func (f *File) decodedSize(s pdf.Value, limit int64) (int64, error) {
	filters, err := StreamFilters(s)
	if err != nil {
		return 0, err
	}
	raw, err := f.rawStream(s)
	if err != nil {
		return 0, err
	}
	if flateOnly(filters) {
		return countFlate(raw, len(filters), limit)
	}
	out, err := Decode(raw, filters, limit)
	return int64(len(out)), err
}

// flateOnly reports filters that are all FlateDecode without a predictor.
func flateOnly(filters []Filter) bool {
	for _, fl := range filters {
		if fl.Name != "FlateDecode" && fl.Name != "Fl" || fl.Parms["Predictor"] > 1 {
			return false
		}
	}
	return true
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
