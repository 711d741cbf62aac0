package history

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/diff"
	"github.com/obiettivi/obiettivi/plan"
)

// WriteJSON writes h as indented JSON (obiettivi.history/v1).
func WriteJSON(w io.Writer, h *History) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(h)
}

// WriteText writes h for reading: a heading, then each print with its
// title, units, weight, targets and phases, and what changed from the
// print before. A print that repeats the one before unchanged is one line.
func WriteText(w io.Writer, h *History) error {
	var b strings.Builder
	b.WriteString(h.Title + "\n")
	prints := "print"
	if len(h.Prints) != 1 {
		prints = "prints"
	}
	fmt.Fprintf(&b, "%s, %s: first appears in %d; %d %s\n", h.Entity, yearSpan(h.Years), h.FirstYear, len(h.Prints), prints)
	for i, p := range h.Prints {
		b.WriteString("\n")
		var prev *Print
		if i > 0 {
			prev = &h.Prints[i-1]
		}
		writePrint(&b, p, prev)
	}
	if len(h.AlsoMatching) > 0 {
		b.WriteString("\nAlso matching:\n")
		for _, m := range h.AlsoMatching {
			fmt.Fprintf(&b, "  %d  %s  %s\n", m.Year, m.Key, m.Title)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

const indent = "      "

func writePrint(b *strings.Builder, p Print, prev *Print) {
	fmt.Fprintf(b, "%d  %s", p.Year, p.File)
	c := p.Continues
	switch {
	case c != nil && prev != nil && len(c.Changes) == 0 && c.Key == prev.Key && slices.Equal(p.Units, prev.Units) && prev.DocumentID == p.After.DocumentID:
		fmt.Fprintf(b, ": the same as in %s (%s)\n", p.After.File, c.Kind)
		return
	case c != nil:
		fmt.Fprintf(b, ": continues %s (%s, similarity %.2f", p.After.File, c.Kind, c.Similarity)
		if c.Partial {
			b.WriteString(", some of its units")
		}
		b.WriteString(")\n")
	case p.After != nil:
		fmt.Fprintf(b, ": new, not in %s\n", p.After.File)
	default:
		b.WriteString(": the first print of the entity in the store\n")
	}
	field := func(label, value string) {
		fmt.Fprintf(b, "%s%-9s %s\n", indent, label+":", value)
	}
	field("title", p.Title)
	field("units", fmt.Sprintf("%d: %s", len(p.Units), strings.Join(p.Units, ", ")))
	field("weight", weights(p.Weights))
	targets := targetLines(p.Indicators)
	if len(targets) == 0 {
		field("targets", "none")
	}
	for i, t := range targets {
		if i == 0 {
			field("targets", t)
		} else {
			fmt.Fprintf(b, "%s%-9s %s\n", indent, "", t)
		}
	}
	status := "no phases"
	if p.Status != nil {
		status = fmt.Sprintf("%s (%s, %d with Consuntivo months)", *p.Status, count(p.Phases, "phase", "phases"), p.PhasesReported)
	}
	field("status", status)
	if c == nil {
		return
	}
	if len(c.Changes) == 0 {
		field("changed", "nothing")
	}
	for i, ch := range c.Changes {
		if i == 0 {
			field("changed", describe(ch))
		} else {
			fmt.Fprintf(b, "%s%-9s %s\n", indent, "", describe(ch))
		}
	}
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
			parts = append(parts, strconv.Itoa(sorted[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

func weights(ws []*float64) string {
	var parts []string
	for _, w := range ws {
		if w == nil {
			parts = append(parts, "none")
		} else {
			parts = append(parts, strconv.FormatFloat(*w, 'f', -1, 64))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// targetLines writes one line per indicator: its name and its targets by
// year.
func targetLines(ins []plan.Indicator) []string {
	var out []string
	for _, in := range ins {
		years := make([]string, 0, len(in.Targets))
		for y := range in.Targets {
			years = append(years, y)
		}
		slices.Sort(years)
		var ts []string
		for _, y := range years {
			ts = append(ts, y+" = "+orNone(in.Targets[y]))
		}
		line := in.Name
		if u := plan.Deref(in.Unit); u != "" {
			line += " (" + u + ")"
		}
		if len(ts) == 0 {
			ts = []string{"no target"}
		}
		out = append(out, line+": "+strings.Join(ts, ", "))
	}
	return out
}

func orNone(s *string) string {
	if s == nil || *s == "" {
		return "-"
	}
	return *s
}

// describe tells one change in a line.
func describe(ch diff.Change) string {
	arrow := func(label string) string { return fmt.Sprintf("%s: %s → %s", label, value(ch.Old), value(ch.New)) }
	field := func() string {
		if ch.Field == diff.FieldDescription {
			return "description: " + ch.Detail
		}
		s := fmt.Sprintf("%s: %s → %s", strings.ReplaceAll(ch.Field, "_", " "), value(ch.Old), value(ch.New))
		if ch.Detail != "" {
			s += " (" + ch.Detail + ")"
		}
		return s
	}
	switch ch.Kind {
	case diff.KindTitle:
		return arrow("title")
	case diff.KindWeight:
		return arrow("weight")
	case diff.KindStrategicGoal:
		return arrow("strategic goal")
	case diff.KindOperationalGoal:
		return arrow("operational goal")
	case diff.KindDescription:
		return "description: " + ch.Detail
	case diff.KindMoved:
		return fmt.Sprintf("moved from %s to %s", value(ch.Old), value(ch.New))
	case diff.KindUnitsAdded:
		return "units added: " + value(ch.New)
	case diff.KindUnitsRemoved:
		return "units removed: " + value(ch.Old)
	case diff.KindStaffAdded:
		return "staff added: " + value(ch.New)
	case diff.KindStaffRemoved:
		return "staff removed: " + value(ch.Old)
	case diff.KindStaffChanged:
		return "staff " + ch.Item + ": " + field()
	case diff.KindPhaseAdded:
		return "phase added: " + value(ch.New)
	case diff.KindPhaseRemoved:
		return "phase removed: " + value(ch.Old)
	case diff.KindPhaseRenamed:
		return arrow("phase renamed")
	case diff.KindPhaseChanged:
		return fmt.Sprintf("phase %q: %s", ch.Item, field())
	case diff.KindIndicatorAdded:
		return "indicator added: " + value(ch.New)
	case diff.KindIndicatorRemoved:
		return "indicator removed: " + value(ch.Old)
	case diff.KindIndicatorRenamed:
		return arrow("indicator renamed")
	case diff.KindIndicatorChanged:
		return fmt.Sprintf("indicator %q: %s", ch.Item, field())
	}
	return arrow(ch.Kind)
}

// value writes an old or new value of a change.
func value(v any) string {
	switch x := v.(type) {
	case nil:
		return "(empty)"
	case string:
		return strconv.Quote(x)
	case *string:
		if x == nil {
			return "(empty)"
		}
		return strconv.Quote(*x)
	case *float64:
		if x == nil {
			return "(empty)"
		}
		return strconv.FormatFloat(*x, 'f', -1, 64)
	case []int:
		return monthRanges(x)
	case []string:
		return strings.Join(x, ", ")
	case plan.Staff:
		return x.Name
	case plan.Phase:
		return strconv.Quote(x.Title)
	case plan.Indicator:
		return strconv.Quote(x.Name)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

var monthNames = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// monthRanges writes months as ranges: [2 3 4 6] is "Feb–Apr, Jun".
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
