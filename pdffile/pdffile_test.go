package pdffile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/obiettivi/obiettivi/plan"
)

// TestOpenSamples opens the sample plans: every page found, the hash and
// page count of the golden record, no repair needed.
func TestOpenSamples(t *testing.T) {
	for _, name := range []string{"capannori-2024", "capannori-2024-chromium", "capannori-2025"} {
		t.Run(name, func(t *testing.T) {
			golden, err := plan.ReadFile(filepath.Join("..", "golden", name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			f, err := Open(context.Background(), filepath.Join("..", "samples", name+".pdf"), "", Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Pages) != golden.Source.Pages {
				t.Errorf("pages = %d, want %d", len(f.Pages), golden.Source.Pages)
			}
			if f.SHA256 != golden.Source.SHA256 {
				t.Errorf("sha256 = %s, want %s", f.SHA256, golden.Source.SHA256)
			}
			if f.Repaired {
				t.Error("a sound file was repaired")
			}
			st, _ := os.Stat(filepath.Join("..", "samples", name+".pdf"))
			if f.Size != st.Size() {
				t.Errorf("size = %d, want %d", f.Size, st.Size())
			}
			for i, p := range f.Pages {
				if err := f.CheckStreamSize(p); err != nil {
					t.Fatalf("page %d: %v", i+1, err)
				}
			}
			if got := f.pageNumber(f.Pages[len(f.Pages)-1]); got != len(f.Pages) {
				t.Errorf("pageNumber(last) = %d, want %d", got, len(f.Pages))
			}
		})
	}
}

// TestOpenRecovers opens files that ledongthuc/pdf alone cannot read, or
// reads only with its own decryption, and checks that every page gives the
// text of the plain original.
func TestOpenRecovers(t *testing.T) {
	base := readTestdata(t, "plan-3pages.pdf")
	f, err := openBytes(t, base, "", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := pageTexts(t, f)
	if len(want) != 3 || !strings.Contains(want[0], "Capannori") {
		t.Fatalf("base fixture reads as %d pages: %q", len(want), want)
	}

	xref := bytes.LastIndex(base, []byte("\nxref\n")) + 1
	tests := []struct {
		name     string
		data     []byte
		password string
		repaired bool
	}{
		{"pdf 2.0 header", bytes.Replace(base, []byte("%PDF-1.4"), []byte("%PDF-2.0"), 1), "", false},
		{"text after %%EOF", append(slices.Clip(base), "\n<html><body>404 not found</body></html>\n"...), "", false},
		{"zeros after %%EOF", append(slices.Clip(base), make([]byte, 4096)...), "", false},
		{"12 bytes after %%EOF", append(slices.Clip(base), "garbage 12 b"...), "", false},
		{"a signature block after %%EOF", append(slices.Clip(base), "-----BEGIN PKCS7-----\nMIIB\n-----END PKCS7-----\n"...), "", false},
		{"no %%EOF marker", bytes.TrimSuffix(bytes.TrimRight(base, "\r\n"), []byte("%%EOF")), "", true},
		{"junk before the header", slices.Concat([]byte("HTTP/1.1 200 OK\r\n"), base), "", true},
		{"offsets shifted", shiftBody(base, 200), "", true},
		{"xref entries wrong", zeroXrefEntries(base, xref), "", true},
		{"one xref entry a few bytes off", offsetXrefEntry(base, xref, 5, 7), "", true},
		{"startxref wrong", bytes.Replace(base, fmt.Appendf(nil, "startxref\n%d", xref), []byte("startxref\n1234"), 1), "", true},
		{"rc4 40 owner only", readTestdata(t, "rc4-40-owner.pdf"), "", true},
		{"rc4 128 owner only", readTestdata(t, "rc4-128-owner.pdf"), "", true},
		{"aes 128 owner only", readTestdata(t, "aes128-owner.pdf"), "", true},
		{"aes 256 owner only", readTestdata(t, "aes256-owner.pdf"), "", true},
		{"aes 256 owner only, needless password", readTestdata(t, "aes256-owner.pdf"), "whatever", true},
		{"rc4 128 user password", readTestdata(t, "rc4-128-user.pdf"), "secret", true},
		{"rc4 128 owner password", readTestdata(t, "rc4-128-user.pdf"), "owner", true},
		{"aes 256 user password", readTestdata(t, "aes256-user.pdf"), "secret", true},
		{"aes 256 owner password", readTestdata(t, "aes256-user.pdf"), "owner", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := openBytes(t, tt.data, tt.password, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if f.Repaired != tt.repaired {
				t.Errorf("Repaired = %v, want %v", f.Repaired, tt.repaired)
			}
			if f.Size != int64(len(tt.data)) {
				t.Errorf("Size = %d, want %d", f.Size, len(tt.data))
			}
			got := pageTexts(t, f)
			if !slices.Equal(got, want) {
				t.Errorf("page texts differ from the original:\n got %.200q\nwant %.200q", got, want)
			}
		})
	}
}

// TestOpenBytesAfterEOF reads a sound file with bytes after its %%EOF as
// it is, the same way on every run: its own cross-reference table, no
// repair.
func TestOpenBytesAfterEOF(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "samples", "capannori-2024-chromium.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := openBytes(t, data, "", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tail := range []string{"garbage 12 b", "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", "\n%comment\n"} {
		damaged := append(slices.Clip(data), tail...)
		for run := range 3 {
			f, err := openBytes(t, damaged, "", Limits{})
			if err != nil {
				t.Fatalf("tail %q, run %d: %v", tail, run, err)
			}
			if f.Repaired || len(f.Pages) != len(want.Pages) || f.Size != int64(len(damaged)) {
				t.Errorf("tail %q, run %d: Repaired %v, %d pages (want %d)", tail, run, f.Repaired, len(f.Pages), len(want.Pages))
			}
		}
	}
}

// shiftBody inserts n bytes of comment after the header line, so that every
// offset in the cross-reference table and startxref is wrong.
func shiftBody(data []byte, n int) []byte {
	i := bytes.IndexByte(data, '\n') + 1
	pad := append([]byte{'%'}, bytes.Repeat([]byte{'x'}, n-2)...)
	pad = append(pad, '\n')
	return slices.Concat(data[:i], pad, data[i:])
}

// zeroXrefEntries points every in-use entry of the table at xref to a
// wrong offset.
func zeroXrefEntries(data []byte, xref int) []byte {
	out := slices.Clone(data)
	lines := bytes.Split(out[xref:], []byte("\n"))
	off := xref
	for _, l := range lines {
		if len(l) >= 18 && bytes.HasSuffix(bytes.TrimRight(l, " \r"), []byte(" n")) && !bytes.HasPrefix(l, []byte("0000000000")) {
			copy(out[off:], "0000000017")
		}
		if bytes.HasPrefix(l, []byte("trailer")) {
			break
		}
		off += len(l) + 1
	}
	return out
}

// offsetXrefEntry moves the offset of the n-th in-use entry of the table
// at xref by delta bytes.
func offsetXrefEntry(data []byte, xref, n, delta int) []byte {
	out := slices.Clone(data)
	lines := bytes.Split(out[xref:], []byte("\n"))
	off, seen := xref, 0
	for _, l := range lines {
		if len(l) >= 18 && bytes.HasSuffix(bytes.TrimRight(l, " \r"), []byte(" n")) {
			if seen++; seen == n {
				var v int
				fmt.Sscanf(string(l[:10]), "%d", &v)
				copy(out[off:], fmt.Sprintf("%010d", v+delta))
				break
			}
		}
		off += len(l) + 1
	}
	return out
}

// TestOpenRefuses checks that bad input is refused with the right reason,
// a message naming the file, and no panic.
func TestOpenRefuses(t *testing.T) {
	base := readTestdata(t, "plan-3pages.pdf")
	tests := []struct {
		name     string
		data     []byte
		password string
		want     error
	}{
		{"empty", nil, "", ErrEmpty},
		{"text file", []byte("Stampa Obiettivi di Performance\n"), "", ErrNotPDF},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "", ErrNotPDF},
		{"header only", []byte("%PDF-1.7\n"), "", ErrTruncated},
		{"cut in half", base[:len(base)/2], "", ErrTruncated},
		{"cut in the trailer", base[:bytes.LastIndex(base, []byte("trailer"))+12], "", ErrTruncated},
		{"cut in the xref table", base[:bytes.LastIndex(base, []byte("\nxref\n"))+40], "", ErrTruncated},
		{"cut update", append(slices.Clip(base), "9 0 obj\n<< /Type /Page"...), "", ErrTruncated},
		{"aes 256 without password", readTestdata(t, "aes256-user.pdf"), "", ErrNeedPassword},
		{"aes 256 wrong password", readTestdata(t, "aes256-user.pdf"), "guess", ErrBadPassword},
		{"rc4 without password", readTestdata(t, "rc4-128-user.pdf"), "", ErrNeedPassword},
		{"rc4 wrong password", readTestdata(t, "rc4-128-user.pdf"), "guess", ErrBadPassword},
		{"page tree cycle", cyclicTree(), "", ErrPageTree},
		{"page tree lists itself", selfTree(), "", ErrPageTree},
		{"page tree very deep", deepTree(10000), "", ErrPageTree},
		{"parent chain loops", onePageParentLoop(), "", ErrPageTree},
		{"arrays nested 100k deep in a page", onePage("/Deep "+nested(100000, "[", "]"), stream("", []byte(helloContent))), "", ErrDamaged},
		{"dicts nested 100k deep in the catalog", nestedCatalog(100000), "", ErrDamaged},
		{"no pages", buildPDF("%PDF-1.4", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"), "", ErrDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := openBytes(t, tt.data, tt.password, Limits{})
			if err == nil {
				t.Fatalf("opened with %d pages, want error %v", len(f.Pages), tt.want)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %q is not %q", err, tt.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "test.pdf: ") || strings.Contains(msg, "\n") {
				t.Errorf("message %q: want one line starting with the file name", msg)
			}
			var e *Error
			if !errors.As(err, &e) || e.Name != "test.pdf" {
				t.Errorf("error %T is not an *Error naming the file", err)
			}
		})
	}
}

// TestOpenHostileStructure feeds structures that make a naive reader loop,
// recurse without end or allocate without bound. Each must end in an error
// (or, where a reader copes, a file), never a hang or a crash.
func TestOpenHostileStructure(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"xref subsection of 2 billion", bytes.Replace(onePage("", stream("", []byte(helloContent))), []byte("xref\n0 6\n"), []byte("xref\n2000000000 6\n"), 1)},
		{"xref subsection of +2 billion", signedSubsection(onePage("", stream("", []byte(helloContent))))},
		{"xref stream of 2 billion", hugeXrefStream()},
		{"cyclic /Prev", cyclicPrev()},
		{"object stream inside itself", objectStreamLoop()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			f, err := openBytes(t, tt.data, "", Limits{})
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %s", d)
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "test.pdf: ") {
					t.Errorf("message %q does not name the file", err)
				}
				return
			}
			if len(f.Pages) == 0 {
				t.Error("opened with no pages")
			}
		})
	}
}

