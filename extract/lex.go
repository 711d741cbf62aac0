package extract

import "strconv"

// kind is the type of one operand.
type kind uint8

const (
	kNull kind = iota
	kBool
	kNumber
	kName
	kString
	kArray
	kDict
)

// object is one operand of a content-stream operator. An array or a
// dictionary is followed in the operand stack by its elements (a
// dictionary's as key, value pairs); end is the index past the last.
type object struct {
	kind kind
	num  float64 // a number; 1 for true
	b    []byte  // a name (without its slash) or a string; valid until the next operator
	end  int32
}

// lexer reads the operands and operators of a content stream from its
// decoded bytes, as pdf.Interpret does (PDF 32000-1:2008, 7.2, 7.3, 7.8.2),
// without allocating in the steady state: operands go to a reused stack,
// strings and names are slices of the data or, where they hold escapes,
// of a reused buffer, numbers are parsed in place.
type lexer struct {
	data []byte
	pos  int
	op   int // offset of the last operator returned
	lim  *Limits

	stk  []object // the operands of the next operator, nested ones flattened
	top  []int32  // indexes in stk of the top-level operands
	open []opened // the arrays and dictionaries being read, innermost last
	buf  []byte   // decoded strings and names of the operands in stk

	img  *imageLexer // inline images, made on the first
	look *lexer      // the lookahead of an inline image's end
}

// opened is an array or dictionary being read: its index in the stack
// and how many elements it has so far (nested ones count as one).
type opened struct {
	at, n int32
}

func newLexer(lim *Limits) *lexer { return &lexer{lim: lim} }

func (l *lexer) reset(data []byte) {
	l.data, l.pos, l.op = data, 0, 0
}

// lexError is an error at a byte offset of the data.
type lexError struct {
	off int
	err error
}

func (e *lexError) Error() string { return e.err.Error() }
func (e *lexError) Unwrap() error { return e.err }

func (l *lexer) fail(off int, msg string) error {
	return &lexError{off, &syntaxError{msg}}
}

func (l *lexer) limit(off int, what string, n int) error {
	return &lexError{off, &limitError{what, n}}
}

// next reads the operands up to the next operator and returns the
// operator. At the end of the data it returns nil (operands left without
// an operator are dropped, as readers do). Errors are *lexError values.
func (l *lexer) next() ([]byte, error) {
	l.stk, l.top, l.open, l.buf = l.stk[:0], l.top[:0], l.open[:0], l.buf[:0]
	data := l.data
	for {
		// White space and comments.
		for l.pos < len(data) {
			c := data[l.pos]
			if c == '%' {
				for l.pos < len(data) && data[l.pos] != '\r' && data[l.pos] != '\n' {
					l.pos++
				}
				continue
			}
			if !isWhite(c) {
				break
			}
			l.pos++
		}
		if l.pos >= len(data) {
			return nil, nil
		}
		start := l.pos
		c := data[l.pos]
		var err error
		switch c {
		case '(':
			var s []byte
			if s, err = l.literal(); err == nil {
				err = l.push(object{kind: kString, b: s}, start)
			}
		case '<':
			if l.pos+1 < len(data) && data[l.pos+1] == '<' {
				l.pos += 2
				err = l.openObject(kDict, start)
				break
			}
			var s []byte
			if s, err = l.hex(); err == nil {
				err = l.push(object{kind: kString, b: s}, start)
			}
		case '>':
			if l.pos+1 < len(data) && data[l.pos+1] == '>' {
				l.pos += 2
				err = l.closeObject(kDict, start)
				break
			}
			return nil, l.fail(start, "unexpected '>'")
		case '[':
			l.pos++
			err = l.openObject(kArray, start)
		case ']':
			l.pos++
			err = l.closeObject(kArray, start)
		case ')':
			return nil, l.fail(start, "unexpected ')'")
		case '{', '}':
			// PostScript procedure braces: no content operator, read as
			// an unknown one (as pdf.Interpret does).
			l.pos++
			if len(l.open) > 0 {
				return nil, l.fail(start, "operator inside an array or dictionary")
			}
			l.op = start
			return data[start:l.pos], nil
		case '/':
			var s []byte
			if s, err = l.name(); err == nil {
				err = l.push(object{kind: kName, b: s}, start)
			}
		default:
			l.pos++
			for l.pos < len(data) && isRegular(data[l.pos]) {
				l.pos++
			}
			tok := data[start:l.pos]
			if v, ok := parseNumber(tok); ok {
				err = l.push(object{kind: kNumber, num: v}, start)
				break
			}
			switch string(tok) {
			case "true":
				err = l.push(object{kind: kBool, num: 1}, start)
			case "false":
				err = l.push(object{kind: kBool}, start)
			case "null":
				err = l.push(object{kind: kNull}, start)
			default:
				if len(l.open) > 0 {
					return nil, l.fail(start, "operator inside an array or dictionary")
				}
				l.op = start
				return tok, nil
			}
		}
		if err != nil {
			return nil, err
		}
	}
}

