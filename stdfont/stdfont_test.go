package stdfont

import (
	"testing"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
)

func TestWidth(t *testing.T) {
	tests := []struct {
		font string
		r    rune
		want float64
	}{
		{"Helvetica", 'a', 556},
		{"Helvetica", ' ', 278},
		{"Helvetica", '\u00a0', 278}, // no-break space
		{"Helvetica", 'W', 944},
		{"Helvetica", 'è', 556},
		{"Helvetica", '€', 556},
		{"Helvetica", '•', 350},
		{"Helvetica", '’', 222},
		{"Helvetica", 'Ł', 556},
		{"Helvetica", 'ﬁ', 500},
		{"Helvetica", '−', 584},
		{"Helvetica-Bold", 'a', 556},
		{"Helvetica-Bold", 'i', 278},
		{"Helvetica-Oblique", 'm', 833},
		{"Times-Roman", 'a', 444},
		{"Times-Roman", 'W', 944},
		{"Times-Roman", 'à', 444},
		{"Times-Bold", 'a', 500},
		{"Times-Italic", 'a', 500},
		{"Times-BoldItalic", 'M', 889},
		{"Courier", 'i', 600},
		{"Courier-Bold", 'W', 600},
		{"Courier-BoldOblique", '€', 600},
		{"Symbol", 'a', 631},       // code 0x61: alpha
		{"Symbol", 'α', 631},       // the same glyph by Unicode
		{"Symbol", '∑', 713},       // summation
		{"Symbol", ' ', 250},       // space
		{"ZapfDingbats", '!', 974}, // code 0x21: a1
		{"ZapfDingbats", 'l', 791}, // code 0x6C: a71, a black circle
	}
	for _, tt := range tests {
		m, ok := Lookup(tt.font)
		if !ok {
			t.Fatalf("Lookup(%q) failed", tt.font)
		}
		if got := m.Width(tt.r); got != tt.want {
			t.Errorf("%s: Width(%q) = %v, want %v", tt.font, tt.r, got, tt.want)
		}
		if !m.Has(tt.r) {
			t.Errorf("%s: Has(%q) = false", tt.font, tt.r)
		}
	}
}

func TestCourierIsFixedPitch(t *testing.T) {
	for _, name := range []string{"Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"} {
		m, _ := Lookup(name)
		for _, g := range m.runes {
			if g.w != 600 {
				t.Errorf("%s: U+%04X is %d wide, want 600", name, g.r, g.w)
			}
		}
	}
}

func TestMissingGlyph(t *testing.T) {
	for _, name := range []string{"Helvetica", "Times-Roman", "Courier", "Symbol", "ZapfDingbats"} {
		m, _ := Lookup(name)
		if m.Has('中') {
			t.Errorf("%s has a glyph for 中", name)
		}
		if w := m.Width('中'); w < 250 || w > 1000 {
			t.Errorf("%s: width of a missing glyph = %v, want a plausible mean", name, w)
		}
	}
	if m, _ := Lookup("Courier"); m.Width('中') != 600 {
		t.Errorf("Courier: width of a missing glyph = %v, want 600", m.Width('中'))
	}
	if m, _ := Lookup("Helvetica"); m.Has(0x80) {
		t.Error("Helvetica: a C1 control read as a code of an encoding")
	}
}

