package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"

	"github.com/obiettivi/obiettivi/plan"
)

var update = flag.Bool("update", false, "rewrite the PDFs and printed plans in testdata")

const goldenPlan = "../../testdata/truth/capannori-2024.json"

func readPlan(t testing.TB, path string) *plan.Document {
	t.Helper()
	doc, err := plan.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func printPlan(t testing.TB, doc *plan.Document, opt Options) ([]byte, *Result) {
	t.Helper()
	var b bytes.Buffer
	res, err := Print(context.Background(), doc, &b, opt)
	if err != nil {
		t.Fatalf("Print: %v", err)
	}
	return b.Bytes(), res
}

// pageTexts is the text of every page as pdftotext reads it; the test is
// skipped where pdftotext is not installed.
func pageTexts(t testing.TB, doc []byte) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	return pages[:len(pages)-1]
}

var brokenWord = regexp.MustCompile(`([\p{L}\p{N}])-\n`)

// readBack is text as an extractor reads it: lines ending in a hyphen
// inside a word joined without a space, other lines with one, whitespace
// collapsed.
func readBack(s string) string {
	return plan.Canon(brokenWord.ReplaceAllString(s, "$1-"))
}

// openPDF opens doc with a second, independent PDF reader.
func openPDF(t testing.TB, doc []byte) *pdf.Reader {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatalf("ledongthuc/pdf cannot open the output: %v", err)
	}
	return r
}

// checkPrinted checks a printed document against the plan Print says it
// printed: page count, page size, footer, and the page of every unit,
// objective and Indice entry.
func checkPrinted(t *testing.T, doc []byte, res *Result, wantW, wantH float64) {
	t.Helper()
	p := res.Printed
	sum := sha256.Sum256(doc)
	if got := hex.EncodeToString(sum[:]); p.Source.SHA256 != got {
		t.Errorf("source.sha256 = %s, PDF hashes to %s", p.Source.SHA256, got)
	}
	r := openPDF(t, doc)
	if n := r.NumPage(); n != res.Pages || n != p.Source.Pages {
		t.Fatalf("PDF has %d pages; Result says %d, source.pages %d", n, res.Pages, p.Source.Pages)
	}
	var box pdf.Value
	for v := r.Page(1).V; !v.IsNull() && box.IsNull(); v = v.Key("Parent") {
		box = v.Key("MediaBox")
	}
	if w, h := box.Index(2).Float64(), box.Index(3).Float64(); abs(w-wantW) > 1 || abs(h-wantH) > 1 {
		t.Errorf("page is %.1f x %.1f pt, want %.1f x %.1f", w, h, wantW, wantH)
	}
	plain, err := r.Page(res.Pages).GetPlainText(nil)
	if err != nil || !strings.Contains(plain, fmt.Sprintf("Pagina %d di %d", res.Pages, res.Pages)) {
		t.Errorf("last page text (ledongthuc) lacks its footer: %q, %v", tail(plain, 80), err)
	}

	pages := pageTexts(t, doc)
	if len(pages) != res.Pages {
		t.Fatalf("pdftotext reads %d pages, want %d", len(pages), res.Pages)
	}
	text := make([]string, len(pages))
	for i, s := range pages {
		text[i] = readBack(s)
		if i > 0 && !strings.Contains(text[i], fmt.Sprintf("Pagina %d di %d", i+1, len(pages))) {
			t.Errorf("page %d: no footer %q", i+1, fmt.Sprintf("Pagina %d di %d", i+1, len(pages)))
		}
	}
	on := func(page int, what, want string) {
		t.Helper()
		if page < 1 || page > len(text) {
			t.Errorf("%s %q: page %d out of range", what, want, page)
			return
		}
		if !strings.Contains(text[page-1], want) {
			t.Errorf("%s %q not found on its page %d", what, want, page)
		}
	}
	for _, u := range p.Units {
		on(u.Page, "unit heading", u.Code+" - "+u.Name)
	}
	for _, o := range p.Objectives {
		on(o.Page, "objective", o.Title)
	}
	firstUnit := len(pages)
	if len(p.Units) > 0 {
		firstUnit = p.Units[0].Page
	}
	index := strings.Join(text[1:firstUnit-1], " ")
	for _, e := range p.TOC {
		re := regexp.MustCompile(regexp.QuoteMeta(e.Code+" - "+e.Name) + `[ .]*(\d+)\b`)
		m := re.FindStringSubmatch(index)
		if m == nil {
			t.Errorf("Indice entry %s not found", e.Code)
			continue
		}
		if m[1] != fmt.Sprint(e.Page) {
			t.Errorf("Indice entry %s prints page %s, want %d", e.Code, m[1], e.Page)
		}
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

const (
	a4W, a4H         = 595.28, 841.89
	a3W, a3H         = 841.89, 1190.55
	letterW, letterH = 612, 792
)

func TestPrintGoldenPlan(t *testing.T) {
	doc := readPlan(t, goldenPlan)
	cmyk, _ := Palette("cmyk")
	gray, _ := Palette("gray")
	tests := []struct {
		name         string
		opt          Options
		w, h         float64
		exact        bool // every cell reads back exactly
		tocEqualUnit bool
	}{
		{"default", Options{}, a4W, a4H, true, true},
		{"letter-landscape-cmyk", Options{PageSize: "Letter", Landscape: true, Colors: cmyk, NoRepeatHeader: true}, letterH, letterW, true, true},
		{"a3-times-source", Options{PageSize: "A3", Font: FontTimes, FontSize: 11, Description: DescriptionSource, PlainContinuation: true, Colors: gray}, a3W, a3H, true, true},
		{"a4-courier-margins", Options{Font: FontCourier, FontSize: 8, Margins: Margins{Top: 25, Left: 30, Right: 10, Bottom: 20}, Description: DescriptionFormatted}, a4W, a4H, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, res := printPlan(t, doc, tt.opt)
			if tt.exact && len(res.Warnings) > 0 {
				t.Errorf("%d cells do not read back exactly, first: %s", len(res.Warnings), res.Warnings[0])
			}
			p := res.Printed
			if len(p.Units) != len(doc.Units) || len(p.Objectives) != len(doc.Objectives) || len(p.TOC) != len(doc.TOC) {
				t.Fatalf("printed %d units, %d objectives, %d Indice entries; plan has %d, %d, %d",
					len(p.Units), len(p.Objectives), len(p.TOC), len(doc.Units), len(doc.Objectives), len(doc.TOC))
			}
			// The printed plan groups occurrences under keys as the golden does.
			for i := range p.Objectives {
				for j := range i {
					same, golden := p.Objectives[i].Key == p.Objectives[j].Key, doc.Objectives[i].Key == doc.Objectives[j].Key
					if same != golden {
						t.Errorf("objectives %d and %d: same key %v, in the golden plan %v", j, i, same, golden)
					}
				}
			}
			for i, e := range p.TOC {
				if e.Page != p.Units[i].Page {
					t.Errorf("Indice entry %s: page %d, unit printed on %d", e.Code, e.Page, p.Units[i].Page)
				}
			}
			checkPrinted(t, b, res, tt.w, tt.h)
		})
	}
}

func TestPrintSynthetic(t *testing.T) {
	doc := Synthetic("Comune di Prova", 2025, 60, 42)
	tests := []struct {
		name string
		opt  Options
		w, h float64
	}{
		{"default", Options{}, a4W, a4H},
		{"landscape-small-font", Options{Landscape: true, FontSize: 7}, a4H, a4W},
		{"letter-formatted", Options{PageSize: "letter", Description: DescriptionFormatted, NoRepeatHeader: true}, letterW, letterH},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, res := printPlan(t, doc, tt.opt)
			if len(res.Printed.Objectives) != 60 {
				t.Errorf("printed %d objectives, want 60", len(res.Printed.Objectives))
			}
			checkPrinted(t, b, res, tt.w, tt.h)
		})
	}
}

