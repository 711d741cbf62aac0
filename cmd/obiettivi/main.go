// Command obiettivi turns "Stampa Obiettivi di Performance" PDFs into plan
// records: JSON, a normalised SQLite store, diffs between plans and audits.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// exitError carries the exit code a command wants.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// withCode wraps err so that the command exits with code; a nil err with a
// non-zero code exits silently with that code.
func withCode(code int, err error) error { return &exitError{code: code, err: err} }

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "obiettivi",
		Short: "Read Stampa Obiettivi performance-plan PDFs into clean data",
		Long: `obiettivi reads the "Stampa Obiettivi di Performance" PDFs that Italian
municipalities publish and turns them into plan records: JSON
(obiettivi.plan/v1), a normalised SQLite store, diffs and audits.`,
		Example: `  obiettivi extract plan-2024.pdf -o plan-2024.json
  obiettivi ingest plans/ --db plans.sqlite
  obiettivi diff plan-2024.pdf plan-2025.pdf
  obiettivi audit plan-2024.pdf --fail-on error`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       readBuildInfo().String(),
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return withCode(2, fmt.Errorf("%w (see '%s --help')", plainFlagError(err), c.CommandPath()))
	})
	root.AddCommand(
		newExtractCmd(),
		newInspectCmd(),
		newDiffCmd(),
		newIngestCmd(),
		newExportCmd(),
		newListCmd(),
		newSearchCmd(),
		newAuditCmd(),
	)
	return root
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	// Ctrl-C cancels the work under way; commands leave nothing half-written.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd()
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	code := 1
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	} else if isUsageError(err) {
		code = 2
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintf(os.Stderr, "obiettivi: %s\n", msg)
	}
	return code
}
