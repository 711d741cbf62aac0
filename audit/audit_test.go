package audit

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/difftest"
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

var update = flag.Bool("update", false, "rewrite the golden findings in testdata/")

func readPlan(t testing.TB, name string) *plan.Document {
	t.Helper()
	d, err := plan.ReadFile(filepath.Join("..", "testdata", "truth", name))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func encodeFindings(t testing.TB, fs []plan.Finding) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(fs); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGoldenCapannori compares the audit of the Capannori 2024 plan with
// testdata/capannori-2024.findings.json (rewrite it with -update).
func TestGoldenCapannori(t *testing.T) {
	got := encodeFindings(t, Check(readPlan(t, "capannori-2024.json")))
	path := filepath.Join("testdata", "capannori-2024.findings.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("findings differ from %s (run with -update after checking them):\n%s", path, difftest.Lines(string(want), string(got)))
	}
}

// TestCapannoriKnownInconsistencies checks, rule by rule, the
// inconsistencies a reader of the Capannori 2024 report finds in it, and
// that the look-alikes that are not inconsistencies stay unflagged.
func TestCapannoriKnownInconsistencies(t *testing.T) {
	fs := Check(readPlan(t, "capannori-2024.json"))
	type seen struct {
		rule, unit string
		page       int
		text       string
	}
	want := []seen{
		{RuleTOCCodeMismatch, "UEDPUBLIC", 8, `"UEDPUBBLIC"`},
		{RuleTOCCodeMismatch, "SSEGGEN", 70, `"SSEGEN"`},
		{RuleTOCCodeMismatch, "SSERPERS", 93, `"SSERVPERS"`},
		{RuleNameVariant, "UEDPUBLIC", 8, `"Bandinelli Barbara"`},
		{RuleNameVariant, "UURP", 41, `"GALLENi SIMONETTA RENATA"`},
		{RuleRoleVariant, "UCANTONIER", 52, "Eletttricista"},
		{RuleEmptyHead, "SRISORSE", 57, "sector"},
		{RuleEmptyHead, "UCULTURA", 98, "office"},
		{RuleEmptyCategory, "UPIAURB_24", 15, "CONTINO SARA"},
		{RuleEmptyCategory, "UURP", 45, "VITELLARO MARTINA"},
		{RuleNoStaff, "UMOBSOST", 13, "Rotonda della madonnina"},
		{RuleEmptyDescription, "USEGRGEN", 92, "Conoscere"},
		{RuleEmptyGoal, "UEDPRI", 4, "Mantenimento"},
		{RuleCarryOverPeriod, "USUAP", 18, "2023-01-01 to 2024-07-01"},
		{RuleCarryOverPeriod, "UURP", 41, "2023-01-01 to 2024-07-31"},
		{RulePeriodOutsideYear, "USUAP", 19, "2025-04-30"},
		{RulePeriodOutsideYear, "UNUOCIT", 30, "Definizione degli indirizzi generali"},
		{RulePhaseAfterStaff, "UNUOCIT", 30, "2025-01-31"},
		{RuleDuplicatePhase, "USUAP", 18, "7 - Approvazione graduatoria"},
		{RuleDuplicateObjective, "USEGRGEN", 92, "Conoscere"},
		{RuleCopyDiffers, "UCULTURA", 100, "MARICCHIOLO NADIA"},
		{RuleCopyDiffers, "UPROSOC", 105, "équipes"},
		{RuleGoalTitleVariant, "UASSPERS", 94, "OCCUPABILITA'"},
		{RuleCarryOverTitle, "USUAP", 18, `"2023_21_"`},
		{RuleCarryOverTitle, "UURP", 41, `"2023_39_"`},
		{RuleTripledLetter, "UURP", 41, "TUTORAGGGIO"},
		{RuleUnbalancedBrackets, "UEDPUBLIC", 9, "[CIMITERI - SPAZI PUBBLICI-"},
		{RuleUnbalancedHTML, "USUAP", 18, "<ul>"},
		{RuleLiteralMarkup, "UTRIBUT", 66, "<ol"},
		{RuleLabelInText, "UPERSONALE", 59, "Fabbisogno 2024"},
	}
	for _, w := range want {
		found := false
		for _, f := range fs {
			if f.Rule == w.rule && plan.Deref(f.Unit) == w.unit && f.Page != nil && *f.Page == w.page && strings.Contains(f.Message, w.text) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("missing %s on page %d (%s) naming %s", w.rule, w.page, w.unit, w.text)
		}
	}
	// People who share a surname are different people.
	for _, surname := range []string{"PENSA", "DATI", "DINI", "TROMI", "PELLINACCI", "POLLASTRINI", "Pollastrini", "MARTINELLI", "PERA ", "QUILICI", "Quilici"} {
		for _, f := range fs {
			if f.Rule == RuleNameVariant && strings.Contains(f.Message, surname) {
				t.Errorf("%s flagged as a name variant: %s", surname, f.Message)
			}
		}
	}
	// The carry-over objectives legitimately span 2023 and 2024.
	for _, f := range fs {
		if strings.Contains(f.Message, "2023_") && (f.Rule == RulePeriodOutsideYear || f.Rule == RuleImplausibleDate || f.Rule == RulePeriodReversed) {
			t.Errorf("carry-over period reported as %s: %s", f.Rule, f.Message)
		}
	}
}

// TestProducersAgree checks that the same plan printed by two producers
// gets the same findings but for page numbers.
func TestProducersAgree(t *testing.T) {
	strip := func(fs []plan.Finding) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Rule+" "+plan.Deref(f.Unit)+" "+plan.Deref(f.ObjectiveKey))
		}
		slices.Sort(out)
		return out
	}
	a := strip(Check(readPlan(t, "capannori-2024.json")))
	b := strip(Check(readPlan(t, "capannori-2024-chromium.json")))
	if !slices.Equal(a, b) {
		t.Errorf("findings differ between producers:\n%v\n%v", a, b)
	}
}

