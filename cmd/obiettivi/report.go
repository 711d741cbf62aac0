package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/obiettivi/obiettivi/api"
)

// The flags the audit and diff reports share: --format, --lang, --output.

// reportFormat refuses a format not among formats (api.AuditFormats,
// api.DiffFormats), naming those there are.
func reportFormat(format string, formats []string) error {
	if slices.Contains(formats, format) {
		return nil
	}
	return fmt.Errorf("unknown --format %q: want %s", format, strings.Join(formats, ", "))
}

// reportLang reads --lang.
func reportLang(s string) (language.Tag, error) {
	t, err := api.ParseLang(s)
	if err != nil {
		return t, fmt.Errorf("--lang: %w", err)
	}
	return t, nil
}

// loadHint adds to the error of a target that names nothing the flag that
// helps.
func loadHint(err error) error {
	var ns *api.NoStoreError
	if errors.As(err, &ns) {
		return fmt.Errorf("%w (give one with --db)", err)
	}
	return err
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
