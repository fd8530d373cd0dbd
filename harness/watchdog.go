package harness

import (
	"fmt"
	"os"
	"strings"
	"sync"
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
		failDeadlock(deadlockReport(fmt.Sprintf("after %s", bound), before))
	}
}

// failDeadlock fails the spec with a DEADLOCK or BUSY-WAIT report.
func failDeadlock(report string, learnerLines bool) {
	ginkgo.GinkgoHelper()
	if os.Getenv(FailFastEnv) != "" && (learnerLines || !fastStopKeepGoing()) {
		// The learner is waiting: one deadlock is the verdict, and every
		// later deadlocked spec would only add its bound to the wait.
		ginkgo.AbortSuite(report)
	}
	ginkgo.Fail(report)
}

// fastStop bounds what runs after a DEADLOCK under FailFastEnv that shows
// only spec lines. Such a report says the spec waited for something the
// code never did, but not what; a later spec's message often does ("Post
// returned before the first client had taken the message"). So the suite
// goes on until the next failing spec, and skips the rest: one more failure
// at most, and a second DEADLOCK ends the suite at once.
var fastStop struct {
	sync.Mutex
	armed    bool // a spec-only deadlock was reported and the suite went on
	armedNow bool // ... by the spec that is running
	done     bool // a failing spec followed it: skip every later spec
}

// fastStopKeepGoing arms the fast stop on the first spec-only deadlock;
// false if it was armed already.
func fastStopKeepGoing() bool {
	fastStop.Lock()
	defer fastStop.Unlock()
	if fastStop.armed {
		return false
	}
	fastStop.armed, fastStop.armedNow = true, true
	return true
}

// fastStopSpecEnded records the end of a spec: a failure after the armed
// deadlock's own spec ends the run.
func fastStopSpecEnded(failed bool) {
	fastStop.Lock()
	defer fastStop.Unlock()
	if fastStop.armedNow {
		fastStop.armedNow = false
		return
	}
	if fastStop.armed && failed {
		fastStop.done = true
	}
}

// fastStopSkip reports whether the fast stop has seen its one more failure.
func fastStopSkip() bool {
	fastStop.Lock()
	defer fastStop.Unlock()
	return fastStop.done
}

// Spinning goroutines: one look at a goroutine that is running when the
// bound expires cannot tell a loop that never blocks from code that was
// slow to get parked, so the watchdog looks spinLooks more times, spinGap
// apart, and calls it a busy loop only if it was running in spinBusy of them.
const (
	spinLooks = 10
	spinGap   = 10 * time.Millisecond
	spinBusy  = 8
)

func isRunning(state string) bool { return state == "running" || state == "runnable" }

// busyLooks counts, for each goroutine in ids, in how many of spinLooks
// looks it was running or runnable.
func busyLooks(ids map[int]bool) map[int]int {
	busy, _ := runningLooks(spinLooks, spinGap, func(g stack.Goroutine) bool { return ids[g.ID] })
	return busy
}

// runningLooks dumps the goroutines looks times, gap apart, and counts for
// each goroutine that want accepts in how many dumps it was running or
// runnable; last holds each such goroutine as last seen running, so that one
// that ended during the looks can still be named. ExpectNoBusyWait and the
// watchdog both tell spinners from parked goroutines this way.
func runningLooks(looks int, gap time.Duration, want func(stack.Goroutine) bool) (busy map[int]int, last map[int]stack.Goroutine) {
	busy, last = map[int]int{}, map[int]stack.Goroutine{}
	for i := range looks {
		if i > 0 {
			time.Sleep(gap)
		}
		for _, g := range allGoroutines() {
			if want(g) && isRunning(g.State) {
				busy[g.ID]++
				last[g.ID] = g
			}
		}
	}
	return busy, last
}

// deadlockReport lists the goroutines that are new since before and stuck in
// kata code, each with the chain of calls that led there. If none is in kata
// code (the learner's goroutines all returned and the spec waits on something
// they never produced), it lists the new goroutines stuck in spec code
// instead, saying so; learnerLines is false then.
//
// If a goroutine in kata code keeps running, the report is a BUSY-WAIT, not a
// DEADLOCK: that goroutine never parked, so it is a busy loop whatever the
// others wait for (often for it: a spec that waits for a payment to park on
// a lock waits forever for one that spins instead). Blocking it properly
// either fixes the code or leaves a plain deadlock, which the next run
// reports as such.
func deadlockReport(when string, before map[int]bool) (report string, learnerLines bool) {
	var (
		kata, spec []string
		running    = map[int]bool{}
		kataIDs    []int
	)
	stuck := true // every goroutine listed waits on a channel, lock or WaitGroup
	for _, g := range allGoroutines() {
		if before[g.ID] {
			continue
		}
		if f, ok := firstFrame(g, isKataFile); ok {
			kata = append(kata, "  "+describeStuck(g, f))
			kataIDs = append(kataIDs, g.ID)
			stuck = stuck && stack.Blocking(g.State)
			if isRunning(g.State) {
				running[g.ID] = true
			}
		} else if f, ok := firstFrame(g, isSpecFile); ok {
			spec = append(spec, "  "+describeGoroutine(g, f))
		}
	}
	var spinners, others []string
	if len(running) > 0 {
		busy := busyLooks(running)
		for i, id := range kataIDs {
			if busy[id] >= spinBusy {
				spinners = append(spinners, kata[i])
			} else {
				others = append(others, kata[i])
			}
		}
	}
	var b strings.Builder
	if len(spinners) > 0 {
		fmt.Fprintf(&b, "BUSY-WAIT: the code under test had not returned %s, and it never parked: ", when)
		fmt.Fprintf(&b, "these goroutines in your code were running in at least %d of %d more looks over %s:\n", spinBusy, spinLooks, spinLooks*spinGap)
		b.WriteString(strings.Join(groupAlike(spinners), "\n"))
		if len(others) > 0 {
			b.WriteString("\nWhile they spun, these waited:\n")
			b.WriteString(strings.Join(groupAlike(others), "\n"))
		}
		b.WriteString("\nA busy loop that never ends: it checks a condition again and again, and what it waits for never comes (with several goroutines, each may keep undoing what the other needs: a livelock). Block instead, on a channel, a lock, a sync.Cond or a WaitGroup.")
		return b.String(), true
	}
	kata = groupAlike(kata)
	fmt.Fprintf(&b, "DEADLOCK: the code under test had not returned %s.\n", when)
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
	return b.String(), len(kata) > 0
}
