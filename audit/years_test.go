package audit

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/diff"
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// nextYear returns d as the plan of the year after: every date and target
// year moved by one, nothing else changed.
func nextYear(t *testing.T, d *plan.Document) *plan.Document {
	t.Helper()
	var b bytes.Buffer
	if err := d.Encode(&b); err != nil {
		t.Fatal(err)
	}
	n, err := plan.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	n.Year++
	move := func(p *string) *string {
		if p == nil {
			return nil
		}
		s := shiftYears(*p, 1)
		return &s
	}
	for i := range n.Objectives {
		o := &n.Objectives[i]
		for j := range o.Staff {
			o.Staff[j].Start, o.Staff[j].End = move(o.Staff[j].Start), move(o.Staff[j].End)
		}
		for j := range o.Phases {
			o.Phases[j].Start, o.Phases[j].End = move(o.Phases[j].Start), move(o.Phases[j].End)
		}
		for j := range o.Indicators {
			ts := map[string]*string{}
			for y, v := range o.Indicators[j].Targets {
				ts[shiftLabel(y, 1)] = v
			}
			o.Indicators[j].Targets = ts
		}
	}
	n.AssignKeys()
	return n
}

// yearFindings audits nw against old and returns the findings of the
// rules across years.
func yearFindings(t *testing.T, old, nw *plan.Document) []plan.Finding {
	t.Helper()
	old.AssignKeys()
	nw.AssignKeys()
	var out []plan.Finding
	for _, f := range FindingsIn(nw, Options{Lang: i18n.Italian, Previous: Link(old, nw)}) {
		switch f.Rule {
		case RuleUnchangedTargets, RuleEasierTarget, RuleConcludedContinues:
			out = append(out, f)
		}
	}
	return out
}

func target(v string) *string { return &v }

