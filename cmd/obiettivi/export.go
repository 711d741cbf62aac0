package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/store"
)

func newExportCmd() *cobra.Command {
	var dbPath, entity, format, out string
	var id int64
	var year int
	cmd := &cobra.Command{
		Use:   "export (--document ID | --entity NAME --year YYYY) [--format json|csv] [-o PATH]",
		Short: "Write a stored plan as JSON or CSV",
		Long: `export writes one document of the store. --document picks it by id (see
'obiettivi list'); --entity and --year pick the most recently ingested
print of that entity's plan for that year (the entity may be written in any
case, or as a part of its name that only one stored entity has).

--format json (the default) writes the obiettivi.plan/v1 document that
extract wrote for the PDF, to standard output or to the file -o names.
--format csv writes one UTF-8 CSV file per table of the store, each with a
header row and only the rows of that document, into the folder -o names.`,
		Example: `  obiettivi export --document 3 > plan.json
  obiettivi export --db plans.sqlite --entity "Comune di Capannori" --year 2024 -o capannori-2024.json
  obiettivi export --entity capannori --year 2025 --format csv -o capannori-2025-csv/`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			byID := cmd.Flags().Changed("document")
			byYear := cmd.Flags().Changed("entity") || cmd.Flags().Changed("year")
			switch {
			case byID && byYear:
				return withCode(2, errors.New("give either --document or --entity with --year, not both"))
			case !byID && !byYear:
				return withCode(2, errors.New("give --document ID, or --entity NAME with --year YYYY (see 'obiettivi list')"))
			case byYear && (!cmd.Flags().Changed("entity") || !cmd.Flags().Changed("year")):
				return withCode(2, errors.New("--entity and --year go together"))
			}
			switch format {
			case "json":
			case "csv":
				if out == "" || out == "-" {
					return withCode(2, errors.New("--format csv writes a folder of files: name it with -o DIR"))
				}
			default:
				return withCode(2, fmt.Errorf("unknown --format %q: want json or csv", format))
			}
			ctx := cmd.Context()
			db, err := store.OpenExisting(ctx, dbPath)
			if err != nil {
				return err
			}
			defer db.Close()
			if byYear {
				if id, err = store.FindLatest(ctx, db, entity, year); err != nil {
					return fmt.Errorf("%s: %w", dbPath, err)
				}
			}
			if format == "csv" {
				if st, err := os.Stat(out); err == nil && !st.IsDir() {
					return fmt.Errorf("%s: is a file; --format csv writes a folder", out)
				}
				files, err := store.ExportCSV(ctx, db, id, out)
				if err != nil {
					return fmt.Errorf("%s: %w", dbPath, err)
				}
				for _, f := range files {
					fmt.Fprintln(cmd.OutOrStdout(), f)
				}
				return nil
			}
			doc, err := store.Export(ctx, db, id)
			if err != nil {
				return fmt.Errorf("%s: %w", dbPath, err)
			}
			var buf bytes.Buffer
			if err := doc.Encode(&buf); err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err := cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			return writeFileAtomic(out, buf.Bytes())
		},
	}
	addDBFlag(cmd, &dbPath)
	cmd.Flags().Int64Var(&id, "document", 0, "id of the stored document")
	cmd.Flags().StringVar(&entity, "entity", "", "entity whose plan to export, with --year")
	cmd.Flags().IntVar(&year, "year", 0, "plan year, with --entity")
	cmd.Flags().StringVar(&format, "format", "json", "json or csv")
	cmd.Flags().StringVarP(&out, "output", "o", "", "file (json) or folder (csv) to write; json goes to standard output without it")
	return cmd
}
