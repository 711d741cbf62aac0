package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/obiettivi/obiettivi/api"
)

func newExtractCmd() *cobra.Command {
	var out, password string
	var partial bool
	cmd := &cobra.Command{
		Use:   "extract FILE.pdf",
		Short: "Write the plan JSON (obiettivi.plan/v1) of a Stampa Obiettivi PDF",
		Long: `extract reads a "Stampa Obiettivi di Performance" PDF and writes its plan
document as JSON (format obiettivi.plan/v1): the cover, the Indice, every
sector and office, and every objective occurrence with its staff, phases,
month grid and indicators.

A page whose content cannot be read fails the whole file, naming the page.
With --partial the rest is read: the plan is marked "partial" and carries a
finding (unreadable-page) for each page left out.`,
		Example: `  obiettivi extract samples/capannori-2024.pdf -o capannori-2024.json
  obiettivi extract --password secret locked.pdf > plan.json
  obiettivi extract --partial damaged.pdf -o damaged.json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			doc, err := api.ExtractFile(cmd.Context(), path, api.Options{Password: password, Partial: partial})
			if err != nil {
				return err // it names the file
			}
			// Straight to the output, which Encode buffers: a plan of
			// thousands of pages is tens of megabytes of JSON, not to be
			// held in memory as text.
			if out == "" || out == "-" {
				return doc.Encode(cmd.OutOrStdout())
			}
			return writeFileAtomicFunc(cmd.Context(), out, doc.Encode)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the JSON to this file instead of standard output")
	cmd.Flags().StringVar(&password, "password", "", "user password of an encrypted PDF")
	cmd.Flags().BoolVar(&partial, "partial", false, "keep what can be read when some pages cannot, with a finding for each")
	return cmd
}

// writeFileAtomic writes data to path so that a failure or an interruption
// never leaves a half-written file: through a temporary file in the same
// folder, renamed over path once whole. A path that exists keeps its
// permissions; a new file gets 0644 under the umask. A symbolic link is
// followed and its target replaced, the link kept. A path that exists and
// is not a regular file (a device such as /dev/stdout, a named pipe) is
// written to directly: renaming over it would replace it.
//
// Errors name path, never the temporary file.
func writeFileAtomic(path string, data []byte) error {
	return writeFileAtomicContext(context.Background(), path, data)
}

// writeFileAtomicContext is writeFileAtomic that leaves path as it was when
// ctx is done before the file is whole.
func writeFileAtomicContext(ctx context.Context, path string, data []byte) error {
	return writeFileAtomicFunc(ctx, path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeFileAtomicFunc is writeFileAtomicContext with the content written by
// write as it goes, instead of held whole in memory.
func writeFileAtomicFunc(ctx context.Context, path string, write func(io.Writer) error) error {
	// A device or pipe is opened by its own name: the links to it
	// (/dev/stdout → /proc/self/fd/1 → "pipe:[…]") name no file.
	if st, err := os.Stat(path); err == nil && !st.IsDir() && !st.Mode().IsRegular() {
		return writeInPlace(path, write)
	}
	target, err := linkTarget(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	perm := fs.FileMode(0o644)
	keep := false
	switch st, err := os.Stat(target); {
	case err == nil && st.IsDir():
		return fmt.Errorf("%s: is a folder", path)
	case err == nil:
		perm, keep = st.Mode().Perm(), true
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: %w", path, pathErr(err))
	}

	tmp, tmpName, err := createTemp(filepath.Dir(target), filepath.Base(target), perm)
	if err != nil {
		return fmt.Errorf("%s: cannot write in its folder: %w", path, pathErr(err))
	}
	committed := false
	defer func() {
		if !committed {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("%s: %w", path, pathErr(err))
	}
	if keep {
		// The umask applied at creation; the replaced file's bits win.
		if err := tmp.Chmod(perm); err != nil {
			return fmt.Errorf("%s: %w", path, pathErr(err))
		}
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, pathErr(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, pathErr(err))
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: not written: %w", path, context.Cause(ctx))
	}
	if err := os.Rename(tmpName, target); err != nil {
		return fmt.Errorf("%s: %w", path, pathErr(err))
	}
	committed = true
	return nil
}

// linkTarget follows path through symbolic links to the file they name,
// which need not exist yet.
func linkTarget(path string) (string, error) {
	for range 40 {
		st, err := os.Lstat(path)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", pathErr(err)
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", errors.New("too many levels of symbolic links")
}

// createTemp creates a new file beside name in dir with permissions perm
// under the umask.
func createTemp(dir, name string, perm fs.FileMode) (*os.File, string, error) {
	for range 100 {
		var r [6]byte
		rand.Read(r[:])
		tmpName := filepath.Join(dir, "."+name+"."+hex.EncodeToString(r[:])+".tmp")
		f, err := os.OpenFile(tmpName, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, tmpName, err
	}
	return nil, "", errors.New("cannot create a temporary file")
}

// writeInPlace writes to path, a device or pipe.
func writeInPlace(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", path, pathErr(err))
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, pathErr(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, pathErr(err))
	}
	return nil
}

// pathErr drops the path from an *fs.PathError or *os.LinkError, since the
// message names the file the user gave.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
