package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/api"
	"github.com/obiettivi/obiettivi/audit"
	"github.com/obiettivi/obiettivi/plan"
)

func newAuditCmd() *cobra.Command {
	var db, format, failOn, password string
	cmd := &cobra.Command{
		Use:   "audit TARGET",
		Short: "List the inconsistencies of a plan, each with where it is",
		Long: `audit checks a plan for what is wrong or suspicious in it and says where
each finding is (page, unit, objective key), so that it can be fixed at the
source: a table of contents that disagrees with the headings, one person written two
ways, empty cells, periods outside the plan year, repeated or diverging
copies, damaged text. The rules, their severities and what they catch are
listed in the README.

TARGET is a PDF, an obiettivi.plan/v1 JSON file, or a document of the store
given with --db: its id, or ENTITY:YEAR (the latest ingest).

The text report groups the findings by unit, after counts by rule and
severity; --format json writes the findings array of obiettivi.plan/v1.

Exit status: 0, or 1 when --fail-on is given and a finding of that severity
or worse exists (so that the audit can gate a publishing step); 1 also when
TARGET cannot be read, 2 on a wrong command line.`,
		Example: `  obiettivi audit samples/capannori-2024.pdf
  obiettivi audit --format json golden/capannori-2024.json | jq '.[] | select(.severity == "error")'
  obiettivi audit --fail-on error plan.pdf && publish plan.pdf
  obiettivi audit --db plans.sqlite "Comune di Capannori:2024"`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text", "json":
			default:
				return withCode(2, fmt.Errorf("unknown --format %q: want text or json", format))
			}
			threshold := 0
			switch failOn {
			case "":
			case plan.SeverityError, plan.SeverityWarning:
				threshold = audit.SeverityRank(failOn)
			default:
				return withCode(2, fmt.Errorf("unknown --fail-on %q: want error or warning", failOn))
			}
			target := args[0]
			doc, err := api.Load(cmd.Context(), target, api.LoadOptions{DB: db, Password: password})
			if err != nil {
				return err
			}
			fs := audit.Findings(doc)
			w := bufio.NewWriter(cmd.OutOrStdout())
			if format == "json" {
				err = writeFindingsJSON(w, fs)
			} else {
				err = writeFindingsText(w, target, doc, fs)
			}
			if err == nil {
				err = w.Flush()
			}
			if err != nil {
				return fmt.Errorf("writing the report: %w", err)
			}
			if threshold > 0 {
				for _, f := range fs {
					if audit.SeverityRank(f.Severity) >= threshold {
						return withCode(1, nil)
					}
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "store file to look TARGET up in when it is not a file")
	cmd.Flags().StringVar(&format, "format", "text", "report format: text or json")
	cmd.Flags().StringVar(&failOn, "fail-on", "", "exit 1 when a finding of this severity or worse exists: error or warning")
	cmd.Flags().StringVar(&password, "password", "", "user password of an encrypted PDF")
	return cmd
}

// writeFindingsJSON writes the findings array, as in obiettivi.plan/v1.
func writeFindingsJSON(w io.Writer, fs []plan.Finding) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(fs)
}

// writeFindingsText writes the counts by severity and by rule, then the
// findings grouped by unit in printed order.
func writeFindingsText(w io.Writer, target string, doc *plan.Document, fs []plan.Finding) error {
	bySev := map[string]int{}
	byRule := map[string]int{}
	sevOf := map[string]string{}
	for _, f := range fs {
		bySev[f.Severity]++
		byRule[f.Rule]++
		sevOf[f.Rule] = f.Severity
	}
	fmt.Fprintf(w, "%s: %s (%d errors, %d warnings, %d info)\n", target, countNoun(len(fs), "finding"),
		bySev[plan.SeverityError], bySev[plan.SeverityWarning], bySev[plan.SeverityInfo])
	if len(fs) == 0 {
		return nil
	}
	rules := make([]string, 0, len(byRule))
	width := len("rule")
	for r := range byRule {
		rules = append(rules, r)
		width = max(width, len(r))
	}
	sort.Slice(rules, func(i, j int) bool {
		a, b := audit.SeverityRank(sevOf[rules[i]]), audit.SeverityRank(sevOf[rules[j]])
		if a != b {
			return a > b
		}
		return rules[i] < rules[j]
	})
	fmt.Fprintf(w, "\n  %-8s %-*s %5s\n", "severity", width, "rule", "count")
	for _, r := range rules {
		fmt.Fprintf(w, "  %-8s %-*s %5d\n", sevOf[r], width, r, byRule[r])
	}

	// Group by unit: units in printed order, findings with no unit first.
	names := map[string]string{}
	for _, u := range doc.Units {
		if _, ok := names[u.Code]; !ok {
			names[u.Code] = u.Code + " - " + u.Name
		}
	}
	var order []string
	groups := map[string][]plan.Finding{}
	for _, f := range fs {
		u := plan.Deref(f.Unit)
		if _, ok := groups[u]; !ok {
			order = append(order, u)
		}
		groups[u] = append(groups[u], f)
	}
	unitIdx := map[string]int{"": -1}
	for i, u := range doc.Units {
		if _, ok := unitIdx[u.Code]; !ok {
			unitIdx[u.Code] = i
		}
	}
	rank := func(u string) int {
		if i, ok := unitIdx[u]; ok {
			return i
		}
		return len(doc.Units)
	}
	sort.SliceStable(order, func(i, j int) bool { return rank(order[i]) < rank(order[j]) })
	for _, u := range order {
		title := names[u]
		switch {
		case u == "":
			title = "Whole document"
		case title == "":
			title = u
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, f := range groups[u] {
			page := "     "
			if f.Page != nil {
				page = fmt.Sprintf("p.%-3d", *f.Page)
			}
			fmt.Fprintf(w, "  %s %-7s %s: %s", page, f.Severity, f.Rule, f.Message)
			if k := plan.Deref(f.ObjectiveKey); k != "" {
				fmt.Fprintf(w, " [objective %s]", k)
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}

// countNoun is "1 finding" or "n findings".
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %s", n, strings.TrimSuffix(noun, "s")+"s")
}
