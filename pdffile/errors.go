package pdffile

import (
	"errors"
	"fmt"
	"strconv"
)

// The reasons a PDF is refused. Every error returned by Open, OpenBytes and
// File.CheckStreamSize is an *Error that matches one of them with errors.Is
// (or a context error when the work was cancelled).
var (
	ErrEmpty          = errors.New("empty file")
	ErrNotPDF         = errors.New("not a PDF file")
	ErrDamaged        = errors.New("truncated or damaged PDF")
	ErrNeedPassword   = errors.New("encrypted: needs a user password (use --password)")
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
// overcome; it wraps an ErrDamaged and never leaves the package.
type needsRepair struct{ err error }

func (e *needsRepair) Error() string { return e.err.Error() }
func (e *needsRepair) Unwrap() error { return e.err }

func repairable(err error) error { return &needsRepair{err: err} }

func isRepairable(err error) bool {
	var nr *needsRepair
	return errors.As(err, &nr)
}

// megabytes formats a byte count for a message.
func megabytes(n int64) string {
	const mb = 1 << 20
	if n%mb == 0 {
		return strconv.FormatInt(n/mb, 10) + " MB"
	}
	return strconv.FormatFloat(float64(n)/mb, 'f', 1, 64) + " MB"
}
