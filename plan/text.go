package plan

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The comparison forms of a text value, from the strictest to the loosest:
//
//	Collapse  white space only: runs of spaces, tabs and line breaks made one
//	          space, none at either end
//	Canon     Collapse of the Unicode NFC form: the form two printed values
//	          are equal in when only their spacing or composition differs
//	CaseFold  Canon in lower case: the form keys and names are matched on
//	Fold      letters and digits only, accents and case removed, every other
//	          run of characters one space: the form of a loose match
//	          ("MARCHIO'" and "Marchiò" fold alike)
//
// Each returns s itself, without a copy, when s is already in that form.

// Collapse returns s with every run of white space made one space and no
// space at either end: strings.Fields joined by spaces (bytes that are not
// UTF-8 kept as they are), s itself when it is so already.
func Collapse(s string) string {
	if collapsed(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// collapsed reports whether s has no white space (as strings.Fields sees
// it) but single spaces between words.
func collapsed(s string) bool {
	prevSpace := true // no leading space
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c < utf8.RuneSelf:
			if c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' {
				return false
			}
			prevSpace = false
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			i += n - 1
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// Canon is the comparison form of a text value: Unicode NFC with runs of
// white space collapsed to one space and no leading or trailing space.
func Canon(s string) string {
	if collapsed(s) && isNFC(s) {
		return s
	}
	return Collapse(norm.NFC.String(s))
}

// isNFC reports whether s is in NFC, quickly for ASCII.
func isNFC(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return norm.NFC.IsNormalString(s)
		}
	}
	return true
}

// SameText reports whether two printed values are equal once spacing and
// Unicode composition are made canonical (case and accents count).
func SameText(a, b string) bool { return a == b || Canon(a) == Canon(b) }

// CaseFold is Canon in lower case.
func CaseFold(s string) string { return strings.ToLower(Canon(s)) }

// Fold is the loose comparison form of a value: accents and case removed,
// an apostrophe used as an accent ("MARCHIO'") dropped, every run of
// punctuation and space made one space, none at either end.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

// carryOverRe matches the prefix of a title carried over from an earlier
// plan: the year, an underscore and usually the old objective's number
// ("2023_39_").
var carryOverRe = regexp.MustCompile(`^\s*((?:19|20)\d\d)_(?:\d+_)?\s*`)

// CarryOver returns the year named by the carry-over prefix of an
// objective title ("2023_21_Rilancio…" gives 2023) and the prefix as
// printed, without surrounding space; 0 and "" when the title has none.
// Whether the objective really comes from an earlier plan depends on the
// plan's year.
func CarryOver(title string) (year int, prefix string) {
	m := carryOverRe.FindStringSubmatch(title)
	if m == nil {
		return 0, ""
	}
	y, _ := strconv.Atoi(m[1])
	return y, strings.TrimSpace(m[0])
}

// TrimCarryOver returns title without its carry-over prefix.
func TrimCarryOver(title string) string {
	if loc := carryOverRe.FindStringIndex(title); loc != nil {
		return title[loc[1]:]
	}
	return title
}
