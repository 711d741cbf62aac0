package render

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"
)

// strokeOp matches the path-stroking operators of a content stream.
var strokeOp = regexp.MustCompile(`(?m)(?:^|\s)(?:S|s|b|B|b\*|B\*)\s*$`)

// NoRules prints the same pages without a single stroked line: the cell
// backgrounds stay, and the layout does not move.
func TestNoRules(t *testing.T) {
	doc := readPlan(t, goldenPlan)
	ruled, rres := printPlan(t, doc, Options{Uncompressed: true})
	bare, bres := printPlan(t, doc, Options{Uncompressed: true, NoRules: true})
	if !strokeOp.Match(ruled) {
		t.Fatal("the ruled print strokes no line: the check below proves nothing")
	}
	if m := strokeOp.Find(bare); m != nil {
		t.Errorf("printed without rules, the PDF still strokes a path: %q", m)
	}
	if r, b := bytes.Count(ruled, []byte(" re f Q")), bytes.Count(bare, []byte(" re f Q")); r == 0 || b != r {
		t.Errorf("%d filled rectangles without rules, %d with", b, r)
	}
	rp, bp := rres.Printed, bres.Printed
	if rres.Pages != bres.Pages || js(t, rp.Units) != js(t, bp.Units) || js(t, rp.TOC) != js(t, bp.TOC) {
		t.Errorf("the layout moved: %d pages, %d with rules", bres.Pages, rres.Pages)
	}
	for i := range rp.Objectives {
		if rp.Objectives[i].Page != bp.Objectives[i].Page {
			t.Errorf("objective %d printed on page %d, %d with rules", i, bp.Objectives[i].Page, rp.Objectives[i].Page)
		}
	}
	checkPrinted(t, bare, bres, a4W, a4H)
}

func js(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
