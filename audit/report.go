package audit

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/obiettivi/obiettivi/internal/htmlpage"
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// ReportOptions tune the reports of the findings of a document.
type ReportOptions struct {
	// Lang is the language of the report: language.Italian (the default, for
	// the zero Tag) or language.English (golang.org/x/text/language).
	Lang language.Tag
	// Target names what was audited, as the reader gave it (a file name).
	Target string
	// Previous is what the rules across years compared the document with
	// (Options.Previous); nil when there was nothing to compare with.
	Previous *Previous
	// Store is the store the plan of an earlier year was looked for in,
	// empty when there was none: the reports say where it was looked for.
	Store string
}

// The findings a report writes are those of FindingsIn in the report's
// language; a finding without a message in that language is written with
// its English one.

// WriteJSON writes the findings array: the findings of obiettivi.plan/v1,
// with the objective's title and the message in the report's language
// beside the English one.
func WriteJSON(w io.Writer, fs []plan.Finding) error {
	if fs == nil {
		fs = []plan.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(fs)
}

// WriteText writes the findings as a report for a terminal: the counts by
// severity, by rule and by sector, then the findings grouped by sector and
// office in printed order.
func WriteText(w io.Writer, doc *plan.Document, fs []plan.Finding, opt ReportOptions) error {
	r := newReport(doc, fs, opt)
	var b strings.Builder
	b.WriteString(r.title + ": " + r.summary + "\n")
	b.WriteString(r.years + "\n")
	if len(fs) == 0 {
		_, err := io.WriteString(w, b.String())
		return err
	}
	sevW, ruleW := utf8.RuneCountInString(r.colSeverity), utf8.RuneCountInString(r.colRule)
	for _, rc := range r.byRule {
		sevW = max(sevW, utf8.RuneCountInString(rc.severity))
		ruleW = max(ruleW, utf8.RuneCountInString(rc.name))
	}
	fmt.Fprintf(&b, "\n  %s  %s  %s\n", pad(r.colSeverity, sevW), pad(r.colRule, ruleW), r.colCount)
	for _, rc := range r.byRule {
		fmt.Fprintf(&b, "  %s  %s  %*d\n", pad(rc.severity, sevW), pad(rc.name, ruleW), utf8.RuneCountInString(r.colCount), rc.n)
	}
	if len(r.bySector) > 0 {
		b.WriteString("\n" + r.bySectorTitle + "\n")
		nameW := 0
		for _, sc := range r.bySector {
			nameW = max(nameW, utf8.RuneCountInString(sc.name))
		}
		for _, sc := range r.bySector {
			fmt.Fprintf(&b, "  %s  %s\n", pad(sc.name, nameW), sc.counts)
		}
	}
	pageW := 0
	for _, g := range r.groups {
		for _, u := range g.units {
			for _, it := range u.items {
				pageW = max(pageW, utf8.RuneCountInString(it.page))
			}
		}
	}
	for _, g := range r.groups {
		for i, u := range g.units {
			indent := "  "
			if i > 0 || u.sub {
				indent = "    "
				b.WriteString("\n  " + u.heading + "\n")
			} else {
				b.WriteString("\n" + u.heading + "\n")
			}
			for _, it := range u.items {
				fmt.Fprintf(&b, "%s%s  %s  %s: %s\n", indent, pad(it.page, pageW), pad(it.severity, sevW), it.rule, it.message)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes the same report as WriteText in Markdown.
func WriteMarkdown(w io.Writer, doc *plan.Document, fs []plan.Finding, opt ReportOptions) error {
	r := newReport(doc, fs, opt)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n%s\n", md(r.title), md(r.summary), md(r.years))
	if len(fs) > 0 {
		fmt.Fprintf(&b, "\n| %s | %s | %s |\n|---|---|--:|\n", md(r.colSeverity), md(r.colRule), md(r.colCount))
		for _, rc := range r.byRule {
			fmt.Fprintf(&b, "| %s | %s | %d |\n", md(rc.severity), md(rc.name), rc.n)
		}
		if len(r.bySector) > 0 {
			fmt.Fprintf(&b, "\n## %s\n\n", md(r.bySectorTitle))
			for _, sc := range r.bySector {
				fmt.Fprintf(&b, "- **%s**: %s\n", md(sc.name), md(sc.counts))
			}
		}
	}
	for _, g := range r.groups {
		for i, u := range g.units {
			level := "##"
			if i > 0 || u.sub {
				level = "###"
			}
			fmt.Fprintf(&b, "\n%s %s\n\n", level, md(u.heading))
			for _, it := range u.items {
				fmt.Fprintf(&b, "- %s **%s** %s: %s\n", md(it.page), md(it.severity), md(it.rule), md(it.message))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteHTML writes the report as one self-contained HTML page: a summary
// (counts by severity, by rule and by sector), then the findings grouped
// by sector and office in page order, each with its page, the whole title
// of its objective and what was seen. Printed, each sector starts a page.
func WriteHTML(w io.Writer, doc *plan.Document, fs []plan.Finding, opt ReportOptions) error {
	r := newReport(doc, fs, opt)
	var body strings.Builder
	if err := htmlBody.Execute(&body, r); err != nil {
		return err
	}
	return htmlpage.Write(w, htmlpage.Page{
		Lang:  i18n.Name(r.lang),
		Title: r.title,
		CSS:   htmlCSS,
		Body:  template.HTML(body.String()),
	})
}

// report is the neutral form of the human reports.
type report struct {
	lang                                    language.Tag
	title, summary, years                   string
	colSeverity, colRule, colCount, colPage string
	colMessage, colObjective, colTotal      string
	colErrors, colWarnings, colInfo         string
	bySectorTitle, findingsTitle            string
	severities                              []sevCount
	byRule                                  []ruleCount
	bySector                                []sectorCount
	groups                                  []sectorGroup
}

type sevCount struct {
	Class, Label, Count string // "error", "errore", "6 errori"
	N                   int
}

type ruleCount struct {
	id, name, severity, class string
	n                         int
}

type sectorCount struct {
	id, name             string
	counts               string
	errors, warnings, in int
}

// sectorGroup is a sector's findings, its own and its offices', or the
// findings that belong to no unit.
type sectorGroup struct {
	id    string
	units []unitGroup
}

type unitGroup struct {
	heading string
	sub     bool // an office printed under a sector heading of its own
	items   []item
}

type item struct {
	page, severity, class, rule, ruleID, message, objective, key string
}

func newReport(doc *plan.Document, fs []plan.Finding, opt ReportOptions) *report {
	lang := opt.Lang
	if lang == (language.Tag{}) {
		lang = i18n.Default
	}
	w := i18n.Printer(lang)
	r := &report{lang: lang}
	target := opt.Target
	if target == "" {
		target = doc.Source.File
	}
	if target == "" {
		target = strings.TrimSpace(doc.Entity + " " + yearOf(doc))
	}
	r.title = w.Sprintf("Audit of %s", target)
	bySev := map[string]int{}
	for _, f := range fs {
		bySev[f.Severity]++
	}
	r.summary = w.Sprintf("%s (%s)", i18n.T("%d findings", len(fs)), severityCounts(bySev[plan.SeverityError], bySev[plan.SeverityWarning], bySev[plan.SeverityInfo]))
	r.years = w.Text(yearsNote(doc, opt))
	r.colSeverity, r.colRule, r.colCount = w.Sprintf("severity"), w.Sprintf("rule"), w.Sprintf("count")
	r.colErrors, r.colWarnings, r.colInfo = w.Sprintf("errors"), w.Sprintf("warnings"), w.Sprintf("info notes")
	r.colPage, r.colMessage, r.colObjective, r.colTotal = w.Sprintf("page"), w.Sprintf("finding"), w.Sprintf("objective"), w.Sprintf("total")
	r.bySectorTitle, r.findingsTitle = w.Sprintf("By sector"), w.Sprintf("Findings")
	sevLabel := map[string]string{
		plan.SeverityError:   w.Sprintf("error"),
		plan.SeverityWarning: w.Sprintf("warning"),
		plan.SeverityInfo:    w.Sprintf("info"),
	}
	r.severities = []sevCount{
		{plan.SeverityError, sevLabel[plan.SeverityError], w.Sprintf("%d errors", bySev[plan.SeverityError]), bySev[plan.SeverityError]},
		{plan.SeverityWarning, sevLabel[plan.SeverityWarning], w.Sprintf("%d warnings", bySev[plan.SeverityWarning]), bySev[plan.SeverityWarning]},
		{plan.SeverityInfo, sevLabel[plan.SeverityInfo], w.Sprintf("%d info", bySev[plan.SeverityInfo]), bySev[plan.SeverityInfo]},
	}

	// Counts by rule: the most severe first, then by number.
	byRule := map[string]*ruleCount{}
	for _, f := range fs {
		rc, ok := byRule[f.Rule]
		if !ok {
			rc = &ruleCount{id: f.Rule, name: ruleName(w, f.Rule), severity: sevLabel[f.Severity], class: f.Severity}
			byRule[f.Rule] = rc
		}
		rc.n++
	}
	for _, rc := range byRule {
		r.byRule = append(r.byRule, *rc)
	}
	sort.Slice(r.byRule, func(i, j int) bool {
		a, b := r.byRule[i], r.byRule[j]
		if x, y := SeverityRank(a.class), SeverityRank(b.class); x != y {
			return x > y
		}
		if a.n != b.n {
			return a.n > b.n
		}
		return a.id < b.id
	})

	// Units: each sector with its offices, in printed order.
	units := map[string]*plan.Unit{}
	for i := range doc.Units {
		if _, ok := units[doc.Units[i].Code]; !ok {
			units[doc.Units[i].Code] = &doc.Units[i]
		}
	}
	sectorOf := func(code string) string {
		u := units[code]
		switch {
		case u == nil:
			return code
		case u.Kind == plan.KindSector || u.Sector == nil:
			return u.Code
		}
		return *u.Sector
	}
	heading := func(code string) string {
		u := units[code]
		switch {
		case code == "":
			return w.Sprintf("Whole document")
		case u == nil:
			return code
		}
		h := w.Sprintf("Office %s - %s", u.Code, u.Name)
		if u.Kind == plan.KindSector {
			h = w.Sprintf("Sector %s - %s", u.Code, u.Name)
		}
		if u.Head != nil && !blank(*u.Head) {
			h += " · " + w.Sprintf("Head: %s", plan.Canon(*u.Head))
		}
		return h
	}
	unitRank := map[string]int{"": -1}
	for i, u := range doc.Units {
		if _, ok := unitRank[u.Code]; !ok {
			unitRank[u.Code] = i
		}
	}
	rank := func(code string) int {
		if i, ok := unitRank[code]; ok {
			return i
		}
		return len(doc.Units)
	}
	bySector := map[string]map[string][]plan.Finding{}
	var sectors []string
	for _, f := range fs {
		u := plan.Deref(f.Unit)
		s := ""
		if u != "" {
			s = sectorOf(u)
		}
		if _, ok := bySector[s]; !ok {
			bySector[s] = map[string][]plan.Finding{}
			sectors = append(sectors, s)
		}
		bySector[s][u] = append(bySector[s][u], f)
	}
	sort.SliceStable(sectors, func(i, j int) bool { return rank(sectors[i]) < rank(sectors[j]) })
	for _, s := range sectors {
		g := sectorGroup{id: "s-" + s}
		if s == "" {
			g.id = "document"
		}
		var codes []string
		for u := range bySector[s] {
			codes = append(codes, u)
		}
		sort.Slice(codes, func(i, j int) bool {
			if codes[i] == s || codes[j] == s {
				return codes[i] == s && codes[j] != s
			}
			return rank(codes[i]) < rank(codes[j])
		})
		if len(codes) > 0 && codes[0] != s && s != "" {
			// No finding of the sector itself: its heading still opens the group.
			g.units = append(g.units, unitGroup{heading: heading(s)})
		}
		var errors, warnings, infos int
		for _, code := range codes {
			ug := unitGroup{heading: heading(code), sub: code != s}
			fsu := bySector[s][code]
			sort.SliceStable(fsu, func(i, j int) bool { return pageOf(fsu[i]) < pageOf(fsu[j]) })
			for _, f := range fsu {
				switch f.Severity {
				case plan.SeverityError:
					errors++
				case plan.SeverityWarning:
					warnings++
				default:
					infos++
				}
				it := item{
					severity: sevLabel[f.Severity], class: f.Severity, rule: ruleName(w, f.Rule), ruleID: f.Rule,
					message: f.Message, objective: f.ObjectiveTitle, key: plan.Deref(f.ObjectiveKey),
				}
				if f.LocalMessage != "" && f.Lang == i18n.Name(lang) {
					it.message = f.LocalMessage
				}
				if f.Page != nil {
					it.page = w.Sprintf("p. %d", *f.Page)
				}
				ug.items = append(ug.items, it)
			}
			g.units = append(g.units, ug)
		}
		r.groups = append(r.groups, g)
		if s != "" {
			name := s
			if u := units[s]; u != nil {
				name = u.Code + " - " + u.Name
			}
			r.bySector = append(r.bySector, sectorCount{id: g.id, name: name, errors: errors, warnings: warnings, in: infos,
				counts: w.Text(i18n.T("%s", severityCounts(errors, warnings, infos)))})
		}
	}
	return r
}

// yearsNote tells what the rules across years compared the document
// with, or that there was nothing to compare with.
func yearsNote(doc *plan.Document, opt ReportOptions) i18n.Text {
	p := opt.Previous
	if p == nil || p.Document == nil {
		if opt.Store == "" {
			return i18n.T("Rules across years: no store was given, so no plan of an earlier year to compare with")
		}
		return i18n.T("Rules across years: %s holds no plan of %s before %s to compare with", opt.Store, doc.Entity, i18n.Year(doc.Year))
	}
	file := p.Document.Source.File
	if file == "" {
		file = p.Document.Entity
	}
	seen := map[string]bool{}
	for _, pr := range p.Pairs {
		if pr.New != nil {
			seen[objectiveKey(pr.New)] = true
		}
	}
	with := i18n.T("compared with the %s plan, %s", i18n.Year(p.Document.Year), file)
	if p.DocumentID > 0 && p.Store != "" {
		with = i18n.T("compared with the %s plan, %s (document %d of %s)", i18n.Year(p.Document.Year), file, p.DocumentID, p.Store)
	}
	return i18n.T("Rules across years: %s; %s", with, i18n.T("%d objectives linked to those of %s", len(seen), i18n.Year(p.Document.Year)))
}

// objectiveKey is the key of o, computed when it has none.
func objectiveKey(o *plan.Objective) string {
	if o.Key != "" {
		return o.Key
	}
	return plan.ComputeKey(o)
}

// severityCounts is "1 error, 2 warnings, 0 info".
func severityCounts(errors, warnings, infos int) i18n.List {
	return i18n.List{Sep: ", ", Items: []any{i18n.T("%d errors", errors), i18n.T("%d warnings", warnings), i18n.T("%d info", infos)}}
}

func yearOf(d *plan.Document) string {
	if d.Year == 0 {
		return ""
	}
	return i18n.Year(d.Year).String()
}

func pageOf(f plan.Finding) int {
	if f.Page == nil {
		return 0
	}
	return *f.Page
}

// pad writes s left-aligned in width runes.
func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

// md escapes the characters Markdown would read as markup.
func md(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ruleName is the short name of a rule in w's language; its id when it
// has none.
func ruleName(w *i18n.Writer, id string) string {
	if t, ok := ruleTitles[id]; ok {
		return w.Text(t)
	}
	return id
}

// ruleTitles are the short names of the rules, for the reports.
var ruleTitles = map[string]i18n.Text{
	RuleTOCCodeMismatch:       i18n.T("table of contents code differs"),
	RuleTOCNameMismatch:       i18n.T("table of contents name differs"),
	RuleTOCPageMismatch:       i18n.T("table of contents page differs"),
	RuleTOCMissingUnit:        i18n.T("unit missing from the table of contents"),
	RuleTOCExtraEntry:         i18n.T("table of contents entry without heading"),
	RuleNameVariant:           i18n.T("one person written two ways"),
	RuleRoleVariant:           i18n.T("one person with two roles"),
	RuleCategoryVariant:       i18n.T("one person with two categories"),
	RuleCategoryScheme:        i18n.T("category of another classification"),
	RuleEmptyHead:             i18n.T("unit without head"),
	RuleEmptyTitle:            i18n.T("objective without title"),
	RuleEmptyDescription:      i18n.T("objective without description"),
	RuleEmptyGoal:             i18n.T("objective without its goals"),
	RuleNoStaff:               i18n.T("objective without staff"),
	RuleNoPhases:              i18n.T("objective without phases"),
	RuleEmptyCategory:         i18n.T("staff without category"),
	RuleEmptyRole:             i18n.T("staff without role"),
	RuleEmptyStaffPeriod:      i18n.T("staff without dates"),
	RuleEmptyPhaseTitle:       i18n.T("phase without title"),
	RuleEmptyPhasePeriod:      i18n.T("phase without dates"),
	RuleEmptySchedule:         i18n.T("phase without planned months"),
	RulePeriodReversed:        i18n.T("period ending before it starts"),
	RuleImplausibleDate:       i18n.T("implausible date"),
	RulePeriodOutsideYear:     i18n.T("period outside the plan year"),
	RuleCarryOverPeriod:       i18n.T("period of a carried-over objective"),
	RulePhaseAfterStaff:       i18n.T("phase ending after its staff"),
	RulePhaseBeforeStaff:      i18n.T("phase starting before its staff"),
	RuleScheduleOutsidePeriod: i18n.T("schedule months outside the phase"),
	RuleScheduleTitleMismatch: i18n.T("schedule row spelled differently"),
	RuleScheduleRowUnmatched:  i18n.T("schedule row without phase"),
	RuleUncertainReading:      i18n.T("uncertain reading"),
	RulePhaseOrder:            i18n.T("phases out of order"),
	RuleDuplicatePhase:        i18n.T("phase printed twice"),
	RuleDuplicateObjective:    i18n.T("objective printed twice"),
	RuleCopyDiffers:           i18n.T("copies of an objective differ"),
	RuleGoalTitleVariant:      i18n.T("goal with two titles"),
	RuleGoalCodeMismatch:      i18n.T("goal under another code"),
	RuleGoalNumberMissing:     i18n.T("goal without program number"),
	RuleBadEncoding:           i18n.T("damaged encoding"),
	RuleTruncatedHTML:         i18n.T("cut HTML"),
	RuleUnbalancedHTML:        i18n.T("unbalanced HTML"),
	RuleHTMLTextOutside:       i18n.T("text outside the HTML elements"),
	RuleLiteralMarkup:         i18n.T("HTML source printed"),
	RuleUnbalancedBrackets:    i18n.T("bracket never closed"),
	RuleTripledLetter:         i18n.T("letter written three times"),
	RuleCarryOverTitle:        i18n.T("title carried over"),
	RuleLabelInText:           i18n.T("label in the text"),
	RuleUnjoinedPiece:         i18n.T("piece of a table left out"),
	RuleUnmappedGlyphs:        i18n.T("characters without text"),
	RuleUnreadablePage:        i18n.T("page left out"),
	RuleMissingPages:          i18n.T("pages missing"),
	RulePageLost:              i18n.T("page without its content"),
	RuleUnchangedTargets:      i18n.T("same indicators and targets as the year before"),
	RuleEasierTarget:          i18n.T("target made easier"),
	RuleConcludedContinues:    i18n.T("concluded objective planned again"),
}

// The HTML report: the fields of report are read through methods, so
// that the template sees exported names.

func (r *report) Title() string          { return r.title }
func (r *report) Summary() string        { return r.summary }
func (r *report) Years() string          { return r.years }
func (r *report) Severities() []sevCount { return r.severities }
func (r *report) Cols() map[string]string {
	return map[string]string{"severity": r.colSeverity, "rule": r.colRule, "count": r.colCount, "page": r.colPage,
		"message": r.colMessage, "objective": r.colObjective, "bySector": r.bySectorTitle, "findings": r.findingsTitle,
		"total": r.colTotal, "errors": r.colErrors, "warnings": r.colWarnings, "info": r.colInfo}
}
func (r *report) Rules() []map[string]any {
	var out []map[string]any
	for _, rc := range r.byRule {
		out = append(out, map[string]any{"ID": rc.id, "Name": rc.name, "Severity": rc.severity, "Class": rc.class, "N": rc.n})
	}
	return out
}
func (r *report) Sectors() []map[string]any {
	var out []map[string]any
	for _, sc := range r.bySector {
		total := max(1, sc.errors+sc.warnings+sc.in)
		out = append(out, map[string]any{"ID": sc.id, "Name": sc.name, "Errors": sc.errors, "Warnings": sc.warnings, "Info": sc.in,
			"Total": sc.errors + sc.warnings + sc.in,
			"WE":    160 * sc.errors / total, "WW": 160 * sc.warnings / total, "XI": 160*sc.errors/total + 160*sc.warnings/total,
			"WI": 160 - 160*sc.errors/total - 160*sc.warnings/total})
	}
	return out
}
func (r *report) Groups() []map[string]any {
	var out []map[string]any
	for _, g := range r.groups {
		var us []map[string]any
		for i, u := range g.units {
			var items []map[string]any
			for _, it := range u.items {
				items = append(items, map[string]any{"Page": it.page, "Severity": it.severity, "Class": it.class,
					"Rule": it.rule, "RuleID": it.ruleID, "Message": it.message, "Objective": it.objective, "Key": it.key})
			}
			us = append(us, map[string]any{"Heading": u.heading, "Sector": i == 0 && !u.sub, "Items": items})
		}
		out = append(out, map[string]any{"ID": g.id, "Units": us})
	}
	return out
}

const htmlCSS template.CSS = `
td.page { white-space: nowrap; width: 4.5em; }
td.sevcell { width: 8em; }
td.obj { width: 30%; }
.rule { font-weight: 600; }
svg.bar { vertical-align: middle; }
h2.sector { border-bottom-color: var(--line); }
`

var htmlBody = template.Must(template.New("audit").Parse(`
<header>
<h1>{{.Title}}</h1>
<p class="lead" id="summary">{{.Summary}}</p>
<p id="years">{{.Years}}</p>
<div class="counts">{{range .Severities}}<div class="count {{.Class}}" data-severity="{{.Class}}" data-count="{{.N}}"><span class="sev {{.Class}}">{{.Label}}</span><b>{{.Count}}</b></div>{{end}}</div>
</header>
{{with .Rules}}
<section id="by-rule">
<table>
<thead><tr><th>{{$.Cols.severity}}</th><th>{{$.Cols.rule}}</th><th class="n">{{$.Cols.count}}</th></tr></thead>
<tbody>{{range .}}<tr data-rule="{{.ID}}"><td><span class="sev {{.Class}}">{{.Severity}}</span></td><td>{{.Name}} <code>{{.ID}}</code></td><td class="n">{{.N}}</td></tr>{{end}}</tbody>
</table>
</section>
{{end}}
{{with .Sectors}}
<section id="by-sector">
<h2>{{$.Cols.bySector}}</h2>
<table>
<thead><tr><th></th><th class="n">{{$.Cols.errors}}</th><th class="n">{{$.Cols.warnings}}</th><th class="n">{{$.Cols.info}}</th><th></th></tr></thead>
<tbody>{{range .}}<tr class="sector-count"><td><a href="#{{.ID}}">{{.Name}}</a></td><td class="n">{{.Errors}}</td><td class="n">{{.Warnings}}</td><td class="n">{{.Info}}</td>
<td><svg class="bar" width="160" height="12" viewBox="0 0 160 12" role="img" aria-label="{{.Total}}"><rect x="0" y="0" width="{{.WE}}" height="12" fill="#b3261e"/><rect x="{{.WE}}" y="0" width="{{.WW}}" height="12" fill="#9a6700"/><rect x="{{.XI}}" y="0" width="{{.WI}}" height="12" fill="#1f5fa8"/></svg></td></tr>{{end}}</tbody>
</table>
</section>
{{end}}
{{range .Groups}}
<section class="sector" id="{{.ID}}">
{{range .Units}}{{if .Sector}}<h2 class="sector">{{.Heading}}</h2>{{else}}<h3>{{.Heading}}</h3>{{end}}
{{with .Items}}<table class="findings">
<thead><tr><th>{{$.Cols.page}}</th><th>{{$.Cols.severity}}</th><th>{{$.Cols.message}}</th><th>{{$.Cols.objective}}</th></tr></thead>
<tbody>{{range .}}<tr class="finding" data-rule="{{.RuleID}}" data-severity="{{.Class}}"><td class="page">{{.Page}}</td><td class="sevcell"><span class="sev {{.Class}}">{{.Severity}}</span></td><td><span class="rule">{{.Rule}}</span>: {{.Message}}</td><td class="obj">{{.Objective}}</td></tr>{{end}}</tbody>
</table>{{end}}
{{end}}
</section>
{{end}}
`))
