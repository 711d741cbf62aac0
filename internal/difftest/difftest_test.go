package difftest

import "testing"

func TestLines(t *testing.T) {
	tests := []struct{ want, got, diff string }{
		{"a\nb", "a\nb", ""},
		{"a\nb", "a\nc", "line 2:\nwant b\ngot  c"},
		{"a", "a\nb", "line 2:\nwant (end)\ngot  b"},
	}
	for _, tt := range tests {
		if d := Lines(tt.want, tt.got); d != tt.diff {
			t.Errorf("Lines(%q, %q) = %q, want %q", tt.want, tt.got, d, tt.diff)
		}
	}
}

func TestItems(t *testing.T) {
	if d := Items([]string{"<p>", "x"}, []string{"<p>", "y"}); d != `item 1: got "y", want "x"` {
		t.Errorf("Items = %q", d)
	}
	if d := Items([]string{"a"}, []string{"a"}); d != "" {
		t.Errorf("Items of equal sequences = %q", d)
	}
}
