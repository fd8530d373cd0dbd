// Package speclist learns which specs a kata's suite holds, from a build
// that runs none of the graded code's specs (Ginkgo's dry run), and checks
// that a run which looked like a pass really ran and passed every one of
// them.
//
// A run's own report cannot be the reference: code inside the test process
// can skip specs, filter them away or end the process with status 0 before
// any runs, and the report of such a run lists fewer specs, or none. The
// reference is built from the kata's spec files with trusted code in the
// kata's place (the pristine kata, or the reference solution), and cached
// under the hash of the spec files and the module's dependencies.
package speclist

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/racekatas/racekatas/harness/internal/runner"
)

// Spec is one It of a suite, as its report names it.
type Spec struct {
	Text string `json:"text"` // containers, then the It
	File string `json:"file"` // base name of the spec file
	Line int    `json:"line"`
}

func (s Spec) key() string { return fmt.Sprintf("%s:%d %s", s.File, s.Line, s.Text) }

// Reference is where the reference build comes from.
type Reference struct {
	Root    string            // module root
	KataDir string            // the kata's folder: its spec files are the ones listed
	Overlay map[string]string // trusted non-test files put in place of the kata's (nil: the kata as is)
}

var (
	memo   sync.Map // key -> []Spec
	locks  sync.Map // key -> *sync.Mutex
	dryRun = 2 * time.Minute
)

// ErrNoGinkgo is Learn's answer for a test package without a Ginkgo suite
// (plain Go tests): there is no spec list to learn. Every kata's suite is a
// Ginkgo one; the harness's own test fixtures may not be.
var ErrNoGinkgo = errors.New("the tests are not a Ginkgo suite")

// Learn returns the specs of ref's suite, from the cache when the spec files
// are unchanged.
func Learn(ctx context.Context, ref Reference) ([]Spec, error) {
	key, err := cacheKey(ref.Root, ref.KataDir)
	if err != nil {
		return nil, err
	}
	mu, _ := locks.LoadOrStore(key, &sync.Mutex{})
	mu.(*sync.Mutex).Lock()
	defer mu.(*sync.Mutex).Unlock()
	if specs, ok := memo.Load(key); ok {
		return specs.([]Spec), nil
	}
	cache := cacheFile(key)
	if cache != "" {
		if data, err := os.ReadFile(cache); err == nil {
			var specs []Spec
			if json.Unmarshal(data, &specs) == nil {
				memo.Store(key, specs)
				return specs, nil
			}
		}
	}
	specs, err := list(ctx, ref)
	if err != nil {
		return nil, err
	}
	memo.Store(key, specs)
	if cache != "" {
		writeAtomic(cache, specs)
	}
	return specs, nil
}

// cacheKey hashes what decides the list: the kata's spec and suite files
// (names and contents) and the module's go.mod and go.sum (Ginkgo's version).
func cacheKey(root, kataDir string) (string, error) {
	h := sha256.New()
	for _, f := range []string{"go.mod", "go.sum"} {
		data, _ := os.ReadFile(filepath.Join(root, f))
		fmt.Fprintf(h, "%s %d\n", f, len(data))
		h.Write(data)
	}
	specs, err := filepath.Glob(filepath.Join(kataDir, "*_test.go"))
	if err != nil {
		return "", err
	}
	sort.Strings(specs)
	for _, f := range specs {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", filepath.Base(f), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

func cacheFile(key string) string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "racekatas", "specs", key+".json")
}

func writeAtomic(path string, specs []Spec) {
	data, err := json.Marshal(specs)
	if err != nil || os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".specs-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
	}
}

