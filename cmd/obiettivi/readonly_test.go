package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestStoreCommandsOnReadOnlyFilesystem runs the commands that read a
// store on one whose folder is a read-only filesystem: a read-only bind
// mount in a mount namespace of its own (unshare -m), which needs root;
// as another user, a folder without write permission does the same.
// Every reading command works; ingest says the store cannot be written.
func TestStoreCommandsOnReadOnlyFilesystem(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command in a mount namespace")
	}
	// The store is made by the built command, so that its search index
	// is of the command's own build (this test binary may have FTS5 where
	// the command has FTS4).
	dir := t.TempDir()
	db := filepath.Join(dir, "plans.sqlite")
	if _, stderr, code := runCLI(t, ".", "ingest", "--db", db, storeGolden("capannori-2024"),
		storeGolden("capannori-2025"), storeGolden("capannori-2024-chromium")); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	out := t.TempDir()
	steps := [][]string{
		{"list", "--db", db},
		{"search", "--db", db, "pagamenti"},
		{"export", "--db", db, "--document", "2", "-o", filepath.Join(out, "plan.json")},
		{"export", "--db", db, "--format", "csv", "-o", filepath.Join(out, "csv")},
		{"diff", "--db", db, "1", "2"},
		{"audit", "--db", db, "Comune di Capannori:2025"},
		{"ingest", "--db", db, storeGolden("capannori-2025")},
	}
	var script strings.Builder
	for i, s := range steps {
		script.WriteString("echo '== " + s[0] + "'; \"$OBIETTIVI\"")
		for _, a := range s {
			script.WriteString(" '" + a + "'")
		}
		script.WriteString(" > /dev/null 2> \"$ERRS/" + string(rune('a'+i)) + "\"; echo \"rc=$?\"; cat \"$ERRS/" + string(rune('a'+i)) + "\"\n")
	}
	errs := t.TempDir()
	var cmd *exec.Cmd
	if os.Geteuid() == 0 {
		unshare, err := exec.LookPath("unshare")
		if err != nil {
			t.Skip("running as root, where permissions do not stop writes, and without unshare(1) to mount the folder read-only")
		}
		probe := `mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && ! touch "$1/probe" 2>/dev/null`
		if o, err := exec.Command(unshare, "-m", "sh", "-c", probe, "sh", dir).CombinedOutput(); err != nil {
			t.Skipf("cannot mount a read-only folder here (%v: %s)", err, strings.TrimSpace(string(o)))
		}
		cmd = exec.Command(unshare, "-m", "sh", "-c", `mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && sh -c "$2"`, "sh", dir, script.String())
	} else {
		os.Chmod(db, 0o444)
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		cmd = exec.Command("sh", "-c", script.String())
	}
	cmd.Env = append(os.Environ(), "OBIETTIVI="+obiettiviBin, "ERRS="+errs)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	got := string(b)
	t.Logf("\n%s", got)
	want := []string{
		`== list\nrc=0\n`,
		`== search\nrc=0\n`,
		`== export\nrc=0\n== export\nrc=0\n`,
		`== diff\nrc=1\n`,
		`== audit\nrc=0\n`,
		`== ingest\nrc=1\nobiettivi: ` + regexp.QuoteMeta(db) + `: the store cannot be written`,
	}
	for _, w := range want {
		if !regexp.MustCompile(w).MatchString(got) {
			t.Errorf("output lacks %q", w)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "csv", "objectives.csv")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(db + "-shm"); err == nil {
		t.Error("a -shm file was made beside the store")
	}
}

// TestIngestDiskFull ingests onto a disk that fills up: a 1.2 MB tmpfs
// mounted in a mount namespace of its own (unshare -m, as root). The
// first plan lands; the second fails with one line naming the store and
// saying the disk is full; the store keeps the first, whole.
func TestIngestDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command in a mount namespace")
	}
	unshare, err := exec.LookPath("unshare")
	if os.Geteuid() != 0 || err != nil {
		t.Skip("needs root and unshare(1) to mount a small filesystem: a full disk is not made here (store/faults_test.go stands one in)")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "obiettivi.sqlite")
	script := `mount -t tmpfs -o size=1200k tmpfs "$1" || exit 99
"$2" ingest --db "$3" "$4" "$5" "$6"; echo "rc=$?"
"$2" list --db "$3" --format csv`
	out, err := exec.Command(unshare, "-m", "sh", "-c", script, "sh", dir, obiettiviBin, db,
		storeGolden("capannori-2024"), storeGolden("capannori-2025"), storeGolden("capannori-2024-chromium")).CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 99 {
		t.Skipf("cannot mount a tmpfs here: %s", out)
	}
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	got := string(out)
	t.Logf("\n%s", got)
	for _, want := range []string{
		"ingested as document 1",
		"obiettivi: " + db + ": no space left for the store (the disk is full); " + storeGolden("capannori-2025") + " was not stored\n",
		"rc=1\n",
		"\n1,Comune di Capannori,2024,",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(got, "\n2,") {
		t.Error("a second document was listed")
	}
}
