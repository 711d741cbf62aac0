package pdffile

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The reasons a PDF is refused. Every error returned by Open, OpenBytes and
// File.CheckStreamSize is an *Error that matches one of them with errors.Is
// (or a context error when the work was cancelled).
var (
	ErrEmpty          = errors.New("empty file")
	ErrNotPDF         = errors.New("not a PDF file")
	ErrDamaged        = errors.New("truncated or damaged PDF")
	ErrNeedPassword   = errors.New("encrypted: needs a user password")
	ErrBadPassword    = errors.New("encrypted: wrong password")
	ErrTooLarge       = errors.New("too large")
	ErrPageTree       = errors.New("page tree")
	ErrStreamTooLarge = errors.New("content stream too large after decompression")
	ErrUnsupported    = errors.New("unsupported PDF feature")

	// ErrTruncated is a damaged file that stops before its end-of-file
	// marker; errors.Is(ErrTruncated, ErrDamaged) holds.
	ErrTruncated error = &reason{kind: ErrDamaged, msg: "truncated or damaged PDF: the file ends before its %%EOF marker"}
)

// Error is a PDF that could not be opened or read: the file, the page when
// the problem is on one page, and the reason.
type Error struct {
	Name string // the file as the user named it
	Page int    // 1-based page number, 0 for the whole file
	Err  error
}

func (e *Error) Error() string {
	s := e.Name + ": "
	if e.Page > 0 {
		s += "page " + strconv.Itoa(e.Page) + ": "
	}
	return s + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// reason is one of the sentinel errors with a message that says more.
type reason struct {
	kind error
	msg  string
}

func (r *reason) Error() string        { return r.msg }
func (r *reason) Is(target error) bool { return target == r.kind }

// because returns an error matching kind whose message is kind's followed by
// the formatted detail.
func because(kind error, format string, args ...any) error {
	return &reason{kind: kind, msg: kind.Error() + ": " + fmt.Sprintf(format, args...)}
}

// worded returns an error matching kind with its own whole message.
func worded(kind error, format string, args ...any) error {
	return &reason{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// needsRepair marks a failure of the fast reader that the repair pass may
// overcome; it wraps an ErrDamaged and never leaves the package. rebuild
// asks the repair pass not to trust the file's cross-reference data.
type needsRepair struct {
	err     error
	rebuild bool
}

func (e *needsRepair) Error() string { return e.err.Error() }
func (e *needsRepair) Unwrap() error { return e.err }

func repairable(err error) error { return &needsRepair{err: err} }

// rebuildable marks a file whose cross-reference data holds numbers beyond
// what it could hold: pdfcpu would build its table from them (billions of
// entries, minutes of work), so the repair rebuilds the table from the
// objects themselves.
func rebuildable(err error) error { return &needsRepair{err: err, rebuild: true} }

func isRepairable(err error) bool {
	var nr *needsRepair
	return errors.As(err, &nr)
}

func needsRebuild(err error) bool {
	var nr *needsRepair
	return errors.As(err, &nr) && nr.rebuild
}

// damaged is an ErrDamaged whose message names the part of the file that
// is broken in the package's own words; the library's error that revealed
// it stays in the chain for errors.As and errors.Is, out of the message.
type damaged struct {
	part  string
	cause error
}

func (d *damaged) Error() string   { return ErrDamaged.Error() + ": " + d.part }
func (d *damaged) Unwrap() []error { return []error{ErrDamaged, d.cause} }

// libraryFailure turns an error (or recovered panic) of a PDF library into
// an ErrDamaged naming the part it concerns. Libraries word their errors
// for their own developers ("page node dict is null", "assignment to entry
// in nil map"); a user is told which part of the file is broken.
func libraryFailure(err error) error {
	return &damaged{part: partOf(err.Error()), cause: err}
}

// parts maps words of the libraries' messages to the part of a PDF they
// concern, most specific first.
var parts = []struct {
	words []string
	part  string
}{
	{[]string{"encrypt", "decrypt", "password"}, "its encryption dictionary cannot be read"},
	{[]string{"xref", "startxref", "trailer", "%%eof", "cross-reference"}, "the cross-reference table cannot be read or rebuilt"},
	{[]string{"root", "catalog"}, "the document catalog cannot be found"},
	{[]string{"page"}, "the page tree cannot be read"},
	{[]string{"objstm", "object stream"}, "an object stream cannot be read"},
	{[]string{"font"}, "a font cannot be read"},
	{[]string{"flate", "zlib", "lzw", "ascii85", "filter", "decode"}, "a compressed stream cannot be decoded"},
	{[]string{"stream", "length"}, "a stream cannot be read"},
	{[]string{"dict", "array", "name", "string", "token", "syntax", "parse", "object"}, "an object cannot be parsed"},
}

func partOf(msg string) string {
	m := strings.ToLower(msg)
	for _, p := range parts {
		for _, w := range p.words {
			if strings.Contains(m, w) {
				return p.part
			}
		}
	}
	return "its objects cannot be read"
}

// megabytes formats a byte count for a message.
func megabytes(n int64) string {
	const mb = 1 << 20
	if n%mb == 0 {
		return strconv.FormatInt(n/mb, 10) + " MB"
	}
	return strconv.FormatFloat(float64(n)/mb, 'f', 1, 64) + " MB"
}
