package audit

import (
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// Rules comparing the table of contents with the unit headings of the body.
const (
	RuleTOCCodeMismatch = "toc-code-mismatch"
	RuleTOCNameMismatch = "toc-name-mismatch"
	RuleTOCPageMismatch = "toc-page-mismatch"
	RuleTOCMissingUnit  = "toc-missing-unit"
	RuleTOCExtraEntry   = "toc-extra-entry"
)

var tocRules = []Rule{
	{RuleTOCCodeMismatch, plan.SeverityError, "a table of contents entry and the heading it points to spell the unit code differently"},
	{RuleTOCNameMismatch, plan.SeverityError, "a table of contents entry and its heading spell the unit name differently (case, accents and spacing count)"},
	{RuleTOCPageMismatch, plan.SeverityError, "the page number printed in the table of contents is not the page where the heading is (not compared where a page is not known, as in a plan written without pages)"},
	{RuleTOCMissingUnit, plan.SeverityError, "a unit heading of the body has no table of contents entry"},
	{RuleTOCExtraEntry, plan.SeverityError, "a table of contents entry has no unit heading in the body"},
}

// checkTOC pairs every table of contents entry with a unit heading and reports how
// they disagree. A document without a table of contents is not
// compared.
func checkTOC(c *checker) {
	doc := c.doc
	if len(doc.TOC) == 0 {
		return
	}
	pair := make([]int, len(doc.TOC)) // unit index of each entry, -1 if none
	used := make([]bool, len(doc.Units))
	// Same code first.
	for i, t := range doc.TOC {
		pair[i] = -1
		for j, u := range doc.Units {
			if !used[j] && u.Code == t.Code {
				pair[i], used[j] = j, true
				break
			}
		}
	}
	// Then the entries left over, with the heading they most resemble.
	for i, t := range doc.TOC {
		if pair[i] >= 0 {
			continue
		}
		best, bestScore := -1, 0
		for j, u := range doc.Units {
			if used[j] {
				continue
			}
			if s := tocResemblance(t, u); s > bestScore {
				best, bestScore = j, s
			}
		}
		if best >= 0 {
			pair[i], used[best] = best, true
		}
	}
	for i, t := range doc.TOC {
		j := pair[i]
		if j < 0 {
			if t.Page > 0 {
				c.add(RuleTOCExtraEntry, loc{}, "table of contents entry %s - %s (page %d) has no unit heading in the document",
					t.Code, t.Name, t.Page)
			} else {
				c.add(RuleTOCExtraEntry, loc{}, "table of contents entry %s - %s has no unit heading in the document", t.Code, t.Name)
			}
			continue
		}
		u := &doc.Units[j]
		l := loc{page: u.Page, unit: u.Code}
		heading := i18n.T("the heading")
		if u.Page > 0 {
			heading = i18n.T("the heading on page %d", u.Page)
		}
		if t.Code != u.Code {
			c.add(RuleTOCCodeMismatch, l, "table of contents lists code %q but %s reads %q (%s)",
				t.Code, heading, u.Code, u.Name)
		}
		if !plan.SameText(t.Name, u.Name) {
			c.add(RuleTOCNameMismatch, l, "table of contents names %s %s but %s reads %s: %s",
				t.Code, quote(t.Name, 120), heading, quote(u.Name, 120), describeDiff(t.Name, u.Name, 2))
		}
		// A page that is not known (0: a plan written without pages) is
		// not compared.
		if t.Page > 0 && u.Page > 0 && t.Page != u.Page {
			c.add(RuleTOCPageMismatch, l, "table of contents gives page %d for %s but its heading is on page %d",
				t.Page, t.Code, u.Page)
		}
	}
	for j, u := range doc.Units {
		if used[j] {
			continue
		}
		l := loc{page: u.Page, unit: u.Code}
		if u.Page > 0 {
			c.add(RuleTOCMissingUnit, l, "unit %s - %s (heading on page %d) is not in the table of contents", u.Code, u.Name, u.Page)
		} else {
			c.add(RuleTOCMissingUnit, l, "unit %s - %s is not in the table of contents", u.Code, u.Name)
		}
	}
}

// tocResemblance scores how likely entry t names unit u although their
// codes differ: 0 means not at all.
func tocResemblance(t plan.TOCEntry, u plan.Unit) int {
	sameName := plan.Fold(t.Name) == plan.Fold(u.Name)
	samePage := t.Page > 0 && t.Page == u.Page
	d := lev(t.Code, u.Code)
	near := d <= 2 && d*4 <= len(u.Code)
	switch {
	case sameName && samePage:
		return 4
	case sameName && near:
		return 3
	case sameName:
		return 2
	case samePage && near:
		return 1
	}
	return 0
}
