package audit

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/normalize"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/richtext"
)

// Rules about the text of cells: encoding, markup, typing slips.
const (
	RuleBadEncoding        = "bad-encoding"
	RuleTruncatedHTML      = "truncated-html"
	RuleUnbalancedHTML     = "unbalanced-html"
	RuleLiteralMarkup      = "literal-markup"
	RuleUnbalancedBrackets = "unbalanced-brackets"
	RuleTripledLetter      = "tripled-letter"
	RuleCarryOverTitle     = "carry-over-title"
	RuleLabelInText        = "label-in-text"
	RuleHTMLTextOutside    = "html-text-outside"
)

var textRules = []Rule{
	{RuleBadEncoding, plan.SeverityError, "mojibake (\"Ã¨\", \"â€™\"), replacement characters (U+FFFD) or control characters in any text"},
	{RuleTruncatedHTML, plan.SeverityError, "a description whose HTML is cut inside a tag or comment"},
	{RuleUnbalancedHTML, plan.SeverityWarning, "a description whose HTML opens a tag it never closes, or closes one it never opened (optional end tags such as </p> and </li> may be left out)"},
	{RuleHTMLTextOutside, plan.SeverityWarning, "a description whose HTML leaves text outside any element after a closing tag (\"…totale dei</p> procedimenti, evidenziando…\"): the rest of a paragraph cut off by a misplaced </p>"},
	{RuleLiteralMarkup, plan.SeverityWarning, "HTML source printed as text in a plain cell (a phase description showing \"<p>…\")"},
	{RuleUnbalancedBrackets, plan.SeverityWarning, "a title, goal, name or label that opens \"(\", \"[\", \"{\", \"“\" or \"«\" and never closes it: often a cut value"},
	{RuleTripledLetter, plan.SeverityWarning, "a word with the same letter three times in a row (\"TUTORAGGGIO\"); Roman numerals and \"www\" are not flagged"},
	{RuleCarryOverTitle, plan.SeverityInfo, "an objective title that carries the prefix of an earlier year's objective (\"2023_21_…\")"},
	{RuleLabelInText, plan.SeverityInfo, "a description that begins with its own label (\"" + normalize.LabelDescription + " L'obiettivo…\")"},
}

type cellKind int

const (
	shortCell cellKind = iota // titles, names, labels
	longCell                  // descriptions as text
	htmlCell                  // descriptions as HTML
)

// cell is one distinct text value with every place it is printed.
type cell struct {
	what         i18n.Text // what it is, for messages: "description", "phase title"
	of           string    // the title of its objective, if it belongs to one
	value        string
	kind         cellKind
	mayHaveLabel bool // a description that may begin with its own label
	code         bool // a code: abbreviations, not words
	locs         []loc
}

// label names the cell for a message.
func (ce *cell) label() i18n.Text {
	if ce.of == "" {
		return ce.what
	}
	return i18n.T("%s of objective %s", ce.what, quote(ce.of, 60))
}

