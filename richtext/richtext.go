// Package richtext turns the printed lines of a "Descrizione" cell into the
// description of an objective: its HTML and its block-aware plain text.
//
// A description is printed in one of three ways: as literal HTML source
// ("<p>…</p> <ul …> - …"), as plain text, or as formatted text (paragraphs
// separated by vertical space, bullet or numbered list items indented).
// Build recognises which, and returns the source itself for literal HTML,
// or rebuilds <p>, <ul>/<ol> and <li> elements from the geometry of the
// lines otherwise.
package richtext

// Line is one printed line of a text cell, in reading order.
type Line struct {
	Text   string  // the line's words joined by single spaces
	Indent float64 // x of the line's first glyph minus the smallest such x among the cell's lines, in points
	Gap    float64 // vertical space above the line beyond the cell's usual line pitch, in points (0 for the first line of a fragment)
	Size   float64 // font size in points (0 if unknown)
}

// Description is a description cell read back into HTML and plain text.
type Description struct {
	// HTML is the description as HTML: the printed source where it was
	// printed as HTML source, otherwise elements rebuilt from the layout.
	HTML string
	// Text is the plain text of HTML: one paragraph or list item per line.
	Text string
	// Literal reports that the description was printed as HTML source.
	Literal bool
	// Truncated reports that the printed HTML source is cut or has
	// unclosed or mismatched tags.
	Truncated bool
}

// Build joins the fragments (each a cell's lines; fragments joined with one
// space) and returns the description.
//
// A list item whose marker is drawn as a shape rather than a glyph is only
// recognised as such if the caller puts a "•" at the start of its line.
func Build(fragments [][]Line) Description {
	var all []string
	for _, f := range fragments {
		for _, l := range f {
			all = append(all, l.Text)
		}
	}
	raw := JoinLines(all)
	if raw == "" {
		return Description{}
	}
	if looksLikeHTML(raw) {
		return Description{
			HTML:      raw,
			Text:      TextOf(raw),
			Literal:   true,
			Truncated: Unbalanced(raw),
		}
	}
	h := layout(fragments).html()
	return Description{HTML: h, Text: TextOf(h)}
}
