#!/usr/bin/env python3
"""Print an obiettivi.plan/v1 document as an HTML Stampa Obiettivi report, for
HTML engines (Chromium, wkhtmltopdf, WeasyPrint) and office suites
(LibreOffice: soffice --headless --convert-to pdf OUT.html) to print as PDF:
other producers' drawing of the same report, to test the extractor on. Rules
and cell backgrounds are given both as CSS and as HTML attributes (border,
bgcolor), which office suites read where they do not read the CSS.

usage: plan2html.py PLAN.json OUT.html [PAGE-SIZE] [--break-rows]

With --break-rows table rows may break across pages (the engine's default)
instead of being kept whole: labels, data rows and month-grid phases are cut
by page breaks where they fall.

It also writes OUT.html.plan.json: the plan without page numbers (an HTML
engine decides the pages), to compare with the extract of the PDF:
    obiettivi diff OUT.html.plan.json extracted.json
"""
import json, sys, html
args = [a for a in sys.argv[1:] if a != "--break-rows"]
break_rows = len(args) < len(sys.argv) - 1
plan = json.load(open(args[0]))
page = args[2] if len(args) > 2 else "A4"
keep = "auto" if break_rows else "avoid"
e = lambda s: html.escape(s or "")
def d(iso):
    if not iso: return ""
    y, m, dd = iso.split("-"); return f"{dd}/{m}/{y}"
