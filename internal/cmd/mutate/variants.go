package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/internal/pdftest"
)

// variant is one damaged copy of a sample, written to a file as soon as
// it is made so that the variants of a sample are never all in memory.
type variant struct {
	name string // kind/detail, unique within a sample
	kind string
	path string
	size int
}

// object is an indirect object of a sample: its number and the bytes of
// its body between "obj" and "endobj".
type object struct {
	num        int
	start, end int // offsets of the body in the file
}

var (
	objHeader = regexp.MustCompile(`(?m)^(\d+) (\d+) obj\b`)
	fontDict  = regexp.MustCompile(`/Type\s*/Font\b`)
	subtype   = regexp.MustCompile(`/Subtype\s*/(Type1|TrueType|Type0|Type3|CIDFontType[02])\b`)
)

// objects lists the indirect objects of data in file order.
func objects(data []byte) []object {
	var out []object
	for _, m := range objHeader.FindAllSubmatchIndex(data, -1) {
		n, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		body := m[1]
		end := bytes.Index(data[body:], []byte("endobj"))
		if end < 0 {
			continue
		}
		out = append(out, object{num: n, start: body, end: body + end})
	}
	return out
}

func (o object) body(data []byte) string { return string(data[o.start:o.end]) }

// fonts returns the objects that are font dictionaries.
func fonts(data []byte, objs []object) []object {
	var out []object
	for _, o := range objs {
		b := data[o.start:o.end]
		if len(b) < 4096 && fontDict.Match(b) && subtype.Match(b) {
			out = append(out, o)
		}
	}
	return out
}

// mutator makes the variants of one sample.
type mutator struct {
	dir      string // where the variants are written
	err      error  // the first failure to write one
	data     []byte
	objs     []object
	contents []int // content stream of each page, by page
	fonts    []object
	rng      *rand.Rand
	out      []variant
}

func (m *mutator) add(kind, detail string, data []byte) {
	path := filepath.Join(m.dir, fmt.Sprintf("%04d.pdf", len(m.out)))
	if err := os.WriteFile(path, data, 0o644); err != nil && m.err == nil {
		m.err = err
	}
	m.out = append(m.out, variant{name: kind + "/" + detail, kind: kind, path: path, size: len(data)})
}

// page picks a page among the first pages and the rest, so that damage
// lands on the cover, the Indice and the objective tables alike.
func (m *mutator) page(i int) int {
	picks := []int{1, 2, 3, 5, 8, 13, 21, 34, 55, 89}
	n := picks[i%len(picks)]
	return min(n, len(m.contents))
}

// update replaces object num by an incremental update.
func (m *mutator) update(num int, body string) []byte {
	return pdftest.Update(m.data, num, body)
}

// contentUpdate replaces the content of page p with data.
func (m *mutator) contentUpdate(p int, dict string, data []byte) []byte {
	return m.update(m.contents[p-1], pdftest.Stream(dict, data))
}

// variants writes the damaged copies of data into dir.
func variants(data []byte, seed uint64, dir string) ([]variant, error) {
	m := &mutator{dir: dir, data: data, rng: rand.New(rand.NewPCG(seed, 0x6f626965))}
	m.objs = objects(data)
	m.contents = pdftest.ContentObjects(data)
	m.fonts = fonts(data, m.objs)
	m.byteFlips()
	m.truncations()
	m.xrefDamage()
	m.objectHeaders()
	m.hostileContent()
	m.fontDamage()
	m.pageDamage()
	m.hugeStrings()
	m.deepNesting()
	m.afterEOF()
	m.streamDamage()
	return m.out, m.err
}

func (m *mutator) byteFlips() {
	for i, n := range []int{1, 1, 1, 2, 4, 8, 16, 32, 64, 128, 256, 1024} {
		d := bytes.Clone(m.data)
		for range n {
			d[m.rng.IntN(len(d))] ^= byte(1 + m.rng.IntN(255))
		}
		m.add("byteflip", fmt.Sprintf("%d-%d", n, i), d)
	}
	// Flips in the structure: the first and last kilobytes.
	for i := range 6 {
		d := bytes.Clone(m.data)
		at := m.rng.IntN(1024)
		if i%2 == 1 {
			at = len(d) - 1 - m.rng.IntN(min(1024, len(d)))
		}
		d[at] ^= 0xff
		m.add("byteflip", fmt.Sprintf("edge-%d", i), d)
	}
}

