package pdffile

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkOpen opens the 108-page sample plan; a sound file takes the fast
// path only.
func BenchmarkOpen(b *testing.B) {
	path := filepath.Join("..", "samples", "capannori-2024.pdf")
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		f, err := Open(context.Background(), path, "", Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if f.Repaired || len(f.Pages) != 108 {
			b.Fatalf("repaired %v, %d pages", f.Repaired, len(f.Pages))
		}
	}
}

// BenchmarkOpenRepaired opens a file that needs the repair pass (AES-256),
// for comparison with the fast path.
func BenchmarkOpenRepaired(b *testing.B) {
	data := readTestdata(b, "aes256-owner.pdf")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := OpenBytes(context.Background(), data, "aes256-owner.pdf", "", Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if !f.Repaired {
			b.Fatal("not repaired")
		}
	}
}

// BenchmarkCheckStreamSize checks every page of the sample plan.
func BenchmarkCheckStreamSize(b *testing.B) {
	f, err := Open(context.Background(), filepath.Join("..", "samples", "capannori-2024.pdf"), "", Limits{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range f.Pages {
			if err := f.CheckStreamSize(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}