// TestYearRules runs the rules across years on a plan and its next year,
// with the cases that must be flagged and those that must not.
func TestYearRules(t *testing.T) {
	ind := func(name, unit string, targets map[string]*string) plan.Indicator {
		return plan.Indicator{Name: name, Unit: plan.Str(unit), Targets: targets}
	}
	setInd := func(o *plan.Objective, ins ...plan.Indicator) { o.Indicators = ins }
	tests := []struct {
		name   string
		mutate func(old, nw *plan.Document)
		want   []string // rule ids found, sorted; nil for none
		msg    string   // text the first finding's English message must contain
	}{
		// unchanged-targets.
		{"carried over with its target columns moved by a year", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Pratiche CILA istruite", "Perc.", map[string]*string{"2024": target("100%")}))
			setInd(obj(nw, 0), ind("Pratiche CILA istruite", "Perc.", map[string]*string{"2025": target("100%")}))
		}, []string{RuleUnchangedTargets}, `target 2025 = 100%`},
		{"carried over with the same columns as printed", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Pratiche", "Num", map[string]*string{"2025": target("40"), "2026": target("50")}))
			setInd(obj(nw, 0), ind("Pratiche", "Num", map[string]*string{"2025": target("40"), "2026": target("50")}))
		}, []string{RuleUnchangedTargets}, `target 2026 = 50`},
		{"carried over without any target printed", func(old, nw *plan.Document) {}, []string{RuleUnchangedTargets}, "no target printed"},
		{"a date target moved by the year difference is the same", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Approvazione del piano", "Data", map[string]*string{"2024": target("31/10/2024")}))
			setInd(obj(nw, 0), ind("Approvazione del piano", "Data", map[string]*string{"2025": target("31/10/2025")}))
		}, []string{RuleUnchangedTargets}, "31/10/2025"},
		{"retitled objective with the same indicators", func(old, nw *plan.Document) {
			obj(nw, 0).Title = "Digitalizzazione degli archivi comunali"
		}, []string{RuleUnchangedTargets}, `as "Digitalizzazione degli archivi" in 2024`},
		{"a target changed", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Pratiche", "Num", map[string]*string{"2025": nil}))
			setInd(obj(nw, 0), ind("Pratiche", "Num", map[string]*string{"2026": target("100")}))
		}, nil, ""},
		{"a target column moved by another number of years", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Pratiche", "Num", map[string]*string{"2025": target("40")}))
			setInd(obj(nw, 0), ind("Pratiche", "Num", map[string]*string{"2027": target("40")}))
		}, nil, ""},
		{"an indicator added", func(old, nw *plan.Document) {
			o := obj(nw, 0)
			o.Indicators = append(o.Indicators, ind("Fascicoli digitali", "Num", map[string]*string{"2026": nil}))
		}, nil, ""},
		{"an indicator renamed", func(old, nw *plan.Document) { obj(nw, 0).Indicators[0].Name = "Pratiche digitalizzate" }, nil, ""},
		{"an indicator's unit changed", func(old, nw *plan.Document) { obj(nw, 0).Indicators[0].Unit = plan.Str("Perc.") }, nil, ""},
		{"an indicator's reference changed", func(old, nw *plan.Document) { obj(nw, 0).Indicators[0].Reference = plan.Str("120") }, nil, ""},
		{"no indicators either year", func(old, nw *plan.Document) { obj(old, 0).Indicators, obj(nw, 0).Indicators = nil, nil }, nil, ""},
		{"a new objective continues nothing", func(old, nw *plan.Document) {
			*obj(nw, 0) = objective("UUFF", 3, "Sportello unico digitale per le imprese")
			obj(nw, 0).Phases = []plan.Phase{phase("1 - Avvio del fascicolo", "2025-01-01", "2025-12-31", 1, 2)}
			obj(nw, 0).Indicators[0].Name = "Fascicoli aperti"
		}, nil, ""},

		// easier-target.
		{"a percentage done lowered year on year", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Percentuale delle pratiche istruite", "Perc.", map[string]*string{"2025": target("90%")}))
			setInd(obj(nw, 0), ind("Percentuale delle pratiche istruite", "Perc.", map[string]*string{"2026": target("80%")}))
		}, []string{RuleEasierTarget}, `target 2025 = 90% in the 2024 plan, target 2026 = 80% now`},
		{"the target of a year both print lowered", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("N° soggetti esterni coinvolti", "Num", map[string]*string{"2025": target("4"), "2026": target("6")}))
			setInd(obj(nw, 0), ind("N° soggetti esterni coinvolti", "Num", map[string]*string{"2026": target("4"), "2027": target("8")}))
		}, []string{RuleEasierTarget}, `target 2026 = 6 in the 2024 plan, 4 now`},
		{"targets whose columns moved by a year are not easier", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("N° soggetti esterni coinvolti", "Num", map[string]*string{"2025": target("4"), "2026": target("6")}))
			setInd(obj(nw, 0), ind("N° soggetti esterni coinvolti", "Num", map[string]*string{"2026": target("4"), "2027": target("6")}))
		}, []string{RuleUnchangedTargets}, `target 2026 = 4, target 2027 = 6`},
		{"a delay allowed to grow", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Tempo medio ponderato di ritardo dei pagamenti", "gg", map[string]*string{"2025": target("-2")}))
			setInd(obj(nw, 0), ind("Tempo medio ponderato di ritardo dei pagamenti", "gg", map[string]*string{"2026": target("0")}))
		}, []string{RuleEasierTarget}, "lower is better"},
		{"a time allowed to grow", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Tempo medio di rilascio", "Num", map[string]*string{"2025": target("25 gg")}))
			setInd(obj(nw, 0), ind("Tempo medio di rilascio", "Num", map[string]*string{"2026": target("28 gg")}))
		}, []string{RuleEasierTarget}, "28 gg now"},
		{"a comparison tells the way when the name does not", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Esito dell'indagine", "", map[string]*string{"2025": target("≥ 90")}))
			setInd(obj(nw, 0), ind("Esito dell'indagine", "", map[string]*string{"2026": target("≥ 85")}))
		}, []string{RuleEasierTarget}, "higher is better"},
		{"a count raised", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("N° soggetti esterni coinvolti", "Num", map[string]*string{"2025": target("4")}))
			setInd(obj(nw, 0), ind("N° soggetti esterni coinvolti", "Num", map[string]*string{"2026": target("5")}))
		}, nil, ""},
		{"a reduction: the amount or the level", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Riduzione dei tempi di istruttoria", "Perc.", map[string]*string{"2025": target("5%")}))
			setInd(obj(nw, 0), ind("Riduzione dei tempi di istruttoria", "Perc.", map[string]*string{"2026": target("3%")}))
		}, nil, ""},
		{"money may be better either way", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Spesa per investimenti", "Num", map[string]*string{"2025": target("500")}))
			setInd(obj(nw, 0), ind("Spesa per investimenti", "Num", map[string]*string{"2026": target("400")}))
		}, nil, ""},
		{"a count of things hired for a time", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Numero di assunzioni a tempo determinato", "Num", map[string]*string{"2025": target("5")}))
			setInd(obj(nw, 0), ind("Numero di assunzioni a tempo determinato", "Num", map[string]*string{"2026": target("6")}))
		}, nil, ""},
		{"a name that says nothing of the way", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Esito dell'indagine", "", map[string]*string{"2025": target("90")}))
			setInd(obj(nw, 0), ind("Esito dell'indagine", "", map[string]*string{"2026": target("80")}))
		}, nil, ""},
		{"a comparison against the name's way", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Tempo di attesa", "gg", map[string]*string{"2025": target("≥ 10")}))
			setInd(obj(nw, 0), ind("Tempo di attesa", "gg", map[string]*string{"2026": target("≥ 12")}))
		}, nil, ""},
		{"a number whose separator may be a thousands' one", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Numero di accessi", "Num", map[string]*string{"2025": target("1.000")}))
			setInd(obj(nw, 0), ind("Numero di accessi", "Num", map[string]*string{"2026": target("900")}))
		}, nil, ""},
		{"yes/no and date targets are not compared", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Avvio del portale", "S/N", map[string]*string{"2025": target("S")}), ind("Approvazione", "Data", map[string]*string{"2025": target("31/10/2025")}))
			setInd(obj(nw, 0), ind("Avvio del portale", "S/N", map[string]*string{"2026": target("N")}), ind("Approvazione", "Data", map[string]*string{"2026": target("30/11/2026")}))
		}, nil, ""},
		{"targets in another unit", func(old, nw *plan.Document) {
			setInd(obj(old, 0), ind("Percentuale delle pratiche istruite", "Perc.", map[string]*string{"2025": target("90%")}))
			setInd(obj(nw, 0), ind("Percentuale delle pratiche istruite", "Perc.", map[string]*string{"2026": target("80")}))
		}, nil, ""},

		// concluded-continues.
		{"every phase reported done, phases planned again", func(old, nw *plan.Document) {
			o := obj(old, 0)
			o.Phases[0].ActualMonths = []int{1, 2, 3}
			o.Phases[1].ActualMonths = []int{4, 5, 6, 7, 8, 9, 10, 11, 12}
			obj(nw, 0).Indicators[0].Targets = map[string]*string{"2026": target("10")}
		}, []string{RuleConcludedContinues}, `"1 - Censimento" (planned Jan–Mar)`},
		{"the concluding phase reported done, a done phase planned again", func(old, nw *plan.Document) {
			o := obj(old, 0)
			o.Phases = append(o.Phases, phase("3 - Relazione conclusiva", "2024-12-01", "2024-12-31", 12))
			o.Phases[0].ActualMonths = []int{1, 2, 3}
			o.Phases[1].ActualMonths = []int{4, 5}
			o.Phases[2].ActualMonths = []int{12}
			n := obj(nw, 0)
			n.Phases[0].Title = "2) Censimento"
			n.Indicators[0].Targets = map[string]*string{"2026": target("10")}
		}, []string{RuleConcludedContinues}, "concluding phase"},
		{"a phase reported only in part", func(old, nw *plan.Document) {
			o := obj(old, 0)
			o.Phases[0].ActualMonths = []int{1, 2, 3}
			o.Phases[1].ActualMonths = []int{4, 5, 6}
			obj(nw, 0).Indicators[0].Targets = map[string]*string{"2026": target("10")}
		}, nil, ""},
		{"reported done, followed by new phases only", func(old, nw *plan.Document) {
			o := obj(old, 0)
			o.Phases[0].ActualMonths = []int{1, 2, 3}
			o.Phases[1].ActualMonths = []int{4, 5, 6, 7, 8, 9, 10, 11, 12}
			n := obj(nw, 0)
			n.Phases = []plan.Phase{phase("1 - Consultazione degli archivi digitali", "2025-01-01", "2025-06-30", 1, 2, 3, 4, 5, 6)}
			n.Indicators[0].Targets = map[string]*string{"2026": target("10")}
		}, nil, ""},
		{"a phase planned past the plan year", func(old, nw *plan.Document) {
			o := obj(old, 0)
			o.Phases[1].End = plan.Str("2025-03-31")
			o.Phases[0].ActualMonths = []int{1, 2, 3}
			o.Phases[1].ActualMonths = []int{4, 5, 6, 7, 8, 9, 10, 11, 12}
			obj(nw, 0).Indicators[0].Targets = map[string]*string{"2026": target("10")}
		}, nil, ""},
		{"no Consuntivo month in the earlier plan", func(old, nw *plan.Document) {
			obj(nw, 0).Indicators[0].Targets = map[string]*string{"2026": target("10")}
		}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := fixture()
			nw := nextYear(t, old)
			tt.mutate(old, nw)
			fs := yearFindings(t, old, nw)
			var got []string
			for _, f := range fs {
				got = append(got, f.Rule)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("rules %v, want %v: %+v", got, tt.want, fs)
			}
			if tt.msg != "" && !strings.Contains(fs[0].Message, tt.msg) {
				t.Errorf("message %q lacks %q", fs[0].Message, tt.msg)
			}
			for _, f := range fs {
				if plan.Deref(f.ObjectiveKey) != obj(nw, 0).Key {
					t.Errorf("%s placed on objective %s, want %s", f.Rule, plan.Deref(f.ObjectiveKey), obj(nw, 0).Key)
				}
				if f.LocalMessage == "" || f.LocalMessage == f.Message {
					t.Errorf("%s: no Italian message: %+v", f.Rule, f)
				}
				if m := englishWords.FindStringSubmatch(quoted.ReplaceAllString(f.LocalMessage, `""`)); m != nil {
					t.Errorf("%s: Italian message has the English word %q: %s", f.Rule, m[1], f.LocalMessage)
				}
			}
		})
	}
}

