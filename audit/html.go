package audit

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// voidTags never have an end tag.
var voidTags = set("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")

// optionalEnd are the tags whose end tag HTML lets a writer leave out.
var optionalEnd = set("p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
	"colgroup", "rb", "rt", "rtc", "rp", "html", "head", "body")

// closesP are the tags whose start closes an open paragraph.
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

// cutTagRe matches markup cut at the end of a text: a tag without its ">".
var cutTagRe = regexp.MustCompile(`<(?:/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?|!--(?:[^-]|-[^-])*)$`)

// truncatedHTML returns the cut tag or comment at the end of s, or "".
func truncatedHTML(s string) string {
	return cutTagRe.FindString(strings.TrimSpace(s))
}

// unbalancedHTML describes the tags of s that are opened and never closed
// or closed and never opened, or returns "".
func unbalancedHTML(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var stack []string
	unclosed := map[string]int{}
	stray := map[string]int{}
	var order []string // tags in the order a problem was first seen
	note := func(m map[string]int, tag string) {
		if unclosed[tag] == 0 && stray[tag] == 0 {
			order = append(order, tag)
		}
		m[tag]++
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, _ := z.TagName()
		tag := string(name)
		switch tt {
		case html.StartTagToken:
			if voidTags[tag] {
				continue
			}
			if n := len(stack); n > 0 {
				top := stack[n-1]
				if (closesP[tag] && top == "p") || (siblings[tag] && top == tag) {
					stack = stack[:n-1]
				}
			}
			stack = append(stack, tag)
		case html.EndTagToken:
			if voidTags[tag] {
				continue
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
		}
	}
	for _, t := range stack {
		if !optionalEnd[t] {
			note(unclosed, t)
		}
	}
	var parts []string
	for _, t := range order {
		if n := unclosed[t]; n > 0 {
			parts = append(parts, fmt.Sprintf("opens <%s>%s without closing it", t, times(n)))
		}
	}
	for _, t := range order {
		if n := stray[t]; n > 0 {
			parts = append(parts, fmt.Sprintf("closes </%s>%s without opening it", t, times(n)))
		}
	}
	return strings.Join(parts, " and ")
}

func times(n int) string {
	if n == 1 {
		return ""
	}
	return fmt.Sprintf(" %d times", n)
}
