package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/store"
)

// IngestOptions tune Ingest.
type IngestOptions struct {
	// DB is the store file, created when it does not exist; empty means
	// DefaultDB.
	DB string
	// Password opens the PDFs that need a user password.
	Password string
	// Jobs is the number of files read at once; 0 means one per core.
	Jobs int
	// Partial keeps what can be read of a PDF some of whose pages cannot
	// be, as Options.Partial does for Extract.
	Partial bool
	// ExtractorVersion and ExtractorCommit name the extractor in the
	// store, with each document extracted from a PDF (a document read
	// from plan JSON records none).
	ExtractorVersion string
	ExtractorCommit  string
	// Progress, when set, is called from the goroutine that called
	// Ingest: first for each path that gives no file to read (a missing
	// path, a folder without PDFs), then once with a nil Result when the
	// store is open and the files start being read, then once for each
	// file, in the order of the paths.
	Progress func(IngestProgress)
}

// IngestProgress is what Ingest tells its Progress callback.
type IngestProgress struct {
	// Files is the number of files to read, folders expanded; Done is
	// how many of them have their outcome, Result's included.
	Files, Done int
	// Result is the outcome of one path; nil in the call that starts the
	// reading.
	Result *IngestResult
}

// IngestStatus is what became of one file.
type IngestStatus int

const (
	// Ingested: the file is in the store as a new document.
	Ingested IngestStatus = iota + 1
	// AlreadyPresent: the store already held a document of the same
	// bytes (the same SHA-256); nothing was written.
	AlreadyPresent
	// Failed: the file could not be read or stored (IngestResult.Err).
	Failed
)

func (s IngestStatus) String() string {
	switch s {
	case Ingested:
		return "ingested"
	case AlreadyPresent:
		return "already present"
	case Failed:
		return "failed"
	}
	return fmt.Sprintf("IngestStatus(%d)", int(s))
}

// IngestResult is the outcome of one path given to Ingest, or of one PDF
// of a folder given to it.
type IngestResult struct {
	Path   string
	Status IngestStatus
	// Document is the id of the stored document: the new one, or the one
	// with the same bytes.
	Document int64
	// Entity, Year, Pages, Objectives (as printed), Distinct (distinct
	// objectives) and Partial describe the document ingested.
	Entity     string
	Year       int
	Pages      int
	Objectives int
	Distinct   int
	Partial    bool
	// Err says why the path failed: an *Error naming it.
	Err error
}

// ErrNoPDFs is the failure of a folder given to Ingest that holds no PDF
// files.
var ErrNoPDFs = errors.New("folder holds no PDF files")

// InterruptedError ends an Ingest whose context was cancelled. The store
// holds, each whole, the files reported before it and nothing of the
// others.
type InterruptedError struct {
	DB  string
	Err error // the cause the context was cancelled with
}

func (e *InterruptedError) Error() string {
	return e.DB + ": interrupted; the store holds the files reported before"
}

func (e *InterruptedError) Unwrap() error { return e.Err }

// Ingest extracts each PDF of paths (a folder stands for the *.pdf files
// in it; a .json path is a plan document written by Extract) and writes
// its plan into the store at opt.DB, each document in one transaction. A
// document is known by the SHA-256 of its PDF: the same bytes again are
// AlreadyPresent and are not extracted. Files are read opt.Jobs at a time
// while the files before them are written, one at a time, in the order of
// paths.
//
// A file that cannot be read is a Failed result and the others go on. The
// error is for what ends the whole run: a store that cannot be opened or
// written (the disk full, the file damaged), or the cancellation of ctx
// (an *InterruptedError); the results until then are returned with it.
func Ingest(ctx context.Context, paths []string, opt IngestOptions) ([]IngestResult, error) {
	if opt.DB == "" {
		opt.DB = DefaultDB
	}
	r := &ingestRun{opt: opt}
	files := r.expand(paths)
	if len(files) == 0 {
		return r.results, nil
	}
	err := r.ingest(ctx, files)
	return r.results, err
}

// ingestRun is one run of Ingest.
type ingestRun struct {
	opt     IngestOptions
	files   int // files to read
	done    int // files with their outcome
	results []IngestResult
}

