package extract

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"testing"

	"github.com/obiettivi/obiettivi/pdffile"
)

// withLogos returns the PDF src with a small logo drawn as an inline image
// at the top of every page, as an incremental update: each page's content
// stream gets a new version that paints the logo, then the page's own
// content. The logos' data holds every byte value and EI sequences; they
// are unfiltered, Flate, ASCIIHex, ASCII85 then Flate, or DCT (whose end
// is searched), in turn. The page objects must name their content stream
// as one reference, first in their dictionary, as the bundled prints do.
func withLogos(t testing.TB, src []byte, jpeg []byte) []byte {
	t.Helper()
	pages := regexp.MustCompile(`(?m)^\d+ 0 obj\s*<<\s*/Contents (\d+) 0 R`).FindAllSubmatch(src, -1)
	if len(pages) == 0 {
		t.Fatal("no page objects found")
	}
	logos := []struct{ dict, data string }{
		{"/W 16 /H 8 /BPC 8 /CS /RGB", string(imageBytes(384))},
		{"/W 16 /H 8 /BPC 8 /CS /RGB /F /Fl", string(deflated(imageBytes(384)))},
		{"/W 16 /H 8 /BPC 8 /CS /RGB /F /AHx", fmt.Sprintf("%x>", imageBytes(384))},
		{"/W 16 /H 8 /BPC 8 /CS /RGB /F [/A85 /Fl]", string(a85(deflated(imageBytes(384))))},
		{"/W 16 /H 8 /BPC 8 /CS /G /F /DCT", string(jpeg)},
	}
	out := bytes.NewBuffer(append([]byte{}, src...))
	out.WriteString("\n")
	var xref bytes.Buffer
	for i, m := range pages {
		num, _ := strconv.Atoi(string(m[1]))
		content := decodedObject(t, src, num)
		logo := logos[i%len(logos)]
		data := append([]byte("q 40 0 0 20 520 805 cm BI "+logo.dict+" ID "+logo.data+"\nEI Q\n"), content...)
		fmt.Fprintf(&xref, "%d 1\n%010d 00000 n \n", num, out.Len())
		fmt.Fprintf(out, "%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", num, len(data), data)
	}
	trailer := regexp.MustCompile(`(?s)trailer\s*<<(.*?)>>\s*startxref\s*(\d+)`).FindAllSubmatch(src, -1)
	if len(trailer) == 0 {
		t.Fatal("no trailer")
	}
	last := trailer[len(trailer)-1]
	root := regexp.MustCompile(`/Root \d+ 0 R`).Find(last[1])
	size := regexp.MustCompile(`/Size \d+`).Find(last[1])
	start := out.Len()
	fmt.Fprintf(out, "xref\n%strailer\n<< %s %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", xref.String(), size, root, last[2], start)
	return out.Bytes()
}

// decodedObject returns the decoded data of stream object num of src,
// whose filters are ASCII85 and Flate, or Flate, or none.
func decodedObject(t testing.TB, src []byte, num int) []byte {
	t.Helper()
	re := regexp.MustCompile(`(?s)(?:^|\n)` + strconv.Itoa(num) + ` 0 obj\s*<<(.*?)>>\s*stream\r?\n`)
	loc := re.FindSubmatchIndex(src)
	if loc == nil {
		t.Fatalf("object %d not found", num)
	}
	dict := src[loc[2]:loc[3]]
	n, err := strconv.Atoi(string(regexp.MustCompile(`/Length (\d+)`).FindSubmatch(dict)[1]))
	if err != nil {
		t.Fatal(err)
	}
	raw := src[loc[1] : loc[1]+n]
	var filters []pdffile.Filter
	for _, m := range regexp.MustCompile(`/(ASCII85Decode|FlateDecode)`).FindAllSubmatch(dict, -1) {
		filters = append(filters, pdffile.Filter{Name: string(m[1])})
	}
	data, err := pdffile.Decode(raw, filters, 64<<20)
	if err != nil {
		t.Fatalf("object %d: %v", num, err)
	}
	return data
}

// The bundled print with a logo drawn as an inline image in each page's
// header reads exactly as the print without it.
func TestInlineLogos(t *testing.T) {
	path := filepath.Join("..", "samples", "capannori-2024.pdf")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data := withLogos(t, src, jpegBytes(t))
	if dir := os.Getenv("OBIETTIVI_WRITE_FIXTURES"); dir != "" {
		// For a look with other readers (pdftotext, a viewer).
		if err := os.WriteFile(filepath.Join(dir, "capannori-2024-logos.pdf"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(data []byte, name string) []Page {
		f, err := pdffile.OpenBytes(context.Background(), data, name, "", pdffile.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if f.Repaired {
			t.Fatalf("%s: repaired", name)
		}
		pages, err := Read(context.Background(), f, Options{Detail: true})
		if err != nil {
			t.Fatal(err)
		}
		return pages
	}
	want := read(src, "capannori-2024.pdf")
	got := read(data, "capannori-2024-logos.pdf")
	if len(got) != len(want) {
		t.Fatalf("%d pages, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("page %d reads differently with its logo", i+1)
		}
	}
}
