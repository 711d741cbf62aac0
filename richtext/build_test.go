package richtext

import (
	"strings"
	"testing"
)

// ln is a printed line of 9pt text.
func ln(text string, indent, gap float64) Line {
	return Line{Text: text, Indent: indent, Gap: gap, Size: 9}
}

// full is a line as wide as the cell, so that it ends no paragraph.
const full = "Il Comune di Capannori è stato ammesso al finanziamento come sub-attuatore per"

func TestBuild(t *testing.T) {
	tests := []struct {
		name      string
		fragments [][]Line
		want      Description
	}{
		{
			name: "nothing",
			want: Description{},
		},
		{
			name:      "blank lines",
			fragments: [][]Line{{ln(" ", 0, 0)}, {ln("", 0, 0)}},
			want:      Description{},
		},
		{
			name:      "plain text",
			fragments: [][]Line{{ln("L'ente ha avviato un processo", 0, 0), ln("interno di miglioramento.", 0, 0)}},
			want: Description{
				HTML: "<p>L'ente ha avviato un processo interno di miglioramento.</p>",
				Text: "L'ente ha avviato un processo interno di miglioramento.",
			},
		},
		{
			name:      "plain text with markup characters",
			fragments: [][]Line{{ln("Q&amp;S: spesa < 5% & tempi > 30", 0, 0)}},
			want: Description{
				HTML: "<p>Q&amp;S: spesa &lt; 5% &amp; tempi &gt; 30</p>",
				Text: "Q&S: spesa < 5% & tempi > 30",
			},
		},
		{
			name: "HTML source",
			fragments: [][]Line{{
				ln("<p>Il procedimento della SCIA &egrave; regolato.</p>", 0, 0),
				ln("<p>INDICATORI: Media gg di", 0, 0), ln("istruttoria.</p>", 0, 0),
			}},
			want: Description{
				HTML:    "<p>Il procedimento della SCIA &egrave; regolato.</p> <p>INDICATORI: Media gg di istruttoria.</p>",
				Text:    "Il procedimento della SCIA è regolato.\nINDICATORI: Media gg di istruttoria.",
				Literal: true,
			},
		},
		{
			name: "HTML source across a page break",
			fragments: [][]Line{
				{ln("<p>Nel 2023 sono state realizzate:</p> <ul style=\"list-style-", 0, 0)},
				{ln("type: none\"> - Analisi - Incontri</ul> <p>Per il 2024:</p>", 0, 0)},
			},
			want: Description{
				HTML:    "<p>Nel 2023 sono state realizzate:</p> <ul style=\"list-style-type: none\"> - Analisi - Incontri</ul> <p>Per il 2024:</p>",
				Text:    "Nel 2023 sono state realizzate:\n- Analisi - Incontri\nPer il 2024:",
				Literal: true,
			},
		},
		{
			name: "HTML source cut",
			fragments: [][]Line{{
				ln("<p>Al termine dell'obiettivo</p> <p>il Responsabile redigerà una", 0, 0),
			}},
			want: Description{
				HTML:      "<p>Al termine dell'obiettivo</p> <p>il Responsabile redigerà una",
				Text:      "Al termine dell'obiettivo\nil Responsabile redigerà una",
				Literal:   true,
				Truncated: true,
			},
		},
		{
			name: "HTML source with an unclosed list",
			fragments: [][]Line{{
				ln(`<p>INDICATORI</p> <ul style="list-style-type: none"> • uno; •`, 0, 0),
				ln("due. <p>Dopo.</p>", 0, 0),
			}},
			want: Description{
				HTML:      `<p>INDICATORI</p> <ul style="list-style-type: none"> • uno; • due. <p>Dopo.</p>`,
				Text:      "INDICATORI\n• uno; • due.\nDopo.",
				Literal:   true,
				Truncated: true,
			},
		},
		{
			name: "HTML source with br and inline styles",
			fragments: [][]Line{{
				ln(`<p style="text-align: justify">uno<br>due <span style="font-weight:`, 0, 0),
				ln(`bold">tre</span></p>`, 0, 0),
			}},
			want: Description{
				HTML:    `<p style="text-align: justify">uno<br>due <span style="font-weight: bold">tre</span></p>`,
				Text:    "uno\ndue tre",
				Literal: true,
			},
		},
		{
			name: "paragraphs",
			fragments: [][]Line{{
				ln("La Regione Toscana ha dato avvio ai Punti digitale", 0, 0),
				ln("facile.", 0, 0),
				ln("Il Comune è stato ammesso al finanziamento.", 0, 4.5),
			}},
			want: Description{
				HTML: "<p>La Regione Toscana ha dato avvio ai Punti digitale facile.</p> <p>Il Comune è stato ammesso al finanziamento.</p>",
				Text: "La Regione Toscana ha dato avvio ai Punti digitale facile.\nIl Comune è stato ammesso al finanziamento.",
			},
		},
		{
			name: "bullet list",
			fragments: [][]Line{{
				ln("Presso i PDF verranno svolte:", 0, 0),
				ln("• formazione/assistenza personalizzata per attività legate", 1, 0),
				ln("all'accesso ai servizi di Front-", 12, 0),
				ln("office;", 12, 0),
				ln("• formazione in gruppi;", 1, 0),
				ln("Per migliorare l'accoglienza:", 0, 4.5),
			}},
			want: Description{
				HTML: "<p>Presso i PDF verranno svolte:</p> <ul><li>formazione/assistenza personalizzata per attività legate all'accesso ai servizi di Front-office;</li><li>formazione in gruppi;</li></ul> <p>Per migliorare l'accoglienza:</p>",
				Text: "Presso i PDF verranno svolte:\nformazione/assistenza personalizzata per attività legate all'accesso ai servizi di Front-office;\nformazione in gruppi;\nPer migliorare l'accoglienza:",
			},
		},
		{
			name: "nested lists",
			fragments: [][]Line{{
				ln("Gli ambiti sono:", 0, 0),
				ln("1. Industria", 1, 0),
				ln("1. 1 Cartario", 13, 0),
				ln("2. 2 Calzaturiero", 13, 0),
				ln("2. Rifiuti urbani", 1, 0),
				ln("• 2.1 Sistema municipale del riuso", 13, 0),
				ln("3. Turismo", 1, 0),
			}},
			want: Description{
				HTML: "<p>Gli ambiti sono:</p> <ol><li>Industria<ol><li>1 Cartario</li><li>2 Calzaturiero</li></ol></li><li>Rifiuti urbani<ul><li>2.1 Sistema municipale del riuso</li></ul></li><li>Turismo</li></ol>",
				Text: "Gli ambiti sono:\nIndustria\n1 Cartario\n2 Calzaturiero\nRifiuti urbani\n2.1 Sistema municipale del riuso\nTurismo",
			},
		},
		{
			name: "right-aligned numbers and lettered items",
			fragments: [][]Line{{
				ln("9. nono", 5, 0),
				ln("10. decimo", 0.2, 0),
				ln("a) prima lettera", 13, 0),
				ln("b) seconda lettera", 13, 0),
			}},
			want: Description{
				HTML: "<ol><li>nono</li><li>decimo<ol><li>prima lettera</li><li>seconda lettera</li></ol></li></ol>",
				Text: "nono\ndecimo\nprima lettera\nseconda lettera",
			},
		},
		{
			name: "hanging indent at the cell's edge",
			fragments: [][]Line{{
				ln("- Analisi delle strategie comunicative con", 0, 0),
				ln("questionari;", 11, 0),
				ln("- Realizzazione di un convegno.", 0, 0),
			}},
			want: Description{
				HTML: "<ul><li>Analisi delle strategie comunicative con questionari;</li><li>Realizzazione di un convegno.</li></ul>",
				Text: "Analisi delle strategie comunicative con questionari;\nRealizzazione di un convegno.",
			},
		},
		{
			name: "dashes at the cell's edge are text",
			fragments: [][]Line{{
				ln("- a migliorare la relazione degli operatori", 0, 0),
				ln("con i cittadini;", 0, 0),
				ln("- ad attivare due postazioni POS.", 0, 4.5),
				ln("INDICATORI: - n° stakeholders mappati: 30 - n°", 0, 4.5),
				ln("- incontri: 3", 0, 0),
			}},
			want: Description{
				HTML: "<p>- a migliorare la relazione degli operatori con i cittadini;</p> <p>- ad attivare due postazioni POS.</p> <p>INDICATORI: - n° stakeholders mappati: 30 - n° - incontri: 3</p>",
				Text: "- a migliorare la relazione degli operatori con i cittadini;\n- ad attivare due postazioni POS.\nINDICATORI: - n° stakeholders mappati: 30 - n° - incontri: 3",
			},
		},
		{
			name: "wrapped item line that starts like a marker",
			fragments: [][]Line{{
				ln("• Garantire la riservatezza dei dati", 1, 0),
				ln("trattati e delle informazioni:", 12, 0),
				ln("- sicurezza degli strumenti.", 12, 0),
			}},
			want: Description{
				HTML: "<ul><li>Garantire la riservatezza dei dati trattati e delle informazioni: - sicurezza degli strumenti.</li></ul>",
				Text: "Garantire la riservatezza dei dati trattati e delle informazioni: - sicurezza degli strumenti.",
			},
		},
		{
			name: "list going on after a page break",
			fragments: [][]Line{
				{ln("Le fasi:", 0, 0), ln("1. Coinvolgimento di stakeholders locali e di", 1, 0), ln("visione", 12, 0)},
				{ln("2. Analisi del metabolismo", 0, 0), ln("3. Costruzione di soluzioni", 0, 0)},
			},
			want: Description{
				HTML: "<p>Le fasi:</p> <ol><li>Coinvolgimento di stakeholders locali e di visione</li><li>Analisi del metabolismo</li><li>Costruzione di soluzioni</li></ol>",
				Text: "Le fasi:\nCoinvolgimento di stakeholders locali e di visione\nAnalisi del metabolismo\nCostruzione di soluzioni",
			},
		},
		{
			name: "item going on after a page break",
			fragments: [][]Line{
				{ln("• formazione/assistenza personalizzata individuale per", 1, 0), ln(full, 12, 0)},
				{ln("attività online;", 0, 0), ln("• formazione in gruppi;", 1-12, 0)},
			},
			want: Description{
				HTML: "<ul><li>formazione/assistenza personalizzata individuale per " + full + " attività online;</li><li>formazione in gruppi;</li></ul>",
				Text: "formazione/assistenza personalizzata individuale per " + full + " attività online;\nformazione in gruppi;",
			},
		},
		{
			name: "paragraph after a list after a page break",
			fragments: [][]Line{
				{ln("• a raccogliere il grado di gradimento dei", 1, 0), ln("servizi;", 12, 0)},
				{ln("- a migliorare la relazione degli operatori", 0, 0), ln("con i cittadini;", 0, 0), ln("Queste finalità.", 0, 4.5)},
			},
			want: Description{
				HTML: "<ul><li>a raccogliere il grado di gradimento dei servizi;</li></ul> <p>- a migliorare la relazione degli operatori con i cittadini;</p> <p>Queste finalità.</p>",
				Text: "a raccogliere il grado di gradimento dei servizi;\n- a migliorare la relazione degli operatori con i cittadini;\nQueste finalità.",
			},
		},
		{
			name: "paragraph going on after a page break",
			fragments: [][]Line{
				{ln(full, 0, 0), ln(full, 0, 0)},
				{ln("per il 2024.", 0, 0)},
			},
			want: Description{
				HTML: "<p>" + full + " " + full + " per il 2024.</p>",
				Text: full + " " + full + " per il 2024.",
			},
		},
		{
			name: "paragraph ending short before a page break",
			fragments: [][]Line{
				{ln(full, 0, 0), ln("polivalenti e aree sportive.", 0, 0)},
				{ln("Il bilancio ha messo a disposizione", 0, 0)},
			},
			want: Description{
				HTML: "<p>" + full + " polivalenti e aree sportive.</p> <p>Il bilancio ha messo a disposizione</p>",
				Text: full + " polivalenti e aree sportive.\nIl bilancio ha messo a disposizione",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Build(tt.fragments)
			if got != tt.want {
				t.Errorf("Build:\n got %+v\nwant %+v", got, tt.want)
			}
			if !got.Literal && got.HTML != "" && !strings.HasPrefix(got.HTML, "<") {
				t.Errorf("rebuilt HTML %q does not start with an element", got.HTML)
			}
		})
	}
}