// ingestItem is one file on its way into the store.
type ingestItem struct {
	path    string
	sha256  string
	present int64 // id of the stored document with the same bytes
	doc     *plan.Document
	err     error
}

// report records an outcome and tells the Progress callback.
func (r *ingestRun) report(res IngestResult, file bool) {
	if file {
		r.done++
	}
	r.results = append(r.results, res)
	if r.opt.Progress != nil {
		r.opt.Progress(IngestProgress{Files: r.files, Done: r.done, Result: &res})
	}
}

// fail reports a path that could not be ingested.
func (r *ingestRun) fail(path string, err error, file bool) {
	r.report(IngestResult{Path: path, Status: Failed, Err: named(path, err)}, file)
}

// expand turns paths into files: folders into their PDFs.
func (r *ingestRun) expand(args []string) []string {
	var paths []string
	var failed []IngestResult
	fail := func(path string, err error) {
		failed = append(failed, IngestResult{Path: path, Status: Failed, Err: named(path, err)})
	}
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			fail(arg, errors.Unwrap(err))
			continue
		}
		if !st.IsDir() {
			paths = append(paths, arg)
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			fail(arg, errors.Unwrap(err))
			continue
		}
		var pdfs []string
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".pdf") {
				pdfs = append(pdfs, filepath.Join(arg, e.Name()))
			}
		}
		if len(pdfs) == 0 {
			fail(arg, ErrNoPDFs)
		}
		sort.Strings(pdfs)
		paths = append(paths, pdfs...)
	}
	r.files = len(paths)
	for _, f := range failed {
		r.report(f, false)
	}
	return paths
}

// ingest reads the files in parallel and writes them in order as they
// become ready; at most 2 × Jobs files are held in memory. The store is
// opened while the first files are hashed and, when it is a new file that
// can hold none of them yet, extracted.
func (r *ingestRun) ingest(ctx context.Context, paths []string) error {
	workers := r.opt.Jobs
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, len(paths))
	pageWorkers := max(1, runtime.NumCPU()/workers)
	_, err := os.Stat(r.opt.DB)
	st := &openingStore{ready: make(chan struct{}), fresh: errors.Is(err, fs.ErrNotExist)}

	ctx, cancel := context.WithCancel(ctx)
	ready := make([]chan ingestItem, len(paths))
	for i := range ready {
		ready[i] = make(chan ingestItem, 1)
	}
	slots := make(chan struct{}, 2*workers)
	next := make(chan int)
	var wg sync.WaitGroup
	var db *store.DB
	// Whatever ends the run, the readers are stopped, then the store is
	// closed.
	defer func() {
		cancel()
		wg.Wait()
		if db != nil {
			db.Close()
		}
	}()
	wg.Go(func() {
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
	})
	for range workers {
		wg.Go(func() {
			for i := range next {
				ready[i] <- r.read(ctx, st, paths[i], pageWorkers)
			}
		})
	}

	db, err = store.Open(ctx, r.opt.DB)
	st.opened(db, err)
	if err != nil {
		return err
	}
	if r.opt.Progress != nil {
		r.opt.Progress(IngestProgress{Files: r.files})
	}
	interrupted := func() error {
		return &InterruptedError{DB: r.opt.DB, Err: context.Cause(ctx)}
	}
	for i := range paths {
		var it ingestItem
		select {
		case it = <-ready[i]:
		case <-ctx.Done():
			return interrupted()
		}
		if err := r.write(ctx, db, it); err != nil {
			return err
		}
		<-slots
		if ctx.Err() != nil {
			return interrupted()
		}
	}
	return nil
}

// openingStore is the store of an ingest as it is being opened.
type openingStore struct {
	ready chan struct{} // closed once db or err is set
	db    *store.DB
	err   error
	// fresh tells that the store file did not exist: until it is open
	// no file can be known to it.
	fresh bool
}

func (s *openingStore) opened(db *store.DB, err error) {
	s.db, s.err = db, err
	close(s.ready)
}

