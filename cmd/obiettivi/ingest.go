package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/obiettivi/obiettivi/api"
	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/store"
)

func addDBFlag(cmd *cobra.Command, db *string) {
	cmd.Flags().StringVar(db, "db", store.DefaultPath, "the SQLite store file")
}

func newIngestCmd() *cobra.Command {
	var dbPath, password string
	var workers int
	var partial bool
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Add plans to the SQLite store",
		Long: `ingest extracts each PDF and writes its plan into the store, one document
per PDF, each in one transaction: an interrupted ingest leaves the store as
it was. PATH is a PDF, a folder (its *.pdf files), or a plan JSON file
written by extract.

A document is known by the SHA-256 of its PDF: the same bytes ingested
again are reported as already present and change nothing, while another
print of the same plan (a monitoring print, another producer) is a new
document. Files are read in parallel and written one at a time. A file that
cannot be read is reported on standard error and skipped; the exit status
is then 1.`,
		Example: `  obiettivi ingest samples/capannori-2024.pdf
  obiettivi ingest --db plans.sqlite pdfs/ more/capannori-2025.pdf
  obiettivi extract plan.pdf -o plan.json && obiettivi ingest plan.json`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			in := ingestRun{
				db:       dbPath,
				password: password,
				partial:  partial,
				workers:  workers,
				out:      cmd.OutOrStdout(),
				errOut:   cmd.ErrOrStderr(),
			}
			return in.run(ctx, args)
		},
	}
	addDBFlag(cmd, &dbPath)
	cmd.Flags().StringVar(&password, "password", "", "user password of encrypted PDFs")
	cmd.Flags().IntVar(&workers, "jobs", 0, "files read at once (0: one per core)")
	cmd.Flags().BoolVar(&partial, "partial", false, "keep what can be read of a PDF some of whose pages cannot be, with a finding for each")
	return cmd
}

// ingestRun is one run of the ingest command.
type ingestRun struct {
	db       string
	password string
	partial  bool
	workers  int
	out      io.Writer
	errOut   io.Writer

	bar    *progressbar.ProgressBar
	failed int
}

// ingestItem is one file on its way into the store.
type ingestItem struct {
	path    string
	sha256  string
	present int64 // id of the stored document with the same bytes
	doc     *plan.Document
	err     error
}

func (r *ingestRun) run(ctx context.Context, args []string) error {
	paths := r.expand(args)
	total := len(paths) + r.failed
	if len(paths) > 0 {
		db, err := store.Open(ctx, r.db)
		if err != nil {
			return err
		}
		defer db.Close()
		if err := r.ingest(ctx, db, paths); err != nil {
			return err
		}
	}
	if r.failed > 0 {
		return withCode(1, fmt.Errorf("%d of %d files failed", r.failed, total))
	}
	return nil
}

// expand turns the command line into files: folders into their PDFs.
func (r *ingestRun) expand(args []string) []string {
	var paths []string
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			r.fail(arg, errors.Unwrap(err))
			continue
		}
		if !st.IsDir() {
			paths = append(paths, arg)
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			r.fail(arg, err)
			continue
		}
		var pdfs []string
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".pdf") {
				pdfs = append(pdfs, filepath.Join(arg, e.Name()))
			}
		}
		if len(pdfs) == 0 {
			r.fail(arg, errors.New("folder holds no PDF files"))
		}
		sort.Strings(pdfs)
		paths = append(paths, pdfs...)
	}
	return paths
}

// ingest reads the files in parallel and writes them in command-line order
// as they become ready; at most 2 × workers files are held in memory.
func (r *ingestRun) ingest(ctx context.Context, db *store.DB, paths []string) error {
	workers := r.workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, len(paths))
	pageWorkers := max(1, runtime.NumCPU()/workers)
	if f, ok := r.out.(*os.File); ok && len(paths) > 1 && term.IsTerminal(int(f.Fd())) {
		r.bar = progressbar.NewOptions(len(paths),
			progressbar.OptionSetWriter(f),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
		)
		r.bar.RenderBlank()
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ready := make([]chan ingestItem, len(paths))
	for i := range ready {
		ready[i] = make(chan ingestItem, 1)
	}
	slots := make(chan struct{}, 2*workers)
	next := make(chan int)
	var wg sync.WaitGroup
	go func() {
		defer close(next)
		for i := range paths {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				ready[i] <- r.read(ctx, db, paths[i], pageWorkers)
			}
		}()
	}
	defer wg.Wait()

	build := readBuildInfo()
	for i := range paths {
		var it ingestItem
		select {
		case it = <-ready[i]:
		case <-ctx.Done():
			return fmt.Errorf("%s: interrupted; the store holds the files reported before", r.db)
		}
		if err := r.write(ctx, db, it, build); err != nil {
			return err
		}
		<-slots
		if r.bar != nil {
			r.bar.Add(1)
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%s: interrupted; the store holds the files reported before", r.db)
		}
	}
	if r.bar != nil {
		r.bar.Finish()
	}
	return nil
}

