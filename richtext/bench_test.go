package richtext

import (
	"testing"

	"github.com/obiettivi/obiettivi/plan"
)

// printedDescriptions returns the distinct descriptions of the 2024 golden
// plan, printed as the report prints them.
func printedDescriptions(b *testing.B) (htmls []string, printed [][][]Line) {
	doc, err := plan.ReadFile("../testdata/truth/capannori-2024.json")
	if err != nil {
		b.Fatal(err)
	}
	seen := map[string]bool{}
	t := &testing.T{}
	for _, o := range doc.Objectives {
		if seen[o.DescriptionHTML] || o.DescriptionHTML == "" {
			continue
		}
		seen[o.DescriptionHTML] = true
		htmls = append(htmls, o.DescriptionHTML)
		printed = append(printed, [][]Line{printLines(t, o.DescriptionHTML, reportlab)})
	}
	return htmls, printed
}

// BenchmarkBuild reads back every description of a plan: one op is the
// whole plan.
func BenchmarkBuild(b *testing.B) {
	_, printed := printedDescriptions(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range printed {
			Build(p)
		}
	}
	b.ReportMetric(float64(len(printed)), "descriptions/op")
}

// BenchmarkTextOf extracts the text of every description of a plan: one op
// is the whole plan.
func BenchmarkTextOf(b *testing.B) {
	htmls, _ := printedDescriptions(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, h := range htmls {
			TextOf(h)
		}
	}
}
