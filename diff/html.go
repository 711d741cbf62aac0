package diff

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/obiettivi/obiettivi/internal/htmlpage"
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/internal/textdiff"
	"github.com/obiettivi/obiettivi/plan"
)

// WriteHTML writes r as one self-contained HTML page: the summary (the
// documents, the counts, the year shift told once), the unit and table of
// contents changes, then the objectives added, removed, moved and changed,
// the changed ones by sector and office. Description changes are marked
// word by word. When the new plan is a monitoring print (actual months
// filled in), each objective shows its Cronoprogramma as the print draws
// it, planned and actual months per phase, with the phases that are late
// or missing marked; the phases whose actual months were filled in are
// then told by that picture and one count, not line by line. Printed,
// each sector starts a page.
func WriteHTML(w io.Writer, r *Result, opt ReportOptions) error {
	wr := opt.writer()
	h := r.htmlReport(wr, opt.Stat)
	var body strings.Builder
	if err := htmlBody.Execute(&body, h); err != nil {
		return err
	}
	return htmlpage.Write(w, htmlpage.Page{
		Lang:  i18n.Name(wr.Lang()),
		Title: h.Title,
		CSS:   htmlCSS,
		Body:  template.HTML(body.String()),
	})
}

// htmlReport is what the HTML template reads.
type htmlReport struct {
	Title      string
	Head       []headLine
	Counts     []htmlCount
	Same       bool
	Units      *htmlLines
	TOC        *htmlLines
	Groups     []htmlGroup // added, removed, moved, changed
	Monitoring bool
	Legend     template.HTML
}

type htmlCount struct {
	Kind, Label string
	N           int
}

type htmlLines struct {
	Title string
	Lines []line
}

// htmlGroup is one kind of objective change, its objectives by sector.
type htmlGroup struct {
	ID, Title string
	N         int
	Sectors   []htmlSector
}

type htmlSector struct {
	ID, Heading string
	Units       []htmlUnit
}

type htmlUnit struct {
	Heading    string
	Objectives []htmlObjective
}

type htmlObjective struct {
	Kind, Badge, Title, Where string
	Changes                   []string
	Texts                     []htmlText
	Picture                   template.HTML
}

// htmlText is a text change marked word by word.
type htmlText struct {
	Label string
	Diff  template.HTML
}

func (l line) Kind() string  { return l.kind }
func (l line) Text() string  { return l.text }
func (l line) Sub() []string { return l.sub }
func (h headLine) Label() string {
	return h.label
}
func (h headLine) Value() string { return h.text }

