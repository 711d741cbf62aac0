// Package diff compares two plan documents: which objectives were added,
// removed, moved or changed and how, which units and Indice entries changed,
// and whether the whole plan rolled over to another year.
//
// Comparison is on plan records only (never on layout: pages, page breaks
// and markup do not count), so it gives the same answer for documents read
// from PDFs, plan JSON files or the store.
package diff

import (
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// Format identifies the JSON form of a Result.
const Format = "obiettivi.diff/v1"

// Objective change kinds.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// Kinds of a Change inside a continuing objective.
const (
	KindTitle            = "title"
	KindWeight           = "weight"
	KindStrategicGoal    = "strategic-goal"
	KindOperationalGoal  = "operational-goal"
	KindDescription      = "description"
	KindMoved            = "moved"
	KindUnitsAdded       = "units-added"
	KindUnitsRemoved     = "units-removed"
	KindStaffAdded       = "staff-added"
	KindStaffRemoved     = "staff-removed"
	KindStaffChanged     = "staff-changed"
	KindPhaseAdded       = "phase-added"
	KindPhaseRemoved     = "phase-removed"
	KindPhaseRenamed     = "phase-renamed"
	KindPhaseChanged     = "phase-changed"
	KindIndicatorAdded   = "indicator-added"
	KindIndicatorRemoved = "indicator-removed"
	KindIndicatorRenamed = "indicator-renamed"
	KindIndicatorChanged = "indicator-changed"
)

// Fields named by a Change of kind staff-changed, phase-changed or
// indicator-changed (a target field is "target YYYY", the year of the new plan).
const (
	FieldName          = "name"
	FieldCategory      = "category"
	FieldRole          = "role"
	FieldPeriod        = "period"
	FieldDescription   = "description"
	FieldPlannedMonths = "planned_months"
	FieldActualMonths  = "actual_months"
	FieldUnit          = "unit"
	FieldReference     = "reference"
	FieldTargetPrefix  = "target "
)

// Result is everything that differs between two plan documents.
type Result struct {
	Format     string            `json:"format"`
	Old        DocInfo           `json:"old"`
	New        DocInfo           `json:"new"`
	Same       bool              `json:"same"`
	Summary    Summary           `json:"summary"`
	Shift      *Shift            `json:"shift"`
	Document   []FieldChange     `json:"document"`
	Units      []UnitChange      `json:"units"`
	TOC        []TOCChange       `json:"toc"`
	Objectives []ObjectiveChange `json:"objectives"`

	unitNames     map[string]string // unit code → name, for the reports
	oldDoc, nwDoc *plan.Document    // the documents compared, for the HTML report's pictures
}

// DocInfo names one side of the comparison.
type DocInfo struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Entity string `json:"entity"`
	Year   int    `json:"year"`
	Title  string `json:"title"`
}

// Summary counts what changed. A moved objective is also counted as changed.
type Summary struct {
	ObjectivesAdded     int `json:"objectives_added"`
	ObjectivesRemoved   int `json:"objectives_removed"`
	ObjectivesChanged   int `json:"objectives_changed"`
	ObjectivesMoved     int `json:"objectives_moved"`
	ObjectivesUnchanged int `json:"objectives_unchanged"`
	UnitsAdded          int `json:"units_added"`
	UnitsRemoved        int `json:"units_removed"`
	UnitsChanged        int `json:"units_changed"`
	TOCChanges          int `json:"toc_changes"`
	// Changes is the number of Change entries of all continuing objectives.
	Changes int `json:"changes"`
	// ActualMonthsFilled is the number of phases whose actual months went
	// from none to some (a monitoring print of the same plan).
	ActualMonthsFilled int `json:"actual_months_filled"`
}

// Shift describes a plan that rolled over to another year: every staff and
// phase date and every target year moved by Years. Dates that moved
// otherwise are listed as changes of their objective and counted in
// Exceptions.
type Shift struct {
	Years int `json:"years"`
	// Dates is the number of staff and phase dates of continuing objectives
	// that moved by exactly Years.
	Dates int `json:"dates"`
	// Targets is the number of indicator target columns whose year moved by
	// exactly Years.
	Targets int `json:"targets"`
	// Exceptions is the number of dates that moved by another amount, or
	// not at all.
	Exceptions int `json:"exceptions"`
}

