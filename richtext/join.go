package richtext

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
		l = collapse(strings.ReplaceAll(l, string(softHyphen), ""))
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

// collapse returns s with runs of white space replaced by one space and no
// leading or trailing space.
func collapse(s string) string {
	if collapsed(s) {
		return s
	}
	buf := make([]byte, 0, len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = len(buf) > 0
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, r)
	}
	return string(buf)
}

// collapsed reports whether s has no white space but single spaces between
// words.
func collapsed(s string) bool {
	prevSpace := true // no leading space
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case unicode.IsSpace(r):
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
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