// push appends one operand (or element of the array or dictionary being
// read) to the stack.
func (l *lexer) push(o object, off int) error {
	if len(l.stk) >= l.lim.Operands {
		return l.limit(off, "operands before one operator", l.lim.Operands)
	}
	if n := len(l.open); n > 0 {
		in := &l.open[n-1]
		if l.stk[in.at].kind == kDict && in.n%2 == 0 && o.kind != kName {
			return l.fail(off, "dictionary key is not a name")
		}
		in.n++
	} else {
		l.top = append(l.top, int32(len(l.stk)))
	}
	l.stk = append(l.stk, o)
	return nil
}

func (l *lexer) openObject(k kind, off int) error {
	if len(l.open) >= l.lim.Nesting {
		return l.limit(off, "nested arrays and dictionaries", l.lim.Nesting)
	}
	if err := l.push(object{kind: k}, off); err != nil {
		return err
	}
	l.open = append(l.open, opened{at: int32(len(l.stk) - 1)})
	return nil
}

// closeObject ends the innermost array or dictionary. A closing bracket
// with nothing open is a null operand, as pdf.Interpret reads it.
func (l *lexer) closeObject(k kind, off int) error {
	n := len(l.open)
	if n == 0 {
		return l.push(object{kind: kNull}, off)
	}
	in := l.open[n-1]
	if l.stk[in.at].kind != k {
		return l.fail(off, "unbalanced array or dictionary")
	}
	if k == kDict && in.n%2 == 1 {
		// A key without its value: the value is null.
		if err := l.push(object{kind: kNull}, off); err != nil {
			return err
		}
	}
	l.open = l.open[:n-1]
	l.stk[in.at].end = int32(len(l.stk))
	return nil
}

// literal reads a literal string at l.pos: escapes, balanced parentheses,
// line continuations, end-of-line markers read as a line feed.
func (l *lexer) literal() ([]byte, error) {
	data := l.data
	start := l.pos
	i := start + 1
	depth := 1
	for ; i < len(data); i++ {
		c := data[i]
		if c == '\\' || c == '\r' {
			break
		}
		if c == '(' {
			depth++
		} else if c == ')' {
			if depth--; depth == 0 {
				if i-start-1 > l.lim.String {
					return nil, l.limit(start, "bytes in one string", l.lim.String)
				}
				l.pos = i + 1
				return data[start+1 : i], nil
			}
		}
	}
	if i >= len(data) {
		return nil, l.fail(start, "string without its end")
	}
	// Escapes or carriage returns: decode into the buffer.
	b0 := len(l.buf)
	l.buf = append(l.buf, data[start+1:i]...)
	for ; i < len(data); i++ {
		if len(l.buf)-b0 > l.lim.String {
			return nil, l.limit(start, "bytes in one string", l.lim.String)
		}
		c := data[i]
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				l.pos = i + 1
				return l.buf[b0:len(l.buf):len(l.buf)], nil
			}
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			c = '\n'
		case '\\':
			i++
			if i >= len(data) {
				return nil, l.fail(start, "string without its end")
			}
			switch c = data[i]; c {
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
			case '\r':
				if i+1 < len(data) && data[i+1] == '\n' {
					i++
				}
				continue
			case '\n':
				continue
			case '0', '1', '2', '3', '4', '5', '6', '7':
				x := int(c - '0')
				for k := 0; k < 2 && i+1 < len(data) && data[i+1] >= '0' && data[i+1] <= '7'; k++ {
					i++
					x = x*8 + int(data[i]-'0')
				}
				c = byte(x) // overflow of the high-order bits is ignored
			}
			// Any other escaped character stands for itself (the
			// backslash is ignored).
		}
		l.buf = append(l.buf, c)
	}
	return nil, l.fail(start, "string without its end")
}

