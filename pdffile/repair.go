package pdffile

import (
	"bytes"
	"context"
	"errors"
	"sync"

	pdfapi "github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// disableConfigDir keeps pdfcpu from creating a configuration folder in
// the user's home directory; once is enough, and pdfcpu reads the setting
// without a lock.
var disableConfigDir = sync.OnceFunc(pdfapi.DisableConfigDir)

// repairWith runs the repair pass where lim says: in a child process when
// lim.Isolation is set, in this process otherwise. rebuild makes it ignore
// the file's cross-reference data (see rebuildable).
func repairWith(ctx context.Context, data []byte, password string, rebuild bool, lim Limits) ([]byte, error) {
	if err := checkObjectNumbers(data); err != nil {
		return nil, err
	}
	if lim.Isolation != nil {
		return lim.Isolation.repair(ctx, data, password, rebuild)
	}
	return repair(ctx, data, password, rebuild)
}

// repair rewrites data with pdfcpu into a file ledongthuc/pdf can read: the
// cross-reference table rebuilt by relaxed validation, encryption removed,
// no object streams.
//
// pdfcpu watches ctx only while it reads; some damaged files make its
// writer loop for minutes without reading (see Isolation).
func repair(ctx context.Context, data []byte, password string, rebuild bool) ([]byte, error) {
	if rebuild {
		data = withoutStartxref(data)
	}
	out, err := rewrite(ctx, data, password)
	if err != nil && !rebuild && !errors.Is(err, pdfcpu.ErrWrongPassword) && ctx.Err() == nil {
		// The cross-reference table parsed but led astray (offsets that
		// miss their objects): rebuild it from the objects themselves.
		if out, err2 := rewrite(ctx, withoutStartxref(data), password); err2 == nil {
			return out, nil
		}
	}
	if errors.Is(err, pdfcpu.ErrWrongPassword) && password != "" {
		// A password given for a file that needs none (only an owner
		// password, which restricts nothing a reader does) is no error.
		if out, err2 := rewrite(ctx, data, ""); err2 == nil {
			return out, nil
		}
	}
	if err == nil {
		return out, nil
	}
	var s stop
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(err, errReadBudget):
		return nil, because(ErrDamaged, "%v", errReadBudget)
	case errors.As(err, &s):
		return nil, s.err
	case errors.Is(err, pdfcpu.ErrWrongPassword) && password == "":
		return nil, ErrNeedPassword
	case errors.Is(err, pdfcpu.ErrWrongPassword):
		return nil, ErrBadPassword
	case errors.Is(err, pdfcpu.ErrUnsupportedEncryptionFeature):
		return nil, worded(ErrUnsupported, "%v: an encryption method this reader does not know", ErrUnsupported)
	}
	return nil, libraryFailure(err)
}

// repairBudget is how many bytes pdfcpu may read while it rewrites data:
// it reads each object through a buffer of a few KB, so a file of many
// small objects costs far more than its size. "obj" counts each object
// twice (obj, endobj).
func repairBudget(data []byte) int64 {
	return readBudget(int64(len(data))) + 4<<10*int64(bytes.Count(data, []byte("obj")))
}

// rewrite is one pdfcpu pass over data; panics of pdfcpu end here. A pass
// that spent its read budget fails with errReadBudget whatever pdfcpu
// made of the refused reads, so that the outcome does not depend on the
// order in which pdfcpu visits its maps.
func rewrite(ctx context.Context, data []byte, password string) (out []byte, err error) {
	g := newGuard(ctx, data)
	g.budget.Store(repairBudget(data))
	defer g.disarm()
	defer func() {
		if x := recover(); x != nil {
			out, err = nil, libraryFailure(describe(x))
		}
		switch {
		case err == nil:
		case ctx.Err() != nil:
			out, err = nil, ctx.Err()
		case g.budget.Load() < 0:
			out, err = nil, stop{errReadBudget}
		}
	}()

	disableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.UserPW, conf.OwnerPW = password, password
	// OPTIMIZE needs no permission bits and may drop the encryption; the
	// optimisation itself is switched off, the file is only rewritten.
	conf.Cmd = model.OPTIMIZE
	conf.RemoveEncryption = true
	conf.Optimize = false
	conf.OptimizeBeforeWriting = false
	conf.OptimizeResourceDicts = false
	conf.WriteObjectStream = false
	conf.WriteXRefStream = false

	pctx, err := pdfcpu.ReadWithContext(ctx, &seeker{g: g}, conf)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := pdfapi.WriteContext(pctx, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// withoutStartxref returns a copy of data whose last startxref keyword is
// blanked out, which makes pdfcpu rebuild the cross-reference table by
// scanning the file for objects.
func withoutStartxref(data []byte) []byte {
	out := bytes.Clone(data)
	if i := bytes.LastIndex(out, []byte("startxref")); i >= 0 {
		copy(out[i:], "         ")
	}
	return out
}

// checkObjectNumbers refuses an object header ("12 0 obj") whose number
// is beyond any the file could hold. The repair pass rebuilds its table of
// objects up to the highest number it finds, and pdfcpu's writer then
// walks every number below it: one damaged header reading
// "1999999999 0 obj" costs minutes of work without a read.
func checkObjectNumbers(data []byte) error {
	limit := objectLimit(len(data))
	kw := []byte("obj")
	for at := 0; ; {
		i := bytes.Index(data[at:], kw)
		if i < 0 {
			return nil
		}
		pos := at + i
		at = pos + len(kw)
		if at < len(data) && !isDelimOrSpace(data[at]) {
			continue // a longer keyword or name
		}
		num, gen, ok := headerBefore(data[:pos])
		if !ok {
			continue
		}
		if num > limit || gen > 65535 {
			return because(ErrDamaged, "object header %d %d obj has a number beyond what the file can hold", num, gen)
		}
	}
}

// headerBefore reads the "num gen " that precedes an obj keyword at the end
// of b. Numbers too long to be sound read as huge.
func headerBefore(b []byte) (num, gen int64, ok bool) {
	gen, b, ok = intBefore(b)
	if !ok {
		return 0, 0, false
	}
	num, b, ok = intBefore(b)
	if !ok {
		return 0, 0, false
	}
	if len(b) > 0 && !isDelimOrSpace(b[len(b)-1]) {
		return 0, 0, false // part of a longer token, as in "1.5 0 obj"
	}
	return num, gen, true
}

// intBefore reads the integer, preceded by white space, that ends b after
// optional white space.
func intBefore(b []byte) (int64, []byte, bool) {
	end := len(b)
	for end > 0 && isSpace(b[end-1]) {
		end--
	}
	if end == len(b) && len(b) > 0 {
		// "obj" and the number before it must be apart.
		return 0, b, false
	}
	start := end
	for start > 0 && end-start < 20 && b[start-1] >= '0' && b[start-1] <= '9' {
		start--
	}
	if start == end {
		return 0, b, false
	}
	var n int64
	for _, c := range b[start:end] {
		n = n*10 + int64(c-'0')
		if n > 1<<53 {
			n = 1 << 53
		}
	}
	return n, b[:start], true
}
