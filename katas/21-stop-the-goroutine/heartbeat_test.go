package heartbeat_test

import (
	"context"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	heartbeat "github.com/racekatas/racekatas/katas/21-stop-the-goroutine"
)

var _ = Describe("Heartbeat", func() {
	var (
		ctx    context.Context
		cancel context.CancelFunc
		pings  *atomic.Int64 // how many times this spec's ping was called
		ping   func()
	)

	BeforeEach(func() {
		ctx, cancel = context.WithCancel(context.Background())
		DeferCleanup(cancel)

		// A counter per spec, captured by the ping closure: a heartbeat left
		// running by an earlier spec keeps pinging its own counter and never
		// touches this one.
		n := new(atomic.Int64)
		pings, ping = n, func() { n.Add(1) }
	})

	// Stopping is checked after each spec: the leak check that ends it fails
	// the spec with "LEAK:" if the heartbeat's goroutine is still running
	// half a second after cancel.

	Context("when the session ends between quick pings", func() {
		It("pings on every tick, then stops", func() {
			harness.MustFinish(func() { heartbeat.Heartbeat(ctx, time.Millisecond, ping) })
			Eventually(pings.Load).WithTimeout(time.Second).Should(BeNumerically(">=", 3),
				"the heartbeat should ping at once and then on every tick")
			cancel()
		})
	})

	Context("when the next ping is an hour away", func() {
		It("pings at once, then stops without waiting for the tick", func() {
			harness.MustFinish(func() { heartbeat.Heartbeat(ctx, time.Hour, ping) })
			Eventually(pings.Load).WithTimeout(time.Second).Should(Equal(int64(1)),
				"the heartbeat should ping once at once, not after the first hour")
			cancel()
		})
	})
})
