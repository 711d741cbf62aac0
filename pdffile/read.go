package pdffile

import (
	"bytes"
	"context"
	"errors"
	"regexp"

	"github.com/ledongthuc/pdf"
)

// read opens data with ledongthuc/pdf and walks its page tree. An error the
// repair pass may overcome is marked repairable; any other is final.
//
// Encrypted files are left to the repair pass: ledongthuc/pdf derives the
// wrong key for 40-bit RC4, knows neither AES-256 nor owner passwords, and
// a wrong key yields garbled text rather than an error.
//
// declared is the page count the page tree's root declares (its /Count),
// also when the walk fails, or 0 when it cannot be read.
func read(ctx context.Context, data []byte, lim Limits) (r *pdf.Reader, pages []pdf.Page, declared int, err error) {
	if err := checkSizes(data); err != nil {
		return nil, nil, 0, rebuildable(err)
	}
	g := newGuard(ctx, data)
	defer g.disarm()
	defer func() {
		if x := recover(); x != nil {
			r, pages, err = nil, nil, classify(describe(x))
		}
	}()

	r, err = pdf.NewReader(g, readableEnd(data))
	if err != nil {
		return nil, nil, 0, classify(err)
	}
	if !r.Trailer().Key("Encrypt").IsNull() {
		return nil, nil, 0, repairable(because(ErrDamaged, "encrypted"))
	}
	if err := checkObjectStreams(r); err != nil {
		return nil, nil, 0, repairable(err)
	}
	declared = declaredPages(r)
	if err := checkOffsets(r, data); err != nil {
		return nil, nil, declared, repairable(err)
	}
	pages, err = walkPages(r, lim)
	if err != nil {
		return nil, nil, declared, err
	}
	return r, pages, declared, nil
}

// classify sorts a failure of ledongthuc/pdf: a cancelled context is final,
// anything else may be repaired.
func classify(err error) error {
	var s stop
	if errors.As(err, &s) && !errors.Is(s.err, errReadBudget) {
		return s.err
	}
	return repairable(libraryFailure(err))
}

// readableEnd is where the fast reader is told data ends: after the last
// %%EOF marker when bytes follow it that hold no object (a comment, NULs, a
// web server's error page, a signature block), since ledongthuc/pdf looks
// for the marker in the last bytes of the file only. The file's own
// cross-reference table is then read as it is. Objects after the marker
// are an update cut short, left to the repair pass and its refusal.
func readableEnd(data []byte) int64 {
	i := bytes.LastIndex(data, []byte("%%EOF"))
	if i < 0 {
		return int64(len(data))
	}
	end := i + len("%%EOF")
	for end < len(data) && (data[end] == '\r' || data[end] == '\n') {
		end++
	}
	if end == len(data) || objectStart.Match(data[end:]) {
		return int64(len(data))
	}
	return int64(end)
}

// declaredPages reads the /Count of the page tree's root, or 0. It may
// resolve objects the cross-reference table places wrongly: a wrong count
// found so is only compared, never trusted for reading.
func declaredPages(r *pdf.Reader) int {
	c := r.Trailer().Key("Root").Key("Pages").Key("Count")
	if c.Kind() == pdf.Integer && c.Int64() > 0 && c.Int64() <= 1<<31 {
		return int(c.Int64())
	}
	return 0
}

// scanDeclaredPages finds, in the bytes of a file its reader could not
// open, the largest /Count of a /Pages node outside object streams: that
// of the page tree's root, unless the damage took it.
func scanDeclaredPages(data []byte) int {
	best := 0
	key := []byte("/Count")
	for at := 0; ; {
		i := bytes.Index(data[at:], key)
		if i < 0 {
			return best
		}
		pos := at + i
		at = pos + len(key)
		n, _, ok := readInt(data[at:])
		if !ok || n <= int64(best) || n > 1<<31 {
			continue
		}
		start := bytes.LastIndex(data[max(0, pos-4096):pos], []byte("obj"))
		end := bytes.Index(data[at:min(len(data), at+4096)], []byte("endobj"))
		if start < 0 || end < 0 {
			continue
		}
		obj := data[max(0, pos-4096)+start : at+end]
		if pagesType.Match(obj) {
			best = int(n)
		}
	}
}

var pagesType = regexp.MustCompile(`/Type\s*/Pages\b`)
