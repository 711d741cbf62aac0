package i18n

import (
	"regexp"
	"slices"
	"testing"
)

// verb matches a fmt verb with an optional argument index: %s, %[2]d, %%.
var verb = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// args returns the argument indexes (1-based) a format uses.
func args(format string) []int {
	var used []int
	next := 1
	for _, m := range verb.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			n := 0
			for _, c := range m[1] {
				n = n*10 + int(c-'0')
			}
			next = n
		}
		if !slices.Contains(used, next) {
			used = append(used, next)
		}
		next++
	}
	slices.Sort(used)
	return used
}

// TestItalianUsesEveryArgument checks that each Italian sentence writes
// every argument of its English key, and no other.
func TestItalianUsesEveryArgument(t *testing.T) {
	for key, it := range italian {
		if a, b := args(key), args(it); !slices.Equal(a, b) {
			t.Errorf("%q uses arguments %v, its Italian %q uses %v", key, a, it, b)
		}
	}
}

func TestPlurals(t *testing.T) {
	it, en := Printer(Italian), Printer(English)
	tests := []struct {
		w    *Writer
		key  string
		n    int
		want string
	}{
		{it, "%d findings", 1, "1 rilievo"},
		{it, "%d findings", 81, "81 rilievi"},
		{en, "%d findings", 1, "1 finding"},
		{en, "%d findings", 2, "2 findings"},
		{it, "%d errors", 1260, "1.260 errori"},
		{en, "%d errors", 1260, "1,260 errors"},
	}
	for _, tt := range tests {
		if got := tt.w.Sprintf(tt.key, tt.n); got != tt.want {
			t.Errorf("%s %q %d = %q, want %q", Name(tt.w.Lang()), tt.key, tt.n, got, tt.want)
		}
	}
}

func TestValues(t *testing.T) {
	it, en := Printer(Italian), Printer(English)
	for _, tt := range []struct {
		w    *Writer
		text Text
		want string
	}{
		{it, T("%s to %s", Date("2024-01-01"), Date("2024-12-31")), "dal 01/01/2024 al 31/12/2024"},
		{en, T("%s to %s", Date("2024-01-01"), Date("2024-12-31")), "2024-01-01 to 2024-12-31"},
		{it, T("planned %s", Months{4, 5, 12}), "Previsto Apr, Mag, Dic"},
		{en, T("planned %s", Months{4, 5, 12}), "planned Apr, May, Dec"},
		{it, T("%s", MonthRanges{2, 3, 4, 6}), "Feb–Apr, Giu"},
		{it, T("%s", MonthRanges{}), "nessuno"},
		{it, T("start year %s", Year(2024)), "anno di inizio 2024"},
		{it, T("%s", List{Sep: And, Items: []any{"a", T("empty")}}), "a e (nessun valore)"},
		{it, T("%s", Date("31/12/2024")), "31/12/2024"},
	} {
		if got := tt.w.Text(tt.text); got != tt.want {
			t.Errorf("%s: %q, want %q", Name(tt.w.Lang()), got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]string{"": "it", "it": "it", "IT": "it", "it-IT": "it", "en": "en", "en-GB": "en"} {
		tag, err := Parse(in)
		if err != nil || Name(tag) != want {
			t.Errorf("Parse(%q) = %v, %v; want %s", in, tag, err, want)
		}
	}
	for _, bad := range []string{"fr", "xx-yy-zz", "english"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}
