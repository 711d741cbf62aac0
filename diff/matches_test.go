package diff

import (
	"slices"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/plan"
)

// TestMatchKinds pairs the hand-made plan with its variations and checks
// the kind of the pair of the objective each one edits.
func TestMatchKinds(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(t *testing.T, d *plan.Document)
		title string // the objective's title in the new plan
		kind  string
	}{
		{"identical", func(t *testing.T, d *plan.Document) {}, verde, MatchSameKey},
		{"retitled", func(t *testing.T, d *plan.Document) {
			one(t, d, "UA", piazza).Title = piazza + " (seconda fase)"
		}, piazza + " (seconda fase)", MatchRetitled},
		{"carry-over prefix dropped", func(t *testing.T, d *plan.Document) {
			one(t, d, "UC", commercio).Title = "Rilancio del commercio su aree pubbliche"
		}, "Rilancio del commercio su aree pubbliche", MatchCarriedOver},
		{"carry-over prefix of another year", func(t *testing.T, d *plan.Document) {
			one(t, d, "UC", commercio).Title = "2024_03_Rilancio del commercio su aree pubbliche"
		}, "2024_03_Rilancio del commercio su aree pubbliche", MatchCarriedOver},
		{"typo fixed", func(t *testing.T, d *plan.Document) {
			one(t, d, "UD", rotonda).Title = "Rotonda della madonnina"
		}, "Rotonda della madonnina", MatchTypo},
		{"punctuation", func(t *testing.T, d *plan.Document) {
			one(t, d, "UD", rotonda).Title = rotonda + "."
		}, rotonda + ".", MatchTypo},
		{"a number in the title is not a typo", func(t *testing.T, d *plan.Document) {
			for _, o := range find(d, "", pagamenti) {
				o.Title = strings.Replace(pagamenti, "-2", "-3", 1)
			}
		}, strings.Replace(pagamenti, "-2", "-3", 1), MatchRetitled},
		{"moved", func(t *testing.T, d *plan.Document) {
			one(t, d, "UB", verde).Unit = "UD"
		}, verde, MatchMoved},
		{"description changed", func(t *testing.T, d *plan.Document) {
			o := one(t, d, "UA", piazza)
			o.DescriptionText += "\nAggiornamento: il cronoprogramma tiene conto delle nuove risorse."
		}, piazza, MatchSameTitle},
		{"offices lost, content the same", func(t *testing.T, d *plan.Document) {
			d.Objectives = slices.DeleteFunc(d.Objectives, func(o plan.Objective) bool {
				return o.Title == pagamenti && (o.Unit == "UB" || o.Unit == "UD")
			})
		}, pagamenti, MatchSameKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := basePlan()
			nw := clonePlan(t, old)
			tt.edit(t, nw)
			ms := Matches(old, nw)
			var found []Match
			for _, m := range ms {
				if m.New.Title == tt.title {
					found = append(found, m)
				}
			}
			if len(found) != 1 {
				t.Fatalf("%d matches of %q, want 1", len(found), tt.title)
			}
			if m := found[0]; m.Kind != tt.kind || m.Similarity <= 0 || m.Similarity > 1 {
				t.Errorf("kind %s, similarity %v; want %s", m.Kind, m.Similarity, tt.kind)
			}
			// Every objective of the hand-made plan continues.
			r := Compare(old, nw)
			if n := r.Summary.ObjectivesChanged + r.Summary.ObjectivesUnchanged; len(ms) != n {
				t.Errorf("%d matches, Compare pairs %d", len(ms), n)
			}
		})
	}
}

// TestMatchesAgreeWithCompare checks, on the sample pair, that Matches
// lists the pairs of Compare: the changed ones with their keys and
// changes, and the unchanged ones without changes.
func TestMatchesAgreeWithCompare(t *testing.T) {
	old := readPlan(t, "../golden/capannori-2024.json")
	nw := readPlan(t, "../golden/capannori-2025.json")
	r := Compare(old, nw)
	ms := Matches(old, nw)
	if n := r.Summary.ObjectivesChanged + r.Summary.ObjectivesUnchanged; len(ms) != n {
		t.Fatalf("%d matches, Compare pairs %d", len(ms), n)
	}
	unchanged := 0
	for _, m := range ms {
		if len(m.Changes) == 0 {
			unchanged++
		}
		if m.Old == nil || m.New == nil || m.Old.Key == "" || m.New.Key == "" {
			t.Fatalf("match without its objectives: %+v", m)
		}
	}
	if unchanged != r.Summary.ObjectivesUnchanged {
		t.Errorf("%d matches without changes, Compare counts %d unchanged", unchanged, r.Summary.ObjectivesUnchanged)
	}
	for _, oc := range r.Objectives {
		if oc.Kind != Changed {
			continue
		}
		i := slices.IndexFunc(ms, func(m Match) bool {
			return m.New.Key == oc.Key && m.Old.Key == oc.OldKey && slices.Equal(m.NewUnits, oc.Units) && len(m.Changes) == len(oc.Changes)
		})
		if i < 0 {
			t.Errorf("Compare's changed %q (%s ← %s) is not among the matches", oc.Title, oc.Key, oc.OldKey)
		}
	}
	kinds := map[string]int{}
	for _, m := range ms {
		kinds[m.Kind]++
	}
	if kinds[MatchMoved] != 1 || kinds[MatchRetitled] != 1 || kinds[MatchSameKey] == 0 {
		t.Errorf("kinds %v: want one moved and one retitled objective (samples/capannori-2025.changes.json)", kinds)
	}
}
