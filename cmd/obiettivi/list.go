package main

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/api"
)

// listedDocument is one document of list --format json.
type listedDocument struct {
	ID                 int64  `json:"id"`
	Entity             string `json:"entity"`
	Year               int    `json:"year"`
	File               string `json:"file"`
	Pages              int    `json:"pages"`
	Title              string `json:"title"`
	Objectives         int    `json:"objectives"`
	DistinctObjectives int    `json:"distinct_objectives"`
	IsLatest           bool   `json:"is_latest"`
	Partial            bool   `json:"partial"`
	IngestedAt         string `json:"ingested_at"`
	ExtractorVersion   string `json:"extractor_version"`
	ExtractorCommit    string `json:"extractor_commit"`
	SHA256             string `json:"sha256"`
}

var listColumns = []string{"id", "entity", "year", "file", "pages", "title", "objectives", "distinct_objectives",
	"is_latest", "partial", "ingested_at", "extractor_version", "extractor_commit", "sha256"}

func (d listedDocument) record() []string {
	return []string{strconv.FormatInt(d.ID, 10), d.Entity, strconv.Itoa(d.Year), d.File, strconv.Itoa(d.Pages), d.Title,
		strconv.Itoa(d.Objectives), strconv.Itoa(d.DistinctObjectives), strconv.FormatBool(d.IsLatest),
		strconv.FormatBool(d.Partial), d.IngestedAt, d.ExtractorVersion, d.ExtractorCommit, d.SHA256}
}

func newListCmd() *cobra.Command {
	var dbPath string
	var out tableOutput
	cmd := &cobra.Command{
		Use:   "list [--format text|json|csv] [-o FILE]",
		Short: "List the documents in the SQLite store",
		Long: `list prints one line per stored document: its id (for export --document),
entity, plan year, file, pages, objectives as printed, distinct objectives,
whether it is the latest print of its plan (the one search and export
--entity --year use), whether it was read with pages left out (--partial),
and when it was ingested (UTC).

--format json writes an array of objects, one per document, with these
fields and the title, the extractor's version and commit and the PDF's
SHA-256 (schema: docs/store-output.schema.json); --format csv writes the
same fields as a table.`,
		Example: `  obiettivi list
  obiettivi list --db plans.sqlite --format json | jq '.[] | select(.is_latest) | .id'
  obiettivi list --format csv -o documents.csv`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := out.check("text", "json", "csv"); err != nil {
				return err
			}
			docs, err := api.List(cmd.Context(), api.ListOptions{DB: dbPath})
			if err != nil {
				return err
			}
			listed := make([]listedDocument, len(docs))
			for i, d := range docs {
				listed[i] = listedDocument{
					ID: d.ID, Entity: d.Entity, Year: d.Year, File: d.File, Pages: d.Pages, Title: d.Title,
					Objectives: d.Objectives, DistinctObjectives: d.Distinct, IsLatest: d.IsLatest, Partial: d.Partial,
					IngestedAt: d.IngestedAt.UTC().Format(time.RFC3339), ExtractorVersion: d.ExtractorVersion,
					ExtractorCommit: d.ExtractorCommit, SHA256: d.SHA256,
				}
			}
			return out.write(cmd, func(w io.Writer) error {
				switch out.format {
				case "json":
					return writeJSON(w, listed)
				case "csv":
					rows := make([][]string, len(listed))
					for i, d := range listed {
						rows[i] = d.record()
					}
					return writeCSV(w, listColumns, rows)
				}
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tENTITY\tYEAR\tFILE\tPAGES\tOBJECTIVES\tDISTINCT\tLATEST\tPARTIAL\tINGESTED")
				for _, d := range docs {
					fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%d\t%d\t%d\t%s\t%s\t%s\n", d.ID, d.Entity, d.Year, d.File, d.Pages,
						d.Objectives, d.Distinct, yesNo(d.IsLatest), yesNo(d.Partial), d.IngestedAt.UTC().Format("2006-01-02 15:04:05Z"))
				}
				return tw.Flush()
			})
		},
	}
	addDBFlag(cmd, &dbPath)
	out.flags(cmd, "text, json or csv")
	return cmd
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