func (m *mutator) truncations() {
	for _, f := range []float64{0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999} {
		m.add("truncate", fmt.Sprintf("%g", f), bytes.Clone(m.data[:int(float64(len(m.data))*f)]))
	}
	for _, kw := range []string{"xref", "trailer", "startxref", "%%EOF"} {
		if i := bytes.LastIndex(m.data, []byte(kw)); i > 0 {
			m.add("truncate", "at-"+strings.Trim(kw, "%"), bytes.Clone(m.data[:i+len(kw)/2]))
		}
	}
	if len(m.contents) > 2 {
		if o, ok := m.object(m.contents[2]); ok {
			mid := (o.start + o.end) / 2
			m.add("truncate", "mid-stream", bytes.Clone(m.data[:mid]))
		}
	}
}

func (m *mutator) object(num int) (object, bool) {
	for _, o := range m.objs {
		if o.num == num {
			return o, true
		}
	}
	return object{}, false
}

func (m *mutator) xrefDamage() {
	x := bytes.LastIndex(m.data, []byte("\nxref"))
	sx := bytes.LastIndex(m.data, []byte("startxref"))
	if x < 0 || sx < 0 {
		return
	}
	table := m.data[x:sx]
	entries := regexp.MustCompile(`\d{10} \d{5} n`).FindAllIndex(table, -1)
	replace := func(detail string, f func(d []byte)) {
		d := bytes.Clone(m.data)
		f(d)
		m.add("xref", detail, d)
	}
	for i, pick := range []int{1, 2, len(entries) / 2, len(entries) - 1} {
		if pick <= 0 || pick >= len(entries) {
			continue
		}
		e := entries[pick]
		replace(fmt.Sprintf("entry-zero-%d", i), func(d []byte) { copy(d[x+e[0]:], "0000000000") })
		replace(fmt.Sprintf("entry-off-by-%d", i), func(d []byte) {
			off, _ := strconv.Atoi(string(table[e[0] : e[0]+10]))
			copy(d[x+e[0]:], fmt.Sprintf("%010d", off+7))
		})
		replace(fmt.Sprintf("entry-free-%d", i), func(d []byte) { d[x+e[1]-1] = 'f' })
		replace(fmt.Sprintf("entry-garbage-%d", i), func(d []byte) { copy(d[x+e[0]:], "\x00\x80zz\xff") })
	}
	replace("all-entries-zero", func(d []byte) {
		for _, e := range entries {
			copy(d[x+e[0]:], "0000000017")
		}
	})
	startxref := regexp.MustCompile(`startxref\s+(\d+)`).FindSubmatchIndex(m.data[sx:])
	if startxref != nil {
		at, end := sx+startxref[2], sx+startxref[3]
		for i, v := range []string{"0", "1", "99999999", "-5", "abc"} {
			d := slices.Concat(m.data[:at], []byte(v), m.data[end:])
			m.add("xref", fmt.Sprintf("startxref-%d", i), d)
		}
	}
	sub := regexp.MustCompile(`xref\s+(\d+ \d+)`).FindSubmatchIndex(m.data[x:])
	if sub != nil {
		at, end := x+sub[2], x+sub[3]
		for i, v := range []string{"0 999999999", "2000000000 6", "+1999999990 5", "-1 5", "0 0", "1 3"} {
			m.add("xref", fmt.Sprintf("subsection-%d", i), slices.Concat(m.data[:at], []byte(v), m.data[end:]))
		}
	}
	m.add("xref", "removed", slices.Concat(m.data[:x+1], m.data[sx:]))
	m.add("xref", "shifted", slices.Concat(m.data[:20], []byte("%"+strings.Repeat("x", 300)+"\n"), m.data[20:]))
	if tr := bytes.LastIndex(m.data, []byte("trailer")); tr > 0 {
		if open := bytes.Index(m.data[tr:], []byte("<<")); open > 0 {
			at := tr + open + 2
			for i, v := range []string{"/Root 9999 0 R", "/Root 1 0 R /Prev 0", "/Size 2147483647", "/Size -1", "/Encrypt 1 0 R"} {
				m.add("trailer", strconv.Itoa(i), slices.Concat(m.data[:at], []byte(" "+v+" "), m.data[at:]))
			}
		}
	}
}

