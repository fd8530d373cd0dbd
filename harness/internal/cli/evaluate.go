package cli

import (
	"fmt"
	"sync"

	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/pool"
	"github.com/racekatas/racekatas/harness/internal/state"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

// outcome is the latest verdict on one kata of the learner's tree.
type outcome struct {
	kata   manifest.Kata
	d      diagnose.Diagnosis
	cached bool
	err    error // the kata could not be run at all
}

func (o outcome) solved() bool { return o.err == nil && o.d.Kind == verdict.Pass }

// evaluate returns the verdict on each kata, from the cache where the kata's
// files are unchanged and by running it otherwise, two at a time.
func (a *app) evaluate(katas []manifest.Kata, st *state.State, fresh bool) []outcome {
	out := make([]outcome, len(katas))
	hashes := make([]string, len(katas)) // of each kata's files before its run
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
		todo = append(todo, i)
	}
	if len(todo) == 0 {
		return out
	}

	p := newProgress(a.io.Err, a.io.IsTerminal)
	defer p.stop()
	var (
		mu   sync.Mutex // protects done and st
		done int
	)
	label := func() string {
		if done == 0 && len(todo) > 1 {
			return fmt.Sprintf("checking %d katas (the first run builds Ginkgo and the race runtime: about two minutes)", len(todo))
		}
		return fmt.Sprintf("checking katas %d/%d", done, len(todo))
	}
	p.set("%s", label())
	run := func(i int) {
		k := katas[i]
		d, err := a.io.Check(a.ctx, a.m, k)
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
	return out
}