func TestPrintDejaVu(t *testing.T) {
	if _, ok := FindDejaVu(""); !ok {
		t.Skip("DejaVu Sans not installed")
	}
	doc := readPlan(t, goldenPlan)
	b, res := printPlan(t, doc, Options{Font: FontDejaVu, PageSize: "A3", Landscape: true})
	if !bytes.Contains(b, []byte("/FontFile2")) {
		t.Error("DejaVu Sans is not embedded")
	}
	checkPrinted(t, b, res, a3H, a3W)
}

func TestCoreFontsAreNotEmbedded(t *testing.T) {
	doc := Synthetic("Comune di Prova", 2024, 3, 1)
	for _, f := range []string{FontHelvetica, FontTimes, FontCourier} {
		b, _ := printPlan(t, doc, Options{Font: f})
		if bytes.Contains(b, []byte("/FontFile")) {
			t.Errorf("%s: a font file is embedded", f)
		}
		if !bytes.Contains(b, []byte("/Encoding /WinAnsiEncoding")) {
			t.Errorf("%s: fonts are not WinAnsi-encoded", f)
		}
	}
}

func TestUnprintableCharacter(t *testing.T) {
	doc := Synthetic("Comune di Prova", 2024, 2, 1)
	doc.Objectives[1].Title = "Riduzione dei tempi ≥ 5%"
	_, err := Print(context.Background(), doc, io.Discard, Options{})
	if err == nil || !strings.Contains(err.Error(), "U+2265") {
		t.Fatalf("Print with ≥ in Helvetica: err = %v, want one naming U+2265", err)
	}
	if _, ok := FindDejaVu(""); !ok {
		return
	}
	b, res := printPlan(t, doc, Options{Font: FontDejaVu})
	text := readBack(strings.Join(pageTexts(t, b), "\n"))
	if !strings.Contains(text, "Riduzione dei tempi ≥ 5%") || res.Printed.Objectives[1].Title != "Riduzione dei tempi ≥ 5%" {
		t.Error("DejaVu output lacks the title with ≥")
	}
}