func (m *mutator) objectHeaders() {
	if len(m.objs) == 0 {
		return
	}
	picks := []int{0, 1, 2, len(m.objs) / 3, len(m.objs) / 2, len(m.objs) - 1}
	for i, pi := range picks {
		o := m.objs[pi]
		header := m.data[:o.start]
		h := bytes.LastIndex(header, []byte(strconv.Itoa(o.num)+" "))
		if h < 0 {
			continue
		}
		for j, repl := range []string{"1999999999 0 obj", "99999999 0 obj", "-3 0 obj", strconv.Itoa(o.num) + " 99999 obj", strconv.Itoa(o.num) + " 0 obz", "1 0 obj", "x y obj", strconv.Itoa(o.num) + " 0 obj obj"} {
			d := slices.Concat(m.data[:h], []byte(repl), m.data[o.start:])
			m.add("objheader", fmt.Sprintf("%d-%d", i, j), d)
		}
		// endobj lost.
		d := slices.Concat(m.data[:o.end], []byte("endob "), m.data[o.end+6:])
		m.add("objheader", fmt.Sprintf("%d-endobj", i), d)
	}
	// Two objects with the same number, the second a dictionary.
	if len(m.contents) > 4 {
		m.add("objheader", "duplicate", m.update(m.contents[0], "<< /Type /Page >>"))
	}
}

func (m *mutator) hostileContent() {
	if len(m.contents) == 0 {
		return
	}
	cases := []struct {
		name string
		data []byte
	}{
		{"hex-malformed", []byte("BT /F1 9 Tf 72 720 Td <4142ZZ> Tj ET\n" + strings.Repeat("0 0 m 10 10 l S\n", 200))},
		{"hex-unterminated", []byte("BT /F1 9 Tf 72 720 Td <414243" + strings.Repeat("0 0 m 10 10 l S\n", 200))},
		{"string-unterminated", []byte("BT /F1 9 Tf 72 720 Td (abc" + strings.Repeat("0 0 m 10 10 l S\n", 200))},
		{"tj-5m", []byte("BT /F1 9 Tf 72 720 Td (" + strings.Repeat("A", 5_000_000) + ") Tj ET")},
		{"tj-array-1m", []byte("BT /F1 9 Tf 72 720 Td [" + strings.Repeat("(A) -5 ", 500_000) + "] TJ ET")},
		{"ops-2m", []byte(strings.Repeat("0 0 m\n", 2_000_000))},
		{"rects-500k", []byte(strings.Repeat("1 1 1 rg 0 0 10 10 re f\n", 500_000))},
		{"q-deep", []byte(strings.Repeat("q ", 200_000) + strings.Repeat("Q ", 200_000))},
		{"bt-unbalanced", []byte(strings.Repeat("BT ", 10000) + "(x) Tj")},
		{"et-alone", []byte("ET ET Q Q (x) Tj")},
		{"unknown-ops", []byte("foo bar 1 2 baz BT /F9 9 Tf 1 0 0 1 50 50 Tm (x) Tj ET")},
		{"binary", randomBytes(m.rng, 20000)},
		{"numbers-huge", []byte("1e309 1e309 1e309 1e309 1e309 1e309 cm BT /F1 1e400 Tf 99999999999999999999 0 Td (x) Tj ET")},
		{"nan", []byte("NaN NaN NaN NaN NaN NaN cm BT /F1 9 Tf (x) Tj ET")},
		{"inline-image", []byte("q BI /W 10 /H 10 /BPC 8 /CS /G ID " + string(randomBytes(m.rng, 100)) + " EI Q BT /F1 9 Tf 72 720 Td (after) Tj ET")},
		{"inline-image-unterminated", []byte("q BI /W 100 /H 100 /BPC 8 /CS /RGB ID " + string(randomBytes(m.rng, 3000)))},
		{"font-missing", []byte("BT /NoSuchFont 9 Tf 72 720 Td (x) Tj ET")},
		{"do-missing", []byte("/NoSuchForm Do /Im1 Do")},
		{"dict-in-content", []byte("<< /A << /B [1 2 3] >> >> BT (x) Tj ET")},
		{"empty", nil},
	}
	for i, c := range cases {
		p := m.page(i)
		m.add("content", fmt.Sprintf("%s-p%d", c.name, p), m.contentUpdate(p, "", c.data))
	}
	// Content that is not the stream it claims to be.
	for i, dict := range []string{"/Filter /FlateDecode", "/Filter /LZWDecode", "/Filter /ASCII85Decode", "/Filter /DCTDecode", "/Filter /NoSuchDecode", "/Filter [/FlateDecode /FlateDecode /FlateDecode /FlateDecode /FlateDecode /FlateDecode /FlateDecode /FlateDecode /FlateDecode]"} {
		p := m.page(i + 3)
		m.add("content", fmt.Sprintf("filter-%d-p%d", i, p), m.contentUpdate(p, dict, []byte("not the data the filter wants")))
	}
	// The page's content made a reference to itself and to a non-stream.
	for i, v := range []string{"null", "[1 0 R 2 0 R]", "(a string)", "<< /Length 5 >>"} {
		p := m.page(i + 5)
		m.add("content", fmt.Sprintf("not-a-stream-%d-p%d", i, p), m.update(m.contents[p-1], v))
	}
}

