package richtext

import (
	"io"
	"regexp"
	"strings"

	"github.com/obiettivi/obiettivi/plan"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Markup is what a reading of HTML source finds in its structure, before a
// parser silently closes what is left open.
type Markup struct {
	// Cut is the tag or comment the source ends inside (`<p style="text-al`,
	// `<!-- nota`), or "".
	Cut string
	// Unclosed are the elements opened and never closed, leaving out those
	// whose end tag HTML lets a writer omit (</p>, </li>, …), in the order
	// a problem was first seen.
	Unclosed []TagCount
	// Stray are the end tags of elements that were never opened.
	Stray []TagCount
	// Loose are the runs of text left outside any element after a block
	// closed ("…del</p> procedimenti, evidenziando…"), whitespace collapsed.
	Loose []string

	// strict is true when every element but the void ones is closed,
	// innermost first, and nothing is cut.
	strict bool
}

// TagCount is a tag name and how many times a problem was seen with it.
type TagCount struct {
	Tag string
	N   int
}

// Balanced reports whether the source closes what it opens (omitted
// optional end tags allowed) and is not cut.
func (m Markup) Balanced() bool {
	return m.Cut == "" && len(m.Unclosed) == 0 && len(m.Stray) == 0
}

// Unbalanced reports whether HTML source is cut or has unclosed or
// mismatched tags. It reads the raw source strictly: every element but the
// void ones (<br>, <img>, …) must be closed, innermost first, optional end
// tags included, and the source must not end inside a tag or comment.
func Unbalanced(src string) bool {
	return !CheckMarkup(src).strict
}

// CheckMarkup reads the tags of HTML source and tells what is cut, left
// open, closed without being opened, or left outside any element.
func CheckMarkup(src string) Markup {
	var m Markup
	m.Cut = cutTag.FindString(strings.TrimSpace(src))
	strict := true
	z := html.NewTokenizer(strings.NewReader(src))
	var raw []string   // open elements as written
	var stack []string // open elements, optional end tags implied
	unclosed := map[string]int{}
	stray := map[string]int{}
	var order []string // tags in the order a problem was first seen
	note := func(set map[string]int, tag string) {
		if unclosed[tag] == 0 && stray[tag] == 0 {
			order = append(order, tag)
		}
		set[tag]++
	}
	consumed := 0
	blockClosed := false // an element of the top level closed, and nothing opened since
	var lastText []byte  // the raw text last read, if it was the last token
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				strict = false
			}
			break
		}
		r := z.Raw()
		consumed += len(r)
		lastText = nil
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			blockClosed = false
			if voidElements[tag] || tt == html.SelfClosingTagToken {
				continue
			}
			raw = append(raw, tag)
			if n := len(stack); n > 0 {
				top := stack[n-1]
				if (closesP[tag] && top == "p") || (siblings[tag] && top == tag) {
					stack = stack[:n-1]
				}
			}
			stack = append(stack, tag)
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if voidElements[tag] {
				continue
			}
			if n := len(raw); n == 0 || raw[n-1] != tag {
				strict = false
			} else {
				raw = raw[:n-1]
			}
			k := len(stack) - 1
			for k >= 0 && stack[k] != tag {
				k--
			}
			if k < 0 {
				note(stray, tag)
				continue
			}
			for _, t := range stack[k+1:] {
				if !optionalEnd[t] {
					note(unclosed, t)
				}
			}
			stack = stack[:k]
			if len(stack) == 0 && blockElements[atom.Lookup(name)] {
				blockClosed = true
			}
		case html.CommentToken:
			if strings.HasPrefix(string(r), "<!--") && !strings.HasSuffix(string(r), "-->") {
				strict = false
			}
		case html.TextToken:
			lastText = r
			if len(stack) == 0 && blockClosed {
				if t := strings.TrimSpace(html.UnescapeString(string(r))); t != "" {
					m.Loose = append(m.Loose, plan.Collapse(t))
				}
			}
		}
	}
	for _, t := range stack {
		if !optionalEnd[t] {
			note(unclosed, t)
		}
	}
	for _, t := range order {
		if n := unclosed[t]; n > 0 {
			m.Unclosed = append(m.Unclosed, TagCount{t, n})
		}
	}
	for _, t := range order {
		if n := stray[t]; n > 0 {
			m.Stray = append(m.Stray, TagCount{t, n})
		}
	}
	// The tokenizer drops a tag cut by the end of the input, or reads its
	// "<" or "</" as text.
	m.strict = strict && len(raw) == 0 && consumed == len(src) && !cutTagStart.Match(lastText) && m.Cut == ""
	return m
}

// cutTag matches markup cut at the end of a text: a tag without its ">",
// or a comment without its "-->".
var cutTag = regexp.MustCompile(`<(?:/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?|!--(?:[^-]|-[^-])*)$`)

// cutTagStart matches text ending where a tag begins: "… <" or "… </".
var cutTagStart = regexp.MustCompile(`</?$`)

// voidElements have no end tag.
var voidElements = set("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")

// optionalEnd are the elements whose end tag HTML lets a writer leave out.
var optionalEnd = set("p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
	"colgroup", "rb", "rt", "rtc", "rp", "html", "head", "body")

// closesP are the elements whose start closes an open paragraph.
var closesP = set("address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer", "form",
	"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul")

// siblings close an open element of the same kind when they start.
var siblings = set("li", "dt", "dd", "tr", "td", "th", "option")

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// htmlTag matches a start or end tag of an element a rich-text editor
// writes; text with one is printed HTML source.
var htmlTag = regexp.MustCompile(`(?i)</?(?:p|br|ul|ol|li|div|span|b|i|u|s|em|strong|a|font|sub|sup|small|big|strike|h[1-6]|table|thead|tbody|tfoot|tr|td|th|blockquote|pre|hr|img|dl|dt|dd|center|section|article)(?:\s[^<>]*)?/?>`)

func looksLikeHTML(s string) bool { return htmlTag.MatchString(s) }

// FirstTag returns the first tag of s of an element a rich-text editor
// writes ("<p>", `<ol style="…">`), or "": text with one is HTML source.
func FirstTag(s string) string { return htmlTag.FindString(s) }