// collectCells gathers every text value of the document, one cell per
// distinct (field, value), in printed order.
func collectCells(c *checker) []*cell {
	var cells []*cell
	type id struct{ kind, value string }
	byID := map[id]*cell{}
	of := ""
	add := func(kindID string, what i18n.Text, value string, kind cellKind, l loc) *cell {
		if blank(value) {
			return nil
		}
		ce, ok := byID[id{kindID, value}]
		if !ok {
			ce = &cell{what: what, of: of, value: value, kind: kind}
			byID[id{kindID, value}] = ce
			cells = append(cells, ce)
		}
		ce.locs = append(ce.locs, l)
		return ce
	}
	addCode := func(kindID string, field i18n.Text, value string, l loc) {
		if ce := add(kindID, field, value, shortCell, l); ce != nil {
			ce.code = true
		}
	}
	for _, u := range c.doc.Units {
		l := loc{page: u.Page, unit: u.Code}
		of = ""
		addCode("unit-code", i18n.T("unit code"), u.Code, l)
		add("unit-name", i18n.T("name of unit %s", u.Code), u.Name, shortCell, l)
		add("person", i18n.T("head of %s", u.Code), plan.Deref(u.Head), shortCell, l)
	}
	of = ""
	for _, t := range c.doc.TOC {
		addCode("unit-code", i18n.T("table of contents entry"), t.Code, loc{})
		add("unit-name", i18n.T("table of contents entry %s", t.Code), t.Name, shortCell, loc{})
	}
	for i := range c.doc.Objectives {
		o := &c.doc.Objectives[i]
		l := c.objLoc(i)
		of = ""
		add("title", i18n.T("objective title"), o.Title, shortCell, l)
		of = o.Title
		if ce := add("description", i18n.T("description"), o.DescriptionText, longCell, l); ce != nil {
			ce.mayHaveLabel = true
		}
		add("html", i18n.T("description"), o.DescriptionHTML, htmlCell, l)
		of = "" // goals and people are shared between objectives
		for _, k := range goalKinds {
			if g := k.get(o); g != nil {
				addCode("goal-code", i18n.T("%s code", k.label), g.Code, l)
				add("goal-title", i18n.T("%s %s title", k.label, plan.Canon(g.Code)), g.Title, shortCell, l)
			}
		}
		for _, s := range o.Staff {
			add("person", i18n.T("staff name"), s.Name, shortCell, l)
			add("category", i18n.T("category of %s", strconv.Quote(plan.Canon(s.Name))), plan.Deref(s.Category), shortCell, l)
			add("role", i18n.T("role of %s", strconv.Quote(plan.Canon(s.Name))), plan.Deref(s.Role), shortCell, l)
		}
		of = o.Title
		for _, p := range o.Phases {
			add("phase-title", i18n.T("phase title"), p.Title, shortCell, l)
			if ce := add("phase-description", i18n.T("description of phase %s", quote(p.Title, 60)), plan.Deref(p.Description), longCell, l); ce != nil {
				ce.mayHaveLabel = true
			}
		}
		for _, in := range o.Indicators {
			name := quote(in.Name, 60)
			add("indicator", i18n.T("indicator name"), in.Name, shortCell, l)
			add("indicator-unit", i18n.T("unit of indicator %s", name), plan.Deref(in.Unit), shortCell, l)
			add("indicator-reference", i18n.T("reference of indicator %s", name), plan.Deref(in.Reference), shortCell, l)
			for _, v := range in.Targets {
				add("indicator-target", i18n.T("target of indicator %s", name), plan.Deref(v), shortCell, l)
			}
		}
	}
	return cells
}

// checkText runs the text rules over every distinct text value, reporting
// each problem once, where the value is first printed.
func checkText(c *checker) {
	y := c.doc.Year
	// Characters the PDF reader could not map read as U+FFFD: the reader
	// reports them once (RuleUnmappedGlyphs), they are no damage of the
	// plan's text.
	lost := false
	for _, f := range c.doc.Findings {
		lost = lost || f.Rule == RuleUnmappedGlyphs
	}
	for _, ce := range collectCells(c) {
		if bad, needle := encodingProblem(ce.value, lost); !bad.IsZero() {
			c.addAt(RuleBadEncoding, ce.locs, "%s in %s: %s", bad, ce.label(), quote(context(ce.value, needle), 80))
		}
		switch ce.kind {
		case htmlCell:
			m := richtext.CheckMarkup(ce.value)
			if m.Cut != "" {
				c.addAt(RuleTruncatedHTML, ce.locs, "HTML of the %s is cut inside %s", ce.label(), quote(m.Cut, 60))
			}
			if p := describeMarkup(m); !p.IsZero() {
				c.addAt(RuleUnbalancedHTML, ce.locs, "HTML of the %s %s", ce.label(), p)
			}
			if len(m.Loose) > 0 {
				items := make([]any, 0, len(m.Loose))
				for _, t := range m.Loose {
					items = append(items, quote(t, 60))
				}
				c.addAt(RuleHTMLTextOutside, ce.locs, "HTML of the %s leaves text outside any element after a closing tag: %s",
					ce.label(), i18n.List{Sep: ", ", Items: items})
			}
			continue
		}
		if ce.code {
			continue
		}
		if tag := richtext.FirstTag(ce.value); tag != "" {
			c.addAt(RuleLiteralMarkup, ce.locs, "%s shows HTML source %s: %s", ce.label(), quote(tag, 40), quote(ce.value, 80))
		}
		if words := tripledLetterWords(ce.value); len(words) > 0 {
			c.addAt(RuleTripledLetter, ce.locs, "%s has a letter written three times in %s",
				ce.label(), quoteAll(words))
		}
		if ce.kind == shortCell {
			if open, tail := unclosedBracket(ce.value); open != "" {
				c.addAt(RuleUnbalancedBrackets, ce.locs, "%s opens %q and never closes it: %s", ce.label(), open, quote(tail, 70))
			}
		}
		if ce.mayHaveLabel {
			if m := labelRe.FindStringSubmatch(ce.value); m != nil {
				label := m[1]
				c.addAt(RuleLabelInText, ce.locs, "%s begins with the label %q: %s", ce.label(), label, quote(ce.value, 60))
			}
		}
	}
	// Titles carried over from an earlier plan, once per distinct title.
	seen := map[string][]loc{}
	var order []string
	for i := range c.doc.Objectives {
		t := plan.Canon(c.doc.Objectives[i].Title)
		if carryOverYear(t, y) == 0 {
			continue
		}
		if _, ok := seen[t]; !ok {
			order = append(order, t)
		}
		seen[t] = append(seen[t], c.objLoc(i))
	}
	for _, t := range order {
		_, prefix := plan.CarryOver(t)
		c.addAt(RuleCarryOverTitle, seen[t], "objective title %s carries the prefix %q of an objective carried over from %s",
			quote(t, 80), prefix, i18n.Year(carryOverYear(t, y)))
	}
}

