// Package pdffile opens PDF files for reading: it accepts what a PDF reader
// accepts (a PDF 2.0 header, bytes after %%EOF, broken cross-reference
// tables, RC4 and AES encryption) and refuses bad input with an error a user
// understands, within bounded time and memory, never panicking.
//
// A file is first read with github.com/ledongthuc/pdf. When that fails, the
// file goes through a repair pass with github.com/pdfcpu/pdfcpu (relaxed
// validation rebuilds the cross-reference table, decryption removes RC4 or
// AES encryption), which writes a clean copy in memory that
// ledongthuc/pdf then reads.
package pdffile

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sync"

	"github.com/ledongthuc/pdf"
)

// File is an opened PDF ready for reading.
type File struct {
	Reader *pdf.Reader
	// Pages holds every page in order, from a walk of the page tree that
	// refuses cycles and absurd depth.
	Pages []pdf.Page
	// Size is the length of the original file in bytes.
	Size int64
	// SHA256 is the hex SHA-256 of the original bytes.
	SHA256 string
	// Repaired reports that the file had to be rewritten (repaired or
	// decrypted) before it could be read.
	Repaired bool
	// DeclaredPages is the number of pages the file's page tree declares
	// (the /Count of its root, read before any repair), or 0 when it
	// declares none that can be read. Pages that differ from it in number
	// mean pages lost (a broken branch of the tree, a repair that found
	// only some) or stray ones gained.
	DeclaredPages int

	name     string
	data     []byte // the bytes Reader reads: the file, or its repaired copy
	lim      Limits
	fontMaps *sync.Map // ToUnicode maps found within limits, by ref
	// inherited holds the resources the pages under a page tree node
	// inherit, by the node's reference.
	inherited *sync.Map
}

// Name is what the file's errors call it: the path or name it was opened
// with.
func (f *File) Name() string { return f.name }

// Limits bound the work of opening and reading one file. A zero field takes
// its value from DefaultLimits.
type Limits struct {
	// MaxFileSize is the largest file accepted, in bytes.
	MaxFileSize int64
	// MaxPages is the most pages a file may have.
	MaxPages int
	// MaxDepth is the deepest the page tree may nest.
	MaxDepth int
	// MaxStreamSize is the most bytes one page's content may decompress to.
	MaxStreamSize int64
	// Isolation, when set, runs the repair pass in a child process with a
	// deadline and a memory limit of its own. Without it the pass runs in
	// this process, where a loop of the repair library that watches no
	// context cannot be stopped.
	Isolation *Isolation
}

// DefaultLimits returns limits far above any real performance plan and far
// below what would exhaust a small machine.
func DefaultLimits() Limits {
	return Limits{
		MaxFileSize:   256 << 20,
		MaxPages:      10000,
		MaxDepth:      64,
		MaxStreamSize: 64 << 20,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = d.MaxFileSize
	}
	if l.MaxPages <= 0 {
		l.MaxPages = d.MaxPages
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxStreamSize <= 0 {
		l.MaxStreamSize = d.MaxStreamSize
	}
	return l
}

// Open reads the PDF at path. password is the user password of an encrypted
// file, or empty. Errors are *Error values naming path.
func Open(ctx context.Context, path, password string, lim Limits) (*File, error) {
	lim = lim.withDefaults()
	data, err := readFile(path, lim.MaxFileSize)
	if err != nil {
		return nil, &Error{Name: path, Err: err}
	}
	return OpenBytes(ctx, data, path, password, lim)
}

// readFile reads a whole file of at most max bytes.
func readFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, pathErr(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, pathErr(err)
	}
	if st.IsDir() {
		return nil, errors.New("is a directory")
	}
	if st.Size() > max {
		return nil, tooLarge(st.Size(), max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, pathErr(err)
	}
	if int64(len(data)) > max {
		return nil, because(ErrTooLarge, "more than %s (the limit)", megabytes(max))
	}
	return data, nil
}

// pathErr drops the path from an *fs.PathError, since Error names the file.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func tooLarge(size, max int64) error {
	return because(ErrTooLarge, "%s, the limit is %s", megabytes(size), megabytes(max))
}

// OpenBytes reads a PDF held in data; name is what errors call it. data must
// not change while the File is in use.
func OpenBytes(ctx context.Context, data []byte, name, password string, lim Limits) (*File, error) {
	lim = lim.withDefaults()
	f, err := open(ctx, data, password, lim)
	if err != nil {
		return nil, &Error{Name: name, Err: err}
	}
	f.name, f.lim, f.fontMaps, f.inherited = name, lim, new(sync.Map), new(sync.Map)
	return f, nil
}

func open(ctx context.Context, data []byte, password string, lim Limits) (*File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	switch {
	case len(data) == 0:
		return nil, ErrEmpty
	case int64(len(data)) > lim.MaxFileSize:
		return nil, tooLarge(int64(len(data)), lim.MaxFileSize)
	case !hasHeader(data):
		return nil, ErrNotPDF
	}
	sum := sha256.Sum256(data)
	f := &File{Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}

	r, pages, declared, err := read(ctx, data, lim)
	if err == nil {
		f.Reader, f.Pages, f.data, f.DeclaredPages = r, pages, data, declared
		return f, nil
	}
	if !isRepairable(err) {
		return nil, err
	}
	if truncated(data) {
		return nil, ErrTruncated
	}
	fixed, err := repairWith(ctx, data, password, needsRebuild(err), lim)
	if err != nil {
		return nil, err
	}
	r, pages, fixedDeclared, err := read(ctx, fixed, lim)
	if err != nil {
		if isRepairable(err) {
			return nil, errors.Unwrap(err) // an ErrDamaged, repair or not
		}
		return nil, err
	}
	// The repair writes a page tree of the pages it found; the count the
	// damaged file declared tells whether that is all of them.
	if declared == 0 {
		declared = scanDeclaredPages(data)
	}
	if declared == 0 {
		declared = fixedDeclared
	}
	f.Reader, f.Pages, f.Repaired, f.data, f.DeclaredPages = r, pages, true, fixed, declared
	return f, nil
}

// headerWindow is how far into a file its %PDF- header may start; readers
// tolerate a little junk before it.
const headerWindow = 1024

func hasHeader(data []byte) bool {
	return bytes.Contains(data[:min(len(data), headerWindow)], []byte("%PDF-"))
}

var (
	// objectStart matches the start of an indirect object, "12 0 obj".
	objectStart = regexp.MustCompile(`\d+\s+\d+\s+obj\b`)
	// finalStartxref matches the end of a file whose trailer is whole
	// but lacks the %%EOF marker.
	finalStartxref = regexp.MustCompile(`startxref\s+\d+\s*$`)
)

// truncated reports a file cut short: it ends neither with a %%EOF marker
// nor with a whole trailer, or it has objects after its last marker (an
// update cut before its own).
func truncated(data []byte) bool {
	i := bytes.LastIndex(data, []byte("%%EOF"))
	if i < 0 {
		return !finalStartxref.Match(data[max(0, len(data)-1024):])
	}
	return objectStart.Match(data[i:])
}

// describe turns a recovered panic value into an error.
func describe(x any) error {
	if err, ok := x.(error); ok {
		return err
	}
	return fmt.Errorf("%v", x)
}
