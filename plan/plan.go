// Package plan holds the records of one printed performance plan: the
// obiettivi.plan/v1 document that extract writes, the store keeps, and diff
// and audit read.
package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// Format is the identifier of the interchange format written in every document.
const Format = "obiettivi.plan/v1"

// Document is one printed plan, exactly as it was printed.
type Document struct {
	Format     string      `json:"format"`
	Source     Source      `json:"source"`
	Title      string      `json:"title"`
	Entity     string      `json:"entity"`
	Year       int         `json:"year"`
	TOC        []TOCEntry  `json:"toc"`
	Units      []Unit      `json:"units"`
	Objectives []Objective `json:"objectives"`
	Findings   []Finding   `json:"findings"`
	// Partial reports a document read from a PDF some of whose pages
	// could not be read; a finding (rule unreadable-page) names each.
	Partial bool `json:"partial,omitempty"`
}

// Source identifies the PDF a document was read from.
type Source struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Pages  int    `json:"pages"`
}

// TOCEntry is one line of the table of contents.
type TOCEntry struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Page int    `json:"page"`
}

// Unit kinds.
const (
	KindSector = "sector"
	KindOffice = "office"
)

// Unit is a sector or an office heading.
type Unit struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	Kind   string  `json:"kind"`
	Sector *string `json:"sector"`
	Head   *string `json:"head"`
	Page   int     `json:"page"`
}

// Goal is a strategic or operational goal, split at the first " - ".
type Goal struct {
	Code  string `json:"code"`
	Title string `json:"title"`
}

// Objective is one printed occurrence of an objective under a unit.
type Objective struct {
	Unit            string      `json:"unit"`
	Page            int         `json:"page"`
	Title           string      `json:"title"`
	Weight          *float64    `json:"weight"`
	DescriptionHTML string      `json:"description_html"`
	DescriptionText string      `json:"description_text"`
	StrategicGoal   *Goal       `json:"strategic_goal"`
	OperationalGoal *Goal       `json:"operational_goal"`
	Staff           []Staff     `json:"staff"`
	Phases          []Phase     `json:"phases"`
	Indicators      []Indicator `json:"indicators"`
	Key             string      `json:"key"`
}

// Staff is one row of the staff table. Dates are ISO YYYY-MM-DD.
type Staff struct {
	Name     string  `json:"name"`
	Category *string `json:"category"`
	Role     *string `json:"role"`
	Start    *string `json:"start"`
	End      *string `json:"end"`
}

// Phase is one row of the phase table with its month grid.
type Phase struct {
	Title         string  `json:"title"`
	Description   *string `json:"description"`
	Start         *string `json:"start"`
	End           *string `json:"end"`
	PlannedMonths []int   `json:"planned_months"`
	ActualMonths  []int   `json:"actual_months"`
}

// Indicator is one row of the indicator table. Targets maps each printed
// target year to its cell.
type Indicator struct {
	Name      string             `json:"name"`
	Unit      *string            `json:"unit"`
	Reference *string            `json:"reference"`
	Targets   map[string]*string `json:"targets"`
}

// Severities of a finding.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
	SeverityInfo    = "info"
)

// Finding is one inconsistency found in a document.
type Finding struct {
	Rule         string  `json:"rule"`
	Severity     string  `json:"severity"`
	Page         *int    `json:"page"`
	Unit         *string `json:"unit"`
	ObjectiveKey *string `json:"objective_key"`
	// Message is one English sentence naming the values seen.
	Message string `json:"message"`
	// ObjectiveTitle is the whole title of the objective of ObjectiveKey,
	// where a report names it (empty in an extracted document).
	ObjectiveTitle string `json:"objective_title,omitempty"`
	// Lang is the language of LocalMessage ("it", "en"), and LocalMessage
	// the message in that language, where a report asked for one.
	Lang         string `json:"lang,omitempty"`
	LocalMessage string `json:"local_message,omitempty"`
}

// Normalize makes the nil slices of d empty, so that the JSON form always
// carries arrays, never null.
func (d *Document) Normalize() {
	if d.Format == "" {
		d.Format = Format
	}
	if d.TOC == nil {
		d.TOC = []TOCEntry{}
	}
	if d.Units == nil {
		d.Units = []Unit{}
	}
	if d.Objectives == nil {
		d.Objectives = []Objective{}
	}
	if d.Findings == nil {
		d.Findings = []Finding{}
	}
	for i := range d.Objectives {
		o := &d.Objectives[i]
		if o.Staff == nil {
			o.Staff = []Staff{}
		}
		if o.Phases == nil {
			o.Phases = []Phase{}
		}
		if o.Indicators == nil {
			o.Indicators = []Indicator{}
		}
		for j := range o.Phases {
			if o.Phases[j].PlannedMonths == nil {
				o.Phases[j].PlannedMonths = []int{}
			}
			if o.Phases[j].ActualMonths == nil {
				o.Phases[j].ActualMonths = []int{}
			}
		}
		for j := range o.Indicators {
			if o.Indicators[j].Targets == nil {
				o.Indicators[j].Targets = map[string]*string{}
			}
		}
	}
}

// Decode reads a plan document and checks its format.
func Decode(r io.Reader) (*Document, error) {
	var d Document
	dec := json.NewDecoder(r)
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("not a plan document: %w", err)
	}
	if d.Format != Format {
		return nil, fmt.Errorf("format is %q, want %q", d.Format, Format)
	}
	d.Normalize()
	return &d, nil
}

// ReadFile reads a plan document from a JSON file.
func ReadFile(path string) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

// Str returns a pointer to s, or nil when s is empty.
func Str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Deref returns *p, or "" when p is nil.
func Deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
