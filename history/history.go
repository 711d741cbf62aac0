// Package history tells the story of one stored objective across the
// prints of its plan: when it first appeared, each print's title, units,
// weight, targets and state, and what changed from one print to the next,
// following the lineage the store keeps (store.Chain) and the changes diff
// finds between the two prints.
//
// A History is the model every rendering reads: WriteText and WriteJSON
// here, and a report's HTML timeline.
package history

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/obiettivi/obiettivi/diff"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/store"
)

// Format identifies the JSON form of a History.
const Format = "obiettivi.history/v1"

// History is one objective's line of prints.
type History struct {
	Format string `json:"format"`
	// Query is what the objective was found by: a key, or search words.
	Query  string `json:"query"`
	Entity string `json:"entity"`
	// Key and Title are those of the last print of the line.
	Key   string `json:"key"`
	Title string `json:"title"`
	// FirstYear is the year of its first print in the store, LastYear of
	// its last; Years every year it is printed in.
	FirstYear int   `json:"first_year"`
	LastYear  int   `json:"last_year"`
	Years     []int `json:"years"`
	// Prints are in the order of prints (year, then print of the year).
	Prints []Print `json:"prints"`
	// AlsoMatching are other objectives the search words match, in other
	// lines, best first.
	AlsoMatching []Match `json:"also_matching"`
}

// Print is the objective as one document prints it.
type Print struct {
	DocumentID int64  `json:"document_id"`
	Year       int    `json:"year"`
	File       string `json:"file"`
	SHA256     string `json:"sha256"`
	IsLatest   bool   `json:"is_latest"`
	// Generation is 0 for the objective found, negative before it,
	// positive after.
	Generation      int              `json:"generation"`
	Key             string           `json:"key"`
	Title           string           `json:"title"`
	Units           []string         `json:"units"`
	Weights         []*float64       `json:"weights"`
	StrategicGoal   *plan.Goal       `json:"strategic_goal"`
	OperationalGoal *plan.Goal       `json:"operational_goal"`
	Indicators      []plan.Indicator `json:"indicators"`
	Phases          int              `json:"phases"`
	PhasesReported  int              `json:"phases_reported"`
	// Status is planned, in progress or completed (see the store's
	// objective_summary view), null without phases.
	Status *string `json:"status"`
	// After is the print this document continues, null for the entity's
	// first print in the store.
	After *DocRef `json:"after"`
	// Continues is how it continues an objective of After; null when it
	// is new there (or After is null).
	Continues *Continuation `json:"continues"`
}

// DocRef names a stored document.
type DocRef struct {
	DocumentID int64  `json:"document_id"`
	Year       int    `json:"year"`
	File       string `json:"file"`
}

// Continuation is the link of a print to the objective it continues.
type Continuation struct {
	Key        string  `json:"key"`
	Title      string  `json:"title"`
	Kind       string  `json:"kind"`
	Similarity float64 `json:"similarity"`
	Partial    bool    `json:"partial"`
	// Changes are what diff reports from that objective to this one.
	Changes []diff.Change `json:"changes"`
}

// Match is an objective a search matched.
type Match struct {
	DocumentID int64  `json:"document_id"`
	Entity     string `json:"entity"`
	Year       int    `json:"year"`
	Key        string `json:"key"`
	Title      string `json:"title"`
}

// keyPattern is the form of an objective key (plan.ComputeKey).
var keyPattern = regexp.MustCompile(`^[0-9a-f]{16}$`)

// Find finds the objective query names (a stored key, or else the best
// match of a search of the latest prints with query's words) and reads its
// line.
func Find(ctx context.Context, db *store.DB, query string) (*History, error) {
	query = strings.TrimSpace(query)
	var id int64
	var hits []store.Hit
	if keyPattern.MatchString(query) {
		found, ok, err := store.FindKey(ctx, db, query)
		if err != nil {
			return nil, err
		}
		id = found
		if !ok {
			return nil, fmt.Errorf("%w: no stored objective has the key %s", store.ErrNoObjective, query)
		}
	} else {
		var err error
		if hits, err = store.Search(ctx, db, query, store.SearchOptions{Limit: 20}); err != nil {
			return nil, err
		}
		if len(hits) == 0 {
			return nil, fmt.Errorf("%w: no stored objective matches %q", store.ErrNoObjective, query)
		}
		id = hits[0].ObjectiveID
	}
	h, err := Read(ctx, db, id)
	if err != nil {
		return nil, err
	}
	h.Query = query
	in := map[string]bool{}
	for _, p := range h.Prints {
		in[p.Key] = true
	}
	for _, hit := range hits {
		if in[hit.Key] {
			continue
		}
		in[hit.Key] = true
		h.AlsoMatching = append(h.AlsoMatching, Match{hit.DocumentID, hit.Entity, hit.Year, hit.Key, hit.Title})
	}
	return h, nil
}

