package render

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/obiettivi/obiettivi/plan"
)

// para is one paragraph or list item of a description.
type para struct {
	lists []atom.Atom // kinds of the enclosing lists, outermost first
	item  bool        // starts a list item
	num   int         // position in its ordered list
	text  string
}

// paragraphs splits description HTML into its paragraphs and list items,
// in order, with their text whitespace-collapsed and entities decoded.
func paragraphs(src string) []para {
	nodes, err := html.ParseFragment(strings.NewReader(src), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return []para{{text: plan.Canon(src)}}
	}
	w := &paraWalker{}
	for _, n := range nodes {
		w.walk(n)
	}
	w.flush()
	return w.out
}

type paraWalker struct {
	out   []para
	buf   strings.Builder
	lists []atom.Atom
	item  bool // the next flushed text starts a list item
	num   int
}

func (w *paraWalker) flush() {
	t := collapse(w.buf.String())
	w.buf.Reset()
	if t == "" {
		return
	}
	w.out = append(w.out, para{lists: append([]atom.Atom(nil), w.lists...), item: w.item, num: w.num, text: t})
	w.item = false
}

func (w *paraWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.buf.WriteString(n.Data)
		return
	case html.ElementNode:
	default:
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			w.walk(ch)
		}
		return
	}
	switch n.DataAtom {
	case atom.Ul, atom.Ol:
		w.flush()
		w.lists = append(w.lists, n.DataAtom)
		num := 0
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && ch.DataAtom == atom.Li {
				num++
				w.flush()
				w.item, w.num = true, num
				w.children(ch)
				w.flush()
				w.item = false
			} else {
				w.walk(ch)
			}
		}
		w.flush()
		w.lists = w.lists[:len(w.lists)-1]
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Li, atom.Br, atom.Table, atom.Tr:
		w.flush()
		w.children(n)
		w.flush()
	case atom.Td, atom.Th:
		w.buf.WriteByte(' ')
		w.children(n)
		w.buf.WriteByte(' ')
	default:
		w.children(n)
	}
}

func (w *paraWalker) children(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		w.walk(ch)
	}
}

// paragraphsText is the plain-text form of ps: one paragraph or item a line.
func paragraphsText(ps []para) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.text
	}
	return strings.Join(lines, "\n")
}

// paragraphsHTML writes ps back as HTML: paragraphs as <p>, list items as
// <li> in <ul>/<ol>, top-level blocks separated by one space.
func paragraphsHTML(ps []para) string {
	var b strings.Builder
	var open []atom.Atom
	closeTo := func(n int) {
		for len(open) > n {
			b.WriteString("</li></" + open[len(open)-1].String() + ">")
			open = open[:len(open)-1]
		}
	}
	for _, p := range ps {
		common := 0
		for common < len(open) && common < len(p.lists) && open[common] == p.lists[common] {
			common++
		}
		closeTo(common)
		d := len(p.lists)
		if d == 0 {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString("<p>" + escapeText(p.text) + "</p>")
			continue
		}
		if len(open) == 0 && b.Len() > 0 {
			b.WriteByte(' ')
		}
		switch {
		case len(open) == d && p.item:
			b.WriteString("</li><li>")
		case len(open) == d:
			b.WriteString(" ")
		}
		for len(open) < d {
			k := p.lists[len(open)]
			open = append(open, k)
			b.WriteString("<" + k.String() + "><li>")
		}
		b.WriteString(escapeText(p.text))
	}
	closeTo(0)
	return b.String()
}

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func escapeText(s string) string { return textEscaper.Replace(s) }

// descStyle decides how a description is printed under the auto style.
func descStyle(src string, style DescriptionStyle) DescriptionStyle {
	if style != DescriptionAuto {
		return style
	}
	if isPlainParagraph(src) {
		return DescriptionFormatted
	}
	ls := strings.ToLower(src)
	if strings.Contains(ls, "<ul") || strings.Contains(ls, "<ol") {
		return DescriptionFormatted
	}
	return DescriptionSource
}

// isPlainParagraph reports whether src is text in one <p> without markup
// or entities, or plain text without tags.
func isPlainParagraph(src string) bool {
	s := strings.TrimSpace(src)
	if strings.HasPrefix(s, "<p>") && strings.HasSuffix(s, "</p>") {
		s = s[3 : len(s)-4]
	}
	return !strings.ContainsAny(s, "<>&")
}

// description is the printed form of a description: the lines of its cell
// and the HTML and text an exact reading of them gives back.
type description struct {
	lines      []line
	html, text string
}

// layoutDescription sets the description src in a cell w mm wide.
func (c *canvas) layoutDescription(src string, w float64) description {
	ps := paragraphs(src)
	d := description{text: paragraphsText(ps), html: src}
	inner := w - 2*c.pad
	size := c.s.FontSize
	switch descStyle(src, c.s.Description) {
	case DescriptionSource:
		for _, l := range c.wrap(src, inner, false, size) {
			d.lines = append(d.lines, line{s: l})
		}
		d.html = plan.Canon(src)
		return d
	}
	// Formatted: paragraphs as blocks, items indented under their marker.
	d.html = paragraphsHTML(ps)
	indent := c.widthAt("00.", false, size) + c.pad
	gap := 0.35 * lineH(size)
	for i, p := range ps {
		level := len(p.lists)
		dx := float64(level) * indent
		ls := c.wrap(p.text, inner-dx, false, size)
		for j, l := range ls {
			ln := line{s: l, dx: dx}
			if j == 0 {
				if i > 0 && (level == 0 || len(ps[i-1].lists) == 0) {
					ln.gap = gap
				}
				if p.item {
					ln.marker = marker(p)
					ln.mdx = dx - indent
				}
			}
			d.lines = append(d.lines, ln)
		}
	}
	return d
}

// marker is the bullet or number printed before a list item.
func marker(p para) string {
	if p.lists[len(p.lists)-1] == atom.Ol {
		return strconv.Itoa(p.num) + "."
	}
	return "•"
}