// hex reads a hexadecimal string at l.pos; white space inside is ignored,
// a missing last digit is 0.
func (l *lexer) hex() ([]byte, error) {
	data := l.data
	start := l.pos
	b0 := len(l.buf)
	hi := -1
	for i := start + 1; i < len(data); i++ {
		c := data[i]
		if c == '>' {
			if hi >= 0 {
				l.buf = append(l.buf, byte(hi<<4))
			}
			l.pos = i + 1
			if len(l.buf)-b0 > l.lim.String {
				return nil, l.limit(start, "bytes in one string", l.lim.String)
			}
			return l.buf[b0:len(l.buf):len(l.buf)], nil
		}
		if isWhite(c) {
			continue
		}
		d := unhex(c)
		if d < 0 {
			return nil, l.fail(i, "invalid character in a hexadecimal string")
		}
		if hi < 0 {
			hi = d
			continue
		}
		l.buf = append(l.buf, byte(hi<<4|d))
		hi = -1
		if len(l.buf)-b0 > l.lim.String {
			return nil, l.limit(start, "bytes in one string", l.lim.String)
		}
	}
	return nil, l.fail(start, "hexadecimal string without its end")
}

// name reads a name at l.pos (its slash); #xx stands for the byte xx, a
// # not followed by two hex digits for itself.
func (l *lexer) name() ([]byte, error) {
	data := l.data
	start := l.pos + 1
	i := start
	escaped := false
	for i < len(data) && isRegular(data[i]) {
		if data[i] == '#' {
			escaped = true
		}
		i++
	}
	l.pos = i
	if i-start > l.lim.String {
		return nil, l.limit(start-1, "bytes in one name", l.lim.String)
	}
	if !escaped {
		return data[start:i:i], nil
	}
	b0 := len(l.buf)
	for j := start; j < i; j++ {
		c := data[j]
		if c == '#' && j+2 < i {
			if hi, lo := unhex(data[j+1]), unhex(data[j+2]); hi >= 0 && lo >= 0 {
				l.buf = append(l.buf, byte(hi<<4|lo))
				j += 2
				continue
			}
		}
		l.buf = append(l.buf, c)
	}
	return l.buf[b0:len(l.buf):len(l.buf)], nil
}

// nargs returns the number of top-level operands.
func (l *lexer) nargs() int { return len(l.top) }

// arg returns the i-th top-level operand (a null past the last).
func (l *lexer) arg(i int) object {
	if i < 0 || i >= len(l.top) {
		return object{}
	}
	return l.stk[l.top[i]]
}

// num returns the i-th operand as a number, 0 when it is none.
func (l *lexer) num(i int) float64 {
	if o := l.arg(i); o.kind == kNumber {
		return o.num
	}
	return 0
}

// elems returns the elements of the i-th operand, an array or a
// dictionary, flattened: a nested array or dictionary is followed by its
// own elements up to its end (as an index into the returned slice, minus
// base).
func (l *lexer) elems(i int) (elems []object, base int32) {
	if i < 0 || i >= len(l.top) {
		return nil, 0
	}
	at := l.top[i]
	o := l.stk[at]
	if o.kind != kArray && o.kind != kDict {
		return nil, 0
	}
	return l.stk[at+1 : o.end], at + 1
}

func isWhite(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isWhite(c) && !isDelim(c) }

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// pow10 holds the powers of ten a float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseNumber reads a PDF number: an optional sign, digits with at most
// one period, at least one digit. The value is the one strconv.ParseFloat
// gives (the integer and fraction fit a float64 exactly in the fast path,
// where one division rounds correctly); an integer is never -0.
func parseNumber(b []byte) (float64, bool) {
	i := 0
	neg := false
	if b[0] == '+' || b[0] == '-' {
		neg = b[0] == '-'
		i++
	}
	var mant uint64
	digits, frac := 0, 0
	dot, exact := false, true
	for ; i < len(b); i++ {
		c := b[i]
		if c == '.' {
			if dot {
				return 0, false
			}
			dot = true
			continue
		}
		if c < '0' || c > '9' {
			return 0, false
		}
		digits++
		if dot {
			frac++
		}
		if mant >= 1<<53/10 {
			exact = false
			continue
		}
		mant = mant*10 + uint64(c-'0')
	}
	if digits == 0 {
		return 0, false
	}
	if !exact || frac >= len(pow10) {
		v, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return 0, false // out of range: no number
		}
		if !dot && v == 0 {
			v = 0
		}
		return v, true
	}
	v := float64(mant)
	if frac > 0 {
		v /= pow10[frac]
	}
	if neg && (dot || mant != 0) {
		v = -v
	}
	return v, true
}

// skip returns the index in el past element j and its own elements; base
// is the index of el[0] in the operand stack.
func skip(el []object, j int, base int32) int {
	if k := el[j].kind; k == kArray || k == kDict {
		return int(el[j].end - base)
	}
	return j + 1
}

// forPairs calls fn with each key and value of the flattened elements of
// a dictionary.
func forPairs(el []object, base int32, fn func(k, v object)) {
	for j := 0; j < len(el); {
		k := el[j]
		j = skip(el, j, base)
		if j >= len(el) {
			return
		}
		fn(k, el[j])
		j = skip(el, j, base)
	}
}
