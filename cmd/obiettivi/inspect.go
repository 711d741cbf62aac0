package main

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/api"
)

func newInspectCmd() *cobra.Command {
	var out, password string
	var page int
	cmd := &cobra.Command{
		Use:   "inspect FILE.pdf --page N",
		Short: "Draw a page as the extractor sees it (SVG)",
		Long: `inspect draws one page of a PDF as the extractor sees it: filled
rectangles in their colours, ruling lines (dashed red where the extractor
closed a table cut by the page edge), the cells of every table it built,
and every word and text line. Open the SVG in a browser; hover a cell to
see its table, row and column.`,
		Example: `  obiettivi inspect samples/capannori-2024.pdf --page 5 -o page5.svg`,
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			var buf bytes.Buffer
			err := api.Inspect(cmd.Context(), &buf, path, api.InspectOptions{Page: page, Password: password})
			var pe *api.PageRangeError
			if errors.As(err, &pe) {
				return withCode(2, fmt.Errorf("%s: --page %d is out of range (the file has %d pages)", pe.Path, pe.Page, pe.Pages))
			}
			if err != nil {
				return err // it names the file
			}
			if out == "" || out == "-" {
				_, err := cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			return writeFileAtomic(out, buf.Bytes())
		},
	}
	cmd.Flags().IntVar(&page, "page", 1, "page number to draw (1 is the first)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the SVG to this file instead of standard output")
	cmd.Flags().StringVar(&password, "password", "", "user password of an encrypted PDF")
	return cmd
}
