package render

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/plan"
)

func encode(t testing.TB, d *plan.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := d.Encode(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSyntheticDeterministic(t *testing.T) {
	a := encode(t, Synthetic("Comune di Prova", 2024, 40, 9))
	b := encode(t, Synthetic("Comune di Prova", 2024, 40, 9))
	c := encode(t, Synthetic("Comune di Prova", 2024, 40, 10))
	if !bytes.Equal(a, b) {
		t.Error("same seed, different plans")
	}
	if bytes.Equal(a, c) {
		t.Error("different seeds, same plan")
	}
}

func TestSyntheticShape(t *testing.T) {
	for _, n := range []int{0, 1, 10, 137} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			d := Synthetic("Comune di Prova", 2025, n, int64(n)+1)
			if len(d.Objectives) != n {
				t.Fatalf("%d objectives, want %d", len(d.Objectives), n)
			}
			if len(d.TOC) != len(d.Units) {
				t.Errorf("%d Indice entries for %d units", len(d.TOC), len(d.Units))
			}
			units := map[string]plan.Unit{}
			for i, u := range d.Units {
				if _, dup := units[u.Code]; dup {
					t.Errorf("unit code %s used twice", u.Code)
				}
				switch u.Kind {
				case plan.KindSector:
					if !strings.HasPrefix(u.Code, "S") || u.Sector != nil {
						t.Errorf("sector %s: bad code or has a sector", u.Code)
					}
				case plan.KindOffice:
					if u.Sector == nil || units[*u.Sector].Kind != plan.KindSector {
						t.Errorf("office %s is not under a sector printed before it", u.Code)
					}
				default:
					t.Errorf("unit %s: kind %q", u.Code, u.Kind)
				}
				if d.TOC[i].Code != u.Code || d.TOC[i].Name != u.Name {
					t.Errorf("Indice entry %d is %s, unit is %s", i, d.TOC[i].Code, u.Code)
				}
				units[u.Code] = u
			}
			keys := map[string]int{}
			for _, o := range d.Objectives {
				if _, ok := units[o.Unit]; !ok {
					t.Errorf("objective %q under unknown unit %s", o.Title, o.Unit)
				}
				if o.Key != plan.ComputeKey(&o) {
					t.Errorf("objective %q: key %s is not its computed key", o.Title, o.Key)
				}
				keys[o.Key]++
				if got := paragraphsText(paragraphs(o.DescriptionHTML)); got != o.DescriptionText {
					t.Errorf("objective %q: description_text does not match its HTML", o.Title)
				}
				for _, p := range o.Phases {
					for _, ms := range [][]int{p.PlannedMonths, p.ActualMonths} {
						for i, m := range ms {
							if m < 1 || m > 12 || (i > 0 && m <= ms[i-1]) {
								t.Errorf("phase %q: months %v not ascending in 1..12", p.Title, ms)
							}
						}
					}
					if p.Start == nil || !strings.HasPrefix(*p.Start, "2025-") {
						t.Errorf("phase %q starts %v, not in 2025", p.Title, p.Start)
					}
				}
			}
			if n >= 100 {
				repeated := 0
				for _, k := range keys {
					if k > 1 {
						repeated++
					}
				}
				if repeated == 0 {
					t.Error("no objective recurs under several units")
				}
			}
		})
	}
}

// About ten objectives print on ten to fifteen pages.
func TestSyntheticPageDensity(t *testing.T) {
	d := Synthetic("Comune di Prova", 2024, 100, 3)
	res, err := Print(context.Background(), d, io.Discard, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if per := float64(res.Pages) / 100; per < 0.9 || per > 1.6 {
		t.Errorf("100 objectives print on %d pages", res.Pages)
	}
}

// BenchmarkPrint1000Pages prints a synthetic plan of about a thousand
// pages.
func BenchmarkPrint1000Pages(b *testing.B) {
	d := Synthetic("Comune di Prova", 2024, 790, 1)
	var pages int
	for b.Loop() {
		res, err := Print(context.Background(), d, io.Discard, Options{})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(pages), "ms/page")
}

// BenchmarkPrintGolden prints the 104-page Capannori plan.
func BenchmarkPrintGolden(b *testing.B) {
	d := readPlan(b, goldenPlan)
	for b.Loop() {
		if err := Render(d, io.Discard, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
