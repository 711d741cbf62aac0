package extract

import "bytes"

// type1Encoding reads the built-in encoding of a Type 1 font program
// (FontFile) from its cleartext part: StandardEncoding, or the glyph name
// of each code set by "dup code /name put". It returns nil where the
// program names none.
func type1Encoding(data []byte) *[256]string {
	if i := bytes.Index(data, []byte("eexec")); i >= 0 {
		data = data[:i]
	}
	i := bytes.Index(data, []byte("/Encoding"))
	if i < 0 {
		return nil
	}
	l := &psLexer{s: data, pos: i + len("/Encoding")}
	var enc [256]string
	found := false
	for n := 0; n < 8192; n++ {
		t := l.next()
		switch {
		case t.kind == psEOF:
			n = 8192
		case t.kind == psKeyword && t.val == "StandardEncoding":
			enc = standardNames
			return &enc
		case t.kind == psKeyword && t.val == "def" && (found || n > 0):
			n = 8192
		case t.kind == psKeyword && t.val == "dup":
			code, name := l.next(), l.next()
			c, ok := psInt(code)
			if ok && c >= 0 && c < 256 && name.kind == psName {
				enc[c] = name.val
				found = true
			}
		}
	}
	if !found {
		return nil
	}
	return &enc
}
