package api

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/net/html"

	"github.com/obiettivi/obiettivi/plan"
)

// score compares an extracted document with the truth of its PDF, field by
// field, the way the project's bars are stated: field accuracy over unit
// fields, objective fields and table cells; objectives matched by (unit,
// title) in printed order; month grids per phase; dedup keys as pairs.
type score struct {
	cells, cellsOK     int
	objExpected, objOK int // matched objectives
	objActual          int
	phases, monthsOK   int
	dedupTP, dedupExp  int
	dedupAct           int
	tocOK, tocExp      int
	mismatches         []string
	// missed are the cells that differ: where they are and the value
	// extracted.
	missed []miss
}

// miss is one cell that differs from the truth.
type miss struct {
	where string
	act   any
}

func (s *score) fieldAccuracy() float64 { return float64(s.cellsOK) / float64(s.cells) }
func (s *score) monthAccuracy() float64 {
	if s.phases == 0 {
		return 1
	}
	return float64(s.monthsOK) / float64(s.phases)
}

func (s *score) cmp(where string, exp, act any) {
	s.cells++
	if reflect.DeepEqual(exp, act) {
		s.cellsOK++
		return
	}
	s.missed = append(s.missed, miss{where, act})
	if len(s.mismatches) < 40 {
		s.mismatches = append(s.mismatches, fmt.Sprintf("%s:\n   exp %v\n   act %v", where, show(exp), show(act)))
	}
}

func show(v any) string {
	s := fmt.Sprintf("%q", v)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

func canonStr(p *string) any {
	if p == nil {
		return nil
	}
	return plan.Canon(*p)
}

func canonGoal(g *plan.Goal) any {
	if g == nil {
		return nil
	}
	return [2]string{plan.Canon(g.Code), plan.Canon(g.Title)}
}

// canonHTML is an HTML fragment as its sequence of start tags (with sorted
// attributes) and whitespace-collapsed text runs; end tags and
// serialisation details do not count.
func canonHTML(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var out []string
	var text strings.Builder
	flush := func() {
		if t := plan.Canon(text.String()); t != "" {
			if n := len(out); n > 0 && strings.HasPrefix(out[n-1], "T:") {
				out[n-1] += " " + t
			} else {
				out = append(out, "T:"+t)
			}
		}
		text.Reset()
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			flush()
			return strings.Join(out, "\x1f")
		case html.TextToken:
			text.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			flush()
			t := z.Token()
			var attrs []string
			for _, a := range t.Attr {
				attrs = append(attrs, a.Key+"="+plan.Canon(a.Val))
			}
			sort.Strings(attrs)
			out = append(out, "S:"+t.Data+"["+strings.Join(attrs, ",")+"]")
		}
	}
}