// TestAgainstFpdf checks every character of Windows-1252 in the twelve
// text fonts, and every code of ZapfDingbats, against the core font width
// tables of github.com/go-pdf/fpdf, a source independent of the AFM files
// the tables are generated from.
func TestAgainstFpdf(t *testing.T) {
	pdf := fpdf.New("P", "pt", "A4", "")
	text := []struct{ family, style, name string }{
		{"Helvetica", "", "Helvetica"}, {"Helvetica", "B", "Helvetica-Bold"},
		{"Helvetica", "I", "Helvetica-Oblique"}, {"Helvetica", "BI", "Helvetica-BoldOblique"},
		{"Times", "", "Times-Roman"}, {"Times", "B", "Times-Bold"},
		{"Times", "I", "Times-Italic"}, {"Times", "BI", "Times-BoldItalic"},
		{"Courier", "", "Courier"}, {"Courier", "B", "Courier-Bold"},
		{"Courier", "I", "Courier-Oblique"}, {"Courier", "BI", "Courier-BoldOblique"},
	}
	checked := 0
	for _, f := range text {
		pdf.SetFont(f.family, f.style, 10)
		m, ok := Lookup(f.name)
		if !ok {
			t.Fatalf("Lookup(%q) failed", f.name)
		}
		for b := 0x20; b <= 0xFF; b++ {
			r := charmap.Windows1252.DecodeByte(byte(b))
			if r == utf8.RuneError || b == 0x7F {
				continue // undefined in Windows-1252, or a control
			}
			want := float64(pdf.GetStringSymbolWidth(string([]byte{byte(b)})))
			if got := m.Width(r); got != want {
				t.Errorf("%s: Width(%q) = %v, fpdf says %v", f.name, r, got, want)
			}
			checked++
		}
	}
	pdf.SetFont("ZapfDingbats", "", 10)
	m, _ := Lookup("ZapfDingbats")
	for b := 0x20; b <= 0xFE; b++ {
		want := float64(pdf.GetStringSymbolWidth(string([]byte{byte(b)})))
		if want == 0 {
			continue // no glyph at this code
		}
		if got := m.Width(rune(b)); got != want {
			t.Errorf("ZapfDingbats: Width(0x%02X) = %v, fpdf says %v", b, got, want)
		}
		checked++
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	if checked < 12*200 {
		t.Errorf("only %d widths checked", checked)
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		baseFont, want string // want "" for no standard font
	}{
		{"Helvetica", "Helvetica"},
		{"/Helvetica-BoldOblique", "Helvetica-BoldOblique"},
		{"Times-Roman", "Times-Roman"},
		{"Courier-Oblique", "Courier-Oblique"},
		{"Symbol", "Symbol"},
		{"ZapfDingbats", "ZapfDingbats"},
		{"Arial", "Helvetica"},
		{"ArialMT", "Helvetica"},
		{"Arial,Bold", "Helvetica-Bold"},
		{"Arial-BoldMT", "Helvetica-Bold"},
		{"Arial,Italic", "Helvetica-Oblique"},
		{"Arial-ItalicMT", "Helvetica-Oblique"},
		{"Arial,BoldItalic", "Helvetica-BoldOblique"},
		{"Arial-BoldItalicMT", "Helvetica-BoldOblique"},
		{"ABCDEF+Arial-BoldMT", "Helvetica-Bold"},
		{"Helvetica,Bold", "Helvetica-Bold"},
		{"Times", "Times-Roman"},
		{"Times-Italic", "Times-Italic"},
		{"TimesNewRoman", "Times-Roman"},
		{"Times New Roman", "Times-Roman"},
		{"TimesNewRomanPSMT", "Times-Roman"},
		{"TimesNewRoman,Bold", "Times-Bold"},
		{"TimesNewRomanPS-BoldMT", "Times-Bold"},
		{"TimesNewRomanPS-ItalicMT", "Times-Italic"},
		{"TimesNewRomanPS-BoldItalicMT", "Times-BoldItalic"},
		{"XYZABC+TimesNewRoman,BoldItalic", "Times-BoldItalic"},
		{"CourierNew", "Courier"},
		{"Courier New", "Courier"},
		{"CourierNewPSMT", "Courier"},
		{"CourierNew,Bold", "Courier-Bold"},
		{"CourierNewPS-BoldItalicMT", "Courier-BoldOblique"},
		{"SymbolMT", "Symbol"},
		{"", ""},
		{"DejaVuSans", ""},
		{"ABCDEF+DejaVuSans-Bold", ""},
		{"Arial-Black", ""},
		{"ArialNarrow", ""},
		{"Arial-BoldCondensed", ""},
		{"Calibri", ""},
		{"Symbol,Bold", ""},
		{"abcdef+Arial", ""},
	}
	for _, tt := range tests {
		m, ok := Lookup(tt.baseFont)
		switch {
		case tt.want == "" && ok:
			t.Errorf("Lookup(%q) = %s, want no standard font", tt.baseFont, m.Name())
		case tt.want != "" && !ok:
			t.Errorf("Lookup(%q) failed, want %s", tt.baseFont, tt.want)
		case ok && m.Name() != tt.want:
			t.Errorf("Lookup(%q) = %s, want %s", tt.baseFont, m.Name(), tt.want)
		}
	}
}

func TestAllFourteen(t *testing.T) {
	if len(metrics) != 14 {
		t.Errorf("%d fonts, want the 14 standard ones", len(metrics))
	}
	for name, m := range metrics {
		if m.Name() != name || len(m.runes) < 180 && !m.symbolic {
			t.Errorf("%s: name %q, %d characters", name, m.Name(), len(m.runes))
		}
		for i := 1; i < len(m.runes); i++ {
			if m.runes[i-1].r >= m.runes[i].r {
				t.Fatalf("%s: characters not in ascending order at %d", name, i)
			}
		}
	}
}

func BenchmarkWidth(b *testing.B) {
	m, _ := Lookup("Helvetica")
	const text = "Il procedimento della SCIA è regolato sia dal DPR 380/01 che dalla L.R. 65/2014 — “virgolette” €"
	for b.Loop() {
		var w float64
		for _, r := range text {
			w += m.Width(r)
		}
		_ = w
	}
}
