package pdffile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sync/atomic"
)

// errReadBudget stops a parse that reads far more than the file holds, the
// mark of a loop in the file's structure (a cyclic /Prev chain, an object
// stream that extends itself).
var errReadBudget = errors.New("the file's structure makes the reader loop")

// readBudget is how many bytes a reader may read while a file of size n is
// opened: several passes over the file (a sound file takes about one), and
// never less than a fixed floor.
func readBudget(n int64) int64 { return 8<<20 + 8*n }

// stop is the panic value of a guarded read that must not go on. It is an
// error so that ledongthuc/pdf, which recovers panics while it reads the
// cross-reference table, returns it as its error.
type stop struct{ err error }

func (s stop) Error() string { return s.err.Error() }
func (s stop) Unwrap() error { return s.err }

// guard is the io.ReaderAt that ledongthuc/pdf reads a file through. While
// armed it ends the read with a stop panic when ctx is done or the read
// budget is spent; disarmed, it is a plain reader of the bytes, safe for
// concurrent use.
//
// It also shows a PDF 2.0 header as 1.7: ledongthuc/pdf refuses any version
// beyond 1.7, though the syntax it reads is the same.
type guard struct {
	data   []byte
	header []byte // replaces the start of data, when not nil
	ctx    context.Context
	budget atomic.Int64
	armed  atomic.Bool
}

func newGuard(ctx context.Context, data []byte) *guard {
	g := &guard{data: data, ctx: ctx}
	if bytes.HasPrefix(data, []byte("%PDF-2.")) {
		g.header = []byte("%PDF-1.7")
	}
	g.budget.Store(readBudget(int64(len(data))))
	g.armed.Store(true)
	return g
}

func (g *guard) disarm() { g.armed.Store(false) }

// check returns why reading must stop, or nil.
func (g *guard) check(n int) error {
	if !g.armed.Load() {
		return nil
	}
	if err := g.ctx.Err(); err != nil {
		return err
	}
	if g.budget.Add(-int64(n)) < 0 {
		return errReadBudget
	}
	return nil
}

func (g *guard) ReadAt(p []byte, off int64) (int, error) {
	if err := g.check(len(p)); err != nil {
		panic(stop{err})
	}
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	if off >= int64(len(g.data)) {
		return 0, io.EOF
	}
	n := copy(p, g.data[off:])
	if off < int64(len(g.header)) {
		copy(p, g.header[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// seeker is the io.ReadSeeker pdfcpu reads a file through; it returns the
// guard's error instead of panicking, since pdfcpu reports read errors.
type seeker struct {
	g   *guard
	off int64
}

func (s *seeker) Read(p []byte) (int, error) {
	if err := s.g.check(len(p)); err != nil {
		return 0, stop{err}
	}
	if s.off >= int64(len(s.g.data)) {
		return 0, io.EOF
	}
	n := copy(p, s.g.data[s.off:])
	s.off += int64(n)
	return n, nil
}

func (s *seeker) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += s.off
	case io.SeekEnd:
		offset += int64(len(s.g.data))
	default:
		return 0, errors.New("seek: invalid whence")
	}
	if offset < 0 {
		return 0, errors.New("seek: negative position")
	}
	s.off = offset
	return offset, nil
}
