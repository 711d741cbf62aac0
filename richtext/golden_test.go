package richtext

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/difftest"
	"github.com/obiettivi/obiettivi/plan"
)

// TestBuildGolden prints every description of the golden plans as the report
// does (HTML source wrapped into lines, a lone paragraph as text, lists
// laid out as two producers lay them out), whole and cut into two fragments
// by a page break, and checks that Build reads back the golden HTML and
// text. Formatted descriptions are cut at every line that does not start a
// paragraph; the others in the middle.
func TestBuildGolden(t *testing.T) {
	for _, file := range []string{"../testdata/truth/capannori-2024.json", "../testdata/truth/capannori-2025.json"} {
		doc, err := plan.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		styles := map[printStyle]int{}
		for _, o := range doc.Objectives {
			if seen[o.DescriptionHTML] {
				continue
			}
			seen[o.DescriptionHTML] = true
			if o.DescriptionHTML == "" {
				if got := Build(nil); got != (Description{}) {
					t.Errorf("empty description: got %+v", got)
				}
				continue
			}
			style := styleOf(o.DescriptionHTML)
			styles[style]++
			for _, g := range []geometry{reportlab, chromium} {
				lines := printLines(t, o.DescriptionHTML, g)
				cuts := []int{0, len(lines) / 2}
				if style == printFormatted {
					cuts = cuts[:1]
					for k := 1; k < len(lines); k++ {
						if lines[k].Gap == 0 {
							cuts = append(cuts, k)
						}
					}
				}
				for _, cut := range cuts {
					frags := [][]Line{lines}
					if cut > 0 {
						frags = [][]Line{rebase(lines[:cut]), rebase(lines[cut:])}
					}
					where := fmt.Sprintf("%s page %d (%s, %s, cut at line %d)", file, o.Page, style, g.name, cut)
					checkBuild(t, where, frags, style, o)
				}
			}
		}
		// the plans print descriptions all three ways
		for _, s := range []printStyle{printLiteral, printPlain, printFormatted} {
			if styles[s] == 0 {
				t.Errorf("%s: no description printed %s", file, s)
			}
		}
	}
}

// checkBuild checks that Build reads frags, o's description printed in
// style, back into o's description.
func checkBuild(t *testing.T, where string, frags [][]Line, style printStyle, o plan.Objective) {
	t.Helper()
	got := Build(frags)
	if o.DescriptionHTML == "" {
		if got != (Description{}) {
			t.Errorf("%s: got %+v, want an empty description", where, got)
		}
		return
	}
	want := canonHTML(o.DescriptionHTML)
	if style == printFormatted {
		want = printedHTML(o.DescriptionHTML)
	}
	if g := canonHTML(got.HTML); !slices.Equal(g, want) {
		t.Errorf("%s: HTML differs at %s", where, difftest.Items(want, g))
	}
	if got.Text != o.DescriptionText {
		g, w := strings.Split(got.Text, "\n"), strings.Split(o.DescriptionText, "\n")
		t.Errorf("%s: text differs at line %s", where, difftest.Items(w, g))
	}
	if got.Literal != (style == printLiteral) {
		t.Errorf("%s: Literal = %v", where, got.Literal)
	}
	if !got.Literal && got.Truncated {
		t.Errorf("%s: rebuilt HTML reported truncated", where)
	}
}
