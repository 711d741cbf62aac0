// Package render prints plan documents as "Stampa Obiettivi di Performance"
// PDFs, like the reports municipalities publish: a cover, the Indice, and
// per unit its heading and the tables of each objective (key/value table,
// Persona, Fase, Cronoprogramma, Indicatore), with a running header and a
// "Pagina N di M" footer.
//
// The output is for testing the extractor: the printed text is exactly the
// plan's values, whitespace-collapsed, and Print returns the plan as printed
// (pages of units, objectives and Indice entries included), so a test can
// render, extract and compare. Options vary what an extractor must not
// depend on: page size and orientation, margins, fonts (core and embedded),
// font size, fill colours and colour spaces, how tables and descriptions
// continue across pages, and whether tables are ruled at all.
package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"time"

	"github.com/obiettivi/obiettivi/plan"
)

// Result describes a printed plan.
type Result struct {
	// Pages is the number of pages.
	Pages int
	// Printed is the plan exactly as printed: text whitespace-collapsed,
	// objectives in printed order, the pages of units, objectives and
	// Indice entries, source.pages and source.sha256 of the PDF.
	Printed *plan.Document
	// Warnings name text that could not be printed so that it reads back
	// exactly, such as a word wider than its cell.
	Warnings []string
	// Cuts counts what page breaks cut, as the options asked.
	Cuts Cuts
}

// Cuts counts the places where a page break cut the report.
type Cuts struct {
	// Labels are key/value rows whose label cell has lines on both sides
	// of a page break.
	Labels int
	// Rows are data-table rows (staff, phases, indicators) that go on
	// under their header repeated on the next page.
	Rows int
	// Slivers are month-grid rows drawn as a sliver at a page bottom and
	// whole on the next page.
	Slivers int
}

// Render prints doc as a Stampa Obiettivi PDF to w.
func Render(doc *plan.Document, w io.Writer, opt Options) error {
	_, err := Print(context.Background(), doc, w, opt)
	return err
}

// Print prints doc as a Stampa Obiettivi PDF to w and returns the plan as
// printed. It lays the document out twice: once to learn the page of every
// unit, then again with those pages in the Indice.
func Print(ctx context.Context, doc *plan.Document, w io.Writer, opt Options) (*Result, error) {
	s, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	dry, err := newCanvas(s, true)
	if err != nil {
		return nil, err
	}
	cache := make([]*objectiveLayout, len(doc.Objectives))
	first, err := layout(ctx, dry, doc, nil, cache)
	if err != nil {
		return nil, err
	}
	numbers := make([]int, len(first.toc))
	for i, u := range first.tocUnit {
		if u >= 0 {
			numbers[i] = first.unitPage[u]
		}
	}
	c, err := newCanvas(s, false)
	if err != nil {
		return nil, err
	}
	c.total = dry.page
	p, err := layout(ctx, c, doc, numbers, cache)
	if err != nil {
		return nil, err
	}
	if c.page != dry.page {
		return nil, fmt.Errorf("layout is unstable: %d pages, then %d", dry.page, c.page)
	}
	pdf := c.pdf
	pdf.SetTitle(plan.Canon(doc.Title), true)
	pdf.SetAuthor(plan.Canon(doc.Entity), true)
	pdf.SetSubject("Stampa Obiettivi", true)
	pdf.SetCreator("obiettivi samples/render", true)
	pdf.SetProducer("obiettivi samples/render (fpdf)", true)
	pdf.SetCatalogSort(true)
	stamp := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("writing PDF: %w", err)
	}
	sum := sha256.Sum256(buf.Bytes())
	if _, err := w.Write(buf.Bytes()); err != nil {
		return nil, err
	}
	printed := p.printed(doc, numbers)
	printed.Source = plan.Source{File: s.FileName, SHA256: hex.EncodeToString(sum[:]), Pages: c.page}
	// The first pass set every cell; its warnings are the document's.
	return &Result{Pages: c.page, Printed: printed, Warnings: dry.warnings, Cuts: c.cuts}, nil
}

// printed is doc as p printed it.
func (p *printer) printed(doc *plan.Document, numbers []int) *plan.Document {
	canon := func(s *string) *string {
		if s == nil {
			return nil
		}
		return plan.Str(plan.Canon(*s))
	}
	out := &plan.Document{
		Format:   plan.Format,
		Title:    plan.Canon(doc.Title),
		Entity:   plan.Canon(doc.Entity),
		Year:     doc.Year,
		Findings: append([]plan.Finding(nil), doc.Findings...),
	}
	for i, e := range p.toc {
		e.Page = numbers[i]
		out.TOC = append(out.TOC, e)
	}
	for i, u := range doc.Units {
		u.Code, u.Name = plan.Canon(u.Code), plan.Canon(u.Name)
		u.Head = canon(u.Head)
		if u.Sector != nil {
			u.Sector = plan.Str(*u.Sector)
		}
		u.Page = p.unitPage[i]
		out.Units = append(out.Units, u)
	}
	for _, oi := range p.order {
		src := &doc.Objectives[oi]
		o := plan.Objective{
			Unit:            src.Unit,
			Page:            p.objPage[oi],
			Title:           plan.Canon(src.Title),
			DescriptionHTML: p.objDesc[oi].html,
			DescriptionText: p.objDesc[oi].text,
		}
		if src.Weight != nil {
			w := *src.Weight
			o.Weight = &w
		}
		for _, g := range []struct{ src, dst **plan.Goal }{{&src.StrategicGoal, &o.StrategicGoal}, {&src.OperationalGoal, &o.OperationalGoal}} {
			if *g.src != nil {
				*g.dst = &plan.Goal{Code: plan.Canon((*g.src).Code), Title: plan.Canon((*g.src).Title)}
			}
		}
		for _, s := range src.Staff {
			o.Staff = append(o.Staff, plan.Staff{Name: plan.Canon(s.Name), Category: canon(s.Category), Role: canon(s.Role), Start: canon(s.Start), End: canon(s.End)})
		}
		for _, ph := range src.Phases {
			o.Phases = append(o.Phases, plan.Phase{
				Title: plan.Canon(ph.Title), Description: canon(ph.Description), Start: canon(ph.Start), End: canon(ph.End),
				PlannedMonths: months(ph.PlannedMonths), ActualMonths: months(ph.ActualMonths),
			})
		}
		years := targetYears(src.Indicators)
		for _, in := range src.Indicators {
			// Every indicator has a cell under every year its table prints.
			t := map[string]*string{}
			for _, y := range years {
				t[y] = canon(in.Targets[y])
			}
			o.Indicators = append(o.Indicators, plan.Indicator{Name: plan.Canon(in.Name), Unit: canon(in.Unit), Reference: canon(in.Reference), Targets: t})
		}
		out.Objectives = append(out.Objectives, o)
	}
	out.AssignKeys()
	out.Normalize()
	return out
}

// months is the set of valid months in m, ascending, as the grid shows it.
func months(m []int) []int {
	var on [13]bool
	for _, v := range m {
		if v >= 1 && v <= 12 {
			on[v] = true
		}
	}
	out := []int{}
	for v := 1; v <= 12; v++ {
		if on[v] {
			out = append(out, v)
		}
	}
	return out
}
