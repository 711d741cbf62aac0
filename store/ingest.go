package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/obiettivi/obiettivi/plan"
)

// ErrAlreadyPresent is returned by Ingest for a document whose SHA-256 is
// already in the store.
var ErrAlreadyPresent = errors.New("already present")

// Meta is what the store records about an ingest besides the document.
type Meta struct {
	// IngestedAt is when the document was read; zero means now.
	IngestedAt time.Time
	// ExtractorVersion names the extractor that produced the document;
	// empty when unknown (a document read from JSON).
	ExtractorVersion string
	// ExtractorCommit is the version control commit the extractor was
	// built from; empty when unknown.
	ExtractorCommit string
}

// timeLayout is how ingested_at is written: fixed width, so that text order
// is time order.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// Ingest writes doc into the store in one transaction and returns its
// document id. In the same transaction it links the document, and the
// print that follows it, to the prints before them (see Lineage). A document whose source SHA-256 is already stored changes
// nothing: Ingest returns the stored id and ErrAlreadyPresent. When ctx is
// cancelled before the commit the store is left as it was.
func Ingest(ctx context.Context, db *DB, doc *plan.Document, meta Meta) (int64, error) {
	if doc.Source.SHA256 == "" {
		return 0, errors.New("document has no source sha256")
	}
	objs := make([]plan.Objective, len(doc.Objectives))
	for i := range doc.Objectives {
		objs[i] = normalized(doc.Objectives[i])
		if objs[i].Key == "" {
			objs[i].Key = plan.ComputeKey(&objs[i])
		}
	}
	if meta.IngestedAt.IsZero() {
		meta.IngestedAt = time.Now()
	}

	if db.write == nil {
		return 0, fmt.Errorf("%s: opened read-only", db.path)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, cancelled(ctx, db.fileFault(err))
	}
	defer tx.Rollback()
	var existing int64
	err = tx.QueryRowContext(ctx, "SELECT id FROM documents WHERE sha256 = ?", doc.Source.SHA256).Scan(&existing)
	switch {
	case err == nil:
		return existing, ErrAlreadyPresent
	case !errors.Is(err, sql.ErrNoRows):
		return 0, cancelled(ctx, db.fileFault(err))
	}
	w, err := newWriter(ctx, tx)
	if err != nil {
		return 0, cancelled(ctx, db.fileFault(err))
	}
	defer w.close()
	id, err := w.document(doc, objs, meta)
	if err != nil {
		return 0, cancelled(ctx, db.fileFault(err))
	}
	if err := relink(ctx, tx, w.entity); err != nil {
		return 0, cancelled(ctx, db.fileFault(err))
	}
	if err := tx.Commit(); err != nil {
		return 0, cancelled(ctx, db.fileFault(err))
	}
	return id, nil
}

// cancelled reports the cancellation of ctx rather than the error it
// caused in whatever statement was running.
func cancelled(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	return err
}