out = []
w = out.append
w(f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: {page}; margin: 15mm 12mm 18mm 12mm; }}
body {{ font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt; }}
table {{ border-collapse: collapse; width: 100%; margin: 6px 0; page-break-inside: auto; }}
tr {{ page-break-inside: {keep}; }}
td, th {{ border: 0.8px solid #555; padding: 2px 4px; vertical-align: top; text-align: left; }}
th {{ font-weight: bold; }}
th.g {{ background: #d9d9d9; }}
td.k {{ background: #ededed; font-weight: bold; width: 22%; }}
td.h {{ background: #dce6f1; font-weight: bold; font-size: 10pt; }}
td.p {{ background: #9bc2e6; }} td.a {{ background: #70ad47; }}
thead {{ display: table-header-group; }}
h1 {{ font-size: 22pt; text-align: center; margin-top: 200px; }} h2.ent {{ text-align: center; font-size: 14pt; }}
.toc div {{ margin: 4px 0; }}
</style></head><body>""")
w(f"<h1>{e(plan['title'])}</h1><h2 class=ent>{e(plan['entity'])}</h2><div style='page-break-after: always'></div>")
w("<div class=toc><h2>Indice</h2>")
for t in plan["toc"]:
    w(f"<div>{e(t['code'])} - {e(t['name'])} &nbsp;&nbsp;&nbsp; {t['page']}</div>")
w("</div><div style='page-break-after: always'></div>")
units = {u["code"]: u for u in plan["units"]}
printed = set()
months = "Gen Feb Mar Apr Mag Giu Lug Ago Set Ott Nov Dic".split()
def unit_head(u):
    sec = units.get(u.get("sector") or "", None)
    w("<table>")
    w(f"<tr><td class=h colspan=4>{e(u['code'])} - {e(u['name'])}</td></tr>")
    if u["kind"] == "sector":
        w(f"<tr><td class=k>Responsabile settore</td><td colspan=3>{e(u['head'])}</td></tr>")
    else:
        sh = sec["head"] if sec else ""
        w(f"<tr><td class=k>Responsabile settore</td><td>{e(sh)}</td><td class=k>Responsabile ufficio</td><td>{e(u['head'])}</td></tr>")
    w("</table>")
objs_by_unit = {}
for o in plan["objectives"]:
    objs_by_unit.setdefault(o["unit"], []).append(o)
for u in plan["units"]:
    unit_head(u)
    for o in objs_by_unit.get(u["code"], []):
        wt = "" if o["weight"] is None else ("%g" % o["weight"])
        g = lambda x: "" if not x else f"{e(x['code'])} - {e(x['title'])}"
        w("<table>")
        w(f"<tr><td class=k>Obiettivo</td><td><b>{e(o['title'])}</b></td></tr>")
        w(f"<tr><td class=k>Valutazione obiettivo</td><td>{wt}</td></tr>")
        w(f"<tr><td class=k>Descrizione</td><td>{e(o['description_html'])}</td></tr>")
        w(f"<tr><td class=k>Obiettivo strategico</td><td>{g(o['strategic_goal'])}</td></tr>")
        w(f"<tr><td class=k>Obiettivo operativo</td><td>{g(o['operational_goal'])}</td></tr>")
        w("</table>")
        if o["staff"]:
            w("<table><thead><tr><th>Persona</th><th>Categoria</th><th>Ruolo</th><th>Inizio</th><th>Fine</th></tr></thead>")
            for s in o["staff"]:
                w(f"<tr><td>{e(s['name'])}</td><td>{e(s['category'])}</td><td>{e(s['role'])}</td><td>{d(s['start'])}</td><td>{d(s['end'])}</td></tr>")
            w("</table>")
        if o["phases"]:
            w("<table><thead><tr><th>Fase</th><th>Descrizione fase</th><th>Inizio</th><th>Fine</th></tr></thead>")
            for p in o["phases"]:
                w(f"<tr><td>{e(p['title'])}</td><td>{e(p['description'])}</td><td>{d(p['start'])}</td><td>{d(p['end'])}</td></tr>")
            w("</table>")
            w("<table><thead><tr><th style='width:24%'>Cronoprogramma</th><th style='width:10%'></th>" + "".join(f"<th>{m}</th>" for m in months) + "</tr></thead>")
            for p in o["phases"]:
                pl = "".join(f"<td class=p></td>" if (i+1) in p["planned_months"] else "<td></td>" for i in range(12))
                ac = "".join(f"<td class=a></td>" if (i+1) in p["actual_months"] else "<td></td>" for i in range(12))
                w(f"<tbody style='page-break-inside: {keep}'><tr><td rowspan=2>{e(p['title'])}</td><td>Previsto</td>{pl}</tr><tr><td>Consuntivo</td>{ac}</tr></tbody>")
            w("</table>")
        if o["indicators"]:
            years = sorted({y for i in o["indicators"] for y in i["targets"]})
            w("<table><thead><tr><th>Indicatore</th><th>Udm</th><th>Valore di riferimento</th>" + "".join(f"<th>Atteso {y}</th>" for y in years) + "</tr></thead>")
            for i in o["indicators"]:
                w(f"<tr><td>{e(i['name'])}</td><td>{e(i['unit'])}</td><td>{e(i['reference'])}</td>" + "".join(f"<td>{e(i['targets'].get(y))}</td>" for y in years) + "</tr>")
            w("</table>")
w("</body></html>")
# Rules and backgrounds are given as CSS and as HTML attributes (border,
# bgcolor), which office suites read where they draw no CSS borders and
# no class backgrounds. CSS backgrounds are set by class only: an office
# suite paints an element's CSS background behind each paragraph of the
# cell, bands that are no part of the report.
doc = "\n".join(out)
doc = doc.replace("<table>", '<table border="1" cellspacing="0" cellpadding="2" width="100%">')
for cls, colour in (("k", "#ededed"), ("h", "#dce6f1"), ("p", "#9bc2e6"), ("a", "#70ad47")):
    doc = doc.replace(f"<td class={cls}", f'<td class={cls} bgcolor="{colour}"')
doc = doc.replace("<th", '<th class=g bgcolor="#d9d9d9"')
open(args[1], "w").write(doc)
# truth without page numbers
plan["findings"] = []
for u in plan["units"]: u["page"] = None
for o in plan["objectives"]: o["page"] = None
plan["source"] = {}
json.dump(plan, open(args[1] + ".plan.json", "w"), ensure_ascii=False)
