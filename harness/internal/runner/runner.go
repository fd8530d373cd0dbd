// Package runner builds a kata's test binary under the race detector and runs
// it with bounds on time and output. It knows nothing of verdicts: it returns
// what the go command and the binary printed, for package diagnose to read.
//
// Building and running are separate steps so that a verifier can run one
// build many times, and so that a hang in the code under test can be told
// apart from a slow first build. The build is `go test -c -race`, which also
// runs the vet checks that `go test` runs.
package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Bounds on a run. The suite bounds itself (harness.SuiteTimeout, 30 s);
// the test binary's own -test.timeout dumps every goroutine if that fails;
// the process kill is the last resort.
const (
	DefaultBuildTimeout = 10 * time.Minute // a first build on two cores takes about two
	DefaultRunTimeout   = 50 * time.Second
	testTimeout         = 40 * time.Second
	// MaxOutput is how much of a run's output is kept; a kata that prints
	// megabytes is cut there, and the result says so.
	MaxOutput = 4 << 20
)

// ReportEnv must match harness.ReportEnv (the runner does not import the
// harness library, which imports Ginkgo's DSL).
const ReportEnv = "RACEKATAS_GINKGO_REPORT"

// FailFastEnv must match harness.FailFastEnv: set, a DEADLOCK ends the
// suite at once.
const FailFastEnv = "RACEKATAS_FAIL_FAST"

// Target is one build: a kata package, optionally with some of its files
// replaced (a solution or a wrong fix).
type Target struct {
	Root    string            // module root, absolute
	Dir     string            // the kata's folder, absolute
	Overlay map[string]string // kata file -> replacement file, both absolute
}

// Build is the outcome of compiling a Target.
type Build struct {
	Binary   string // test binary; empty when the build failed
	Output   string // what the go command printed (compiler and vet errors)
	Failed   bool
	Duration time.Duration
}

// Run is the outcome of executing a test binary once.
type Run struct {
	Output    string // stdout and stderr interleaved, as a terminal would show them
	Truncated bool   // Output was cut at MaxOutput
	ExitCode  int
	Killed    bool   // the process outlived its bound and was killed
	Report    []byte // Ginkgo's JSON report, when the suite wrote one
	Duration  time.Duration
}

// Compile builds t's test binary into dir (a scratch folder the caller owns).
func Compile(ctx context.Context, t Target, dir string, timeout time.Duration) (Build, error) {
	if timeout <= 0 {
		timeout = DefaultBuildTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	rel, err := filepath.Rel(t.Root, t.Dir)
	if err != nil {
		return Build{}, err
	}
	bin := filepath.Join(dir, "kata.test")
	args := []string{"test", "-c", "-race", "-o", bin}
	if len(t.Overlay) > 0 {
		ov := filepath.Join(dir, "overlay.json")
		if err := writeOverlay(ov, t.Overlay); err != nil {
			return Build{}, err
		}
		args = append(args, "-overlay="+ov)
	}
	args = append(args, "./"+filepath.ToSlash(rel))

	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = t.Root
	cmd.Env = os.Environ()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err = cmd.Run()
	b := Build{Output: out.String(), Duration: time.Since(start)}
	if ctx.Err() != nil {
		return b, fmt.Errorf("building %s took longer than %s; is the machine overloaded?", rel, timeout)
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
		b.Binary = bin
	case errors.As(err, &exit):
		b.Failed = true
	default:
		return b, fmt.Errorf("could not run the go command: %w", err)
	}
	return b, nil
}

func writeOverlay(path string, replace map[string]string) error {
	data, err := json.Marshal(struct{ Replace map[string]string }{replace})
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// Execute runs a test binary once in the kata's folder, as go test would,
// and kills it (and anything it started) if it outlives timeout.
//
// env adds variables to the binary's environment (KEY=VALUE).
func Execute(ctx context.Context, binary, kataDir, scratch string, timeout time.Duration, env ...string) (Run, error) {
	if timeout <= 0 {
		timeout = DefaultRunTimeout
	}
	report := filepath.Join(scratch, fmt.Sprintf("ginkgo-%d.json", time.Now().UnixNano()))
	defer os.Remove(report)

	cmd := exec.Command(binary, "-test.count=1", "-test.timeout="+testTimeout.String())
	cmd.Dir = kataDir
	cmd.Env = append(os.Environ(),
		// Without this every race-enabled process sleeps 1 s before exiting.
		"GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"),
		ReportEnv+"="+report,
	)
	cmd.Env = append(cmd.Env, env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out := &capped{max: MaxOutput}
	cmd.Stdout, cmd.Stderr = out, out

	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Run{}, fmt.Errorf("could not start the test binary: %w", err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()

	var (
		err    error
		killed bool
		timer  = time.NewTimer(timeout)
	)
	defer timer.Stop()
	select {
	case err = <-waited:
	case <-timer.C:
		killed = true
	case <-ctx.Done():
		killed = true
	}
	if killed {
		// The whole process group: the binary and anything it started.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		err = <-waited
	}
	r := Run{
		Output:    out.String(),
		Truncated: out.dropped > 0,
		Killed:    killed,
		Duration:  time.Since(start),
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.ExitCode = exit.ExitCode()
	default:
		return r, fmt.Errorf("running the test binary: %w", err)
	}
	if data, rerr := os.ReadFile(report); rerr == nil {
		r.Report = data
	}
	if ctx.Err() != nil {
		return r, ctx.Err()
	}
	return r, nil
}

// capped keeps the first max bytes written to it and counts the rest.
// os/exec calls Write from one goroutine at a time when Stdout and Stderr are
// the same writer, so capped needs no lock.
type capped struct {
	buf     bytes.Buffer
	max     int
	dropped int
}

func (c *capped) Write(p []byte) (int, error) {
	room := c.max - c.buf.Len()
	switch {
	case room <= 0:
		c.dropped += len(p)
	case len(p) > room:
		c.buf.Write(p[:room])
		c.dropped += len(p) - room
	default:
		c.buf.Write(p)
	}
	return len(p), nil
}

func (c *capped) String() string {
	if c.dropped == 0 {
		return c.buf.String()
	}
	return c.buf.String() + fmt.Sprintf("\n[racekatas: %d more bytes of output were cut]\n", c.dropped)
}
