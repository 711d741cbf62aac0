// Command mutate runs the built obiettivi command on damaged copies of the
// sample prints, or on a folder of PDFs written by others, and reports how
// it fared: crashes (an exit status other than 0 or 1, a Go panic or fatal
// error), hangs (past the timeout), memory over the limit, messages longer
// than a line or 300 characters, raw bytes or a library's wording in a
// message, and runs that exit 0 with a number of objectives other than the
// print's and no finding of damage.
//
//	go run ./internal/cmd/mutate -bin ./obiettivi                # the sample prints' variants
//	go run ./internal/cmd/mutate -bin ./obiettivi -corpus DIR    # every PDF under DIR
//
// scripts/mutate and scripts/pdfcpu-corpus build the command and run it.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/obiettivi/obiettivi/plan"
)

func main() {
	defer func() { os.Exit(code) }()
	var (
		bin     = flag.String("bin", "", "the obiettivi command to run (required)")
		samples = flag.String("samples", "samples", "folder of the sample prints")
		truth   = flag.String("truth", "testdata/truth", "folder of the plans the samples print (NAME.json)")
		corpus  = flag.String("corpus", "", "run every PDF under this folder instead of the samples' variants")
		jobs    = flag.Int("j", 2, "runs at once")
		timeout = flag.Duration("timeout", 30*time.Second, "a run past this is a hang")
		maxMem  = flag.Int64("max-rss", 1<<30, "a run past this peak resident memory (bytes) is a memory failure")
		keep    = flag.String("keep", "", "copy the input of every problem run into this folder")
		seed    = flag.Uint64("seed", 1, "seed of the random damage")
		only    = flag.String("only", "", "run only the variants whose name matches this regular expression")
		list    = flag.Bool("list", false, "list the variants and exit")
	)
	flag.Parse()
	if *bin == "" && !*list {
		fmt.Fprintln(os.Stderr, "mutate: -bin is required")
		exit(2)
	}
	var onlyRE *regexp.Regexp
	if *only != "" {
		onlyRE = regexp.MustCompile(*only)
	}
	var cases []runCase
	var err error
	if *corpus != "" {
		cases, err = corpusCases(*corpus)
	} else {
		var work string
		if work, err = os.MkdirTemp("", "mutate-variants-"); err == nil {
			defer os.RemoveAll(work)
			cases, err = sampleCases(*samples, *truth, *seed, work)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		exit(1)
	}
	if onlyRE != nil {
		cases = slicesFilter(cases, func(c runCase) bool { return onlyRE.MatchString(c.name) })
	}
	if *list {
		for _, c := range cases {
			fmt.Printf("%s\t%d bytes\n", c.name, c.size)
		}
		return
	}
	absBin, err := filepath.Abs(*bin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		exit(1)
	}
	timeBin, _ := exec.LookPath("/usr/bin/time")
	r := &runner{bin: absBin, timeBin: timeBin, timeout: *timeout, maxRSS: *maxMem, keep: *keep}
	results := r.runAll(cases, *jobs)
	if bad := report(os.Stdout, results, *corpus != ""); bad > 0 {
		code = 1
	}
}

// code is the exit status main's deferred cleanup ends with.
var code int

// exit ends main with status c after its deferred cleanup.
func exit(c int) {
	code = c
	runtime.Goexit()
}

// runCase is one input to run the command on.
type runCase struct {
	name       string // unique, usable in a file name
	kind       string
	sample     string // the sample it was made from, "" for a corpus file
	path       string // the input
	size       int
	objectives int // the print's count, -1 when unknown
}

func sampleCases(dir, truthDir string, seed uint64, work string) ([]runCase, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("no sample PDFs in %s", dir)
	}
	var out []runCase
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".pdf")
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		doc, err := plan.ReadFile(filepath.Join(truthDir, name+".json"))
		if err != nil {
			return nil, fmt.Errorf("the truth of %s: %w", name, err)
		}
		vdir := filepath.Join(work, name)
		if err := os.Mkdir(vdir, 0o755); err != nil {
			return nil, err
		}
		vs, err := variants(data, seed, vdir)
		if err != nil {
			return nil, fmt.Errorf("writing the variants of %s: %w", name, err)
		}
		for _, v := range vs {
			out = append(out, runCase{
				name:       name + "/" + v.name,
				kind:       v.kind,
				sample:     name,
				path:       v.path,
				size:       v.size,
				objectives: len(doc.Objectives),
			})
		}
	}
	return out, nil
}