// signedSubsection adds to the cross-reference table a subsection whose
// first number is written with a sign, "+1999999990 1", as readers accept.
func signedSubsection(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("trailer"))
	return slices.Concat(data[:i], []byte("+1999999990 1\n0000000009 00000 n \n"), data[i:])
}

func nested(n int, open, close string) string {
	return strings.Repeat(open, n) + strings.Repeat(close, n)
}

func nestedCatalog(n int) []byte {
	return buildPDF("%PDF-1.4",
		"<< /Type /Catalog /Pages 2 0 R /Deep "+nested(n, "<< /A ", ">>")+" >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>")
}

// cyclicTree: 2 -> 3 -> 2.
func cyclicTree() []byte {
	return buildPDF("%PDF-1.4",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 2 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] >>")
}

// selfTree: the root node lists itself among its kids.
func selfTree() []byte {
	return buildPDF("%PDF-1.4",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>")
}

// deepTree is a chain of n intermediate nodes above one page.
func deepTree(n int) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>"}
	for i := range n {
		objs = append(objs, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", i+3))
	}
	objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] >>", n+1))
	return buildPDF("%PDF-1.4", objs...)
}

// onePageParentLoop: the page's parent is its own parent.
func onePageParentLoop() []byte {
	return buildPDF("%PDF-1.4",
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 612 792] >>",
		"<< /Type /Pages /Parent 4 0 R >>")
}

