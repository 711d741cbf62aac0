package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/obiettivi/obiettivi/plan"
)

// ErrNoDocument is returned when no stored document matches.
var ErrNoDocument = errors.New("no such document")

// Latest returns the id of the most recently ingested document of entity
// and year.
func Latest(ctx context.Context, db *DB, entity string, year int) (int64, error) {
	var id int64
	err := db.sql.QueryRowContext(ctx, `
		SELECT d.id FROM documents d JOIN entities e ON e.id = d.entity_id
		 WHERE e.name = ? AND d.year = ?
		 ORDER BY d.ingested_at DESC, d.id DESC LIMIT 1`, entity, year).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, db.named(fmt.Errorf("%w for entity %q and year %d", ErrNoDocument, entity, year))
	}
	return id, db.named(err)
}

// Export reads document id back as the plan document it was ingested from.
func Export(ctx context.Context, db *DB, id int64) (*plan.Document, error) {
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, db.named(err)
	}
	defer tx.Rollback()
	r := reader{ctx: ctx, tx: tx, id: id}
	doc, err := r.document()
	if err != nil {
		return nil, db.named(fmt.Errorf("document %d: %w", id, err))
	}
	return doc, nil
}

// reader reads one document inside a read transaction, one query per table.
type reader struct {
	ctx context.Context
	tx  *sql.Tx
	id  int64
}

