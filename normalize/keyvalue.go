package normalize

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/richtext"
)

var (
	markupRe = regexp.MustCompile(`</?(?:b|strong|i|em|u|span|font)\b[^>]*>|\*\*`)
	goalCode = regexp.MustCompile(`^\S+$`)
)

// cleanTitle collapses whitespace and removes bold and markup markers.
func cleanTitle(s string) string {
	return collapse(markupRe.ReplaceAllString(s, ""))
}

// splitGoal splits "CODE - TITLE" at the first " - ".
func splitGoal(s string) *plan.Goal {
	s = collapse(s)
	if s == "" {
		return nil
	}
	if i := strings.Index(s, " - "); i >= 0 && goalCode.MatchString(s[:i]) {
		return &plan.Goal{Code: s[:i], Title: strings.TrimSpace(s[i+3:])}
	}
	if strings.HasSuffix(s, " -") {
		return &plan.Goal{Code: strings.TrimSuffix(s, " -")}
	}
	return &plan.Goal{Title: s}
}

// kv records the value cells of a key/value row of the current objective.
func (b *builder) kv(f field, cells []extract.Cell) {
	o := &b.obj.o
	switch f {
	case fObjective:
		if t := cleanTitle(valueText(cells)); t != "" {
			o.Title = collapse(o.Title + " " + t)
		}
	case fWeight:
		if t := valueText(cells); t != "" {
			o.Weight = parseWeight(t)
		}
	case fDescription:
		var lines []richtext.Line
		for _, c := range cells {
			lines = append(lines, richLines(c)...)
		}
		if len(lines) > 0 {
			b.obj.desc = append(b.obj.desc, lines)
		}
	case fStrategicGoal:
		o.StrategicGoal = mergeGoal(o.StrategicGoal, valueText(cells))
	case fOperationalGoal:
		o.OperationalGoal = mergeGoal(o.OperationalGoal, valueText(cells))
	}
}

func mergeGoal(g *plan.Goal, text string) *plan.Goal {
	if g != nil && text != "" {
		return splitGoal(g.Code + " - " + g.Title + " " + text)
	}
	if g != nil {
		return g
	}
	return splitGoal(text)
}

// endObjective completes the current objective: its description is built
// from all its fragments and its month grid matched to its phases.
func (b *builder) endObjective() {
	ob := b.obj
	if ob == nil {
		return
	}
	b.obj = nil
	b.table = tNone
	b.lastRow = nil
	if ob.o.Title == "" {
		// An objective never opens without its title: rows under an
		// "Obiettivo" label without one join nothing.
		b.piece(ob.o.Page, fmt.Sprintf("an objective without title (%d staff, %d phases)", len(ob.o.Staff), len(ob.o.Phases)))
		return
	}
	b.dropPieces(&ob.o)
	d := richtext.Build(ob.desc)
	ob.o.DescriptionHTML, ob.o.DescriptionText = d.HTML, d.Text
	for _, g := range matchGrid(ob.o.Phases, ob.grid) {
		b.notes = append(b.notes, GridNote{Objective: len(b.doc.Objectives), Title: g.title, Page: g.page})
	}
	b.doc.Objectives = append(b.doc.Objectives, ob.o)
}

// parseWeight reads "Valutazione obiettivo": "33", "33,00", "33.0".
func parseWeight(s string) *float64 {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return nil
	}
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil
	}
	return &v
}

// dropPieces takes out of o the table rows without their key cell (a
// person's name, a phase's title, an indicator's name) that no page
// break joined to a row: each is a finding.
func (b *builder) dropPieces(o *plan.Objective) {
	staff := o.Staff[:0]
	for _, s := range o.Staff {
		if s.Name == "" {
			b.piece(o.Page, "a staff row without name "+quote(strings.TrimSpace(plan.Deref(s.Category)+" "+plan.Deref(s.Role))))
			continue
		}
		staff = append(staff, s)
	}
	o.Staff = staff
	phases := o.Phases[:0]
	for _, p := range o.Phases {
		if p.Title == "" {
			b.piece(o.Page, "a phase without title "+quote(plan.Deref(p.Description)))
			continue
		}
		phases = append(phases, p)
	}
	o.Phases = phases
	ins := o.Indicators[:0]
	for _, in := range o.Indicators {
		if in.Name == "" {
			b.piece(o.Page, "an indicator without name")
			continue
		}
		ins = append(ins, in)
	}
	o.Indicators = ins
}

// piece records a finding for what was read on page but joins no record.
func (b *builder) piece(page int, what string) {
	f := plan.Finding{Rule: RulePiece, Severity: plan.SeverityWarning, Page: &page,
		Message: "page " + strconv.Itoa(page) + ": " + what + " joins nothing before it and is left out"}
	if b.unit != nil {
		f.Unit = plan.Str(b.unit.Code)
	}
	b.findings = append(b.findings, f)
}

// quote is s in quotes, cut to a readable length.
func quote(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return strconv.Quote(s)
}
