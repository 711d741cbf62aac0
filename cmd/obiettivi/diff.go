package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/obiettivi/obiettivi/api"
	"github.com/obiettivi/obiettivi/diff"
	"github.com/obiettivi/obiettivi/plan"
)

// Exit codes of diff, as diff(1) has them.
const (
	diffSame    = 0
	diffChanged = 1
	diffTrouble = 2
)

func newDiffCmd() *cobra.Command {
	var db, format, password string
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

The report is text (coloured on a terminal unless NO_COLOR is set), JSON
(format obiettivi.diff/v1, documented in the README) or Markdown.

Exit status: 0 when the plans are the same, 1 when they differ, 2 on error.`,
		Example: `  obiettivi diff capannori-2024.pdf capannori-2025.pdf
  obiettivi diff --format markdown golden/capannori-2024.json capannori-2025.pdf > changes.md
  obiettivi diff --format json old.json new.json | jq '.objectives[] | select(.kind == "added") | .title'
  obiettivi diff --db plans.sqlite "Comune di Capannori:2024" "Comune di Capannori:2025"
  obiettivi diff --db plans.sqlite 3 4`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text", "json", "markdown":
			default:
				return withCode(diffTrouble, fmt.Errorf("unknown --format %q: want text, json or markdown", format))
			}
			docs, err := loadBoth(cmd, args, api.LoadOptions{DB: db, Password: password})
			if err != nil {
				return withCode(diffTrouble, err)
			}
			r := diff.Compare(docs[0], docs[1])
			out := cmd.OutOrStdout()
			w := bufio.NewWriter(out)
			switch format {
			case "json":
				err = diff.WriteJSON(w, r)
			case "markdown":
				err = diff.WriteMarkdown(w, r)
			default:
				err = diff.WriteText(w, r, diff.TextOptions{Color: colorOK(out)})
			}
			if err == nil {
				err = w.Flush()
			}
			if err != nil {
				return withCode(diffTrouble, fmt.Errorf("writing the report: %w", err))
			}
			if r.Same {
				return nil
			}
			return withCode(diffChanged, nil)
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "store file to look up OLD and NEW in when they are not files")
	cmd.Flags().StringVar(&format, "format", "text", "report format: text, json or markdown")
	cmd.Flags().StringVar(&password, "password", "", "user password of encrypted PDFs")
	return cmd
}

// loadBoth loads the two targets at once (each may be a PDF to extract).
func loadBoth(cmd *cobra.Command, targets []string, opt api.LoadOptions) ([2]*plan.Document, error) {
	var docs [2]*plan.Document
	var errs [2]error
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Go(func() {
			docs[i], errs[i] = api.Load(cmd.Context(), t, opt)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return docs, err
		}
	}
	return docs, nil
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
