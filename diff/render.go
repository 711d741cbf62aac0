package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// ReportOptions tune the human reports of a Result.
type ReportOptions struct {
	// Lang is the language of the report: language.Italian (the default, for
	// the zero Tag) or language.English (golang.org/x/text/language).
	Lang language.Tag
	// Color marks additions, removals and headings with ANSI colours (text
	// report only).
	Color bool
	// Stat writes the summary only: the documents, the counts, the year
	// shift.
	Stat bool
}

// writer is the catalogue writer of opt's language.
func (opt ReportOptions) writer() *i18n.Writer {
	if opt.Lang == (language.Tag{}) {
		return i18n.Printer(i18n.Default)
	}
	return i18n.Printer(opt.Lang)
}

// WriteJSON writes r as indented JSON (the documented obiettivi.diff/v1
// structure, in English whatever the language of the reports).
func WriteJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes r as a readable report: counts first, then the unit and
// Indice changes, then the objectives grouped by unit.
func WriteText(w io.Writer, r *Result, opt ReportOptions) error {
	rep := r.report(opt.writer(), opt.Stat)
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
func WriteMarkdown(w io.Writer, r *Result, opt ReportOptions) error {
	wr := opt.writer()
	rep := r.report(wr, opt.Stat)
	var b strings.Builder
	b.WriteString("# " + md(rep.title) + "\n\n")
	for _, h := range rep.head {
		fmt.Fprintf(&b, "- **%s:** %s\n", md(h.label), md(h.text))
	}
	for _, s := range rep.sections {
		b.WriteString("\n## " + md(s.title) + "\n\n")
		for _, l := range s.lines {
			fmt.Fprintf(&b, "- **%s** %s\n", md(verbOf(wr, l.kind)), md(l.text))
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

func verbOf(w *i18n.Writer, kind string) string {
	switch kind {
	case Added:
		return w.Sprintf("Added:")
	case Removed:
		return w.Sprintf("Removed:")
	default:
		return w.Sprintf("Changed:")
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

// header is the title and the head lines of every report: the two
// documents, the counts, the year shift and the monitoring count.
func (r *Result) header(w *i18n.Writer) (string, []headLine) {
	title := w.Sprintf("Plan diff: %s → %s", docName(r.Old), docName(r.New))
	head := []headLine{
		{w.Sprintf("Old"), docLine(r.Old)},
		{w.Sprintf("New"), docLine(r.New)},
	}
	if r.Empty() {
		return title, append(head, headLine{w.Sprintf("Summary"), w.Sprintf("no differences")})
	}
	head = append(head, headLine{w.Sprintf("Summary"), r.summaryLine(w)})
	if r.Shift != nil {
		head = append(head, headLine{w.Sprintf("Year shift"), shiftLine(w, r.Shift)})
	}
	if n := r.Summary.ActualMonthsFilled; n > 0 {
		head = append(head, headLine{w.Sprintf("Monitoring"), w.Sprintf("actual months filled in for %d phase(s), listed below", n)})
	}
	return title, head
}

func (r *Result) report(w *i18n.Writer, stat bool) report {
	var rep report
	rep.title, rep.head = r.header(w)
	if r.Empty() || stat {
		return rep
	}
	if len(r.Document) > 0 {
		s := section{title: w.Sprintf("Document")}
		for _, f := range r.Document {
			s.lines = append(s.lines, line{kind: Changed, text: w.Sprintf("%s: %s → %s", docField(w, f.Field), value(w, f.Old), value(w, f.New))})
		}
		rep.sections = append(rep.sections, s)
	}
	if len(r.Units) > 0 {
		s := section{title: w.Sprintf("Units")}
		for _, u := range r.Units {
			l := line{kind: u.Kind, text: u.Code + " - " + u.Name}
			if u.Kind == Added || u.Kind == Removed {
				l.text += " (" + unitKind(w, u.UnitKind) + ")"
			}
			for _, f := range u.Changes {
				l.sub = append(l.sub, w.Sprintf("%s: %s → %s", unitField(w, f.Field), value(w, f.Old), value(w, f.New)))
			}
			s.lines = append(s.lines, l)
		}
		rep.sections = append(rep.sections, s)
	}
	if len(r.TOC) > 0 {
		s := section{title: w.Sprintf("Table of contents")}
		for _, t := range r.TOC {
			l := line{kind: t.Kind, text: t.Code}
			switch t.Kind {
			case Added:
				l.text += " - " + plan.Deref(t.New)
			case Removed:
				l.text += " - " + plan.Deref(t.Old)
			default:
				l.kind = Changed
				l.sub = []string{w.Sprintf("name: %s → %s", value(w, t.Old), value(w, t.New))}
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
			title := w.Sprintf("Objectives printed under several units")
			if key != "" {
				title = key
				if n := r.unitNames[key]; n != "" {
					title += " - " + n
				}
			}
			rep.sections = append(rep.sections, section{title: title})
			cur, curKey = &rep.sections[len(rep.sections)-1], key
		}
		cur.lines = append(cur.lines, r.objectiveLine(w, o, nil))
	}
	return rep
}

func docName(d DocInfo) string {
	if d.File != "" {
		return d.File
	}
	return strings.TrimSpace(d.Entity + " " + yearString(d.Year))
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

func (r *Result) summaryLine(w *i18n.Writer) string {
	s := r.Summary
	changed := i18n.T("%d changed", s.ObjectivesChanged)
	if s.ObjectivesMoved > 0 {
		changed = i18n.T("%s (%s)", changed, i18n.T("%d moved", s.ObjectivesMoved))
	}
	line := w.Sprintf("%s, %s, %s, %s", i18n.T("%d objective(s) added", s.ObjectivesAdded), i18n.T("%d removed", s.ObjectivesRemoved),
		changed, i18n.T("%d unchanged", s.ObjectivesUnchanged))
	var units []any
	if s.UnitsAdded > 0 {
		units = append(units, i18n.T("%d unit(s) added", s.UnitsAdded))
	}
	if s.UnitsRemoved > 0 {
		units = append(units, i18n.T("%d unit(s) removed", s.UnitsRemoved))
	}
	if s.UnitsChanged > 0 {
		units = append(units, i18n.T("%d unit(s) changed", s.UnitsChanged))
	}
	if len(units) > 0 {
		line += w.Sprintf("; units: %s", i18n.List{Sep: ", ", Items: units})
	}
	if s.TOCChanges > 0 {
		line += w.Sprintf("; %d table of contents change(s)", s.TOCChanges)
	}
	return line
}

func shiftLine(w *i18n.Writer, s *Shift) string {
	var amount i18n.Text
	switch n := abs(s.Years); {
	case n == 1 && s.Years > 0:
		amount = i18n.T("one year later")
	case n == 1:
		amount = i18n.T("one year earlier")
	case s.Years > 0:
		amount = i18n.T("%d years later", n)
	default:
		amount = i18n.T("%d years earlier", n)
	}
	line := w.Sprintf("all periods moved %s (%d staff and phase dates, %d target years)", amount, s.Dates, s.Targets)
	if s.Exceptions > 0 {
		line += w.Sprintf(", except %d period(s) listed below", s.Exceptions)
	}
	return line
}

func docField(w *i18n.Writer, f string) string {
	switch f {
	case "title":
		return w.Sprintf("title")
	case "entity":
		return w.Sprintf("entity")
	case "year":
		return w.Sprintf("year")
	}
	return f
}

func unitKind(w *i18n.Writer, k string) string {
	switch k {
	case plan.KindSector:
		return w.Sprintf("sector")
	case plan.KindOffice:
		return w.Sprintf("office")
	}
	return k
}

func unitField(w *i18n.Writer, f string) string {
	switch f {
	case "head":
		return w.Sprintf("head")
	case "sector":
		return w.Sprintf("moved to sector")
	case "code":
		return w.Sprintf("code")
	case "name":
		return w.Sprintf("name")
	case "kind":
		return w.Sprintf("kind")
	}
	return f
}

// objectiveLine is the line of an objective change and its changes; skip,
// when not nil, leaves out the changes it tells.
func (r *Result) objectiveLine(w *i18n.Writer, o ObjectiveChange, skip func(Change) bool) line {
	l := line{kind: o.Kind, text: o.Title}
	if len(o.Units) > 1 {
		l.text += " " + w.Sprintf("(%d units)", len(o.Units))
		if o.Kind != Changed {
			l.sub = append(l.sub, w.Sprintf("units: %s", strings.Join(o.Units, ", ")))
		}
	}
	if o.Partial {
		l.text += " " + w.Sprintf("(only under %s)", strings.Join(o.Units, ", "))
	}
	for _, ch := range o.Changes {
		if skip != nil && skip(ch) {
			continue
		}
		l.sub = append(l.sub, r.describe(w, ch))
	}
	return l
}

// Describe tells one change of an objective in a line, in language lang
// (Italian for the zero Tag), as the reports of the diff write it.
func Describe(ch Change, lang language.Tag) string {
	return (&Result{}).describe(ReportOptions{Lang: lang}.writer(), ch)
}

// describe tells one change in a line.
func (r *Result) describe(w *i18n.Writer, ch Change) string {
	arrow := func(label i18n.Text) string {
		return w.Sprintf("%s: %s → %s", label, value(w, ch.Old), value(w, ch.New))
	}
	switch ch.Kind {
	case KindTitle:
		return arrow(i18n.T("title"))
	case KindWeight:
		return arrow(i18n.T("weight"))
	case KindStrategicGoal:
		return arrow(i18n.T("strategic goal"))
	case KindOperationalGoal:
		return arrow(i18n.T("operational goal"))
	case KindDescription:
		return w.Sprintf("description: %s", r.detail(w, ch))
	case KindMoved:
		from := fmt.Sprint(ch.Old)
		if n := r.unitNames[from]; n != "" {
			from += " (" + n + ")"
		}
		return w.Sprintf("moved from %s", from)
	case KindUnitsAdded:
		return w.Sprintf("units added: %s", value(w, ch.New))
	case KindUnitsRemoved:
		return w.Sprintf("units removed: %s", value(w, ch.Old))
	case KindStaffAdded:
		return w.Sprintf("staff added: %s", value(w, ch.New))
	case KindStaffRemoved:
		return w.Sprintf("staff removed: %s", value(w, ch.Old))
	case KindStaffChanged:
		return w.Sprintf("staff %s: %s", ch.Item, r.fieldChange(w, ch))
	case KindPhaseAdded:
		return w.Sprintf("phase added: %s", value(w, ch.New))
	case KindPhaseRemoved:
		return w.Sprintf("phase removed: %s", value(w, ch.Old))
	case KindPhaseRenamed:
		return arrow(i18n.T("phase renamed"))
	case KindPhaseChanged:
		return w.Sprintf("phase %s: %s", quote(ch.Item), r.fieldChange(w, ch))
	case KindIndicatorAdded:
		return w.Sprintf("indicator added: %s", value(w, ch.New))
	case KindIndicatorRemoved:
		return w.Sprintf("indicator removed: %s", value(w, ch.Old))
	case KindIndicatorRenamed:
		return arrow(i18n.T("indicator renamed"))
	case KindIndicatorChanged:
		return w.Sprintf("indicator %s: %s", quote(ch.Item), r.fieldChange(w, ch))
	}
	return w.Sprintf("%s: %s → %s", ch.Kind, value(w, ch.Old), value(w, ch.New))
}

// detail is the detail of ch in w's language.
func (r *Result) detail(w *i18n.Writer, ch Change) string {
	if !ch.why.IsZero() {
		return w.Text(ch.why)
	}
	return ch.Detail
}

func (r *Result) fieldChange(w *i18n.Writer, ch Change) string {
	if ch.Field == FieldDescription {
		return w.Sprintf("description: %s", r.detail(w, ch))
	}
	s := w.Sprintf("%s: %s → %s", fieldLabel(w, ch.Field), value(w, ch.Old), value(w, ch.New))
	if d := r.detail(w, ch); d != "" {
		s += " (" + d + ")"
	}
	return s
}

// fieldLabel names the field of a staff, phase or indicator change.
func fieldLabel(w *i18n.Writer, f string) string {
	switch f {
	case FieldName:
		return w.Sprintf("name")
	case FieldCategory:
		return w.Sprintf("category")
	case FieldRole:
		return w.Sprintf("role")
	case FieldPeriod:
		return w.Sprintf("period")
	case FieldDescription:
		return w.Sprintf("description")
	case FieldPlannedMonths:
		return w.Sprintf("planned months")
	case FieldActualMonths:
		return w.Sprintf("actual months")
	case FieldUnit:
		return w.Sprintf("unit")
	case FieldReference:
		return w.Sprintf("reference")
	}
	if y, ok := strings.CutPrefix(f, FieldTargetPrefix); ok {
		return w.Sprintf("target %s", y)
	}
	return f
}

// value writes an old or new value of a change.
func value(w *i18n.Writer, v any) string {
	empty := func() string { return w.Sprintf("(empty)") }
	switch x := v.(type) {
	case nil:
		return empty()
	case string:
		return quote(x)
	case *string:
		if x == nil {
			return empty()
		}
		return quote(*x)
	case *float64:
		if x == nil {
			return empty()
		}
		return strconv.FormatFloat(*x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case []int:
		return w.Sprintf("%s", i18n.MonthRanges(x))
	case []string:
		return strings.Join(x, ", ")
	case plan.Staff:
		return fmt.Sprintf("%s (%s)", x.Name, join(plan.Deref(x.Category), plan.Deref(x.Role), periodText(w, x.Start, x.End)))
	case plan.Phase:
		return fmt.Sprintf("%s (%s)", quote(x.Title), join(periodText(w, x.Start, x.End), w.Sprintf("planned %s", i18n.MonthRanges(x.PlannedMonths))))
	case plan.Indicator:
		return fmt.Sprintf("%s (%s)", quote(x.Name), join(plan.Deref(x.Unit), plan.Deref(x.Reference)))
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// periodText writes a staff or phase period ("2024-01-01..2024-12-31",
// "01/01/2024..31/12/2024" in Italian), "" when both dates are empty.
func periodText(w *i18n.Writer, start, end *string) string {
	if start == nil && end == nil {
		return ""
	}
	return w.Sprintf("%s..%s", i18n.Date(plan.Deref(start)), i18n.Date(plan.Deref(end)))
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
