// Package htmlpage is the frame of the HTML reports of the audit and the
// diff: one self-contained file (inline CSS and SVG, no script, no
// external resource) that opens offline in any browser and prints to PDF
// with a page break before each sector.
package htmlpage

import (
	"html/template"
	"io"
)

// Page is what a report puts in the frame.
type Page struct {
	Lang  string // language of the text, "it" or "en"
	Title string
	CSS   template.CSS  // the report's own style, after the common one
	Body  template.HTML // the report, already escaped
}

// Write writes p as one HTML document.
func Write(w io.Writer, p Page) error {
	return frame.Execute(w, struct {
		Page
		Base template.CSS
	}{p, base})
}

var frame = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
{{.Base}}
{{.CSS}}
</style>
</head>
<body>
{{.Body}}
</body>
</html>
`))

// base is the style both reports share: readable on screen, sober on
// paper, a page break before each sector when printed.
const base template.CSS = `
:root { --ink: #1d2430; --muted: #5b6472; --line: #d5dae1; --error: #b3261e; --warning: #9a6700; --info: #1f5fa8;
  --added: #1a7f37; --removed: #b3261e; --changed: #9a6700; --planned: #7aa7d9; --actual: #2e8b57; }
* { box-sizing: border-box; }
body { font: 14px/1.45 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
p.lead { color: var(--muted); margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
th { background: #f1f3f6; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.sev { display: inline-block; min-width: 6.5em; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; color: #fff; text-align: center; }
.sev.error { background: var(--error); } .sev.warning { background: var(--warning); } .sev.info { background: var(--info); }
.muted { color: var(--muted); }
code { font-size: 12px; color: var(--muted); }
.counts { display: flex; gap: 12px; flex-wrap: wrap; margin: 8px 0 16px; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.count b { display: block; font-size: 20px; margin-top: 4px; }
section.sector { margin-top: 24px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  section.sector { break-before: page; }
  tr, li, .objective { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`
