package main

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/api"
)

func newExportCmd() *cobra.Command {
	var dbPath, entity, format, out string
	var id int64
	var year int
	var excel, raw, force bool
	cmd := &cobra.Command{
		Use:   "export [--document ID | --entity NAME --year YYYY] [--format json|csv|ndjson|parquet] [-o PATH]",
		Short: "Write stored plans as JSON, CSV, NDJSON or Parquet",
		Long: `export writes documents of the store. --document picks one by id (see
'obiettivi list'); --entity and --year pick the most recently ingested
print of that entity's plan for that year (the entity may be written in any
case, or as a part of its name that only one stored entity has).

--format json (the default) writes the obiettivi.plan/v1 document that
extract wrote for the PDF, to standard output or to the file -o names; it
needs one document.

--format csv, ndjson and parquet write readable tables into the folder -o
names, one per plan_* view of the store: documents, objectives,
occurrences, staff, phases, phase_months, indicator_targets, units and
findings, with codes, names and titles rather than the store's internal
ids, and is_latest and document_sha256 on every row. Without --document,
--entity or --year they cover every document of the store; --entity alone
or --year alone, every document of that entity or year. csv writes
TABLE.csv files (--excel: for a spreadsheet set to Italian, with a UTF-8
byte order mark, ';' between fields, CRLF line ends and decimal commas;
--raw: the store's normalised tables instead, ids and all); ndjson writes
TABLE.ndjson, one JSON object per line; parquet writes a dataset, a folder
per table partitioned by entity and year (TABLE/entity=NAME/year=YYYY/),
typed: integers, doubles, dates, booleans for the months.

The folder is written whole or not at all (into a new folder beside it,
renamed into place at the end). It must not exist or be empty: a folder
that already holds files is refused, or replaced whole with --force.`,
		Example: `  obiettivi export --document 3 > plan.json
  obiettivi export --db plans.sqlite --entity "Comune di Capannori" --year 2024 -o capannori-2024.json
  obiettivi export --entity capannori --year 2025 --format csv --excel -o capannori-2025-csv/
  obiettivi export --format parquet -o dataset/
  duckdb -c "SELECT year, count(*) FROM read_parquet('dataset/objectives/**/*.parquet', hive_partitioning = true) WHERE is_latest GROUP BY year"`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			byID := cmd.Flags().Changed("document")
			byEntity, byYear := cmd.Flags().Changed("entity"), cmd.Flags().Changed("year")
			tables := format != "json"
			switch {
			case byID && (byEntity || byYear):
				return withCode(2, errors.New("give either --document or --entity with --year, not both"))
			case !tables && !byID && !byEntity && !byYear:
				return withCode(2, errors.New("--format json writes one document: give --document ID, or --entity NAME with --year YYYY (see 'obiettivi list')"))
			case !tables && byEntity != byYear:
				return withCode(2, errors.New("--format json writes one document: --entity and --year go together"))
			case byYear && (year < 1000 || year > 9999):
				return withCode(2, fmt.Errorf("--year %d: want a four-digit year", year))
			case byID && id <= 0:
				return withCode(2, fmt.Errorf("--document %d: want a document id (see 'obiettivi list')", id))
			}
			switch format {
			case "json":
				if excel || raw || force {
					return withCode(2, errors.New("--excel, --raw and --force go with --format csv, ndjson or parquet"))
				}
			case api.FormatCSV, api.FormatNDJSON, api.FormatParquet:
				if out == "" || out == "-" {
					return withCode(2, fmt.Errorf("--format %s writes a folder of files: name it with -o DIR", format))
				}
				if excel && format != api.FormatCSV {
					return withCode(2, errors.New("--excel goes with --format csv"))
				}
				if raw && format == api.FormatParquet {
					return withCode(2, errors.New("--raw goes with --format csv or ndjson"))
				}
			default:
				return withCode(2, fmt.Errorf("unknown --format %q: want json, csv, ndjson or parquet", format))
			}
			opt := api.ExportOptions{
				DB:        dbPath,
				Selection: api.Selection{Document: id, Entity: entity, Year: year},
				Format:    format,
				Excel:     excel, Raw: raw, Force: force,
			}
			if !tables {
				var buf bytes.Buffer
				if _, err := api.Export(cmd.Context(), &buf, opt); err != nil {
					return err
				}
				if out == "" || out == "-" {
					_, err := cmd.OutOrStdout().Write(buf.Bytes())
					return err
				}
				return writeFileAtomic(out, buf.Bytes())
			}
			opt.Dir = out
			files, err := api.Export(cmd.Context(), nil, opt)
			if err != nil {
				return err
			}
			for _, f := range files {
				fmt.Fprintln(cmd.OutOrStdout(), f)
			}
			return nil
		},
	}
	addDBFlag(cmd, &dbPath)
	cmd.Flags().Int64Var(&id, "document", 0, "id of the stored document")
	cmd.Flags().StringVar(&entity, "entity", "", "entity whose plans to export (with --year: its latest print of that year)")
	cmd.Flags().IntVar(&year, "year", 0, "plan year (with --entity: that entity's latest print of it)")
	cmd.Flags().StringVar(&format, "format", "json", "json, csv, ndjson or parquet")
	cmd.Flags().StringVarP(&out, "output", "o", "", "file (json) or folder (csv, ndjson, parquet) to write; json goes to standard output without it")
	cmd.Flags().BoolVar(&excel, "excel", false, "csv for a spreadsheet set to Italian: byte order mark, ';', CRLF, decimal commas")
	cmd.Flags().BoolVar(&raw, "raw", false, "csv or ndjson of the store's normalised tables, internal ids and all")
	cmd.Flags().BoolVar(&force, "force", false, "replace the -o folder, and everything in it, when it already holds files")
	return cmd
}
