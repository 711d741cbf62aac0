package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/maphash"
	"sort"
	"strings"
)

// ComputeKey returns the deduplication key of an objective occurrence: a
// hash of what makes it the same objective wherever it is printed (title,
// description text, goals, staff, phases with their months, indicators),
// each value normalised (Unicode NFC, whitespace collapsed, lower case), and nothing
// that depends on where it is printed (unit, page) or on how its
// description was marked up.
func ComputeKey(o *Objective) string {
	var k keySink
	walkKeyFields(o, &k)
	sum := sha256.Sum256([]byte(k.b.String()))
	return hex.EncodeToString(sum[:8])
}

// Fingerprint hashes every value ComputeKey reads, as it is printed (no
// normalisation): equal for two occurrences printed identically, so that a
// caller can compute the key of identical copies once. The hash depends on
// seed.
func Fingerprint(seed maphash.Seed, o *Objective) uint64 {
	var s rawSink
	s.h.SetSeed(seed)
	walkKeyFields(o, &s)
	return s.h.Sum64()
}

// AssignKeys sets the key of every objective of d.
func (d *Document) AssignKeys() {
	for i := range d.Objectives {
		d.Objectives[i].Key = ComputeKey(&d.Objectives[i])
	}
}

// fieldSink receives the values of an objective that make its key.
type fieldSink interface {
	text(s string)
	opt(p *string) // nil is not ""
	months(m []int)
	mark(b byte) // end of a row (0x1d) or of a group of rows (0x1e)
}

const (
	endRow   = 0x1d
	endGroup = 0x1e
)

// walkKeyFields hands s every value of o the key is made of, in a fixed
// order: title, description text, goals; staff rows; phases with their
// months; indicators with their targets by year.
func walkKeyFields(o *Objective, s fieldSink) {
	goal := func(g *Goal) {
		if g == nil {
			s.opt(nil)
			s.opt(nil)
			return
		}
		s.text(g.Code)
		s.text(g.Title)
	}
	s.text(o.Title)
	s.text(o.DescriptionText)
	goal(o.StrategicGoal)
	goal(o.OperationalGoal)
	s.mark(endGroup)
	for _, st := range o.Staff {
		s.text(st.Name)
		s.opt(st.Category)
		s.opt(st.Role)
		s.opt(st.Start)
		s.opt(st.End)
		s.mark(endRow)
	}
	s.mark(endGroup)
	for _, p := range o.Phases {
		s.text(p.Title)
		s.opt(p.Description)
		s.opt(p.Start)
		s.opt(p.End)
		s.months(p.PlannedMonths)
		s.months(p.ActualMonths)
		s.mark(endRow)
	}
	s.mark(endGroup)
	for _, in := range o.Indicators {
		s.text(in.Name)
		s.opt(in.Unit)
		s.opt(in.Reference)
		years := make([]string, 0, len(in.Targets))
		for y := range in.Targets {
			years = append(years, y)
		}
		sort.Strings(years)
		for _, y := range years {
			s.text(y)
			s.opt(in.Targets[y])
		}
		s.mark(endRow)
	}
}

// keySink writes the normalised values, each ended by 0x1f.
type keySink struct{ b strings.Builder }

func (k *keySink) text(s string) {
	k.b.WriteString(CaseFold(s))
	k.b.WriteByte(0x1f)
}

func (k *keySink) opt(p *string) {
	if p == nil {
		k.b.WriteString("\x00\x1f")
		return
	}
	k.text(*p)
}

func (k *keySink) months(m []int) {
	for _, v := range m {
		k.b.WriteByte(byte('A' + v))
	}
	k.b.WriteByte(0x1f)
}

func (k *keySink) mark(b byte) { k.b.WriteByte(b) }

// rawSink hashes the values as they are.
type rawSink struct{ h maphash.Hash }

func (r *rawSink) text(s string) {
	r.h.WriteString(s)
	r.h.WriteByte(0)
}

func (r *rawSink) opt(p *string) {
	if p == nil {
		r.h.WriteByte(1)
		return
	}
	r.text(*p)
}

func (r *rawSink) months(m []int) {
	for _, v := range m {
		r.h.WriteByte(byte(v))
	}
	r.h.WriteByte(0xff)
}

func (r *rawSink) mark(b byte) { r.h.WriteByte(b) }
