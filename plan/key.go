package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ComputeKey returns the deduplication key of an objective occurrence: a
// hash of what makes it the same objective wherever it is printed (title,
// description text, goals, staff, phases with their months, indicators),
// each value normalised (Unicode NFC, whitespace collapsed, lower case), and nothing
// that depends on where it is printed (unit, page) or on how its
// description was marked up.
func ComputeKey(o *Objective) string {
	var b strings.Builder
	field := func(s string) {
		b.WriteString(strings.ToLower(canon(s)))
		b.WriteByte(0x1f)
	}
	opt := func(p *string) {
		if p == nil {
			b.WriteString("\x00")
			b.WriteByte(0x1f)
			return
		}
		field(*p)
	}
	goal := func(g *Goal) {
		if g == nil {
			opt(nil)
			opt(nil)
			return
		}
		field(g.Code)
		field(g.Title)
	}
	months := func(m []int) {
		for _, v := range m {
			b.WriteByte(byte('A' + v))
		}
		b.WriteByte(0x1f)
	}
	field(o.Title)
	field(o.DescriptionText)
	goal(o.StrategicGoal)
	goal(o.OperationalGoal)
	b.WriteByte(0x1e)
	for _, s := range o.Staff {
		field(s.Name)
		opt(s.Category)
		opt(s.Role)
		opt(s.Start)
		opt(s.End)
		b.WriteByte(0x1d)
	}
	b.WriteByte(0x1e)
	for _, p := range o.Phases {
		field(p.Title)
		opt(p.Description)
		opt(p.Start)
		opt(p.End)
		months(p.PlannedMonths)
		months(p.ActualMonths)
		b.WriteByte(0x1d)
	}
	b.WriteByte(0x1e)
	for _, in := range o.Indicators {
		field(in.Name)
		opt(in.Unit)
		opt(in.Reference)
		years := make([]string, 0, len(in.Targets))
		for y := range in.Targets {
			years = append(years, y)
		}
		sort.Strings(years)
		for _, y := range years {
			field(y)
			opt(in.Targets[y])
		}
		b.WriteByte(0x1d)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}

// AssignKeys sets the key of every objective of d.
func (d *Document) AssignKeys() {
	for i := range d.Objectives {
		d.Objectives[i].Key = ComputeKey(&d.Objectives[i])
	}
}

// canon is the comparison form of a text value: NFC, whitespace collapsed.
func canon(s string) string {
	return strings.Join(strings.FieldsFunc(norm.NFC.String(s), unicode.IsSpace), " ")
}

// Canon is the comparison form of a text value: Unicode NFC with runs of
// white space collapsed to one space and no leading or trailing space.
func Canon(s string) string { return canon(s) }
