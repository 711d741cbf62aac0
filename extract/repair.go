package extract

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// repairToUnicode mends the damage converters do to the ToUnicode CMap of
// a Latin font (Ghostscript's PDF/A conversion and re-distilling, seen
// here): a ligature written as its UTF-16 bytes swapped (U+00FB for
// U+FB00) or as its two letters packed into one code unit (U+6669 for
// "fi"), the ligatures of a range cut to their first byte and counted on
// from there (U+00FB…U+00FF for U+FB00…U+FB04), punctuation cut to its
// low byte (U+0019 for U+2019).
//
// Each mapping is judged on the font's own evidence, never the file's: the
// font must map mostly Latin letters; a mapping to a character of another
// script, or to a control character, is mended when a repair gives a
// Latin one; a mapping to a Latin letter only when the font's widths
// contradict it (an accented letter is as wide as its base letter) and
// agree with the repair (a ligature about as wide as its letters).
func (f *font) repairToUnicode() {
	c := f.toUni
	if len(c.uni) == 0 {
		return
	}
	latin, other := 0, 0
	width := map[rune]float64{} // the width of the codes mapped to one letter
	for k, t := range c.uni {
		r, n := utf8.DecodeRuneInString(t)
		if n == 0 || n != len(t) || !unicode.IsLetter(r) {
			continue
		}
		if unicode.Is(unicode.Latin, r) {
			latin++
		} else {
			other++
		}
		if w, ok := f.widthOfCode(uint32(k), int(k>>32)); ok {
			if _, seen := width[r]; !seen {
				width[r] = w
			}
		}
	}
	if latin < 10 || latin < 4*other {
		return
	}
	// sum is the width of a text by the widths of its letters.
	sum := func(s string) (float64, bool) {
		total := 0.0
		for _, r := range s {
			w, ok := width[r]
			if !ok {
				return 0, false
			}
			total += w
		}
		return total, total > 0
	}
	// Latin letters are judged by their widths: a letter with an accent
	// is as wide as its base letter; a letter without one (þ) is judged
	// with the codes damaged with it, a range cut to its first byte.
	type judged struct {
		key          codeKey
		cand         string
		contradicted bool
		decomposable bool
		group        int64
	}
	var latinCands []judged
	contradictedGroup := map[int64]bool{}
	for k, t := range c.uni {
		r, n := utf8.DecodeRuneInString(t)
		if n == 0 || n != len(t) {
			continue
		}
		cands := damagedForms(r)
		if len(cands) == 0 {
			continue
		}
		w, hasWidth := f.widthOfCode(uint32(k), int(k>>32))
		fits := func(cand string) bool {
			s, ok := sum(ligatures.Replace(cand))
			return ok && hasWidth && w >= 0.8*s && w <= 1.05*s
		}
		if r < 0x20 || !unicode.Is(unicode.Latin, r) && unicode.IsLetter(r) {
			for _, cand := range cands {
				if !hasWidth || fits(cand) || isPunct(cand) {
					c.uni[k] = cand
					break
				}
			}
			continue
		}
		if !unicode.Is(unicode.Latin, r) || !hasWidth {
			continue
		}
		for _, cand := range cands {
			if !fits(cand) {
				continue
			}
			j := judged{key: k, cand: cand, group: -1}
			base, _ := utf8.DecodeRuneInString(norm.NFD.String(t))
			if bw, ok := width[base]; ok && base != r {
				j.decomposable = true
				j.contradicted = abs(w-bw) > 0.001*bw+0.01
			}
			if r >= 0xFB && r <= 0xFF {
				j.group = int64(uint32(k)) - int64(r-0xFB)
			}
			if j.contradicted && j.group >= 0 {
				contradictedGroup[j.group] = true
			}
			latinCands = append(latinCands, j)
			break
		}
	}
	for _, j := range latinCands {
		if j.contradicted || !j.decomposable && j.group >= 0 && contradictedGroup[j.group] {
			c.uni[j.key] = j.cand
		}
	}
}

func isPunct(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && unicode.IsPunct(r)
}

// damagedForms returns what a mapping to r may have been before the
// damage repairToUnicode mends, most likely first.
func damagedForms(r rune) []string {
	var out []string
	add := func(c rune) {
		if c >= 0xFB00 && c <= 0xFB06 || c >= 0x2010 && c <= 0x2027 || c >= 0x2030 && c <= 0x203A {
			if len(out) == 0 || out[len(out)-1] != string(c) {
				out = append(out, string(c))
			}
		}
	}
	switch {
	case r < 0x20:
		add(0x2000 + r) // punctuation cut to its low byte
	case r >= 0xFB && r <= 0xFF:
		add(0xFB00 + (r - 0xFB)) // a range of ligatures cut to its first byte
	}
	if r <= 0xFFFF {
		hi, lo := byte(r>>8), byte(r)
		add(rune(lo)<<8 | rune(hi)) // the bytes swapped
		if isASCIILetter(hi) && isASCIILetter(lo) {
			out = append(out, string([]byte{hi, lo})) // two letters in one code unit
		}
	}
	return out
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// widthOfCode returns the width in glyph space units of a code of n bytes.
func (f *font) widthOfCode(code uint32, n int) (float64, bool) {
	if f.enc != nil {
		cid, ok := f.enc.lookupCID(code, n)
		if !ok {
			return 0, false
		}
		w, ok := f.widths[cid]
		return w, ok && w > 0
	}
	w, ok := f.widths[code]
	return w, ok && w > 0
}
