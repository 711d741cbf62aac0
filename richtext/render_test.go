package richtext

import (
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/obiettivi/obiettivi/plan"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file prints descriptions the way the Stampa Obiettivi report does,
// for tests: HTML source wrapped into lines, or formatted text with
// paragraphs spaced apart and list items indented.

const (
	testSize  = 9.0
	testWidth = 80 // characters on a line
)

// geometry is where a producer sets paragraphs and list items.
type geometry struct {
	name    string
	hyphens bool    // lines break after hyphens inside words too
	gap     float64 // space before a paragraph beyond the line pitch
	bullet  float64 // indent of a list marker
	hang    float64 // indent of an item's text beyond its marker
	step    float64 // indent of a nested list's markers beyond its parent's
}

var (
	// reportlab sets markers 1pt in, text 12pt in, paragraphs 4.5pt apart
	reportlab = geometry{name: "reportlab", hyphens: false, gap: 4.5, bullet: 1, hang: 11, step: 12}
	// chromium sets markers of <ol> right-aligned before the item's
	// box, nested boxes 16pt in, paragraphs 3pt apart
	chromium = geometry{name: "chromium", hyphens: true, gap: 3, bullet: 4.55, hang: 11.45, step: 16}
)

// wrap breaks s into lines of at most width characters where possible: at
// spaces, and, if hyphens, also after a hyphen inside a word ("Front-" +
// "Office") as browsers do. It never breaks at a space after a word ending
// in a hyphen ("smartworking- e"): printed, that break would read as a
// hyphenated word.
func wrap(s string, width int, hyphens bool) []string {
	var lines []string
	var cur string
	n := func(s string) int { return utf8.RuneCountInString(s) }
	for _, w := range strings.Fields(s) {
		for {
			if cur == "" {
				cur = w
				break
			}
			if n(cur)+1+n(w) <= width || endsInWordHyphen(cur) {
				cur += " " + w
				break
			}
			if i := hyphenBreak(w, width-n(cur)-1); hyphens && i > 0 {
				lines = append(lines, cur+" "+w[:i])
				cur, w = "", w[i:]
				continue
			}
			lines = append(lines, cur)
			cur = w
			break
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func endsInWordHyphen(s string) bool {
	last, before := lastTwo(s)
	return last == '-' && isWordRune(before)
}

// hyphenBreak returns the byte offset just after the last hyphen inside a
// word within the first width characters of s, or 0.
func hyphenBreak(s string, width int) int {
	best, n := 0, 0
	var prev rune
	for i, r := range s {
		if n >= width {
			break
		}
		n++
		if r == '-' && isWordRune(prev) {
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if isWordRune(next) {
				best = i + 1
			}
		}
		prev = r
	}
	return best
}

// printStyle is how the report prints a description.
type printStyle int

const (
	printLiteral   printStyle = iota // the HTML source, as text
	printPlain                       // the text of a single paragraph
	printFormatted                   // paragraphs and lists laid out
)

func (p printStyle) String() string {
	return [...]string{"literal", "plain", "formatted"}[p]
}

// styleOf is how the report prints HTML src: lists laid out, a lone
// paragraph as its text, anything else as source.
func styleOf(src string) printStyle {
	switch {
	case strings.Contains(src, "<li"):
		return printFormatted
	case strings.HasPrefix(src, "<p>") && strings.HasSuffix(src, "</p>") &&
		strings.Count(src, "<") == 2:
		return printPlain
	}
	return printLiteral
}

// printLines prints HTML src as the report would, with g's layout.
func printLines(t *testing.T, src string, g geometry) []Line {
	t.Helper()
	var lines []Line
	switch styleOf(src) {
	case printLiteral:
		for _, s := range wrap(src, testWidth, g.hyphens) {
			lines = append(lines, Line{Text: s, Size: testSize})
		}
	case printPlain:
		for _, s := range wrap(html.UnescapeString(src[3:len(src)-4]), testWidth, g.hyphens) {
			lines = append(lines, Line{Text: s, Size: testSize})
		}
	case printFormatted:
		nodes, err := html.ParseFragment(strings.NewReader(src), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
		if err != nil {
			t.Fatal(err)
		}
		p := formatPrinter{g: g}
		for _, n := range nodes {
			p.block(n, 0)
		}
		lines = p.lines
	}
	return lines
}

// rebase makes a fragment's indents count from its leftmost line, and its
// first line carry no gap, as a cell cut by a page break does.
func rebase(lines []Line) []Line {
	out := append([]Line(nil), lines...)
	min := out[0].Indent
	for _, l := range out {
		if l.Indent < min {
			min = l.Indent
		}
	}
	for i := range out {
		out[i].Indent -= min
	}
	out[0].Gap = 0
	return out
}

// formatPrinter lays out paragraphs and lists as formatted text.
type formatPrinter struct {
	g     geometry
	lines []Line
}

func (p *formatPrinter) block(n *html.Node, depth int) {
	switch {
	case n.Type == html.TextNode:
		p.para(n.Data)
	case n.DataAtom == atom.Ul || n.DataAtom == atom.Ol:
		p.list(n, depth)
	default:
		p.para(inlineText(n))
	}
}

func (p *formatPrinter) para(s string) {
	for i, l := range wrap(s, testWidth, p.g.hyphens) {
		line := Line{Text: l, Size: testSize}
		if i == 0 && len(p.lines) > 0 {
			line.Gap = p.g.gap
		}
		p.lines = append(p.lines, line)
	}
}

func (p *formatPrinter) list(n *html.Node, depth int) {
	k := 0
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			// text bare in a list prints as a paragraph
			p.para(inlineText(li))
			continue
		}
		k++
		mark := "•"
		if n.DataAtom == atom.Ol {
			mark = strconv.Itoa(k) + "."
		}
		x := p.g.bullet + float64(depth)*p.g.step
		var text strings.Builder
		var nested []*html.Node
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Ul || c.DataAtom == atom.Ol {
				nested = append(nested, c)
			} else {
				text.WriteString(inlineText(c))
			}
		}
		for i, l := range wrap(mark+" "+text.String(), testWidth-8*depth, p.g.hyphens) {
			line := Line{Text: l, Indent: x, Size: testSize}
			if i > 0 {
				line.Indent = x + p.g.hang
			}
			p.lines = append(p.lines, line)
		}
		for _, c := range nested {
			p.list(c, depth+1)
		}
	}
}

func inlineText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(inlineText(c))
	}
	return b.String()
}