// hugeXrefStream has a cross-reference stream claiming 2 billion objects.
func hugeXrefStream() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	o1 := b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	o2 := b.Len()
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	o3 := b.Len()
	b.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n")
	x := b.Len()
	var rows []byte
	for _, off := range []int{0, o1, o2, o3, x} {
		typ := byte(1)
		if off == 0 {
			typ = 0
		}
		rows = append(rows, typ, byte(off>>24), byte(off>>16), byte(off>>8), byte(off), 0)
	}
	fmt.Fprintf(&b, "4 0 obj\n%s\nendobj\n", stream("/Type /XRef /Size 2000000000 /W [1 4 1] /Root 1 0 R", rows))
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

// cyclicPrev has a cross-reference table whose /Prev points at itself.
func cyclicPrev() []byte {
	data := onePage("", stream("", []byte(helloContent)))
	x := bytes.LastIndex(data, []byte("\nxref\n")) + 1
	return bytes.Replace(data, []byte("/Root 1 0 R >>"), fmt.Appendf(nil, "/Root 1 0 R /Prev %d >>", x), 1)
}

// objectStreamLoop stores the catalog in object stream 6, which the
// cross-reference stream places inside itself.
func objectStreamLoop() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	o2 := b.Len()
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	o3 := b.Len()
	b.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n")
	x := b.Len()
	type row struct{ typ, a, c int }
	rows := []row{{0, 0, 255}, {2, 5, 0}, {1, o2, 0}, {1, o3, 0}, {1, x, 0}, {2, 5, 0}}
	var data []byte
	for _, r := range rows {
		data = append(data, byte(r.typ), byte(r.a>>24), byte(r.a>>16), byte(r.a>>8), byte(r.a), byte(r.c))
	}
	fmt.Fprintf(&b, "4 0 obj\n%s\nendobj\n", stream("/Type /XRef /Size 6 /W [1 4 1] /Root 1 0 R", data))
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

