package pdffile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	pdfapi "github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// disableConfigDir keeps pdfcpu from creating a configuration folder in
// the user's home directory; once is enough, and pdfcpu reads the setting
// without a lock.
var disableConfigDir = sync.OnceFunc(pdfapi.DisableConfigDir)

// repair rewrites data with pdfcpu into a file ledongthuc/pdf can read: the
// cross-reference table rebuilt by relaxed validation, encryption removed,
// no object streams.
func repair(ctx context.Context, data []byte, password string) ([]byte, error) {
	out, err := rewrite(ctx, data, password)
	if err != nil && !errors.Is(err, pdfcpu.ErrWrongPassword) && ctx.Err() == nil {
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
	case errors.As(err, &s) && !errors.Is(s.err, errReadBudget):
		return nil, s.err
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(err, pdfcpu.ErrWrongPassword) && password == "":
		return nil, ErrNeedPassword
	case errors.Is(err, pdfcpu.ErrWrongPassword):
		return nil, ErrBadPassword
	case errors.Is(err, pdfcpu.ErrUnsupportedEncryptionFeature):
		return nil, because(ErrUnsupported, "%v", err)
	}
	return nil, because(ErrDamaged, "%v", err)
}

// rewrite is one pdfcpu pass over data; panics of pdfcpu end here.
func rewrite(ctx context.Context, data []byte, password string) (out []byte, err error) {
	g := newGuard(ctx, data)
	defer g.disarm()
	defer func() {
		if x := recover(); x != nil {
			out, err = nil, fmt.Errorf("the repair library failed (%v)", x)
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
