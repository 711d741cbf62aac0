package pdffile

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"time"
)

// Isolation runs the repair pass in a child process, so that a loop or a
// runaway allocation of the repair library (which watches no context while
// it writes) costs at most Timeout and MaxMemory, and cancelling the
// context stops it at once: the child is killed.
//
// The child is the executable at Path started with Args and a marker in
// its environment; that program must call ServeRepair first thing when
// IsRepairChild reports true (the obiettivi command does). The file and
// the password reach the child on its standard input, never on its command
// line; the repaired bytes come back on its standard output.
type Isolation struct {
	// Path is the executable to start; empty means this one.
	Path string
	// Args are its arguments after the program name.
	Args []string
	// Timeout bounds one repair; 0 means 10 s plus 1 s per MB of file.
	Timeout time.Duration
	// MaxMemory bounds the child's memory in bytes; 0 means 1 GiB.
	MaxMemory int64
}

// childEnv marks a process started by Isolation as a repair child.
const childEnv = "OBIETTIVI_PDFFILE_REPAIR_CHILD"

// IsRepairChild reports whether this process was started by Isolation to
// repair a file; its main function must then call ServeRepair and exit.
func IsRepairChild() bool { return os.Getenv(childEnv) == "1" }

// protocol framing: both directions start with a magic word.
var (
	requestMagic  = []byte("OBRQ1")
	responseMagic = []byte("OBRS1")
)

// Response status bytes and the reasons they carry.
const (
	statusOK byte = iota
	statusFailed
)

var kindCodes = []error{ErrDamaged, ErrNeedPassword, ErrBadPassword, ErrUnsupported, ErrTooLarge, ErrPageTree}

func (iso *Isolation) timeout(size int) time.Duration {
	if iso.Timeout > 0 {
		return iso.Timeout
	}
	return 10*time.Second + time.Duration(size>>20)*time.Second
}

func (iso *Isolation) maxMemory() int64 {
	if iso.MaxMemory > 0 {
		return iso.MaxMemory
	}
	return 1 << 30
}

// repair runs the repair pass on data in a child process.
func (iso *Isolation) repair(ctx context.Context, data []byte, password string, rebuild bool) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	exe := iso.Path
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("starting the repair process: %w", err)
		}
	}
	timeout := iso.timeout(len(data))
	limit := iso.maxMemory()

	cmd := exec.Command(exe, iso.Args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.SysProcAttr = childAttr()
	var req bytes.Buffer
	req.Write(requestMagic)
	binary.Write(&req, binary.BigEndian, uint64(limit))
	binary.Write(&req, binary.BigEndian, uint64(timeout))
	binary.Write(&req, binary.BigEndian, uint32(len(password)))
	req.WriteString(password)
	req.WriteByte(boolByte(rebuild))
	cmd.Stdin = io.MultiReader(&req, bytes.NewReader(data))
	// A repaired file is about as large as the original; a child that
	// writes far more is not answering.
	out := &cappedBuffer{max: 4*len(data) + 1<<20}
	errOut := &cappedBuffer{max: 64 << 10}
	cmd.Stdout, cmd.Stderr = out, errOut
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the repair process: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		return answer(exe, out, errOut, err, limit, peakRSS(cmd.ProcessState))
	case <-ctx.Done():
		cmd.Process.Kill()
		<-done
		return nil, ctx.Err()
	case <-timer.C:
		cmd.Process.Kill()
		<-done
		return nil, because(ErrDamaged, "repairing it takes longer than %s", timeout)
	}
}

// answer reads the response of the child exe once it has exited.
func answer(exe string, out, errOut *cappedBuffer, waitErr error, limit, peak int64) ([]byte, error) {
	if waitErr != nil {
		// Refused memory, the runtime ends the child in one of several
		// ways (a fatal error, a failed thread, even a fault in the
		// collector): its message, or a peak near the limit, tells.
		if outOfMemory(errOut.Bytes()) || peak >= limit/2 {
			return nil, because(ErrTooLarge, "repairing it needs more than %s of memory", megabytes(limit))
		}
		return nil, &damaged{part: "the repair pass failed on it", cause: waitErr}
	}
	if out.over {
		return nil, because(ErrDamaged, "the repaired file grows beyond four times its size")
	}
	if !out.answered() {
		return nil, fmt.Errorf("the repair process %s gave no answer: it must call pdffile.ServeRepair when pdffile.IsRepairChild", exe)
	}
	return decodeAnswer(out.Bytes()[len(responseMagic):])
}

