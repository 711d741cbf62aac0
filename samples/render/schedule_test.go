package render

import (
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"testing"

	"github.com/obiettivi/obiettivi/plan"
)

// schedulePlan is one objective whose phases fill the Cronoprogramma in
// distinct patterns, one of them empty.
func schedulePlan() *plan.Document {
	phase := func(title string, planned, actual []int) plan.Phase {
		return plan.Phase{Title: title, Start: plan.Str("2024-01-01"), End: plan.Str("2024-12-31"), PlannedMonths: planned, ActualMonths: actual}
	}
	doc := &plan.Document{
		Format: plan.Format, Title: "Stampa Obiettivi di Performance", Entity: "Comune di Prova", Year: 2024,
		Units: []plan.Unit{{Code: "SPROVA", Name: "SETTORE DI PROVA", Kind: plan.KindSector, Head: plan.Str("ROSSI MARIO")}},
		Objectives: []plan.Objective{{
			Unit: "SPROVA", Title: "Obiettivo con cronoprogramma", DescriptionHTML: "<p>Breve descrizione.</p>",
			Phases: []plan.Phase{
				phase("1 - Avvio", []int{1, 2, 3}, []int{1, 2}),
				phase("2 - Esecuzione dei lavori con un titolo lungo che va a capo su più righe nella colonna", []int{6, 7, 8, 9, 10, 11, 12}, nil),
				phase("3 - Senza mesi", nil, nil),
				phase("4 - Collaudo", []int{12}, []int{5, 7, 9}),
				phase("1 - Avvio", []int{4}, []int{4}),
			},
		}},
	}
	doc.Normalize()
	return doc
}

var (
	textOp = regexp.MustCompile(`BT ([\d.]+) ([\d.]+) Td \((.*?)\) Tj ET`)
	fillOp = regexp.MustCompile(`q ([\d. ]+? (?:k|rg|g)) ([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re f Q`)
)

type placed struct {
	x, y float64
	s    string
}

// readSchedule reads the Cronoprogramma back from a page's content stream:
// per "Previsto" and "Consuntivo" row, top to bottom, the months whose cell
// is filled with the planned or actual colour.
func readSchedule(t *testing.T, content []byte, planned, actual Color) (plannedRows, actualRows [][]int) {
	t.Helper()
	num := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	var months, rows []placed
	for _, m := range textOp.FindAllSubmatch(content, -1) {
		p := placed{num(string(m[1])), num(string(m[2])), string(m[3])}
		switch {
		case slices.Contains(monthLabels[:], p.s):
			months = append(months, p)
		case p.s == labelPlanned || p.s == labelActual:
			rows = append(rows, p)
		}
	}
	if len(months) != 12 {
		t.Fatalf("found %d month labels, want 12", len(months))
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].y > rows[j].y })
	filled := make([][]int, len(rows))
	for _, m := range fillOp.FindAllSubmatch(content, -1) {
		op := string(m[1])
		if op != planned.fillOp() && op != actual.fillOp() {
			continue
		}
		x, y, w, h := num(string(m[2])), num(string(m[3])), num(string(m[4])), num(string(m[5]))
		y0, y1 := min(y, y+h), max(y, y+h)
		month, row := 0, -1
		for i, ml := range months {
			if ml.x >= x && ml.x <= x+w {
				month = i + 1
			}
		}
		for i, r := range rows {
			if r.y > y0 && r.y < y1 {
				row = i
			}
		}
		if month == 0 || row < 0 {
			t.Fatalf("fill at %.1f,%.1f is under no month or no row", x, y)
		}
		wantOp := planned.fillOp()
		if rows[row].s == labelActual {
			wantOp = actual.fillOp()
		}
		if op != wantOp {
			t.Errorf("row %d (%s), month %d: filled with %q, want %q", row, rows[row].s, month, op, wantOp)
		}
		filled[row] = append(filled[row], month)
	}
	for i, r := range rows {
		sort.Ints(filled[i])
		if filled[i] == nil {
			filled[i] = []int{}
		}
		if r.s == labelPlanned {
			plannedRows = append(plannedRows, filled[i])
		} else {
			actualRows = append(actualRows, filled[i])
		}
	}
	return plannedRows, actualRows
}

func TestScheduleMonths(t *testing.T) {
	doc := schedulePlan()
	for _, palette := range []string{"rgb", "gray", "cmyk"} {
		t.Run(palette, func(t *testing.T) {
			colors, err := Palette(palette)
			if err != nil {
				t.Fatal(err)
			}
			b, res := printPlan(t, doc, Options{Colors: colors})
			r := openPDF(t, b)
			page := res.Printed.Objectives[0].Page
			content, err := io.ReadAll(r.Page(page).V.Key("Contents").Reader())
			if err != nil {
				t.Fatal(err)
			}
			planned, actual := readSchedule(t, content, colors.Planned, colors.Actual)
			phases := res.Printed.Objectives[0].Phases
			if len(planned) != len(phases) || len(actual) != len(phases) {
				t.Fatalf("read %d Previsto and %d Consuntivo rows, want %d each", len(planned), len(actual), len(phases))
			}
			for i, ph := range phases {
				if !slices.Equal(planned[i], ph.PlannedMonths) {
					t.Errorf("phase %d %q: Previsto months %v, want %v", i+1, ph.Title, planned[i], ph.PlannedMonths)
				}
				if !slices.Equal(actual[i], ph.ActualMonths) {
					t.Errorf("phase %d %q: Consuntivo months %v, want %v", i+1, ph.Title, actual[i], ph.ActualMonths)
				}
			}
		})
	}
}

func TestMonthsNormalised(t *testing.T) {
	for _, tt := range []struct{ in, want []int }{
		{nil, []int{}},
		{[]int{3, 1, 2, 3}, []int{1, 2, 3}},
		{[]int{0, 13, 12, -1}, []int{12}},
	} {
		if got := months(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("months(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