// list builds the reference and runs it with Ginkgo's dry run, which walks
// every spec without running any node, and reads the specs from its report.
func list(ctx context.Context, ref Reference) ([]Spec, error) {
	scratch, err := os.MkdirTemp("", "racekatas-specs-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(scratch)
	b, err := runner.Compile(ctx, runner.Target{Root: ref.Root, Dir: ref.KataDir, Overlay: ref.Overlay}, scratch, 0)
	if err != nil {
		return nil, err
	}
	if b.Failed {
		return nil, fmt.Errorf("the reference build of %s failed:\n%s", filepath.Base(ref.KataDir), strings.TrimSpace(b.Output))
	}
	report := filepath.Join(scratch, "dry-run.json")
	ctx, cancel := context.WithTimeout(ctx, dryRun)
	defer cancel()
	cmd := exec.CommandContext(ctx, b.Binary, "-test.count=1", "-ginkgo.dry-run")
	cmd.Dir = ref.KataDir
	cmd.Env = runner.TestEnv(runner.ReportEnv+"="+report, "GORACE=atexit_sleep_ms=0")
	out, err := cmd.CombinedOutput()
	if err != nil && strings.Contains(string(out), "flag provided but not defined: -ginkgo.dry-run") {
		return nil, ErrNoGinkgo
	}
	if err != nil {
		return nil, fmt.Errorf("the dry run of %s failed (%v):\n%s", filepath.Base(ref.KataDir), err, tail(string(out)))
	}
	data, err := os.ReadFile(report)
	if err != nil {
		return nil, fmt.Errorf("the dry run of %s wrote no report", filepath.Base(ref.KataDir))
	}
	var suites []types.Report
	if err := json.Unmarshal(data, &suites); err != nil {
		return nil, fmt.Errorf("the dry run of %s wrote a report that does not parse: %w", filepath.Base(ref.KataDir), err)
	}
	if len(suites) == 0 {
		return nil, errors.New("the dry run wrote an empty report")
	}
	specs := []Spec{}
	for _, s := range suites {
		for _, r := range s.SpecReports {
			if r.LeafNodeType == types.NodeTypeIt {
				specs = append(specs, specOf(r))
			}
		}
	}
	return specs, nil
}

func specOf(r types.SpecReport) Spec {
	return Spec{Text: r.FullText(), File: filepath.Base(r.LeafNodeLocation.FileName), Line: r.LeafNodeLocation.LineNumber}
}

func tail(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return strings.Join(lines, "\n")
}

// Gap is why a run that exited cleanly is not a pass: empty when every
// reference spec ran and passed.
type Gap struct {
	Reason string // one sentence
	Spec   *Spec  // the first spec that did not run and pass, when one is to blame
}

// Confirm checks Ginkgo's JSON report of a run against the reference specs:
// the report is present and whole, the run was not a dry run and was not
// filtered or focused, and every reference spec is in it, passed.
func Confirm(ref []Spec, report []byte) Gap {
	if len(report) == 0 {
		return Gap{Reason: "the test process ended without writing Ginkgo's report: something stopped it before the specs finished, so they cannot count"}
	}
	var suites []types.Report
	if err := json.Unmarshal(report, &suites); err != nil || len(suites) == 0 {
		return Gap{Reason: "Ginkgo's report of the run is incomplete or unreadable, so the specs cannot count"}
	}
	passed := map[string]int{}
	states := map[string]types.SpecState{}
	for _, s := range suites {
		c := s.SuiteConfig
		switch {
		case c.DryRun:
			return Gap{Reason: "the specs were only listed (Ginkgo's dry run), not run"}
		case len(c.FocusStrings)+len(c.SkipStrings)+len(c.FocusFiles)+len(c.SkipFiles) > 0 || c.LabelFilter != "" || c.SemVerFilter != "":
			return Gap{Reason: "the run was filtered (focus, skip or label flags), so not every spec ran"}
		case s.SuiteHasProgrammaticFocus:
			return Gap{Reason: "a spec is focused (FIt, FDescribe...), so the others did not run"}
		case !s.SuiteSucceeded:
			return Gap{Reason: "Ginkgo reports the suite as not succeeded: " + strings.Join(s.SpecialSuiteFailureReasons, "; ")}
		}
		for _, r := range s.SpecReports {
			if r.LeafNodeType != types.NodeTypeIt {
				continue
			}
			k := specOf(r).key()
			if r.State == types.SpecStatePassed {
				passed[k]++
			} else if _, seen := states[k]; !seen {
				states[k] = r.State
			}
		}
	}
	var missing []Spec
	why := ""
	for _, sp := range ref {
		k := sp.key()
		if passed[k] > 0 {
			passed[k]--
			continue
		}
		if len(missing) == 0 {
			switch st, ok := states[k]; {
			case !ok:
				why = "did not run"
			case st == types.SpecStateSkipped:
				why = "was skipped"
			case st == types.SpecStatePending:
				why = "is pending"
			default:
				why = "ended as " + st.String()
			}
		}
		missing = append(missing, sp)
	}
	if len(missing) == 0 {
		return Gap{}
	}
	first := missing[0]
	return Gap{
		Reason: fmt.Sprintf("not every spec ran and passed: %d of %d did not; the first, %q, %s", len(missing), len(ref), first.Text, why),
		Spec:   &first,
	}
}