func corpusCases(dir string) ([]runCase, error) {
	var out []runCase
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".pdf") {
			rel, _ := filepath.Rel(dir, path)
			info, _ := d.Info()
			size := 0
			if info != nil {
				size = int(info.Size())
			}
			out = append(out, runCase{name: rel, kind: "corpus", path: path, size: size, objectives: -1})
		}
		return nil
	})
	if len(out) == 0 && err == nil {
		err = fmt.Errorf("no PDFs under %s", dir)
	}
	return out, err
}

// result is how one run went.
type result struct {
	runCase
	code       int
	timedOut   bool
	took       time.Duration
	rss        int64 // peak resident memory of the command and its children
	stderr     string
	doc        *plan.Document
	leftover   []string
	problems   []string
	objectives int // in the output, -1 without one
}

type runner struct {
	bin     string
	timeBin string // /usr/bin/time, which measures the command alone
	timeout time.Duration
	maxRSS  int64
	keep    string
}

func (r *runner) runAll(cases []runCase, jobs int) []result {
	results := make([]result, len(cases))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range max(jobs, 1) {
		wg.Go(func() {
			for i := range next {
				results[i] = r.run(cases[i])
				mu.Lock()
				done++
				if len(results[i].problems) > 0 {
					fmt.Fprintf(os.Stderr, "[%d/%d] %s: %s\n", done, len(cases), cases[i].name, strings.Join(results[i].problems, "; "))
				} else if done%25 == 0 {
					fmt.Fprintf(os.Stderr, "[%d/%d]\n", done, len(cases))
				}
				mu.Unlock()
			}
		})
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// fileName is the name the input gets in its run's folder.
func fileName(c runCase) string {
	s := regexp.MustCompile(`[^A-Za-z0-9._-]+`).ReplaceAllString(c.name, "_")
	if len(s) > 120 {
		s = s[len(s)-120:]
	}
	return strings.TrimSuffix(s, ".pdf") + ".pdf"
}

func (r *runner) run(c runCase) result {
	res := result{runCase: c, objectives: -1}
	dir, err := os.MkdirTemp("", "mutate-")
	if err != nil {
		res.problems = append(res.problems, "setup: "+err.Error())
		return res
	}
	defer os.RemoveAll(dir)
	name := fileName(c)
	in := filepath.Join(dir, name)
	data, err := os.ReadFile(c.path)
	if err != nil {
		res.problems = append(res.problems, "setup: "+err.Error())
		return res
	}
	if err := os.WriteFile(in, data, 0o644); err != nil {
		res.problems = append(res.problems, "setup: "+err.Error())
		return res
	}

	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	args := []string{r.bin, "extract", name, "-o", "out.json"}
	timeFile := filepath.Join(os.TempDir(), "mutate-time-"+strings.TrimPrefix(filepath.Base(dir), "mutate-"))
	if r.timeBin != "" {
		// Measured by time(1): a process forked from this one would count
		// this one's memory as its own until it execs.
		args = append([]string{r.timeBin, "-f", "%M", "-o", timeFile}, args...)
		defer os.Remove(timeFile)
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	start := time.Now()
	err = cmd.Run()
	res.took = time.Since(start)
	res.stderr = stderr.String()
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		res.timedOut = true
	case err == nil:
	case errors.As(err, &ee):
		res.code = ee.ExitCode()
	default:
		res.problems = append(res.problems, "run: "+err.Error())
		return res
	}
	if r.timeBin != "" {
		// time(1) reports the command's status as its own, and its peak
		// memory (that of the command or of its largest child) in KB.
		if b, err := os.ReadFile(timeFile); err == nil {
			lines := strings.Fields(string(b))
			if len(lines) > 0 {
				kb, _ := strconv.ParseInt(lines[len(lines)-1], 10, 64)
				res.rss = kb << 10
			}
		}
	} else if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			res.rss = ru.Maxrss << 10
		}
	}
	if res.code == 0 && !res.timedOut {
		if doc, err := plan.ReadFile(filepath.Join(dir, "out.json")); err == nil {
			res.doc = doc
			res.objectives = len(doc.Objectives)
		} else {
			res.problems = append(res.problems, "exit 0 without a readable plan: "+err.Error())
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != name && !(e.Name() == "out.json" && res.code == 0) {
			res.leftover = append(res.leftover, e.Name())
		}
	}
	res.problems = append(res.problems, r.check(&res, name)...)
	if len(res.problems) > 0 && r.keep != "" {
		os.MkdirAll(r.keep, 0o755)
		os.WriteFile(filepath.Join(r.keep, name), data, 0o644)
	}
	return res
}

// libraryWords are phrases of the Go runtime and of the PDF libraries that
// a message must not pass on.
var libraryWords = []string{"runtime error", "nil map", "index out of range", "nil pointer", "dict is null",
	"unable to dereference", "malformed PDF", "invalid memory address", "slice bounds", "unexpected EOF", "zlib:", "flate:"}

// problem names, for the summary.
const (
	pCrash    = "crash"
	pHang     = "hang"
	pMemory   = "memory"
	pLines    = "message over 3 lines"
	pLong     = "message over 300 characters"
	pMulti    = "message of 2-3 lines"
	pRaw      = "raw bytes in message"
	pLibrary  = "library wording"
	pUnnamed  = "message does not name the file"
	pCode     = "exit status not 0/1"
	pSilent   = "exit 0, objective count differs, no finding of damage"
	pLeftover = "files left behind"
)

func (r *runner) check(res *result, name string) []string {
	var out []string
	msg := strings.TrimRight(res.stderr, "\n")
	lines := strings.Split(msg, "\n")
	switch {
	case res.timedOut:
		out = append(out, pHang)
	case res.code != 0 && res.code != 1:
		out = append(out, fmt.Sprintf("%s (%d)", pCode, res.code))
	}
	if strings.Contains(res.stderr, "panic:") || strings.Contains(res.stderr, "fatal error") || strings.Contains(res.stderr, "goroutine ") || strings.Contains(res.stderr, "SIGSEGV") {
		out = append(out, pCrash)
	}
	if res.rss > r.maxRSS {
		out = append(out, fmt.Sprintf("%s (%d MB)", pMemory, res.rss>>20))
	}
	if msg != "" {
		if len(lines) > 3 {
			out = append(out, fmt.Sprintf("%s (%d)", pLines, len(lines)))
		} else if len(lines) > 1 {
			out = append(out, pMulti)
		}
		for _, l := range lines {
			if utf8.RuneCountInString(l) > 300 {
				out = append(out, fmt.Sprintf("%s (%d)", pLong, utf8.RuneCountInString(l)))
				break
			}
		}
		if !utf8.ValidString(msg) || strings.IndexFunc(msg, func(r rune) bool { return r != '\n' && unicode.IsControl(r) }) >= 0 {
			out = append(out, pRaw)
		}
		for _, w := range libraryWords {
			if strings.Contains(msg, w) {
				out = append(out, fmt.Sprintf("%s (%q)", pLibrary, w))
				break
			}
		}
		if res.code == 1 && !strings.Contains(msg, name) && !strings.Contains(msg, "interrupted") {
			out = append(out, pUnnamed)
		}
	}
	if len(res.leftover) > 0 {
		out = append(out, fmt.Sprintf("%s (%s)", pLeftover, strings.Join(res.leftover, ", ")))
	}
	if res.doc != nil && res.runCase.objectives >= 0 && res.objectives != res.runCase.objectives && !damageNoted(res.doc) {
		out = append(out, fmt.Sprintf("%s (%d, the print %d)", pSilent, res.objectives, res.runCase.objectives))
	}
	return out
}

// damageNoted reports a plan that says something of the file was lost: it
// is partial, or a finding speaks of damage.
func damageNoted(doc *plan.Document) bool {
	if doc.Partial {
		return true
	}
	for _, f := range doc.Findings {
		for _, w := range []string{"unreadable", "damag", "unmapped", "lost", "encoding"} {
			if strings.Contains(f.Rule, w) {
				return true
			}
		}
	}
	return false
}

func report(w *os.File, results []result, corpus bool) int {
	type tally struct{ runs, exit0, exit1, other, problems int }
	byKind := map[string]*tally{}
	byProblem := map[string][]result{}
	var kinds []string
	var total tally
	var slowest time.Duration
	var peak int64
	for _, r := range results {
		t := byKind[r.kind]
		if t == nil {
			t = &tally{}
			byKind[r.kind] = t
			kinds = append(kinds, r.kind)
		}
		for _, x := range []*tally{t, &total} {
			x.runs++
			switch {
			case r.timedOut:
				x.other++
			case r.code == 0:
				x.exit0++
			case r.code == 1:
				x.exit1++
			default:
				x.other++
			}
			if len(r.problems) > 0 {
				x.problems++
			}
		}
		for _, p := range r.problems {
			key := p
			if i := strings.Index(p, " ("); i > 0 {
				key = p[:i]
			}
			byProblem[key] = append(byProblem[key], r)
		}
		slowest = max(slowest, r.took)
		peak = max(peak, r.rss)
	}
	sort.Strings(kinds)
	fmt.Fprintf(w, "%-12s %6s %6s %6s %6s %9s\n", "kind", "runs", "exit0", "exit1", "other", "problems")
	for _, k := range kinds {
		t := byKind[k]
		fmt.Fprintf(w, "%-12s %6d %6d %6d %6d %9d\n", k, t.runs, t.exit0, t.exit1, t.other, t.problems)
	}
	fmt.Fprintf(w, "%-12s %6d %6d %6d %6d %9d\n", "total", total.runs, total.exit0, total.exit1, total.other, total.problems)
	fmt.Fprintf(w, "slowest run %s, peak memory %d MB\n\n", slowest.Round(10*time.Millisecond), peak>>20)

	checks := []string{pCrash, pCode, pHang, pMemory, pLines, pLong, pRaw, pLibrary, pUnnamed, pLeftover, pMulti}
	if !corpus {
		checks = append(checks, pSilent)
	}
	bad := 0
	for _, c := range checks {
		rs := byProblem[c]
		fmt.Fprintf(w, "%-56s %d\n", c, len(rs))
		if c != pMulti {
			bad += len(rs)
		}
	}
	for _, c := range checks {
		rs := byProblem[c]
		if len(rs) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", c)
		for _, r := range rs {
			first := strings.SplitN(strings.TrimSpace(r.stderr), "\n", 2)[0]
			if len(first) > 160 {
				first = first[:160] + "…"
			}
			fmt.Fprintf(w, "  %-60s exit %d %6s %5d MB  %q\n", r.name, r.code, r.took.Round(100*time.Millisecond), r.rss>>20, first)
		}
	}
	if !corpus {
		// The exit-0 runs whose count differs, with what their plan says.
		var noted []string
		for _, r := range results {
			if r.doc != nil && r.runCase.objectives >= 0 && r.objectives != r.runCase.objectives && damageNoted(r.doc) {
				noted = append(noted, fmt.Sprintf("  %-60s %d objectives, the print %d; partial %v", r.name, r.objectives, r.runCase.objectives, r.doc.Partial))
			}
		}
		fmt.Fprintf(w, "\nexit 0 with a different count and a finding of damage: %d\n", len(noted))
		for _, n := range noted {
			fmt.Fprintln(w, n)
		}
	}
	return bad
}

func slicesFilter[T any](s []T, keep func(T) bool) []T {
	var out []T
	for _, x := range s {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}
