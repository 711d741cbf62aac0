package audit

import (
	"fmt"
	"strings"

	"github.com/obiettivi/obiettivi/richtext"
)

// describeMarkup tells how the HTML of a description is unbalanced, or
// returns "" when it closes what it opens (richtext reads its tags).
func describeMarkup(m richtext.Markup) string {
	var parts []string
	for _, t := range m.Unclosed {
		parts = append(parts, fmt.Sprintf("opens <%s>%s without closing it", t.Tag, times(t.N)))
	}
	for _, t := range m.Stray {
		parts = append(parts, fmt.Sprintf("closes </%s>%s without opening it", t.Tag, times(t.N)))
	}
	return strings.Join(parts, " and ")
}

func times(n int) string {
	if n == 1 {
		return ""
	}
	return fmt.Sprintf(" %d times", n)
}
