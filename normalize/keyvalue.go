package normalize

import (
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
	return plan.Collapse(markupRe.ReplaceAllString(s, ""))
}

// splitGoal splits "CODE - TITLE" at the first " - ".
func splitGoal(s string) *plan.Goal {
	s = plan.Collapse(s)
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
			o.Title = plan.Collapse(o.Title + " " + t)
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
		b.piece(Piece{Kind: PieceObjective, Page: ob.o.Page, Staff: len(ob.o.Staff), Phases: len(ob.o.Phases)})
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
			b.piece(Piece{Kind: PieceStaff, Page: o.Page, Detail: strings.TrimSpace(plan.Deref(s.Category) + " " + plan.Deref(s.Role))})
			continue
		}
		staff = append(staff, s)
	}
	o.Staff = staff
	phases := o.Phases[:0]
	for _, p := range o.Phases {
		if p.Title == "" {
			b.piece(Piece{Kind: PiecePhase, Page: o.Page, Detail: plan.Deref(p.Description)})
			continue
		}
		phases = append(phases, p)
	}
	o.Phases = phases
	ins := o.Indicators[:0]
	for _, in := range o.Indicators {
		if in.Name == "" {
			b.piece(Piece{Kind: PieceIndicator, Page: o.Page})
			continue
		}
		ins = append(ins, in)
	}
	o.Indicators = ins
}

// piece records what was read but joins no record, under the current
// unit.
func (b *builder) piece(p Piece) {
	if b.unit != nil {
		p.Unit = b.unit.Code
	}
	b.pieces = append(b.pieces, p)
}
