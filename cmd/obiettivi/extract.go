package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/api"
)

func newExtractCmd() *cobra.Command {
	var out, password string
	cmd := &cobra.Command{
		Use:   "extract FILE.pdf",
		Short: "Write the plan JSON (obiettivi.plan/v1) of a Stampa Obiettivi PDF",
		Long: `extract reads a "Stampa Obiettivi di Performance" PDF and writes its plan
document as JSON (format obiettivi.plan/v1): the cover, the Indice, every
sector and office, and every objective occurrence with its staff, phases,
month grid and indicators.`,
		Example: `  obiettivi extract samples/capannori-2024.pdf -o capannori-2024.json
  obiettivi extract --password secret locked.pdf > plan.json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			doc, err := api.ExtractFile(cmd.Context(), path, api.Options{Password: password})
			if err != nil {
				return err // it names the file
			}
			var buf bytes.Buffer
			if err := doc.Encode(&buf); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			if out == "" || out == "-" {
				_, err := cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			return writeFileAtomic(out, buf.Bytes())
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the JSON to this file instead of standard output")
	cmd.Flags().StringVar(&password, "password", "", "user password of an encrypted PDF")
	return cmd
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, so that a failure never leaves a half-written file behind. A path
// that exists and is not a regular file (a device such as /dev/stdout, a
// named pipe) is written to directly: renaming over it would replace it.
func writeFileAtomic(path string, data []byte) error {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return fmt.Errorf("%s: is a folder", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