func (m *mutator) fontDamage() {
	for i, f := range m.fonts {
		if i >= 4 {
			break
		}
		body := f.body(m.data)
		cases := []string{
			"<< /Type /Font >>",
			"<< /Type /Font /Subtype /Type1 >>",
			"<< /Type /Font /Subtype /NoSuchType /BaseFont /X >>",
			strings.Replace(body, "/Subtype", "/Widths ["+strings.Repeat("999999 ", 100000)+"] /FirstChar -5 /Subtype", 1),
			strings.Replace(body, "/Subtype", "/ToUnicode 2 0 R /Subtype", 1),
			strings.Replace(body, "/Subtype", "/Encoding << /Differences [0 "+strings.Repeat("/a ", 70000)+"] >> /Subtype", 1),
			strings.Replace(body, "/Subtype", "/FirstChar 4294967295 /LastChar -4294967295 /Subtype", 1),
			"null",
			"[1 2 3]",
		}
		for j, c := range cases {
			m.add("font", fmt.Sprintf("%d-%d", i, j), m.update(f.num, c))
		}
	}
	// A font's ToUnicode map replaced by garbage and by a bomb.
	tu := regexp.MustCompile(`/ToUnicode\s+(\d+)\s+0\s+R`)
	for i, f := range m.fonts {
		if i >= 2 {
			break
		}
		if mm := tu.FindStringSubmatch(f.body(m.data)); mm != nil {
			n, _ := strconv.Atoi(mm[1])
			m.add("font", fmt.Sprintf("tounicode-garbage-%d", i), m.update(n, pdftest.Stream("", randomBytes(m.rng, 5000))))
			m.add("font", fmt.Sprintf("tounicode-cmap-hostile-%d", i), m.update(n, pdftest.Stream("", []byte("/CIDInit /ProcSet findresource begin 1 begincodespacerange <00> <FFFFFFFF> endcodespacerange 1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange end"))))
			m.add("font", fmt.Sprintf("tounicode-bomb-%d", i), m.update(n, pdftest.Stream("/Filter /FlateDecode", pdftest.ZlibZeros(512))))
		}
	}
}

