package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteFileAtomic checks how -o replaces a file: the replaced file's
// permissions kept, new files 0644 under the umask, symbolic links followed
// and kept, nothing left beside the output.
func TestWriteFileAtomic(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)

	t.Run("new file", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out.json")
		if err := writeFileAtomic(out, []byte("{}\n")); err != nil {
			t.Fatal(err)
		}
		checkFile(t, out, "{}\n", 0o644)
		checkOnly(t, dir, "out.json")
	})
	t.Run("new file under umask 077", func(t *testing.T) {
		syscall.Umask(0o077)
		defer syscall.Umask(0o022)
		dir := t.TempDir()
		out := filepath.Join(dir, "out.json")
		if err := writeFileAtomic(out, []byte("{}\n")); err != nil {
			t.Fatal(err)
		}
		checkFile(t, out, "{}\n", 0o600)
	})
	t.Run("replaced file keeps its mode", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out.json")
		for _, mode := range []fs.FileMode{0o640, 0o664, 0o600} {
			os.WriteFile(out, []byte("old"), 0o600)
			os.Chmod(out, mode)
			if err := writeFileAtomic(out, []byte("new\n")); err != nil {
				t.Fatal(err)
			}
			checkFile(t, out, "new\n", mode)
		}
		checkOnly(t, dir, "out.json")
	})
	t.Run("symbolic link", func(t *testing.T) {
		dir := t.TempDir()
		os.Mkdir(filepath.Join(dir, "data"), 0o755)
		target := filepath.Join(dir, "data", "plan.json")
		os.WriteFile(target, []byte("old"), 0o640)
		link := filepath.Join(dir, "latest.json")
		if err := os.Symlink(filepath.Join("data", "plan.json"), link); err != nil {
			t.Fatal(err)
		}
		if err := writeFileAtomic(link, []byte("new\n")); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("the link was replaced: %v %v", st.Mode(), err)
		}
		checkFile(t, target, "new\n", 0o640)
		checkOnly(t, filepath.Join(dir, "data"), "plan.json")
	})
	t.Run("dangling symbolic link", func(t *testing.T) {
		dir := t.TempDir()
		link := filepath.Join(dir, "latest.json")
		os.Symlink("plan.json", link)
		if err := writeFileAtomic(link, []byte("new\n")); err != nil {
			t.Fatal(err)
		}
		checkFile(t, filepath.Join(dir, "plan.json"), "new\n", 0o644)
	})
	t.Run("interrupted", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out.json")
		os.WriteFile(out, []byte("old"), 0o644)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := writeFileAtomicContext(ctx, out, []byte("new\n")); err == nil {
			t.Fatal("written after the interruption")
		}
		checkFile(t, out, "old", 0o644)
		checkOnly(t, dir, "out.json")
	})
	t.Run("folder", func(t *testing.T) {
		dir := t.TempDir()
		err := writeFileAtomic(dir, []byte("x"))
		if err == nil || err.Error() != dir+": is a folder" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("read-only folder", func(t *testing.T) {
		out := filepath.Join(readOnlyDir(t), "OUT.json")
		err := writeFileAtomic(out, []byte("x"))
		if err == nil {
			t.Fatal("written into a read-only folder")
		}
		want := out + ": cannot write in its folder: "
		if msg := err.Error(); !strings.HasPrefix(msg, want) || strings.Count(msg, "OUT.json") != 1 || strings.Contains(msg, ".tmp") {
			t.Errorf("message %q, want %q and no temporary name", msg, want+"…")
		}
	})
}

// readOnlyDir returns a folder the test cannot write in: a read-only
// temporary folder, or for root (whom permissions do not stop) /sys.
func readOnlyDir(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		dir := t.TempDir()
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return dir
	}
	if f, err := os.CreateTemp("/sys", "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Skip("no read-only folder for root")
	}
	return "/sys"
}

func checkFile(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil || string(data) != content {
		t.Errorf("%s holds %q (%v), want %q", path, data, err, content)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != mode {
		t.Errorf("%s: mode %v (%v), want %v", path, st.Mode().Perm(), err, mode)
	}
}

// checkOnly fails when dir holds anything but names.
func checkOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

// TestExtractReadOnlyFolder runs extract -o into a folder it cannot write
// in: exit 1, one line naming the output, no temporary file's name.
func TestExtractReadOnlyFolder(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", "..", "samples", "capannori-2024.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(readOnlyDir(t), "OUT.json")
	_, stderr, code := runCLI(t, t.TempDir(), "extract", src, "-o", out)
	want := "obiettivi: " + out + ": cannot write in its folder: permission denied\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr %q; want 1, %q", code, stderr, want)
	}
}