// each runs q with the document id and calls scan for every row.
func (r *reader) each(q string, scan func(*sql.Rows) error) error {
	rows, err := r.tx.QueryContext(r.ctx, q, r.id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (r *reader) document() (*plan.Document, error) {
	doc := &plan.Document{Format: plan.Format}
	err := r.tx.QueryRowContext(r.ctx, `
		SELECT d.sha256, d.file, d.pages, d.title, e.name, d.year, d.partial
		  FROM documents d JOIN entities e ON e.id = d.entity_id WHERE d.id = ?`, r.id).
		Scan(&doc.Source.SHA256, &doc.Source.File, &doc.Source.Pages, &doc.Title, &doc.Entity, &doc.Year, &doc.Partial)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoDocument
	}
	if err != nil {
		return nil, err
	}
	err = r.each(`SELECT code, name, page FROM toc_entries WHERE document_id = ? ORDER BY position`, func(rows *sql.Rows) error {
		var t plan.TOCEntry
		if err := rows.Scan(&t.Code, &t.Name, &t.Page); err != nil {
			return err
		}
		doc.TOC = append(doc.TOC, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("toc: %w", err)
	}
	err = r.each(`
		SELECT u.code, u.name, u.kind, u.sector_code, p.name, u.page
		  FROM units u LEFT JOIN people p ON p.id = u.head_person_id
		 WHERE u.document_id = ? ORDER BY u.position`, func(rows *sql.Rows) error {
		var u plan.Unit
		if err := rows.Scan(&u.Code, &u.Name, &u.Kind, &u.Sector, &u.Head, &u.Page); err != nil {
			return err
		}
		doc.Units = append(doc.Units, u)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("units: %w", err)
	}
	if doc.Objectives, err = r.objectives(); err != nil {
		return nil, err
	}
	err = r.each(`
		SELECT rule, severity, page, unit_code, objective_key, message, extra
		  FROM findings WHERE document_id = ? ORDER BY position`, func(rows *sql.Rows) error {
		var f, cols plan.Finding
		var page sql.NullInt64
		var extra sql.NullString
		if err := rows.Scan(&cols.Rule, &cols.Severity, &page, &cols.Unit, &cols.ObjectiveKey, &cols.Message, &extra); err != nil {
			return err
		}
		if extra.Valid {
			// The fields this build may know beyond the columns.
			if err := json.Unmarshal([]byte(extra.String), &f); err != nil {
				return fmt.Errorf("finding %s: extra fields: %w", cols.Rule, err)
			}
		}
		f.Rule, f.Severity, f.Unit, f.ObjectiveKey, f.Message = cols.Rule, cols.Severity, cols.Unit, cols.ObjectiveKey, cols.Message
		if page.Valid {
			p := int(page.Int64)
			f.Page = &p
		}
		doc.Findings = append(doc.Findings, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("findings: %w", err)
	}
	doc.Normalize()
	return doc, nil
}

func (r *reader) objectives() ([]plan.Objective, error) {
	objs := map[int64]*plan.Objective{}
	err := r.each(`
		SELECT o.id, o.key, o.title, o.description_html, o.description_text, sg.code, sg.title, og.code, og.title
		  FROM objectives o
		  LEFT JOIN strategic_goals sg ON sg.id = o.strategic_goal_id
		  LEFT JOIN operational_goals og ON og.id = o.operational_goal_id
		 WHERE o.document_id = ?`, func(rows *sql.Rows) error {
		var id int64
		var o plan.Objective
		var sgCode, sgTitle, ogCode, ogTitle sql.NullString
		if err := rows.Scan(&id, &o.Key, &o.Title, &o.DescriptionHTML, &o.DescriptionText, &sgCode, &sgTitle, &ogCode, &ogTitle); err != nil {
			return err
		}
		if sgCode.Valid {
			o.StrategicGoal = &plan.Goal{Code: sgCode.String, Title: sgTitle.String}
		}
		if ogCode.Valid {
			o.OperationalGoal = &plan.Goal{Code: ogCode.String, Title: ogTitle.String}
		}
		objs[id] = &o
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("objectives: %w", err)
	}
	err = r.each(`
		SELECT sa.objective_id, p.name, sa.category, sa.role, sa.start_date, sa.end_date
		  FROM staff_assignments sa
		  JOIN objectives o ON o.id = sa.objective_id
		  JOIN people p ON p.id = sa.person_id
		 WHERE o.document_id = ? ORDER BY sa.objective_id, sa.position`, func(rows *sql.Rows) error {
		var oid int64
		var s plan.Staff
		if err := rows.Scan(&oid, &s.Name, &s.Category, &s.Role, &s.Start, &s.End); err != nil {
			return err
		}
		o := objs[oid]
		o.Staff = append(o.Staff, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("staff: %w", err)
	}
	phases := map[int64]*plan.Phase{}
	var phaseOrder []int64
	phaseObjective := map[int64]int64{}
	err = r.each(`
		SELECT p.objective_id, p.id, p.title, p.description, p.start_date, p.end_date
		  FROM phases p JOIN objectives o ON o.id = p.objective_id
		 WHERE o.document_id = ? ORDER BY p.objective_id, p.position`, func(rows *sql.Rows) error {
		var oid, pid int64
		p := &plan.Phase{PlannedMonths: []int{}, ActualMonths: []int{}}
		if err := rows.Scan(&oid, &pid, &p.Title, &p.Description, &p.Start, &p.End); err != nil {
			return err
		}
		phases[pid] = p
		phaseOrder = append(phaseOrder, pid)
		phaseObjective[pid] = oid
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("phases: %w", err)
	}
	err = r.each(`
		SELECT m.phase_id, m.schedule, m.month
		  FROM phase_months m JOIN phases p ON p.id = m.phase_id JOIN objectives o ON o.id = p.objective_id
		 WHERE o.document_id = ? ORDER BY m.phase_id, m.schedule, m.month`, func(rows *sql.Rows) error {
		var pid int64
		var sched string
		var month int
		if err := rows.Scan(&pid, &sched, &month); err != nil {
			return err
		}
		p := phases[pid]
		if sched == "actual" {
			p.ActualMonths = append(p.ActualMonths, month)
		} else {
			p.PlannedMonths = append(p.PlannedMonths, month)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("phase months: %w", err)
	}
	for _, pid := range phaseOrder {
		o := objs[phaseObjective[pid]]
		o.Phases = append(o.Phases, *phases[pid])
	}
	indicators := map[int64]*plan.Indicator{}
	var indicatorOrder []int64
	indicatorObjective := map[int64]int64{}
	err = r.each(`
		SELECT i.objective_id, i.id, i.name, i.unit, i.reference
		  FROM indicators i JOIN objectives o ON o.id = i.objective_id
		 WHERE o.document_id = ? ORDER BY i.objective_id, i.position`, func(rows *sql.Rows) error {
		var oid, iid int64
		in := &plan.Indicator{Targets: map[string]*string{}}
		if err := rows.Scan(&oid, &iid, &in.Name, &in.Unit, &in.Reference); err != nil {
			return err
		}
		indicators[iid] = in
		indicatorOrder = append(indicatorOrder, iid)
		indicatorObjective[iid] = oid
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("indicators: %w", err)
	}
	err = r.each(`
		SELECT t.indicator_id, t.year, t.value
		  FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id JOIN objectives o ON o.id = i.objective_id
		 WHERE o.document_id = ?`, func(rows *sql.Rows) error {
		var iid int64
		var year string
		var v *string
		if err := rows.Scan(&iid, &year, &v); err != nil {
			return err
		}
		indicators[iid].Targets[year] = v
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("indicator targets: %w", err)
	}
	for _, iid := range indicatorOrder {
		o := objs[indicatorObjective[iid]]
		o.Indicators = append(o.Indicators, *indicators[iid])
	}

	var out []plan.Objective
	err = r.each(`
		SELECT objective_id, unit_code, page, weight, printed_variant
		  FROM objective_occurrences WHERE document_id = ? ORDER BY position`, func(rows *sql.Rows) error {
		var oid int64
		var page int
		var unit string
		var weight sql.NullFloat64
		var variant sql.NullString
		if err := rows.Scan(&oid, &unit, &page, &weight, &variant); err != nil {
			return err
		}
		o := copyObjective(objs[oid])
		o.Unit, o.Page = unit, page
		if weight.Valid {
			w := weight.Float64
			o.Weight = &w
		}
		if variant.Valid {
			if err := applyVariant(&o, variant.String); err != nil {
				return fmt.Errorf("objective %q (page %d): printed variant: %w", o.Title, page, err)
			}
		}
		out = append(out, o)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("objective occurrences: %w", err)
	}
	return out, nil
}

// copyObjective copies o deeply enough that occurrences share no lists.
func copyObjective(o *plan.Objective) plan.Objective {
	c := *o
	c.Staff = append([]plan.Staff{}, o.Staff...)
	c.Phases = make([]plan.Phase, len(o.Phases))
	for i, p := range o.Phases {
		p.PlannedMonths = append([]int{}, p.PlannedMonths...)
		p.ActualMonths = append([]int{}, p.ActualMonths...)
		c.Phases[i] = p
	}
	c.Indicators = make([]plan.Indicator, len(o.Indicators))
	for i, in := range o.Indicators {
		t := make(map[string]*string, len(in.Targets))
		for k, v := range in.Targets {
			t[k] = v
		}
		in.Targets = t
		c.Indicators[i] = in
	}
	if o.StrategicGoal != nil {
		g := *o.StrategicGoal
		c.StrategicGoal = &g
	}
	if o.OperationalGoal != nil {
		g := *o.OperationalGoal
		c.OperationalGoal = &g
	}
	return c
}

// applyVariant sets the fields of o that were printed differently.
func applyVariant(o *plan.Objective, variant string) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(variant), &fields); err != nil {
		return err
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		var dst any
		switch name {
		case "title":
			dst = &o.Title
		case "description_html":
			dst = &o.DescriptionHTML
		case "description_text":
			dst = &o.DescriptionText
		case "strategic_goal":
			o.StrategicGoal = nil
			dst = &o.StrategicGoal
		case "operational_goal":
			o.OperationalGoal = nil
			dst = &o.OperationalGoal
		case "staff":
			o.Staff = nil
			dst = &o.Staff
		case "phases":
			o.Phases = nil
			dst = &o.Phases
		case "indicators":
			o.Indicators = nil
			dst = &o.Indicators
		default:
			return fmt.Errorf("unknown field %q", name)
		}
		if err := json.Unmarshal(fields[name], dst); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}
