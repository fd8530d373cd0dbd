package harness

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestWithFakeTimeLetsADayPassAtOnce: a wait bounded by a timeout of any
// length gives up inside the bubble, in no real time.
func TestWithFakeTimeLetsADayPassAtOnce(t *testing.T) {
	suiteT.Store(t)
	defer suiteT.Store(nil)
	start := time.Now()
	var gaveUp bool
	WithFakeTime(func() {
		never := make(chan struct{})
		select {
		case <-never:
		case <-time.After(5 * time.Hour):
			gaveUp = true
		}
	})
	assert.True(t, gaveUp, "a five-hour timeout did not fire on the fake clock")
	assert.Less(t, time.Since(start), 10*time.Second)
}

// TestBubbleDeadlockIsRecognised: WithFakeTime turns synctest's deadlock
// panic into a DEADLOCK report by its message, which the runtime's error
// type (unexported) carries; this catches a Go release that rewords it.
func TestBubbleDeadlockIsRecognised(t *testing.T) {
	var got any
	func() {
		defer func() { got = recover() }()
		synctest.Test(t, func(*testing.T) {
			stuck := make(chan struct{})
			go func() { <-stuck }() // blocked for good when the bubble's main returns
		})
	}()
	assert.True(t, isBubbleDeadlock(got), "synctest panicked with %v", got)
	assert.False(t, isBubbleDeadlock("deadlock: a string, not an error"))
}
