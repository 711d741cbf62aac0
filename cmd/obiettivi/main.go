// Command obiettivi turns "Stampa Obiettivi di Performance" PDFs into plan
// records: JSON, a normalised SQLite store, diffs between plans and audits.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/api"
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
	var maxMemory byteSize = defaultMaxMemory
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
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			subject := ""
			if len(args) == 1 {
				subject = args[0]
			}
			cmd.SetContext(limitMemory(cmd.Context(), int64(maxMemory), subject, cmd.ErrOrStderr()))
			return nil
		},
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.PersistentFlags().Var(&maxMemory, "max-memory", "memory the command may use (e.g. 512MiB, 2GiB); past it the work stops with an error")
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
		newHistoryCmd(),
	)
	return root
}

func main() {
	if api.IsRepairChild() {
		// This process repairs a damaged PDF for its parent (see
		// api.WithIsolation); it reads no command line.
		os.Exit(api.ServeRepair(os.Stdin, os.Stdout))
	}
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	// Ctrl-C or SIGTERM cancels the work under way; commands leave nothing
	// half-written. Work that does not stop is ended after a grace period.
	ctx, stop := withInterrupts(context.Background(), stderr)
	root := newRootCmd()
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	stop()
	code := 0
	if err != nil {
		code = 1
		var ee *exitError
		if errors.As(err, &ee) {
			code = ee.code
		} else if isUsageError(err) {
			code = 2
		}
	}
	if sig := interruptedBy(ctx); sig != 0 {
		code = exitStatus(sig)
		if err == nil {
			err = context.Cause(ctx)
		}
	}
	if err != nil {
		if msg := message(err); msg != "" {
			fmt.Fprintln(stderr, prefix+msg)
		}
	}
	return code
}

// maxMessage is the most characters of the line an error prints, prefix
// included; past it the message is cut with an ellipsis.
const maxMessage = 300

// prefix starts every error line.
const prefix = "obiettivi: "

// message is the one line the command prints for err: the error's own
// words, the flag that helps where one does, on one line (control
// characters as spaces) of at most maxMessage characters.
func message(err error) string {
	msg := err.Error()
	if errors.Is(err, api.ErrNeedPassword) {
		msg += " (use --password)"
	}
	if errors.Is(err, errMemoryLimit) {
		msg += " (raise it with --max-memory)"
	}
	return oneLine(msg, maxMessage-len(prefix))
}

// oneLine turns s into one line of at most n characters: runs of white
// space and control characters become one space, and a longer line is cut
// with an ellipsis.
func oneLine(s string, n int) string {
	clean := strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == unicode.ReplacementChar
	}), " ")
	if utf8.RuneCountInString(clean) <= n {
		return clean
	}
	runes := []rune(clean)
	return strings.TrimRight(string(runes[:n-1]), " ") + "…"
}
