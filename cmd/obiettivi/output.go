package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// tableOutput is where a command that prints a table or a list writes it:
// standard output, or the file -o names (written whole or not at all).
type tableOutput struct {
	format string
	path   string
}

func (o *tableOutput) flags(cmd *cobra.Command, formats string) {
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: "+formats)
	cmd.Flags().StringVarP(&o.path, "output", "o", "", "write to this file instead of standard output")
}

// check refuses a format not in formats.
func (o *tableOutput) check(formats ...string) error {
	for _, f := range formats {
		if o.format == f {
			return nil
		}
	}
	return withCode(2, fmt.Errorf("unknown --format %q: want %s", o.format, orList(formats)))
}

func orList(items []string) string {
	switch len(items) {
	case 1:
		return items[0]
	case 2:
		return items[0] + " or " + items[1]
	}
	s := ""
	for i, it := range items {
		switch {
		case i == len(items)-1:
			s += " or "
		case i > 0:
			s += ", "
		}
		s += it
	}
	return s
}

// write runs fill on a buffer and puts its bytes where they go.
func (o *tableOutput) write(cmd *cobra.Command, fill func(w io.Writer) error) error {
	var buf bytes.Buffer
	if err := fill(&buf); err != nil {
		return err
	}
	if o.path == "" || o.path == "-" {
		_, err := cmd.OutOrStdout().Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(o.path, buf.Bytes())
}

// writeJSON writes v as indented JSON, HTML unescaped.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeCSV writes a header and rows as UTF-8 CSV.
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}
