package pdffile

import (
	"reflect"

	"github.com/ledongthuc/pdf"
)

// ref is an indirect object reference, "12 0 R".
type ref struct {
	id  uint32
	gen uint16
}

// refAt returns the reference held at index i of array v, when the element
// is an indirect reference rather than a direct object.
//
// ledongthuc/pdf resolves references without exposing them, so the walk
// reads the element through reflection (read-only access to its unexported
// fields); a page tree cannot be checked for cycles without object identity.
func refAt(v pdf.Value, i int) (ref, bool) {
	data := reflect.ValueOf(v).FieldByName("data")
	if !data.IsValid() || data.Kind() != reflect.Interface || data.IsNil() {
		return ref{}, false
	}
	arr := data.Elem()
	if arr.Kind() != reflect.Slice || i < 0 || i >= arr.Len() {
		return ref{}, false
	}
	return asRef(arr.Index(i))
}

// refKey returns the reference held under key in dictionary v, when the
// entry is an indirect reference rather than a direct object.
func refKey(v pdf.Value, key string) (ref, bool) {
	data := reflect.ValueOf(v).FieldByName("data")
	if !data.IsValid() || data.Kind() != reflect.Interface || data.IsNil() {
		return ref{}, false
	}
	m := data.Elem()
	if m.Kind() != reflect.Map || m.Type().Key().Kind() != reflect.String {
		return ref{}, false
	}
	x := m.MapIndex(reflect.ValueOf(key).Convert(m.Type().Key()))
	if !x.IsValid() {
		return ref{}, false
	}
	return asRef(x)
}

// Ref is an indirect object's number and generation.
type Ref struct {
	Num uint32
	Gen uint16
}

// EntryRef returns the reference dictionary v holds under key, when the
// entry is an indirect reference: an object shared between pages (a font,
// a page tree node) is known by it without being read again.
func EntryRef(v pdf.Value, key string) (Ref, bool) {
	r, ok := refKey(v, key)
	return Ref{r.id, r.gen}, ok
}

// refOf returns the reference of the object v was resolved from (for a
// direct object, that of the object containing it).
func refOf(v pdf.Value) (ref, bool) {
	return asRef(reflect.ValueOf(v).FieldByName("ptr"))
}

func asRef(x reflect.Value) (ref, bool) {
	if x.Kind() == reflect.Interface {
		if x.IsNil() {
			return ref{}, false
		}
		x = x.Elem()
	}
	if x.Kind() != reflect.Struct || x.NumField() != 2 ||
		x.Field(0).Kind() != reflect.Uint32 || x.Field(1).Kind() != reflect.Uint16 {
		return ref{}, false
	}
	return ref{id: uint32(x.Field(0).Uint()), gen: uint16(x.Field(1).Uint())}, true
}

// walker collects the pages of a page tree in order.
type walker struct {
	lim        Limits
	seen       map[ref]bool // nodes reached from the root
	parentsEnd map[ref]bool // nodes whose /Parent chain ends
	pages      []pdf.Page
}

// walkPages returns every page of r in order. A cycle, a node reached twice
// or a tree deeper than lim.MaxDepth is ErrPageTree; more than lim.MaxPages
// pages is ErrTooLarge; a missing tree is a repairable ErrDamaged.
func walkPages(r *pdf.Reader, lim Limits) ([]pdf.Page, error) {
	root := r.Trailer().Key("Root")
	if root.Kind() != pdf.Dict {
		return nil, repairable(because(ErrDamaged, "no document catalog"))
	}
	top := root.Key("Pages")
	if top.Kind() != pdf.Dict {
		return nil, repairable(because(ErrDamaged, "no page tree"))
	}
	w := &walker{lim: lim, seen: make(map[ref]bool), parentsEnd: make(map[ref]bool)}
	if id, ok := refOf(top); ok {
		w.seen[id] = true
	}
	if err := w.visit(top, 1); err != nil {
		return nil, err
	}
	if len(w.pages) == 0 {
		return nil, repairable(because(ErrDamaged, "no pages"))
	}
	return w.pages, nil
}

