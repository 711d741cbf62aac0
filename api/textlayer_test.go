package api

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/internal/pdftest"
	"github.com/obiettivi/obiettivi/normalize"
	"github.com/obiettivi/obiettivi/pdffile"
)

// onePage builds a PDF of one A4 page with the given content and resources.
func onePage(content, resources string, extra ...string) []byte {
	objs := append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources + " /Contents 4 0 R >>",
		pdftest.Stream("", []byte(content)),
	}, extra...)
	return pdftest.Build("%PDF-1.4", objs...)
}

// unmappedFont is a Type0 font whose codes nothing maps to characters: no
// ToUnicode, no font program, an Identity ordering.
var unmappedFont = []string{
	"<< /Type /Font /Subtype /Type0 /BaseFont /Lost /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
	"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Lost /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
}

// TestTextLayerRefused: a PDF whose text cannot be read is refused with a
// reason that says so and what to do, not taken for another document.
func TestTextLayerRefused(t *testing.T) {
	outline := strings.Repeat("10 10 m 20 40 30 40 40 10 c 35 10 l 28 30 22 30 15 10 c h f\n", 40)
	tests := []struct {
		name   string
		pdf    []byte
		reason string
	}{
		{"image only", onePage("q 595 0 0 842 0 0 cm /Im1 Do Q", "<< /XObject << /Im1 5 0 R >> >>",
			pdftest.Stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0x80})),
			"the pages are images with no text layer: the PDF needs OCR"},
		{"text as outlines", onePage(outline, "<< >>"),
			"no text layer, or text drawn as outlines"},
		{"no mapping", onePage("BT /F1 12 Tf 72 720 Td <0011002200330044005500660077008800990012> Tj ET", "<< /Font << /F1 5 0 R >> >>", unmappedFont...),
			"10 of 10 characters have no Unicode mapping in the PDF's fonts (Lost)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := pdffile.OpenBytes(context.Background(), tt.pdf, "bad.pdf", "", pdffile.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			_, err = Extract(context.Background(), f, "bad.pdf", Options{})
			if !errors.Is(err, ErrNoText) {
				t.Fatalf("err = %v, want ErrNoText", err)
			}
			if !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("err %q, want %q", err, tt.reason)
			}
		})
	}
}

// TestSomeUnmappedNotAReport: a document whose text reads, with a few
// characters lost, is judged by its content (here: not a report).
func TestSomeUnmappedNotAReport(t *testing.T) {
	helv := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	content := "BT /F1 12 Tf 72 720 Td (Gentile cliente, la fattura n. 12 e' allegata alla presente.) Tj /F2 12 Tf <0011> Tj ET"
	pdf := onePage(content, "<< /Font << /F1 5 0 R /F2 6 0 R >> >>", helv,
		strings.Replace(unmappedFont[0], "[6 0 R]", "[7 0 R]", 1), unmappedFont[1])
	f, err := pdffile.OpenBytes(context.Background(), pdf, "letter.pdf", "", pdffile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Extract(context.Background(), f, "letter.pdf", Options{})
	if !errors.Is(err, normalize.ErrNotReport) || errors.Is(err, ErrNoText) {
		t.Errorf("err = %v, want not a report", err)
	}
}

func TestSomeCharactersLost(t *testing.T) {
	pages := []extract.Page{
		{Number: 1, Glyphs: 100},
		{Number: 2, Glyphs: 200, Unmapped: 3, UnmappedFonts: []string{"DejaVuSans"}},
		{Number: 3, Glyphs: 50, Unmapped: 50, UnmappedFonts: []string{"A", "B", "C", "D", "E"}},
	}
	if err := checkTextLayer(countLayer(pages)); err != nil {
		t.Errorf("53 of 350 lost: %v", err)
	}
}
