package mutate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/racekatas/racekatas/harness/internal/check"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/pool"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// Status is what became of a mutant.
type Status string

// The statuses.
const (
	Killed     Status = "killed"     // at least one run did not pass
	Survived   Status = "survived"   // every run passed: the specs have a blind spot
	Equivalent Status = "equivalent" // listed in the manifest as changing nothing; not run
	Invalid    Status = "invalid"    // does not build (a wrong guess of an operator)
	Error      Status = "error"      // could not be run at all (the harness's fault)
	Skipped    Status = "skipped"    // not run: the time budget ran out
)

// Result is one mutant and what the specs made of it.
type Result struct {
	Kata string `json:"kata"`
	Mutant
	Status  Status         `json:"status"`
	Got     []verdict.Kind `json:"got,omitempty"`     // one per run
	Reason  string         `json:"reason,omitempty"`  // why it is equivalent
	Problem string         `json:"problem,omitempty"` // why it is invalid or an error
	BuildMS int64          `json:"buildMs,omitempty"`
	RunMS   int64          `json:"runMs,omitempty"` // all runs together
}

// Weak reports a kill that not every run saw: the specs catch the mutant
// only by luck of the schedule.
func (r Result) Weak() bool {
	if r.Status != Killed {
		return false
	}
	for _, g := range r.Got {
		if g == verdict.Pass {
			return true
		}
	}
	return false
}

// Tally counts the runs per kind, as verify does: "race 3/3".
func (r Result) Tally() string { return verdict.Tally(r.Got) }

// Options control a mutation run.
type Options struct {
	Runs  int      // runs of the specs per mutant; 0 means 1
	Jobs  int      // mutants built and run at once; 0 means 2
	Katas []string // only these katas; empty means all
	Only  string   // only mutants whose ID contains this
	// MaxTime stops starting new mutants once this much time has passed;
	// the rest are reported as skipped. 0: no limit.
	MaxTime time.Duration
	// Scratch holds one folder per worker where mutants are written. It
	// must be outside the module. "": a folder under the system's temp.
	Scratch string
	// Progress, if set, is called after each mutant (one call at a time).
	Progress func(done, total int, r Result)
}

// KataReport is the outcome for one kata.
type KataReport struct {
	Kata       string   `json:"kata"`
	Hash       string   `json:"hash"` // of the files the outcome depends on (FilesHash)
	Runs       int      `json:"runs"`
	Mutants    int      `json:"mutants"`
	Killed     int      `json:"killed"`
	Weak       int      `json:"weak"` // killed, but not in every run
	Survived   int      `json:"survived"`
	Equivalent int      `json:"equivalent"`
	Invalid    int      `json:"invalid"`
	Errors     int      `json:"errors"`
	Skipped    int      `json:"skipped"`
	Seconds    float64  `json:"seconds"` // build and run time of its mutants, summed
	Results    []Result `json:"results,omitempty"`
}

// Score is the share of the mutants that count (neither equivalent, nor
// invalid, nor unrun) that the specs killed.
func (k KataReport) Score() (float64, bool) {
	n := k.Mutants - k.Equivalent - k.Invalid - k.Errors - k.Skipped
	if n <= 0 {
		return 0, false
	}
	return float64(k.Killed) / float64(n), true
}

func (k *KataReport) count(r Result) {
	k.Mutants++
	switch r.Status {
	case Killed:
		k.Killed++
		if r.Weak() {
			k.Weak++
		}
	case Survived:
		k.Survived++
	case Equivalent:
		k.Equivalent++
	case Invalid:
		k.Invalid++
	case Error:
		k.Errors++
	case Skipped:
		k.Skipped++
	}
	k.Seconds += float64(r.BuildMS+r.RunMS) / 1000
}

// Report is the outcome of a mutation run.
type Report struct {
	Runs    int          `json:"runs"`
	Seconds float64      `json:"seconds"` // wall time
	Katas   []KataReport `json:"katas"`
}

// Total adds up every kata.
func (r *Report) Total() KataReport {
	t := KataReport{Kata: "total", Runs: r.Runs}
	for _, k := range r.Katas {
		t.Mutants += k.Mutants
		t.Killed += k.Killed
		t.Weak += k.Weak
		t.Survived += k.Survived
		t.Equivalent += k.Equivalent
		t.Invalid += k.Invalid
		t.Errors += k.Errors
		t.Skipped += k.Skipped
		t.Seconds += k.Seconds
	}
	return t
}

// Failed reports whether a mutant survived or could not be run; with
// strict, also whether one was killed in fewer than all runs.
func (r *Report) Failed(strict bool) bool {
	t := r.Total()
	return t.Survived > 0 || t.Errors > 0 || (strict && t.Weak > 0)
}

// Mutants lists the mutants of kata k's solution, with the status
// Equivalent on those the manifest lists and "" on the others.
func Mutants(m *manifest.Manifest, k manifest.Kata) ([]Result, error) {
	ms, err := Generate(m.SolutionDir(k))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", k.Name, err)
	}
	equivalent := map[string]string{}
	for _, e := range k.Equivalent {
		equivalent[e.Mutant] = e.Reason
	}
	out := make([]Result, len(ms))
	for i, mu := range ms {
		out[i] = Result{Kata: k.Name, Mutant: mu}
		if reason, ok := equivalent[mu.ID]; ok {
			out[i].Status, out[i].Reason = Equivalent, reason
		}
	}
	return out, nil
}