func (w *walker) visit(node pdf.Value, depth int) error {
	if !isPages(node) {
		return w.addPage(node)
	}
	if depth > w.lim.MaxDepth {
		return because(ErrPageTree, "nested deeper than %d levels", w.lim.MaxDepth)
	}
	kids := node.Key("Kids")
	for i := range kids.Len() {
		if id, ok := refAt(kids, i); ok {
			if w.seen[id] {
				return because(ErrPageTree, "cycle: object %d %d R is reached twice", id.id, id.gen)
			}
			w.seen[id] = true
		}
		kid := kids.Index(i)
		if kid.Kind() != pdf.Dict {
			continue // a dangling reference: readers skip it
		}
		if err := w.visit(kid, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// isPages tells an intermediate node from a page: by /Type, or, when that
// is missing, by the presence of /Kids.
func isPages(v pdf.Value) bool {
	switch v.Key("Type").Name() {
	case "Pages":
		return true
	case "Page":
		return false
	}
	return v.Key("Kids").Kind() == pdf.Array
}

func (w *walker) addPage(page pdf.Value) error {
	if len(w.pages) >= w.lim.MaxPages {
		return because(ErrTooLarge, "more than %d pages", w.lim.MaxPages)
	}
	if err := w.checkParents(page); err != nil {
		return err
	}
	w.pages = append(w.pages, pdf.Page{V: page})
	return nil
}

// checkParents makes sure the /Parent chain above a page ends, since
// inherited attributes (resources, boxes) are looked up along it. Nodes
// whose chain is known to end are remembered, so that pages sharing a
// parent cost one lookup each.
func (w *walker) checkParents(page pdf.Value) error {
	var path []ref
	onPath := make(map[ref]bool)
	v := page
	for steps := 0; ; steps++ {
		if steps > w.lim.MaxDepth+1 {
			return because(ErrPageTree, "page %d: /Parent chain longer than %d", len(w.pages)+1, w.lim.MaxDepth)
		}
		id, isRef := refKey(v, "Parent")
		if isRef {
			if w.parentsEnd[id] {
				break
			}
			if onPath[id] {
				return because(ErrPageTree, "page %d: /Parent chain loops at object %d %d R", len(w.pages)+1, id.id, id.gen)
			}
			onPath[id] = true
			path = append(path, id)
		}
		p := v.Key("Parent")
		if p.Kind() != pdf.Dict {
			break
		}
		v = p
	}
	for _, id := range path {
		w.parentsEnd[id] = true
	}
	return nil
}

// CheckPageCount returns an *Error matching ErrPageTree when the pages
// found differ in number from those the file declares (DeclaredPages):
// pages were lost, or stray ones gained, and reading on would give a plan
// that is not the one printed.
func (f *File) CheckPageCount() error {
	if f.DeclaredPages == 0 || f.DeclaredPages == len(f.Pages) {
		return nil
	}
	return &Error{Name: f.name, Err: because(ErrPageTree, "the file declares %d pages and %d can be found", f.DeclaredPages, len(f.Pages))}
}

// Resources returns the resources dictionary of page p, as
// pdf.Page.Resources does: its own, or the nearest of its ancestors'. What
// a page inherits is read once for all the pages of its parent node, not
// again for each (the node's /Kids may list thousands of pages, and
// ledongthuc/pdf reads an object again at each lookup). The walk of the
// page tree made sure that every /Parent chain ends.
func (f *File) Resources(p pdf.Page) pdf.Value {
	if r := p.V.Key("Resources"); !r.IsNull() {
		return r
	}
	id, isRef := refKey(p.V, "Parent")
	if isRef && f.inherited != nil {
		if r, ok := f.inherited.Load(id); ok {
			return r.(pdf.Value)
		}
	}
	var r pdf.Value
	for n := p.V.Key("Parent"); n.Kind() == pdf.Dict; n = n.Key("Parent") {
		if r = n.Key("Resources"); !r.IsNull() {
			break
		}
	}
	if isRef && f.inherited != nil {
		f.inherited.Store(id, r)
	}
	return r
}
