package harness

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/onsi/ginkgo/v2"

	"github.com/racekatas/racekatas/harness/internal/stack"
)

// BusyWaitWindow is how long ExpectNoBusyWait watches by default.
const BusyWaitWindow = 200 * time.Millisecond

// busySamples is how many goroutine dumps ExpectNoBusyWait takes in its
// window; a goroutine is busy when it is on a CPU, or queued for one, in at
// least busyShare of them.
const (
	busySamples = 20
	busyShare   = 0.75
)

// ExpectNoBusyWait fails the spec if, during BusyWaitWindow, a goroutine in
// the learner's code keeps running while it should be waiting. Call it at a
// moment when every goroutine of the code under test has nothing to do: a
// worker with an empty queue, a waiter before the event it waits for, a
// daemon between ticks.
//
// A goroutine that polls (`for !ready() { runtime.Gosched() }`, or a select
// with a default case in a loop) gets the right answer eventually and never
// deadlocks, so no other check catches it, but it burns a core for as long as
// it waits. A parked goroutine (on a channel, a lock, a sync.Cond, a timer)
// costs nothing. The check samples the goroutines' states rather than
// measuring CPU time, so a loaded machine, which slows a spinner down, does
// not hide it: a spinner is running or runnable whenever it is looked at,
// and a parked goroutine never is.
//
// The failure starts with "BUSY-WAIT:", which the kata CLI classifies.
func ExpectNoBusyWait() {
	ginkgo.GinkgoHelper()
	ExpectNoBusyWaitWithin(BusyWaitWindow)
}

// ExpectNoBusyWaitWithin is ExpectNoBusyWait with an explicit window.
func ExpectNoBusyWaitWithin(window time.Duration) {
	ginkgo.GinkgoHelper()
	if report := busyReport(window, isKataFile); report != "" {
		ginkgo.Fail(report)
	}
}

// busyReport samples the goroutines over window and describes those with a
// frame in a file keep accepts that were running or runnable in most
// samples; "" if none.
func busyReport(window time.Duration, keep func(string) bool) string {
	self := GoroutineID() // the one taking the samples is always running
	busy, last := runningLooks(busySamples, window/busySamples, func(g stack.Goroutine) bool {
		_, ok := firstFrame(g, keep)
		return ok && g.ID != self
	})
	var lines []string
	for id, n := range busy {
		if float64(n) < busyShare*busySamples {
			continue
		}
		g := last[id]
		f, _ := firstFrame(g, keep)
		lines = append(lines, fmt.Sprintf("  %s (running in %d of %d looks over %s)", describeGoroutine(g, f), n, busySamples, window))
	}
	sort.Strings(lines)
	if len(lines) == 0 {
		return ""
	}
	return "BUSY-WAIT: while your code had nothing to do, these goroutines kept running instead of waiting:\n" +
		strings.Join(lines, "\n") +
		"\nA loop that checks a condition again and again (with runtime.Gosched, or a select with a default case) burns a core while it waits. Block instead: receive from a channel, wait on a sync.Cond or a WaitGroup, or select on a context's Done."
}
