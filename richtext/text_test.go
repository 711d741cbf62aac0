package richtext

import "testing"

func TestTextOf(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"empty", "", ""},
		{"blank", "  \n ", ""},
		{"plain text", "  uno   due ", "uno due"},
		{"paragraphs", "<p>uno</p> <p>due\n tre</p>", "uno\ndue tre"},
		{"text after a paragraph", "<p>uno</p> due <b>tre</b>", "uno\ndue tre"},
		{"unclosed paragraphs", "<p>uno<p>due", "uno\ndue"},
		{"br", "<p>uno<br>due<br/>tre</p>", "uno\ndue\ntre"},
		{"entities", "<p>Q&amp;S &egrave; l&#39;ente&nbsp;&nbsp;qui &lt;b&gt;</p>", "Q&S è l'ente qui <b>"},
		{"inline elements", `<p>uno<span style="font-weight: bold">due</span> <em>tre</em> <a href="x">quattro</a></p>`, "unodue tre quattro"},
		{"list items", "<ul><li>uno</li><li>due</li></ul>", "uno\ndue"},
		{"nested lists", "<ol><li>Industria<ol><li>1 Cartario</li><li>2 Calzaturiero</li></ol></li><li>Rifiuti<ul><li>2.1 Riuso</li></ul></li></ol>",
			"Industria\n1 Cartario\n2 Calzaturiero\nRifiuti\n2.1 Riuso"},
		{"bare text in a list", `<p>INDICATORI</p> <ul style="list-style-type: none"> - uno - due <p>dopo</p>`, "INDICATORI\n- uno - due\ndopo"},
		{"bare text around items", "<ul>prima<li>uno</li>dopo</ul>", "prima\nuno\ndopo"},
		{"divs and headings", "<div>uno</div><h2>due</h2>tre", "uno\ndue\ntre"},
		{"table rows", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"},
		{"script and comments", "<p>uno<script>x()</script><!-- nota --></p>", "uno"},
		{"inline styles", `<p style="margin: 0"><span style="color: red">uno</span></p>`, "uno"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TextOf(tt.html); got != tt.want {
				t.Errorf("TextOf(%q) = %q, want %q", tt.html, got, tt.want)
			}
		})
	}
}

func TestUnbalanced(t *testing.T) {
	tests := []struct {
		name, src string
		want      bool
	}{
		{"empty", "", false},
		{"plain text", "uno < due > tre", false},
		{"paragraphs", "<p>uno</p> <p>due</p>", false},
		{"upper case", "<P>uno</p>", false},
		{"void elements", `<p>uno<br>due<br/>tre <img src="x"> <hr></p>`, false},
		{"nested", `<ul style="x"><li><b>uno</b></li></ul>`, false},
		{"comment", "<p>uno<!-- nota --></p>", false},
		{"text after the last tag", "<p>uno</p> due", false},
		{"paragraph left open", "<p>uno</p> <p>due", true},
		{"list left open", `<p>uno</p> <ul style="list-style-type: none"> - a - b`, true},
		{"mismatched", "<p><b>uno</p></b>", true},
		{"stray end tag", "uno</p>", true},
		{"cut inside a start tag", "<p>uno</p> <p cla", true},
		{"cut after <", "<p>uno</p> <", true},
		{"cut after </", "<p>uno</", true},
		{"cut inside a comment", "<p>uno</p><!-- no", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Unbalanced(tt.src); got != tt.want {
				t.Errorf("Unbalanced(%q) = %v, want %v", tt.src, got, tt.want)
			}
		})
	}
}
