package richtext

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/obiettivi/obiettivi/plan"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TextOf returns the block-aware plain text of an HTML fragment: tags
// removed, entities decoded, one paragraph or list item (or <br>-separated
// line, or bare text run inside <ul>/<ol>) per line, runs of spaces
// collapsed, no leading/trailing space.
func TextOf(src string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil { // only a failing reader errs; a string reader does not
		return plan.Collapse(html.UnescapeString(src))
	}
	var w textWalker
	for _, n := range doc.Find("body").Nodes {
		w.walk(n)
	}
	w.flush()
	return strings.Join(w.lines, "\n")
}

// textWalker collects the lines of a node tree: block elements and <br>
// end the line being written.
type textWalker struct {
	lines []string
	cur   strings.Builder
}

func (w *textWalker) flush() {
	if s := plan.Collapse(w.cur.String()); s != "" {
		w.lines = append(w.lines, s)
	}
	w.cur.Reset()
}

func (w *textWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
	default: // comments, doctypes
		return
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template, atom.Noscript:
		return
	case atom.Br, atom.Hr:
		w.flush()
		return
	case atom.Td, atom.Th:
		// the cells of a row share its line
		w.cur.WriteByte(' ')
		w.children(n)
		w.cur.WriteByte(' ')
		return
	}
	block := blockElements[n.DataAtom]
	if block {
		w.flush()
	}
	w.children(n)
	if block {
		w.flush()
	}
}

func (w *textWalker) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// blockElements start and end a line of text.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Legend: true, atom.Li: true,
	atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Tfoot: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
}
