package richtext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/obiettivi/obiettivi/plan"
)

const softHyphen = '\u00AD'

// JoinLines joins the wrapped lines of one cell: one space between lines,
// except that a line ending in a hyphen inside a word ("Front-" + "Office",
// "art.4-" + "bis") is joined without space, keeping the hyphen, and a line
// ending in a soft hyphen ("proce\u00AD" + "dimento") is joined without
// space and without the hyphen. A line that ends in an HTML tag's "<" or
// "</", or in a slash glued to its word ("https://", "ruolo/": some engines
// break lines after a slash), is joined without space too.
// Whitespace is collapsed and soft hyphens elsewhere, being invisible, are
// dropped.
func JoinLines(lines []string) string {
	var b strings.Builder
	soft := false // the line before ended in a soft hyphen
	for _, l := range lines {
		endsSoft := strings.HasSuffix(strings.TrimRightFunc(l, unicode.IsSpace), string(softHyphen))
		l = plan.Collapse(strings.ReplaceAll(l, string(softHyphen), ""))
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			last, beforeLast := lastTwo(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if !soft && !(isHyphen(last) && isWordRune(beforeLast) && isWordRune(first)) && !cutToken(b.String()) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
		soft = endsSoft
	}
	return b.String()
}

// cutToken reports whether s ends where a line break most likely cut a
// token: in a tag's "<" or "</", or after a slash glued to the word before
// it ("https://", "ruolo/"). Some engines break lines after a slash; in the
// report's text a slash is almost never followed by a space, so the slash
// and the next line are one word.
func cutToken(s string) bool {
	if strings.HasSuffix(s, "<") {
		return true
	}
	last, before := lastTwo(s)
	return last == '/' && before != 0 && before != ' '
}

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// lastTwo returns the last rune of s and the one before it (0 if none).
func lastTwo(s string) (last, before rune) {
	last, n := utf8.DecodeLastRuneInString(s)
	if n < len(s) {
		before, _ = utf8.DecodeLastRuneInString(s[:len(s)-n])
	}
	return last, before
}