// printedHTML is what of HTML src a formatted print shows, as canonHTML: a
// list with text but no items prints as a paragraph.
func printedHTML(src string) []string {
	c := canonHTML(src)
	for i := range c {
		// Text set bare in a list prints as a paragraph; only a dash list
		// (the report's <ul style="list-style-type: none"> - …) is told
		// by its dashes.
		if (strings.HasPrefix(c[i], "tag:ul[") || strings.HasPrefix(c[i], "tag:ol[")) &&
			i+1 < len(c) && strings.HasPrefix(c[i+1], "text:") &&
			!(c[i] == "tag:ul[style=list-style-type: none]" && typedItems(strings.TrimPrefix(c[i+1], "text:"))) {
			c[i] = "tag:p[]"
		}
	}
	return c
}

// typedItems reports whether bare list text starts with a typed dash or
// bullet, which the print shows.
func typedItems(s string) bool {
	return dashRe.MatchString(s) || strings.HasPrefix(s, "• ")
}

// canonHTML is HTML as a sequence of start tags (name and sorted,
// whitespace-collapsed attributes) and whitespace-collapsed text runs: end
// tags, serialisation and entity spelling do not count.
func canonHTML(src string) []string {
	var out []string
	var text strings.Builder
	flush := func() {
		if t := plan.Collapse(text.String()); t != "" {
			if n := len(out); n > 0 && strings.HasPrefix(out[n-1], "text:") {
				out[n-1] += " " + t
			} else {
				out = append(out, "text:"+t)
			}
		}
		text.Reset()
	}
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			flush()
			return out
		case html.TextToken:
			text.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			flush()
			name, more := z.TagName()
			var attrs []string
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				attrs = append(attrs, string(k)+"="+plan.Collapse(string(v)))
			}
			sort.Strings(attrs)
			out = append(out, "tag:"+string(name)+"["+strings.Join(attrs, " ")+"]")
		}
	}
}