// Run makes the mutants of each kata's solution, runs the kata's specs on
// each, and reports which the specs kill.
func Run(ctx context.Context, m *manifest.Manifest, opts Options) (*Report, error) {
	start := time.Now()
	katas, err := selectKatas(m, opts.Katas)
	if err != nil {
		return nil, err
	}
	runs := max(opts.Runs, 1)
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = 2
	}
	scratch := opts.Scratch
	if scratch == "" {
		// Stable folders, not fresh ones: check keeps one test binary per
		// kata and variant folder in the user's cache, so a fresh folder
		// per run would leave a binary behind for every mutant.
		scratch = filepath.Join(os.TempDir(), "racekatas-mutate")
	}

	rep := &Report{Runs: runs}
	type job struct {
		kata int // index in rep.Katas
		k    manifest.Kata
		res  int // index in rep.Katas[kata].Results
	}
	var todo []job
	for _, k := range katas {
		rs, err := Mutants(m, k)
		if err != nil {
			return nil, err
		}
		hash, err := FilesHash(m, k)
		if err != nil {
			return nil, err
		}
		kr := KataReport{Kata: k.Name, Hash: hash, Runs: runs}
		for _, r := range rs {
			if opts.Only != "" && !strings.Contains(r.ID, opts.Only) {
				continue
			}
			kr.Results = append(kr.Results, r)
			if r.Status == "" {
				todo = append(todo, job{len(rep.Katas), k, len(kr.Results) - 1})
			}
		}
		rep.Katas = append(rep.Katas, kr)
	}

	// One folder per worker: the mutant's files are written there, and
	// check builds from it. A worker takes a free folder for each job.
	slots := make(chan string, jobs)
	for i := range jobs {
		slots <- filepath.Join(scratch, "w"+strconv.Itoa(i))
	}
	var (
		mu   sync.Mutex // serialises Progress and done
		done int
	)
	pool.Each(ctx, len(todo), jobs, func(i int) {
		j := todo[i]
		r := rep.Katas[j.kata].Results[j.res]
		if opts.MaxTime > 0 && time.Since(start) > opts.MaxTime {
			r.Status, r.Problem = Skipped, "time budget spent"
		} else {
			slot := <-slots
			r = runMutant(ctx, m, j.k, r, slot, runs)
			slots <- slot
		}
		rep.Katas[j.kata].Results[j.res] = r
		mu.Lock()
		defer mu.Unlock()
		done++
		if opts.Progress != nil {
			opts.Progress(done, len(todo), r)
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i := range rep.Katas {
		kr := &rep.Katas[i]
		for _, r := range kr.Results {
			if r.Status == "" { // never started: the context ended
				r.Status = Skipped
			}
			kr.count(r)
		}
	}
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

func selectKatas(m *manifest.Manifest, names []string) ([]manifest.Kata, error) {
	if len(names) == 0 {
		return m.Katas, nil
	}
	var out []manifest.Kata
	for _, n := range names {
		k, err := m.Find(n)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, nil
}

// runMutant writes the mutant and the solution's other files into slot, and
// runs the kata's specs on them.
func runMutant(ctx context.Context, m *manifest.Manifest, k manifest.Kata, r Result, slot string, runs int) Result {
	if r.Mutant.Problem != "" {
		r.Status, r.Problem = Invalid, r.Mutant.Problem
		return r
	}
	if err := writeVariant(slot, m.SolutionDir(k), r.File, r.Src); err != nil {
		r.Status, r.Problem = Error, err.Error()
		return r
	}
	res, err := check.Run(ctx, m, k, check.Variant{Name: "mutant", Dir: slot}, check.Options{Runs: runs})
	if err != nil {
		r.Status, r.Problem = Error, err.Error()
		return r
	}
	r.BuildMS = res.Build.Duration.Milliseconds()
	if res.Build.Failed {
		r.Status, r.Problem = Invalid, "does not build: "+res.Build.FirstError()
		return r
	}
	r.Status = Survived
	for i, d := range res.Runs {
		r.Got = append(r.Got, d.Kind)
		r.RunMS += res.Durations[i].Milliseconds()
		if d.Kind != verdict.Pass {
			r.Status = Killed
		}
	}
	return r
}

// writeVariant empties dir and fills it with the solution's non-test Go
// files, file replaced by src.
func writeVariant(dir, solution, file string, src []byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names, err := goFiles(solution)
	if err != nil {
		return err
	}
	for _, n := range names {
		data := src
		if n != file {
			if data, err = os.ReadFile(filepath.Join(solution, n)); err != nil {
				return err
			}
		}
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// FilesHash is a hash of what a kata's mutation outcome depends on: every
// file of katas/NAME but its README (specs and the kata's code), the
// solution's Go files (not wrong/ or alt/), and the manifest's equivalent
// list. The README is prose no run reads, so editing it re-runs nothing. CI runs
// mutate again on the katas whose hash differs from the report's. The
// harness library is left out, so that a change there does not re-run all
// forty katas; run the full command after one.
func FilesHash(m *manifest.Manifest, k manifest.Kata) (string, error) {
	h := sha256.New()
	add := func(rel string, data []byte) {
		fmt.Fprintf(h, "%s\x00%d\x00", rel, len(data))
		h.Write(data)
	}
	var files []string
	err := filepath.WalkDir(m.Dir(k), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !(d.Name() == "README.md" && filepath.Dir(p) == m.Dir(k)) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	names, err := goFiles(m.SolutionDir(k))
	if err != nil {
		return "", err
	}
	for _, n := range names {
		files = append(files, filepath.Join(m.SolutionDir(k), n))
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(m.Root, f)
		add(filepath.ToSlash(rel), data)
	}
	for _, e := range k.Equivalent {
		add("equivalent", []byte(e.Mutant+"\x00"+e.Reason))
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
