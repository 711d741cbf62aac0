package plan

import (
	"hash/maphash"
	"strings"
	"testing"
)

func TestTextForms(t *testing.T) {
	tests := []struct {
		in                             string
		collapse, canon, lower, folded string
	}{
		{"", "", "", "", ""},
		{" ", "", "", "", ""},
		{"uno due", "uno due", "uno due", "uno due", "uno due"},
		{"uno  due", "uno due", "uno due", "uno due", "uno due"},
		{" Uno\tDUE\n", "Uno DUE", "Uno DUE", "uno due", "uno due"},
		{"uno\u00a0\u00a0due", "uno due", "uno due", "uno due", "uno due"},
		{"città è", "città è", "città è", "città è", "citta e"},
		{"citta\u0300", "citta\u0300", "città", "città", "citta"},
		{"MARCHIO' Carla", "MARCHIO' Carla", "MARCHIO' Carla", "marchio' carla", "marchio carla"},
		{"OCCUPABILITÀ - (2024)", "OCCUPABILITÀ - (2024)", "OCCUPABILITÀ - (2024)", "occupabilità - (2024)", "occupabilita 2024"},
	}
	for _, tt := range tests {
		if got := Collapse(tt.in); got != tt.collapse {
			t.Errorf("Collapse(%q) = %q, want %q", tt.in, got, tt.collapse)
		}
		if got := Canon(tt.in); got != tt.canon {
			t.Errorf("Canon(%q) = %q, want %q", tt.in, got, tt.canon)
		}
		if got := CaseFold(tt.in); got != tt.lower {
			t.Errorf("CaseFold(%q) = %q, want %q", tt.in, got, tt.lower)
		}
		if got := Fold(tt.in); got != tt.folded {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.folded)
		}
	}
}

func TestCanonDoesNotCopyCanonicalText(t *testing.T) {
	s := "gia in forma canonica"
	if n := testing.AllocsPerRun(100, func() { _ = Canon(s) }); n != 0 {
		t.Errorf("Canon of a canonical value allocates %v times", n)
	}
}

func TestCarryOver(t *testing.T) {
	tests := []struct {
		title  string
		year   int
		prefix string
		rest   string
	}{
		{"2023_21_Rilancio del commercio", 2023, "2023_21_", "Rilancio del commercio"},
		{" 2023_39_ Nuovo software", 2023, "2023_39_", "Nuovo software"},
		{"2022_Archivi", 2022, "2022_", "Archivi"},
		{"2023 e 2024: archivi", 0, "", "2023 e 2024: archivi"},
		{"Piano 2023_21_", 0, "", "Piano 2023_21_"},
		{"1850_1_Storia", 0, "", "1850_1_Storia"},
	}
	for _, tt := range tests {
		y, p := CarryOver(tt.title)
		if y != tt.year || p != tt.prefix {
			t.Errorf("CarryOver(%q) = %d, %q; want %d, %q", tt.title, y, p, tt.year, tt.prefix)
		}
		if got := TrimCarryOver(tt.title); got != tt.rest {
			t.Errorf("TrimCarryOver(%q) = %q, want %q", tt.title, got, tt.rest)
		}
	}
}

func TestFingerprint(t *testing.T) {
	seed := maphash.MakeSeed()
	o := Objective{Title: "Archivi", Staff: []Staff{{Name: "ROSSI MARIO", Role: Str("Dirigente")}},
		Phases: []Phase{{Title: "1", PlannedMonths: []int{1, 2}}}}
	copy := o
	copy.Unit, copy.Page = "UALTRO", 9
	if Fingerprint(seed, &o) != Fingerprint(seed, &copy) {
		t.Error("copies printed alike under two units have different fingerprints")
	}
	for name, edit := range map[string]func(*Objective){
		"spacing":     func(x *Objective) { x.Title = "Archivi " },
		"empty role":  func(x *Objective) { x.Staff = []Staff{{Name: "ROSSI MARIO", Role: Str("")}} },
		"no role":     func(x *Objective) { x.Staff = []Staff{{Name: "ROSSI MARIO"}} },
		"months":      func(x *Objective) { x.Phases = []Phase{{Title: "1", PlannedMonths: []int{1}, ActualMonths: []int{2}}} },
		"staff moved": func(x *Objective) { x.Staff = nil; x.Phases = []Phase{{Title: "ROSSI MARIO"}} },
	} {
		x := o
		edit(&x)
		if Fingerprint(seed, &x) == Fingerprint(seed, &o) {
			t.Errorf("%s: fingerprint unchanged", name)
		}
	}
}

// Collapse is strings.Fields joined by spaces, bytes that are not UTF-8
// kept.
func TestCollapseIsFields(t *testing.T) {
	for _, s := range []string{"", "a", " a  b ", "\xff  \xc2", "a\u2003\u00a0b\t", "\xff", "x\xc2 y", "a\n\nb"} {
		if got, want := Collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("Collapse(%q) = %q, want %q", s, got, want)
		}
	}
}
