// Package i18n writes the reports of the audit and the diff in the
// language of their readers: Italian, with the words the report prints
// (Obiettivo, Fase, Consuntivo, the months Gen … Dic), by default, and
// English. Every sentence has one entry per language, in one catalogue per
// language (it.go, en.go); its key is its English form.
package i18n

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// The languages of the reports.
var (
	Italian = language.Italian
	English = language.English
)

// Default is the language of a report when none is asked for.
var Default = Italian

// Parse reads a language name as the --lang flag takes it: "it" or "en"
// (a region such as "it-IT" is allowed); "" is the default.
func Parse(s string) (language.Tag, error) {
	if s == "" {
		return Default, nil
	}
	t, err := language.Parse(s)
	if err == nil {
		switch base, _ := t.Base(); base.String() {
		case "it":
			return Italian, nil
		case "en":
			return English, nil
		}
	}
	return language.Und, fmt.Errorf("unknown language %q: want it or en", s)
}

// Name is the short name of a supported language ("it", "en").
func Name(t language.Tag) string {
	base, _ := t.Base()
	return base.String()
}

// cat holds the catalogues of every language; it is built once and only
// read afterwards.
var cat = func() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(English))
	for key, msg := range italian {
		if err := b.SetString(Italian, key, msg); err != nil {
			panic("i18n: " + key + ": " + err.Error())
		}
	}
	for key, msg := range italianPlurals {
		if err := b.Set(Italian, key, msg); err != nil {
			panic("i18n: " + key + ": " + err.Error())
		}
	}
	for key, msg := range englishPlurals {
		if err := b.Set(English, key, msg); err != nil {
			panic("i18n: " + key + ": " + err.Error())
		}
	}
	return b
}()

// Printer writes the catalogue's sentences in language t.
func Printer(t language.Tag) *Writer {
	return &Writer{p: message.NewPrinter(t, message.Catalog(cat)), tag: t}
}

// Writer writes texts in one language.
type Writer struct {
	p   *message.Printer
	tag language.Tag
}

// Lang is the language w writes.
func (w *Writer) Lang() language.Tag { return w.tag }

// Sprintf writes the sentence of key with args, in w's language. An
// argument that is a Text or a List is written in that language first.
func (w *Writer) Sprintf(key string, args ...any) string {
	return w.p.Sprintf(key, w.resolve(args)...)
}

// Text writes x in w's language.
func (w *Writer) Text(x Text) string { return w.Sprintf(x.Key, x.Args...) }

func (w *Writer) resolve(args []any) []any {
	out := args
	for i, a := range args {
		var s string
		switch v := a.(type) {
		case Text:
			s = w.Text(v)
		case List:
			s = w.list(v)
		case Year:
			s = v.String()
		case Date:
			s = w.date(v)
		case Months:
			s = w.months(v)
		case MonthRanges:
			s = w.monthRanges(v)
		default:
			continue
		}
		if &out[0] == &args[0] {
			out = append([]any(nil), args...)
		}
		out[i] = s
	}
	return out
}

func (w *Writer) list(l List) string {
	parts := make([]string, len(l.Items))
	for i, it := range l.Items {
		switch v := it.(type) {
		case Text:
			parts[i] = w.Text(v)
		case string:
			parts[i] = v
		default:
			parts[i] = w.p.Sprint(v)
		}
	}
	sep, _ := l.Sep.(string)
	if t, ok := l.Sep.(Text); ok {
		sep = w.Text(t)
	}
	return strings.Join(parts, sep)
}

// Text is a sentence, or a part of one, to be written in any language: the
// key of its catalogue entries (its English form, a fmt format) and its
// arguments. An argument that is a Text or a List is written in the same
// language.
type Text struct {
	Key  string
	Args []any
}

// T is the text of key with args.
func T(key string, args ...any) Text { return Text{Key: key, Args: args} }

// List is a run of texts or strings joined by a separator: a string
// (", ", "; ") whatever the language, or a Text such as And.
type List struct {
	Sep   any
	Items []any
}

// And joins the items of a List with " and " in their language.
var And = T(" and ")

// Year is a year, written without the thousands separator a count gets
// ("2024", not "2.024").
type Year int

func (y Year) String() string { return fmt.Sprint(int(y)) }

// Date is an ISO date (YYYY-MM-DD), written as the report prints dates in
// Italian ("31/12/2024") and as it is in English; anything else is
// written as it is.
type Date string

func (w *Writer) date(d Date) string {
	s := string(d)
	if Name(w.tag) != "it" || len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return s
	}
	return s[8:] + "/" + s[5:7] + "/" + s[:4]
}

// monthKeys are the catalogue keys of the month names, January first.
var monthKeys = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// Month is the short name of month m (1-12) as the report's month grid
// prints it ("Gen" … "Dic" in Italian); another number is written as it is.
func (w *Writer) Month(m int) string {
	if m >= 1 && m <= 12 {
		return w.p.Sprintf(monthKeys[m-1])
	}
	return fmt.Sprint(m)
}

// Has reports whether the catalogue of language t has an entry for key.
func Has(t language.Tag, key string) bool {
	switch Name(t) {
	case "it":
		_, ok := italian[key]
		if !ok {
			_, ok = italianPlurals[key]
		}
		return ok
	case "en":
		return true // the key is the English sentence
	}
	return false
}

// IsZero reports whether t is the zero Text: no sentence.
func (t Text) IsZero() bool { return t.Key == "" }

// Months are month numbers (1-12), written as their names: "Apr, Mag".
type Months []int

// MonthRanges are month numbers in ascending order, written as ranges:
// [2 3 4 6] is "Feb–Apr, Giu"; none is "nessuno" ("none").
type MonthRanges []int

func (w *Writer) months(ms Months) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = w.Month(m)
	}
	return strings.Join(parts, ", ")
}

func (w *Writer) monthRanges(ms MonthRanges) string {
	if len(ms) == 0 {
		return w.Sprintf("none")
	}
	var parts []string
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1] == ms[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, w.Month(ms[i])+"–"+w.Month(ms[j]))
		} else {
			parts = append(parts, w.Month(ms[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
