package normalize

import (
	"strings"

	"github.com/obiettivi/obiettivi/plan"
)

// unitHeadingOf recognises the heading row of a unit: a single cell (or a
// first cell spanning the row) holding "CODE - NAME".
func unitHeadingOf(r row) (code, name string, ok bool) {
	var texts []string
	for _, c := range r.cells {
		if t := cellText(c); t != "" {
			texts = append(texts, t)
		}
	}
	if len(texts) != 1 {
		return "", "", false
	}
	t := texts[0]
	if f, _ := labelOf(t); f != fNone {
		return "", "", false
	}
	m := unitHeading.FindStringSubmatch(t)
	if m == nil {
		return "", "", false
	}
	// The heading spans the table: its text sits in the first cell, and
	// that cell is the widest of the row.
	c0 := r.cells[0]
	if cellText(c0) == "" {
		return "", "", false
	}
	for _, c := range r.cells[1:] {
		if c.W() > c0.W() {
			return "", "", false
		}
	}
	return m[1], strings.TrimSpace(m[2]), true
}

func (b *builder) unitHeads(r row) {
	for i := 0; i < len(r.cells); i++ {
		f, _ := labelOf(cellText(r.cells[i]))
		if f != fSectorHead && f != fOfficeHead {
			continue
		}
		var val string
		if i+1 < len(r.cells) {
			if g, _ := labelOf(cellText(r.cells[i+1])); g != fSectorHead && g != fOfficeHead {
				val = joinLines(r.cells[i+1])
				i++
			}
		}
		if f == fOfficeHead {
			b.heads.office, b.heads.hasOffice = val, true
		} else {
			b.heads.sector, b.heads.hasSector = val, true
		}
	}
}

// endUnit decides the kind and head of the current unit and records it.
// A unit whose heading rows name a "Responsabile ufficio" is an office;
// otherwise a unit is a sector when its code says so.
func (b *builder) endUnit() {
	u := b.unit
	if u == nil {
		return
	}
	b.unit = nil
	h := b.heads
	b.heads = unitHeads{}
	if h.hasOffice || !isSectorCode(u.Code) {
		u.Kind = plan.KindOffice
		if h.hasOffice {
			u.Head = plan.Str(h.office)
		} else {
			u.Head = plan.Str(h.sector)
		}
		if b.sector != "" {
			u.Sector = plan.Str(b.sector)
		}
	} else {
		u.Kind = plan.KindSector
		u.Head = plan.Str(h.sector)
		b.sector = u.Code
	}
	b.doc.Units = append(b.doc.Units, *u)
}

// unitHeads holds the "Responsabile" cells of the unit being read.
type unitHeads struct {
	sector, office       string
	hasSector, hasOffice bool
}
