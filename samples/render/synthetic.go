package render

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/obiettivi/obiettivi/plan"
)

// Synthetic returns a made-up plan of entity for year with the given number
// of objective occurrences: sectors and their offices, objectives with
// staff, phases with their months and indicators, in Italian-looking text.
// One objective recurs under several units, as the transversal objectives
// of real plans do. The same arguments always give the same plan; about
// ten objectives print on 10 to 15 pages.
func Synthetic(entity string, year int, objectives int, seed int64) *plan.Document {
	g := &synth{r: rand.New(rand.NewPCG(uint64(seed), 0x0b1e771)), year: year, codes: map[string]bool{}, titles: map[string]bool{}}
	doc := &plan.Document{
		Format: plan.Format,
		Title:  "Stampa Obiettivi di Performance " + strconv.Itoa(year),
		Entity: entity,
		Year:   year,
	}
	shared := g.objective()
	shared.Title = "Riduzione del tempo medio ponderato di pagamento delle fatture commerciali entro il 31/12/" + strconv.Itoa(year)
	left := objectives
	for s := 0; left > 0; s++ {
		sector := g.unit(plan.KindSector, nil, s)
		doc.Units = append(doc.Units, sector)
		if n := min(left, g.r.IntN(2)); n > 0 {
			for range n {
				o := g.objective()
				o.Unit = sector.Code
				doc.Objectives = append(doc.Objectives, o)
			}
			left -= n
		}
		offices := 2 + g.r.IntN(4)
		for f := 0; f < offices && left > 0; f++ {
			office := g.unit(plan.KindOffice, &sector, s*10+f)
			doc.Units = append(doc.Units, office)
			n := min(left, 1+g.r.IntN(4))
			for k := range n {
				var o plan.Objective
				if k == n-1 && n > 1 && g.r.IntN(3) == 0 {
					o = copyObjective(shared)
				} else {
					o = g.objective()
				}
				o.Unit = office.Code
				doc.Objectives = append(doc.Objectives, o)
			}
			left -= n
		}
	}
	for _, u := range doc.Units {
		doc.TOC = append(doc.TOC, plan.TOCEntry{Code: u.Code, Name: u.Name})
	}
	doc.Normalize()
	doc.AssignKeys()
	return doc
}

type synth struct {
	r      *rand.Rand
	year   int
	codes  map[string]bool
	titles map[string]bool // of the objectives made, folded
}

func (g *synth) pick(list []string) string { return list[g.r.IntN(len(list))] }

// unit makes a sector, or an office of sector.
func (g *synth) unit(kind string, sector *plan.Unit, n int) plan.Unit {
	var name, prefix string
	if kind == plan.KindSector {
		name, prefix = sectorNames[n%len(sectorNames)], "S"
		if n >= len(sectorNames) {
			name += " - AREA " + strconv.Itoa(n/len(sectorNames)+1)
		}
	} else {
		name, prefix = g.pick(officeNames), "U"
		if g.r.IntN(4) == 0 {
			name += " E " + g.pick(officeNames)
		}
	}
	code := prefix + abbreviate(name)
	if g.r.IntN(6) == 0 {
		code += "_" + strconv.Itoa(g.year%100)
	}
	for base, i := code, 2; g.codes[code]; i++ {
		code = base + strconv.Itoa(i)
	}
	g.codes[code] = true
	u := plan.Unit{Code: code, Name: name, Kind: kind}
	if sector != nil {
		u.Sector = plan.Str(sector.Code)
	}
	if g.r.IntN(30) > 0 {
		u.Head = plan.Str(g.person())
	}
	return u
}

// abbreviate builds a unit code from the first letters of a name's words.
func abbreviate(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) < 3 {
			continue
		}
		rs := []rune(w)
		n := min(len(rs), 3)
		if b.Len() == 0 {
			n = min(len(rs), 4)
		}
		b.WriteString(strings.ToUpper(string(rs[:n])))
		if b.Len() >= 9 {
			break
		}
	}
	return b.String()
}

func (g *synth) person() string {
	name := g.pick(surnames) + " " + g.pick(givenNames)
	if g.r.IntN(8) == 0 {
		name = g.pick(surnames) + " " + name
	}
	if g.r.IntN(10) == 0 {
		return titleCase(name)
	}
	return name
}