func (r *Result) htmlReport(w *i18n.Writer, stat bool) *htmlReport {
	h := &htmlReport{Same: r.Empty()}
	h.Title, h.Head = r.header(w)
	monitoring := r.nwDoc != nil && hasActualMonths(r.nwDoc)
	if monitoring && r.Summary.ActualMonthsFilled > 0 {
		// The pictures tell the filled phases; the head says how many.
		for i := range h.Head {
			if h.Head[i].label == w.Sprintf("Monitoring") {
				h.Head[i].text = w.Sprintf("actual months filled in for %d phase(s), shown in the Cronoprogramma of each objective", r.Summary.ActualMonthsFilled)
			}
		}
	}
	s := r.Summary
	h.Counts = []htmlCount{
		{Added, w.Sprintf("added"), s.ObjectivesAdded},
		{Removed, w.Sprintf("removed"), s.ObjectivesRemoved},
		{Changed, w.Sprintf("changed"), s.ObjectivesChanged - s.ObjectivesMoved},
		{KindMoved, w.Sprintf("moved"), s.ObjectivesMoved},
		{"unchanged", w.Sprintf("unchanged"), s.ObjectivesUnchanged},
	}
	if stat || h.Same {
		return h
	}
	rep := r.report(w, false)
	for _, sec := range rep.sections {
		switch sec.title {
		case w.Sprintf("Units"):
			h.Units = &htmlLines{sec.title, sec.lines}
		case w.Sprintf("Table of contents"):
			h.TOC = &htmlLines{sec.title, sec.lines}
		case w.Sprintf("Document"):
			h.Units = &htmlLines{sec.title, append(sec.lines, linesOf(h.Units)...)}
		}
	}
	h.Monitoring = monitoring
	if monitoring {
		h.Legend = legend(w)
	}
	newObj := objectivesByKey(r.nwDoc)
	oldObj := objectivesByKey(r.oldDoc)
	groups := []struct {
		id    string
		title string
		match func(ObjectiveChange) bool
	}{
		{"added", w.Sprintf("Objectives added"), func(o ObjectiveChange) bool { return o.Kind == Added }},
		{"removed", w.Sprintf("Objectives removed"), func(o ObjectiveChange) bool { return o.Kind == Removed }},
		{"moved", w.Sprintf("Objectives moved"), func(o ObjectiveChange) bool { return o.Kind == Changed && moved(o) }},
		{"changed", w.Sprintf("Objectives changed"), func(o ObjectiveChange) bool { return o.Kind == Changed && !moved(o) }},
	}
	for _, g := range groups {
		hg := htmlGroup{ID: g.id, Title: g.title}
		for _, o := range r.Objectives {
			if !g.match(o) {
				continue
			}
			hg.N++
			ho := r.htmlObjective(w, o, monitoring, newObj, oldObj)
			sectorCode, sectorHead, unitHead := r.placeOf(w, o)
			if n := len(hg.Sectors); n == 0 || hg.Sectors[n-1].ID != g.id+"-"+sectorCode {
				hg.Sectors = append(hg.Sectors, htmlSector{ID: g.id + "-" + sectorCode, Heading: sectorHead})
			}
			sec := &hg.Sectors[len(hg.Sectors)-1]
			if n := len(sec.Units); n == 0 || sec.Units[n-1].Heading != unitHead {
				sec.Units = append(sec.Units, htmlUnit{Heading: unitHead})
			}
			u := &sec.Units[len(sec.Units)-1]
			u.Objectives = append(u.Objectives, ho)
		}
		if hg.N > 0 {
			h.Groups = append(h.Groups, hg)
		}
	}
	return h
}

func linesOf(l *htmlLines) []line {
	if l == nil {
		return nil
	}
	return l.Lines
}

func moved(o ObjectiveChange) bool {
	return slices.ContainsFunc(o.Changes, func(c Change) bool { return c.Kind == KindMoved })
}

// filled reports whether ch is a phase whose actual months went from none
// to some: what a monitoring print fills in.
func filled(ch Change) bool {
	if ch.Kind != KindPhaseChanged || ch.Field != FieldActualMonths {
		return false
	}
	old, _ := ch.Old.([]int)
	return len(old) == 0
}

// placeOf is the sector (code and heading) and the unit heading an
// objective change is shown under.
func (r *Result) placeOf(w *i18n.Writer, o ObjectiveChange) (string, string, string) {
	if len(o.Units) != 1 {
		t := w.Sprintf("Objectives printed under several units")
		return "several", t, t
	}
	code := o.Units[0]
	u := r.unit(code)
	if u == nil {
		return code, code, code
	}
	heading := func(u *plan.Unit) string {
		if u.Kind == plan.KindSector {
			return w.Sprintf("Sector %s - %s", u.Code, u.Name)
		}
		return w.Sprintf("Office %s - %s", u.Code, u.Name)
	}
	sector := u
	if u.Kind != plan.KindSector && u.Sector != nil {
		if s := r.unit(*u.Sector); s != nil {
			sector = s
		}
	}
	return sector.Code, heading(sector), heading(u)
}

// unit is the unit of code in the new plan, or else in the old one.
func (r *Result) unit(code string) *plan.Unit {
	for _, d := range []*plan.Document{r.nwDoc, r.oldDoc} {
		if d == nil {
			continue
		}
		for i := range d.Units {
			if d.Units[i].Code == code {
				return &d.Units[i]
			}
		}
	}
	return nil
}