// Read reads the line of the stored objective id.
func Read(ctx context.Context, db *store.DB, id int64) (*History, error) {
	chain, err := store.Chain(ctx, db, id)
	if err != nil {
		return nil, err
	}
	list, err := store.List(ctx, db)
	if err != nil {
		return nil, err
	}
	infos := map[int64]store.DocumentInfo{}
	for _, d := range list {
		infos[d.ID] = d
	}
	docs := map[int64]*plan.Document{}
	load := func(id int64) (*plan.Document, error) {
		if d, ok := docs[id]; ok {
			return d, nil
		}
		d, err := store.Export(ctx, db, id)
		if err != nil {
			return nil, err
		}
		docs[id] = d
		return d, nil
	}
	ref := func(id int64) *DocRef {
		d := infos[id]
		return &DocRef{DocumentID: id, Year: d.Year, File: d.File}
	}
	h := &History{Format: Format, Years: []int{}, Prints: []Print{}, AlsoMatching: []Match{}}
	for _, m := range chain {
		doc, err := load(m.DocumentID)
		if err != nil {
			return nil, err
		}
		info := infos[m.DocumentID]
		p := Print{
			DocumentID: m.DocumentID, Year: m.Year, File: info.File, SHA256: info.SHA256, IsLatest: info.IsLatest,
			Generation: m.Generation, Key: m.Key, Units: []string{}, Weights: []*float64{},
			Phases: m.Phases, PhasesReported: m.PhasesReported,
		}
		if m.Status != "" {
			s := m.Status
			p.Status = &s
		}
		first := occurrences(doc, m.Key, &p)
		if first == nil {
			return nil, fmt.Errorf("%s: document %d does not print objective %s", db.Path(), m.DocumentID, m.Key)
		}
		p.Title, p.StrategicGoal, p.OperationalGoal = first.Title, first.StrategicGoal, first.OperationalGoal
		p.Indicators = first.Indicators
		if m.PredecessorDocumentID != 0 {
			p.After = ref(m.PredecessorDocumentID)
		}
		if m.Link != nil && m.PredecessorDocumentID != 0 {
			old, err := load(m.PredecessorDocumentID)
			if err != nil {
				return nil, err
			}
			c := &Continuation{Key: m.PredecessorKey, Kind: m.Link.Kind, Similarity: m.Link.Similarity, Partial: m.Link.Partial,
				Changes: []diff.Change{}}
			if o := firstOf(old, m.PredecessorKey); o != nil {
				c.Title = o.Title
			}
			if match := findMatch(diff.Matches(old, doc), m.PredecessorKey, m.Key); match != nil && match.Changes != nil {
				c.Changes = match.Changes
			}
			p.Continues = c
		}
		h.Prints = append(h.Prints, p)
		if !slices.Contains(h.Years, p.Year) {
			h.Years = append(h.Years, p.Year)
		}
		h.Entity = doc.Entity
	}
	if len(h.Prints) == 0 {
		return nil, errors.New("no prints")
	}
	last := h.Prints[len(h.Prints)-1]
	h.Key, h.Title = last.Key, last.Title
	h.FirstYear, h.LastYear = h.Prints[0].Year, last.Year
	return h, nil
}

// occurrences fills p's units and weights from the occurrences of key in
// doc, and returns the first.
func occurrences(doc *plan.Document, key string, p *Print) *plan.Objective {
	var first *plan.Objective
	for i := range doc.Objectives {
		o := &doc.Objectives[i]
		if o.Key != key {
			continue
		}
		if first == nil {
			first = o
		}
		if !slices.Contains(p.Units, o.Unit) {
			p.Units = append(p.Units, o.Unit)
		}
		if !slices.ContainsFunc(p.Weights, func(w *float64) bool { return sameWeight(w, o.Weight) }) {
			p.Weights = append(p.Weights, o.Weight)
		}
	}
	return first
}

func sameWeight(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func firstOf(doc *plan.Document, key string) *plan.Objective {
	for i := range doc.Objectives {
		if doc.Objectives[i].Key == key {
			return &doc.Objectives[i]
		}
	}
	return nil
}

// findMatch is the match of the objectives of keys old and nw, the whole
// pair before a partial one.
func findMatch(ms []diff.Match, old, nw string) *diff.Match {
	var found *diff.Match
	for i := range ms {
		m := &ms[i]
		if m.Old.Key != old || m.New.Key != nw {
			continue
		}
		if found == nil || found.Partial && !m.Partial || found.Partial == m.Partial && m.Similarity > found.Similarity {
			found = m
		}
	}
	return found
}
