package api

import (
	"fmt"
	"slices"
	"strings"

	"github.com/obiettivi/obiettivi/extract"
	"github.com/obiettivi/obiettivi/normalize"
)

// ErrNoText matches the errors of a PDF whose text cannot be read: pages
// of images, text drawn as outlines, glyphs no mapping of the file gives
// characters. It is normalize's: a caller of either package tests one
// sentinel.
var ErrNoText = normalize.ErrNoText

// TextLayerError says why the text layer of a PDF cannot be read and what
// to do about it. It matches ErrNoText.
type TextLayerError struct {
	Reason string
}

func (e *TextLayerError) Error() string { return e.Reason }

// Is reports whether target is ErrNoText.
func (e *TextLayerError) Is(target error) bool { return target == ErrNoText }

// layerCounts sums what the pages show.
type layerCounts struct {
	glyphs, unmapped, images int
	fonts                    []string
	lostPages                []int // pages with unmapped characters, in order
}

func countLayer(pages []extract.Page) layerCounts {
	var c layerCounts
	for i := range pages {
		c.add(&pages[i])
	}
	return c
}

// add counts what page p shows.
func (c *layerCounts) add(p *extract.Page) {
	c.glyphs += p.Glyphs
	c.unmapped += p.Unmapped
	c.images += p.Images
	if p.Unmapped > 0 {
		c.lostPages = append(c.lostPages, p.Number)
	}
	for _, f := range p.UnmappedFonts {
		if !slices.Contains(c.fonts, f) {
			c.fonts = append(c.fonts, f)
		}
	}
}

// checkTextLayer refuses a PDF with no text to read: no characters at all,
// or most of them without a Unicode mapping.
func checkTextLayer(c layerCounts) error {
	if c.glyphs == 0 {
		if c.images > 0 {
			return &TextLayerError{"the pages are images with no text layer: the PDF needs OCR before it can be read"}
		}
		return &TextLayerError{"the pages hold no text (no text layer, or text drawn as outlines): the PDF needs OCR before it can be read"}
	}
	if 2*c.unmapped > c.glyphs {
		return unmappedError(c)
	}
	return nil
}

func unmappedError(c layerCounts) error {
	return &TextLayerError{fmt.Sprintf("%d of %d characters have no Unicode mapping in the PDF's fonts (%s), so its text cannot be read: export the report to PDF again from its source, or run OCR on it",
		c.unmapped, c.glyphs, fontList(c.fonts))}
}

func fontList(fonts []string) string {
	const most = 3
	if len(fonts) > most {
		return strings.Join(fonts[:most], ", ") + fmt.Sprintf(" and %d more", len(fonts)-most)
	}
	return strings.Join(fonts, ", ")
}
