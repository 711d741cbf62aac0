package richtext

import (
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/plan"
)

// FuzzRichtext builds descriptions from arbitrary printed lines and reads
// arbitrary HTML: nothing panics, a description rebuilt from the layout is
// balanced HTML, and its text is the text of its HTML.
//
// lines holds the printed lines, one per line, fragments separated by a
// form feed; geometry gives each line its indent and gap (two bytes a
// line, in quarter points).
func FuzzRichtext(f *testing.F) {
	doc, err := plan.ReadFile("../testdata/truth/capannori-2024.json")
	if err != nil {
		f.Fatal(err)
	}
	seen := map[string]bool{}
	for _, o := range doc.Objectives {
		if len(seen) == 12 {
			break
		}
		if o.DescriptionHTML == "" || seen[o.DescriptionHTML] {
			continue
		}
		seen[o.DescriptionHTML] = true
		text := TextOf(o.DescriptionHTML)
		f.Add(o.DescriptionHTML, text, []byte{0, 0, 40, 0, 40, 0, 0, 24})
		f.Add(o.DescriptionHTML, strings.ReplaceAll(o.DescriptionHTML, "> <", ">\n<"), []byte{})
	}
	f.Add("<ul><li>uno<li>due</ul>", "• uno\n• due\f3. tre", []byte{0, 0, 0, 0, 30, 8})
	f.Add("<p>a</p><p", "- a\n  b\n1) c", []byte{8, 0, 16, 0, 8, 40})
	f.Fuzz(func(t *testing.T, src, lines string, geometry []byte) {
		TextOf(src)
		Unbalanced(src)

		var frags [][]Line
		k := 0
		for _, frag := range strings.Split(lines, "\f") {
			var ls []Line
			for _, text := range strings.Split(frag, "\n") {
				l := Line{Text: text, Size: 9}
				if 2*k+1 < len(geometry) {
					l.Indent = float64(geometry[2*k]) / 4
					l.Gap = float64(geometry[2*k+1]) / 4
				}
				k++
				ls = append(ls, l)
			}
			frags = append(frags, ls)
		}
		d := Build(frags)
		if d.Text != TextOf(d.HTML) {
			t.Fatalf("Text %q is not the text of HTML %q", d.Text, d.HTML)
		}
		if !d.Literal && Unbalanced(d.HTML) {
			t.Fatalf("HTML rebuilt from the layout is not balanced: %q", d.HTML)
		}
	})
}