func TestBadOptions(t *testing.T) {
	doc := Synthetic("Comune di Prova", 2024, 2, 1)
	for _, opt := range []Options{
		{PageSize: "B5"},
		{Font: "comic"},
		{FontSize: 30},
		{Margins: Margins{Left: -1}},
		{Margins: Margins{Left: 90, Right: 90}},
		{Font: FontDejaVu, FontDir: "/nonexistent"},
	} {
		if err := Render(doc, io.Discard, opt); err == nil {
			t.Errorf("Render with %+v: no error", opt)
		}
	}
}

func TestUnknownUnit(t *testing.T) {
	doc := Synthetic("Comune di Prova", 2024, 2, 1)
	doc.Objectives[0].Unit = "UNOWHERE"
	err := Render(doc, io.Discard, Options{})
	if err == nil || !strings.Contains(err.Error(), "UNOWHERE") {
		t.Fatalf("err = %v, want one naming the unknown unit", err)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Print(ctx, Synthetic("Comune di Prova", 2024, 5, 1), io.Discard, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestDeterministic(t *testing.T) {
	doc := Synthetic("Comune di Prova", 2024, 8, 7)
	a, _ := printPlan(t, doc, Options{})
	b, _ := printPlan(t, doc, Options{})
	if !bytes.Equal(a, b) {
		t.Fatal("two prints of the same plan differ")
	}
}

// countLines counts the lines of the document's text that are exactly s.
func countLines(pages []string, s string) int {
	n := 0
	for _, p := range pages {
		for _, l := range strings.Split(p, "\n") {
			if strings.TrimSpace(l) == s {
				n++
			}
		}
	}
	return n
}

func TestContinuations(t *testing.T) {
	doc := readPlan(t, "testdata/edge-plan.json")
	withStaff := 0
	for _, o := range doc.Objectives {
		if len(o.Staff) > 0 {
			withStaff++
		}
	}
	repeat, _ := printPlan(t, doc, Options{})
	plain, _ := printPlan(t, doc, Options{PlainContinuation: true, NoRepeatHeader: true})
	rp, pp := pageTexts(t, repeat), pageTexts(t, plain)

	if got := countLines(pp, labelDescription); got != len(doc.Objectives) {
		t.Errorf("plain continuation: %q printed %d times, want once per objective (%d)", labelDescription, got, len(doc.Objectives))
	}
	if got := countLines(rp, labelDescription); got <= len(doc.Objectives) {
		t.Errorf("repeated continuation: %q printed %d times, want more than %d", labelDescription, got, len(doc.Objectives))
	}
	if got := countLines(pp, labelPerson); got != withStaff {
		t.Errorf("no repeated headers: %q printed %d times, want %d", labelPerson, got, withStaff)
	}
	if got := countLines(rp, labelPerson); got <= withStaff {
		t.Errorf("repeated headers: %q printed %d times, want more than %d", labelPerson, got, withStaff)
	}
}

func TestIndexOverTwoPages(t *testing.T) {
	doc := readPlan(t, "testdata/edge-plan.json")
	b, res := printPlan(t, doc, Options{})
	pages := pageTexts(t, b)
	if n := countLines(pages, labelIndex); n < 2 {
		t.Errorf("Indice heading printed %d times, want it on two pages at least", n)
	}
	if res.Printed.Units[0].Page < 4 {
		t.Errorf("first unit on page %d: the Indice should take pages 2 and 3", res.Printed.Units[0].Page)
	}
	checkPrinted(t, b, res, a4W, a4H)
}

func TestUncompressed(t *testing.T) {
	doc := Synthetic("Comune di Prova", 2024, 2, 1)
	z, _ := printPlan(t, doc, Options{})
	u, _ := printPlan(t, doc, Options{Uncompressed: true})
	if !bytes.Contains(z, []byte("/FlateDecode")) {
		t.Error("default output has no compressed stream")
	}
	if bytes.Contains(u, []byte("/FlateDecode")) {
		t.Error("uncompressed output has compressed streams")
	}
}

func TestPrintedIsCanonical(t *testing.T) {
	doc := Synthetic("Comune di Prova", 2024, 3, 5)
	doc.Objectives[0].Title = "  Titolo   con\tspazi \n a capo "
	doc.Units[0].Name = " NOME\n CON SPAZI"
	_, res := printPlan(t, doc, Options{})
	if got := res.Printed.Objectives[0].Title; got != "Titolo con spazi a capo" {
		t.Errorf("printed title %q", got)
	}
	if got := res.Printed.Units[0].Name; got != "NOME CON SPAZI" {
		t.Errorf("printed unit name %q", got)
	}
	var b bytes.Buffer
	if err := res.Printed.Encode(&b); err != nil {
		t.Fatal(err)
	}
	back, err := plan.Decode(&b)
	if err != nil {
		t.Fatalf("printed plan does not decode: %v", err)
	}
	if back.Source.Pages != res.Pages {
		t.Errorf("source.pages %d, want %d", back.Source.Pages, res.Pages)
	}
}