// Statements of the writer, prepared once per ingest.
const (
	sqlEntity = `INSERT INTO entities (name) VALUES (?)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`
	sqlDocument = `INSERT INTO documents (sha256, file, pages, title, entity_id, year, ingested_at, extractor_version, extractor_commit, partial)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlTOC    = `INSERT INTO toc_entries (document_id, position, code, name, page) VALUES (?, ?, ?, ?, ?)`
	sqlPerson = `INSERT INTO people (entity_id, name) VALUES (?, ?)
		ON CONFLICT (entity_id, name) DO UPDATE SET name = excluded.name RETURNING id`
	sqlUnit = `INSERT INTO units (document_id, position, code, name, kind, sector_code, parent_sector_id, head_person_id, page)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlStrategicGoal = `INSERT INTO strategic_goals (entity_id, code, title) VALUES (?, ?, ?)
		ON CONFLICT (entity_id, code, title) DO UPDATE SET code = excluded.code RETURNING id`
	sqlOperationalGoal = `INSERT INTO operational_goals (entity_id, code, title) VALUES (?, ?, ?)
		ON CONFLICT (entity_id, code, title) DO UPDATE SET code = excluded.code RETURNING id`
	sqlObjective = `INSERT INTO objectives (document_id, key, title, description_html, description_text, strategic_goal_id, operational_goal_id, phases_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	sqlOccurrence = `INSERT INTO objective_occurrences (document_id, position, objective_id, unit_code, unit_id, page, weight, printed_variant)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	sqlStaff = `INSERT INTO staff_assignments (objective_id, position, person_id, category, role, start_date, end_date)
		VALUES (?, ?, ?, ?, ?, ?, ?)`
	sqlPhase = `INSERT INTO phases (objective_id, position, title, description, start_date, end_date)
		VALUES (?, ?, ?, ?, ?, ?)`
	sqlPhaseMonth = `INSERT INTO phase_months (phase_id, schedule, month) VALUES (?, ?, ?)`
	sqlIndicator  = `INSERT INTO indicators (objective_id, position, name, unit, reference) VALUES (?, ?, ?, ?, ?)`
	sqlTarget     = `INSERT INTO indicator_targets (indicator_id, year, value) VALUES (?, ?, ?)`
	sqlFinding    = `INSERT INTO findings (document_id, position, rule, severity, page, unit_code, objective_key, message, extra)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// writer writes one document inside a transaction.
type writer struct {
	ctx   context.Context
	stmts map[string]*sql.Stmt

	entity int64
	people map[string]int64
	goals  map[goalRef]int64
}

type goalRef struct {
	operational bool
	plan.Goal
}

func newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{ctx: ctx, stmts: map[string]*sql.Stmt{}, people: map[string]int64{}, goals: map[goalRef]int64{}}
	for _, q := range []string{sqlEntity, sqlDocument, sqlTOC, sqlPerson, sqlUnit, sqlStrategicGoal, sqlOperationalGoal,
		sqlObjective, sqlOccurrence, sqlStaff, sqlPhase, sqlPhaseMonth, sqlIndicator, sqlTarget, sqlFinding} {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			w.close()
			return nil, err
		}
		w.stmts[q] = st
	}
	return w, nil
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *writer) exec(q string, args ...any) (int64, error) {
	res, err := w.stmts[q].ExecContext(w.ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func (w *writer) returning(q string, args ...any) (int64, error) {
	var id int64
	err := w.stmts[q].QueryRowContext(w.ctx, args...).Scan(&id)
	return id, err
}

func (w *writer) person(name string) (int64, error) {
	if id, ok := w.people[name]; ok {
		return id, nil
	}
	id, err := w.returning(sqlPerson, w.entity, name)
	if err != nil {
		return 0, fmt.Errorf("person %q: %w", name, err)
	}
	w.people[name] = id
	return id, nil
}

func (w *writer) goal(g *plan.Goal, operational bool) (any, error) {
	if g == nil {
		return nil, nil
	}
	ref := goalRef{operational, *g}
	if id, ok := w.goals[ref]; ok {
		return id, nil
	}
	q := sqlStrategicGoal
	if operational {
		q = sqlOperationalGoal
	}
	id, err := w.returning(q, w.entity, g.Code, g.Title)
	if err != nil {
		return nil, fmt.Errorf("goal %s: %w", g.Code, err)
	}
	w.goals[ref] = id
	return id, nil
}

func (w *writer) document(doc *plan.Document, objs []plan.Objective, meta Meta) (int64, error) {
	var err error
	if w.entity, err = w.returning(sqlEntity, doc.Entity); err != nil {
		return 0, fmt.Errorf("entity: %w", err)
	}
	docID, err := w.exec(sqlDocument, doc.Source.SHA256, doc.Source.File, doc.Source.Pages, doc.Title,
		w.entity, doc.Year, meta.IngestedAt.UTC().Format(timeLayout), nullString(meta.ExtractorVersion),
		nullString(meta.ExtractorCommit), doc.Partial)
	if err != nil {
		return 0, fmt.Errorf("document: %w", err)
	}
	for i, t := range doc.TOC {
		if _, err := w.exec(sqlTOC, docID, i+1, t.Code, t.Name, t.Page); err != nil {
			return 0, fmt.Errorf("toc entry %d: %w", i+1, err)
		}
	}
	units, err := w.units(docID, doc.Units)
	if err != nil {
		return 0, err
	}
	if err := w.objectives(docID, objs, units); err != nil {
		return 0, err
	}
	for i, f := range doc.Findings {
		extra, err := findingExtra(f)
		if err != nil {
			return 0, fmt.Errorf("finding %d (%s): %w", i+1, f.Rule, err)
		}
		if _, err := w.exec(sqlFinding, docID, i+1, f.Rule, f.Severity, f.Page, f.Unit, f.ObjectiveKey, f.Message, extra); err != nil {
			return 0, fmt.Errorf("finding %d (%s): %w", i+1, f.Rule, err)
		}
	}
	return docID, nil
}

// unitIndex finds the heading an occurrence is printed under: the last
// heading with its code printed on or before its page.
type unitIndex map[string][]unitRow

type unitRow struct {
	id   int64
	page int
}

func (ix unitIndex) find(code string, page int) any {
	rows := ix[code]
	if len(rows) == 0 {
		return nil
	}
	best := rows[0]
	for _, r := range rows[1:] {
		if r.page <= page {
			best = r
		}
	}
	return best.id
}

func (w *writer) units(docID int64, units []plan.Unit) (unitIndex, error) {
	ix := unitIndex{}
	sectors := unitIndex{}
	for i, u := range units {
		var head any
		if u.Head != nil {
			id, err := w.person(*u.Head)
			if err != nil {
				return nil, fmt.Errorf("unit %s: %w", u.Code, err)
			}
			head = id
		}
		var parent any
		if u.Sector != nil {
			parent = sectors.find(*u.Sector, u.Page)
		}
		id, err := w.exec(sqlUnit, docID, i+1, u.Code, u.Name, u.Kind, u.Sector, parent, head, u.Page)
		if err != nil {
			return nil, fmt.Errorf("unit %s: %w", u.Code, err)
		}
		ix[u.Code] = append(ix[u.Code], unitRow{id, u.Page})
		if u.Kind == plan.KindSector {
			sectors[u.Code] = append(sectors[u.Code], unitRow{id, u.Page})
		}
	}
	return ix, nil
}

func (w *writer) objectives(docID int64, objs []plan.Objective, units unitIndex) error {
	type stored struct {
		id    int64
		first *plan.Objective
	}
	byKey := map[string]stored{}
	for i := range objs {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		o := &objs[i]
		s, ok := byKey[o.Key]
		if !ok {
			id, err := w.objective(docID, o)
			if err != nil {
				return fmt.Errorf("objective %q (page %d): %w", o.Title, o.Page, err)
			}
			s = stored{id, o}
			byKey[o.Key] = s
		}
		variant, err := printedVariant(s.first, o)
		if err != nil {
			return fmt.Errorf("objective %q (page %d): %w", o.Title, o.Page, err)
		}
		if _, err := w.exec(sqlOccurrence, docID, i+1, s.id, o.Unit, units.find(o.Unit, o.Page), o.Page, o.Weight, variant); err != nil {
			return fmt.Errorf("objective %q (page %d): %w", o.Title, o.Page, err)
		}
	}
	return nil
}

func (w *writer) objective(docID int64, o *plan.Objective) (int64, error) {
	sg, err := w.goal(o.StrategicGoal, false)
	if err != nil {
		return 0, err
	}
	og, err := w.goal(o.OperationalGoal, true)
	if err != nil {
		return 0, err
	}
	id, err := w.exec(sqlObjective, docID, o.Key, o.Title, o.DescriptionHTML, o.DescriptionText, sg, og, phasesText(o.Phases))
	if err != nil {
		return 0, err
	}
	for i, s := range o.Staff {
		person, err := w.person(s.Name)
		if err != nil {
			return 0, err
		}
		if _, err := w.exec(sqlStaff, id, i+1, person, s.Category, s.Role, s.Start, s.End); err != nil {
			return 0, fmt.Errorf("staff %q: %w", s.Name, err)
		}
	}
	for i, p := range o.Phases {
		pid, err := w.exec(sqlPhase, id, i+1, p.Title, p.Description, p.Start, p.End)
		if err != nil {
			return 0, fmt.Errorf("phase %q: %w", p.Title, err)
		}
		for _, sched := range []struct {
			name   string
			months []int
		}{{"planned", p.PlannedMonths}, {"actual", p.ActualMonths}} {
			for _, m := range sched.months {
				if _, err := w.exec(sqlPhaseMonth, pid, sched.name, m); err != nil {
					return 0, fmt.Errorf("phase %q: %s month %d: %w", p.Title, sched.name, m, err)
				}
			}
		}
	}
	for i, in := range o.Indicators {
		iid, err := w.exec(sqlIndicator, id, i+1, in.Name, in.Unit, in.Reference)
		if err != nil {
			return 0, fmt.Errorf("indicator %q: %w", in.Name, err)
		}
		for year, v := range in.Targets {
			if _, err := w.exec(sqlTarget, iid, year, v); err != nil {
				return 0, fmt.Errorf("indicator %q: target %s: %w", in.Name, year, err)
			}
		}
	}
	return id, nil
}

// variantFields are the parts of an objective that can be printed
// differently (in case, spacing or markup) under the same key.
func variantFields(o *plan.Objective) map[string]any {
	return map[string]any{
		"title":            o.Title,
		"description_html": o.DescriptionHTML,
		"description_text": o.DescriptionText,
		"strategic_goal":   o.StrategicGoal,
		"operational_goal": o.OperationalGoal,
		"staff":            o.Staff,
		"phases":           o.Phases,
		"indicators":       o.Indicators,
	}
}

// printedVariant is the JSON object of the fields where o was printed
// differently from first, or nil when it was printed the same.
func printedVariant(first, o *plan.Objective) (any, error) {
	if first == o {
		return nil, nil
	}
	want := variantFields(first)
	diff := map[string]json.RawMessage{}
	for name, v := range variantFields(o) {
		got, err := marshalJSON(v)
		if err != nil {
			return nil, err
		}
		ref, err := marshalJSON(want[name])
		if err != nil {
			return nil, err
		}
		if string(got) != string(ref) {
			diff[name] = got
		}
	}
	if len(diff) == 0 {
		return nil, nil
	}
	b, err := marshalJSON(diff)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// marshalJSON is json.Marshal without the escaping of <, > and &, so that
// HTML in the store reads as HTML.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// phasesText is the text of phases that the search index reads: each
// phase's title, then its description, one per line.
func phasesText(phases []plan.Phase) string {
	var lines []string
	for _, p := range phases {
		lines = append(lines, p.Title)
		if p.Description != nil {
			lines = append(lines, *p.Description)
		}
	}
	return strings.Join(lines, "\n")
}

// findingFields are the fields of a finding that have columns of their own.
var findingFields = []string{"rule", "severity", "page", "unit", "objective_key", "message"}

// findingExtra is the JSON object of the fields of f beyond findingFields,
// or nil when it has none.
func findingExtra(f plan.Finding) (any, error) {
	b, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return nil, err
	}
	for _, k := range findingFields {
		delete(fields, k)
	}
	if len(fields) == 0 {
		return nil, nil
	}
	b, err = marshalJSON(fields)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// normalized is a copy of o whose lists are never nil, as in a decoded
// document, so that equal printings compare equal.
func normalized(o plan.Objective) plan.Objective {
	d := plan.Document{Objectives: []plan.Objective{o}}
	o.Staff = append([]plan.Staff{}, o.Staff...)
	o.Phases = append([]plan.Phase{}, o.Phases...)
	o.Indicators = append([]plan.Indicator{}, o.Indicators...)
	d.Objectives[0] = o
	d.Normalize()
	return d.Objectives[0]
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
