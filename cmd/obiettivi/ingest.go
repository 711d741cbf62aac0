package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/obiettivi/obiettivi/api"
)

func addDBFlag(cmd *cobra.Command, db *string) {
	cmd.Flags().StringVar(db, "db", api.DefaultDB, "the SQLite store file")
}

func newIngestCmd() *cobra.Command {
	var dbPath, password string
	var workers int
	var partial bool
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Add plans to the SQLite store",
		Long: `ingest extracts each PDF and writes its plan into the store, one document
per PDF, each in one transaction: an interrupted ingest leaves the store as
it was. PATH is a PDF, a folder (its *.pdf files), or a plan JSON file
written by extract.

A document is known by the SHA-256 of its PDF: the same bytes ingested
again are reported as already present and change nothing, while another
print of the same plan (a monitoring print, another producer) is a new
document. Files are read in parallel and written one at a time. A file that
cannot be read is reported on standard error and skipped; the exit status
is then 1.`,
		Example: `  obiettivi ingest samples/capannori-2024.pdf
  obiettivi ingest --db plans.sqlite pdfs/ more/capannori-2025.pdf
  obiettivi extract plan.pdf -o plan.json && obiettivi ingest plan.json`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			in := ingestRun{
				db:       dbPath,
				password: password,
				partial:  partial,
				workers:  workers,
				out:      cmd.OutOrStdout(),
				errOut:   cmd.ErrOrStderr(),
			}
			return in.run(ctx, args)
		},
	}
	addDBFlag(cmd, &dbPath)
	cmd.Flags().StringVar(&password, "password", "", "user password of encrypted PDFs")
	cmd.Flags().IntVar(&workers, "jobs", 0, "files read at once (0: one per core)")
	cmd.Flags().BoolVar(&partial, "partial", false, "keep what can be read of a PDF some of whose pages cannot be, with a finding for each")
	return cmd
}

// ingestRun is one run of the ingest command: it reports each file on
// standard output (or, when it failed, on standard error) above a
// progress bar.
type ingestRun struct {
	db       string
	password string
	partial  bool
	workers  int
	out      io.Writer
	errOut   io.Writer

	bar *progressbar.ProgressBar
}

func (r *ingestRun) run(ctx context.Context, args []string) error {
	build := readBuildInfo()
	results, err := api.Ingest(ctx, args, api.IngestOptions{
		DB:               r.db,
		Password:         r.password,
		Jobs:             r.workers,
		Partial:          r.partial,
		ExtractorVersion: build.storeVersion(),
		ExtractorCommit:  build.storeCommit(),
		Progress:         r.progress,
	})
	if err != nil {
		return err
	}
	if r.bar != nil {
		r.bar.Finish()
	}
	failed := 0
	for _, res := range results {
		if res.Status == api.Failed {
			failed++
		}
	}
	if failed > 0 {
		return withCode(1, fmt.Errorf("%d of %d files failed", failed, len(results)))
	}
	return nil
}

// progress reports an outcome of api.Ingest.
func (r *ingestRun) progress(p api.IngestProgress) {
	if p.Result == nil {
		r.start(p.Files)
		return
	}
	switch res := p.Result; res.Status {
	case api.Failed:
		r.clearBar()
		fmt.Fprintf(r.errOut, "obiettivi: %v\n", res.Err)
	case api.AlreadyPresent:
		r.say("%s: already present as document %d", res.Path, res.Document)
	case api.Ingested:
		partial := ""
		if res.Partial {
			partial = ", partial"
		}
		r.say("%s: ingested as document %d (%s %d, %d pages, %d objectives, %d distinct%s)",
			res.Path, res.Document, res.Entity, res.Year, res.Pages, res.Objectives, res.Distinct, partial)
	}
	if r.bar != nil {
		r.bar.Set(p.Done)
	}
}

// start shows the progress bar, on a terminal, when there are files to
// read.
func (r *ingestRun) start(files int) {
	if f, ok := r.out.(*os.File); ok && files > 1 && term.IsTerminal(int(f.Fd())) {
		r.bar = progressbar.NewOptions(files,
			progressbar.OptionSetWriter(f),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
		)
		r.bar.RenderBlank()
	}
}

// say prints a line of the report above the progress bar.
func (r *ingestRun) say(format string, args ...any) {
	r.clearBar()
	fmt.Fprintf(r.out, format+"\n", args...)
}

func (r *ingestRun) clearBar() {
	if r.bar != nil {
		r.bar.Clear()
	}
}
