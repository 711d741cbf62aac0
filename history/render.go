package history

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/obiettivi/obiettivi/diff"
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// Options tune the human reports of a History.
type Options struct {
	// Lang is the language of the text and HTML reports: language.Italian
	// (the default, for the zero Tag) or language.English. The JSON is
	// always in English.
	Lang language.Tag
}

func (opt Options) writer() *i18n.Writer {
	if opt.Lang == (language.Tag{}) {
		return i18n.Printer(i18n.Default)
	}
	return i18n.Printer(opt.Lang)
}

// WriteJSON writes h as indented JSON (obiettivi.history/v1): stable
// English keys and values, whatever the reports' language.
func WriteJSON(w io.Writer, h *History) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(h)
}

// WriteText writes h for reading: a heading, then each print with its
// title, units, weight, targets and phases, and what changed from the
// print before. A print that repeats the one before unchanged is one line.
func WriteText(w io.Writer, h *History, opt Options) error {
	v := newView(h, opt.writer())
	var b strings.Builder
	b.WriteString(v.title + "\n" + v.head + "\n")
	width := 0
	for _, l := range v.labels() {
		width = max(width, utf8.RuneCountInString(l)+1)
	}
	field := func(label string, values []string) {
		for i, val := range values {
			if i == 0 {
				b.WriteString(indent + pad(label+":", width) + " " + val + "\n")
			} else {
				b.WriteString(indent + pad("", width) + " " + val + "\n")
			}
		}
	}
	for _, p := range v.prints {
		b.WriteString("\n" + p.year + "  " + p.file + ": " + p.link + "\n")
		if p.same {
			continue
		}
		field(v.labelTitle, []string{p.title})
		field(v.labelUnits, []string{p.units})
		field(v.labelWeight, []string{p.weight})
		field(v.labelTargets, p.targets)
		field(v.labelStatus, []string{p.status})
		if p.continues {
			field(v.labelChanges, p.changes)
		}
	}
	if len(v.also) > 0 {
		b.WriteString("\n" + v.alsoTitle + "\n")
		for _, m := range v.also {
			b.WriteString("  " + m + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

const indent = "      "

// pad writes s left-aligned in width runes.
func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

// view is a History written in one language: what the text and HTML
// reports show.
type view struct {
	lang        language.Tag
	title, head string
	prints      []printView
	also        []string
	alsoTitle   string

	labelTitle, labelUnits, labelWeight, labelTargets, labelStatus, labelChanges string
}

func (v *view) labels() []string {
	return []string{v.labelTitle, v.labelUnits, v.labelWeight, v.labelTargets, v.labelStatus, v.labelChanges}
}

// printView is one print of the objective, written out.
type printView struct {
	year, file string
	// link tells how the print continues the one before ("continues …").
	link string
	// same is set for a print that repeats the one before unchanged.
	same      bool
	continues bool
	kind      string // the link's kind, "" for none
	title     string
	units     string
	unitList  []string
	weight    string
	targets   []string
	status    string
	changes   []string
	// changed names the fields that differ from the print before:
	// "title", "units", "weight", "targets", "status".
	changed map[string]bool
}

func newView(h *History, w *i18n.Writer) *view {
	v := &view{lang: w.Lang(), title: h.Title}
	v.head = w.Sprintf("%s, %s: first appears in %s; %d prints", h.Entity, yearSpan(h.Years), i18n.Year(h.FirstYear), len(h.Prints))
	v.labelTitle, v.labelUnits, v.labelWeight = w.Sprintf("title"), w.Sprintf("units"), w.Sprintf("weight")
	v.labelTargets, v.labelStatus, v.labelChanges = w.Sprintf("targets"), w.Sprintf("status"), w.Sprintf("changes")
	var prev *printView
	for i, p := range h.Prints {
		pv := printView{year: i18n.Year(p.Year).String(), file: p.File, changed: map[string]bool{}}
		var before *Print
		if i > 0 {
			before = &h.Prints[i-1]
		}
		c := p.Continues
		switch {
		case c != nil && before != nil && len(c.Changes) == 0 && c.Key == before.Key && slices.Equal(p.Units, before.Units) && before.DocumentID == p.After.DocumentID:
			pv.link = w.Sprintf("the same as in %s (%s)", p.After.File, kindName(w, c.Kind))
			pv.same, pv.continues, pv.kind = true, true, c.Kind
		case c != nil && c.Partial:
			pv.link = w.Sprintf("continues %s (%s, similarity %.2f, some of its units)", p.After.File, kindName(w, c.Kind), c.Similarity)
			pv.continues, pv.kind = true, c.Kind
		case c != nil:
			pv.link = w.Sprintf("continues %s (%s, similarity %.2f)", p.After.File, kindName(w, c.Kind), c.Similarity)
			pv.continues, pv.kind = true, c.Kind
		case p.After != nil:
			pv.link = w.Sprintf("new, not in %s", p.After.File)
		default:
			pv.link = w.Sprintf("the first print of the entity in the store")
		}
		pv.title = p.Title
		pv.unitList = p.Units
		pv.units = w.Sprintf("%d: %s", len(p.Units), strings.Join(p.Units, ", "))
		pv.weight = weights(w, p.Weights)
		pv.targets = targetLines(w, p.Indicators)
		pv.status = w.Sprintf("no phases")
		if p.Status != nil {
			pv.status = w.Sprintf("%s (%d phases, %d with Consuntivo months)", statusName(w, *p.Status), p.Phases, p.PhasesReported)
		}
		if c != nil {
			for _, ch := range c.Changes {
				pv.changes = append(pv.changes, diff.Describe(ch, w.Lang()))
			}
			if len(pv.changes) == 0 {
				pv.changes = []string{w.Sprintf("nothing")}
			}
		}
		if prev != nil {
			pv.changed["title"] = pv.title != prev.title
			pv.changed["units"] = !slices.Equal(pv.unitList, prev.unitList)
			pv.changed["weight"] = pv.weight != prev.weight
			pv.changed["targets"] = !slices.Equal(pv.targets, prev.targets)
			pv.changed["status"] = pv.status != prev.status
		}
		v.prints = append(v.prints, pv)
		prev = &v.prints[len(v.prints)-1]
	}
	if len(h.AlsoMatching) > 0 {
		v.alsoTitle = w.Sprintf("Also matching:")
		for _, m := range h.AlsoMatching {
			v.also = append(v.also, fmt.Sprintf("%s  %s  %s", i18n.Year(m.Year), m.Key, m.Title))
		}
	}
	return v
}

// kindName is the name of a link's kind in w's language.
func kindName(w *i18n.Writer, kind string) string {
	switch kind {
	case diff.MatchSameKey:
		return w.Sprintf("same key")
	case diff.MatchSameTitle:
		return w.Sprintf("same title")
	case diff.MatchMoved:
		return w.Sprintf("match: moved")
	case diff.MatchCarriedOver:
		return w.Sprintf("carried over")
	case diff.MatchTypo:
		return w.Sprintf("title respelt")
	case diff.MatchRetitled:
		return w.Sprintf("retitled")
	}
	return kind
}

// statusName is the name of a status of the phases in w's language.
func statusName(w *i18n.Writer, s string) string {
	switch s {
	case "planned":
		return w.Sprintf("status: planned")
	case "in progress":
		return w.Sprintf("status: in progress")
	case "completed":
		return w.Sprintf("status: completed")
	}
	return s
}

// yearSpan writes the years as 2024 or 2022–2025 (and the gaps).
func yearSpan(ys []int) string {
	sorted := slices.Clone(ys)
	slices.Sort(sorted)
	var parts []string
	for i := 0; i < len(sorted); {
		j := i
		for j+1 < len(sorted) && sorted[j+1] == sorted[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", sorted[i], sorted[j]))
		} else {
			parts = append(parts, fmt.Sprint(sorted[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// weights writes the weights of the copies of an objective.
func weights(w *i18n.Writer, ws []*float64) string {
	var parts []string
	for _, x := range ws {
		if x == nil {
			parts = append(parts, w.Sprintf("none"))
		} else {
			parts = append(parts, w.Sprintf("%v", *x))
		}
	}
	if len(parts) == 0 {
		return w.Sprintf("none")
	}
	return strings.Join(parts, ", ")
}

// targetLines writes one line per indicator: its name, its unit and its
// targets by year.
func targetLines(w *i18n.Writer, ins []plan.Indicator) []string {
	if len(ins) == 0 {
		return []string{w.Sprintf("none")}
	}
	var out []string
	for _, in := range ins {
		years := make([]string, 0, len(in.Targets))
		for y := range in.Targets {
			years = append(years, y)
		}
		slices.Sort(years)
		var ts []string
		for _, y := range years {
			v := "-"
			if s := plan.Deref(in.Targets[y]); s != "" {
				v = s
			}
			ts = append(ts, w.Sprintf("target %s = %s", y, v))
		}
		line := in.Name
		if u := plan.Deref(in.Unit); u != "" {
			line += " (" + u + ")"
		}
		if len(ts) == 0 {
			ts = []string{w.Sprintf("no target printed")}
		}
		out = append(out, line+": "+strings.Join(ts, ", "))
	}
	return out
}
