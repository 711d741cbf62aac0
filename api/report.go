package api

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sync"

	"golang.org/x/text/language"

	"github.com/obiettivi/obiettivi/audit"
	"github.com/obiettivi/obiettivi/diff"
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// The languages of the reports of Audit and Diff; the zero Tag is Italian.
var (
	Italian = i18n.Italian
	English = i18n.English
)

// ParseLang reads a report language: "it" or "en" (a region such as
// "it-IT" is allowed); "" is Italian.
func ParseLang(s string) (language.Tag, error) { return i18n.Parse(s) }

// AuditOptions tune Audit.
type AuditOptions struct {
	// LoadOptions say where the target is looked up and how a PDF is
	// opened (see Load).
	LoadOptions
	// Format is one of AuditFormats; empty means text.
	Format string
	// Lang is the report's language (Italian or English).
	Lang language.Tag
}

// auditWriter writes an audit report in one format.
type auditWriter func(w io.Writer, doc *plan.Document, fs []plan.Finding, opt audit.ReportOptions) error

// auditFormats are the formats of the audit report.
var auditFormats = map[string]auditWriter{
	"text":     audit.WriteText,
	"markdown": audit.WriteMarkdown,
	"html":     audit.WriteHTML,
	"json": func(w io.Writer, _ *plan.Document, fs []plan.Finding, _ audit.ReportOptions) error {
		return audit.WriteJSON(w, fs)
	},
}

// AuditFormats are the formats of the audit report, sorted: html (one
// self-contained page), json (the findings array of obiettivi.plan/v1),
// markdown and text.
func AuditFormats() []string { return formatNames(auditFormats) }

// AuditReport is what Audit found in a plan.
type AuditReport struct {
	Document *plan.Document
	// Findings are the audit's findings, their messages in the report's
	// language beside the English ones.
	Findings []plan.Finding
	// Previous is the plan of an earlier year the rules across years
	// compared the document with; nil when the store held none (or there
	// was no store).
	Previous *PreviousPlan
}

// AtLeast tells whether a finding of severity (plan.SeverityError,
// plan.SeverityWarning, plan.SeverityInfo) or worse was found.
func (r *AuditReport) AtLeast(severity string) bool {
	threshold := audit.SeverityRank(severity)
	for _, f := range r.Findings {
		if audit.SeverityRank(f.Severity) >= threshold {
			return true
		}
	}
	return false
}

// Audit checks the plan target names (a PDF, a plan JSON file or a stored
// document, as Load reads them) and writes the report of its findings to
// w, grouped by sector and office, each with where it is. When the store
// (LoadOptions.DB, or DefaultDB when there is one) holds a plan of an
// earlier year of the target's entity, the rules across years compare the
// two: the last print of the nearest earlier year, linked objective by
// objective as the store's lineage links them (for a stored target, the
// store's own links; for a file, diff's matcher). Without one they find
// nothing, and the report says so once.
func Audit(ctx context.Context, w io.Writer, target string, opt AuditOptions) (*AuditReport, error) {
	write, err := reportFormat(opt.Format, auditFormats)
	if err != nil {
		return nil, err
	}
	a, err := loadAudited(ctx, target, opt.LoadOptions)
	if err != nil {
		return nil, err
	}
	fs := audit.FindingsIn(a.doc, audit.Options{Lang: opt.Lang, Previous: a.prev})
	if err := write(w, a.doc, fs, audit.ReportOptions{Lang: opt.Lang, Target: target, Previous: a.prev, Store: a.store}); err != nil {
		return nil, fmt.Errorf("writing the report: %w", err)
	}
	return &AuditReport{Document: a.doc, Findings: fs, Previous: a.prev}, nil
}

// DiffOptions tune Diff.
type DiffOptions struct {
	// LoadOptions say where the targets are looked up and how a PDF is
	// opened (see Load).
	LoadOptions
	// Format is one of DiffFormats; empty means text.
	Format string
	// Lang is the language of the text, Markdown and HTML reports
	// (Italian or English); the JSON report is always in English.
	Lang language.Tag
	// Stat writes the summary only: the documents, the counts, the year
	// shift (not with json, whose report has its summary field).
	Stat bool
	// Color marks additions, removals and headings with ANSI colours
	// (text report only).
	Color bool
}

// DiffResult is what changed between two plans; Same tells whether
// nothing did.
type DiffResult = diff.Result

// diffWriter writes a diff report in one format.
type diffWriter func(w io.Writer, r *diff.Result, opt diff.ReportOptions) error

// diffFormats are the formats of the diff report.
var diffFormats = map[string]diffWriter{
	"text":     diff.WriteText,
	"markdown": diff.WriteMarkdown,
	"html":     diff.WriteHTML,
	"json":     func(w io.Writer, r *diff.Result, _ diff.ReportOptions) error { return diff.WriteJSON(w, r) },
}

// DiffFormats are the formats of the diff report, sorted: html (one
// self-contained page), json (obiettivi.diff/v1), markdown and text.
func DiffFormats() []string { return formatNames(diffFormats) }

// Diff compares the plans oldTarget and newTarget name (each a PDF, a plan
// JSON file or a stored document, as Load reads them; both are read at
// once) and, unless w is nil, writes the report of what changed to w.
func Diff(ctx context.Context, w io.Writer, oldTarget, newTarget string, opt DiffOptions) (*DiffResult, error) {
	write, err := reportFormat(opt.Format, diffFormats)
	if err != nil {
		return nil, err
	}
	docs, err := loadBoth(ctx, [2]string{oldTarget, newTarget}, opt.LoadOptions)
	if err != nil {
		return nil, err
	}
	r := diff.Compare(docs[0], docs[1])
	if w != nil {
		if err := write(w, r, diff.ReportOptions{Lang: opt.Lang, Stat: opt.Stat, Color: opt.Color}); err != nil {
			return nil, fmt.Errorf("writing the report: %w", err)
		}
	}
	return r, nil
}

// loadBoth loads the two targets at once (each may be a PDF to extract).
func loadBoth(ctx context.Context, targets [2]string, opt LoadOptions) ([2]*plan.Document, error) {
	var docs [2]*plan.Document
	var errs [2]error
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Go(func() {
			docs[i], errs[i] = Load(ctx, t, opt)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return docs, err
		}
	}
	return docs, nil
}

// reportFormat returns the writer of format among formats ("" is text),
// or a *FormatError naming the formats there are.
func reportFormat[W any](format string, formats map[string]W) (W, error) {
	if format == "" {
		format = "text"
	}
	if w, ok := formats[format]; ok {
		return w, nil
	}
	var zero W
	return zero, &FormatError{Format: format, Want: formatNames(formats)}
}

// formatNames are the keys of formats, sorted.
func formatNames[W any](formats map[string]W) []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