func quoteAll(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(q, ", ")
}

// cp1252High are the characters Windows-1252 puts at bytes 0x80-0x9F: the
// second half of a UTF-8 sequence read as Windows-1252 may be one of them.
const cp1252High = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"

// encodingProblem describes the first sign of a damaged encoding in s and
// returns the characters that show it, or the zero Text: UTF-8 read as
// Latin-1 or Windows-1252 ("Ã¨" for "è", "Ã " for "à" once its no-break
// space is made a space, "â€™" for "’", "Â°" for "°"), the replacement
// character U+FFFD (unless lost: the reader's mark of a character the file
// lost), a control character.
func encodingProblem(s string, lost bool) (i18n.Text, string) {
	var prev rune
	for _, r := range s {
		switch {
		case r == '\uFFFD' && !lost:
			return i18n.T("replacement character U+FFFD"), string(r)
		case r == '\n' || r == '\t' || r == '\r' || r == '\uFFFD':
		case unicode.IsControl(r) && !(r >= 0x80 && r <= 0x9F && (prev == 'Ã' || prev == 'Â')):
			return i18n.T("control character %s", fmt.Sprintf("U+%04X", r)), string(r)
		case prev == 'Ã' && (r == ' ' || (r >= 0x80 && r <= 0xBF) || strings.ContainsRune(cp1252High, r)),
			prev == 'Â' && r >= 0x80 && r <= 0xBF,
			prev == 'â' && r == '€':
			bad := string([]rune{prev, r})
			return i18n.T("mojibake %s", strconv.Quote(bad)), bad
		}
		prev = r
	}
	return i18n.Text{}, ""
}

// context returns the text around the first place needle is found, for a
// message.
func context(s, needle string) string {
	i := strings.Index(s, needle)
	if i < 0 {
		return s
	}
	r := []rune(s[:i])
	from := max(0, len(r)-30)
	rest := []rune(s[i:])
	to := min(len(rest), 30)
	return string(r[from:]) + string(rest[:to])
}

// labelRe matches a description that begins with its own label.
var labelRe = regexp.MustCompile(`^\s*(` + regexp.QuoteMeta(normalize.LabelPhaseDescription) + `|` +
	regexp.QuoteMeta(normalize.LabelDescription) + `)(?:\s+\p{Lu}|\s*:|\s*\n)`)

// tripledLetterWords returns the words of s that have one letter three
// times in a row, leaving out Roman numerals, "www" and words of one
// repeated letter.
func tripledLetterWords(s string) []string {
	var out []string
	start, run := -1, 0
	var last rune
	hit := false
	flush := func(end int) {
		if hit {
			w := s[start:end]
			lw := strings.ToLower(w)
			first, _ := utf8.DecodeRuneInString(lw)
			if !strings.Contains(lw, "www") && !romanRe.MatchString(lw) && strings.Trim(lw, string(first)) != "" {
				out = append(out, w)
			}
		}
		start, run, last, hit = -1, 0, 0, false
	}
	for i, r := range s {
		if !unicode.IsLetter(r) {
			if start >= 0 {
				flush(i)
			}
			continue
		}
		if start < 0 {
			start = i
		}
		r = unicode.ToLower(r)
		if r == last {
			run++
		} else {
			last, run = r, 1
		}
		if run >= 3 {
			hit = true
		}
	}
	if start >= 0 {
		flush(len(s))
	}
	return out
}

var romanRe = regexp.MustCompile(`^[ivxlcdm]+$`)

// unclosedBracket returns the first bracket of s that is never closed and
// the text from it on; closers without an opener ("1) …") are list
// markers and do not count.
func unclosedBracket(s string) (string, string) {
	pairs := map[rune]rune{')': '(', ']': '[', '}': '{', '”': '“', '»': '«'}
	type open struct {
		r   rune
		pos int
	}
	var stack []open
	for i, r := range s {
		switch r {
		case '(', '[', '{', '“', '«':
			stack = append(stack, open{r, i})
		case ')', ']', '}', '”', '»':
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].r == pairs[r] {
					stack = stack[:k]
					break
				}
			}
		}
	}
	if len(stack) == 0 {
		return "", ""
	}
	return string(stack[0].r), s[stack[0].pos:]
}