func (r *Result) htmlObjective(w *i18n.Writer, o ObjectiveChange, monitoring bool, newObj, oldObj map[string]*plan.Objective) htmlObjective {
	ho := htmlObjective{Kind: o.Kind, Title: o.Title}
	switch {
	case o.Kind == Added:
		ho.Badge = w.Sprintf("badge: added")
	case o.Kind == Removed:
		ho.Badge = w.Sprintf("badge: removed")
	case moved(o):
		ho.Kind, ho.Badge = KindMoved, w.Sprintf("badge: moved")
	default:
		ho.Badge = w.Sprintf("badge: changed")
	}
	where := strings.Join(o.Units, ", ")
	if o.Page > 0 {
		where += " · " + w.Sprintf("p. %d", o.Page)
	}
	if o.Partial {
		where += " · " + w.Sprintf("(only under %s)", strings.Join(o.Units, ", "))
	}
	ho.Where = where
	for _, ch := range o.Changes {
		switch {
		case monitoring && filled(ch):
			continue // in the picture
		case ch.Kind == KindDescription:
			ho.Texts = append(ho.Texts, htmlText{Label: w.Sprintf("description"), Diff: wordDiffHTML(fmt.Sprint(ch.Old), fmt.Sprint(ch.New))})
			continue
		case ch.Kind == KindPhaseChanged && ch.Field == FieldDescription:
			ho.Texts = append(ho.Texts, htmlText{Label: w.Sprintf("phase %s: %s", quote(ch.Item), w.Sprintf("description")),
				Diff: wordDiffHTML(plan.Deref(asString(ch.Old)), plan.Deref(asString(ch.New)))})
			continue
		}
		ho.Changes = append(ho.Changes, r.describe(w, ch))
	}
	if monitoring && o.Kind != Removed {
		if obj := newObj[o.Key]; obj != nil && len(obj.Phases) > 0 {
			var before *plan.Objective
			if o.Kind == Changed {
				before = oldObj[o.OldKey]
			}
			ho.Picture = cronoprogramma(w, obj, before)
		}
	}
	return ho
}

func asString(v any) *string {
	s, _ := v.(*string)
	return s
}

// objectivesByKey maps each objective key of d to its first occurrence.
func objectivesByKey(d *plan.Document) map[string]*plan.Objective {
	m := map[string]*plan.Objective{}
	if d == nil {
		return m
	}
	for i := range d.Objectives {
		o := &d.Objectives[i]
		k := o.Key
		if k == "" {
			k = plan.ComputeKey(o)
		}
		if _, ok := m[k]; !ok {
			m[k] = o
		}
	}
	// Keys computed afresh, as Compare does, when the document's differ.
	for i := range d.Objectives {
		o := &d.Objectives[i]
		if k := plan.ComputeKey(o); m[k] == nil {
			m[k] = o
		}
	}
	return m
}

func hasActualMonths(d *plan.Document) bool {
	for i := range d.Objectives {
		for _, p := range d.Objectives[i].Phases {
			if len(p.ActualMonths) > 0 {
				return true
			}
		}
	}
	return false
}

// lastActualMonth is the latest month with an actual mark among the
// phases of o: the month its monitoring tells progress up to; 0 when none.
func lastActualMonth(o *plan.Objective) int {
	last := 0
	for _, p := range o.Phases {
		for _, m := range p.ActualMonths {
			last = max(last, m)
		}
	}
	return last
}

// Word-diff context: unchanged words kept around each change.
const wordContext = 12

