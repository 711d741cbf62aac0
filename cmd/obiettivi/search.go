package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/store"
)

func newSearchCmd() *cobra.Command {
	var dbPath string
	var limit int
	var all bool
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Full-text search over the objectives in the SQLite store",
		Long: `search finds the objectives whose title, description or phases contain the
words of QUERY, best match first, in the most recently ingested print of
every stored plan (every print with --all-prints). Accents and case do not
matter. QUERY may use SQLite FTS5 syntax: "a phrase", prefix*,
AND, OR, NOT, NEAR(a b).

Each match prints the entity, plan year, unit (and how many other units
print the same objective), the objective's title, and the matching text
with the matched words in [brackets].`,
		Example: `  obiettivi search pagamenti
  obiettivi search --db plans.sqlite '"tempo medio" AND ritardo'
  obiettivi search 'digitali*' --limit 5`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			query := strings.TrimSpace(strings.Join(args, " "))
			if query == "" {
				return withCode(2, errors.New("empty QUERY"))
			}
			db, err := store.OpenExisting(cmd.Context(), dbPath)
			if err != nil {
				return err
			}
			defer db.Close()
			hits, err := store.Search(cmd.Context(), db, query, store.SearchOptions{Limit: limit, AllPrints: all})
			if err != nil {
				return fmt.Errorf("%s: %w", dbPath, err)
			}
			if len(hits) == 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "no objective matches %s\n", query)
				return nil
			}
			out := cmd.OutOrStdout()
			for _, h := range hits {
				unit := "-"
				if len(h.Units) > 0 {
					unit = h.Units[0]
				}
				if len(h.Units) > 1 {
					unit += fmt.Sprintf(" (+%d)", len(h.Units)-1)
				}
				fmt.Fprintf(out, "%s %d  %s  %s\n    %s\n", h.Entity, h.Year, unit, h.Title, h.Snippet)
			}
			return nil
		},
	}
	addDBFlag(cmd, &dbPath)
	cmd.Flags().IntVarP(&limit, "limit", "n", 20, "print at most this many matches (0: all)")
	cmd.Flags().BoolVar(&all, "all-prints", false, "search every stored print of a plan, not only the latest")
	return cmd
}
