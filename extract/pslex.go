package extract

// psToken is one token of the PostScript-like syntax of CMaps and of the
// cleartext part of Type 1 font programs.
type psToken struct {
	kind psKind
	val  string // the bytes of a string (decoded), a name without its slash, a keyword or a number
}

type psKind uint8

const (
	psEOF    psKind = iota
	psHex           // <...>
	psString        // (...)
	psName          // /name
	psNumber
	psKeyword
	psArrayOpen  // [
	psArrayClose // ]
	psDictOpen   // <<
	psDictClose  // >>
	psProcOpen   // {
	psProcClose  // }
)

// psLexer splits PostScript-like text into tokens. It never fails: bytes
// it cannot read are skipped.
type psLexer struct {
	s   []byte
	pos int
}

func isPSSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0
}

func isPSDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// next returns the next token, psEOF at the end.
func (l *psLexer) next() psToken {
	s := l.s
	for l.pos < len(s) {
		c := s[l.pos]
		if isPSSpace(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(s) && s[l.pos] != '\n' && s[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		break
	}
	if l.pos >= len(s) {
		return psToken{kind: psEOF}
	}
	c := s[l.pos]
	switch c {
	case '[':
		l.pos++
		return psToken{kind: psArrayOpen}
	case ']':
		l.pos++
		return psToken{kind: psArrayClose}
	case '{':
		l.pos++
		return psToken{kind: psProcOpen}
	case '}':
		l.pos++
		return psToken{kind: psProcClose}
	case '>':
		l.pos++
		if l.pos < len(s) && s[l.pos] == '>' {
			l.pos++
			return psToken{kind: psDictClose}
		}
		return l.next()
	case '<':
		l.pos++
		if l.pos < len(s) && s[l.pos] == '<' {
			l.pos++
			return psToken{kind: psDictOpen}
		}
		return l.hex()
	case '(':
		l.pos++
		return l.str()
	case '/':
		l.pos++
		start := l.pos
		for l.pos < len(s) && !isPSSpace(s[l.pos]) && !isPSDelim(s[l.pos]) {
			l.pos++
		}
		return psToken{kind: psName, val: string(s[start:l.pos])}
	case ')':
		l.pos++
		return l.next()
	}
	start := l.pos
	for l.pos < len(s) && !isPSSpace(s[l.pos]) && !isPSDelim(s[l.pos]) {
		l.pos++
	}
	word := string(s[start:l.pos])
	if isPSNumber(word) {
		return psToken{kind: psNumber, val: word}
	}
	return psToken{kind: psKeyword, val: word}
}

func isPSNumber(w string) bool {
	digits := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case (c == '-' || c == '+') && i == 0:
		case c == '.':
		case c == '#' && digits > 0: // radix numbers, 16#FF
		default:
			if !(digits > 0 && hasRadix(w)) {
				return false
			}
		}
	}
	return digits > 0
}

func hasRadix(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] == '#' {
			return true
		}
	}
	return false
}

// hex reads a hexadecimal string after its '<'.
func (l *psLexer) hex() psToken {
	s := l.s
	var out []byte
	var hi byte
	half := false
	for l.pos < len(s) {
		c := s[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := hexVal(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return psToken{kind: psHex, val: string(out)}
}

// str reads a literal string after its '('.
func (l *psLexer) str() psToken {
	s := l.s
	var out []byte
	depth := 1
	for l.pos < len(s) {
		c := s[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return psToken{kind: psString, val: string(out)}
			}
		case '\\':
			if l.pos >= len(s) {
				break
			}
			e := s[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(s) && s[l.pos] >= '0' && s[l.pos] <= '7'; k++ {
						v = v*8 + int(s[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return psToken{kind: psString, val: string(out)}
}

// psInt reads an integer token (decimal or radix, such as 16#20).
func psInt(t psToken) (int64, bool) {
	if t.kind != psNumber {
		return 0, false
	}
	w := t.val
	base := int64(10)
	for i := 0; i < len(w); i++ {
		if w[i] == '#' {
			var b int64
			for _, c := range w[:i] {
				b = b*10 + int64(c-'0')
			}
			if b < 2 || b > 36 {
				return 0, false
			}
			base, w = b, w[i+1:]
			break
		}
	}
	neg := false
	if len(w) > 0 && (w[0] == '-' || w[0] == '+') {
		neg = w[0] == '-'
		w = w[1:]
	}
	var v int64
	for i := 0; i < len(w); i++ {
		c := w[i]
		var d int64
		switch {
		case c >= '0' && c <= '9':
			d = int64(c - '0')
		case c >= 'a' && c <= 'z':
			d = int64(c-'a') + 10
		case c >= 'A' && c <= 'Z':
			d = int64(c-'A') + 10
		case c == '.' && base == 10:
			i = len(w) // a real is read as its integer part
			continue
		default:
			return 0, false
		}
		if d >= base {
			return 0, false
		}
		v = v*base + d
		if v > 1<<40 {
			return 0, false
		}
	}
	if neg {
		v = -v
	}
	return v, true
}
