package plan

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// Encode writes d as indented JSON, the bytes that encoding/json's Encoder
// with a two-space indent and no HTML escaping would write. The arrays of
// units, objectives and findings are written an element at a time, so that
// the JSON of a plan of thousands of pages is never held whole in memory
// (the standard encoder holds it twice: compact, then indented).
func (d *Document) Encode(w io.Writer) error {
	d.Normalize()
	e := &encoder{w: bufio.NewWriterSize(w, 64<<10)}
	e.printf("{\n")
	e.field("format", d.Format, false)
	e.field("source", d.Source, false)
	e.field("title", d.Title, false)
	e.field("entity", d.Entity, false)
	e.field("year", d.Year, false)
	e.field("toc", d.TOC, false)
	e.array("units", len(d.Units), func(i int) any { return &d.Units[i] }, false)
	e.array("objectives", len(d.Objectives), func(i int) any { return &d.Objectives[i] }, false)
	e.array("findings", len(d.Findings), func(i int) any { return &d.Findings[i] }, !d.Partial)
	if d.Partial {
		e.field("partial", d.Partial, true)
	}
	e.printf("}\n")
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

// encoder writes a JSON object's members one by one; its first error
// stops it.
type encoder struct {
	w   *bufio.Writer
	buf bytes.Buffer
	err error
}

func (e *encoder) printf(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// value writes v as the standard encoder would where each of its lines
// but the first starts with prefix.
func (e *encoder) value(v any, prefix string) {
	if e.err != nil {
		return
	}
	e.buf.Reset()
	enc := json.NewEncoder(&e.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if e.err = enc.Encode(v); e.err != nil {
		return
	}
	_, e.err = e.w.Write(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")))
}

func (e *encoder) key(name string) {
	e.printf(`  "` + name + `": `)
}

func (e *encoder) end(last bool) {
	if last {
		e.printf("\n")
	} else {
		e.printf(",\n")
	}
}

func (e *encoder) field(name string, v any, last bool) {
	e.key(name)
	e.value(v, "  ")
	e.end(last)
}

// array writes the array of n elements that elem returns, one at a time.
func (e *encoder) array(name string, n int, elem func(int) any, last bool) {
	e.key(name)
	if n == 0 {
		e.printf("[]")
		e.end(last)
		return
	}
	e.printf("[\n")
	for i := range n {
		e.printf("    ")
		e.value(elem(i), "    ")
		if i < n-1 {
			e.printf(",\n")
		}
	}
	e.printf("\n  ]")
	e.end(last)
}
