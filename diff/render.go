package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/plan"
)

// TextOptions tune the text report.
type TextOptions struct {
	// Color marks additions, removals and headings with ANSI colours.
	Color bool
}

// WriteJSON writes r as indented JSON (the documented obiettivi.diff/v1
// structure).
func WriteJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes r as a readable report: counts first, then the unit and
// Indice changes, then the objectives grouped by unit.
func WriteText(w io.Writer, r *Result, opt TextOptions) error {
	rep := r.report()
	paint := func(code, s string) string {
		if !opt.Color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	var b strings.Builder
	b.WriteString(paint("1", rep.title) + "\n")
	for _, h := range rep.head {
		fmt.Fprintf(&b, "%s: %s\n", h.label, h.text)
	}
	for _, s := range rep.sections {
		b.WriteString("\n" + paint("1", s.title) + "\n")
		for _, l := range s.lines {
			sign, colour := signOf(l.kind)
			fmt.Fprintf(&b, "  %s %s\n", paint(colour, sign), l.text)
			for _, sub := range l.sub {
				fmt.Fprintf(&b, "      %s\n", sub)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes the same report as WriteText in Markdown, for
// pasting into a document or an issue tracker.
func WriteMarkdown(w io.Writer, r *Result) error {
	rep := r.report()
	var b strings.Builder
	b.WriteString("# " + md(rep.title) + "\n\n")
	for _, h := range rep.head {
		fmt.Fprintf(&b, "- **%s:** %s\n", md(h.label), md(h.text))
	}
	for _, s := range rep.sections {
		b.WriteString("\n## " + md(s.title) + "\n\n")
		for _, l := range s.lines {
			fmt.Fprintf(&b, "- **%s** %s\n", verbOf(l.kind), md(l.text))
			for _, sub := range l.sub {
				fmt.Fprintf(&b, "  - %s\n", md(sub))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func signOf(kind string) (sign, colour string) {
	switch kind {
	case Added:
		return "+", "32"
	case Removed:
		return "-", "31"
	default:
		return "~", "33"
	}
}

func verbOf(kind string) string {
	switch kind {
	case Added:
		return "Added:"
	case Removed:
		return "Removed:"
	default:
		return "Changed:"
	}
}

// md escapes the characters Markdown would read as markup.
func md(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// report is the neutral form of the text and Markdown reports.
type report struct {
	title    string
	head     []headLine
	sections []section
}

type headLine struct{ label, text string }

type section struct {
	title string
	lines []line
}

type line struct {
	kind string // Added, Removed or Changed
	text string
	sub  []string
}

func (r *Result) report() report {
	rep := report{title: fmt.Sprintf("Plan diff: %s → %s", docName(r.Old), docName(r.New))}
	rep.head = append(rep.head,
		headLine{"Old", docLine(r.Old)},
		headLine{"New", docLine(r.New)},
	)
	if r.Empty() {
		rep.head = append(rep.head, headLine{"Summary", "no differences"})
		return rep
	}
	rep.head = append(rep.head, headLine{"Summary", r.summaryLine()})
	if r.Shift != nil {
		rep.head = append(rep.head, headLine{"Year shift", shiftLine(r.Shift)})
	}
	if n := r.Summary.ActualMonthsFilled; n > 0 {
		rep.head = append(rep.head, headLine{"Monitoring", fmt.Sprintf("actual months filled in for %d phase(s), listed below", n)})
	}

	if len(r.Document) > 0 {
		s := section{title: "Document"}
		for _, f := range r.Document {
			s.lines = append(s.lines, line{kind: Changed, text: fmt.Sprintf("%s: %s → %s", f.Field, value(f.Old), value(f.New))})
		}
		rep.sections = append(rep.sections, s)
	}
	if len(r.Units) > 0 {
		s := section{title: "Units"}
		for _, u := range r.Units {
			l := line{kind: u.Kind, text: u.Code + " - " + u.Name}
			if u.Kind == Added || u.Kind == Removed {
				l.text += " (" + u.UnitKind + ")"
			}
			for _, f := range u.Changes {
				l.sub = append(l.sub, fmt.Sprintf("%s: %s → %s", unitField(f.Field), value(f.Old), value(f.New)))
			}
			s.lines = append(s.lines, l)
		}
		rep.sections = append(rep.sections, s)
	}
	if len(r.TOC) > 0 {
		s := section{title: "Table of contents"}
		for _, t := range r.TOC {
			l := line{kind: t.Kind, text: t.Code}
			switch t.Kind {
			case Added:
				l.text += " - " + plan.Deref(t.New)
			case Removed:
				l.text += " - " + plan.Deref(t.Old)
			default:
				l.kind = Changed
				l.sub = []string{fmt.Sprintf("name: %s → %s", value(t.Old), value(t.New))}
			}
			s.lines = append(s.lines, l)
		}
		rep.sections = append(rep.sections, s)
	}
	var cur *section
	curKey := "\x00"
	for _, o := range r.Objectives {
		key := ""
		if len(o.Units) == 1 {
			key = o.Units[0]
		}
		if cur == nil || key != curKey {
			title := "Objectives printed under several units"
			if key != "" {
				title = key
				if n := r.unitNames[key]; n != "" {
					title += " - " + n
				}
			}
			rep.sections = append(rep.sections, section{title: title})
			cur, curKey = &rep.sections[len(rep.sections)-1], key
		}
		cur.lines = append(cur.lines, r.objectiveLine(o))
	}
	return rep
}

func docName(d DocInfo) string {
	if d.File != "" {
		return d.File
	}
	return fmt.Sprintf("%s %d", d.Entity, d.Year)
}

func docLine(d DocInfo) string {
	parts := []string{}
	for _, p := range []string{d.Entity, yearString(d.Year), d.Title} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	s := strings.Join(parts, ", ")
	if d.File != "" {
		s += " (" + d.File + ")"
	}
	return s
}

func yearString(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func (r *Result) summaryLine() string {
	s := r.Summary
	parts := []string{
		fmt.Sprintf("%d objective(s) added", s.ObjectivesAdded),
		fmt.Sprintf("%d removed", s.ObjectivesRemoved),
	}
	changed := fmt.Sprintf("%d changed", s.ObjectivesChanged)
	if s.ObjectivesMoved > 0 {
		changed += fmt.Sprintf(" (%d moved)", s.ObjectivesMoved)
	}
	parts = append(parts, changed, fmt.Sprintf("%d unchanged", s.ObjectivesUnchanged))
	line := strings.Join(parts, ", ")
	var units []string
	if s.UnitsAdded > 0 {
		units = append(units, fmt.Sprintf("%d added", s.UnitsAdded))
	}
	if s.UnitsRemoved > 0 {
		units = append(units, fmt.Sprintf("%d removed", s.UnitsRemoved))
	}
	if s.UnitsChanged > 0 {
		units = append(units, fmt.Sprintf("%d changed", s.UnitsChanged))
	}
	if len(units) > 0 {
		line += "; units: " + strings.Join(units, ", ")
	}
	if s.TOCChanges > 0 {
		line += fmt.Sprintf("; %d table of contents change(s)", s.TOCChanges)
	}
	return line
}

func shiftLine(s *Shift) string {
	n := abs(s.Years)
	amount := "one year"
	if n != 1 {
		amount = fmt.Sprintf("%d years", n)
	}
	dir := "later"
	if s.Years < 0 {
		dir = "earlier"
	}
	line := fmt.Sprintf("all periods moved %s %s (%d staff and phase dates, %d target years)", amount, dir, s.Dates, s.Targets)
	if s.Exceptions > 0 {
		line += fmt.Sprintf(", except %d period(s) listed below", s.Exceptions)
	}
	return line
}

func unitField(f string) string {
	switch f {
	case "head":
		return "head"
	case "sector":
		return "moved to sector"
	default:
		return f
	}
}

func (r *Result) objectiveLine(o ObjectiveChange) line {
	l := line{kind: o.Kind, text: o.Title}
	if len(o.Units) > 1 {
		l.text += fmt.Sprintf(" (%d units)", len(o.Units))
		if o.Kind != Changed {
			l.sub = append(l.sub, "units: "+strings.Join(o.Units, ", "))
		}
	}
	if o.Partial {
		l.text += " (only under " + strings.Join(o.Units, ", ") + ")"
	}
	for _, ch := range o.Changes {
		l.sub = append(l.sub, r.describe(ch))
	}
	return l
}

// describe tells one change in a line.
func (r *Result) describe(ch Change) string {
	arrow := func(label string) string {
		return fmt.Sprintf("%s: %s → %s", label, value(ch.Old), value(ch.New))
	}
	switch ch.Kind {
	case KindTitle:
		return arrow("title")
	case KindWeight:
		return arrow("weight")
	case KindStrategicGoal:
		return arrow("strategic goal")
	case KindOperationalGoal:
		return arrow("operational goal")
	case KindDescription:
		return "description: " + ch.Detail
	case KindMoved:
		from := fmt.Sprint(ch.Old)
		if n := r.unitNames[from]; n != "" {
			from += " (" + n + ")"
		}
		return "moved from " + from
	case KindUnitsAdded:
		return "units added: " + value(ch.New)
	case KindUnitsRemoved:
		return "units removed: " + value(ch.Old)
	case KindStaffAdded:
		return "staff added: " + value(ch.New)
	case KindStaffRemoved:
		return "staff removed: " + value(ch.Old)
	case KindStaffChanged:
		return fmt.Sprintf("staff %s: %s", ch.Item, fieldChange(ch))
	case KindPhaseAdded:
		return "phase added: " + value(ch.New)
	case KindPhaseRemoved:
		return "phase removed: " + value(ch.Old)
	case KindPhaseRenamed:
		return arrow("phase renamed")
	case KindPhaseChanged:
		return fmt.Sprintf("phase %s: %s", quote(ch.Item), fieldChange(ch))
	case KindIndicatorAdded:
		return "indicator added: " + value(ch.New)
	case KindIndicatorRemoved:
		return "indicator removed: " + value(ch.Old)
	case KindIndicatorRenamed:
		return arrow("indicator renamed")
	case KindIndicatorChanged:
		return fmt.Sprintf("indicator %s: %s", quote(ch.Item), fieldChange(ch))
	}
	return arrow(ch.Kind)
}

func fieldChange(ch Change) string {
	label := strings.ReplaceAll(ch.Field, "_", " ")
	if ch.Field == FieldDescription {
		return "description: " + ch.Detail
	}
	s := fmt.Sprintf("%s: %s → %s", label, value(ch.Old), value(ch.New))
	if ch.Detail != "" {
		s += " (" + ch.Detail + ")"
	}
	return s
}

var monthNames = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// monthRanges writes months as ranges: [2 3 4 6] → "Feb–Apr, Jun".
func monthRanges(ms []int) string {
	if len(ms) == 0 {
		return "none"
	}
	name := func(m int) string {
		if m >= 1 && m <= 12 {
			return monthNames[m-1]
		}
		return strconv.Itoa(m)
	}
	var parts []string
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1] == ms[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, name(ms[i])+"–"+name(ms[j]))
		} else {
			parts = append(parts, name(ms[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// value writes an old or new value of a change.
func value(v any) string {
	const empty = "(empty)"
	switch x := v.(type) {
	case nil:
		return empty
	case string:
		return quote(x)
	case *string:
		if x == nil {
			return empty
		}
		return quote(*x)
	case *float64:
		if x == nil {
			return empty
		}
		return strconv.FormatFloat(*x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case []int:
		return monthRanges(x)
	case []string:
		return strings.Join(x, ", ")
	case plan.Staff:
		return fmt.Sprintf("%s (%s)", x.Name, join(plan.Deref(x.Category), plan.Deref(x.Role), plan.Deref(period(x.Start, x.End))))
	case plan.Phase:
		return fmt.Sprintf("%s (%s)", quote(x.Title), join(plan.Deref(period(x.Start, x.End)), "planned "+monthRanges(x.PlannedMonths)))
	case plan.Indicator:
		return fmt.Sprintf("%s (%s)", quote(x.Name), join(plan.Deref(x.Unit), plan.Deref(x.Reference)))
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// quote puts a text between quotes for reading (not for parsing back).
func quote(s string) string { return "\"" + s + "\"" }

func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}
