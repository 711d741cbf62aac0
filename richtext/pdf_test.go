package richtext

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/difftest"
	"github.com/obiettivi/obiettivi/plan"
)

// pageBreakMerges are the descriptions of samples/capannori-2024.pdf where a
// paragraph ends on a full line at the foot of a page: nothing printed
// tells that the next page starts a new paragraph, so the two read as one.
// Each maps to the end of the first paragraph and the start of the second.
var pageBreakMerges = map[int][2]string{
	33: {"massimale di 250.000.", "L'intento"},
}

// TestBuildPrintedPDF reads the description cells of samples/capannori-2024.pdf
// as poppler's pdftotext -bbox-layout reads them (testdata/pdflines.py
// wrote testdata/capannori-2024-lines.json) and checks them against the
// golden plan of that PDF.
func TestBuildPrintedPDF(t *testing.T) {
	raw, err := os.ReadFile("testdata/capannori-2024-lines.json")
	if err != nil {
		t.Fatal(err)
	}
	var printed []struct {
		Objective int `json:"objective"`
		Fragments [][]struct {
			Text   string  `json:"text"`
			Indent float64 `json:"indent"`
			Gap    float64 `json:"gap"`
			Size   float64 `json:"size"`
		} `json:"fragments"`
	}
	if err := json.Unmarshal(raw, &printed); err != nil {
		t.Fatal(err)
	}
	doc, err := plan.ReadFile("../testdata/truth/capannori-2024.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(printed) < 50 {
		t.Fatalf("%d descriptions read from the fixture, want all of them", len(printed))
	}
	styles := map[printStyle]int{}
	for _, p := range printed {
		if p.Objective >= len(doc.Objectives) {
			t.Fatalf("objective %d: the golden plan has %d", p.Objective, len(doc.Objectives))
		}
		o := doc.Objectives[p.Objective]
		frags := make([][]Line, len(p.Fragments))
		var all strings.Builder
		for i, f := range p.Fragments {
			for _, l := range f {
				frags[i] = append(frags[i], Line{Text: l.Text, Indent: l.Indent, Gap: l.Gap, Size: l.Size})
				all.WriteString(l.Text)
			}
		}
		// how this PDF printed it
		style := printFormatted
		if strings.Contains(all.String(), "<p>") || strings.Contains(all.String(), "<ul") {
			style = printLiteral
		}
		styles[style]++
		where := fmt.Sprintf("objective %d, page %d (%s, %d fragments)", p.Objective, o.Page, style, len(frags))
		if m, ok := pageBreakMerges[p.Objective]; ok {
			merged := strings.Replace(o.DescriptionText, m[0]+"\n"+m[1], m[0]+" "+m[1], 1)
			if merged == o.DescriptionText {
				t.Fatalf("%s: %q does not end a paragraph", where, m[0])
			}
			if got := Build(frags).Text; got != merged {
				t.Errorf("%s: text differs at line %s", where, difftest.Items(strings.Split(merged, "\n"), strings.Split(got, "\n")))
			}
			continue
		}
		checkBuild(t, where, frags, style, o)
	}
	if styles[printLiteral] == 0 || styles[printFormatted] == 0 {
		t.Errorf("styles read: %v, want both HTML source and formatted text", styles)
	}
}
