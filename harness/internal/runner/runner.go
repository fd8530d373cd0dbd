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
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Bounds on a run. The suite bounds itself (harness.SuiteTimeout, 30 s);
// the test binary's own -test.timeout dumps every goroutine if that fails;
// the process kill is the last resort.
const (
	DefaultBuildTimeout = 10 * time.Minute // a first build on two cores takes about two
	DefaultRunTimeout   = 50 * time.Second
	testTimeout         = 40 * time.Second
	waitDelay           = 5 * time.Second
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
	// Copies maps each copy the build read (see Compile) back to the
	// replacement file it was copied from, so diagnoses name the real file.
	Copies map[string]string
}

// ErrToolchain marks a build failure that is the go command's fault, not the
// code's: it must never be scored or shown as the learner's build error.
var ErrToolchain = errors.New("the go command failed for a reason outside the code")

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
	bin := filepath.Join(dir, "kata.test"+exeSuffix)
	args := []string{"test", "-c", "-race", "-o", bin}
	var copies map[string]string
	if len(t.Overlay) > 0 {
		ov := filepath.Join(dir, "overlay.json")
		if copies, err = writeOverlay(ov, dir, t.Overlay); err != nil {
			return Build{}, err
		}
		args = append(args, "-overlay="+ov)
	}
	args = append(args, "./"+filepath.ToSlash(rel))

	start := time.Now()
	b, err := goBuild(ctx, t.Root, args)
	if err == nil && b.Failed && staleIndex(b.Output) {
		// golang/go#69179: with some states of the go command's module
		// index (kept in GOCACHE), a package that builds reports
		// "could not import X (open : no such file or directory)". The
		// copies above avoid the case we know; if it happens anyway,
		// build once more without the index before blaming the code.
		b, err = goBuild(ctx, t.Root, args, "GODEBUG=goindex=0")
		if err == nil && b.Failed && staleIndex(b.Output) {
			err = fmt.Errorf("%w: %s (the go command cannot read a standard package; try `go clean -cache`)", ErrToolchain, firstLine(b.Output))
		}
	}
	b.Duration, b.Copies = time.Since(start), copies
	if ctx.Err() != nil {
		return b, fmt.Errorf("building %s took longer than %s; is the machine overloaded?", rel, timeout)
	}
	if err != nil {
		return b, err
	}
	if !b.Failed {
		b.Binary = bin
	}
	return b, nil
}

// goBuild runs the go command in root with extra environment variables.
func goBuild(ctx context.Context, root string, args []string, env ...string) (Build, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	b := Build{Output: out.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		b.Failed = true
	default:
		return b, fmt.Errorf("could not run the go command: %w", err)
	}
	return b, nil
}

var staleIndexRE = regexp.MustCompile(`could not import \S+ \(open : no such file or directory\)`)

// staleIndex reports whether every error in a failed build's output is the
// module index's "could not import X (open : …)", not a fault in the code.
func staleIndex(output string) bool {
	found := false
	for _, line := range strings.Split(output, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "FAIL"):
		case staleIndexRE.MatchString(line):
			found = true
		default:
			return false
		}
	}
	return found
}

// FirstError is the first line of the go command's output that is not a
// "# package" header: what a one-line report of a failed build shows.
func (b Build) FirstError() string { return firstLine(b.Output) }

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return l
		}
	}
	return strings.TrimSpace(s)
}

// writeOverlay writes the go command's overlay file. Each replacement is
// first copied into dir (the build's own folder, outside the module): a
// replacement read from inside the module tree (solutions/…) can fail to
// build with a stale module index (golang/go#69179), while the same file
// elsewhere builds. It returns copy -> original replacement. An empty
// replacement (a file hidden from the build) stays empty.
func writeOverlay(path, dir string, replace map[string]string) (map[string]string, error) {
	kataFiles := make([]string, 0, len(replace))
	for k := range replace {
		kataFiles = append(kataFiles, k)
	}
	sort.Strings(kataFiles)
	src := filepath.Join(dir, "src")
	if err := os.RemoveAll(src); err != nil {
		return nil, err
	}
	copies := map[string]string{}
	overlay := map[string]string{}
	for i, k := range kataFiles {
		repl := replace[k]
		if repl == "" {
			overlay[k] = ""
			continue
		}
		data, err := os.ReadFile(repl)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", repl, err)
		}
		cp := filepath.Join(src, strconv.Itoa(i), filepath.Base(repl))
		if err := os.MkdirAll(filepath.Dir(cp), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(cp, data, 0o644); err != nil {
			return nil, err
		}
		overlay[k], copies[cp] = cp, repl
	}
	data, err := json.Marshal(struct{ Replace map[string]string }{overlay})
	if err != nil {
		return nil, err
	}
	return copies, os.WriteFile(path, data, 0o644)
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
	// A minimal environment (see TestEnv): no GITHUB_*, tokens or file
	// commands reach the code under test.
	cmd.Env = TestEnv(
		// Without this every race-enabled process sleeps 1 s before exiting.
		"GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"),
		ReportEnv+"="+report,
	)
	cmd.Env = append(cmd.Env, env...)
	ownGroup(cmd) // see killTree, per system
	// A process that outlives the binary (started by it, escaped from the
	// kill) may hold its output open: Wait gives up on it after this.
	cmd.WaitDelay = waitDelay
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
		// The binary and anything it started (killTree, per system).
		if kerr := killTree(cmd.Process); kerr != nil {
			_ = cmd.Process.Kill()
		}
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
	case errors.Is(err, exec.ErrWaitDelay):
		// The binary exited 0; something it started kept the output open.
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