// TestOpenConcurrent opens and checks files from several goroutines at
// once, as the extract stage does (run with -race).
func TestOpenConcurrent(t *testing.T) {
	files := []string{"plan-3pages.pdf", "aes256-owner.pdf", "rc4-40-owner.pdf", "plan-3pages-objstm.pdf"}
	var wg sync.WaitGroup
	errs := make(chan error, 4*len(files))
	for range 4 {
		for _, name := range files {
			data := readTestdata(t, name)
			wg.Go(func() {
				f, err := OpenBytes(context.Background(), data, name, "", Limits{})
				if err != nil {
					errs <- err
					return
				}
				var pw sync.WaitGroup
				for _, p := range f.Pages {
					pw.Go(func() {
						if err := f.CheckStreamSize(p); err != nil {
							errs <- err
						}
					})
				}
				pw.Wait()
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestOpenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := OpenBytes(ctx, readTestdata(t, "plan-3pages.pdf"), "test.pdf", "", Limits{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestOpenLimits(t *testing.T) {
	base := readTestdata(t, "plan-3pages.pdf")
	if _, err := openBytes(t, base, "", Limits{MaxPages: 2}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("MaxPages 2: err = %v, want ErrTooLarge", err)
	}
	if _, err := openBytes(t, base, "", Limits{MaxFileSize: 1000}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("MaxFileSize 1000: err = %v, want ErrTooLarge", err)
	}
	if _, err := openBytes(t, deepTree(10), "", Limits{MaxDepth: 5}); !errors.Is(err, ErrPageTree) {
		t.Errorf("MaxDepth 5: err = %v, want ErrPageTree", err)
	}
	if _, err := openBytes(t, deepTree(10), "", Limits{}); err != nil {
		t.Errorf("default limits, 10 levels: %v", err)
	}
}

func TestOpenFileErrors(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.pdf")
	if err := os.WriteFile(big, readTestdata(t, "plan-3pages.pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		lim  Limits
		want string
	}{
		{filepath.Join(dir, "missing.pdf"), Limits{}, "missing.pdf: no such file or directory"},
		{dir, Limits{}, ": is a directory"},
		{big, Limits{MaxFileSize: 1 << 10}, "big.pdf: too large: "},
	}
	for _, tt := range tests {
		_, err := Open(context.Background(), tt.path, "", tt.lim)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Open(%s) = %v, want an error containing %q", tt.path, err, tt.want)
		}
	}
}
