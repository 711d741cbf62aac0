package richtext

import (
	"reflect"
	"testing"
)

func TestCheckMarkup(t *testing.T) {
	tests := []struct {
		name, src string
		want      Markup
	}{
		{"clean", "<p>uno</p> <p>due<br>tre</p>", Markup{}},
		{"optional end tags left out", "<p>Uno<p>Due<ul><li>a<li>b</ul><p>Tre<br>quattro &lt;= 2 mesi", Markup{}},
		{"list never closed", `<p>Azioni:</p> <ul style="list-style-type: none"> - una - due`,
			Markup{Unclosed: []TagCount{{"ul", 1}}}},
		{"end tag never opened", "<p>Il progetto</span></p>", Markup{Stray: []TagCount{{"span", 1}}}},
		{"cut inside a tag", `<p>Il progetto</p><p style="text-al`, Markup{Cut: `<p style="text-al`}},
		{"cut inside a comment", "<p>uno</p><!-- no", Markup{Cut: "<!-- no"}},
		{"text after a closed paragraph", "<p>con la media sul totale dei</p> procedimenti, evidenziando\nle criticità. <p>Altro</p>",
			Markup{Loose: []string{"procedimenti, evidenziando le criticità."}}},
		{"comparison sign after a paragraph is text", "<p>Indicatori:</p> - mese <= 2 mesi",
			Markup{Loose: []string{"- mese <= 2 mesi"}}},
		{"text before any element is not after one", "Premessa <p>uno</p>", Markup{}},
		{"text after an inline element", "<b>Nota</b> testo", Markup{}},
		{"text inside a list after an item", "<ul><li>uno</li> due</ul>", Markup{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckMarkup(tt.src)
			got.strict = false
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("CheckMarkup(%q) = %+v, want %+v", tt.src, got, tt.want)
			}
			if want := tt.want.Cut == "" && tt.want.Unclosed == nil && tt.want.Stray == nil; got.Balanced() != want {
				t.Errorf("Balanced() = %v, want %v", got.Balanced(), want)
			}
		})
	}
}