// wordDiffHTML marks how text a became text b word by word: removed words
// struck through, added words underlined, long unchanged runs elided.
func wordDiffHTML(a, b string) template.HTML {
	ops := textdiff.Words(a, b, 4000)
	var s strings.Builder
	esc := template.HTMLEscapeString
	for i, op := range ops {
		text := strings.Join(op.Words, " ")
		switch op.Kind {
		case textdiff.Removed:
			s.WriteString("<del>" + esc(text) + "</del> ")
		case textdiff.Added:
			s.WriteString("<ins>" + esc(text) + "</ins> ")
		default:
			ws := op.Words
			first, last := i == 0, i == len(ops)-1
			switch {
			case len(ws) <= 2*wordContext+1:
			case first:
				ws = append([]string{"…"}, ws[len(ws)-wordContext:]...)
			case last:
				ws = append(ws[:wordContext:wordContext], "…")
			default:
				ws = append(append(ws[:wordContext:wordContext], "…"), ws[len(ws)-wordContext:]...)
			}
			s.WriteString(esc(strings.Join(ws, " ")) + " ")
		}
	}
	return template.HTML(strings.TrimSpace(s.String()))
}

// Geometry of the Cronoprogramma picture, in pixels.
const (
	cronoTitleW = 300
	cronoLabelW = 84
	cronoMonthW = 30
	cronoRowH   = 15
	cronoHeadH  = 20
	cronoGap    = 6
	cronoTitleN = 46 // runes of a phase title shown before it is shortened
)