// TestYearRulesWithoutPrevious checks that without an earlier plan the
// rules across years find nothing, and that the reports say so once.
func TestYearRulesWithoutPrevious(t *testing.T) {
	d := fixture()
	fs := FindingsIn(d, Options{Lang: i18n.Italian})
	if len(fs) != 0 {
		t.Fatalf("findings without an earlier plan: %+v", fs)
	}
	for _, tc := range []struct {
		opt  ReportOptions
		want string
	}{
		{ReportOptions{}, "Regole tra anni: nessun archivio indicato"},
		{ReportOptions{Store: "piani.sqlite"}, "Regole tra anni: piani.sqlite non contiene piani di Comune di Prova anteriori al 2024 con cui confrontare"},
		{ReportOptions{Lang: i18n.English, Store: "piani.sqlite"}, "Rules across years: piani.sqlite holds no plan of Comune di Prova before 2024 to compare with"},
	} {
		var b bytes.Buffer
		if err := WriteText(&b, d, fs, tc.opt); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(b.String(), tc.want); n != 1 {
			t.Errorf("the report says %q %d times:\n%s", tc.want, n, b.String())
		}
	}
}

// TestYearsNoteNamesThePrevious checks that the reports name the plan
// the rules across years compared with.
func TestYearsNoteNamesThePrevious(t *testing.T) {
	old := fixture()
	old.Source.File = "prova-2024.pdf"
	nw := nextYear(t, old)
	prev := Link(old, nw)
	prev.DocumentID, prev.Store = 7, "piani.sqlite"
	fs := FindingsIn(nw, Options{Lang: i18n.Italian, Previous: prev})
	var b bytes.Buffer
	if err := WriteMarkdown(&b, nw, fs, ReportOptions{Previous: prev}); err != nil {
		t.Fatal(err)
	}
	want := "Regole tra anni: confronto con il piano 2024, prova-2024.pdf (documento 7 di piani.sqlite); 1 obiettivo collegato a uno del 2024"
	if !strings.Contains(b.String(), want) {
		t.Errorf("the report lacks %q:\n%s", want, b.String())
	}
}

