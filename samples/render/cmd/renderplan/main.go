// Command renderplan prints a plan document (obiettivi.plan/v1 JSON) as a
// Stampa Obiettivi PDF, for tests and benchmarks of the extractor.
//
//	go run ./samples/render/cmd/renderplan -in golden/capannori-2024.json -o out.pdf
//	go run ./samples/render/cmd/renderplan -synthetic 400 -seed 7 -o big.pdf -truth big.json
//	go run ./samples/render/cmd/renderplan -in plan.json -o out.pdf -landscape -page letter -font dejavu -palette cmyk
//	go run ./samples/render/cmd/renderplan -in plan.json -o out.pdf -no-rules
//	go run ./samples/render/cmd/renderplan -in plan.json -o out.pdf -break-rows -grid-sliver 1 -bullets disc-ring -index-name-width 0.5 -index-number-rise 0.8
//
// With -truth it also writes the plan as printed: the pages of units,
// objectives and Indice entries, and the source pages and SHA-256 of the PDF.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/samples/render"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ error }

func run(args []string, stdout, stderr io.Writer) int {
	err := renderplan(args, stdout, stderr)
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "renderplan: %s\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

func renderplan(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("renderplan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		in          = fs.String("in", "", "plan document to print (obiettivi.plan/v1 JSON)")
		out         = fs.String("o", "", "PDF to write (- for stdout)")
		truth       = fs.String("truth", "", "also write the plan as printed to this JSON file")
		synthetic   = fs.Int("synthetic", 0, "print a synthetic plan with this many objectives instead of -in")
		seed        = fs.Int64("seed", 1, "seed of the synthetic plan")
		entity      = fs.String("entity", "Comune di Esempio", "entity of the synthetic plan")
		year        = fs.Int("year", 2024, "year of the synthetic plan")
		page        = fs.String("page", "A4", "page size: A4, A3, A5, Letter or Legal")
		landscape   = fs.Bool("landscape", false, "landscape pages")
		margin      = fs.Float64("margin", 0, "all four margins in mm (0: 15 mm)")
		font        = fs.String("font", render.FontHelvetica, "font: helvetica, times, courier (core, not embedded) or dejavu (embedded TTF)")
		fontDir     = fs.String("font-dir", "", "directory holding DejaVuSans.ttf and DejaVuSans-Bold.ttf")
		fontSize    = fs.Float64("font-size", 9, "body text size in points")
		palette     = fs.String("palette", "rgb", "fills: rgb, gray or cmyk")
		desc        = fs.String("desc", "auto", "descriptions: auto, source (HTML printed literally) or formatted")
		plainCont   = fs.Bool("plain-continuation", false, "do not repeat the Descrizione label where a description continues on the next page")
		noRepeat    = fs.Bool("no-repeat-header", false, "do not repeat table headers on continuation pages")
		noRules     = fs.Bool("no-rules", false, "print no ruling lines: cell backgrounds only, no borders")
		breakRows   = fs.Bool("break-rows", false, "let table rows break where the page ends (labels and rows cut by page breaks)")
		keyWidth    = fs.Float64("key-width", 0, "share of the width the label column of key/value tables takes (0: 0.22)")
		gridSliver  = fs.Float64("grid-sliver", 0, "draw a sliver this many mm high of a month-grid row that moves to the next page")
		bullets     = fs.String("bullets", "glyph", "list bullets: glyph, disc or disc-ring (two overlapping shapes)")
		indexWidth  = fs.Float64("index-name-width", 0, "share of the width Indice names wrap in (0: all but the page number)")
		indexRise   = fs.Float64("index-number-rise", 0, "print Indice page numbers this many mm above their line's baseline")
		indexFirst  = fs.Bool("index-number-first", false, "print the page number of a wrapped Indice name on its first line")
		uncompress  = fs.Bool("uncompressed", false, "write content streams uncompressed")
		printedOn   = fs.String("printed", "", "date in the footer, dd/mm/yyyy (default 15/03 of the plan year)")
		showWarning = fs.Bool("v", false, "list text that cannot read back exactly")
	)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: renderplan (-in plan.json | -synthetic N) -o out.pdf [options]\n\n"+
			"Print a plan document as a Stampa Obiettivi PDF.\n\nExample:\n"+
			"  renderplan -in golden/capannori-2024.json -o out.pdf -landscape -page letter -font dejavu\n\nOptions:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	if *out == "" {
		return usageError{errors.New("-o is required")}
	}
	if (*in == "") == (*synthetic == 0) {
		return usageError{errors.New("give exactly one of -in and -synthetic")}
	}
	opt := render.Options{
		PageSize: *page, Landscape: *landscape, Font: *font, FontDir: *fontDir, FontSize: *fontSize,
		PlainContinuation: *plainCont, NoRepeatHeader: *noRepeat, NoRules: *noRules, Uncompressed: *uncompress,
		BreakRows: *breakRows, KeyWidth: *keyWidth, GridSliver: *gridSliver, IndexNameWidth: *indexWidth, IndexNumberRise: *indexRise, IndexNumberFirst: *indexFirst,
		Margins: render.Margins{Top: *margin, Right: *margin, Bottom: *margin, Left: *margin},
	}
	var err error
	if opt.Colors, err = render.Palette(*palette); err != nil {
		return usageError{err}
	}
	if opt.Description, err = render.ParseDescriptionStyle(*desc); err != nil {
		return usageError{err}
	}
	if opt.Bullets, err = render.ParseBulletStyle(*bullets); err != nil {
		return usageError{err}
	}
	if *printedOn != "" {
		if opt.PrintedOn, err = time.Parse("02/01/2006", *printedOn); err != nil {
			return usageError{fmt.Errorf("-printed %q: want dd/mm/yyyy", *printedOn)}
		}
	}
	if *out != "-" {
		opt.FileName = filepath.Base(*out)
	}

	var doc *plan.Document
	if *in != "" {
		if doc, err = plan.ReadFile(*in); err != nil {
			return err
		}
	} else {
		doc = render.Synthetic(*entity, *year, *synthetic, *seed)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var pdf bytes.Buffer
	res, err := render.Print(ctx, doc, &pdf, opt)
	if err != nil {
		if *in != "" {
			return fmt.Errorf("%s: %w", *in, err)
		}
		return err
	}
	if *out == "-" {
		if _, err := stdout.Write(pdf.Bytes()); err != nil {
			return err
		}
	} else if err := os.WriteFile(*out, pdf.Bytes(), 0o644); err != nil {
		return err
	}
	if *truth != "" {
		var b bytes.Buffer
		if err := res.Printed.Encode(&b); err != nil {
			return err
		}
		if err := os.WriteFile(*truth, b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "%s: %d pages", *out, res.Pages)
	if k := res.Cuts; k != (render.Cuts{}) {
		fmt.Fprintf(stderr, ", page breaks cut %d labels and %d rows, %d grid slivers", k.Labels, k.Rows, k.Slivers)
	}
	if n := len(res.Warnings); n > 0 {
		fmt.Fprintf(stderr, ", %d cells may not read back exactly", n)
	}
	fmt.Fprintln(stderr)
	if *showWarning {
		for _, w := range res.Warnings {
			fmt.Fprintln(stderr, "  "+w)
		}
	}
	return nil
}
