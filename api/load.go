package api

import (
	"bufio"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/obiettivi/obiettivi/plan"
	"github.com/obiettivi/obiettivi/store"
)

// The reasons Load refuses a target.
var (
	// ErrFolder: the target is a folder.
	ErrFolder = errors.New("is a folder, not a PDF or plan JSON file")
	// ErrNotPlan: the target is a file neither a PDF nor plan JSON.
	ErrNotPlan = errors.New("neither a PDF nor a plan JSON file")

	errNotTarget = errors.New("no such file, and not a stored document id or ENTITY:YEAR")
)

// NoStoreError is a target that is no file, with no store to look it up
// in: no LoadOptions.DB was given and there is no DefaultDB in the
// working folder.
type NoStoreError struct {
	Target string
	DB     string // the store looked for
}

func (e *NoStoreError) Error() string {
	return e.Target + ": no such file, nor a store " + e.DB + " here to look it up in"
}

// LoadOptions tell Load where to look for a target.
type LoadOptions struct {
	// DB is the store file searched for a target that is not a file;
	// empty means store.DefaultPath (obiettivi.sqlite), as the store
	// commands have it. The store is opened read-only.
	DB string
	// Password opens a PDF that needs a user password.
	Password string
}

// Load returns the plan document a command line names: a PDF (by its .pdf
// extension or its %PDF header) is extracted, an obiettivi.plan/v1 JSON
// file is read, and anything else is a document of the store at opt.DB,
// named by its id or as ENTITY:YEAR (the latest ingest of that year; the
// entity may be written in any case, or as a part of its name that only
// one stored entity has).
func Load(ctx context.Context, target string, opt LoadOptions) (*plan.Document, error) {
	dbPath, err := locate(target, opt)
	if err != nil {
		return nil, err
	}
	if dbPath == "" {
		return loadFile(ctx, target, opt)
	}
	return loadStored(ctx, target, dbPath)
}

// locate tells where target is: a file (dbPath empty) or a document of the
// store at dbPath.
func locate(target string, opt LoadOptions) (dbPath string, err error) {
	if target == "" {
		return "", errors.New("empty target: want a PDF, a plan JSON file or a stored document")
	}
	st, err := os.Stat(target)
	switch {
	case err == nil && st.IsDir():
		return "", &Error{Name: target, Err: ErrFolder}
	case err == nil:
		return "", nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", named(target, errors.Unwrap(err))
	}
	dbPath = opt.DB
	if dbPath == "" {
		dbPath = DefaultDB
		if _, err := os.Stat(dbPath); errors.Is(err, fs.ErrNotExist) {
			return "", &NoStoreError{Target: target, DB: dbPath}
		}
	}
	return dbPath, nil
}

func loadFile(ctx context.Context, path string, opt LoadOptions) (*plan.Document, error) {
	ext := strings.ToLower(filepath.Ext(path))
	head, err := sniff(path)
	if err != nil {
		return nil, named(path, err)
	}
	switch {
	case ext == ".pdf" || strings.HasPrefix(head, "%PDF"):
		return ExtractFile(ctx, path, Options{Password: opt.Password})
	case ext == ".json" || strings.HasPrefix(head, "{"):
		doc, err := readPlanFile(path)
		if err != nil {
			return nil, named(path, err)
		}
		return doc, nil
	}
	return nil, &Error{Name: path, Err: ErrNotPlan}
}

// sniff returns the first bytes of a file after any leading white space.
func sniff(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", errors.Unwrap(err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	for {
		b, err := r.ReadByte()
		if err != nil {
			return "", nil // empty or unreadable past the start: nothing recognised
		}
		if b != ' ' && b != '\t' && b != '\n' && b != '\r' {
			r.UnreadByte()
			break
		}
	}
	head, _ := r.Peek(4)
	return string(head), nil
}

// loadStored exports a stored document named by id or ENTITY:YEAR.
func loadStored(ctx context.Context, target, dbPath string) (*plan.Document, error) {
	sel, ok := parseSelection(target)
	if !ok {
		return nil, &Error{Name: target, Err: errNotTarget}
	}
	db, err := store.OpenReadOnly(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return sel.document(ctx, db)
}

// parseSelection reads a stored document's id or ENTITY:YEAR.
func parseSelection(s string) (Selection, bool) {
	if id, ok := parseID(s); ok {
		return Selection{Document: id}, true
	}
	if entity, year, ok := parseEntityYear(s); ok {
		return Selection{Entity: entity, Year: year}, true
	}
	return Selection{}, false
}

func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

func parseEntityYear(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i <= 0 {
		return "", 0, false
	}
	year, err := strconv.Atoi(strings.TrimSpace(s[i+1:]))
	if err != nil || year < 1000 || year > 9999 {
		return "", 0, false
	}
	return strings.TrimSpace(s[:i]), year, true
}