func (m *mutator) pageDamage() {
	pages := pageObjects(m.data, m.objs)
	for i, pg := range pages {
		if i >= 6 {
			break
		}
		body := pg.body(m.data)
		p := i*17 + 1
		cases := []struct{ name, body string }{
			{"mediabox-zero", replaceKey(body, "/MediaBox", "[0 0 0 0]")},
			{"mediabox-nan", replaceKey(body, "/MediaBox", "[0 0 NaN 1e400]")},
			{"mediabox-huge", replaceKey(body, "/MediaBox", "[0 0 99999999 99999999]")},
			{"mediabox-short", replaceKey(body, "/MediaBox", "[0 0]")},
			{"rotate-45", strings.Replace(body, "/MediaBox", "/Rotate 45 /MediaBox", 1)},
			{"rotate-huge", strings.Replace(body, "/MediaBox", "/Rotate -2147483648 /MediaBox", 1)},
			{"no-resources", strings.Replace(body, "/Resources", "/NoResources", 1)},
			{"no-contents", strings.Replace(body, "/Contents", "/NoContents", 1)},
			{"parent-self", strings.Replace(body, "/Parent", fmt.Sprintf("/Parent %d 0 R /OldParent", pg.num), 1)},
			{"type-pages", strings.Replace(body, "/Type /Page", "/Type /Pages /Kids ["+strconv.Itoa(pg.num)+" 0 R]", 1)},
		}
		for _, c := range cases {
			m.add("page", fmt.Sprintf("%s-%d", c.name, p), m.update(pg.num, c.body))
		}
	}
	// The page tree: its root with a cycle, absurd counts.
	for _, o := range m.objs {
		body := o.body(m.data)
		if strings.Contains(body, "/Kids") && regexp.MustCompile(`/Type\s*/Pages`).MatchString(body) {
			kids := regexp.MustCompile(`/Kids\s*\[`)
			m.add("pagetree", "self-kid", m.update(o.num, kids.ReplaceAllString(body, fmt.Sprintf("/Kids [%d 0 R ", o.num))))
			m.add("pagetree", "count-huge", m.update(o.num, regexp.MustCompile(`/Count\s+\d+`).ReplaceAllString(body, "/Count 2147483647")))
			m.add("pagetree", "kids-null", m.update(o.num, kids.ReplaceAllString(body, "/Kids [null null ")))
			m.add("pagetree", "kids-missing", m.update(o.num, strings.Replace(body, "/Kids", "/NoKids", 1)))
			break
		}
	}
}

func pageObjects(data []byte, objs []object) []object {
	typePage := regexp.MustCompile(`/Type\s*/Page\b`)
	var out []object
	for _, o := range objs {
		b := data[o.start:o.end]
		if len(b) < 8192 && typePage.Match(b) && bytes.Contains(b, []byte("/MediaBox")) {
			out = append(out, o)
		}
	}
	return out
}

// replaceKey replaces the value of key (an array) in a dictionary's text.
func replaceKey(body, key, value string) string {
	re := regexp.MustCompile(regexp.QuoteMeta(key) + `\s*\[[^\]]*\]`)
	return re.ReplaceAllLiteralString(body, key+" "+value)
}

func (m *mutator) hugeStrings() {
	pages := pageObjects(m.data, m.objs)
	if len(pages) == 0 {
		return
	}
	pg := pages[1%len(pages)]
	body := pg.body(m.data)
	for i, v := range []string{
		"/Huge (" + strings.Repeat("x", 20_000_000) + ")",
		"/Huge <" + strings.Repeat("41", 5_000_000) + ">",
		"/" + strings.Repeat("N", 1_000_000) + " 1",
		"/Huge [" + strings.Repeat("1 ", 2_000_000) + "]",
		"/Huge << " + strings.Repeat("/K 1 ", 500_000) + ">>",
	} {
		m.add("huge", strconv.Itoa(i), m.update(pg.num, strings.Replace(body, "/MediaBox", v+" /MediaBox", 1)))
	}
	m.add("huge", "content-string", m.contentUpdate(m.page(4), "", []byte("BT /F1 9 Tf 72 720 Td <"+strings.Repeat("41", 3_000_000)+"> Tj ET")))
	m.add("huge", "content-number", m.contentUpdate(m.page(5), "", []byte("BT /F1 9 Tf "+strings.Repeat("9", 1_000_000)+" 720 Td (x) Tj ET")))
	m.add("huge", "content-name", m.contentUpdate(m.page(6), "", []byte("BT /"+strings.Repeat("F", 1_000_000)+" 9 Tf (x) Tj ET")))
}

