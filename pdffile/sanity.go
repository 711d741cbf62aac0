package pdffile

import (
	"bytes"
	"reflect"

	"github.com/ledongthuc/pdf"
)

// Numbers in a file that make ledongthuc/pdf allocate memory up front. A
// hostile file can name a cross-reference table of billions of entries; the
// Go runtime cannot recover from the failed allocation, so such files are
// caught here, before the reader sees them, and left to the repair pass,
// which has limits of its own.
const (
	minObjectLimit = 1 << 20 // object numbers always allowed
	maxFieldWidth  = 8       // bytes of one field of an xref stream entry
	maxColumns     = 1 << 24 // bytes in one row of a PNG predictor
)

// objectLimit is the highest object number accepted in a file of n bytes:
// every object takes several bytes of the file.
func objectLimit(n int) int64 { return max(minObjectLimit, int64(n)/8) }

// checkSizes scans data for cross-reference sizes, xref stream field widths,
// object stream counts and predictor widths beyond what the file could hold.
func checkSizes(data []byte) error {
	limit := objectLimit(len(data))
	for _, c := range []struct {
		key      string
		max      int64
		array    bool
		xrefOnly bool // only in the dictionary of an xref stream
	}{
		{"/Size", limit, false, false},
		{"/N", limit, false, false},
		{"/Columns", maxColumns, false, false},
		{"/Index", limit, true, false},
		{"/W", maxFieldWidth, true, true}, // fonts have /W arrays too
	} {
		for at := 0; ; {
			i := bytes.Index(data[at:], []byte(c.key))
			if i < 0 {
				break
			}
			pos := at + i
			at = pos + len(c.key)
			rest := data[at:]
			if len(rest) > 0 && !isDelimOrSpace(rest[0]) {
				continue // a longer name, such as /Names
			}
			if c.xrefOnly && !inXrefStreamDict(data, pos) {
				continue
			}
			nums := leadingInts(rest, c.array)
			for _, n := range nums {
				if n < 0 || n > c.max {
					return because(ErrDamaged, "%s %d is out of range", c.key, n)
				}
			}
		}
	}
	return checkXrefTables(data, limit)
}

// inXrefStreamDict reports whether the object around position pos of data
// is an xref stream: /XRef between the nearest "obj" before pos and the
// nearest "stream" after it.
func inXrefStreamDict(data []byte, pos int) bool {
	const reach = 4096
	start := bytes.LastIndex(data[max(0, pos-reach):pos], []byte("obj"))
	if start < 0 {
		return false
	}
	start += max(0, pos-reach)
	end := bytes.Index(data[pos:min(len(data), pos+reach)], []byte("stream"))
	if end < 0 {
		return false
	}
	return bytes.Contains(data[start:pos+end], []byte("/XRef"))
}

// checkXrefTables checks the subsection headers ("first count") of every
// classic cross-reference table in data: every line of two integers
// between an xref keyword and its trailer, wherever damaged entries put it.
func checkXrefTables(data []byte, limit int64) error {
	for rest := data; ; {
		i := bytes.Index(rest, []byte("xref"))
		if i < 0 {
			return nil
		}
		atLineStart := i == 0 || rest[i-1] == '\n' || rest[i-1] == '\r'
		rest = rest[i+len("xref"):]
		if !atLineStart || len(rest) == 0 || !isSpace(rest[0]) {
			continue
		}
		table := rest
		if end := bytes.Index(rest, []byte("trailer")); end >= 0 {
			table = rest[:end]
		}
		for len(table) > 0 {
			line := table
			if j := bytes.IndexAny(table, "\r\n"); j >= 0 {
				line, table = table[:j], table[j+1:]
			} else {
				table = nil
			}
			first, next, ok := readInt(line)
			if !ok {
				continue
			}
			count, next, ok := readInt(next)
			if !ok || len(skipSpace(next)) > 0 {
				continue // an entry, or no header
			}
			if first < 0 || count < 0 || first > limit || count > limit {
				return because(ErrDamaged, "cross-reference subsection %d %d is out of range", first, count)
			}
		}
	}
}

// leadingInts reads the integer after a key, or with array the integers of
// the array after it; anything else yields nothing.
func leadingInts(s []byte, array bool) []int64 {
	s = skipSpace(s)
	if !array {
		n, _, ok := readInt(s)
		if !ok {
			return nil
		}
		return []int64{n}
	}
	if len(s) == 0 || s[0] != '[' {
		return nil
	}
	s = s[1:]
	var nums []int64
	for len(nums) < 1024 {
		n, next, ok := readInt(s)
		if !ok {
			break
		}
		nums = append(nums, n)
		s = next
	}
	return nums
}

