package extract

import (
	"sync"

	"github.com/ledongthuc/pdf"

	"github.com/obiettivi/obiettivi/pdffile"
)

// docCache holds what the pages of one document share, known by reference
// so that it is neither read from the file nor parsed again for each page:
// fonts, and the attributes pages inherit from their page tree nodes.
type docCache struct {
	fonts *fontCache
	mu    sync.Mutex
	byRef map[pdffile.Ref]*font
	nodes map[pdffile.Ref]nodeAttrs
	res   map[pdffile.Ref]pdf.Value // the resources the pages under a node inherit
}

// nodeAttrs are the inheritable page attributes the walker reads, as a
// page tree node gives them to its pages.
type nodeAttrs struct{ media, crop, rotate pdf.Value }

func newDocCache(f *pdffile.File) *docCache {
	return &docCache{fonts: newFontCache(f), byRef: map[pdffile.Ref]*font{}, nodes: map[pdffile.Ref]nodeAttrs{}, res: map[pdffile.Ref]pdf.Value{}}
}

// font returns the font named name in the font resources fonts.
func (d *docCache) font(fonts pdf.Value, name string) *font {
	ref, isRef := pdffile.EntryRef(fonts, name)
	if isRef {
		d.mu.Lock()
		f, ok := d.byRef[ref]
		d.mu.Unlock()
		if ok {
			return f
		}
	}
	f := d.fonts.get(fonts.Key(name))
	if isRef {
		d.mu.Lock()
		d.byRef[ref] = f
		d.mu.Unlock()
	}
	return f
}

// pageAttrs returns the media box, crop box and rotation of page v, its
// own or inherited (PDF 32000-1:2008, 7.7.3.4).
func (d *docCache) pageAttrs(v pdf.Value) nodeAttrs {
	a := nodeAttrs{v.Key("MediaBox"), v.Key("CropBox"), v.Key("Rotate")}
	if a.media.Kind() != pdf.Null && a.crop.Kind() != pdf.Null && a.rotate.Kind() != pdf.Null {
		return a
	}
	ref, isRef := pdffile.EntryRef(v, "Parent")
	d.mu.Lock()
	p, ok := d.nodes[ref]
	d.mu.Unlock()
	if !isRef || !ok {
		parent := v.Key("Parent")
		p = nodeAttrs{inherited(parent, "MediaBox", maxInherit-1), inherited(parent, "CropBox", maxInherit-1), inherited(parent, "Rotate", maxInherit-1)}
		if isRef {
			d.mu.Lock()
			d.nodes[ref] = p
			d.mu.Unlock()
		}
	}
	if a.media.Kind() == pdf.Null {
		a.media = p.media
	}
	if a.crop.Kind() == pdf.Null {
		a.crop = p.crop
	}
	if a.rotate.Kind() == pdf.Null {
		a.rotate = p.rotate
	}
	return a
}

// resources returns the resources dictionary of page v, as
// pdf.Page.Resources does: its own, or the nearest of its ancestors'. What
// a page inherits is read once for all the pages of its parent node, not
// again for each (the node's /Kids may list thousands of pages).
func (d *docCache) resources(v pdf.Value) pdf.Value {
	if r := v.Key("Resources"); !r.IsNull() {
		return r
	}
	ref, isRef := pdffile.EntryRef(v, "Parent")
	if isRef {
		d.mu.Lock()
		r, ok := d.res[ref]
		d.mu.Unlock()
		if ok {
			return r
		}
	}
	var r pdf.Value
	for n := v.Key("Parent"); !n.IsNull(); n = n.Key("Parent") {
		if r = n.Key("Resources"); !r.IsNull() {
			break
		}
	}
	if isRef {
		d.mu.Lock()
		d.res[ref] = r
		d.mu.Unlock()
	}
	return r
}

// maxInherit is how many page tree levels an attribute is looked for in.
const maxInherit = 32

// inherited returns the value of key in dictionary v or the nearest of
// its ancestors, looking at most depth levels up.
func inherited(v pdf.Value, key string, depth int) pdf.Value {
	for i := 0; i < depth && v.Kind() == pdf.Dict; i++ {
		if x := v.Key(key); x.Kind() != pdf.Null {
			return x
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}
