package store

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// The search query language, one for both index modules: words, "phrases",
// prefix*, AND, OR, NOT (binary: a NOT b), parentheses, NEAR(a b [, N]),
// and a column filter before a word or phrase (title:, description:,
// phases:). Words next to each other must all match (an implicit AND).
// NOT binds tighter than AND, AND than OR, as in both modules. A query
// that does not parse is searched as its plain words.
//
// Every word and phrase is written to SQLite as a quoted string, so that
// punctuation inside a word (tempo-medio, l'obiettivo) is split by the
// tokenizer as in the text instead of failing as query syntax.

// MaxQueryTerms is the most words a query may hold. A term costs a lookup
// in the index, and an OR of many costs more: past this a query is
// refused with ErrQueryTooLarge.
const MaxQueryTerms = 64

// MaxQueryBytes is the longest query accepted.
const MaxQueryBytes = 10000

// QueryError is a query that cannot be searched: too large or too costly.
// Its message says what to change.
type QueryError struct{ Msg string }

func (e *QueryError) Error() string { return e.Msg }

// queryColumns maps the column filters of the query language to the
// index's columns.
var queryColumns = map[string]string{
	"title":       "title",
	"description": "description_text",
	"phases":      "phases_text",
	"phase":       "phases_text",
}

// qnode is a node of a parsed query.
type qnode interface{}

// qterm is a word or a phrase: its words, whether the last is a prefix,
// and the column it is limited to ("" for all).
type qterm struct {
	words  []string
	prefix bool
	column string
}

type qnear struct {
	terms []qterm
	dist  int // 0: the module's default
}

type qbinary struct {
	op          string // AND, OR, NOT
	left, right qnode
}

// token kinds of the lexer.
const (
	tokWord = iota
	tokString
	tokLParen
	tokRParen
	tokComma
)

type qtoken struct {
	kind   int
	text   string
	prefix bool   // a * right after it
	column string // a column filter right before it
}

// lexQuery splits a query into tokens; it fails on an unterminated string
// or a column filter with nothing after it.
func lexQuery(q string) ([]qtoken, error) {
	var toks []qtoken
	rs := []rune(q)
	i := 0
	column := ""
	for i < len(rs) {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			if column != "" {
				return nil, fmt.Errorf("nothing after the column filter %s", column)
			}
			i++
			continue
		case r == '(' || r == ')' || r == ',':
			if column != "" {
				return nil, fmt.Errorf("nothing after the column filter %s", column)
			}
			kind := map[rune]int{'(': tokLParen, ')': tokRParen, ',': tokComma}[r]
			toks = append(toks, qtoken{kind: kind, text: string(r)})
			i++
			continue
		case r == '"':
			j := i + 1
			var b strings.Builder
			for {
				if j >= len(rs) {
					return nil, fmt.Errorf("unterminated phrase")
				}
				if rs[j] == '"' {
					if j+1 < len(rs) && rs[j+1] == '"' {
						b.WriteRune('"')
						j += 2
						continue
					}
					break
				}
				b.WriteRune(rs[j])
				j++
			}
			i = j + 1
			t := qtoken{kind: tokString, text: b.String(), column: column}
			if i < len(rs) && rs[i] == '*' {
				t.prefix = true
				i++
			}
			column = ""
			toks = append(toks, t)
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) && !strings.ContainsRune(`"(),`, rs[j]) {
			j++
		}
		word := string(rs[i:j])
		i = j
		if name, rest, ok := strings.Cut(word, ":"); ok && column == "" {
			if col, known := queryColumns[strings.ToLower(name)]; known {
				column = col
				if rest == "" {
					continue
				}
				word = rest
			}
		}
		t := qtoken{kind: tokWord, text: word, column: column}
		column = ""
		if strings.HasSuffix(t.text, "*") {
			t.text = strings.TrimRight(t.text, "*")
			t.prefix = true
		}
		toks = append(toks, t)
	}
	if column != "" {
		return nil, fmt.Errorf("nothing after the column filter %s", column)
	}
	return toks, nil
}

// qparser parses tokens into a query tree.
type qparser struct {
	toks []qtoken
	pos  int
}

