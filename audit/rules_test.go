package audit

import (
	"slices"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/plan"
)

// fixture returns a small, consistent 2024 plan: one sector, one office,
// one objective with two staff rows, two phases and an indicator. Check
// finds nothing in it.
func fixture() *plan.Document {
	d := &plan.Document{
		Format: plan.Format,
		Title:  "Stampa Obiettivi di Performance",
		Entity: "Comune di Prova",
		Year:   2024,
		TOC: []plan.TOCEntry{
			{Code: "SSETT", Name: "SETTORE DI PROVA", Page: 3},
			{Code: "UUFF", Name: "UFFICIO DI PROVA", Page: 3},
		},
		Units: []plan.Unit{
			{Code: "SSETT", Name: "SETTORE DI PROVA", Kind: plan.KindSector, Head: plan.Str("VERDI GIUSEPPE"), Page: 3},
			{Code: "UUFF", Name: "UFFICIO DI PROVA", Kind: plan.KindOffice, Sector: plan.Str("SSETT"), Head: plan.Str("ROSSI MARIO"), Page: 3},
		},
		Objectives: []plan.Objective{objective("UUFF", 3, "Digitalizzazione degli archivi")},
	}
	d.AssignKeys()
	return d
}

// objective returns a consistent objective printed under unit on page.
func objective(unit string, page int, title string) plan.Objective {
	return plan.Objective{
		Unit:            unit,
		Page:            page,
		Title:           title,
		DescriptionHTML: "<p>Il progetto riguarda gli archivi dell'ente.</p>",
		DescriptionText: "Il progetto riguarda gli archivi dell'ente.",
		StrategicGoal:   &plan.Goal{Code: "1.2", Title: "LA CITTÀ DIGITALE"},
		OperationalGoal: &plan.Goal{Code: "1.2.03", Title: "12_Archivi"},
		Staff: []plan.Staff{
			staff("ROSSI MARIO", "Area Funzionari ed EQ", "Funzionario Tecnico", "2024-01-01", "2024-12-31"),
			staff("BIANCHI ANNA", "Area istruttori", "Istruttore Amministrativo Contabile", "2024-01-01", "2024-12-31"),
		},
		Phases: []plan.Phase{
			phase("1 - Censimento", "2024-01-01", "2024-03-31", 1, 2, 3),
			phase("2 - Scansione", "2024-04-01", "2024-12-31", 4, 5, 6, 7, 8, 9, 10, 11, 12),
		},
		Indicators: []plan.Indicator{{Name: "Pratiche scansionate", Unit: plan.Str("Num"), Targets: map[string]*string{"2025": nil}}},
	}
}

func staff(name, cat, role, start, end string) plan.Staff {
	return plan.Staff{Name: name, Category: plan.Str(cat), Role: plan.Str(role), Start: plan.Str(start), End: plan.Str(end)}
}

func phase(title, start, end string, months ...int) plan.Phase {
	return plan.Phase{Title: title, Description: plan.Str("Attività della fase"), Start: plan.Str(start), End: plan.Str(end),
		PlannedMonths: months, ActualMonths: []int{}}
}

// obj returns objective i of d, for a mutation.
func obj(d *plan.Document, i int) *plan.Objective { return &d.Objectives[i] }

// addObjective appends a consistent objective with title under unit.
func addObjective(d *plan.Document, unit string, page int, title string) *plan.Objective {
	d.Objectives = append(d.Objectives, objective(unit, page, title))
	return &d.Objectives[len(d.Objectives)-1]
}

// addOffice appends an office with a table of contents entry.
func addOffice(d *plan.Document, code, name, head string, page int) {
	d.Units = append(d.Units, plan.Unit{Code: code, Name: name, Kind: plan.KindOffice, Sector: plan.Str("SSETT"), Head: plan.Str(head), Page: page})
	d.TOC = append(d.TOC, plan.TOCEntry{Code: code, Name: name, Page: page})
}

func TestFixtureIsClean(t *testing.T) {
	if fs := Check(fixture()); len(fs) != 0 {
		t.Fatalf("fixture has findings: %+v", fs)
	}
}

