package harness_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/racekatas/racekatas/harness"
)

func TestProbeSeesConcurrentCallersAtOnce(t *testing.T) {
	p := harness.NewProbe(3)
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			leave := p.Enter()
			defer leave()
		})
	}
	wg.Wait()
	assert.Equal(t, 3, p.Max())
	assert.Equal(t, 3, p.Calls())
	assert.Equal(t, 0, p.InFlight())
}

func TestProbeGivesUpWaitingOnceForSequentialCallers(t *testing.T) {
	p := harness.NewProbe(2)
	start := time.Now()
	for range 5 {
		p.Enter()()
	}
	elapsed := time.Since(start)
	assert.Equal(t, 1, p.Max())
	assert.Equal(t, 5, p.Calls())
	// The first caller waits for a partner that never comes; the others do
	// not wait (checked without a timing bound: five waits would be 5×).
	assert.GreaterOrEqual(t, elapsed, harness.ProbeWait)
	assert.Less(t, elapsed, 5*harness.ProbeWait)
}

func TestProbeWithoutGateNeverBlocks(t *testing.T) {
	p := harness.NewProbe(1)
	leave := p.Enter()
	assert.Equal(t, 1, p.InFlight())
	leave()
	leave() // leaving twice counts once
	assert.Equal(t, 0, p.InFlight())
}

func TestGoroutineStateSeesAParkedGoroutine(t *testing.T) {
	ids := make(chan int)
	block := make(chan struct{})
	go func() {
		ids <- harness.GoroutineID()
		<-block
	}()
	id := <-ids
	assert.Eventually(t, func() bool { return harness.GoroutineState(id) == "chan receive" },
		5*time.Second, time.Millisecond)
	close(block)
	assert.Eventually(t, func() bool { return harness.GoroutineState(id) == "" },
		5*time.Second, time.Millisecond, "gone once it returns")
	assert.Positive(t, harness.GoroutineID())
}