// FieldChange is one field of a document or unit with its old and new value.
type FieldChange struct {
	Field string `json:"field"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
}

// UnitChange is a unit added, removed or changed (renamed, moved to
// another sector, new head, new code).
type UnitChange struct {
	Kind     string        `json:"kind"`
	Code     string        `json:"code"`
	OldCode  string        `json:"old_code,omitempty"`
	Name     string        `json:"name"`
	UnitKind string        `json:"unit_kind"`
	Changes  []FieldChange `json:"changes,omitempty"`
}

// TOCChange is an Indice entry added, removed or renamed that is not
// already told by a unit change.
type TOCChange struct {
	Kind string  `json:"kind"`
	Code string  `json:"code"`
	Old  *string `json:"old"`
	New  *string `json:"new"`
}

// ObjectiveChange is one objective added, removed or changed. An objective
// printed under several units is one entry, whatever the number of units.
type ObjectiveChange struct {
	Kind     string   `json:"kind"`
	Title    string   `json:"title"`
	OldTitle string   `json:"old_title,omitempty"`
	Units    []string `json:"units"`
	OldUnits []string `json:"old_units,omitempty"`
	Key      string   `json:"key,omitempty"`
	OldKey   string   `json:"old_key,omitempty"`
	Page     int      `json:"page,omitempty"`
	OldPage  int      `json:"old_page,omitempty"`
	// Partial is set when this entry covers only some of the units the old
	// objective was printed under: the copies there changed differently
	// from the others.
	Partial bool     `json:"partial,omitempty"`
	Changes []Change `json:"changes,omitempty"`
}

// Change is one difference inside a continuing objective.
type Change struct {
	Kind string `json:"kind"`
	// Item names the staff member, phase or indicator concerned.
	Item string `json:"item,omitempty"`
	// Field names the field of the item that changed.
	Field string `json:"field,omitempty"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
	// Detail is a short human summary (the word-level summary of a
	// description, the old year of a target).
	Detail string `json:"detail,omitempty"`

	why i18n.Text // Detail, to be written in any language
}

// Empty reports whether the two plans are the same.
func (r *Result) Empty() bool {
	return r.Shift == nil && len(r.Document) == 0 && len(r.Units) == 0 &&
		len(r.TOC) == 0 && len(r.Objectives) == 0
}

// Compare returns the differences from old to new. Neither document is
// modified.
func Compare(old, new *plan.Document) *Result {
	r := &Result{
		Format:     Format,
		Old:        info(old),
		New:        info(new),
		Document:   []FieldChange{},
		Units:      []UnitChange{},
		TOC:        []TOCChange{},
		Objectives: []ObjectiveChange{},
	}
	c := newComparer(old, new)
	r.Document = c.document()
	r.Units = c.units()
	r.TOC = c.toc(r.Units)
	r.Objectives = c.objectives()
	r.Summary.ObjectivesUnchanged = c.unchanged
	r.unitNames = c.unitNames
	r.oldDoc, r.nwDoc = old, new
	if c.years != 0 {
		r.Shift = &Shift{Years: c.years, Dates: c.shiftedDates, Targets: c.shiftedTargets, Exceptions: c.dateExceptions}
	}
	r.summarise()
	r.Same = r.Empty()
	return r
}

func info(d *plan.Document) DocInfo {
	return DocInfo{File: d.Source.File, SHA256: d.Source.SHA256, Entity: d.Entity, Year: d.Year, Title: d.Title}
}

func (r *Result) summarise() {
	s := Summary{ObjectivesUnchanged: r.Summary.ObjectivesUnchanged}
	for _, u := range r.Units {
		switch u.Kind {
		case Added:
			s.UnitsAdded++
		case Removed:
			s.UnitsRemoved++
		default:
			s.UnitsChanged++
		}
	}
	s.TOCChanges = len(r.TOC)
	for _, o := range r.Objectives {
		switch o.Kind {
		case Added:
			s.ObjectivesAdded++
		case Removed:
			s.ObjectivesRemoved++
		default:
			s.ObjectivesChanged++
			s.Changes += len(o.Changes)
			for _, ch := range o.Changes {
				if ch.Kind == KindMoved {
					s.ObjectivesMoved++
				}
				if ch.Kind == KindPhaseChanged && ch.Field == FieldActualMonths {
					if o, ok := ch.Old.([]int); ok && len(o) == 0 {
						s.ActualMonthsFilled++
					}
				}
			}
		}
	}
	r.Summary = s
}
