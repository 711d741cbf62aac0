package pdffile

import (
	"bytes"
	"context"
	"errors"

	"github.com/ledongthuc/pdf"
)

// read opens data with ledongthuc/pdf and walks its page tree. An error the
// repair pass may overcome is marked repairable; any other is final.
//
// Encrypted files are left to the repair pass: ledongthuc/pdf derives the
// wrong key for 40-bit RC4, knows neither AES-256 nor owner passwords, and
// a wrong key yields garbled text rather than an error.
func read(ctx context.Context, data []byte, lim Limits) (r *pdf.Reader, pages []pdf.Page, err error) {
	if err := checkSizes(data); err != nil {
		return nil, nil, rebuildable(err)
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
		return nil, nil, classify(err)
	}
	if !r.Trailer().Key("Encrypt").IsNull() {
		return nil, nil, repairable(because(ErrDamaged, "encrypted"))
	}
	if err := checkObjectStreams(r); err != nil {
		return nil, nil, repairable(err)
	}
	if err := checkOffsets(r, data); err != nil {
		return nil, nil, repairable(err)
	}
	pages, err = walkPages(r, lim)
	if err != nil {
		return nil, nil, err
	}
	return r, pages, nil
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
