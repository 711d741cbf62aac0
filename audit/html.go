package audit

import (
	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/richtext"
)

// describeMarkup tells how the HTML of a description is unbalanced, or
// returns the zero Text when it closes what it opens (richtext reads its
// tags).
func describeMarkup(m richtext.Markup) i18n.Text {
	var parts []any
	for _, t := range m.Unclosed {
		if t.N == 1 {
			parts = append(parts, i18n.T("opens <%s> without closing it", t.Tag))
		} else {
			parts = append(parts, i18n.T("opens <%s> %d times without closing it", t.Tag, t.N))
		}
	}
	for _, t := range m.Stray {
		if t.N == 1 {
			parts = append(parts, i18n.T("closes </%s> without opening it", t.Tag))
		} else {
			parts = append(parts, i18n.T("closes </%s> %d times without opening it", t.Tag, t.N))
		}
	}
	if len(parts) == 0 {
		return i18n.Text{}
	}
	return i18n.T("%s", i18n.List{Sep: i18n.And, Items: parts})
}
