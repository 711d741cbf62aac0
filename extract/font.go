package extract

import (
	"strings"
	"sync"

	"github.com/ledongthuc/pdf"
)

// stdMetrics gives glyph widths of a standard font that carries none.
type stdMetrics interface{ Width(r rune) float64 }

// font is what the walker needs of a PDF font: how to split a shown string
// into codes, each code's text and advance width.
type font struct {
	name     string
	twoByte  bool
	bold     bool
	enc      pdf.TextEncoding
	widths   map[int]float64 // glyph space units (1/1000 em)
	defWidth float64
	std      stdMetrics
	// byteText is the text of each code of a one-byte font, decoded once.
	byteText *[256]string
	// wideText caches the text of the codes of a two-byte font.
	wideText sync.Map // int → string
}

// ligatures spells out the typographic ligatures fonts map codes to, so
// that "ﬁne" reads "fine".
var ligatures = strings.NewReplacer(
	"\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi",
	"\ufb04", "ffl", "\ufb05", "st", "\ufb06", "st",
)

// fontCache shares parsed fonts between the pages of one document: the
// same font dictionary is parsed once, however many pages use it.
type fontCache struct {
	mu    sync.Mutex
	fonts map[string]*font
}

func newFontCache() *fontCache { return &fontCache{fonts: map[string]*font{}} }

// get returns the parsed font of the font dictionary v.
func (c *fontCache) get(v pdf.Value) *font {
	key := v.String()
	c.mu.Lock()
	f, ok := c.fonts[key]
	c.mu.Unlock()
	if ok {
		return f
	}
	f = parseFont(v)
	c.mu.Lock()
	if g, ok := c.fonts[key]; ok {
		f = g
	} else {
		c.fonts[key] = f
	}
	c.mu.Unlock()
	return f
}

func parseFont(v pdf.Value) *font {
	pf := pdf.Font{V: v}
	base := v.Key("BaseFont").Name()
	if i := strings.IndexByte(base, '+'); i >= 0 && i < 8 {
		base = base[i+1:]
	}
	f := &font{
		name:   base,
		widths: map[int]float64{},
	}
	lower := strings.ToLower(base)
	f.bold = strings.Contains(lower, "bold") || strings.Contains(lower, "black") || strings.Contains(lower, "heavy")
	subtype := v.Key("Subtype").Name()
	if subtype == "Type0" {
		f.twoByte = true
		desc := v.Key("DescendantFonts").Index(0)
		f.defWidth = 1000
		if dw := desc.Key("DW"); dw.Kind() != pdf.Null {
			f.defWidth = dw.Float64()
		}
		w := desc.Key("W")
		for i := 0; i < w.Len(); {
			first := int(w.Index(i).Int64())
			next := w.Index(i + 1)
			if next.Kind() == pdf.Array {
				for j := 0; j < next.Len(); j++ {
					f.widths[first+j] = next.Index(j).Float64()
				}
				i += 2
				continue
			}
			last := int(next.Int64())
			wd := w.Index(i + 2).Float64()
			if last-first > 65536 {
				last = first + 65536
			}
			for c := first; c <= last; c++ {
				f.widths[c] = wd
			}
			i += 3
		}
		if fd := desc.Key("FontDescriptor"); fd.Kind() == pdf.Dict {
			if fd.Key("FontWeight").Float64() >= 600 {
				f.bold = true
			}
		}
	} else {
		first := int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		for i := 0; i < ws.Len(); i++ {
			f.widths[first+i] = ws.Index(i).Float64()
		}
		if fd := v.Key("FontDescriptor"); fd.Kind() == pdf.Dict {
			if mw := fd.Key("MissingWidth"); mw.Kind() != pdf.Null {
				f.defWidth = mw.Float64()
			}
			if fd.Key("FontWeight").Float64() >= 600 {
				f.bold = true
			}
		}
		if ws.Len() == 0 {
			if m, ok := lookupStd(base); ok {
				f.std = m
			}
		}
		if f.defWidth == 0 && f.std == nil {
			f.defWidth = 500
		}
	}
	f.enc = pf.Encoder()
	if !f.twoByte {
		var t [256]string
		for c := range t {
			t[c] = f.decode(string([]byte{byte(c)}))
		}
		f.byteText = &t
	}
	return f
}

// codes splits a shown string into character codes.
func (f *font) codes(s string, fn func(code int, raw string)) {
	if f.twoByte {
		for i := 0; i+1 < len(s); i += 2 {
			fn(int(s[i])<<8|int(s[i+1]), s[i:i+2])
		}
		return
	}
	for i := 0; i < len(s); i++ {
		fn(int(s[i]), s[i:i+1])
	}
}

// text returns the Unicode text of one code.
func (f *font) text(code int, raw string) string {
	if f.byteText != nil {
		return f.byteText[code&0xff]
	}
	if t, ok := f.wideText.Load(code); ok {
		return t.(string)
	}
	t := f.decode(raw)
	f.wideText.Store(code, t)
	return t
}

// decode returns the Unicode text of a code's bytes, typographic
// ligatures spelled out.
func (f *font) decode(raw string) string {
	t := raw
	if f.enc != nil {
		t = f.enc.Decode(raw)
	}
	return ligatures.Replace(t)
}

// width returns the advance of one code in glyph space units.
func (f *font) width(code int, text string) float64 {
	if w, ok := f.widths[code]; ok {
		return w
	}
	if f.std != nil {
		r := []rune(text)
		if len(r) > 0 {
			return f.std.Width(r[0])
		}
	}
	return f.defWidth
}
