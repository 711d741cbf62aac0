package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/obiettivi/obiettivi/internal/i18n"
)

// The flags the audit and diff reports share: --format, --lang, --output.

// reportFormat returns the writer of format among formats, or an error
// naming the formats there are.
func reportFormat[W any](format string, formats map[string]W) (W, error) {
	if w, ok := formats[format]; ok {
		return w, nil
	}
	var zero W
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	slices.Sort(names)
	return zero, fmt.Errorf("unknown --format %q: want %s", format, strings.Join(names, ", "))
}

// reportLang reads --lang.
func reportLang(s string) (language.Tag, error) {
	t, err := i18n.Parse(s)
	if err != nil {
		return t, fmt.Errorf("--lang: %w", err)
	}
	return t, nil
}

// writeReport writes a report to standard output, or to the file named by
// --output (through a temporary file, so that nothing half-written is
// left behind).
func writeReport(cmd *cobra.Command, output string, data []byte) error {
	if output == "" || output == "-" {
		if _, err := cmd.OutOrStdout().Write(data); err != nil {
			return fmt.Errorf("writing the report: %w", err)
		}
		return nil
	}
	return writeFileAtomic(output, data)
}
