package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/store"
)

func newListCmd() *cobra.Command {
	var dbPath string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the documents in the SQLite store",
		Long: `list prints one line per stored document: its id (for export --document),
entity, plan year, file, pages, objectives as printed, distinct objectives,
and when it was ingested (UTC).`,
		Example: `  obiettivi list
  obiettivi list --db plans.sqlite`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := store.OpenExisting(cmd.Context(), dbPath)
			if err != nil {
				return err
			}
			defer db.Close()
			docs, err := store.List(cmd.Context(), db)
			if err != nil {
				return fmt.Errorf("%s: %w", dbPath, err)
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tENTITY\tYEAR\tFILE\tPAGES\tOBJECTIVES\tDISTINCT\tINGESTED")
			for _, d := range docs {
				fmt.Fprintf(w, "%d\t%s\t%d\t%s\t%d\t%d\t%d\t%s\n", d.ID, d.Entity, d.Year, d.File, d.Pages,
					d.Objectives, d.Distinct, d.IngestedAt.UTC().Format("2006-01-02 15:04:05Z"))
			}
			return w.Flush()
		},
	}
	addDBFlag(cmd, &dbPath)
	return cmd
}