// TestRules runs each rule on a small plan, with the cases that must be
// flagged and those that must not.
func TestRules(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(d *plan.Document)
		want   []string // rule ids found, sorted; nil for none
		msg    string   // text the first finding's message must contain
	}{
		// Table of contents.
		{"toc code spelled differently", func(d *plan.Document) { d.TOC[1].Code = "UUFFF" },
			[]string{RuleTOCCodeMismatch}, `"UUFFF"`},
		{"toc name spelled differently", func(d *plan.Document) { d.TOC[1].Name = "UFFICIO DI PROVÀ" },
			[]string{RuleTOCNameMismatch}, "PROVÀ"},
		{"toc page not where the heading is", func(d *plan.Document) { d.TOC[1].Page = 5 },
			[]string{RuleTOCPageMismatch}, "page 5"},
		{"unit missing from the toc", func(d *plan.Document) { d.TOC = d.TOC[:1] },
			[]string{RuleTOCMissingUnit}, "UUFF"},
		{"toc entry without heading", func(d *plan.Document) {
			d.TOC = append(d.TOC, plan.TOCEntry{Code: "UALTRO", Name: "ALTRO UFFICIO", Page: 9})
		}, []string{RuleTOCExtraEntry}, "UALTRO"},
		{"no toc at all is not compared", func(d *plan.Document) { d.TOC = nil }, nil, ""},

		// People.
		{"head and staff spelled two ways", func(d *plan.Document) {
			d.Units[1].Head = plan.Str("Bandinelli Barbara")
			obj(d, 0).Staff[0].Name = "Bendinelli Barbara"
		}, []string{RuleNameVariant}, `"Bandinelli Barbara"`},
		{"case variant across objectives", func(d *plan.Document) {
			o := addObjective(d, "UUFF", 4, "Archivio storico")
			o.Staff[1].Name = "BIANCHi ANNA"
		}, []string{RuleNameVariant}, "case"},
		{"accent variant", func(d *plan.Document) {
			obj(d, 0).Staff[1].Name = "MARCHIO' CARLA"
			addObjective(d, "UUFF", 4, "Archivio storico").Staff[1].Name = "MARCHIÒ CARLA"
		}, []string{RuleNameVariant}, "MARCHI"},
		{"word order variant", func(d *plan.Document) {
			addObjective(d, "UUFF", 4, "Archivio storico").Staff[0].Name = "MARIO ROSSI"
		}, []string{RuleNameVariant}, `"MARIO ROSSI"`},
		{"same surname, different people", func(d *plan.Document) {
			o := obj(d, 0)
			o.Staff = append(o.Staff,
				staff("PENSA ALESSANDRO", "Area Funzionari ed EQ", "Funzionario amministrativo contabile", "2024-01-01", "2024-12-31"),
				staff("PENSA RICCARDO", "Area Funzionari ed EQ", "Funzionario amministrativo contabile", "2024-01-01", "2024-12-31"),
				staff("TROMI ALESSIA", "Area istruttori", "Istruttore Agente Polizia Municipale", "2024-01-01", "2024-12-31"),
				staff("TROMI SIMONA", "Area istruttori", "Istruttore Agente Polizia Municipale", "2024-01-01", "2024-12-31"))
		}, nil, ""},
		{"names one final vowel apart are two people", func(d *plan.Document) {
			o := obj(d, 0)
			o.Staff = append(o.Staff, staff("ROSSI MARIA", "Area istruttori", "Istruttore Tecnico", "2024-01-01", "2024-12-31"))
		}, nil, ""},
		{"short surnames two letters apart are two people", func(d *plan.Document) {
			o := obj(d, 0)
			o.Staff = append(o.Staff,
				staff("DATI MONICA", "Area istruttori", "Istruttore Agente Polizia Municipale", "2024-01-01", "2024-12-31"),
				staff("DINI MONICA", "Area istruttori", "Istruttore Amministrativo Contabile", "2024-01-01", "2024-12-31"))
		}, nil, ""},
		{"close names with different category and role are two people", func(d *plan.Document) {
			o := obj(d, 0)
			o.Staff = append(o.Staff,
				staff("MARCHETTI ILARIA", "Area istruttori", "Istruttore Tecnico", "2024-01-01", "2024-12-31"),
				staff("MARCHETTA ILARIA", "Area Operatori Esperti", "Operatore Esperto Ausiliare", "2024-01-01", "2024-12-31"))
		}, nil, ""},
		{"role written two ways", func(d *plan.Document) {
			o := addObjective(d, "UUFF", 4, "Archivio storico")
			o.Staff[0].Role = plan.Str("Funzionario Tecnicco")
		}, []string{RuleRoleVariant}, `"Funzionario Tecnicco"`},
		{"role differing only in case is one role", func(d *plan.Document) {
			addObjective(d, "UUFF", 4, "Archivio storico").Staff[0].Role = plan.Str("Funzionario tecnico")
		}, nil, ""},
		{"role change in consecutive periods is a career step", func(d *plan.Document) {
			obj(d, 0).Staff[1].End = plan.Str("2024-06-30")
			o := addObjective(d, "UUFF", 4, "Archivio storico")
			o.Staff[1] = staff("BIANCHI ANNA", "Area Funzionari ed EQ", "Funzionario amministrativo contabile", "2024-07-01", "2024-12-31")
			for i := range d.Objectives {
				d.Objectives[i].Phases = d.Objectives[i].Phases[:1]
			}
		}, nil, ""},
		{"category differs", func(d *plan.Document) {
			addObjective(d, "UUFF", 4, "Archivio storico").Staff[1].Category = plan.Str("Area Operatori Esperti")
		}, []string{RuleCategoryVariant}, "Area Operatori Esperti"},
		{"category of another classification", func(d *plan.Document) {
			o := obj(d, 0)
			for i := 0; i < 20; i++ {
				o.Staff = append(o.Staff, staff("PERSONA "+string(rune('A'+i))+"LFA", "Area istruttori", "Istruttore Tecnico", "2024-01-01", "2024-12-31"))
			}
			o.Staff = append(o.Staff, staff("GIULIANETTI FRANCESCA", "Categoria D", "Specialista Amministrativo Contabile", "2024-01-01", "2024-12-31"))
		}, []string{RuleCategoryScheme}, `"Categoria D"`},
		{"two classifications in equal measure are not flagged", func(d *plan.Document) {
			o := obj(d, 0)
			o.Staff = append(o.Staff,
				staff("VERDI LUCA", "Categoria C", "Istruttore Tecnico", "2024-01-01", "2024-12-31"),
				staff("NERI PAOLO", "Categoria D", "Istruttore Direttivo", "2024-01-01", "2024-12-31"))
		}, nil, ""},

		// Empty cells.
		{"office without head", func(d *plan.Document) { d.Units[1].Head = nil }, []string{RuleEmptyHead}, "office UUFF"},
		{"sector without head", func(d *plan.Document) { d.Units[0].Head = plan.Str(" ") }, []string{RuleEmptyHead}, "sector SSETT"},
		{"objective without title", func(d *plan.Document) { obj(d, 0).Title = "" }, []string{RuleEmptyTitle}, "no title"},
		{"untitled piece with nothing but tables", func(d *plan.Document) {
			o := addObjective(d, "UUFF", 4, "")
			o.DescriptionHTML, o.DescriptionText, o.StrategicGoal, o.OperationalGoal = "", "", nil, nil
		}, []string{RuleUncertainReading}, "cut an objective in two"},
		{"sector and its office without head", func(d *plan.Document) { d.Units[0].Head, d.Units[1].Head = nil, nil },
			[]string{RuleEmptyHead}, "sector SSETT - SETTORE DI PROVA has no head, nor have its offices UUFF"},
		{"office without head under a sector with one", func(d *plan.Document) {
			addOffice(d, "UALTRO", "ALTRO UFFICIO", "", 5)
			d.Units[2].Head = nil
		}, []string{RuleEmptyHead}, "office UALTRO"},
		{"one person without category in two objectives", func(d *plan.Document) {
			obj(d, 0).Staff[1].Category = nil
			addObjective(d, "UUFF", 4, "Archivio storico").Staff[1].Category = nil
		}, []string{RuleEmptyCategory}, `BIANCHI ANNA has no category in the staff of 2 objectives: "Digitalizzazione degli archivi" (UUFF page 3), "Archivio storico" (UUFF page 4)`},
		{"objective without description", func(d *plan.Document) {
			obj(d, 0).DescriptionHTML, obj(d, 0).DescriptionText = "", ""
		}, []string{RuleEmptyDescription}, "no description"},
		{"objective without goals", func(d *plan.Document) { obj(d, 0).StrategicGoal, obj(d, 0).OperationalGoal = nil, nil },
			[]string{RuleEmptyGoal}, "no strategic goal and no operational goal"},
		{"objective without staff", func(d *plan.Document) { obj(d, 0).Staff = nil }, []string{RuleNoStaff}, "no staff"},
		{"objective without phases", func(d *plan.Document) { obj(d, 0).Phases = nil }, []string{RuleNoPhases}, "no phases"},
		{"staff row without category", func(d *plan.Document) { obj(d, 0).Staff[1].Category = nil },
			[]string{RuleEmptyCategory}, "BIANCHI ANNA"},
		{"staff row without role", func(d *plan.Document) { obj(d, 0).Staff[1].Role = nil }, []string{RuleEmptyRole}, "BIANCHI ANNA"},
		{"staff row without end", func(d *plan.Document) { obj(d, 0).Staff[1].End = nil }, []string{RuleEmptyStaffPeriod}, "BIANCHI ANNA"},
		{"phase without dates", func(d *plan.Document) { obj(d, 0).Phases[0].Start, obj(d, 0).Phases[0].End = nil, nil },
			[]string{RuleEmptyPhasePeriod}, `"1 - Censimento"`},
		{"phase with dates and no planned month", func(d *plan.Document) { obj(d, 0).Phases[0].PlannedMonths = []int{} },
			[]string{RuleEmptySchedule}, `"1 - Censimento"`},
		{"phase without description is normal", func(d *plan.Document) { obj(d, 0).Phases[0].Description = nil }, nil, ""},

		// Periods.
		{"staff period ends before it starts", func(d *plan.Document) { obj(d, 0).Staff[1].End = plan.Str("2023-12-31") },
			[]string{RulePeriodReversed}, "BIANCHI ANNA"},
		{"phase ends before it starts", func(d *plan.Document) { obj(d, 0).Phases[0].End = plan.Str("2023-12-01") },
			[]string{RulePeriodReversed}, `"1 - Censimento"`},
		{"staff period runs into next year", func(d *plan.Document) {
			for i := range obj(d, 0).Staff {
				obj(d, 0).Staff[i].End = plan.Str("2025-04-30")
			}
		}, []string{RulePeriodOutsideYear}, "2024-01-01 to 2025-04-30 (2 rows"},
		{"phase runs past the year and past its people", func(d *plan.Document) { obj(d, 0).Phases[1].End = plan.Str("2025-01-31") },
			[]string{RulePeriodOutsideYear, RulePhaseAfterStaff}, `"2 - Scansione"`},
		{"carry-over objective spanning two years", func(d *plan.Document) {
			o := obj(d, 0)
			o.Title = "2023_39_Nuovo software per i servizi demografici"
			for i := range o.Staff {
				o.Staff[i].Start, o.Staff[i].End = plan.Str("2023-01-01"), plan.Str("2024-07-31")
			}
			o.Phases[1].End = plan.Str("2024-07-31")
			o.Phases[1].PlannedMonths = []int{4, 5, 6, 7}
		}, []string{RuleCarryOverPeriod, RuleCarryOverTitle}, "carried over from 2023"},
		{"carry-over objective running past the plan year", func(d *plan.Document) {
			o := obj(d, 0)
			o.Title = "2023_39_Nuovo software"
			for i := range o.Staff {
				o.Staff[i].Start, o.Staff[i].End = plan.Str("2023-01-01"), plan.Str("2025-03-31")
			}
		}, []string{RuleCarryOverTitle, RulePeriodOutsideYear}, ""},
		{"date far from the plan year", func(d *plan.Document) { obj(d, 0).Staff[0].End = plan.Str("2204-12-31") },
			[]string{RuleImplausibleDate}, "2204"},
		{"unreadable date", func(d *plan.Document) { obj(d, 0).Phases[0].Start = plan.Str("31/12/2024") },
			[]string{RuleImplausibleDate}, "31/12/2024"},
		{"phase after everybody left", func(d *plan.Document) {
			for i := range obj(d, 0).Staff {
				obj(d, 0).Staff[i].End = plan.Str("2024-06-30")
			}
		}, []string{RulePhaseAfterStaff}, "2024-06-30"},
		{"one person leaving early is normal", func(d *plan.Document) { obj(d, 0).Staff[1].End = plan.Str("2024-01-31") }, nil, ""},
		{"phase before anybody arrives", func(d *plan.Document) {
			for i := range obj(d, 0).Staff {
				obj(d, 0).Staff[i].Start = plan.Str("2024-03-01")
			}
		}, []string{RulePhaseBeforeStaff}, "2024-03-01"},

		// Schedule.
		{"planned month outside the phase", func(d *plan.Document) { obj(d, 0).Phases[0].PlannedMonths = []int{1, 2, 3, 4} },
			[]string{RuleScheduleOutsidePeriod}, "planned Apr"},
		{"actual month outside the phase", func(d *plan.Document) { obj(d, 0).Phases[0].ActualMonths = []int{5} },
			[]string{RuleScheduleOutsidePeriod}, "actual May"},
		{"phase begun the year before marks January", func(d *plan.Document) {
			o := obj(d, 0)
			o.Title = "2023_21_Rilancio del commercio"
			o.Phases[0].Start = plan.Str("2023-01-01")
			for i := range o.Staff {
				o.Staff[i].Start = plan.Str("2023-01-01")
			}
		}, []string{RuleCarryOverPeriod, RuleCarryOverPeriod, RuleCarryOverTitle}, ""},

		{"phases numbered out of order", func(d *plan.Document) {
			o := obj(d, 0)
			o.Phases[0].Title, o.Phases[1].Title = "2 - Scansione", "1 - Censimento"
		}, []string{RulePhaseOrder}, "2, 1"},
		{"phases sorted as text", func(d *plan.Document) {
			o := obj(d, 0)
			o.Phases = []plan.Phase{phase("10 Gestione backup", "2024-01-01", "2024-03-31", 1, 2, 3),
				phase("11 Formazione", "2024-01-01", "2024-03-31", 1, 2, 3), phase("1 Migrazione al cloud", "2024-01-01", "2024-03-31", 1, 2, 3),
				phase("2 Consolidamento", "2024-01-01", "2024-03-31", 1, 2, 3)}
		}, []string{RulePhaseOrder}, "10, 11, 1, 2"},
		{"Roman phase numbers out of order", func(d *plan.Document) {
			o := obj(d, 0)
			o.Phases[0].Title, o.Phases[1].Title = "II FASE - GESTIONE", "I FASE- PREDISPOSIZIONE"
		}, []string{RulePhaseOrder}, "2, 1"},
		{"numbering that starts past one and repeats a number", func(d *plan.Document) {
			o := obj(d, 0)
			o.Phases = []plan.Phase{phase("7 - Approvazione graduatoria", "2024-01-01", "2024-01-31", 1),
				phase("7 - Approvazione graduatoria", "2024-02-01", "2024-02-28", 2), phase("8 - Rilascio", "2024-03-01", "2024-03-31", 3)}
		}, nil, ""},
		{"unnumbered phases in any order", func(d *plan.Document) {
			o := obj(d, 0)
			o.Phases[0].Title, o.Phases[1].Title = "Verifica", "Avvio"
		}, nil, ""},
		{"Roman phase numbers in order", func(d *plan.Document) {
			o := obj(d, 0)
			o.Phases[0].Title, o.Phases[1].Title = "I FASE- PREDISPOSIZIONE", "II FASE - GESTIONE"
		}, nil, ""},

		// Duplicates.
		{"phase row repeated", func(d *plan.Document) {
			o := obj(d, 0)
			o.Phases = append(o.Phases, o.Phases[0])
			o.Phases[2].Description = plan.Str("Attività della fase Attività della fase")
		}, []string{RuleDuplicatePhase}, "descriptions differ"},
		{"same phase title with other dates is another round", func(d *plan.Document) {
			o := obj(d, 0)
			o.Phases[1].Title = o.Phases[0].Title
		}, nil, ""},
		{"copies under two offices differ", func(d *plan.Document) {
			addOffice(d, "UALTRO", "ALTRO UFFICIO", "BIANCHI ANNA", 5)
			o := addObjective(d, "UALTRO", 5, "Digitalizzazione degli archivi")
			o.Staff = o.Staff[:1]
			o.DescriptionText = "Il progetto riguarda gli archivi storici dell'ente."
		}, []string{RuleCopyDiffers}, "staff only there: BIANCHI ANNA"},
		{"identical copies under two offices", func(d *plan.Document) {
			addOffice(d, "UALTRO", "ALTRO UFFICIO", "BIANCHI ANNA", 5)
			addObjective(d, "UALTRO", 5, "Digitalizzazione degli archivi")
		}, nil, ""},
		{"copies that differ only in line breaks", func(d *plan.Document) {
			addOffice(d, "UALTRO", "ALTRO UFFICIO", "BIANCHI ANNA", 5)
			addObjective(d, "UALTRO", 5, "Digitalizzazione degli archivi").DescriptionText = "Il progetto riguarda\ngli archivi dell'ente."
		}, nil, ""},
		{"objective printed twice in one office", func(d *plan.Document) { addObjective(d, "UUFF", 4, "Digitalizzazione degli archivi") },
			[]string{RuleDuplicateObjective}, "identical copy"},

		// Goals.
		{"goal code with two titles", func(d *plan.Document) {
			addObjective(d, "UUFF", 4, "Archivio storico")
			addObjective(d, "UUFF", 5, "Archivio corrente").StrategicGoal = &plan.Goal{Code: "1.2", Title: "LA CITTA' DIGITALE"}
		}, []string{RuleGoalTitleVariant}, `"LA CITTA' DIGITALE" here vs "LA CITTÀ DIGITALE"`},
		{"operational goal under another strategic goal", func(d *plan.Document) {
			obj(d, 0).OperationalGoal.Code = "2.1.03"
		}, []string{RuleGoalCodeMismatch}, "2.1.03"},

		// Text.
		{"mojibake", func(d *plan.Document) {
			obj(d, 0).DescriptionText = "L'attivit\u00c3\u00a0 è svolta"
		}, []string{RuleBadEncoding}, `"Ã\u00a0"`},
		{"mojibake with its no-break space made a space", func(d *plan.Document) {
			obj(d, 0).Phases[0].Description = plan.Str("attivitÃ  svolta")
		}, []string{RuleBadEncoding}, `"Ã "`},
		{"mojibake of an accented letter", func(d *plan.Document) { obj(d, 0).Title = "Qualità del verde pubblico Ã¨ importante" },
			[]string{RuleBadEncoding}, `"Ã¨"`},
		{"windows-1252 mojibake", func(d *plan.Document) { obj(d, 0).Phases[0].Title = "1 - Censimento dellâ€™archivio" },
			[]string{RuleBadEncoding}, "â€"},
		{"replacement character", func(d *plan.Document) { obj(d, 0).Title = "Digitalizzazione degli archivi \uFFFD" },
			[]string{RuleBadEncoding}, "U+FFFD"},
		{"control character", func(d *plan.Document) { d.Units[1].Name = "UFFICIO\x02 DI PROVA"; d.TOC[1].Name = d.Units[1].Name },
			[]string{RuleBadEncoding}, "U+0002"},
		{"accents, euro and typographic quotes are fine", func(d *plan.Document) {
			obj(d, 0).DescriptionText = "Città, perché più «già» “così” – 500 € … 10°"
		}, nil, ""},
		{"HTML cut inside a tag", func(d *plan.Document) { obj(d, 0).DescriptionHTML = `<p>Il progetto</p><p style="text-al` },
			[]string{RuleTruncatedHTML}, `<p style=`},
		{"HTML list never closed", func(d *plan.Document) {
			obj(d, 0).DescriptionHTML = `<p>Azioni:</p> <ul style="list-style-type: none"> - una - due`
		}, []string{RuleUnbalancedHTML}, "<ul>"},
		{"HTML closing a tag never opened", func(d *plan.Document) { obj(d, 0).DescriptionHTML = `<p>Il progetto</span></p>` },
			[]string{RuleUnbalancedHTML}, "</span>"},
		{"HTML with optional end tags left out", func(d *plan.Document) {
			obj(d, 0).DescriptionHTML = "<p>Uno<p>Due<ul><li>a<li>b</ul><p>Tre<br>quattro &lt;= 2 mesi"
		}, nil, ""},
		{"HTML source printed in a phase description", func(d *plan.Document) {
			obj(d, 0).Phases[0].Description = plan.Str("<p>Raccolta dei contributi</p>")
		}, []string{RuleLiteralMarkup}, `"<p>"`},
		{"comparison sign is not markup", func(d *plan.Document) {
			obj(d, 0).Phases[0].Description = plan.Str("mese di cessazione <= 2 mesi, valore > 3")
		}, nil, ""},
		{"bracket never closed", func(d *plan.Document) {
			obj(d, 0).StrategicGoal.Title = "LA CITTÀ DIGITALE [ARCHIVI - SPAZI PUBBLICI-"
		}, []string{RuleUnbalancedBrackets}, `"["`},
		{"list markers are not brackets", func(d *plan.Document) {
			obj(d, 0).Phases[0].Title = "1) Censimento (fase a)"
		}, nil, ""},
		{"letter written three times", func(d *plan.Document) {
			obj(d, 0).StrategicGoal.Title = "COMUNE AMICO: TUTORAGGGIO"
		}, []string{RuleTripledLetter}, `"TUTORAGGGIO"`},
		{"Roman numerals, web addresses, one letter repeated", func(d *plan.Document) {
			obj(d, 0).Phases[1].Title = "III FASE - vedi www.comune.it, classe AAA, èèè"
		}, nil, ""},
		{"title carried over", func(d *plan.Document) { obj(d, 0).Title = "2023_21_Rilancio del commercio" },
			[]string{RuleCarryOverTitle}, `"2023_21_"`},
		{"year in a title is not a carry-over", func(d *plan.Document) { obj(d, 0).Title = "2023 e 2024: archivi" }, nil, ""},
		{"text left after a closing paragraph", func(d *plan.Document) {
			obj(d, 0).DescriptionHTML = "<p>con la media sul totale dei</p> procedimenti, evidenziando le criticità emerse."
		}, []string{RuleHTMLTextOutside}, `"procedimenti, evidenziando le criticità emerse."`},
		{"text between paragraphs is inside them", func(d *plan.Document) {
			obj(d, 0).DescriptionHTML = "<p>uno</p> <p>due</p><ul><li>tre</li></ul>"
		}, nil, ""},
		{"text after an inline element", func(d *plan.Document) { obj(d, 0).DescriptionHTML = "<b>Nota:</b> il progetto" }, nil, ""},
		{"operational goal without its program number", func(d *plan.Document) {
			for i, g := range []string{"13_Bilancio", "14_Entrate", "16_Acquisti"} {
				addObjective(d, "UUFF", 4+i, "Obiettivo "+g).OperationalGoal = &plan.Goal{Code: "1.2.1" + string(rune('0'+i)), Title: g}
			}
			addObjective(d, "UUFF", 8, "Anagrafe").OperationalGoal = &plan.Goal{Code: "1.2.04", Title: "Semplificazione e digitalizzazione di anagrafe"}
		}, []string{RuleGoalNumberMissing}, `1.2.04 "Semplificazione e digitalizzazione di anagrafe"`},
		{"operational goals without numbers at all", func(d *plan.Document) {
			obj(d, 0).OperationalGoal.Title = "Archivi"
			for i, g := range []string{"Bilancio", "Entrate", "Acquisti"} {
				addObjective(d, "UUFF", 4+i, "Obiettivo "+g).OperationalGoal = &plan.Goal{Code: "1.2.1" + string(rune('0'+i)), Title: g}
			}
		}, nil, ""},
		{"description starting with its label", func(d *plan.Document) {
			obj(d, 0).DescriptionText = "Descrizione L'obiettivo è quello di garantire"
		}, []string{RuleLabelInText}, `"Descrizione"`},
		{"description starting with the word", func(d *plan.Document) {
			obj(d, 0).DescriptionText = "Descrizione delle attività dell'ufficio"
		}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fixture()
			tt.mutate(d)
			d.AssignKeys()
			fs := Check(d)
			var got []string
			for _, f := range fs {
				got = append(got, f.Rule)
			}
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("rules = %v, want %v\n%s", got, want, dump(fs))
			}
			if tt.msg != "" && !strings.Contains(fs[0].Message, tt.msg) {
				t.Errorf("message %q does not contain %q", fs[0].Message, tt.msg)
			}
		})
	}
}