// cronoprogramma draws the month grid of o as the report prints it: for
// each phase a row of planned months (Previsto) and a row of actual
// months (Consuntivo), Gen to Dic. The objective's progress is told up to
// its last actual month (a dashed line): a phase planned to start by then
// with no actual month is marked missing, one with actual months after
// its last planned month late. before, when not nil, is the objective in
// the old plan: the actual months it already had are drawn alike, the
// others as filled in by the new print (all of them for an objective the
// old plan did not have).
func cronoprogramma(w *i18n.Writer, o *plan.Objective, before *plan.Objective) template.HTML {
	cut := lastActualMonth(o)
	width := cronoTitleW + cronoLabelW + 12*cronoMonthW + 2
	height := cronoHeadH + len(o.Phases)*(2*cronoRowH+cronoGap)
	esc := template.HTMLEscapeString
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="crono" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">`,
		width, height, width, height, esc(w.Sprintf("Cronoprogramma of %s", o.Title)))
	x0 := cronoTitleW + cronoLabelW
	for m := 1; m <= 12; m++ {
		fmt.Fprintf(&s, `<text class="month" x="%d" y="14" text-anchor="middle">%s</text>`, x0+(m-1)*cronoMonthW+cronoMonthW/2, esc(w.Month(m)))
	}
	prev := map[string][]int{}
	if before != nil {
		for _, p := range before.Phases {
			prev[plan.CaseFold(p.Title)] = p.ActualMonths
		}
	}
	for i, p := range o.Phases {
		y := cronoHeadH + i*(2*cronoRowH+cronoGap)
		state := phaseState(p, cut)
		class := "phase"
		if state != "" {
			class += " " + state
		}
		fmt.Fprintf(&s, `<g class="%s" data-phase="%d">`, class, i+1)
		fmt.Fprintf(&s, `<title>%s</title>`, esc(p.Title))
		title := shortTitle(p.Title, cronoTitleN)
		fmt.Fprintf(&s, `<text class="title" x="0" y="%d">%s</text>`, y+cronoRowH-3, esc(title))
		switch state {
		case "missing":
			fmt.Fprintf(&s, `<text class="state" x="0" y="%d">%s</text>`, y+2*cronoRowH-3, esc(w.Sprintf("missing")))
		case "late":
			fmt.Fprintf(&s, `<text class="state" x="0" y="%d">%s</text>`, y+2*cronoRowH-3, esc(w.Sprintf("late")))
		}
		fmt.Fprintf(&s, `<text class="label" x="%d" y="%d">%s</text>`, cronoTitleW, y+cronoRowH-3, esc(w.Sprintf("Planned")))
		fmt.Fprintf(&s, `<text class="label" x="%d" y="%d">%s</text>`, cronoTitleW, y+2*cronoRowH-3, esc(w.Sprintf("Actual")))
		old := prev[plan.CaseFold(p.Title)]
		for m := 1; m <= 12; m++ {
			x := x0 + (m-1)*cronoMonthW
			cell := "cell"
			if slices.Contains(p.PlannedMonths, m) {
				cell = "cell planned"
			}
			fmt.Fprintf(&s, `<rect class="%s" x="%d" y="%d" width="%d" height="%d"/>`, cell, x, y, cronoMonthW, cronoRowH)
			cell = "cell"
			if slices.Contains(p.ActualMonths, m) {
				cell = "cell actual"
				if before == nil || !slices.Contains(old, m) {
					cell += " new"
				}
			}
			fmt.Fprintf(&s, `<rect class="%s" x="%d" y="%d" width="%d" height="%d"/>`, cell, x, y+cronoRowH, cronoMonthW, cronoRowH)
		}
		s.WriteString(`</g>`)
	}
	if cut >= 1 && cut <= 12 {
		x := x0 + cut*cronoMonthW
		fmt.Fprintf(&s, `<line class="cut" x1="%d" y1="%d" x2="%d" y2="%d"/>`, x, cronoHeadH-2, x, height)
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// phaseState is "missing" for a phase planned to start by month cut (the
// objective's last actual month) with no actual month, "late" for one
// with actual months after its last planned month, "" otherwise.
func phaseState(p plan.Phase, cut int) string {
	if len(p.PlannedMonths) == 0 {
		return ""
	}
	if len(p.ActualMonths) == 0 {
		if cut > 0 && slices.Min(p.PlannedMonths) <= cut {
			return "missing"
		}
		return ""
	}
	if slices.Max(p.ActualMonths) > slices.Max(p.PlannedMonths) {
		return "late"
	}
	return ""
}

// shortTitle cuts a title to about n runes on a word boundary.
func shortTitle(s string, n int) string {
	s = plan.Canon(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := strings.LastIndex(string(r[:n]), " ")
	if cut <= 0 {
		if sp := strings.IndexByte(s, ' '); sp > 0 {
			return s[:sp] + "…"
		}
		return s
	}
	return strings.TrimRight(string(r[:n])[:cut], " ,;:-–") + "…"
}

// legend explains the colours of the pictures.
func legend(w *i18n.Writer) template.HTML {
	esc := template.HTMLEscapeString
	return template.HTML(fmt.Sprintf(`<p class="legend"><span class="swatch planned"></span> %s <span class="swatch actual"></span> %s <span class="swatch actual new"></span> %s <span class="swatch missing"></span> %s <span class="swatch late"></span> %s</p>`,
		esc(w.Sprintf("Planned")), esc(w.Sprintf("Actual")), esc(w.Sprintf("actual months filled in by the new print")),
		esc(w.Sprintf("phase planned to start by the objective's last actual month (dashed line), with no actual month: missing")),
		esc(w.Sprintf("actual months after the last planned month: late"))))
}

const htmlCSS template.CSS = `
.docs { margin: 0 0 12px; color: var(--muted); }
.docs b { color: var(--ink); }
.count.added b { color: var(--added); } .count.removed b { color: var(--removed); }
.count.changed b, .count.moved b { color: var(--changed); }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; color: #fff; margin-right: 6px; vertical-align: 2px; }
.badge.added { background: var(--added); } .badge.removed { background: var(--removed); }
.badge.changed { background: var(--changed); } .badge.moved { background: #6f42c1; }
article.objective { border: 1px solid var(--line); border-left: 4px solid var(--line); border-radius: 4px; padding: 8px 12px; margin: 10px 0; }
article.objective.added { border-left-color: var(--added); } article.objective.removed { border-left-color: var(--removed); }
article.objective.changed { border-left-color: var(--changed); } article.objective.moved { border-left-color: #6f42c1; }
article.objective h4 { margin: 0 0 2px; font-size: 14px; }
.where { color: var(--muted); font-size: 12px; margin: 0 0 6px; }
ul.changes { margin: 4px 0; padding-left: 20px; }
.text { margin: 6px 0; }
.text .label { font-weight: 600; }
.worddiff { background: #fafbfc; border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; }
del { background: #ffebe9; color: var(--removed); }
ins { background: #dafbe1; color: var(--added); text-decoration: none; border-bottom: 1px solid var(--added); }
svg.crono { display: block; margin: 8px 0; max-width: 100%; height: auto; }
svg.crono text { font-size: 11px; fill: var(--ink); }
svg.crono text.month { font-weight: 600; }
svg.crono text.label { fill: var(--muted); }
svg.crono text.state { font-weight: 600; }
svg.crono rect.cell { fill: #fff; stroke: #c9cfd8; stroke-width: 1; }
svg.crono rect.planned { fill: #9bc2e6; }
svg.crono rect.actual { fill: #a9d18e; }
svg.crono rect.actual.new { fill: #2e8b57; }
svg.crono g.missing text.title, svg.crono g.missing text.state { fill: var(--removed); }
svg.crono g.late text.title, svg.crono g.late text.state { fill: var(--warning); }
svg.crono line.cut { stroke: var(--ink); stroke-dasharray: 3 3; }
.legend { font-size: 12px; color: var(--muted); }
.swatch { display: inline-block; width: 14px; height: 10px; border: 1px solid #c9cfd8; vertical-align: -1px; margin-left: 8px; }
.swatch.planned { background: #9bc2e6; } .swatch.actual { background: #a9d18e; } .swatch.actual.new { background: #2e8b57; }
.swatch.missing { background: var(--removed); } .swatch.late { background: var(--warning); }
section.kind > h2 { border-bottom-width: 3px; }
p.unit { font-weight: 600; margin: 14px 0 4px; }
`

var htmlBody = template.Must(template.New("diff").Parse(`
<header id="summary">
<h1>{{.Title}}</h1>
<dl class="docs">{{range .Head}}<div><b>{{.Label}}:</b> <span>{{.Value}}</span></div>{{end}}</dl>
{{if not .Same}}<div class="counts">{{range .Counts}}<div class="count {{.Kind}}" data-kind="{{.Kind}}" data-count="{{.N}}"><b>{{.N}}</b>{{.Label}}</div>{{end}}</div>{{end}}
{{if .Monitoring}}{{.Legend}}{{end}}
</header>
{{with .Units}}<section id="units"><h2>{{.Title}}</h2><ul>{{range .Lines}}<li class="{{.Kind}}">{{.Text}}{{with .Sub}}<ul>{{range .}}<li>{{.}}</li>{{end}}</ul>{{end}}</li>{{end}}</ul></section>{{end}}
{{with .TOC}}<section id="toc"><h2>{{.Title}}</h2><ul>{{range .Lines}}<li class="{{.Kind}}">{{.Text}}{{with .Sub}}<ul>{{range .}}<li>{{.}}</li>{{end}}</ul>{{end}}</li>{{end}}</ul></section>{{end}}
{{range .Groups}}
<section class="kind" id="{{.ID}}" data-count="{{.N}}">
<h2>{{.Title}} ({{.N}})</h2>
{{range .Sectors}}{{$sec := .Heading}}<section class="sector" id="{{.ID}}">
<h3>{{.Heading}}</h3>
{{range .Units}}{{if ne .Heading $sec}}<p class="unit">{{.Heading}}</p>{{end}}{{range .Objectives}}
<article class="objective {{.Kind}}">
<h4><span class="badge {{.Kind}}">{{.Badge}}</span>{{.Title}}</h4>
<p class="where">{{.Where}}</p>
{{with .Changes}}<ul class="changes">{{range .}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{range .Texts}}<div class="text"><span class="label">{{.Label}}</span><div class="worddiff">{{.Diff}}</div></div>{{end}}
{{.Picture}}
</article>{{end}}{{end}}
</section>{{end}}
</section>
{{end}}
`))
