package main

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/api"
	"github.com/obiettivi/obiettivi/plan"
)

func newAuditCmd() *cobra.Command {
	var db, format, failOn, password, lang, output string
	cmd := &cobra.Command{
		Use:   "audit TARGET",
		Short: "List the inconsistencies of a plan, each with where it is",
		Long: `audit checks a plan for what is wrong or suspicious in it and says where
each finding is (page, unit, objective), so that it can be fixed at the
source: a table of contents that disagrees with the headings, one person written two
ways, empty cells, periods outside the plan year, repeated or diverging
copies, damaged text, and what the PDF reader was not sure it read. The
rules, their severities and what they catch are listed in docs/audit.md.

TARGET is a PDF, an obiettivi.plan/v1 JSON file, or a document of the store
given with --db: its id, or ENTITY:YEAR (the latest ingest).

Across years: when the store (--db, or obiettivi.sqlite in the working
folder when there is one) holds a plan of an earlier year of TARGET's
entity, the audit compares the two, objective by objective as the store's
lineage links them: objectives carried over with the same indicators and
targets, targets that got easier, objectives reported concluded whose
phases are planned again. The earlier plan is the last print of the
nearest earlier year: for a stored TARGET, the print its lineage continues;
for a file, the print it would continue if it were ingested. Without one
these rules find nothing, and the report says so.

The report speaks Italian, with the print's own words, unless --lang en is
given. It is text (counts by severity, rule and sector, then the findings
grouped by sector and office), Markdown, one self-contained HTML page
(--format html -o audit.html: opens offline, prints a page per sector), or
JSON: the findings array of obiettivi.plan/v1 (English message and rule ids)
with the message in the report's language and the objective's title.

Exit status: 0, or 1 when --fail-on is given and a finding of that severity
or worse exists (so that the audit can gate a publishing step); 1 also when
TARGET cannot be read, 2 on a wrong command line.`,
		Example: `  obiettivi audit samples/capannori-2024.pdf
  obiettivi audit --format html -o audit.html samples/capannori-2024.pdf
  obiettivi audit --lang en --format markdown plan.json > audit.md
  obiettivi audit --format json golden/capannori-2024.json | jq '.[] | select(.severity == "error")'
  obiettivi audit --fail-on error plan.pdf && publish plan.pdf
  obiettivi audit --db plans.sqlite "Comune di Capannori:2024"
  obiettivi audit --db plans.sqlite samples/capannori-2025.pdf`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := reportFormat(format, api.AuditFormats()); err != nil {
				return withCode(2, err)
			}
			tag, err := reportLang(lang)
			if err != nil {
				return withCode(2, err)
			}
			switch failOn {
			case "", plan.SeverityError, plan.SeverityWarning:
			default:
				return withCode(2, fmt.Errorf("unknown --fail-on %q: want error or warning", failOn))
			}
			var buf bytes.Buffer
			report, err := api.Audit(cmd.Context(), &buf, args[0], api.AuditOptions{
				LoadOptions: api.LoadOptions{DB: db, Password: password},
				Format:      format,
				Lang:        tag,
			})
			if err != nil {
				return loadHint(err)
			}
			if err := writeReport(cmd, output, buf.Bytes()); err != nil {
				return err
			}
			if failOn != "" && report.AtLeast(failOn) {
				return withCode(1, nil)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "store file to look TARGET up in when it is not a file, and the plan of an earlier year in (default obiettivi.sqlite when there is one)")
	cmd.Flags().StringVar(&format, "format", "text", "report format: text, markdown, html or json")
	cmd.Flags().StringVar(&lang, "lang", "it", "language of the report: it or en")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the report to this file instead of standard output")
	cmd.Flags().StringVar(&failOn, "fail-on", "", "exit 1 when a finding of this severity or worse exists: error or warning")
	cmd.Flags().StringVar(&password, "password", "", "user password of an encrypted PDF")
	return cmd
}
