#!/usr/bin/env python3
"""Prints, as JSON, the lines of every "Descrizione" cell of a Stampa
Obiettivi PDF set by reportlab, as poppler's pdftotext -bbox-layout reads
them: one entry per distinct description, {objective, fragments}: objective is
the index of the first objective printing it, fragments its lines cut by
page breaks, each line {text, indent, gap, size}.

    python3 pdflines.py ../../samples/capannori-2024.pdf > capannori-2024-lines.json
"""
import html
import json
import re
import subprocess
import sys

LABEL_X = 100  # labels are printed left of this, values right of it

LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
WORD = re.compile(r'>([^<]*)</word>')
PAGE = re.compile(r'<page .*?</page>', re.S)


def pages(pdf):
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    for p in PAGE.findall(out):
        lines = []
        for m in LINE.finditer(p):
            words = [html.unescape(w) for w in WORD.findall(m.group(5))]
            x0, y0, y1 = float(m.group(1)), float(m.group(2)), float(m.group(4))
            lines.append((x0, y0, y1 - y0, " ".join(words)))
        lines.sort(key=lambda l: (l[1], l[0]))
        yield lines


def fragment(cell):
    if not cell:
        return []
    min_x = min(l[0] for l in cell)
    diffs = sorted(b[1] - a[1] for a, b in zip(cell, cell[1:]))
    pitch = diffs[len(diffs) // 2] if diffs else 0
    out = []
    for i, (x, y, h, text) in enumerate(cell):
        gap = 0.0
        if i > 0 and pitch > 0:
            g = y - cell[i - 1][1] - pitch
            if g > 0.25 * pitch:
                gap = round(g, 2)
        out.append({"text": text, "indent": round(x - min_x, 2), "gap": gap, "size": round(h, 2)})
    return out


def main(pdf):
    objectives = []
    for lines in pages(pdf):
        labels = [l for l in lines if l[0] < LABEL_X]
        for i, lab in enumerate(labels):
            if lab[3] == "Obiettivo":
                objectives.append([])
            if lab[3] != "Descrizione" or not objectives:
                continue
            end = labels[i + 1][1] if i + 1 < len(labels) else float("inf")
            # the running header and footer are set smaller than the cells
            cell = [l for l in lines if l[0] >= LABEL_X and lab[1] - 1 <= l[1] < end - 1 and l[2] >= 8]
            if cell:
                objectives[-1].append(fragment(cell))
    seen, out = set(), []
    for i, frags in enumerate(objectives):
        key = json.dumps(frags)
        if key not in seen:
            seen.add(key)
            out.append({"objective": i, "fragments": frags})
    json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    print()


main(sys.argv[1])
