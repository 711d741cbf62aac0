package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// A small hand-made plan and its variations, one per kind of change.

func goal(code, title string) *plan.Goal { return &plan.Goal{Code: code, Title: title} }

func person(name, category, role, start, end string) plan.Staff {
	return plan.Staff{Name: name, Category: plan.Str(category), Role: plan.Str(role), Start: plan.Str(start), End: plan.Str(end)}
}

func phase(title, start, end string, planned ...int) plan.Phase {
	return plan.Phase{Title: title, Start: plan.Str(start), End: plan.Str(end), PlannedMonths: planned, ActualMonths: []int{}}
}

func indicator(name, unit, ref string, targets map[string]string) plan.Indicator {
	t := map[string]*string{}
	for y, v := range targets {
		t[y] = plan.Str(v)
	}
	return plan.Indicator{Name: name, Unit: plan.Str(unit), Reference: plan.Str(ref), Targets: t}
}

func weight(w float64) *float64 { return &w }

func objective(unit, title, desc string, sg, og *plan.Goal) plan.Objective {
	return plan.Objective{
		Unit: unit, Page: 3, Title: title,
		DescriptionHTML: "<p>" + desc + "</p>", DescriptionText: desc,
		StrategicGoal: sg, OperationalGoal: og,
		Staff: []plan.Staff{
			person("ROSSI MARIO", "Area Funzionari ed EQ", "Funzionario Tecnico", "2024-01-01", "2024-12-31"),
			person("BIANCHI ANNA", "Area istruttori", "Istruttore Amministrativo", "2024-01-01", "2024-12-31"),
		},
		Phases: []plan.Phase{
			phase("1 Progettazione", "2024-01-01", "2024-02-29", 1, 2),
			phase("2 Esecuzione lavori", "2024-03-01", "2024-12-31", 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
		},
		Indicators: []plan.Indicator{
			indicator("Avanzamento dei lavori", "%", "0", map[string]string{"2025": "50", "2026": "100"}),
		},
	}
}

func basePlan() *plan.Document {
	sa := "SA"
	head := func(s string) *string { return &s }
	d := &plan.Document{
		Format: plan.Format, Title: "Stampa Obiettivi di Performance", Entity: "Comune di Prova", Year: 2024,
		Source: plan.Source{File: "prova-2024.pdf", Pages: 20},
		TOC: []plan.TOCEntry{
			{Code: "SA", Name: "SETTORE TECNICO", Page: 3}, {Code: "UA", Name: "LAVORI PUBBLICI", Page: 3},
			{Code: "UB", Name: "AMBIENTE", Page: 6}, {Code: "UC", Name: "COMMERCIO", Page: 9},
			{Code: "UD", Name: "VIABILITA'", Page: 12}, {Code: "UE", Name: "SCUOLA", Page: 15},
		},
		Units: []plan.Unit{
			{Code: "SA", Name: "SETTORE TECNICO", Kind: plan.KindSector, Head: head("VERDI LUCA"), Page: 3},
			{Code: "UA", Name: "LAVORI PUBBLICI", Kind: plan.KindOffice, Sector: &sa, Head: head("NERI PAOLA"), Page: 3},
			{Code: "UB", Name: "AMBIENTE", Kind: plan.KindOffice, Sector: &sa, Head: head("GIALLI ANNA"), Page: 6},
			{Code: "UC", Name: "COMMERCIO", Kind: plan.KindOffice, Sector: &sa, Head: head("BLU MARCO"), Page: 9},
			{Code: "UD", Name: "VIABILITA'", Kind: plan.KindOffice, Sector: &sa, Head: head("ROSA GIULIA"), Page: 12},
			{Code: "UE", Name: "SCUOLA", Kind: plan.KindOffice, Sector: &sa, Head: nil, Page: 15},
		},
	}
	g1, o1 := goal("1.2", "LA RIGENERAZIONE URBANA"), goal("1.2.07", "Interventi di riqualificazione urbana")
	g2, o2 := goal("3.1", "AMBIENTE E TERRITORIO"), goal("3.1.02", "Verde pubblico")
	g3, o3 := goal("5.1", "ENTE EFFICIENTE"), goal("5.1.01", "Tempi di pagamento")
	add := func(o plan.Objective) { d.Objectives = append(d.Objectives, o) }
	add(objective("UA", "Riqualificazione della piazza del mercato di San Gennaro",
		"Il progetto riqualifica la piazza del mercato con nuova pavimentazione e illuminazione pubblica entro il 31/12/2024.", g1, o1))
	add(objective("UB", "Censimento del verde pubblico comunale",
		"Censimento di tutte le alberature comunali con schede di valutazione della stabilità.", g2, o2))
	add(objective("UC", "2023_21_Rilancio del commercio su aree pubbliche",
		"Nuovo regolamento dei mercati e delle fiere su aree pubbliche.", g1, o1))
	add(objective("UD", "Rotonda dela madonina",
		"Realizzazione della rotatoria e restauro della statua.", g1, o1))
	for _, u := range []string{"UA", "UB", "UC", "UD", "UE"} {
		o := objective(u, "Abbattimento indicatore tempo medio ponderato a -2",
			"Riduzione del tempo medio ponderato di ritardo dei pagamenti a -2 al 31/12/2024.", g3, o3)
		o.Weight = weight(10)
		add(o)
	}
	mensa := func(u, ufficio string) plan.Objective {
		o := objective(u, "Una mensa di qualità", "Ingresso nella società in house per la refezione scolastica.", g1, o1)
		o.Phases[0].Title = "1 Tavolo tecnico (" + ufficio + ")"
		return o
	}
	add(mensa("UA", "Ufficio Lavori pubblici"))
	add(mensa("UE", "Ufficio Scuola"))
	return d
}

func clonePlan(t *testing.T, d *plan.Document) *plan.Document {
	t.Helper()
	var b bytes.Buffer
	if err := d.Encode(&b); err != nil {
		t.Fatal(err)
	}
	c, err := plan.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// find returns the occurrences of the objective titled title (under unit
// when unit is not empty).
func find(d *plan.Document, unit, title string) []*plan.Objective {
	var out []*plan.Objective
	for i := range d.Objectives {
		o := &d.Objectives[i]
		if o.Title == title && (unit == "" || o.Unit == unit) {
			out = append(out, o)
		}
	}
	return out
}

func one(t *testing.T, d *plan.Document, unit, title string) *plan.Objective {
	t.Helper()
	os := find(d, unit, title)
	if len(os) != 1 {
		t.Fatalf("%d objectives %q under %q", len(os), title, unit)
	}
	return os[0]
}

const (
	piazza    = "Riqualificazione della piazza del mercato di San Gennaro"
	verde     = "Censimento del verde pubblico comunale"
	commercio = "2023_21_Rilancio del commercio su aree pubbliche"
	rotonda   = "Rotonda dela madonina"
	pagamenti = "Abbattimento indicatore tempo medio ponderato a -2"
	mensa     = "Una mensa di qualità"
)

// flatten writes a Result as short lines, one per thing reported.
func flatten(r *Result) []string {
	var out []string
	if r.Shift != nil {
		out = append(out, fmt.Sprintf("shift %+d exceptions %d", r.Shift.Years, r.Shift.Exceptions))
	}
	for _, f := range r.Document {
		out = append(out, "document "+f.Field)
	}
	for _, u := range r.Units {
		if u.Kind != Changed {
			out = append(out, fmt.Sprintf("unit %s %s", u.Kind, u.Code))
		}
		for _, f := range u.Changes {
			out = append(out, fmt.Sprintf("unit %s %s: %s → %s", u.Code, f.Field, value(english, f.Old), value(english, f.New)))
		}
	}
	for _, e := range r.TOC {
		out = append(out, fmt.Sprintf("toc %s %s", e.Kind, e.Code))
	}
	for _, o := range r.Objectives {
		if o.Kind != Changed {
			out = append(out, fmt.Sprintf("%s %q %v", o.Kind, o.Title, o.Units))
			continue
		}
		head := fmt.Sprintf("%q", o.Title)
		if o.Partial {
			head += fmt.Sprintf(" %v", o.Units)
		}
		for _, ch := range o.Changes {
			s := head + ": " + ch.Kind
			if ch.Item != "" {
				s += " " + ch.Item
			}
			if ch.Field != "" && ch.Field != FieldName {
				s += " " + ch.Field
			}
			switch ch.Kind {
			case KindDescription:
				s += ": " + ch.Detail
			case KindStaffAdded, KindStaffRemoved, KindPhaseAdded, KindPhaseRemoved, KindIndicatorAdded, KindIndicatorRemoved:
			default:
				s += ": " + value(english, ch.Old) + " → " + value(english, ch.New)
			}
			out = append(out, s)
		}
	}
	return out
}

func TestHandMadePairs(t *testing.T) {
	tests := []struct {
		name    string
		editOld func(t *testing.T, d *plan.Document)
		edit    func(t *testing.T, d *plan.Document)
		want    []string
	}{
		{
			name: "identical plans",
			edit: func(t *testing.T, d *plan.Document) {},
			want: nil,
		},
		{
			name: "layout only: pages, markup, paragraph breaks, spacing",
			edit: func(t *testing.T, d *plan.Document) {
				for i := range d.Objectives {
					d.Objectives[i].Page += 2
					d.Objectives[i].DescriptionHTML = "<div>" + d.Objectives[i].DescriptionText + "</div>"
				}
				for i := range d.TOC {
					d.TOC[i].Page++
				}
				o := one(t, d, "UB", verde)
				o.DescriptionText = strings.Replace(o.DescriptionText, " con ", "\ncon  ", 1)
			},
			want: nil,
		},
		{
			name: "renamed objective",
			edit: func(t *testing.T, d *plan.Document) {
				one(t, d, "UA", piazza).Title = piazza + " (seconda fase)"
			},
			want: []string{`"` + piazza + ` (seconda fase)": title: "` + piazza + `" → "` + piazza + ` (seconda fase)"`},
		},
		{
			name: "carry-over prefix dropped",
			edit: func(t *testing.T, d *plan.Document) {
				one(t, d, "UC", commercio).Title = "Rilancio del commercio su aree pubbliche"
			},
			want: []string{`"Rilancio del commercio su aree pubbliche": title: "` + commercio + `" → "Rilancio del commercio su aree pubbliche"`},
		},
		{
			name: "typo fixed",
			edit: func(t *testing.T, d *plan.Document) {
				one(t, d, "UD", rotonda).Title = "Rotonda della madonnina"
			},
			want: []string{`"Rotonda della madonnina": title: "Rotonda dela madonina" → "Rotonda della madonnina"`},
		},
		{
			name: "moved objective",
			edit: func(t *testing.T, d *plan.Document) {
				o := one(t, d, "UB", verde)
				o.Unit = "UD"
			},
			want: []string{`"` + verde + `": moved: "UB" → "UD"`},
		},
		{
			name: "repeated objective loses two offices",
			edit: func(t *testing.T, d *plan.Document) {
				d.Objectives = slices.DeleteFunc(d.Objectives, func(o plan.Objective) bool {
					return o.Title == pagamenti && (o.Unit == "UB" || o.Unit == "UD")
				})
			},
			want: []string{`"` + pagamenti + `": units-removed: UB, UD → (empty)`},
		},
		{
			name: "repeated objective gains an office and changes in every copy",
			edit: func(t *testing.T, d *plan.Document) {
				extra := *one(t, d, "UA", pagamenti)
				extra.Unit = "SA"
				d.Objectives = append(d.Objectives, extra)
				for _, o := range find(d, "", pagamenti) {
					o.DescriptionText = strings.Replace(o.DescriptionText, "31/12/2024", "31/12/2025", 1)
				}
			},
			want: []string{
				`"` + pagamenti + `": units-added: (empty) → SA`,
				`"` + pagamenti + `": description: "31/12/2024." → "31/12/2025." after "…pagamenti a -2 al"`,
			},
		},
		{
			name: "one copy of a repeated objective changes on its own",
			edit: func(t *testing.T, d *plan.Document) {
				one(t, d, "UC", pagamenti).Weight = weight(20)
			},
			want: []string{`"` + pagamenti + `" [UC]: weight: 10 → 20`},
		},
		{
			name: "copies that differed become alike",
			editOld: func(t *testing.T, d *plan.Document) {
				one(t, d, "UC", pagamenti).Weight = weight(20)
			},
			edit: func(t *testing.T, d *plan.Document) {
				one(t, d, "UC", pagamenti).Weight = weight(10)
			},
			want: []string{`"` + pagamenti + `" [UC]: weight: 20 → 10`},
		},
		{
			name: "objective added and objective removed",
			edit: func(t *testing.T, d *plan.Document) {
				o := one(t, d, "UB", verde)
				*o = objective("UB", "Sportello unico digitale per le imprese",
					"Avvio del fascicolo elettronico d'impresa e integrazione con la piattaforma regionale.",
					goal("4.1", "SVILUPPO ECONOMICO"), goal("4.1.03", "Semplificazione"))
			},
			want: []string{
				`added "Sportello unico digitale per le imprese" [UB]`,
				`removed "` + verde + `" [UB]`,
			},
		},
		{
			name: "objective fields: weight, goals, description",
			edit: func(t *testing.T, d *plan.Document) {
				o := one(t, d, "UA", piazza)
				o.Weight = weight(33)
				o.StrategicGoal = goal("1.3", "LA CITTÀ SICURA")
				o.OperationalGoal.Title = "Interventi di riqualificazione urbana e PNRR"
				o.DescriptionText += "\nAggiornamento: il cronoprogramma tiene conto delle nuove risorse."
			},
			want: []string{
				`"` + piazza + `": weight: (empty) → 33`,
				`"` + piazza + `": strategic-goal: "1.2 - LA RIGENERAZIONE URBANA" → "1.3 - LA CITTÀ SICURA"`,
				`"` + piazza + `": operational-goal: "1.2.07 - Interventi di riqualificazione urbana" → "1.2.07 - Interventi di riqualificazione urbana e PNRR"`,
				`"` + piazza + `": description: paragraph added: "Aggiornamento: il cronoprogramma tiene conto delle nuove risorse."`,
			},
		},
		{
			name: "staff added, removed and changed",
			edit: func(t *testing.T, d *plan.Document) {
				o := one(t, d, "UB", verde)
				o.Staff[0].Role = plan.Str("Funzionario Tecnico Senior")
				o.Staff[0].End = plan.Str("2024-06-30")
				o.Staff[1] = person("GALLI SARA", "Area istruttori", "Istruttore Tecnico", "2024-03-01", "2024-12-31")
			},
			want: []string{
				`"` + verde + `": staff-changed ROSSI MARIO role: "Funzionario Tecnico" → "Funzionario Tecnico Senior"`,
				`"` + verde + `": staff-changed ROSSI MARIO period: "2024-01-01..2024-12-31" → "2024-01-01..2024-06-30"`,
				`"` + verde + `": staff-removed BIANCHI ANNA`,
				`"` + verde + `": staff-added GALLI SARA`,
			},
		},
		{
			name: "phases added, removed, renamed, moved, months",
			edit: func(t *testing.T, d *plan.Document) {
				o := one(t, d, "UB", verde)
				o.Phases[0].Title = "1 Progettazione esecutiva"
				o.Phases[0].ActualMonths = []int{1, 2}
				o.Phases[1].Start, o.Phases[1].End = plan.Str("2024-06-01"), plan.Str("2024-09-30")
				o.Phases[1].PlannedMonths = []int{6, 7, 8, 9}
				o.Phases = append(o.Phases, phase("3 Collaudo", "2024-10-01", "2024-12-31", 10, 11, 12))
				r := one(t, d, "UD", rotonda)
				r.Phases = r.Phases[1:]
			},
			want: []string{
				`"` + verde + `": phase-renamed 1 Progettazione esecutiva: "1 Progettazione" → "1 Progettazione esecutiva"`,
				`"` + verde + `": phase-changed 1 Progettazione esecutiva actual_months: none → Jan–Feb`,
				`"` + verde + `": phase-changed 2 Esecuzione lavori period: "2024-03-01..2024-12-31" → "2024-06-01..2024-09-30"`,
				`"` + verde + `": phase-changed 2 Esecuzione lavori planned_months: Mar–Dec → Jun–Sep`,
				`"` + verde + `": phase-added 3 Collaudo`,
				`"` + rotonda + `": phase-removed 1 Progettazione`,
			},
		},
		{
			name: "phase and indicator renamed beyond recognition",
			edit: func(t *testing.T, d *plan.Document) {
				o := one(t, d, "UB", verde)
				o.Phases[1].Title = "2 Cantiere"
				o.Indicators[0].Name = "Percentuale di completamento"
			},
			want: []string{
				`"` + verde + `": phase-renamed 2 Cantiere: "2 Esecuzione lavori" → "2 Cantiere"`,
				`"` + verde + `": indicator-renamed Percentuale di completamento: "Avanzamento dei lavori" → "Percentuale di completamento"`,
			},
		},
		{
			name: "one copy of a repeated objective moved to another office",
			edit: func(t *testing.T, d *plan.Document) {
				one(t, d, "UE", pagamenti).Unit = "SA"
			},
			want: []string{`"` + pagamenti + `": moved: "UE" → "SA"`},
		},
		{
			name: "indicators added, removed and changed",
			edit: func(t *testing.T, d *plan.Document) {
				o := one(t, d, "UB", verde)
				o.Indicators[0].Reference = plan.Str("10")
				o.Indicators[0].Targets["2026"] = plan.Str("90")
				o.Indicators = append(o.Indicators, indicator("Alberature censite", "numero", "", map[string]string{"2025": "500"}))
				r := one(t, d, "UD", rotonda)
				r.Indicators = nil
			},
			want: []string{
				`"` + verde + `": indicator-changed Avanzamento dei lavori reference: "0" → "10"`,
				`"` + verde + `": indicator-changed Avanzamento dei lavori target 2026: "100" → "90"`,
				`"` + verde + `": indicator-added Alberature censite`,
				`"` + rotonda + `": indicator-removed Avanzamento dei lavori`,
			},
		},
		{
			name: "units renamed, new head, other sector, new code, added, removed",
			edit: func(t *testing.T, d *plan.Document) {
				sb := "SB"
				d.Units[1].Name = "LAVORI PUBBLICI E DEMANIO"
				d.TOC[1].Name = "LAVORI PUBBLICI E DEMANIO"
				d.Units[2].Head = plan.Str("VERDI ANNA")
				d.Units[3].Code = "UC_25"
				d.TOC[3].Code = "UC_25"
				for i := range d.Objectives {
					if d.Objectives[i].Unit == "UC" {
						d.Objectives[i].Unit = "UC_25"
					}
				}
				d.Units = append(d.Units, plan.Unit{Code: "SB", Name: "SETTORE SERVIZI", Kind: plan.KindSector, Page: 18})
				d.TOC = append(d.TOC, plan.TOCEntry{Code: "SB", Name: "SETTORE SERVIZI", Page: 18})
				d.Units[5].Sector = &sb
				d.Units = slices.Delete(d.Units, 4, 5) // UD
				d.TOC = slices.Delete(d.TOC, 4, 5)
				for i := range d.Objectives {
					if d.Objectives[i].Unit == "UD" {
						d.Objectives[i].Unit = "UE"
					}
				}
			},
			want: []string{
				`unit UA name: "LAVORI PUBBLICI" → "LAVORI PUBBLICI E DEMANIO"`,
				`unit UB head: "GIALLI ANNA" → "VERDI ANNA"`,
				`unit UC_25 code: "UC" → "UC_25"`,
				`unit UE sector: "SA" → "SB"`,
				`unit added SB`,
				`unit removed UD`,
				`"` + rotonda + `": moved: "UD" → "UE"`,
				`"` + pagamenti + `": units-removed: UD → (empty)`,
			},
		},
		{
			name: "unit with a new year code and a new name",
			edit: func(t *testing.T, d *plan.Document) {
				d.Units = append(d.Units, plan.Unit{Code: "UB_25", Name: "AMBIENTE E VERDE PUBBLICO", Kind: plan.KindOffice, Sector: d.Units[2].Sector, Head: d.Units[2].Head, Page: 6})
				d.Units = slices.Delete(d.Units, 2, 3)
				d.TOC[2] = plan.TOCEntry{Code: "UB_25", Name: "AMBIENTE E VERDE PUBBLICO", Page: 6}
				for i := range d.Objectives {
					if d.Objectives[i].Unit == "UB" {
						d.Objectives[i].Unit = "UB_25"
					}
				}
			},
			want: []string{
				`unit UB_25 code: "UB" → "UB_25"`,
				`unit UB_25 name: "AMBIENTE" → "AMBIENTE E VERDE PUBBLICO"`,
			},
		},
		{
			name: "table of contents entry renamed on its own",
			edit: func(t *testing.T, d *plan.Document) {
				d.TOC[2].Name = "AMBIENTE E VERDE"
			},
			want: []string{`toc renamed UB`},
		},
		{
			name: "plan rolled over one year, one phase moved differently",
			edit: func(t *testing.T, d *plan.Document) {
				rollOver(d, 1)
				o := one(t, d, "UA", piazza)
				o.Phases[1].End = plan.Str("2025-10-31")
			},
			want: []string{
				`shift +1 exceptions 1`,
				`"` + piazza + `": phase-changed 2 Esecuzione lavori period: "2024-03-01..2024-12-31" → "2025-03-01..2025-10-31"`,
			},
		},
		{
			name: "same title under two offices, one edited",
			edit: func(t *testing.T, d *plan.Document) {
				one(t, d, "UE", mensa).Phases[1].PlannedMonths = []int{9, 10, 11, 12}
			},
			want: []string{`"` + mensa + `": phase-changed 2 Esecuzione lavori planned_months: Mar–Dec → Sep–Dec`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old := basePlan()
			if tc.editOld != nil {
				tc.editOld(t, old)
			}
			nw := clonePlan(t, old)
			tc.edit(t, nw)
			r := Compare(old, nw)
			got := flatten(r)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			if r.Same != (len(tc.want) == 0) {
				t.Errorf("Same = %v with %d differences", r.Same, len(got))
			}
		})
	}
}

// rollOver moves every staff and phase date and target year of d by years,
// as a plan carried over to the next year.
func rollOver(d *plan.Document, years int) {
	d.Year += years
	for i := range d.Objectives {
		o := &d.Objectives[i]
		for j := range o.Staff {
			s := &o.Staff[j]
			s.Start, s.End = shiftPtr(s.Start, years), shiftPtr(s.End, years)
		}
		for j := range o.Phases {
			p := &o.Phases[j]
			p.Start, p.End = shiftPtr(p.Start, years), shiftPtr(p.End, years)
		}
		for j := range o.Indicators {
			t := map[string]*string{}
			for y, v := range o.Indicators[j].Targets {
				t[shiftYear(y, years)] = v
			}
			o.Indicators[j].Targets = t
		}
	}
}

func shiftPtr(p *string, years int) *string {
	if p == nil {
		return nil
	}
	s := shiftDate(*p, years)
	return &s
}

// TestUnitListsOfRepeatedObjective checks which offices a repeated
// objective is said to have lost.
func TestUnitListsOfRepeatedObjective(t *testing.T) {
	old := basePlan()
	nw := clonePlan(t, old)
	nw.Objectives = slices.DeleteFunc(nw.Objectives, func(o plan.Objective) bool {
		return o.Title == pagamenti && (o.Unit == "UB" || o.Unit == "UD")
	})
	r := Compare(old, nw)
	if len(r.Objectives) != 1 || len(r.Objectives[0].Changes) != 1 {
		t.Fatalf("want one objective with one change, got %+v", r.Objectives)
	}
	o := r.Objectives[0]
	if ch := o.Changes[0]; ch.Kind != KindUnitsRemoved || !slices.Equal(ch.Old.([]string), []string{"UB", "UD"}) {
		t.Errorf("change = %+v, want units UB, UD removed", ch)
	}
	if !slices.Equal(o.Units, []string{"UA", "UC", "UE"}) || !slices.Equal(o.OldUnits, []string{"UA", "UB", "UC", "UD", "UE"}) {
		t.Errorf("units %v, old units %v", o.Units, o.OldUnits)
	}
}

// TestRollOverAloneIsADifference: a plan that only moved a year is not the
// same plan; the report tells the shift and nothing else.
func TestRollOverAloneIsADifference(t *testing.T) {
	for _, years := range []int{1, -1, 2} {
		old := basePlan()
		nw := clonePlan(t, old)
		rollOver(nw, years)
		r := Compare(old, nw)
		if r.Same || r.Shift == nil || r.Shift.Years != years || r.Shift.Exceptions != 0 {
			t.Errorf("years %d: same %v, shift %+v", years, r.Same, r.Shift)
		}
		if len(r.Objectives) != 0 || len(r.Document) != 0 {
			t.Errorf("years %d: want only the shift, got %v", years, flatten(r))
		}
		if r.Shift.Dates == 0 || r.Shift.Targets == 0 {
			t.Errorf("years %d: shift %+v counts no date or target", years, r.Shift)
		}
	}
}

func TestJSONIsStable(t *testing.T) {
	old := basePlan()
	nw := clonePlan(t, old)
	one(t, nw, "UA", piazza).Title += " (seconda fase)"
	var a, b bytes.Buffer
	if err := WriteJSON(&a, Compare(old, nw)); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&b, Compare(old, nw)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two runs give different JSON")
	}
	var m map[string]any
	if err := json.Unmarshal(a.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"format", "old", "new", "same", "summary", "shift", "document", "units", "toc", "objectives"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if m["format"] != Format {
		t.Errorf("format = %v", m["format"])
	}
}

func TestTextColour(t *testing.T) {
	old := basePlan()
	nw := clonePlan(t, old)
	nw.Objectives = nw.Objectives[1:]
	r := Compare(old, nw)
	for _, colour := range []bool{false, true} {
		var b bytes.Buffer
		if err := WriteText(&b, r, ReportOptions{Color: colour, Lang: i18n.English}); err != nil {
			t.Fatal(err)
		}
		if has := strings.Contains(b.String(), "\x1b["); has != colour {
			t.Errorf("Color %v: escape codes present = %v", colour, has)
		}
		if !strings.Contains(b.String(), piazza) {
			t.Errorf("report does not name the removed objective:\n%s", b.String())
		}
	}
}

// TestHTMLReport checks the HTML report of hand-made pairs: a plan
// compared with itself, and a changed description in a plan without
// actual months (no Cronoprogramma picture).
func TestHTMLReport(t *testing.T) {
	old := basePlan()
	var b bytes.Buffer
	if err := WriteHTML(&b, Compare(old, clonePlan(t, old)), ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	if s := b.String(); !strings.Contains(s, "nessuna differenza") || strings.Contains(s, `class="objective`) {
		t.Errorf("report of identical plans:\n%s", s)
	}
	nw := clonePlan(t, old)
	o := one(t, nw, "UA", piazza)
	o.DescriptionText = strings.Replace(o.DescriptionText, " ", " nuovo ", 1)
	b.Reset()
	if err := WriteHTML(&b, Compare(old, nw), ReportOptions{Lang: i18n.English}); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{`<html lang="en">`, "<ins>nuovo</ins>", `id="changed"`, piazza} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(s, `<svg class="crono"`) {
		t.Error("a Cronoprogramma picture in a plan without actual months")
	}
}

func TestPhaseState(t *testing.T) {
	tests := []struct {
		planned, actual []int
		cut             int
		want            string
	}{
		{[]int{1, 2, 3}, nil, 6, "missing"},
		{[]int{7, 8}, nil, 6, ""},
		{[]int{1, 2, 3}, []int{2, 3, 4}, 6, "late"},
		{[]int{1, 2, 3}, []int{1, 2}, 6, ""},
		{nil, []int{1}, 6, ""},
	}
	for _, tt := range tests {
		if got := phaseState(plan.Phase{PlannedMonths: tt.planned, ActualMonths: tt.actual}, tt.cut); got != tt.want {
			t.Errorf("phaseState(%v, %v, %d) = %q, want %q", tt.planned, tt.actual, tt.cut, got, tt.want)
		}
	}
}