func (p *qparser) peek() *qtoken {
	if p.pos < len(p.toks) {
		return &p.toks[p.pos]
	}
	return nil
}

func (p *qparser) keyword(word string) bool {
	t := p.peek()
	return t != nil && t.kind == tokWord && t.column == "" && !t.prefix && t.text == word
}

// parseQuery parses q; the error says what is not query syntax.
func parseQuery(q string) (qnode, error) {
	toks, err := lexQuery(q)
	if err != nil {
		return nil, err
	}
	p := &qparser{toks: toks}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("unexpected %q", p.toks[p.pos].text)
	}
	return n, nil
}

func (p *qparser) or() (qnode, error) {
	left, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.keyword("OR") {
		p.pos++
		right, err := p.and()
		if err != nil {
			return nil, err
		}
		left = qbinary{"OR", left, right}
	}
	return left, nil
}

func (p *qparser) and() (qnode, error) {
	left, err := p.not()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if t == nil || t.kind == tokRParen || t.kind == tokComma || p.keyword("OR") {
			return left, nil
		}
		if p.keyword("AND") {
			p.pos++
		}
		right, err := p.not()
		if err != nil {
			return nil, err
		}
		left = qbinary{"AND", left, right}
	}
}

func (p *qparser) not() (qnode, error) {
	left, err := p.primary()
	if err != nil {
		return nil, err
	}
	for p.keyword("NOT") {
		p.pos++
		right, err := p.primary()
		if err != nil {
			return nil, err
		}
		left = qbinary{"NOT", left, right}
	}
	return left, nil
}

func (p *qparser) primary() (qnode, error) {
	t := p.peek()
	if t == nil {
		return nil, fmt.Errorf("a word is missing at the end")
	}
	switch {
	case t.kind == tokLParen:
		p.pos++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if t := p.peek(); t == nil || t.kind != tokRParen {
			return nil, fmt.Errorf("unclosed parenthesis")
		}
		p.pos++
		return n, nil
	case t.kind == tokWord && t.column == "" && t.text == "NEAR" && p.pos+1 < len(p.toks) && p.toks[p.pos+1].kind == tokLParen:
		p.pos += 2
		return p.near()
	case t.kind == tokWord && t.column == "" && !t.prefix && (t.text == "AND" || t.text == "OR" || t.text == "NOT"):
		return nil, fmt.Errorf("%s needs a word on each side", t.text)
	case t.kind == tokWord || t.kind == tokString:
		p.pos++
		return p.term(t)
	}
	return nil, fmt.Errorf("unexpected %q", t.text)
}

// term makes a word or phrase token into a term of its words; punctuation
// is left to the tokenizer, but a term must hold a letter or digit.
func (p *qparser) term(t *qtoken) (qnode, error) {
	words := strings.Fields(t.text)
	letters := false
	for _, r := range t.text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters = true
			break
		}
	}
	if len(words) == 0 || !letters {
		return nil, fmt.Errorf("%q holds no word", t.text)
	}
	return qterm{words: words, prefix: t.prefix, column: t.column}, nil
}

func (p *qparser) near() (qnode, error) {
	var n qnear
	for {
		t := p.peek()
		switch {
		case t == nil:
			return nil, fmt.Errorf("unclosed NEAR")
		case t.kind == tokRParen:
			p.pos++
			if len(n.terms) < 2 {
				return nil, fmt.Errorf("NEAR needs two words or phrases")
			}
			return n, nil
		case t.kind == tokComma:
			p.pos++
			d := p.peek()
			if d == nil || d.kind != tokWord {
				return nil, fmt.Errorf("NEAR(…, N) needs a number")
			}
			v, err := strconv.Atoi(d.text)
			if err != nil || v < 0 || v > 1000 {
				return nil, fmt.Errorf("NEAR(…, N) needs a number from 0 to 1000")
			}
			n.dist = v
			p.pos++
			if t := p.peek(); t == nil || t.kind != tokRParen {
				return nil, fmt.Errorf("unclosed NEAR")
			}
		case t.kind == tokWord || t.kind == tokString:
			p.pos++
			term, err := p.term(t)
			if err != nil {
				return nil, err
			}
			if term.(qterm).column != "" {
				return nil, fmt.Errorf("a column filter inside NEAR")
			}
			n.terms = append(n.terms, term.(qterm))
		default:
			return nil, fmt.Errorf("unexpected %q in NEAR", t.text)
		}
	}
}

