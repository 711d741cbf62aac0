package render

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/obiettivi/obiettivi/plan"
)

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name, src, text, html string
	}{
		{"plain text", "Testo semplice", "Testo semplice", "<p>Testo semplice</p>"},
		{"empty", "", "", ""},
		{"one paragraph", "<p>Uno  due\n tre</p>", "Uno due tre", "<p>Uno due tre</p>"},
		{"entities", "<p>A &amp; B &lt;C&gt; &egrave;</p>", "A & B <C> è", "<p>A &amp; B &lt;C&gt; è</p>"},
		{"inline markup", "<p>Un <strong>testo</strong> <em>marcato</em></p>", "Un testo marcato", "<p>Un testo marcato</p>"},
		{"two paragraphs", "<p>Uno</p> <p>Due</p>", "Uno\nDue", "<p>Uno</p> <p>Due</p>"},
		{"list", "<p>Passi:</p> <ul><li>primo</li><li>secondo</li></ul>", "Passi:\nprimo\nsecondo", "<p>Passi:</p> <ul><li>primo</li><li>secondo</li></ul>"},
		{
			"nested lists",
			"<ol><li>Industria<ol><li>1 Cartario</li><li>2 Calzaturiero</li></ol></li><li>Rifiuti urbani<ul><li>2.1 Riuso</li></ul></li><li>Turismo</li></ol> <p>Fine</p>",
			"Industria\n1 Cartario\n2 Calzaturiero\nRifiuti urbani\n2.1 Riuso\nTurismo\nFine",
			"<ol><li>Industria<ol><li>1 Cartario</li><li>2 Calzaturiero</li></ol></li><li>Rifiuti urbani<ul><li>2.1 Riuso</li></ul></li><li>Turismo</li></ol> <p>Fine</p>",
		},
		{"truncated html", "<p>Testo troncato a metà</p> <p>procedimenti, evidenziando le criti", "Testo troncato a metà\nprocedimenti, evidenziando le criti", "<p>Testo troncato a metà</p> <p>procedimenti, evidenziando le criti</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := paragraphs(tt.src)
			if got := paragraphsText(ps); got != tt.text {
				t.Errorf("text = %q, want %q", got, tt.text)
			}
			if got := paragraphsHTML(ps); got != tt.html {
				t.Errorf("html = %q, want %q", got, tt.html)
			}
		})
	}
}

// The golden plan's description_text is what paragraphs reads from its
// description_html, so the printed plans agree with it.
func TestParagraphsAgreeWithGolden(t *testing.T) {
	doc := readPlan(t, goldenPlan)
	for i, o := range doc.Objectives {
		if got := paragraphsText(paragraphs(o.DescriptionHTML)); got != o.DescriptionText {
			t.Errorf("objective %d %q: text from HTML\n%q\nwant\n%q", i, o.Title, got, o.DescriptionText)
		}
	}
}

func TestDescriptionStyle(t *testing.T) {
	tests := []struct {
		src  string
		opt  DescriptionStyle
		want DescriptionStyle
	}{
		{"<p>Un paragrafo</p>", DescriptionAuto, DescriptionFormatted},
		{"Testo senza tag", DescriptionAuto, DescriptionFormatted},
		{"<p>A &amp; B</p>", DescriptionAuto, DescriptionSource},
		{"<p>Uno</p> <p>Due</p>", DescriptionAuto, DescriptionSource},
		{"<p>Passi:</p><ul><li>uno</li></ul>", DescriptionAuto, DescriptionFormatted},
		{"<p>Un paragrafo</p>", DescriptionSource, DescriptionSource},
		{"<p>Uno</p> <p>Due</p>", DescriptionFormatted, DescriptionFormatted},
	}
	for _, tt := range tests {
		if got := descStyle(tt.src, tt.opt); got != tt.want {
			t.Errorf("descStyle(%q, %d) = %d, want %d", tt.src, tt.opt, got, tt.want)
		}
	}
}

// joinLines reads wrapped lines back as the extractor does: a line ending
// in a hyphen inside a word joins the next without a space, others with one.
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 && !endsInWordHyphen(lines[i-1]) {
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return b.String()
}

func TestWrapReadsBack(t *testing.T) {
	doc := readPlan(t, goldenPlan)
	var texts []string
	for _, o := range doc.Objectives {
		texts = append(texts, o.Title, o.DescriptionHTML)
		for _, p := range o.Phases {
			texts = append(texts, p.Title)
		}
		for _, in := range o.Indicators {
			texts = append(texts, in.Name)
		}
	}
	texts = append(texts,
		"Progetto - https://circular-cities-and-regions.ec.europa.eu/), per il suo contesto",
		"una parola socio- sanitaria spezzata a mano e un trattino - isolato",
	)
	for _, font := range []string{FontHelvetica, FontTimes, FontCourier} {
		s, err := Options{Font: font}.resolve()
		if err != nil {
			t.Fatal(err)
		}
		c, err := newCanvas(s, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []float64{25, 40, 70, 150} {
			for _, text := range texts {
				c.warnings = nil
				lines := c.wrap(text, w, false, 9)
				for _, l := range lines {
					if c.widthAt(l, false, 9) > w+eps && utf8.RuneCountInString(l) > 1 {
						t.Errorf("%s, %.0f mm: line %q is %.1f mm wide", font, w, l, c.widthAt(l, false, 9))
					}
					if l == "" || strings.HasSuffix(l, " -") {
						t.Errorf("%s, %.0f mm: line %q is empty or ends in a lone dash", font, w, l)
					}
				}
				if len(c.warnings) > 0 {
					continue // a word wider than the cell had to be cut
				}
				if got := joinLines(lines); got != canonText(text) {
					t.Errorf("%s, %.0f mm: lines %q read back as\n%q\nwant\n%q", font, w, lines, got, canonText(text))
				}
			}
		}
	}
}

func canonText(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestWrapBreaksLongWordAtHyphen(t *testing.T) {
	s, _ := Options{}.resolve()
	c, _ := newCanvas(s, true)
	url := "https://circular-cities-and-regions.ec.europa.eu/"
	lines := c.wrap(url, 45, false, 9)
	if len(lines) < 2 {
		t.Fatalf("%q not broken at 45 mm: %q", url, lines)
	}
	if len(c.warnings) > 0 {
		t.Errorf("breaking at hyphens gave warnings: %q", c.warnings)
	}
	if got := joinLines(lines); got != url {
		t.Errorf("lines %q read back as %q", lines, got)
	}
	c.wrap("Sovracomunalesenzatrattini", 10, false, 9)
	if len(c.warnings) == 0 {
		t.Error("a word cut without a hyphen gave no warning")
	}
}

func TestCollapseIsCanon(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "città", "citta\u0300  x", "a\u00a0b", "x\u2003 y ", "già fatto"} {
		if got, want := collapse(s), plan.Canon(s); got != want {
			t.Errorf("collapse(%q) = %q, plan.Canon gives %q", s, got, want)
		}
	}
}
