package cli

import (
	"fmt"
	"sync"

	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/pool"
	"github.com/racekatas/racekatas/harness/internal/pristine"
	"github.com/racekatas/racekatas/harness/internal/state"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// outcome is the latest verdict on one kata of the learner's tree.
type outcome struct {
	kata       manifest.Kata
	d          diagnose.Diagnosis
	cached     bool
	notStarted bool  // the kata's files are pristine and it was not run
	err        error // the kata could not be run at all
}

func (o outcome) solved() bool {
	return o.err == nil && !o.notStarted && o.d.Kind == verdict.Pass
}

// evaluate returns the verdict on each kata: from the cache where the
// kata's files are unchanged since their last run, "not started" where they
// are still pristine (verify proves a pristine kata fails, so running it
// tells nothing new), and by running it otherwise, two at a time. The first
// kata not solved is always run, so that its diagnosis can be shown: on a
// fresh clone that is one kata, not the whole path.
func (a *app) evaluate(katas []manifest.Kata, st *state.State, fresh bool) []outcome {
	out := make([]outcome, len(katas))
	hashes := make([]string, len(katas)) // of each kata's files before its run
	sums, _ := pristine.Load(a.root)     // none: every kata counts as started
	var todo []int
	for i, k := range katas {
		out[i].kata = k
		hash, err := state.Hash(a.root, a.m.Dir(k))
		if err != nil {
			out[i].err = err
			continue
		}
		hashes[i] = hash
		if d, ok := st.Lookup(k.Name, hash); ok && !fresh {
			out[i].d, out[i].cached = d, true
			continue
		}
		if sums.Untouched(a.root, k.Name) {
			out[i].notStarted = true
			continue
		}
		todo = append(todo, i)
	}
	// The first kata not known to be solved gets run, started or not;
	// after this round, a kata that turned out solved may leave the place
	// to a later one, which gets a round of its own.
	for round := 0; ; round++ {
		if next := firstNotSolved(out); next >= 0 && out[next].notStarted {
			out[next].notStarted = false
			todo = append(todo, next)
		}
		if len(todo) == 0 {
			return out
		}
		a.run(katas, out, hashes, todo, st, round == 0)
		todo = nil
	}
}

// firstNotSolved is the index of the first outcome not solved, or -1.
func firstNotSolved(out []outcome) int {
	for i, o := range out {
		if !o.solved() {
			return i
		}
	}
	return -1
}

// run checks katas[i] for each i in todo, two at a time, and records each
// verdict in st.
func (a *app) run(katas []manifest.Kata, out []outcome, hashes []string, todo []int, st *state.State, first bool) {

	ctx, p := slowProgress(a.ctx, a.io.Err, a.io.IsTerminal)
	defer p.stop()
	var (
		mu   sync.Mutex // protects done and st
		done int
	)
	label := func() string {
		if done == 0 && len(todo) > 1 && first {
			return fmt.Sprintf("checking %d katas (the first run builds Ginkgo and the race runtime: about two minutes)", len(todo))
		}
		if len(todo) == 1 {
			return "checking " + katas[todo[0]].Name
		}
		return fmt.Sprintf("checking katas %d/%d", done, len(todo))
	}
	p.set("%s", label())
	run := func(i int) {
		k := katas[i]
		d, err := a.io.Check(ctx, a.m, k)
		mu.Lock()
		defer mu.Unlock()
		done++
		if err != nil {
			out[i].err = err
		} else {
			out[i].d = d
			st.Record(k.Name, hashes[i], d)
		}
		p.set("%s · %s", label(), k.Name)
	}
	pool.Each(a.ctx, len(todo), 2, func(j int) { run(todo[j]) })
	_ = st.Save(a.root)
}
