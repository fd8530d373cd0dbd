package harness

import (
	"fmt"
	"strings"

	"github.com/onsi/ginkgo/v2"
	"go.uber.org/goleak"
)

// installLeakCheck adds a top-level setup node: every spec takes a baseline
// of the goroutines alive when it starts and, once its own cleanup has run,
// fails with "LEAK:" if goroutines started during the spec are still alive.
//
// A baseline per spec, rather than one check for the suite, leaves Ginkgo's
// own long-lived goroutines out and pins the leak on the spec that caused it.
// Specs that already failed are not checked: after a DEADLOCK, blocked
// goroutines are expected and a second report would only add noise.
func installLeakCheck() {
	ginkgo.BeforeEach(func() {
		if fastStopSkip() {
			ginkgo.Skip("an earlier DEADLOCK ended the run (" + FailFastEnv + ")")
		}
		announceSpec()
		baseline := goleak.IgnoreCurrent()
		before := goroutineIDs()
		ginkgo.DeferCleanup(func() {
			failed := ginkgo.CurrentSpecReport().Failed()
			fastStopSpecEnded(failed)
			if failed {
				return
			}
			// Find retries for about half a second, so goroutines that are
			// on their way out are given time to finish.
			if err := goleak.Find(baseline); err != nil {
				ginkgo.Fail(leakReport(before, err))
			}
		})
	})
}

// leakReport names each goroutine that outlived its spec, at its innermost
// frame in kata code, with the calls that led there and the go statement
// that started it; goroutines alike but for their number are shown once,
// with a count.
func leakReport(before map[int]bool, err error) string {
	var lines []string
	for _, g := range allGoroutines() {
		if before[g.ID] {
			continue
		}
		if f, ok := firstFrame(g, isKataFile); ok {
			lines = append(lines, "  "+describeStuck(g, f))
		}
	}
	lines = groupAlike(lines)
	var b strings.Builder
	b.WriteString("LEAK: goroutines started during this spec were still running after it ended.\n")
	if len(lines) == 0 {
		fmt.Fprintf(&b, "None of them is in your code; goleak says:\n%v", err)
		return b.String()
	}
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteString("\nEach will wait forever and hold its memory: give it a way to finish.")
	return b.String()
}
