package harness

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/onsi/ginkgo/v2"

	"github.com/racekatas/racekatas/harness/internal/stack"
)

// DeadlockBound is how long MustFinish waits before it calls the code under
// test deadlocked. Kata workloads finish in milliseconds, even under -race on
// a loaded machine; a second and a half leaves a wide margin.
const DeadlockBound = 1500 * time.Millisecond

// FailFastEnv, when set, makes a DEADLOCK end the suite at once: the kata
// CLI sets it for a learner's checks, never for verify or grade.
const FailFastEnv = "RACEKATAS_FAIL_FAST"

// MustFinish runs body and waits for it to return. If it has not returned
// within DeadlockBound, the current spec fails with a report that starts with
// "DEADLOCK:" and lists the goroutines started since the call that are
// blocked in kata code, each with its state and file:line.
//
// Go's own deadlock detector never fires under -race or inside a test, so
// without this a deadlocked kata would hang until go test's 10-minute timeout.
//
// Gomega failures and panics inside body fail the spec as they would on the
// spec's goroutine, and MustFinish then stops the spec. body keeps running
// after a DEADLOCK report (a goroutine cannot be killed); the leak check skips
// failed specs, so this costs nothing but the goroutine.
//
// Because a stuck body outlives its spec, it must not read variables that a
// later spec's setup writes (a container variable assigned in BeforeEach):
// that read and write would be a data race of the spec's own making. Pass
// such values in as arguments, or give each spec its own object.
func MustFinish(body func()) {
	ginkgo.GinkgoHelper()
	MustFinishWithin(DeadlockBound, body)
}

// MustFinishWithin is MustFinish with an explicit bound.
func MustFinishWithin(bound time.Duration, body func()) {
	ginkgo.GinkgoHelper()
	before := goroutineIDs()
	done := make(chan struct{})
	completed := false // written before close(done), read after it
	go func() {
		defer close(done)
		defer ginkgo.GinkgoRecover()
		body()
		completed = true
	}()

	timer := time.NewTimer(bound)
	defer timer.Stop()
	select {
	case <-done:
		if !completed {
			// body failed or panicked; GinkgoRecover recorded it. Stop the
			// spec here so later assertions do not pile up on a broken state.
			ginkgo.Fail("the code under test failed (see the first failure above)")
		}
	case <-timer.C:
		report := deadlockReport(bound, before)
		if os.Getenv(FailFastEnv) != "" {
			// The learner is waiting: one deadlock is the verdict, and every
			// later deadlocked spec would only add its bound to the wait.
			ginkgo.AbortSuite(report)
		}
		ginkgo.Fail(report)
	}
}

// deadlockReport lists the goroutines that are new since before and stuck in
// kata code. If none is in kata code (the learner's goroutines all returned
// and the spec waits on something they never produced), it lists the new
// goroutines stuck in spec code instead, saying so.
func deadlockReport(bound time.Duration, before map[int]bool) string {
	var kata, spec []string
	stuck := true // every goroutine listed waits on a channel, lock or WaitGroup
	for _, g := range allGoroutines() {
		if before[g.ID] {
			continue
		}
		if f, ok := firstFrame(g, isKataFile); ok {
			kata = append(kata, "  "+describeGoroutine(g, f))
			stuck = stuck && stack.Blocking(g.State)
		} else if f, ok := firstFrame(g, isSpecFile); ok {
			spec = append(spec, "  "+describeGoroutine(g, f))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "DEADLOCK: the code under test had not returned after %s.\n", bound)
	switch {
	case len(kata) > 0 && stuck:
		b.WriteString("These goroutines in your code are blocked:\n")
		b.WriteString(strings.Join(kata, "\n"))
		b.WriteString("\nEach waits for something only another stuck goroutine, or no one, would do: nothing can ever wake them.")
	case len(kata) > 0:
		b.WriteString("These goroutines in your code are still running or waiting:\n")
		b.WriteString(strings.Join(kata, "\n"))
		b.WriteString("\nThe call should have returned long ago: it is waiting for something that comes late or never.")
	case len(spec) > 0:
		b.WriteString("No goroutine of your code is left running; the spec waits for something your code never did:\n")
		b.WriteString(strings.Join(spec, "\n"))
		b.WriteString("\nA value was never sent, or a channel never closed.")
	default:
		b.WriteString("No blocked goroutine could be found; the code may be waiting on the clock.")
	}
	return b.String()
}
