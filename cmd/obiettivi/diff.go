package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/obiettivi/obiettivi/api"
)

// Exit codes of diff, as diff(1) has them.
const (
	diffSame    = 0
	diffChanged = 1
	diffTrouble = 2
)

func newDiffCmd() *cobra.Command {
	var db, format, password, lang, output string
	var stat, quiet bool
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what changed between two plans",
		Long: `diff compares two plans, one year with the next or two prints of one year,
and tells which objectives were added, removed, moved or changed and how,
which units and table of contents entries changed, and whether the whole
plan moved to another year (told once, with only the dates that moved
differently listed).

OLD and NEW are each a PDF, an obiettivi.plan/v1 JSON file, or a document of
the store given with --db: its id, or ENTITY:YEAR (the latest ingest).

The report speaks Italian, with the print's own words, unless --lang en is
given. It is text (coloured on a terminal unless NO_COLOR is set), Markdown,
one self-contained HTML page (--format html -o changes.html: description
changes marked word by word and, for a monitoring print, each objective's
Cronoprogramma drawn with its planned and actual months), or JSON (format
obiettivi.diff/v1, documented in docs/diff.md, always in English). --stat
writes the summary only; --quiet writes nothing and only sets the exit status.

Exit status: 0 when the plans are the same, 1 when they differ, 2 on error.`,
		Example: `  obiettivi diff capannori-2024.pdf capannori-2025.pdf
  obiettivi diff --format html -o changes.html capannori-2024.pdf capannori-2025.pdf
  obiettivi diff --stat golden/capannori-2024.json capannori-2025.pdf
  obiettivi diff --quiet old.json new.json || echo "the plans differ"
  obiettivi diff --lang en --format markdown golden/capannori-2024.json capannori-2025.pdf > changes.md
  obiettivi diff --format json old.json new.json | jq '.objectives[] | select(.kind == "added") | .title'
  obiettivi diff --db plans.sqlite "Comune di Capannori:2024" "Comune di Capannori:2025"`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := reportFormat(format, api.DiffFormats()); err != nil {
				return withCode(diffTrouble, err)
			}
			tag, err := reportLang(lang)
			if err != nil {
				return withCode(diffTrouble, err)
			}
			switch {
			case quiet && (stat || output != ""):
				return withCode(diffTrouble, fmt.Errorf("--quiet writes no report: it takes no --stat or --output"))
			case stat && format == "json":
				return withCode(diffTrouble, fmt.Errorf("--stat writes a text, Markdown or HTML summary: the JSON report has its summary field"))
			}
			var buf bytes.Buffer
			var w io.Writer = &buf
			if quiet {
				w = nil
			}
			r, err := api.Diff(cmd.Context(), w, args[0], args[1], api.DiffOptions{
				LoadOptions: api.LoadOptions{DB: db, Password: password},
				Format:      format,
				Lang:        tag,
				Stat:        stat,
				Color:       output == "" && colorOK(cmd.OutOrStdout()),
			})
			if err != nil {
				return withCode(diffTrouble, loadHint(err))
			}
			if !quiet {
				if err := writeReport(cmd, output, buf.Bytes()); err != nil {
					return withCode(diffTrouble, err)
				}
			}
			if r.Same {
				return nil
			}
			return withCode(diffChanged, nil)
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "store file to look up OLD and NEW in when they are not files")
	cmd.Flags().StringVar(&format, "format", "text", "report format: text, markdown, html or json")
	cmd.Flags().StringVar(&lang, "lang", "it", "language of the report: it or en")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the report to this file instead of standard output")
	cmd.Flags().BoolVar(&stat, "stat", false, "write the summary only: documents, counts, year shift")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "write nothing; the exit status tells whether the plans differ")
	cmd.Flags().StringVar(&password, "password", "", "user password of encrypted PDFs")
	return cmd
}

// colorOK reports whether w is a terminal that wants colour (NO_COLOR unset
// or empty, see no-color.org).
func colorOK(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