// read hashes a file and, unless the store already has it, extracts it.
func (r *ingestRun) read(ctx context.Context, db *store.DB, path string, pageWorkers int) (it ingestItem) {
	it.path = path
	defer func() {
		if p := recover(); p != nil {
			it.doc, it.err = nil, fmt.Errorf("internal error while reading: %v", p)
		}
	}()
	if strings.EqualFold(filepath.Ext(path), ".json") {
		doc, err := plan.ReadFile(path)
		if err != nil {
			it.err = errors.New(strings.TrimPrefix(err.Error(), path+": "))
			return it
		}
		if doc.Source.SHA256 == "" {
			it.err = errors.New("plan document has no source sha256")
			return it
		}
		it.doc, it.sha256 = doc, doc.Source.SHA256
	} else {
		sum, err := fileSHA256(path)
		if err != nil {
			it.err = err
			return it
		}
		it.sha256 = sum
	}
	id, ok, err := store.Lookup(ctx, db, it.sha256)
	if err != nil {
		it.err = err
		return it
	}
	if ok {
		it.present, it.doc = id, nil
		return it
	}
	if it.doc != nil {
		return it
	}
	doc, err := api.ExtractFile(ctx, path, api.Options{Password: r.password, Workers: pageWorkers, Partial: r.partial})
	if err != nil {
		it.err = errors.New(strings.TrimPrefix(err.Error(), path+": "))
		return it
	}
	if doc.Source.SHA256 == "" {
		doc.Source.SHA256 = it.sha256
	}
	it.doc = doc
	return it
}

// write stores one item. A failure of the store file itself (the disk
// full, the file damaged or read-only) ends the run: it is returned,
// naming the store; the item's own failures are reported and counted.
func (r *ingestRun) write(ctx context.Context, db *store.DB, it ingestItem, build buildInfo) error {
	var fe *store.FileError
	if errors.As(it.err, &fe) {
		return fmt.Errorf("%w; %s was not stored", it.err, it.path)
	}
	if it.err != nil {
		r.fail(it.path, it.err)
		return nil
	}
	if it.doc == nil {
		r.say("%s: already present as document %d", it.path, it.present)
		return nil
	}
	meta := store.Meta{IngestedAt: time.Now(), ExtractorVersion: build.storeVersion(), ExtractorCommit: build.storeCommit()}
	if strings.EqualFold(filepath.Ext(it.path), ".json") {
		meta.ExtractorVersion, meta.ExtractorCommit = "", ""
	}
	id, err := store.Ingest(ctx, db, it.doc, meta)
	switch {
	case errors.Is(err, store.ErrAlreadyPresent):
		r.say("%s: already present as document %d", it.path, id)
	case errors.As(err, &fe):
		return fmt.Errorf("%w; %s was not stored", err, it.path)
	case err != nil:
		r.fail(it.path, err)
	default:
		distinct := map[string]bool{}
		for _, o := range it.doc.Objectives {
			distinct[o.Key] = true
		}
		partial := ""
		if it.doc.Partial {
			partial = ", partial"
		}
		r.say("%s: ingested as document %d (%s %d, %d pages, %d objectives, %d distinct%s)",
			it.path, id, it.doc.Entity, it.doc.Year, it.doc.Source.Pages, len(it.doc.Objectives), len(distinct), partial)
	}
	return nil
}

// say prints a line of the report above the progress bar.
func (r *ingestRun) say(format string, args ...any) {
	if r.bar != nil {
		r.bar.Clear()
	}
	fmt.Fprintf(r.out, format+"\n", args...)
}

// fail reports a file that could not be ingested.
func (r *ingestRun) fail(path string, err error) {
	r.failed++
	if r.bar != nil {
		r.bar.Clear()
	}
	fmt.Fprintf(r.errOut, "obiettivi: %s: %v\n", path, err)
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", errors.Unwrap(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