func dump(fs []plan.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.Severity + " " + f.Rule + ": " + f.Message + "\n")
	}
	return b.String()
}

// TestCarryOverIsNotAnError checks the severity of what a carry-over
// objective legitimately shows.
func TestCarryOverIsNotAnError(t *testing.T) {
	d := fixture()
	o := obj(d, 0)
	o.Title = "2023_39_Nuovo software"
	for i := range o.Staff {
		o.Staff[i].Start, o.Staff[i].End = plan.Str("2023-01-01"), plan.Str("2024-07-31")
	}
	o.Phases[1].End = plan.Str("2024-07-31")
	o.Phases[1].PlannedMonths = []int{4, 5, 6, 7}
	d.AssignKeys()
	for _, f := range Check(d) {
		if f.Severity != plan.SeverityInfo {
			t.Errorf("%s is %s, want info: %s", f.Rule, f.Severity, f.Message)
		}
	}
}

func TestFindingLocation(t *testing.T) {
	d := fixture()
	addOffice(d, "UALTRO", "ALTRO UFFICIO", "BIANCHI ANNA", 5)
	addObjective(d, "UALTRO", 5, "Digitalizzazione degli archivi")
	for i := range d.Objectives {
		d.Objectives[i].Staff[1].Category = nil
	}
	d.AssignKeys()
	fs := Check(d)
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1 (one per objective, not per copy):\n%s", len(fs), dump(fs))
	}
	f := fs[0]
	if f.Page == nil || *f.Page != 3 || plan.Deref(f.Unit) != "UUFF" || plan.Deref(f.ObjectiveKey) != d.Objectives[0].Key {
		t.Errorf("located at page %v unit %v key %v, want page 3, UUFF, %s", f.Page, f.Unit, f.ObjectiveKey, d.Objectives[0].Key)
	}
	if !strings.Contains(f.Message, "also printed under UALTRO page 5") {
		t.Errorf("message does not name the other copy: %s", f.Message)
	}
}

