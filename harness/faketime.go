package harness

import (
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/onsi/ginkgo/v2"
)

// suiteT is the Test function's T that RunSuite was given: testing/synctest
// needs one to start a bubble.
var suiteT atomic.Pointer[testing.T]

// WithFakeTime runs body in a testing/synctest bubble: inside it, and in
// every goroutine started from it, time.Sleep, time.After, timers and
// context deadlines follow a fake clock that jumps ahead the moment every
// goroutine of the bubble is blocked. A spec can so let an hour pass at once
// while a dependency is held, and tell a wait bounded by a timeout (of any
// length: it gives up) from a wait for the work itself (it is still waiting).
//
// Keep body to that: make the code under test inside body, block its
// dependencies on channels made inside body, sleep, look, release. Channel
// operations, select, sync.Cond.Wait, WaitGroup.Wait and time.Sleep inside
// the bubble are "durably" blocked and let the clock move; a goroutine
// waiting to lock a sync.Mutex (or on I/O) is not, and the clock stands
// still while it waits (testing/synctest's rules). Every goroutine must have
// ended when body returns (release what you held with defer). A Ginkgo or
// Gomega failure inside body fails the spec as anywhere else.
//
// When every goroutine of the bubble is blocked and no timer is left to wake
// one, nothing ever will: the spec fails with a DEADLOCK report, as
// MustFinish's, at once rather than after a bound. Call WithFakeTime inside
// MustFinish all the same, for code that blocks where the bubble cannot see
// it (a sync.Mutex held by a goroutine that waits) or never blocks at all.
func WithFakeTime(body func()) {
	ginkgo.GinkgoHelper()
	t := suiteT.Load()
	if t == nil {
		ginkgo.Fail("harness.WithFakeTime works only in a suite run by harness.RunSuite")
	}
	before := goroutineIDs()
	var failure any
	deadlocked := func() (deadlocked bool) {
		defer func() {
			// synctest panics in this goroutine when the bubble can no
			// longer move; its goroutines stay blocked, as after a
			// watchdog report.
			if r := recover(); r != nil {
				if !isBubbleDeadlock(r) {
					panic(r)
				}
				deadlocked = true
			}
		}()
		synctest.Test(t, func(*testing.T) {
			// A failure panics to end the spec; that panic belongs in the
			// spec's own goroutine, where Ginkgo recovers it, not in the
			// bubble's, where it would end the test binary.
			defer func() { failure = recover() }()
			body()
		})
		return false
	}()
	if failure != nil {
		panic(failure) // the first failure; a deadlock after it is its consequence
	}
	if deadlocked {
		failDeadlock(deadlockReport("on a fake clock with every goroutine blocked and no timer left to wake one", before))
	}
}

// isBubbleDeadlock reports whether a panic is synctest's "deadlock: ..." (the
// runtime's error type is unexported; its message is stable).
func isBubbleDeadlock(r any) bool {
	err, ok := r.(error)
	return ok && strings.HasPrefix(err.Error(), "deadlock: ")
}