// plainQuery is the query of the words of q, all of which must match: what
// a query that does not parse is searched as.
func plainQuery(q string) qnode {
	var n qnode
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`"()*,`, r) }) {
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		t := qterm{words: []string{w}}
		if n == nil {
			n = t
		} else {
			n = qbinary{"AND", n, t}
		}
	}
	return n
}

// countTerms is the number of words in n.
func countTerms(n qnode) int {
	switch n := n.(type) {
	case qterm:
		return len(n.words)
	case qnear:
		c := 0
		for _, t := range n.terms {
			c += len(t.words)
		}
		return c
	case qbinary:
		return countTerms(n.left) + countTerms(n.right)
	}
	return 0
}

// render writes n in the syntax of module.
func render(n qnode, module string) string {
	var b strings.Builder
	renderTo(&b, n, module, 0)
	return b.String()
}

// precedence of the operators, for parentheses.
var precedence = map[string]int{"OR": 1, "AND": 2, "NOT": 3}

func renderTo(b *strings.Builder, n qnode, module string, outer int) {
	switch n := n.(type) {
	case qterm:
		switch {
		case n.column == "":
			renderPhrase(b, n, module)
		case module == fts5:
			b.WriteString(n.column + " : ")
			renderPhrase(b, n, module)
		default:
			renderColumnFTS4(b, n, outer)
		}
	case qnear:
		if module == fts5 {
			b.WriteString("NEAR(")
			for i, t := range n.terms {
				if i > 0 {
					b.WriteString(" ")
				}
				renderPhrase(b, t, module)
			}
			if n.dist > 0 {
				fmt.Fprintf(b, ", %d", n.dist)
			}
			b.WriteString(")")
			return
		}
		op := " NEAR "
		if n.dist > 0 {
			op = fmt.Sprintf(" NEAR/%d ", n.dist)
		}
		for i, t := range n.terms {
			if i > 0 {
				b.WriteString(op)
			}
			renderPhrase(b, t, module)
		}
	case qbinary:
		p := precedence[n.op]
		if p < outer {
			b.WriteString("(")
		}
		renderTo(b, n.left, module, p)
		b.WriteString(" " + n.op + " ")
		// The right side of a NOT, or of an operator of the same
		// precedence, groups as written.
		renderTo(b, n.right, module, p+1)
		if p < outer {
			b.WriteString(")")
		}
	}
}

// renderColumnFTS4 writes a term limited to a column in FTS4, whose
// column filter applies to one bare token: each token of the term gets the
// filter, all required (a phrase becomes its words, in any order).
func renderColumnFTS4(b *strings.Builder, t qterm, outer int) {
	tokens := strings.FieldsFunc(strings.Join(t.words, " "), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(tokens) > 1 && outer > precedence["AND"] {
		b.WriteString("(")
	}
	for i, tok := range tokens {
		if i > 0 {
			b.WriteString(" AND ")
		}
		b.WriteString(t.column + ":" + tok)
		if t.prefix && i == len(tokens)-1 {
			b.WriteString("*")
		}
	}
	if len(tokens) > 1 && outer > precedence["AND"] {
		b.WriteString(")")
	}
}

// renderPhrase writes a term as a quoted string. In FTS5 a prefix follows
// the string ("tempo med"*); in FTS4 it goes inside ("tempo med*").
func renderPhrase(b *strings.Builder, t qterm, module string) {
	text := strings.ReplaceAll(strings.Join(t.words, " "), `"`, " ")
	switch {
	case t.prefix && module == fts5:
		b.WriteString(`"` + text + `"*`)
	case t.prefix:
		b.WriteString(`"` + text + `*"`)
	default:
		b.WriteString(`"` + text + `"`)
	}
}
