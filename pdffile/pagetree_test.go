package pdffile

import (
	"reflect"
	"slices"
	"testing"
)

// TestReferenceLayout guards the read-only reflection into ledongthuc/pdf
// that cycle and object-stream checks rely on: if the library's internals
// change, this fails instead of the checks silently switching off.
func TestReferenceLayout(t *testing.T) {
	f, err := openBytes(t, readTestdata(t, "plan-3pages.pdf"), "", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[ref]bool)
	for i, p := range f.Pages {
		id, ok := refOf(p.V)
		if !ok || id.id == 0 || seen[id] {
			t.Fatalf("page %d: ref %v, %v (seen %v)", i+1, id, ok, seen[id])
		}
		seen[id] = true
		parent, ok := refKey(p.V, "Parent")
		if !ok || parent.id == 0 {
			t.Fatalf("page %d: /Parent ref %v, %v", i+1, parent, ok)
		}
		kids := p.V.Key("Parent").Key("Kids")
		if !slices.ContainsFunc(seq(kids.Len()), func(k int) bool { r, _ := refAt(kids, k); return r == id }) {
			t.Errorf("page %d: not among its parent's kids", i+1)
		}
	}
	if _, ok := refAt(f.Pages[0].V.Key("MediaBox"), 0); ok {
		t.Error("a number reads as a reference")
	}

	table := reflect.ValueOf(f.Reader).Elem().FieldByName("xref")
	if !table.IsValid() || table.Kind() != reflect.Slice {
		t.Fatal("pdf.Reader has no xref table")
	}
	for _, name := range []string{"inStream", "stream"} {
		if _, ok := table.Type().Elem().FieldByName(name); !ok {
			t.Errorf("xref entry has no field %s", name)
		}
	}
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// TestObjectStreams reads a file whose objects live in object streams: the
// object-stream check must not refuse a sound file.
func TestObjectStreams(t *testing.T) {
	plain, err := openBytes(t, readTestdata(t, "plan-3pages.pdf"), "", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := openBytes(t, readTestdata(t, "plan-3pages-objstm.pdf"), "", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Repaired {
		t.Error("a sound file with object streams was repaired")
	}
	if got, want := pageTexts(t, f), pageTexts(t, plain); !slices.Equal(got, want) {
		t.Errorf("texts differ:\n got %.200q\nwant %.200q", got, want)
	}
}

func TestEntryRef(t *testing.T) {
	f, err := openBytes(t, onePage("", stream("", []byte(helloContent))), "", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	p := f.Pages[0]
	if r, ok := EntryRef(p.V, "Parent"); !ok || r != (Ref{2, 0}) {
		t.Errorf("Parent: %v %v, want 2 0 R", r, ok)
	}
	if r, ok := EntryRef(p.Resources().Key("Font"), "F1"); !ok || r != (Ref{5, 0}) {
		t.Errorf("F1: %v %v, want 5 0 R", r, ok)
	}
	if _, ok := EntryRef(p.V, "MediaBox"); ok {
		t.Error("a direct array taken for a reference")
	}
	if _, ok := EntryRef(p.V, "Nope"); ok {
		t.Error("a missing entry taken for a reference")
	}
}
