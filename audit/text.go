package audit

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

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
)

var textRules = []Rule{
	{RuleBadEncoding, plan.SeverityError, "mojibake (\"Ã¨\", \"â€™\"), replacement characters (U+FFFD) or control characters in any text"},
	{RuleTruncatedHTML, plan.SeverityError, "a description whose HTML is cut inside a tag or comment"},
	{RuleUnbalancedHTML, plan.SeverityWarning, "a description whose HTML opens a tag it never closes, or closes one it never opened (optional end tags such as </p> and </li> may be left out)"},
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
	what         string // what it is, for messages: "description", "phase title"
	of           string // the title of its objective, if it belongs to one
	value        string
	kind         cellKind
	mayHaveLabel bool // a description that may begin with its own label
	code         bool // a code: abbreviations, not words
	locs         []loc
}

// label names the cell for a message.
func (ce *cell) label() string {
	what := ce.what
	for _, p := range []string{"description of phase ", "role of ", "category of ", "unit of indicator ", "reference of indicator ", "target of indicator "} {
		if rest, ok := strings.CutPrefix(what, p); ok {
			what = p + quote(rest, 60)
			break
		}
	}
	if ce.of == "" {
		return what
	}
	return what + " of objective " + quote(ce.of, 60)
}

// collectCells gathers every text value of the document, one cell per
// distinct (field, value), in printed order.
func collectCells(c *checker) []*cell {
	var cells []*cell
	type id struct{ kind, value string }
	byID := map[id]*cell{}
	of := ""
	add := func(kindID, what, value string, kind cellKind, l loc) *cell {
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
	addCode := func(kindID, field, value string, l loc) {
		if ce := add(kindID, field, value, shortCell, l); ce != nil {
			ce.code = true
		}
	}
	for _, u := range c.doc.Units {
		l := loc{page: u.Page, unit: u.Code}
		of = ""
		addCode("unit-code", "unit code", u.Code, l)
		add("unit-name", "name of unit "+u.Code, u.Name, shortCell, l)
		add("person", "head of "+u.Code, plan.Deref(u.Head), shortCell, l)
	}
	of = ""
	for _, t := range c.doc.TOC {
		addCode("unit-code", "table of contents entry", t.Code, loc{})
		add("unit-name", "table of contents entry "+t.Code, t.Name, shortCell, loc{})
	}
	for i := range c.doc.Objectives {
		o := &c.doc.Objectives[i]
		l := c.objLoc(i)
		of = ""
		add("title", "objective title", o.Title, shortCell, l)
		of = o.Title
		if ce := add("description", "description", o.DescriptionText, longCell, l); ce != nil {
			ce.mayHaveLabel = true
		}
		add("html", "description", o.DescriptionHTML, htmlCell, l)
		of = "" // goals and people are shared between objectives
		for _, g := range []struct {
			label string
			goal  *plan.Goal
		}{{"strategic goal", o.StrategicGoal}, {"operational goal", o.OperationalGoal}} {
			if g.goal != nil {
				addCode("goal-code", g.label+" code", g.goal.Code, l)
				add("goal-title", g.label+" "+g.goal.Code+" title", g.goal.Title, shortCell, l)
			}
		}
		for _, s := range o.Staff {
			add("person", "staff name", s.Name, shortCell, l)
			add("category", "category of "+s.Name, plan.Deref(s.Category), shortCell, l)
			add("role", "role of "+s.Name, plan.Deref(s.Role), shortCell, l)
		}
		of = o.Title
		for _, p := range o.Phases {
			add("phase-title", "phase title", p.Title, shortCell, l)
			if ce := add("phase-description", "description of phase "+p.Title, plan.Deref(p.Description), longCell, l); ce != nil {
				ce.mayHaveLabel = true
			}
		}
		for _, in := range o.Indicators {
			add("indicator", "indicator name", in.Name, shortCell, l)
			add("indicator-unit", "unit of indicator "+in.Name, plan.Deref(in.Unit), shortCell, l)
			add("indicator-reference", "reference of indicator "+in.Name, plan.Deref(in.Reference), shortCell, l)
			for _, v := range in.Targets {
				add("indicator-target", "target of indicator "+in.Name, plan.Deref(v), shortCell, l)
			}
		}
	}
	return cells
}

// checkText runs the text rules over every distinct text value, reporting
// each problem once, where the value is first printed.
func checkText(c *checker) {
	y := c.doc.Year
	for _, ce := range collectCells(c) {
		if bad := encodingProblem(ce.value); bad != "" {
			c.addAt(RuleBadEncoding, ce.locs, "%s in %s: %s", bad, ce.label(), quote(context(ce.value, bad), 80))
		}
		switch ce.kind {
		case htmlCell:
			m := richtext.CheckMarkup(ce.value)
			if m.Cut != "" {
				c.addAt(RuleTruncatedHTML, ce.locs, "HTML of the %s is cut inside %s", ce.label(), quote(m.Cut, 60))
			}
			if p := describeMarkup(m); p != "" {
				c.addAt(RuleUnbalancedHTML, ce.locs, "HTML of the %s %s", ce.label(), p)
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
		c.addAt(RuleCarryOverTitle, seen[t], "objective title %s carries the prefix %q of an objective carried over from %d",
			quote(t, 80), prefix, carryOverYear(t, y))
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

// encodingProblem describes the first sign of a damaged encoding in s, or
// returns "": UTF-8 read as Latin-1 or Windows-1252 ("Ã¨" for "è", "Ã "
// for "à" once its no-break space is made a space, "â€™" for "’", "Â°"
// for "°"), the replacement character U+FFFD, a control character.
func encodingProblem(s string) string {
	var prev rune
	for _, r := range s {
		switch {
		case r == '\uFFFD':
			return "replacement character U+FFFD"
		case r == '\n' || r == '\t' || r == '\r':
		case unicode.IsControl(r) && !(r >= 0x80 && r <= 0x9F && (prev == 'Ã' || prev == 'Â')):
			return fmt.Sprintf("control character U+%04X", r)
		case prev == 'Ã' && (r == ' ' || (r >= 0x80 && r <= 0xBF) || strings.ContainsRune(cp1252High, r)),
			prev == 'Â' && r >= 0x80 && r <= 0xBF,
			prev == 'â' && r == '€':
			return fmt.Sprintf("mojibake %q", string([]rune{prev, r}))
		}
		prev = r
	}
	return ""
}

// context returns the text around the first place bad was found, for a
// message.
func context(s, bad string) string {
	needle := bad
	if strings.HasPrefix(bad, "mojibake ") {
		needle = strings.Trim(strings.TrimPrefix(bad, "mojibake "), `"`)
	} else if strings.Contains(bad, "U+FFFD") {
		needle = "\uFFFD"
	} else {
		for _, r := range s {
			if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
				needle = string(r)
				break
			}
		}
	}
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