func (m *mutator) deepNesting() {
	pages := pageObjects(m.data, m.objs)
	if len(pages) == 0 {
		return
	}
	pg := pages[2%len(pages)]
	body := pg.body(m.data)
	for _, n := range []int{1000, 100_000} {
		m.add("nesting", fmt.Sprintf("array-%d", n), m.update(pg.num, strings.Replace(body, "/MediaBox", "/Deep "+strings.Repeat("[", n)+strings.Repeat("]", n)+" /MediaBox", 1)))
		m.add("nesting", fmt.Sprintf("dict-%d", n), m.update(pg.num, strings.Replace(body, "/MediaBox", "/Deep "+strings.Repeat("<< /A ", n)+strings.Repeat(">> ", n)+" /MediaBox", 1)))
		m.add("nesting", fmt.Sprintf("content-array-%d", n), m.contentUpdate(m.page(n%7), "", []byte(strings.Repeat("[", n)+strings.Repeat("]", n)+" pop BT (x) Tj ET")))
		m.add("nesting", fmt.Sprintf("content-dict-%d", n), m.contentUpdate(m.page(n%5+1), "", []byte(strings.Repeat("<<", n)+strings.Repeat(">>", n)+" BT (x) Tj ET")))
		m.add("nesting", fmt.Sprintf("unbalanced-%d", n), m.update(pg.num, strings.Replace(body, "/MediaBox", "/Deep "+strings.Repeat("[", n)+" /MediaBox", 1)))
	}
	// Form XObjects that draw each other.
	if len(m.contents) > 3 {
		n := len(m.objs) + 1000
		d := m.update(m.contents[2], pdftest.Stream("", []byte("/Fx Do")))
		d = pdftest.Update(d, n, pdftest.Stream("/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /Fx "+strconv.Itoa(n)+" 0 R >> >>", []byte("/Fx Do")))
		m.add("nesting", "form-cycle", d)
	}
}

func (m *mutator) afterEOF() {
	tails := []string{
		"garbage 12 b",
		"\n<html><body>404 Not Found</body></html>\n",
		string(make([]byte, 4096)),
		"\n%%EOF\n%%EOF\n",
		"\n%PDF-1.7\n1 0 obj << >> endobj\n",
		"\n-----BEGIN PKCS7-----\nMIIBAgYJKoZIhvcNAQcCoIIBDzCCAQsCAQExADALBgkqhkiG9w0BBwGg\n-----END PKCS7-----\n",
		string(randomBytes(m.rng, 100)),
		"\nstartxref\n0\n%%EOF\n",
		"\r\n\r\n   \t\t\r\n",
		strings.Repeat("x", 1<<20),
	}
	for i, t := range tails {
		m.add("eof", strconv.Itoa(i), slices.Concat(m.data, []byte(t)))
	}
	// No marker at all, and junk before the header.
	m.add("eof", "no-marker", bytes.TrimSuffix(bytes.TrimRight(m.data, "\r\n"), []byte("%%EOF")))
	m.add("eof", "junk-before-header", slices.Concat([]byte("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n"), m.data))
}

func (m *mutator) streamDamage() {
	for i := range 12 {
		p := m.page(i)
		o, ok := m.object(m.contents[p-1])
		if !ok {
			continue
		}
		s := bytes.Index(m.data[o.start:o.end], []byte("stream"))
		e := bytes.LastIndex(m.data[o.start:o.end], []byte("endstream"))
		if s < 0 || e < 0 {
			continue
		}
		from, to := o.start+s+len("stream\n"), o.start+e
		if to-from < 40 {
			continue
		}
		d := bytes.Clone(m.data)
		switch i % 4 {
		case 0: // cut short: the tail zeroed, the length kept
			for k := from + (to-from)/2; k < to; k++ {
				d[k] = 0
			}
			m.add("stream", fmt.Sprintf("cut-p%d", p), d)
		case 1: // a byte flipped in the middle
			d[(from+to)/2] ^= 0x5a
			m.add("stream", fmt.Sprintf("flip-p%d", p), d)
		case 2: // the checksum damaged
			d[to-3] ^= 0xff
			m.add("stream", fmt.Sprintf("checksum-p%d", p), d)
		case 3: // a decompression bomb in its place
			m.add("stream", fmt.Sprintf("bomb-p%d", p), m.contentUpdate(p, "/Filter [/FlateDecode /FlateDecode]", pdftest.Deflate(pdftest.ZlibZeros(4096))))
		}
	}
}

func randomBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}