// readInt reads an integer token after optional white space, with its
// optional sign (readers accept "+17"). A negative number, or one that
// overflows, reads as -1 so that every range check refuses it.
func readInt(s []byte) (n int64, rest []byte, ok bool) {
	s = skipSpace(s)
	i, neg := 0, false
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		i++
	}
	digits := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		if n >= 0 {
			n = n*10 + int64(s[i]-'0')
			if n > 1<<53 {
				n = -1
			}
		}
		i++
	}
	if i == digits || i < len(s) && !isDelimOrSpace(s[i]) {
		return 0, s, false
	}
	if neg && n != 0 {
		n = -1
	}
	return n, s[i:], true
}

func skipSpace(s []byte) []byte {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	return s
}

func isSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', 0:
		return true
	}
	return false
}

func isDelimOrSpace(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return isSpace(c)
}

// checkObjectStreams refuses a cross-reference table that places an object
// stream inside an object stream: the spec forbids it, and ledongthuc/pdf
// would recurse without end resolving such an object.
//
// The table is not exported, so it is read through reflection (read-only);
// if the reader's layout ever changes the check is skipped, and the tests
// of this package fail.
func checkObjectStreams(r *pdf.Reader) error {
	table := reflect.ValueOf(r).Elem().FieldByName("xref")
	if !table.IsValid() || table.Kind() != reflect.Slice {
		return nil
	}
	n := table.Len()
	if n == 0 {
		return nil
	}
	et := table.Type().Elem()
	inStream, ok1 := et.FieldByName("inStream")
	strm, ok2 := et.FieldByName("stream")
	if !ok1 || !ok2 || inStream.Type.Kind() != reflect.Bool {
		return nil
	}
	for i := range n {
		e := table.Index(i)
		if !e.FieldByIndex(inStream.Index).Bool() {
			continue
		}
		id, ok := asRef(e.FieldByIndex(strm.Index))
		if !ok || int(id.id) >= n {
			continue
		}
		if table.Index(int(id.id)).FieldByIndex(inStream.Index).Bool() {
			return because(ErrDamaged, "object %d is in object stream %d, itself in an object stream", i, id.id)
		}
	}
	return nil
}

// checkOffsets refuses a cross-reference table that places an object where
// the file holds no header of that object: readers rebuild such a table
// from the objects themselves, and ledongthuc/pdf, which resolves objects
// only when they are asked for, would fail on a page long after opening.
//
// The table is read through reflection (read-only), as in
// checkObjectStreams.
func checkOffsets(r *pdf.Reader, data []byte) error {
	table := reflect.ValueOf(r).Elem().FieldByName("xref")
	if !table.IsValid() || table.Kind() != reflect.Slice {
		return nil
	}
	et := table.Type().Elem()
	ptr, ok1 := et.FieldByName("ptr")
	inStream, ok2 := et.FieldByName("inStream")
	offset, ok3 := et.FieldByName("offset")
	if !ok1 || !ok2 || !ok3 || offset.Type.Kind() != reflect.Int64 || inStream.Type.Kind() != reflect.Bool {
		return nil
	}
	for i := range table.Len() {
		e := table.Index(i)
		id, ok := asRef(e.FieldByIndex(ptr.Index))
		if !ok || id.id == 0 || e.FieldByIndex(inStream.Index).Bool() {
			continue // a free or missing entry, or one in an object stream
		}
		off := e.FieldByIndex(offset.Index).Int()
		if !headerAt(data, off, id) {
			return because(ErrDamaged, "object %d is not where the cross-reference table places it", id.id)
		}
	}
	return nil
}

// headerAt reports whether data holds the header "id gen obj" at off,
// after optional white space.
func headerAt(data []byte, off int64, id ref) bool {
	if off < 0 || off >= int64(len(data)) {
		return false
	}
	s := skipSpace(data[off:min(int64(len(data)), off+64)])
	num, s, ok := readInt(s)
	if !ok || num != int64(id.id) {
		return false
	}
	gen, s, ok := readInt(s)
	if !ok || gen != int64(id.gen) {
		return false
	}
	return bytes.HasPrefix(skipSpace(s), []byte("obj"))
}