// lookup returns the id of the stored document with the given SHA-256,
// and whether there is one, once the store is open; for a fresh store
// not yet open it answers at once that there is none, and the write finds
// a document stored meanwhile.
func (s *openingStore) lookup(ctx context.Context, sha256 string) (int64, bool, error) {
	if s.fresh {
		select {
		case <-s.ready:
		default:
			return 0, false, nil
		}
	}
	select {
	case <-s.ready:
	case <-ctx.Done():
		return 0, false, ctx.Err()
	}
	if s.err != nil {
		return 0, false, s.err
	}
	return store.Lookup(ctx, s.db, sha256)
}

// read hashes a file and, unless the store already has it, extracts it.
func (r *ingestRun) read(ctx context.Context, st *openingStore, path string, pageWorkers int) (it ingestItem) {
	it.path = path
	defer func() {
		if p := recover(); p != nil {
			it.doc, it.err = nil, panicError(p)
		}
	}()
	if strings.EqualFold(filepath.Ext(path), ".json") {
		doc, err := readPlanFile(path)
		if err != nil {
			it.err = err
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
	id, ok, err := st.lookup(ctx, it.sha256)
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
	doc, err := ExtractFile(ctx, path, Options{Password: r.opt.Password, Workers: pageWorkers, Partial: r.opt.Partial})
	if err != nil {
		it.err = err
		return it
	}
	if doc.Source.SHA256 == "" {
		doc.Source.SHA256 = it.sha256
	}
	it.doc = doc
	return it
}

// panicError is the error of a panic recovered while reading a file.
func panicError(p any) error {
	if err, ok := p.(error); ok {
		return fmt.Errorf("internal error while reading: %w", err)
	}
	return fmt.Errorf("internal error while reading: %v", p)
}

// readPlanFile reads a plan JSON file; its errors do not name the file.
func readPlanFile(path string) (*plan.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errors.Unwrap(err)
	}
	defer f.Close()
	return plan.Decode(f)
}

// write stores one item. A failure of the store file itself (the disk
// full, the file damaged or read-only) ends the run: it is returned,
// naming the store; the item's own failures are reported.
func (r *ingestRun) write(ctx context.Context, db *store.DB, it ingestItem) error {
	var fe *store.FileError
	switch {
	case errors.As(it.err, &fe):
		return fmt.Errorf("%w; %s was not stored", it.err, it.path)
	case it.err != nil && ctx.Err() != nil:
		return &InterruptedError{DB: r.opt.DB, Err: context.Cause(ctx)}
	case it.err != nil:
		r.fail(it.path, it.err, true)
		return nil
	}
	if it.doc == nil {
		r.report(IngestResult{Path: it.path, Status: AlreadyPresent, Document: it.present}, true)
		return nil
	}
	meta := store.Meta{IngestedAt: time.Now(), ExtractorVersion: r.opt.ExtractorVersion, ExtractorCommit: r.opt.ExtractorCommit}
	if strings.EqualFold(filepath.Ext(it.path), ".json") {
		meta.ExtractorVersion, meta.ExtractorCommit = "", ""
	}
	id, err := store.Ingest(ctx, db, it.doc, meta)
	switch {
	case errors.Is(err, store.ErrAlreadyPresent):
		r.report(IngestResult{Path: it.path, Status: AlreadyPresent, Document: id}, true)
	case errors.As(err, &fe):
		return fmt.Errorf("%w; %s was not stored", err, it.path)
	case err != nil && ctx.Err() != nil:
		// Cancelled while writing: the transaction was rolled back.
		return &InterruptedError{DB: r.opt.DB, Err: context.Cause(ctx)}
	case err != nil:
		r.fail(it.path, err, true)
	default:
		distinct := map[string]bool{}
		for _, o := range it.doc.Objectives {
			distinct[o.Key] = true
		}
		r.report(IngestResult{
			Path: it.path, Status: Ingested, Document: id,
			Entity: it.doc.Entity, Year: it.doc.Year, Pages: it.doc.Source.Pages,
			Objectives: len(it.doc.Objectives), Distinct: len(distinct), Partial: it.doc.Partial,
		}, true)
	}
	return nil
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
