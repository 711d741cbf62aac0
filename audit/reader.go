package audit

import (
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/normalize"
	"github.com/obiettivi/obiettivi/plan"
)

// Rules of what the PDF reader saw but could not read into the records:
// only the reader applies them, and their findings are kept in the
// document (see readerRules).
const (
	RuleUnjoinedPiece  = "unjoined-piece"
	RuleUnmappedGlyphs = "text-unmapped-glyphs"
	RuleUnreadablePage = "unreadable-page"
	RuleMissingPages   = "missing-pages"
	RulePageLost       = "page-content-lost"
)

var readingRules = []Rule{
	{RuleUnreadablePage, plan.SeverityError, "a page whose content cannot be read (damaged or past the reader's limits), left out of a plan read with --partial; the plan is marked partial (without --partial the PDF is refused)"},
	{RulePageLost, plan.SeverityWarning, "pages of the body that print none of the running header and footer lines every other page of the report prints: what they printed is lost (a content stream replaced or damaged, a font missing), or they are no page of the report; the plan holds what they still show (reported by the PDF reader, once per document)"},
	{RuleMissingPages, plan.SeverityError, "a page tree that declares more pages than can be found, in a plan read with --partial: the plan holds what the pages found print"},
	{RuleUnjoinedPiece, plan.SeverityWarning, "a part of a table that joins nothing before it (an objective without its title, a staff row without a name, a phase without a title, an indicator without a name): it is left out of the records, and named here (reported by the PDF reader)"},
	{RuleUnmappedGlyphs, plan.SeverityWarning, "characters with no Unicode mapping in the PDF that could not be recovered from its fonts: they read as U+FFFD (reported by the PDF reader, once per document, with the count, the pages and the fonts); the replacement characters they leave are then not flagged again as bad-encoding"},
}

// The messages of the reader's findings. Their arguments are quoted
// values and whole numbers only, so that a message recorded in English
// can be written again in another language (see relocalize).
const (
	keyPieceObjective = "an objective without title (staff rows: %d, phases: %d) joins nothing before it and is left out"
	keyPieceStaff     = "a staff row without name %s joins nothing before it and is left out"
	keyPiecePhase     = "a phase without title %s joins nothing before it and is left out"
	keyPieceIndicator = "an indicator without name joins nothing before it and is left out"
	keyUnreadable     = "page %d could not be read and is left out: %s"
	keyPageLost       = "%d pages of the body (%s) print none of the running header and footer lines the other pages print: their content may be lost or damaged"
	keyMissingPages   = "the file declares %d pages and %d can be found: the plan holds what the pages found print"
	keyUnmapped       = "%d of %d characters have no Unicode mapping in the PDF (pages %s; fonts %s): their text is lost and reads as U+FFFD"
)

// UnjoinedPiece is the finding for a piece of a table the reader could not
// join to any record.
func UnjoinedPiece(p normalize.Piece) plan.Finding {
	var msg i18n.Text
	switch p.Kind {
	case normalize.PieceObjective:
		msg = i18n.T(keyPieceObjective, p.Staff, p.Phases)
	case normalize.PieceStaff:
		msg = i18n.T(keyPieceStaff, quote(p.Detail, 60))
	case normalize.PiecePhase:
		msg = i18n.T(keyPiecePhase, quote(p.Detail, 60))
	default:
		msg = i18n.T(keyPieceIndicator)
	}
	f := readerFinding(RuleUnjoinedPiece, p.Page, msg)
	if p.Unit != "" {
		f.Unit = plan.Str(p.Unit)
	}
	return f
}

// UnmappedGlyphs is the finding for the characters of a document that
// have no Unicode text: lost of the shown characters, on pages (in
// order), in the named fonts. It is given the first of the pages.
func UnmappedGlyphs(pages []int, lost, shown int, fonts []string) plan.Finding {
	const most = 3
	list := strings.Join(fonts[:min(len(fonts), most)], ", ")
	if len(fonts) > most {
		list += ", …"
	}
	page := 0
	if len(pages) > 0 {
		page = pages[0]
	}
	return readerFinding(RuleUnmappedGlyphs, page, i18n.T(keyUnmapped, lost, shown, quote(pageRanges(pages), 120), quote(list, 120)))
}

// pageRanges writes ascending page numbers as ranges: "1–3, 5".
func pageRanges(pages []int) string {
	var b strings.Builder
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(pages[i]))
		if j > i {
			b.WriteString("–" + strconv.Itoa(pages[j]))
		}
		i = j + 1
	}
	return b.String()
}

// UnreadablePage is the finding for a page left out of a partial read
// because its content could not be read, for reason.
func UnreadablePage(page int, reason string) plan.Finding {
	return readerFinding(RuleUnreadablePage, page, i18n.T(keyUnreadable, page, quote(reason, 200)))
}

// PageContentLost is the finding for the pages of the body (in order)
// that print none of the report's running lines.
func PageContentLost(pages []int) plan.Finding {
	return readerFinding(RulePageLost, pages[0], i18n.T(keyPageLost, len(pages), quote(pageRanges(pages), 120)))
}

// MissingPages is the finding for a page tree that declares more pages
// than it holds, in a partial read.
func MissingPages(declared, found int) plan.Finding {
	return readerFinding(RuleMissingPages, 0, i18n.T(keyMissingPages, declared, found))
}

func readerFinding(rule string, page int, msg i18n.Text) plan.Finding {
	f := plan.Finding{Rule: rule, Severity: severities[rule], Message: i18n.Printer(i18n.English).Text(msg)}
	if page > 0 {
		f.Page = &page
	}
	return f
}
