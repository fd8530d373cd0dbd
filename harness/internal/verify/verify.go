// Package verify proves the repository teaches what it claims: every kata
// fails for its intended reason, every solution passes, and every tempting
// wrong fix is rejected for the reason the manifest gives, on every run.
package verify

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/racekatas/racekatas/harness/internal/check"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/pool"
	"github.com/racekatas/racekatas/harness/internal/pristine"
	"github.com/racekatas/racekatas/harness/internal/scaffold"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// MaxRun bounds one run of a kata suite: a learner waits this long at most.
const MaxRun = 30 * time.Second

// Case is one variant of one kata and the verdict it must get.
type Case struct {
	Kata    string       `json:"kata"`
	Variant string       `json:"variant"` // kata, solution, wrong/LABEL, alt/LABEL
	Want    verdict.Kind `json:"want"`
}

// Outcome is what a case got over all its runs.
type Outcome struct {
	Case
	Got []verdict.Kind `json:"got"` // one per run
	// Unstable: the runs did not all get the same kind (a spec that catches
	// a bug only sometimes, or a fix that passes only sometimes).
	Unstable bool   `json:"unstable,omitempty"`
	Problem  string `json:"problem,omitempty"` // a check that is not a run: missing TODO, build error...
	BuildMS  int64  `json:"buildMs"`
	MedianMS int64  `json:"medianRunMs"`
	MaxMS    int64  `json:"maxRunMs"`
}

// OK reports whether every run got the wanted kind and nothing else is wrong.
func (o Outcome) OK() bool {
	if o.Problem != "" || len(o.Got) == 0 {
		return false
	}
	for _, g := range o.Got {
		if g != o.Want {
			return false
		}
	}
	return true
}

// varies reports whether the runs did not all get the same kind.
func (o Outcome) varies() bool {
	for _, g := range o.Got {
		if g != o.Got[0] {
			return true
		}
	}
	return false
}

// Tally counts the runs per kind: "race 20/20" or "race 19/20, pass 1/20".
func (o Outcome) Tally() string { return verdict.Tally(o.Got) }

// Options control a verification.
type Options struct {
	Runs  int      // runs per case; 0 means 1
	Jobs  int      // cases built and run at once; 0 means 2
	Katas []string // only these katas; empty means all
	// Only keeps the cases whose "KATA VARIANT" contains one of these
	// texts ("wrong/", "alt/", "06-seats-oversold wrong/split"); empty: all.
	Only []string
	// Draft skips the checks against shared files (pristine sums, the
	// learning path's links): for a kata verified from its own manifest
	// before it joins katas.toml.
	Draft bool
	// Progress, if set, is called after each case (from one goroutine at a time).
	Progress func(done, total int, o Outcome)
}

// Cases lists what must be proved for each kata.
func Cases(m *manifest.Manifest, k manifest.Kata) []Case {
	cs := []Case{
		{Kata: k.Name, Variant: "kata", Want: k.ExpectKind()},
		{Kata: k.Name, Variant: "solution", Want: verdict.Pass},
	}
	for _, w := range k.Wrong {
		cs = append(cs, Case{Kata: k.Name, Variant: "wrong/" + w.Label, Want: w.ExpectKind()})
	}
	for _, label := range m.Alts(k) {
		cs = append(cs, Case{Kata: k.Name, Variant: "alt/" + label, Want: verdict.Pass})
	}
	return cs
}

// Run verifies the manifest's katas and returns one outcome per case, in
// manifest order.
func Run(ctx context.Context, m *manifest.Manifest, opts Options) ([]Outcome, error) {
	katas := m.Katas
	if len(opts.Katas) > 0 {
		katas = nil
		for _, name := range opts.Katas {
			k, err := m.Find(name)
			if err != nil {
				return nil, err
			}
			katas = append(katas, k)
		}
	}
	type job struct {
		k manifest.Kata
		v check.Variant
		c Case
	}
	var jobs []job
	for _, k := range katas {
		vs := check.Variants(m, k)
		for j, c := range Cases(m, k) {
			if opts.keep(c) {
				jobs = append(jobs, job{k, vs[j], c})
			}
		}
	}
	out := make([]Outcome, len(jobs))
	var (
		mu   sync.Mutex // protects done and serialises Progress
		done int
	)
	pool.Each(ctx, len(jobs), opts.Jobs, func(i int) {
		j := jobs[i]
		o := runCase(ctx, m, j.k, j.v, j.c, opts)
		out[i] = o
		mu.Lock()
		defer mu.Unlock()
		done++
		if opts.Progress != nil {
			opts.Progress(done, len(out), o)
		}
	})
	return out, ctx.Err()
}

