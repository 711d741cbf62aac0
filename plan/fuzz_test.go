package plan

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzPlanJSON decodes arbitrary bytes as a plan document. What decodes
// must encode, and decode again to the same encoding: a document that
// survives one round trip survives every one, and the streamed encoding is
// the standard one.
func FuzzPlanJSON(f *testing.F) {
	doc, err := ReadFile(filepath.Join("..", "golden", "capannori-2024.json"))
	if err != nil {
		f.Fatal(err)
	}
	// A few objectives of the sample, so that seeds stay small.
	doc.Objectives, doc.Units, doc.TOC = doc.Objectives[:3], doc.Units[:3], doc.TOC[:3]
	var b bytes.Buffer
	if err := doc.Encode(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(`{"format":"obiettivi.plan/v1"}`))
	f.Add([]byte(`{"format":"obiettivi.plan/v1","partial":true,"objectives":[{"phases":[{"planned_months":[1,2]}],"indicators":[{"targets":{"2024":null}}]}]}`))
	f.Add([]byte(`{"format": "something/v9"}`))
	f.Add([]byte(`[]`))
	if data, err := os.ReadFile(filepath.Join("..", "samples", "capannori-2025.changes.json")); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode(bytes.NewReader(data))
		if err != nil {
			if doc != nil {
				t.Fatal("a document with an error")
			}
			return
		}
		var first bytes.Buffer
		if err := doc.Encode(&first); err != nil {
			t.Fatalf("decoded but does not encode: %v", err)
		}
		if !bytes.Equal(first.Bytes(), stdEncode(t, doc)) {
			t.Fatalf("Encode differs from encoding/json:\n%s", first.Bytes())
		}
		again, err := Decode(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("its own encoding does not decode: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := again.Encode(&second); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("the round trip changes the document:\n%s\n%s", first.Bytes(), second.Bytes())
		}
	})
}
