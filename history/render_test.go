package history

import (
	"testing"

	"github.com/obiettivi/obiettivi/diff"
	"github.com/obiettivi/obiettivi/plan"
)

func TestYearSpan(t *testing.T) {
	tests := []struct {
		years []int
		want  string
	}{
		{[]int{2024}, "2024"},
		{[]int{2025, 2024}, "2024–2025"},
		{[]int{2021, 2022, 2024, 2025, 2027}, "2021–2022, 2024–2025, 2027"},
	}
	for _, tt := range tests {
		if got := yearSpan(tt.years); got != tt.want {
			t.Errorf("yearSpan(%v) = %q, want %q", tt.years, got, tt.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	w := 40.0
	tests := []struct {
		ch   diff.Change
		want string
	}{
		{diff.Change{Kind: diff.KindTitle, Old: "Rotonda dela madonina", New: "Rotonda della madonnina"}, `title: "Rotonda dela madonina" → "Rotonda della madonnina"`},
		{diff.Change{Kind: diff.KindWeight, Old: (*float64)(nil), New: &w}, "weight: (empty) → 40"},
		{diff.Change{Kind: diff.KindMoved, Old: "UPIAURB_24", New: "UMOBSOST"}, `moved from "UPIAURB_24" to "UMOBSOST"`},
		{diff.Change{Kind: diff.KindUnitsRemoved, Old: []string{"UINVSTRAT", "USUAP"}}, "units removed: UINVSTRAT, USUAP"},
		{diff.Change{Kind: diff.KindPhaseChanged, Item: "Effettuazione controlli", Field: diff.FieldActualMonths, Old: []int{}, New: []int{1, 2, 3, 5}},
			`phase "Effettuazione controlli": actual months: none → Jan–Mar, May`},
		{diff.Change{Kind: diff.KindIndicatorChanged, Item: "Avanzamento", Field: "target 2026", Old: (*string)(nil), New: plan.Str("100"), Detail: "target 2025 in the old plan"},
			`indicator "Avanzamento": target 2026: (empty) → "100" (target 2025 in the old plan)`},
		{diff.Change{Kind: diff.KindStaffRemoved, Old: plan.Staff{Name: "Rugani Giada"}}, "staff removed: Rugani Giada"},
	}
	for _, tt := range tests {
		if got := describe(tt.ch); got != tt.want {
			t.Errorf("describe(%s) = %q, want %q", tt.ch.Kind, got, tt.want)
		}
	}
}