func decodeAnswer(b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, because(ErrDamaged, "the repair pass gave an incomplete answer")
	}
	switch b[0] {
	case statusOK:
		return b[1:], nil
	case statusFailed:
		if len(b) < 2 || int(b[1]) >= len(kindCodes) {
			return nil, because(ErrDamaged, "the repair pass gave an incomplete answer")
		}
		kind, msg := kindCodes[b[1]], string(b[2:])
		if msg == kind.Error() {
			return nil, kind
		}
		return nil, worded(kind, "%s", msg)
	}
	return nil, because(ErrDamaged, "the repair pass gave an incomplete answer")
}

// ServeRepair is the repair child's work: it reads a request from in,
// repairs the file in this process under the memory limit and deadline
// the request carries, writes the answer to out and returns the exit code
// of the process.
func ServeRepair(in io.Reader, out io.Writer) int {
	br := bufio.NewReader(in)
	magic := make([]byte, len(requestMagic))
	var limit, timeout uint64
	var pwLen uint32
	if _, err := io.ReadFull(br, magic); err != nil || !bytes.Equal(magic, requestMagic) {
		fmt.Fprintln(os.Stderr, "not a repair request")
		return 2
	}
	if binary.Read(br, binary.BigEndian, &limit) != nil || binary.Read(br, binary.BigEndian, &timeout) != nil ||
		binary.Read(br, binary.BigEndian, &pwLen) != nil || pwLen > 1<<16 {
		fmt.Fprintln(os.Stderr, "not a repair request")
		return 2
	}
	limitMemory(int64(limit))
	// Should the parent vanish without killing it, the child still ends.
	time.AfterFunc(time.Duration(timeout)+2*time.Second, func() { os.Exit(3) })

	pw := make([]byte, pwLen)
	if _, err := io.ReadFull(br, pw); err != nil {
		fmt.Fprintln(os.Stderr, "not a repair request")
		return 2
	}
	rebuild, err := br.ReadByte()
	if err != nil {
		fmt.Fprintln(os.Stderr, "not a repair request")
		return 2
	}
	data, err := io.ReadAll(br)
	if err != nil {
		fmt.Fprintln(os.Stderr, "reading the request:", err)
		return 2
	}
	fixed, err := repair(context.Background(), data, string(pw), rebuild == 1)
	w := bufio.NewWriter(out)
	w.Write(responseMagic)
	if err != nil {
		w.WriteByte(statusFailed)
		w.WriteByte(kindCode(err))
		w.WriteString(err.Error())
	} else {
		w.WriteByte(statusOK)
		w.Write(fixed)
	}
	if err := w.Flush(); err != nil {
		return 2
	}
	return 0
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func kindCode(err error) byte {
	for i, k := range kindCodes {
		if i > 0 && errors.Is(err, k) {
			return byte(i)
		}
	}
	return 0
}

// limitMemory bounds this process to limit bytes: the Go runtime collects
// harder as it nears three quarters of it, and the operating system refuses
// memory past it (the runtime then ends the process, which the parent
// reports as a file too large to repair).
func limitMemory(limit int64) {
	if limit <= 0 {
		return
	}
	debug.SetMemoryLimit(limit / 4 * 3)
	setDataLimit(limit)
}

// outOfMemory reports whether a child's standard error shows that it was
// refused memory: by the Go runtime, or for a new thread's stack.
func outOfMemory(stderr []byte) bool {
	for _, s := range []string{"out of memory", "cannot allocate memory", "pthread_create failed"} {
		if bytes.Contains(stderr, []byte(s)) {
			return true
		}
	}
	return false
}

// cappedBuffer keeps at most max bytes and notes whether more came.
type cappedBuffer struct {
	bytes.Buffer
	max  int
	over bool
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); len(p) > room {
		c.over = true
		c.Buffer.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return c.Buffer.Write(p)
}

func (c *cappedBuffer) answered() bool { return bytes.HasPrefix(c.Bytes(), responseMagic) }
