package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/api"
)

// searchHit is one match of search --format json.
type searchHit struct {
	DocumentID int64    `json:"document_id"`
	Entity     string   `json:"entity"`
	Year       int      `json:"year"`
	Key        string   `json:"key"`
	Title      string   `json:"title"`
	Units      []string `json:"units"`
	Snippet    string   `json:"snippet"`
}

func newSearchCmd() *cobra.Command {
	var dbPath string
	var limit int
	var all bool
	var out tableOutput
	cmd := &cobra.Command{
		Use:   "search QUERY [--format text|json|csv] [-o FILE]",
		Short: "Full-text search over the objectives in the SQLite store",
		Long: `search finds the objectives whose title, description or phases contain the
words of QUERY, best match first, in the most recently ingested print of
every stored plan (every print with --all-prints). Accents and case do not
matter. QUERY may use: "a phrase", prefix*, AND, OR, NOT (a NOT b),
parentheses, NEAR(a b) or NEAR(a b, 5), and title:, description: or
phases: before a word or phrase. A QUERY that is not such syntax is
searched as its plain words. A QUERY of more than 64 words is refused, and a
search that runs past 10 s is stopped.

Each match prints the entity, plan year, unit (and how many other units
print the same objective), the objective's title, and the matching text
with the matched words in [brackets]. --format json writes an array of
matches (document_id, entity, year, key, title, units, snippet; schema:
docs/store-output.schema.json), --format csv the same as a table.`,
		Example: `  obiettivi search pagamenti
  obiettivi search --db plans.sqlite '"tempo medio" AND ritardo'
  obiettivi search 'digitali*' --limit 5 --format json`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := out.check("text", "json", "csv"); err != nil {
				return err
			}
			query := strings.TrimSpace(strings.Join(args, " "))
			if query == "" {
				return withCode(2, errors.New("empty QUERY"))
			}
			if limit < 0 {
				return withCode(2, fmt.Errorf("--limit %d: want 0 (all) or more", limit))
			}
			hits, err := api.Search(cmd.Context(), query, api.SearchOptions{DB: dbPath, Limit: limit, AllPrints: all})
			var qe *api.QueryError
			if errors.As(err, &qe) {
				return withCode(2, fmt.Errorf("search %s: %w", quoteShort(query), err))
			}
			if err != nil {
				return err
			}
			if len(hits) == 0 && out.format == "text" {
				fmt.Fprintf(cmd.ErrOrStderr(), "no objective matches %s\n", query)
			}
			return out.write(cmd, func(w io.Writer) error {
				list := make([]searchHit, len(hits))
				for i, h := range hits {
					units := h.Units
					if units == nil {
						units = []string{}
					}
					list[i] = searchHit{h.DocumentID, h.Entity, h.Year, h.Key, h.Title, units, h.Snippet}
				}
				switch out.format {
				case "json":
					return writeJSON(w, list)
				case "csv":
					rows := make([][]string, len(list))
					for i, h := range list {
						rows[i] = []string{strconv.FormatInt(h.DocumentID, 10), h.Entity, strconv.Itoa(h.Year), h.Key, h.Title,
							strings.Join(h.Units, " "), h.Snippet}
					}
					return writeCSV(w, []string{"document_id", "entity", "year", "key", "title", "units", "snippet"}, rows)
				}
				for _, h := range hits {
					unit := "-"
					if len(h.Units) > 0 {
						unit = h.Units[0]
					}
					if len(h.Units) > 1 {
						unit += fmt.Sprintf(" (+%d)", len(h.Units)-1)
					}
					fmt.Fprintf(w, "%s %d  %s  %s\n    %s\n", h.Entity, h.Year, unit, h.Title, h.Snippet)
				}
				return nil
			})
		},
	}
	addDBFlag(cmd, &dbPath)
	cmd.Flags().IntVarP(&limit, "limit", "n", 20, "print at most this many matches (0: all)")
	cmd.Flags().BoolVar(&all, "all-prints", false, "search every stored print of a plan, not only the latest")
	out.flags(cmd, "text, json or csv")
	return cmd
}

// quoteShort quotes a query for a message, cut to a readable length.
func quoteShort(q string) string {
	if r := []rune(q); len(r) > 40 {
		q = string(r[:40]) + "…"
	}
	return strconv.Quote(q)
}
