package normalize

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/plan"
)

// field names the key/value rows and table columns of the report.
type field int

const (
	fNone field = iota
	// unit heading rows
	fSectorHead // Responsabile settore
	fOfficeHead // Responsabile ufficio
	// objective key/value rows
	fObjective       // Obiettivo
	fWeight          // Valutazione obiettivo
	fDescription     // Descrizione
	fStrategicGoal   // Obiettivo strategico
	fOperationalGoal // Obiettivo operativo
	// staff table
	fStaffName     // Persona
	fStaffCategory // Categoria
	fStaffRole     // Ruolo
	// phase table
	fPhaseTitle       // Fase
	fPhaseDescription // Descrizione fase
	// shared by staff and phase tables
	fStart // Inizio
	fEnd   // Fine
	// month grid
	fGrid    // Cronoprogramma
	fPlanned // Previsto
	fActual  // Consuntivo
	// indicator table
	fIndicator // Indicatore
	fUnit      // Udm
	fReference // Valore di riferimento
	fTarget    // Atteso YYYY
)

// Labels of the description cells, as printed. A description that begins
// with one repeats its own label.
const (
	LabelDescription      = "Descrizione"
	LabelPhaseDescription = "Descrizione fase"
)

// objectiveLabel is the label of an objective's title row.
const objectiveLabel = "Obiettivo"

var labels = map[string]field{
	"responsabile settore":  fSectorHead,
	"responsabile ufficio":  fOfficeHead,
	"obiettivo":             fObjective,
	"valutazione obiettivo": fWeight,
	"valutazione":           fWeight,
	"peso":                  fWeight,
	"descrizione":           fDescription,
	"obiettivo strategico":  fStrategicGoal,
	"obiettivo operativo":   fOperationalGoal,
	"persona":               fStaffName,
	"categoria":             fStaffCategory,
	"ruolo":                 fStaffRole,
	"fase":                  fPhaseTitle,
	"descrizione fase":      fPhaseDescription,
	"inizio":                fStart,
	"data inizio":           fStart,
	"fine":                  fEnd,
	"data fine":             fEnd,
	"cronoprogramma":        fGrid,
	"previsto":              fPlanned,
	"prev.":                 fPlanned,
	"pianificato":           fPlanned,
	"consuntivo":            fActual,
	"cons.":                 fActual,
	"effettivo":             fActual,
	"realizzato":            fActual,
	"indicatore":            fIndicator,
	"udm":                   fUnit,
	"u.d.m.":                fUnit,
	"unità di misura":       fUnit,
	"valore di riferimento": fReference,
}

// squeezedLabels are the labels with their spaces taken out.
var squeezedLabels = func() map[string]field {
	m := make(map[string]field, len(labels))
	for k, f := range labels {
		m[strings.ReplaceAll(k, " ", "")] = f
	}
	return m
}()

var targetLabel = regexp.MustCompile(`^atteso\s+((?:19|20)\d\d)$`)

// labelOf recognises a label cell. For an "Atteso YYYY" column it also
// returns the year.
func labelOf(s string) (field, string) {
	k := strings.ToLower(strings.TrimRight(plan.Collapse(s), " :"))
	if f, ok := labels[k]; ok {
		return f, ""
	}
	// a label wrapped inside a word in a narrow column ("Descrizion" over
	// "e fase")
	if f, ok := squeezedLabels[strings.ReplaceAll(k, " ", "")]; ok && strings.Contains(k, " ") {
		return f, ""
	}
	if m := targetLabel.FindStringSubmatch(k); m != nil {
		return fTarget, m[1]
	}
	return fNone, ""
}

// tableOf is the data table whose header row starts with the label f.
func tableOf(f field) (tableKind, bool) {
	switch f {
	case fStaffName:
		return tStaff, true
	case fPhaseTitle:
		return tPhases, true
	case fGrid:
		return tGrid, true
	case fIndicator:
		return tIndicators, true
	}
	return tNone, false
}

// monthNames are the column heads of the month grid, January first.
var monthNames = map[string]int{
	"gen": 1, "feb": 2, "mar": 3, "apr": 4, "mag": 5, "giu": 6,
	"lug": 7, "ago": 8, "set": 9, "ott": 10, "nov": 11, "dic": 12,
	"gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
	"luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
}

func monthOf(s string) int {
	k := strings.ToLower(strings.TrimRight(plan.Collapse(s), ". "))
	if m, ok := monthNames[k]; ok {
		return m
	}
	// a head wrapped in a narrow column ("Ma" over "r")
	if m, ok := monthNames[strings.ReplaceAll(k, " ", "")]; ok {
		return m
	}
	if n, err := strconv.Atoi(k); err == nil && n >= 1 && n <= 12 {
		return n
	}
	return 0
}

// tocHeading is the heading of the table of contents.
const tocHeading = "indice"

// unitHeading matches a unit heading "CODE - NAME".
var unitHeading = regexp.MustCompile(`^([A-Z][A-Z0-9_]*[A-Z0-9])\s+-\s+(\S.*)$`)

// runningLine matches the page counter of running footers ("Pagina 4 di 108").
var runningLine = regexp.MustCompile(`(?i)\bpagina\s+\d+\s+di\s+\d+\b|\bpag\.\s*\d+`)

// printDate matches the print date of the footer ("Stampato il 15/03/2024").
var printDate = regexp.MustCompile(`(?i)stampato\s+il\s+(\d{1,2})/(\d{1,2})/(\d{4})`)

// isSectorCode tells a sector's code by the report's convention: sector
// codes start with S, office codes with U.
func isSectorCode(code string) bool { return strings.HasPrefix(code, "S") }

// keyPrefix is the field of the key labels that s, a label's first
// words, starts ("Responsabile" of "Responsabile settore"), if one (the
// first of them if several).
func keyPrefix(s string) field {
	k := strings.ToLower(plan.Collapse(s))
	if k == "" {
		return fNone
	}
	best := fNone
	for label, f := range labels {
		if keyField(f) && strings.HasPrefix(label, k+" ") && (best == fNone || f < best) {
			best = f
		}
	}
	return best
}

// headsLabel reports whether s labels a unit's heads, or is the first
// part of such a label that a page break cut.
func headsLabel(s string) bool {
	f, _ := labelOf(s)
	if f == fNone {
		f = keyPrefix(s)
	}
	return f == fSectorHead || f == fOfficeHead
}

// keyField reports whether f labels a row of a key/value table: a
// unit's heads or an objective's own fields.
func keyField(f field) bool {
	switch f {
	case fSectorHead, fOfficeHead, fObjective, fWeight, fDescription, fStrategicGoal, fOperationalGoal:
		return true
	}
	return false
}
