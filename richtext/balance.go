package richtext

import (
	"io"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// Unbalanced reports whether HTML source is cut or has unclosed or
// mismatched tags. It reads the raw source, before a parser silently closes
// what is left open: every element but the void ones (<br>, <img>, …) must
// be closed, innermost first, and the source must not end inside a tag or
// comment.
func Unbalanced(src string) bool {
	z := html.NewTokenizer(strings.NewReader(src))
	var open []string
	consumed := 0
	var lastText []byte // the raw text last read, if it was the last token
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return true
			}
			break
		}
		raw := z.Raw()
		consumed += len(raw)
		lastText = nil
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if voidElements[string(name)] {
				continue
			}
			if len(open) == 0 || open[len(open)-1] != string(name) {
				return true
			}
			open = open[:len(open)-1]
		case html.CommentToken:
			if strings.HasPrefix(string(raw), "<!--") && !strings.HasSuffix(string(raw), "-->") {
				return true
			}
		case html.TextToken:
			lastText = raw
		}
	}
	// the tokenizer drops a tag cut by the end of the input, or reads its
	// "<" or "</" as text
	return len(open) > 0 || consumed < len(src) || cutTagStart.Match(lastText)
}

// cutTagStart matches text ending where a tag begins: "… <" or "… </".
var cutTagStart = regexp.MustCompile(`</?$`)

// voidElements have no end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true,
	"param": true, "source": true, "track": true, "wbr": true,
}

// htmlTag matches a start or end tag of an element a rich-text editor
// writes; text with one is printed HTML source.
var htmlTag = regexp.MustCompile(`(?i)</?(?:p|br|ul|ol|li|div|span|b|i|u|s|em|strong|a|font|sub|sup|small|big|strike|h[1-6]|table|thead|tbody|tfoot|tr|td|th|blockquote|pre|hr|img|dl|dt|dd|center|section|article)(?:\s[^<>]*)?/?>`)

func looksLikeHTML(s string) bool { return htmlTag.MatchString(s) }