func scoreDocs(exp, act *plan.Document) *score {
	s := &score{}
	// units, paired by code in order
	au := map[string][]plan.Unit{}
	for _, u := range act.Units {
		au[u.Code] = append(au[u.Code], u)
	}
	for _, e := range exp.Units {
		list := au[e.Code]
		if len(list) == 0 {
			for i := 0; i < 5; i++ {
				s.cmp("unit "+e.Code, e.Code, nil)
			}
			continue
		}
		a := list[0]
		au[e.Code] = list[1:]
		w := "unit " + e.Code
		s.cmp(w+" name", plan.Canon(e.Name), plan.Canon(a.Name))
		s.cmp(w+" kind", e.Kind, a.Kind)
		s.cmp(w+" sector", canonStr(e.Sector), canonStr(a.Sector))
		s.cmp(w+" head", canonStr(e.Head), canonStr(a.Head))
		s.cmp(w+" page", e.Page, a.Page)
	}
	// objectives, paired by (unit, title) in order
	type okey struct{ unit, title string }
	ai := map[okey][]int{}
	for i, o := range act.Objectives {
		k := okey{o.Unit, plan.Canon(o.Title)}
		ai[k] = append(ai[k], i)
	}
	s.objExpected = len(exp.Objectives)
	s.objActual = len(act.Objectives)
	pairOf := make([]int, len(exp.Objectives))
	taken := make([]bool, len(act.Objectives))
	for i, e := range exp.Objectives {
		pairOf[i] = -1
		k := okey{e.Unit, plan.Canon(e.Title)}
		if len(ai[k]) > 0 {
			pairOf[i] = ai[k][0]
			taken[ai[k][0]] = true
			ai[k] = ai[k][1:]
		}
	}
	// A title whose characters the print lost (read as U+FFFD) pairs with
	// the title it matches everywhere else, in the same unit.
	for i, e := range exp.Objectives {
		if pairOf[i] >= 0 {
			continue
		}
		for j, a := range act.Objectives {
			if !taken[j] && a.Unit == e.Unit && matchesLost(plan.Canon(e.Title), plan.Canon(a.Title)) {
				pairOf[i], taken[j] = j, true
				break
			}
		}
	}
	var pairs [][2]int
	for i, e := range exp.Objectives {
		j := pairOf[i]
		if j < 0 {
			s.cmp(fmt.Sprintf("objective %d %q", i, e.Title), "present", "missing")
			continue
		}
		pairs = append(pairs, [2]int{i, j})
		s.objOK++
		a := act.Objectives[j]
		w := fmt.Sprintf("objective %s/%q p%d", e.Unit, trunc(e.Title), e.Page)
		s.cmp(w+" title", plan.Canon(e.Title), plan.Canon(a.Title))
		s.cmp(w+" page", e.Page, a.Page)
		var ew, aw any
		if e.Weight != nil {
			ew = *e.Weight
		}
		if a.Weight != nil {
			aw = *a.Weight
		}
		s.cmp(w+" weight", ew, aw)
		s.cmp(w+" strategic_goal", canonGoal(e.StrategicGoal), canonGoal(a.StrategicGoal))
		s.cmp(w+" operational_goal", canonGoal(e.OperationalGoal), canonGoal(a.OperationalGoal))
		s.cmp(w+" description_text", plan.Canon(e.DescriptionText), plan.Canon(a.DescriptionText))
		s.cmp(w+" description_text lines", lines(e.DescriptionText), lines(a.DescriptionText))
		s.cmp(w+" description_html", canonHTML(e.DescriptionHTML), canonHTML(a.DescriptionHTML))
		for r, es := range e.Staff {
			var as plan.Staff
			if r < len(a.Staff) {
				as = a.Staff[r]
			}
			ww := fmt.Sprintf("%s staff %d", w, r)
			s.cmp(ww+" name", plan.Canon(es.Name), plan.Canon(as.Name))
			s.cmp(ww+" category", canonStr(es.Category), canonStr(as.Category))
			s.cmp(ww+" role", canonStr(es.Role), canonStr(as.Role))
			s.cmp(ww+" start", canonStr(es.Start), canonStr(as.Start))
			s.cmp(ww+" end", canonStr(es.End), canonStr(as.End))
		}
		s.cmp(w+" staff rows", len(e.Staff), len(a.Staff))
		for r, ep := range e.Phases {
			var ap plan.Phase
			if r < len(a.Phases) {
				ap = a.Phases[r]
			}
			ww := fmt.Sprintf("%s phase %d", w, r)
			s.cmp(ww+" title", plan.Canon(ep.Title), plan.Canon(ap.Title))
			s.cmp(ww+" description", canonStr(ep.Description), canonStr(ap.Description))
			s.cmp(ww+" start", canonStr(ep.Start), canonStr(ap.Start))
			s.cmp(ww+" end", canonStr(ep.End), canonStr(ap.End))
			s.cmp(ww+" planned", fmt.Sprint(ep.PlannedMonths), fmt.Sprint(ap.PlannedMonths))
			s.cmp(ww+" actual", fmt.Sprint(ep.ActualMonths), fmt.Sprint(ap.ActualMonths))
			s.phases++
			if fmt.Sprint(ep.PlannedMonths, ep.ActualMonths) == fmt.Sprint(ap.PlannedMonths, ap.ActualMonths) {
				s.monthsOK++
			}
		}
		s.cmp(w+" phase rows", len(e.Phases), len(a.Phases))
		for r, ei := range e.Indicators {
			var ai plan.Indicator
			if r < len(a.Indicators) {
				ai = a.Indicators[r]
			}
			ww := fmt.Sprintf("%s indicator %d", w, r)
			s.cmp(ww+" name", plan.Canon(ei.Name), plan.Canon(ai.Name))
			s.cmp(ww+" unit", canonStr(ei.Unit), canonStr(ai.Unit))
			s.cmp(ww+" reference", canonStr(ei.Reference), canonStr(ai.Reference))
			et, at := map[string]any{}, map[string]any{}
			for k, v := range ei.Targets {
				et[k] = canonStr(v)
			}
			for k, v := range ai.Targets {
				at[k] = canonStr(v)
			}
			s.cmp(ww+" targets", et, at)
		}
		s.cmp(w+" indicator rows", len(e.Indicators), len(a.Indicators))
	}
	// dedup, over pairs of matched occurrences
	for x := 0; x < len(pairs); x++ {
		for y := x + 1; y < len(pairs); y++ {
			es := exp.Objectives[pairs[x][0]].Key == exp.Objectives[pairs[y][0]].Key
			as := act.Objectives[pairs[x][1]].Key == act.Objectives[pairs[y][1]].Key
			if es {
				s.dedupExp++
			}
			if as {
				s.dedupAct++
			}
			if es && as {
				s.dedupTP++
			}
		}
	}
	// toc, as a multiset of (code, name, page)
	at := map[string]int{}
	for _, t := range act.TOC {
		at[fmt.Sprint(t.Code, "|", plan.Canon(t.Name), "|", t.Page)]++
	}
	s.tocExp = len(exp.TOC)
	for _, t := range exp.TOC {
		k := fmt.Sprint(t.Code, "|", plan.Canon(t.Name), "|", t.Page)
		if at[k] > 0 {
			at[k]--
			s.tocOK++
		} else if len(s.mismatches) < 40 {
			s.mismatches = append(s.mismatches, "toc missing "+k)
		}
	}
	s.cmp("title", exp.Title, act.Title)
	s.cmp("entity", exp.Entity, act.Entity)
	s.cmp("year", exp.Year, act.Year)
	s.cmp("pages", exp.Source.Pages, act.Source.Pages)
	s.cmp("sha256", exp.Source.SHA256, act.Source.SHA256)
	return s
}

// matchesLost reports whether act is exp with some characters lost: the
// same characters but for U+FFFD in the place of some.
func matchesLost(exp, act string) bool {
	e, a := []rune(exp), []rune(act)
	if len(e) != len(a) || !strings.ContainsRune(act, '\uFFFD') {
		return false
	}
	for i := range e {
		if a[i] != e[i] && a[i] != '\uFFFD' {
			return false
		}
	}
	return true
}

func lines(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = plan.Canon(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func trunc(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
