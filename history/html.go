package history

import (
	"html/template"
	"io"
	"strings"

	"github.com/obiettivi/obiettivi/internal/htmlpage"
	"github.com/obiettivi/obiettivi/internal/i18n"
)

// WriteHTML writes h as one self-contained HTML page (inline CSS and SVG,
// no script, no external resource): a timeline of the prints, then one
// column per print with the objective's title, units, weight, targets and
// the state of its phases that year, and what changed from the print
// before. A value that differs from the print before is highlighted.
func WriteHTML(w io.Writer, h *History, opt Options) error {
	wr := opt.writer()
	v := newView(h, wr)
	var body strings.Builder
	if err := htmlBody.Execute(&body, htmlView(v, wr)); err != nil {
		return err
	}
	return htmlpage.Write(w, htmlpage.Page{
		Lang:  i18n.Name(v.lang),
		Title: v.title,
		CSS:   htmlCSS,
		Body:  template.HTML(body.String()),
	})
}

// htmlReport is what the HTML template reads.
type htmlReport struct {
	Title, Head string
	Rows        []htmlRow
	Prints      []htmlPrint
	Width       int
	AlsoTitle   string
	Also        []string
	Legend      string
}

// htmlPrint is the heading of a print's column and its dot on the
// timeline.
type htmlPrint struct {
	Year, File, Link, Class string
	// X is the centre of its dot, PrevX that of the print before (0 for
	// the first).
	X, PrevX int
}

// htmlRow is one field across the prints.
type htmlRow struct {
	Field, Label string
	Cells        []htmlCell
}

type htmlCell struct {
	Lines   []string
	Changed bool
}

// timelineStep is the distance between two prints on the timeline, in
// pixels.
const timelineStep = 150

func htmlView(v *view, w *i18n.Writer) *htmlReport {
	r := &htmlReport{Title: v.title, Head: v.head, AlsoTitle: v.alsoTitle, Also: v.also,
		Legend: w.Sprintf("highlighted: changed from the print before"),
		Width:  max(1, len(v.prints))*timelineStep + 40}
	rows := []htmlRow{
		{Field: "title", Label: v.labelTitle},
		{Field: "units", Label: v.labelUnits},
		{Field: "weight", Label: v.labelWeight},
		{Field: "targets", Label: v.labelTargets},
		{Field: "status", Label: v.labelStatus},
		{Field: "changes", Label: v.labelChanges},
	}
	for i, p := range v.prints {
		class := "first"
		switch {
		case p.same:
			class = "same"
		case p.continues && len(p.changes) == 1 && p.changes[0] == w.Sprintf("nothing"):
			class = "same"
		case p.continues:
			class = "changed"
		case i > 0:
			class = "new"
		}
		hp := htmlPrint{Year: p.year, File: p.file, Link: p.link, Class: class, X: 20 + timelineStep/2 + i*timelineStep}
		if i > 0 {
			hp.PrevX = hp.X - timelineStep
		}
		r.Prints = append(r.Prints, hp)
		changes := p.changes
		if !p.continues {
			changes = nil
		}
		values := [][]string{{p.title}, {p.units}, {p.weight}, p.targets, {p.status}, changes}
		for j := range rows {
			c := htmlCell{Lines: values[j]}
			if rows[j].Field == "changes" {
				c.Changed = p.continues && class == "changed"
			} else {
				c.Changed = p.changed[rows[j].Field]
			}
			rows[j].Cells = append(rows[j].Cells, c)
		}
	}
	r.Rows = rows
	return r
}

const htmlCSS template.CSS = `
svg.timeline { display: block; margin: 8px 0 4px; }
svg.timeline text { font-size: 12px; fill: var(--ink); }
svg.timeline line { stroke: var(--line); stroke-width: 3; }
svg.timeline circle { stroke: #fff; stroke-width: 2; }
svg.timeline circle.first { fill: var(--info); }
svg.timeline circle.same { fill: var(--muted); }
svg.timeline circle.changed { fill: var(--changed); }
svg.timeline circle.new { fill: var(--added); }
table.prints { table-layout: fixed; }
table.prints th.field { width: 9em; }
table.prints th.print small { display: block; font-weight: normal; color: var(--muted); }
table.prints td div + div { margin-top: 4px; }
table.prints td.changed { background: #fff4d6; box-shadow: inset 3px 0 0 var(--changed); }
table.prints tr.changes td div { font-size: 13px; }
p.legend span { background: #fff4d6; box-shadow: inset 3px 0 0 var(--changed); padding: 0 6px; }
@media print { table.prints { font-size: 10px; } }
`

var htmlBody = template.Must(template.New("history").Parse(`
<header>
<h1>{{.Title}}</h1>
<p class="lead" id="summary">{{.Head}}</p>
</header>
<svg class="timeline" width="{{.Width}}" height="56" viewBox="0 0 {{.Width}} 56" role="img" aria-label="{{.Head}}">
{{- range .Prints}}{{if .PrevX}}<line x1="{{.PrevX}}" y1="18" x2="{{.X}}" y2="18"/>{{end}}{{end}}
{{- range .Prints}}<circle class="{{.Class}}" cx="{{.X}}" cy="18" r="9"><title>{{.File}}: {{.Link}}</title></circle><text x="{{.X}}" y="46" text-anchor="middle">{{.Year}}</text>{{end}}
</svg>
<p class="legend muted"><span>{{.Legend}}</span></p>
<table class="prints">
<thead><tr><th class="field"></th>{{range .Prints}}<th class="print" data-year="{{.Year}}">{{.Year}}<small>{{.File}}</small><small>{{.Link}}</small></th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr class="{{.Field}}" data-field="{{.Field}}"><th>{{.Label}}</th>{{range .Cells}}<td{{if .Changed}} class="changed"{{end}}>{{range .Lines}}<div>{{.}}</div>{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{with .Also}}<section id="also">
<h2>{{$.AlsoTitle}}</h2>
<ul>{{range .}}<li>{{.}}</li>{{end}}</ul>
</section>{{end}}
`))
