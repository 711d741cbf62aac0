package extract

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/obiettivi/obiettivi/pdffile"
)

// Limits bound what one page may hold, its form XObjects included, so that
// the time and memory a page costs grow with what it really shows, never
// with what a hostile stream claims. A zero field takes its value from
// DefaultLimits. Past a limit the page fails with a *PageError matching
// ErrPageLimit.
type Limits struct {
	// Operators is the most operators interpreted on one page.
	Operators int
	// Glyphs is the most character codes shown on one page.
	Glyphs int
	// String is the longest string operand (and name), in bytes.
	String int
	// Operands is the most operands read before one operator, the
	// elements of arrays and dictionaries included.
	Operands int
	// Points is the most path points constructed on one page.
	Points int
	// Fills is the most filled areas painted on one page.
	Fills int
	// Crossings bounds the ruling lines tables are built from: the
	// number of horizontal ones times the number of vertical ones.
	Crossings int
	// Nesting is the deepest that arrays and dictionaries may nest in an
	// operand.
	Nesting int
	// SaveDepth is the deepest that graphics states may be saved (q).
	SaveDepth int
	// FormDepth is the deepest that form XObjects may paint forms.
	FormDepth int
}

// DefaultLimits returns limits far above any real performance plan (whose
// densest pages show some 5,000 glyphs, 800 rule segments and 100 fills
// with 3,000 operators, their tables built from 45 horizontal and 60
// vertical rules): a page at the limits costs some tens of megabytes and
// seconds at most.
func DefaultLimits() Limits {
	return Limits{
		Operators: 5_000_000,
		Glyphs:    200_000,
		String:    1 << 20,
		Operands:  1 << 17,
		Points:    1_000_000,
		Fills:     20_000,
		Crossings: 100_000,
		Nesting:   64,
		SaveDepth: 4096,
		FormDepth: 12,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	def := func(v *int, dv int) {
		if *v <= 0 {
			*v = dv
		}
	}
	def(&l.Operators, d.Operators)
	def(&l.Glyphs, d.Glyphs)
	def(&l.String, d.String)
	def(&l.Operands, d.Operands)
	def(&l.Points, d.Points)
	def(&l.Fills, d.Fills)
	def(&l.Crossings, d.Crossings)
	def(&l.Nesting, d.Nesting)
	def(&l.SaveDepth, d.SaveDepth)
	def(&l.FormDepth, d.FormDepth)
	return l
}

var (
	// ErrPageLimit is a page past one of its Limits.
	ErrPageLimit = errors.New("page limit exceeded")
	// ErrContent is a content stream that does not parse.
	ErrContent = errors.New("malformed content stream")
)

// PageError is a page that could not be read: its number, where in its
// content the reading stopped, and why. Err matches ErrPageLimit,
// ErrContent, or a reason of pdffile (pdffile.ErrStreamTooLarge,
// pdffile.ErrDamaged, pdffile.ErrUnsupported).
type PageError struct {
	Page int // 1-based
	// Form is the name of the form XObject whose stream holds the
	// position, empty for the page's own content.
	Form string
	// Offset is the byte offset in the decoded content (the page's
	// content streams joined, or the form's), -1 when the error is about
	// no position.
	Offset int64
	Err    error
}

func (e *PageError) Error() string {
	s := "page " + strconv.Itoa(e.Page)
	if w := e.where(); w != "" {
		s += ", " + w
	}
	return s + ": " + e.Err.Error()
}

// inPage is the message of e without its page: where in the page, and why.
func (e *PageError) inPage() string {
	if w := e.where(); w != "" {
		return w + ": " + e.Err.Error()
	}
	return e.Err.Error()
}

// where tells the form and the byte of the page where e stopped the
// reading, or nothing.
func (e *PageError) where() string {
	var b strings.Builder
	if e.Form != "" {
		b.WriteString("form /")
		b.WriteString(printable(e.Form, 40))
	}
	if e.Offset >= 0 {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString("byte ")
		b.WriteString(strconv.FormatInt(e.Offset, 10))
	}
	return b.String()
}

func (e *PageError) Unwrap() error { return e.Err }

// inFile is e as an error of the file f: a *pdffile.Error naming the file
// and the page, whose message says the page once; errors.As still finds
// the *PageError in its chain.
func (e *PageError) inFile(f *pdffile.File) error {
	return &pdffile.Error{Name: f.Name(), Page: e.Page, Err: inPage{e}}
}

// inPage shows a PageError without its page, which the error around it
// names.
type inPage struct{ e *PageError }

func (p inPage) Error() string { return p.e.inPage() }
func (p inPage) Unwrap() error { return p.e }

// limitError is a page past one of its limits.
type limitError struct {
	what  string
	limit int
}

func (e *limitError) Error() string {
	return "more than " + strconv.Itoa(e.limit) + " " + e.what + " (the limit)"
}

func (e *limitError) Is(target error) bool { return target == ErrPageLimit }

// syntaxError is content that does not parse.
type syntaxError struct{ msg string }

func (e *syntaxError) Error() string        { return "malformed content: " + e.msg }
func (e *syntaxError) Is(target error) bool { return target == ErrContent }

// tooLarge is a page whose streams decode to more than the file's limit.
type tooLarge struct{ limit int64 }

func (e *tooLarge) Error() string {
	return "content larger than " + strconv.FormatInt(e.limit>>20, 10) + " MB after decompression"
}

func (e *tooLarge) Is(target error) bool { return target == pdffile.ErrStreamTooLarge }

// damaged is a page whose objects the PDF library could not read; err is
// the library's error, kept for errors.As and out of the message, which
// names what could not be read.
type damaged struct {
	what string
	err  error
}

func (e *damaged) Error() string {
	return pdffile.ErrDamaged.Error() + ": " + e.what
}
func (e *damaged) Is(target error) bool { return target == pdffile.ErrDamaged }
func (e *damaged) Unwrap() error        { return e.err }

// printable returns s cut to n runes, control characters and invalid
// bytes replaced, for a message.
func printable(s string, n int) string {
	var b strings.Builder
	for i, r := range s {
		if i >= n {
			b.WriteString("…")
			break
		}
		if r == utf8.RuneError || r < 0x20 || r == 0x7f {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}