func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func (g *synth) iso(month, day int) *string {
	return plan.Str(time.Date(g.year, time.Month(month), day, 0, 0, 0, 0, time.UTC).Format("2006-01-02"))
}

// lastDay is the last day of month in the plan year.
func (g *synth) lastDay(month int) int {
	return time.Date(g.year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func (g *synth) sentence() string {
	s := g.pick(subjects) + " " + g.pick(verbs) + " " + g.pick(objects) + " " + g.pick(purposes)
	s = strings.ReplaceAll(s, "{year}", strconv.Itoa(g.year))
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *synth) sentences(n int) string {
	ss := make([]string, n)
	for i := range ss {
		ss[i] = g.sentence()
	}
	return strings.Join(ss, " ")
}

// description makes the description HTML of an objective: paragraphs, at
// times a list, at times long enough to run over a page.
func (g *synth) description() string {
	n := 2 + g.r.IntN(4)
	if g.r.IntN(8) == 0 {
		n += 6 + g.r.IntN(6)
	}
	var parts []string
	for i := range n {
		parts = append(parts, "<p>"+g.sentences(2+g.r.IntN(4))+"</p>")
		if i == 0 && g.r.IntN(5) == 0 {
			tag := "ul"
			if g.r.IntN(2) == 0 {
				tag = "ol"
			}
			var items []string
			for range 2 + g.r.IntN(4) {
				items = append(items, "<li>"+g.pick(listItems)+"</li>")
			}
			parts = append(parts, "<"+tag+">"+strings.Join(items, "")+"</"+tag+">")
		}
	}
	if g.r.IntN(6) == 0 {
		// One plain paragraph, as many reports print.
		return "<p>" + g.sentences(3+g.r.IntN(5)) + "</p>"
	}
	return strings.Join(parts, " ")
}

func (g *synth) objective() plan.Objective {
	o := plan.Objective{
		Title: g.pick(titleVerbs) + " " + g.pick(titleObjects),
	}
	if g.r.IntN(3) == 0 {
		o.Title += " entro il " + fmt.Sprintf("%02d/%02d/%d", 28+g.r.IntN(3), 1+g.r.IntN(12), g.year)
	}
	o.Title = g.unique(o.Title)
	if g.r.IntN(5) == 0 {
		w := []float64{10, 15, 20, 25, 30, 33, 50}[g.r.IntN(7)]
		o.Weight = &w
	}
	o.DescriptionHTML = g.description()
	ps := paragraphs(o.DescriptionHTML)
	o.DescriptionText = paragraphsText(ps)
	if g.r.IntN(10) > 0 {
		a, b := 1+g.r.IntN(10), 1+g.r.IntN(4)
		o.StrategicGoal = &plan.Goal{Code: fmt.Sprintf("%d.%d", a, b), Title: g.pick(strategicGoals)}
		o.OperationalGoal = &plan.Goal{Code: fmt.Sprintf("%d.%d.%02d", a, b, 1+g.r.IntN(12)), Title: fmt.Sprintf("%02d_%s", 1+g.r.IntN(40), g.pick(operationalGoals))}
	}
	for range 2 + g.r.IntN(7) {
		s := plan.Staff{Name: g.person(), Category: plan.Str(g.pick(categories)), Role: plan.Str(g.pick(roles)), Start: g.iso(1, 1), End: g.iso(12, 31)}
		if g.r.IntN(6) == 0 {
			m := 2 + g.r.IntN(9)
			s.Start = g.iso(m, 1)
		}
		if g.r.IntN(25) == 0 {
			s.Role = nil
		}
		o.Staff = append(o.Staff, s)
	}
	phases := 1 + g.r.IntN(5)
	if g.r.IntN(10) == 0 {
		phases = 0
	}
	for k := range phases {
		from := 1 + g.r.IntN(9)
		to := from + g.r.IntN(13-from)
		ph := plan.Phase{
			Title: g.pick(phaseTitles),
			Start: g.iso(from, 1),
			End:   g.iso(to, g.lastDay(to)),
		}
		if g.r.IntN(3) > 0 {
			ph.Title = strconv.Itoa(k+1) + " - " + ph.Title
		}
		if g.r.IntN(5) > 0 {
			ph.Description = plan.Str(g.sentences(1 + g.r.IntN(3)))
		}
		for m := from; m <= to; m++ {
			ph.PlannedMonths = append(ph.PlannedMonths, m)
		}
		if g.r.IntN(4) == 0 {
			for m := from; m <= min(to, from+g.r.IntN(4)); m++ {
				ph.ActualMonths = append(ph.ActualMonths, m)
			}
		}
		o.Phases = append(o.Phases, ph)
	}
	for range g.r.IntN(4) {
		in := plan.Indicator{Name: g.pick(indicatorNames), Unit: plan.Str(g.pick(measures)), Targets: map[string]*string{}}
		switch g.r.IntN(3) {
		case 0:
			in.Reference = plan.Str(fmt.Sprintf("%02d/%02d/%d", 28+g.r.IntN(3), 1+g.r.IntN(12), g.year))
		case 1:
			in.Reference = plan.Str(fmt.Sprintf("%d.00", 1+g.r.IntN(100)))
		}
		for y := g.year + 1; y <= g.year+2; y++ {
			var v *string
			if g.r.IntN(3) == 0 {
				v = plan.Str(strconv.Itoa(1 + g.r.IntN(100)))
			}
			in.Targets[strconv.Itoa(y)] = v
		}
		o.Indicators = append(o.Indicators, in)
	}
	return o
}

// unique makes title one that no objective made before has, as
// unrelated objectives of one plan have titles of their own (copies of
// one objective share theirs): a title drawn again is told apart by what
// it concerns, and by a number should that be drawn again too.
func (g *synth) unique(title string) string {
	if !g.titles[plan.Fold(title)] {
		g.titles[plan.Fold(title)] = true
		return title
	}
	base := title + " - " + g.pick(titleQualifiers)
	t := base
	for n := 2; g.titles[plan.Fold(t)]; n++ {
		t = base + " " + strconv.Itoa(n)
	}
	g.titles[plan.Fold(t)] = true
	return t
}

// copyObjective is a deep copy of o.
func copyObjective(o plan.Objective) plan.Objective {
	c := o
	c.Staff = append([]plan.Staff(nil), o.Staff...)
	c.Phases = append([]plan.Phase(nil), o.Phases...)
	c.Indicators = append([]plan.Indicator(nil), o.Indicators...)
	return c
}

var sectorNames = []string{
	"ASSETTO E GESTIONE DEL TERRITORIO",
	"SERVIZI AL CITTADINO E GABINETTO DEL SINDACO",
	"RISORSE",
	"SEGRETERIA GENERALE E DIREZIONE OPERATIVA",
	"SERVIZI ALLA PERSONA",
	"POLIZIA MUNICIPALE",
	"LAVORI PUBBLICI E MANUTENZIONI",
	"CULTURA, TURISMO E PROMOZIONE DEL TERRITORIO",
	"AMBIENTE, ENERGIA E SOSTENIBILITA'",
	"INNOVAZIONE E TRANSIZIONE DIGITALE",
}

var officeNames = []string{
	"EDILIZIA PRIVATA E QUALITA' URBANA",
	"EDILIZIA PUBBLICA, SPORTIVA E RIGENERAZIONE URBANA",
	"MOBILITA' SOSTENIBILE E RETI",
	"PIANIFICAZIONE TERRITORIALE",
	"SUPPORTO ALLE ATTIVITA' PRODUTTIVE E SUAP",
	"TUTELA DEL TERRITORIO",
	"VALORIZZAZIONE DEL PATRIMONIO",
	"URP - SERVIZI DEMOGRAFICI - ACCOGLIENZA DEL CITTADINO",
	"PERSONALE",
	"PROGRAMMAZIONE FINANZIARIA E ECONOMATO",
	"TRIBUTI E COORDINAMENTO ALLA RISCOSSIONE",
	"CONTRATTI, GARE, SERVIZI LEGALI, ASSICURAZIONI",
	"PROGETTI STRATEGICI E INNOVAZIONE",
	"SEGRETERIA GENERALE E ENTI PARTECIPATI",
	"ASSISTENZA ALLA PERSONA - SERVIZI MULTIPROFESSIONALI",
	"POLITICHE CULTURALI, EDUCATIVE, SCOLASTICHE",
	"PROMOZIONE SOCIALE",
	"SERVIZI RESIDENZIALI E SEMIRESIDENZIALI",
	"PROTEZIONE CIVILE",
	"BIBLIOTECA E ARCHIVIO STORICO",
	"SPORT E POLITICHE GIOVANILI",
	"VERDE PUBBLICO E ARREDO URBANO",
	"SISTEMI INFORMATIVI",
	"COMUNICAZIONE ISTITUZIONALE",
}

var surnames = []string{
	"ROSSI", "BIANCHI", "GENTILI", "MARCHETTI", "GIORGI", "BRUNO", "DEL FRATE", "LANDUCCI", "BARSETTI", "MESCHI",
	"SAPONATI", "PASQUINI", "CIANCAGLINI", "MAZZI", "BANDINELLI", "LUCCHESI", "PIERACCINI", "DINI", "FRANCESCONI",
	"NICCOLAI", "BERTOLUCCI", "GIANNINI", "DEL CARLO", "TOMEI", "PARDINI", "BALDUCCI", "ANGELI", "MATTEUCCI",
}

var givenNames = []string{
	"LUCA", "GIOVANNI", "BARBARA", "SILVIA", "MONICA", "ANDREA", "MICHELA", "SONIA", "VALENTINA", "CLAUDIO",
	"MARCO", "EMANUELE", "FRANCESCA", "PAOLO", "ELENA", "NICOLA", "CHIARA", "STEFANO", "GIULIA", "NICCOLÒ",
}

var categories = []string{
	"Area istruttori", "Area Funzionari ed EQ", "Area Funzionari ed EQ (Elevata Qualificazione)",
	"Area Funzionari ed EQ (Dirigente)", "Area operatori esperti", "Area operatori", "Categoria D", "Categoria C",
}

var roles = []string{
	"Istruttore Amministrativo Contabile", "Istruttore Tecnico", "Funzionario Tecnico", "Funzionario amministrativo contabile",
	"Dirigente", "Collaboratore professionale", "Agente di Polizia Locale", "Educatore", "Assistente Sociale",
}

var titleVerbs = []string{
	"Digitalizzazione", "Riorganizzazione", "Consolidamento", "Potenziamento", "Avvio", "Completamento",
	"Aggiornamento", "Semplificazione", "Monitoraggio", "Riqualificazione", "Revisione", "Attuazione",
}

var titleObjects = []string{
	"dei procedimenti di rilascio dei titoli edilizi",
	"del servizio di accoglienza del cittadino allo sportello polifunzionale",
	"dei controlli sulle pratiche edilizie a campione",
	"del piano triennale delle opere pubbliche",
	"della riscossione coattiva delle entrate tributarie",
	"dei servizi educativi per la prima infanzia",
	"dell'archivio documentale dell'ente",
	"degli interventi di manutenzione del patrimonio scolastico",
	"del regolamento per la concessione di contributi alle associazioni",
	"della rete dei punti di facilitazione digitale",
	"del sistema di gestione dei rifiuti urbani e del riuso",
	"delle procedure di gara sopra soglia comunitaria",
	"del piano di formazione del personale",
	"degli impianti sportivi comunali - lotto 1",
	"del sistema di videosorveglianza del territorio",
}

var titleQualifiers = []string{
	"frazione di Marlia", "frazione di Lammari", "frazione di Segromigno", "zona nord", "zona sud", "centro storico",
	"area industriale", "scuole primarie", "scuole dell'infanzia", "impianti sportivi", "seconda annualità",
	"terza annualità", "progetto PNRR", "fondi regionali", "in convenzione con la Provincia", "gestione associata",
	"sportello unico", "sito istituzionale", "utenza anziana", "utenza giovanile", "famiglie", "imprese del territorio",
	"associazioni di volontariato", "lotto 2", "lotto 3", "fase di avvio", "fase conclusiva", "riorganizzazione interna",
}

var subjects = []string{
	"l'ufficio", "l'amministrazione comunale", "il servizio", "il gruppo di lavoro", "l'ente",
	"il responsabile del procedimento", "il settore", "la direzione operativa",
}

var verbs = []string{
	"intende completare", "prevede di avviare", "dovrà garantire", "si propone di consolidare", "ha il compito di monitorare",
	"procederà a verificare", "intende migliorare", "curerà con attenzione",
}

var objects = []string{
	"il procedimento di verifica delle segnalazioni certificate", "la qualità dei servizi resi ai cittadini",
	"i tempi medi di istruttoria delle pratiche", "la pubblicazione degli atti nella sezione Amministrazione trasparente",
	"il coordinamento tra uffici e soggetti esterni", "la rendicontazione degli interventi finanziati dal PNRR",
	"l'aggiornamento della banca dati e dei relativi indicatori", "la programmazione delle attività per il {year}",
	"le procedure di affidamento e l'esecuzione dei contratti", "il controllo a campione del 15% delle comunicazioni presentate",
	"la spesa di € 510.000,00 prevista nel quadro economico", "la gestione informatizzata delle istanze on-line",
}

var purposes = []string{
	"entro il 31/12/{year}", "nel rispetto dei termini di legge", "al fine di ridurre gli adempimenti a carico dell'utenza",
	"in coerenza con gli obiettivi del Documento Unico di Programmazione", "con cadenza mensile e relazione finale al Dirigente",
	"anche a fronte della diminuzione di personale", "in collaborazione con gli altri uffici dell'ente",
	"garantendo la massima trasparenza e tracciabilità", "secondo il cronoprogramma approvato dalla Giunta",
}

var listItems = []string{
	"Coinvolgimento degli stakeholders locali", "Analisi dei dati dell'anno precedente", "Redazione del documento di sintesi",
	"Approvazione da parte della Giunta Comunale", "Pubblicazione sul sito istituzionale", "Formazione del personale interessato",
	"Verifica finale e relazione al Nucleo di valutazione", "Costruzione di soluzioni condivise",
}

var strategicGoals = []string{
	"LA RIGENERAZIONE URBANA: LE OPERE PER LA CITTÀ", "CAPANNORI SMART: DIGITALIZZAZIONE E SEMPLIFICAZIONE DEI PROCEDIMENTI",
	"UNA COMUNITÀ CHE SI PRENDE CURA", "NUOVI PERCORSI VERSO RIFIUTI ZERO E ECONOMIA CIRCOLARE",
	"SICUREZZA E LEGALITÀ", "CULTURA, SCUOLA E SAPERI", "UN ENTE EFFICIENTE E TRASPARENTE",
}

var operationalGoals = []string{
	"Interventi di riqualificazione urbana e PNRR", "Sviluppo dei sistemi di auditing e controllo interno",
	"Edilizia privata e qualità urbana", "Capannori Circolare 2030", "Servizi demografici di qualità",
	"Gestione efficiente delle entrate", "Politiche sociali e di inclusione", "Valorizzazione del patrimonio",
}

var phaseTitles = []string{
	"Indagine sui tempi medi di verifica", "Predisposizione della documentazione di gara", "Affidamento dei lavori",
	"Esecuzione dei lavori", "Collaudo e rendicontazione", "Analisi dei fabbisogni", "Redazione della relazione finale",
	"Pubblicazione degli esiti delle verifiche effettuate sulle comunicazioni estratte a campione",
	"Incontri con gli stakeholders", "Formazione del personale", "Monitoraggio intermedio",
}

var indicatorNames = []string{
	"Rispetto dei tempi di conclusione del procedimento", "Numero di pratiche istruite nell'anno",
	"Percentuale delle pratiche controllate rispetto a quelle presentate", "Approvazione della deliberazione entro la data prevista",
	"Realizzazione della relazione finale contenente l'andamento delle istanze presentate", "Importo riscosso rispetto al previsto",
	"Numero di cittadini che hanno usufruito del servizio",
}

var measures = []string{"Data", "Num", "Perc.", "S/N", "Euro", "gg"}
