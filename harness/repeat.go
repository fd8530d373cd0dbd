package harness

import (
	"time"

	"github.com/onsi/ginkgo/v2"
)

// RepeatBound is the longest Repeat keeps starting repetitions: a spec that
// repeats stays within a few seconds whatever n is.
const RepeatBound = 3 * time.Second

// Repeat runs scenario up to n times, each repetition under the deadlock
// watchdog (as MustFinish), and stops at the first failure: a failed
// expectation, a panic or a DEADLOCK ends the spec then and there, with
// that repetition's report. It also stops starting new repetitions once
// RepeatBound has passed, so a slow machine shortens the loop instead of
// failing the spec.
//
// Use it for a bug that a single run shows only sometimes, when no gate or
// barrier can force the interleaving: a scenario that fails 1 run in 50
// fails in nearly every check when repeated a few hundred times. Prefer a
// forced interleaving (Stress, a Probe gate, a held fake) where one exists;
// it shows the bug every run at the cost of one.
//
// scenario receives the repetition's index. Give each repetition fresh
// objects: state shared across repetitions would hide or fake a failure.
// A data race is reported by the race detector once per process and does
// not stop the loop; the bound keeps the loop short all the same.
func Repeat(n int, scenario func(i int)) {
	ginkgo.GinkgoHelper()
	deadline := time.Now().Add(RepeatBound)
	for i := range n {
		if i > 0 && time.Now().After(deadline) {
			return
		}
		MustFinish(func() { scenario(i) })
	}
}
