package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/api"
)

func newHistoryCmd() *cobra.Command {
	var dbPath, lang string
	var out tableOutput
	cmd := &cobra.Command{
		Use:   "history QUERY|KEY [--db FILE] [--format text|html|json] [--lang it|en] [-o FILE]",
		Short: "An objective's story across the stored years",
		Long: `history follows one objective through the stored prints of its plan, by the
lineage the store keeps: when it first appeared, each print's title, units,
weight, indicator targets and the state of its phases, and what changed from
the print before (as diff tells it).

KEY is an objective's key (as list, search and export print it); anything
else is searched as search does, and the best match in the latest prints is
followed. Other objectives the words match are listed after it.

The text report speaks Italian, with the print's own words, unless --lang en
is given. --format html -o FILE writes one self-contained page (inline CSS
and SVG, no script): a timeline of the prints, then one column per print
with the objective's title, units, weight, targets and the state of its
phases, the values that changed from the print before highlighted.
--format json writes the history as one object in English
(obiettivi.history/v1; schema:
docs/store-output.schema.json#/$defs/history).`,
		Example: `  obiettivi history "tempo medio ponderato"
  obiettivi history --format html -o history.html "tempo medio ponderato"
  obiettivi history --lang en "San Gennaro"
  obiettivi history 7528ceb1ea7a58ea --format json -o history.json`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := out.check(api.HistoryFormats()...); err != nil {
				return err
			}
			tag, err := reportLang(lang)
			if err != nil {
				return withCode(2, err)
			}
			query := strings.TrimSpace(strings.Join(args, " "))
			if query == "" {
				return withCode(2, errors.New("empty QUERY"))
			}
			return out.write(cmd, func(w io.Writer) error {
				_, err := api.History(cmd.Context(), w, query, api.HistoryOptions{DB: dbPath, Format: out.format, Lang: tag})
				var qe *api.QueryError
				if errors.As(err, &qe) {
					return withCode(2, fmt.Errorf("history %s: %w", quoteShort(query), err))
				}
				return err
			})
		},
	}
	addDBFlag(cmd, &dbPath)
	out.flags(cmd, "text, html or json")
	cmd.Flags().StringVar(&lang, "lang", "it", "language of the text and HTML reports: it or en")
	return cmd
}
