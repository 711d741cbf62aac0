package audit

import (
	"regexp"
	"strconv"
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
				if r.verbs[i] == 'd' {
					n, _ := strconv.Atoi(a)
					args[i] = n
				}
			}
			return w.Sprintf(r.key, args...)
		}
	}
	return f.Message
}

type readerPattern struct {
	key   string
	re    *regexp.Regexp
	verbs []byte // the verb of each argument: 's' a quoted value, 'd' a whole number
}

// readerPatterns match the English messages of readerKeys, each %s a
// quoted value and each %d a whole number.
var readerPatterns = func() []readerPattern {
	verb := regexp.MustCompile(`%[sd]`)
	var ps []readerPattern
	for _, k := range readerKeys {
		p := readerPattern{key: k}
		var re strings.Builder
		re.WriteString("^")
		last := 0
		for _, loc := range verb.FindAllStringIndex(k, -1) {
			re.WriteString(regexp.QuoteMeta(k[last:loc[0]]))
			v := k[loc[1]-1]
			if v == 'd' {
				re.WriteString(`(\d+)`)
			} else {
				re.WriteString(`("(?:[^"\\]|\\.)*")`)
			}
			p.verbs = append(p.verbs, v)
			last = loc[1]
		}
		re.WriteString(regexp.QuoteMeta(k[last:]) + "$")
		p.re = regexp.MustCompile(re.String())
		ps = append(ps, p)
	}
	return ps
}()
