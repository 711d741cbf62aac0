package audit

import (
	"regexp"
	"strings"

	"github.com/obiettivi/obiettivi/internal/i18n"
	"github.com/obiettivi/obiettivi/plan"
)

// relocalize writes the message of a finding recorded by the PDF reader
// in w's language. Those messages have only quoted values for arguments,
// so that the English message recorded in a document can be read back
// into its sentence and values; a message that is not one of them is
// returned as it is.
func relocalize(f plan.Finding, w *i18n.Writer) string {
	for _, r := range readerPatterns {
		if m := r.re.FindStringSubmatch(f.Message); m != nil {
			args := make([]any, len(m)-1)
			for i, a := range m[1:] {
				args[i] = a
			}
			return w.Sprintf(r.key, args...)
		}
	}
	return f.Message
}

type readerPattern struct {
	key string
	re  *regexp.Regexp
}

// readerPatterns match the English messages of readerKeys, each %s a
// quoted value.
var readerPatterns = func() []readerPattern {
	var ps []readerPattern
	for _, k := range readerKeys {
		parts := strings.Split(k, "%s")
		for i := range parts {
			parts[i] = regexp.QuoteMeta(parts[i])
		}
		ps = append(ps, readerPattern{k, regexp.MustCompile(`^` + strings.Join(parts, `("(?:[^"\\]|\\.)*")`) + `$`)})
	}
	return ps
}()
