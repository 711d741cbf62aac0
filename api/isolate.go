package api

import (
	"context"
	"io"

	"github.com/obiettivi/obiettivi/pdffile"
)

// Isolation runs the repair pass of damaged PDFs in a child process with a
// deadline and a memory limit (see pdffile.Isolation): a loop of the repair
// library then costs at most the deadline, and cancelling stops it at once.
type Isolation = pdffile.Isolation

type isolationKey struct{}

// WithIsolation returns a context under which Open, ExtractFile and Load
// repair damaged PDFs in a child process as iso says. The executable that
// iso starts (by default this one) must call ServeRepair first thing in
// main when IsRepairChild reports true.
func WithIsolation(ctx context.Context, iso *Isolation) context.Context {
	return context.WithValue(ctx, isolationKey{}, iso)
}

func isolationOf(ctx context.Context) *Isolation {
	iso, _ := ctx.Value(isolationKey{}).(*Isolation)
	return iso
}

// IsRepairChild reports whether this process was started to repair a PDF
// for another (see WithIsolation).
func IsRepairChild() bool { return pdffile.IsRepairChild() }

// ServeRepair does the work of a repair child: the request on in, the
// answer on out. It returns the process's exit code.
func ServeRepair(in io.Reader, out io.Writer) int { return pdffile.ServeRepair(in, out) }