func (o Options) keep(c Case) bool {
	if len(o.Only) == 0 {
		return true
	}
	for _, text := range o.Only {
		if strings.Contains(c.Kata+" "+c.Variant, text) {
			return true
		}
	}
	return false
}

func runCase(ctx context.Context, m *manifest.Manifest, k manifest.Kata, v check.Variant, c Case, opts Options) Outcome {
	runs := opts.Runs
	o := Outcome{Case: c}
	if p := staticProblem(m, k, v, opts.Draft); p != "" {
		o.Problem = p
		return o
	}
	res, err := check.Run(ctx, m, k, v, check.Options{Runs: runs})
	if err != nil {
		o.Problem = err.Error()
		return o
	}
	o.BuildMS = res.Build.Duration.Milliseconds()
	var longest time.Duration
	for i, d := range res.Runs {
		o.Got = append(o.Got, d.Kind)
		longest = max(longest, res.Durations[i])
	}
	o.Unstable = o.varies()
	o.MedianMS = check.Median(res.Durations).Milliseconds()
	o.MaxMS = longest.Milliseconds()
	switch {
	case res.Build.Failed && c.Want != verdict.BuildError:
		o.Problem = "does not build: " + res.Build.FirstError()
	case longest > MaxRun:
		o.Problem = fmt.Sprintf("a run took %s; no kata run may take more than %s", longest.Round(time.Millisecond), MaxRun)
	}
	return o
}

// staticProblem checks what needs no run: the manifest entry is sound, the
// kata carries a TODO nudge, a README and up-to-date pristine checksums; the
// solution and the alternatives carry no TODO. Every problem found is
// listed at once, so an author fixes them in one pass.
func staticProblem(m *manifest.Manifest, k manifest.Kata, v check.Variant, draft bool) string {
	var problems []string
	add := func(p string) { problems = append(problems, p) }
	switch {
	case v.Name == "kata":
		problems = append(problems, k.Problems...)
		if left := scaffold.Leftovers(m, k); len(left) > 0 {
			add("scaffold text (" + scaffold.Marker + ") still to replace in " + strings.Join(left, ", "))
		}
		if !hasTODO(m.Dir(k)) {
			add("no `// TODO:` comment in the kata's files")
		}
		if _, err := os.Stat(filepath.Join(m.Dir(k), "README.md")); err != nil {
			add("no README.md")
		}
		if draft {
			break
		}
		if path, err := os.ReadFile(filepath.Join(m.Root, "katas", "README.md")); err != nil || !strings.Contains(string(path), "("+k.Name+"/)") {
			add("katas/README.md does not link the kata as (" + k.Name + "/)")
		}
		recorded, err := pristine.Load(m.Root)
		if err != nil {
			add(err.Error())
			break
		}
		current, err := pristine.Compute(m.Root, []string{k.Name})
		if err != nil {
			add(err.Error())
			break
		}
		var mine pristine.Sums = map[string]string{}
		for _, p := range recorded.Kata(k.Name) {
			mine[p] = recorded[p]
		}
		if diff := pristine.Diff(mine, current); len(diff) > 0 {
			add(fmt.Sprintf("%s is out of date for %s (run `%s sums`)", pristine.File, strings.Join(diff, ", "), manifest.Command(m.Root)))
		}
	case v.Name == "solution":
		if hasTODO(m.SolutionDir(k)) {
			add("the solution still has a `// TODO:` comment")
		}
	case strings.HasPrefix(v.Name, "alt/"):
		if hasTODO(v.Dir) {
			add("the correct alternative still has a `// TODO:` comment")
		}
	}
	return strings.Join(problems, "; ")
}

func hasTODO(dir string) bool {
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		if data, err := os.ReadFile(f); err == nil && strings.Contains(string(data), "// TODO:") {
			return true
		}
	}
	return false
}