// TestUnchangedTargetsOnSamples audits the 2025 sample plan against the
// 2024 one: every objective diff pairs with one of 2024 whose indicators
// and targets diff finds unchanged is flagged, and no objective whose
// indicators or targets changed, among them the target edited in
// samples/capannori-2025.changes.json.
func TestUnchangedTargetsOnSamples(t *testing.T) {
	old, nw := readPlan(t, "capannori-2024.json"), readPlan(t, "capannori-2025.json")
	fs := FindingsIn(nw, Options{Lang: i18n.Italian, Previous: Link(old, nw)})
	flagged := map[string]string{}
	for _, f := range fs {
		if f.Rule == RuleUnchangedTargets {
			flagged[plan.Deref(f.ObjectiveKey)] = f.Message
		}
	}
	type verdict struct {
		title   string
		changed bool
	}
	want := map[string]*verdict{}
	for _, m := range diff.Matches(old, nw) {
		if len(m.New.Indicators) == 0 {
			continue
		}
		changed := false
		for _, ch := range m.Changes {
			switch ch.Kind {
			case diff.KindIndicatorAdded, diff.KindIndicatorRemoved, diff.KindIndicatorRenamed, diff.KindIndicatorChanged:
				changed = true
			}
		}
		v, ok := want[m.New.Key]
		if !ok {
			v = &verdict{title: m.New.Title}
			want[m.New.Key] = v
		}
		v.changed = v.changed || changed
	}
	unchanged := 0
	for k, v := range want {
		_, got := flagged[k]
		switch {
		case v.changed && got:
			t.Errorf("flagged, though its indicators changed: %s", flagged[k])
		case !v.changed && !got:
			t.Errorf("not flagged, though its indicators and targets did not change: %q", v.title)
		case !v.changed:
			unchanged++
		}
	}
	for k := range flagged {
		if want[k] == nil {
			t.Errorf("flagged an objective with no indicators or no predecessor: %s", flagged[k])
		}
	}
	if unchanged == 0 {
		t.Fatal("no objective of the sample carries its indicators over unchanged: the test proves nothing")
	}

	var edits []struct{ Kind, Title string }
	b, err := os.ReadFile(filepath.Join("..", "samples", "capannori-2025.changes.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &edits); err != nil {
		t.Fatal(err)
	}
	edited := 0
	for _, e := range edits {
		if e.Kind != "indicator-changed" {
			continue
		}
		edited++
		for k, msg := range flagged {
			if o := firstByKey(nw, k); o != nil && plan.SameText(o.Title, e.Title) {
				t.Errorf("flagged %q, whose target the sample edited: %s", e.Title, msg)
			}
		}
	}
	if edited == 0 {
		t.Fatal("the sample's edits change no target")
	}
	t.Logf("%d of %d objectives with indicators carried over unchanged", unchanged, len(want))
}

func firstByKey(d *plan.Document, key string) *plan.Objective {
	for i := range d.Objectives {
		if d.Objectives[i].Key == key {
			return &d.Objectives[i]
		}
	}
	return nil
}

func TestDirection(t *testing.T) {
	tests := []struct {
		name, unit string
		want       better
	}{
		{"Percentuale delle pratiche CILA istruite rispetto alle pratiche da agosto/dicembre", "Perc.", higherBetter},
		{"N° soggetti esterni coinvolti", "Num", higherBetter},
		{"15 concessioni dodecennali rilasciate", "Num", higherBetter},
		{"Indicatore di tempestività dei pagamenti", "gg", lowerBetter},
		{"Tempo medio di conclusione dei procedimenti", "Num", lowerBetter},
		{"Numero di reclami ricevuti", "Num", lowerBetter},
		{"Tempi di attesa allo sportello", "Num", lowerBetter},
		{"N° attestazioni rilasciate", "Num", higherBetter},
		{"Costituzione di nuove consulte", "Num", higherBetter},
		{"Realizzazione dei contenuti del portale", "Perc.", higherBetter},
		{"Riduzione Media gg di istruttoria. si propone di ridurre i tempi istruttori di almeno il 5%", "Num", unknownBetter},
		{"Abbattimento indicatore tempo medio ponderato a -2", "Num", unknownBetter},
		{"Capacità di spesa dei fondi PNRR", "Perc.", unknownBetter},
		{"Numero di assunzioni a tempo determinato", "Num", unknownBetter},
		{"Installazione ed avvio del nuovo applicativo", "S/N", unknownBetter},
		{"Predisposizione proposta tecnica", "Data", unknownBetter},
	}
	for _, tt := range tests {
		in := plan.Indicator{Name: tt.name, Unit: plan.Str(tt.unit)}
		if got := direction(&in); got != tt.want {
			t.Errorf("direction(%q, %q) = %d, want %d", tt.name, tt.unit, got, tt.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"100%", 100, true},
		{"4.00", 4, true},
		{"4,5", 4.5, true},
		{"-2", -2, true},
		{"≥ 90 %", 90, true},
		{"25 gg", 25, true},
		{"1.000", 0, false},
		{"31/10/2024", 0, false},
		{"S", 0, false},
		{"da 10 a 20", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseNumber(tt.in)
		if ok != tt.ok || ok && got.v != tt.want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v, %v", tt.in, got.v, ok, tt.want, tt.ok)
		}
	}
}