func TestCheckIsDeterministicAndReadOnly(t *testing.T) {
	d := readPlan(t, "capannori-2024.json")
	before, _ := json.Marshal(d)
	first := Check(d)
	after, _ := json.Marshal(d)
	if !bytes.Equal(before, after) {
		t.Error("Check changed the document")
	}
	for i := 0; i < 3; i++ {
		if again := Check(d); !reflect.DeepEqual(first, again) {
			t.Fatal("Check is not deterministic")
		}
	}
}

func TestEmptyDocument(t *testing.T) {
	fs := Check(&plan.Document{})
	if fs == nil || len(fs) != 0 {
		t.Errorf("Check(empty) = %#v, want an empty non-nil slice", fs)
	}
}

func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		if SeverityRank(r.Severity) == 0 {
			t.Errorf("rule %s has severity %q", r.ID, r.Severity)
		}
		if r.Summary == "" {
			t.Errorf("rule %s has no summary", r.ID)
		}
	}
	for _, f := range Check(readPlan(t, "capannori-2024.json")) {
		if !seen[f.Rule] {
			t.Errorf("finding of unknown rule %s", f.Rule)
		}
	}
}

// TestRulesDocumented checks that docs/audit.md lists every rule with its
// severity.
func TestRulesDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "audit.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		row := fmt.Sprintf("| `%s` | %s |", r.ID, r.Severity)
		if !bytes.Contains(doc, []byte(row)) {
			t.Errorf("docs/audit.md lacks the row %q", row)
		}
	}
}

func TestSort(t *testing.T) {
	d := fixture()
	p := func(n int) *int { return &n }
	fs := []plan.Finding{
		{Rule: "b", Page: p(3), Unit: plan.Str("UUFF")},
		{Rule: "a", Page: p(3), Unit: plan.Str("UUFF")},
		{Rule: "z", Page: p(3), Unit: plan.Str("SSETT")},
		{Rule: "c", Page: p(1)},
		{Rule: "d"},
	}
	Sort(d, fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule)
	}
	if want := []string{"d", "c", "z", "a", "b"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func BenchmarkCheck(b *testing.B) {
	d := readPlan(b, "capannori-2024.json")
	b.ReportAllocs()
	for b.Loop() {
		Check(d)
	}
}

func TestFindingsKeepsReaderFindings(t *testing.T) {
	d := fixture()
	row := UnmatchedScheduleRow(obj(d, 0), "1 - Censimento degli archivi", 3)
	stale := plan.Finding{Rule: RuleEmptyHead, Severity: plan.SeverityError, Message: "stale"}
	d.Findings = []plan.Finding{row, stale}
	fs := Findings(d)
	if len(fs) != 1 || !readerRules[fs[0].Rule] {
		t.Errorf("Findings = %+v, want only the reader's finding (Check's own are remade, not copied)", fs)
	}
}

// TestPlanWithoutPages audits the sample plan written without pages (as
// a plan built by hand or by another tool may be): an unknown page is not
// page 0, so no page is compared or named, and every other finding stays.
func TestPlanWithoutPages(t *testing.T) {
	paged := readPlan(t, "capannori-2024.json")
	d := readPlan(t, "capannori-2024.json")
	for i := range d.Units {
		d.Units[i].Page = 0
	}
	for i := range d.Objectives {
		d.Objectives[i].Page = 0
	}
	rules := func(fs []plan.Finding) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Rule)
		}
		slices.Sort(out)
		return out
	}
	want := rules(Check(paged))
	fs := FindingsIn(d, Options{Lang: i18n.Italian})
	if got := rules(fs); !slices.Equal(got, want) {
		t.Errorf("rules without pages:\n%v\nwith pages:\n%v", got, want)
	}
	pageWord := regexp.MustCompile(`\b(?:page|pages|pagina|pagine)\b`)
	for _, f := range fs {
		if f.Rule == RuleTOCPageMismatch {
			t.Errorf("page compared: %s", f.Message)
		}
		if f.Page != nil {
			t.Errorf("%s placed on page %d", f.Rule, *f.Page)
		}
		if pageWord.MatchString(f.Message) || pageWord.MatchString(f.LocalMessage) {
			t.Errorf("%s names a page: %s / %s", f.Rule, f.Message, f.LocalMessage)
		}
	}
}