// TestUnmatchedScheduleRow classifies the schedule rows the PDF reader
// could not match to a phase by title: a misspelt title, a reading the
// reader is unsure of, and a row that matches nothing.
func TestUnmatchedScheduleRow(t *testing.T) {
	long := "3 Accordo quadro asfaltatura e manutenzione strade (€ 300.000 triennale 2024-26) - Approvazione Progetto"
	tests := []struct {
		name, phase, row string
		rule             string
		msg              []string
	}{
		{"a letter transposed", "Percorso partecipativo e ricreazione", "Percorso partecipativo e ricercazione",
			RuleScheduleTitleMismatch, []string{`"Percorso partecipativo e ricercazione"`, `phase "Percorso partecipativo e ricreazione"`, `"e ricercazione" in the schedule`}},
		{"a letter missing", "1 Asfaltatura strade (€ 500.000) Notifica ASL per inizio lavori", "1 Asfatatura strade (€ 500.000) Notifica ASL per inizio lavori",
			RuleScheduleTitleMismatch, []string{"Asfatatura", `"1 Asfaltatura" in the phase`}},
		{"a letter missing at the end", "6 Procedure di sicurezza informatica", "6 Procedure di sicurezza informaica",
			RuleScheduleTitleMismatch, []string{`informaica" in the schedule`}},
		{"a title cut at a page break", long, "3 Accordo quadro asfaltatura e manutenzione strade (€ 300.000",
			RuleUncertainReading, []string{"part of the title", "page break"}},
		{"the rest of a cut title", long, "triennale 2024-26) - Approvazione Progetto",
			RuleUncertainReading, []string{"part of the title"}},
		{"two rows joined", "1 Asfaltatura strade (€ 500.000) Notifica ASL", "1 Asfaltatura strade (€ 500.000) Notifica ASL 2 Asfaltatura strade (€ 500.000) fine lavori",
			RuleUncertainReading, []string{"joined two rows"}},
		{"spacing only", "I FASE - PREDISPOSIZIONE AVVISI", "I FASE-PREDISPOSIZIONE AVVISI",
			RuleUncertainReading, []string{"spacing or punctuation"}},
		{"close to a phase but more than a slip", "Percorso partecipativo e ricreazione", "Percorso partecipativo per la ricreazione",
			RuleScheduleRowUnmatched, []string{`the closest is phase "Percorso partecipativo e ricreazione"`}},
		{"nothing alike", "Percorso partecipativo e ricreazione", "Tutt'altro",
			RuleScheduleRowUnmatched, []string{`schedule row "Tutt'altro" matches no phase title`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fixture()
			o := obj(d, 0)
			o.Phases[1].Title = tt.phase
			f := UnmatchedScheduleRow(o, tt.row, 31)
			if f.Rule != tt.rule || f.Severity != severities[tt.rule] {
				t.Fatalf("rule %s severity %s, want %s: %s", f.Rule, f.Severity, tt.rule, f.Message)
			}
			if f.Page == nil || *f.Page != 31 || plan.Deref(f.Unit) != "UUFF" || plan.Deref(f.ObjectiveKey) != o.Key {
				t.Errorf("bad location: %+v", f)
			}
			for _, s := range tt.msg {
				if !strings.Contains(f.Message, s) {
					t.Errorf("message %q lacks %s", f.Message, s)
				}
			}
			if tt.rule == RuleScheduleRowUnmatched && !strings.Contains(f.Message, "closest") {
				return
			}
		})
	}
	if f := UnmatchedScheduleRow(obj(fixture(), 0), "Tutt'altro", 0); strings.Contains(f.Message, "closest") || *f.Page != 3 {
		t.Errorf("unrelated row: %+v", f)
	}
}
