package heartbeat_test

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing/synctest"
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

	// First in the container (Ginkgo keeps the order of specs within it):
	// nothing another spec left behind is running while these look for a
	// goroutine that spins, and a heartbeat that never returns is found
	// parked on its hour-long tick, not caught in the middle of a ping.
	Context("when the next ping is an hour away", func() {
		It("pings at once, then stops without waiting for the tick", func() {
			harness.MustFinish(func() { heartbeat.Heartbeat(ctx, time.Hour, ping) })
			Eventually(pings.Load).WithTimeout(time.Second).Should(Equal(int64(1)),
				"the heartbeat should ping once at once, not after the first hour")
			cancel()
		})

		It("waits parked until then, not polling", func() {
			harness.MustFinish(func() { heartbeat.Heartbeat(ctx, time.Hour, ping) })
			Eventually(pings.Load).WithTimeout(time.Second).Should(Equal(int64(1)))
			// Nothing is due for an hour: the goroutine has nothing to do
			// but wait for the tick or the cancel, and a wait costs no CPU.
			harness.ExpectNoBusyWait()
			cancel()
		})
	})

	Context("when the session ends between quick pings", func() {
		It("pings on every tick, then stops", func() {
			harness.MustFinish(func() { heartbeat.Heartbeat(ctx, time.Millisecond, ping) })
			Eventually(pings.Load).WithTimeout(time.Second).Should(BeNumerically(">=", 3),
				"the heartbeat should ping at once and then on every tick")
			cancel()
		})
	})

	Context("when the session ends while a ping is still in flight", func() {
		It("lets that ping return, then stops", func() {
			inPing := make(chan struct{}, 1)
			release := make(chan struct{})
			DeferCleanup(func() { close(release) })
			slow := func() {
				ping()
				select {
				case inPing <- struct{}{}:
				default:
				}
				<-release
			}
			harness.MustFinish(func() {
				heartbeat.Heartbeat(ctx, time.Hour, slow)
				<-inPing
			})
			// Cancelled while the presence service is still answering the
			// first ping; the leak check then waits for the heartbeat to end
			// once the cleanup lets that ping return.
			cancel()
			Expect(pings.Load()).To(Equal(int64(1)))
		})
	})

	Context("when a ping takes longer than the period", func() {
		It("starts the next ping only once that one has returned", func() {
			var inFlight, most atomic.Int64 // pings running now, and the most at once
			release := make(chan struct{})
			DeferCleanup(func() { close(release) })
			counted := ping // the next spec reassigns ping; a tick may still come after the cancel
			slow := func() {
				counted()
				n := inFlight.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				<-release
				inFlight.Add(-1)
			}
			harness.MustFinish(func() { heartbeat.Heartbeat(ctx, time.Millisecond, slow) })
			Eventually(pings.Load).WithTimeout(time.Second).Should(BeNumerically(">=", 1))
			// The first ping holds for the whole window while a tick falls
			// due every millisecond: a heartbeat that pings on a goroutine
			// per tick piles up pings on a presence service that is already
			// slow, and leaves them running after the cancel.
			Consistently(most.Load).WithTimeout(100*time.Millisecond).Should(Equal(int64(1)),
				"the heartbeat started another ping while the first had not returned")
			cancel()
		})
	})

	Context("when many sessions beat at once and half of them end", func() {
		It("stops those and keeps the others beating", func() {
			const sessions = 8
			ctxs := make([]context.Context, sessions)
			cancels := make([]context.CancelFunc, sessions)
			counts := make([]*atomic.Int64, sessions)
			for i := range sessions {
				ctxs[i], cancels[i] = context.WithCancel(context.Background())
				DeferCleanup(cancels[i])
				counts[i] = new(atomic.Int64)
			}
			harness.MustFinish(func() {
				harness.Stress(sessions, func(i int) {
					n := counts[i]
					heartbeat.Heartbeat(ctxs[i], time.Millisecond, func() { n.Add(1) })
				})
			})
			for i := 0; i < sessions; i += 2 {
				cancels[i]()
			}
			for i := 1; i < sessions; i += 2 {
				from := counts[i].Load()
				Eventually(counts[i].Load).WithTimeout(time.Second).Should(BeNumerically(">=", from+2),
					"session %d was not cancelled, yet its heartbeat stopped when others were", i)
			}
		})
	})

	// Last in the container: a heartbeat that never ends is ended here by
	// its own ping (see below), but one that spins is only cancelled.
	Context("when the session ends while the heartbeat waits for its next tick", func() {
		It("ends at the cancel itself, not when some timer wakes it later", func() {
			harness.MustFinish(func() {
				// On a fake clock that moves only when the spec lets it,
				// "as soon as it is cancelled" can be checked exactly: a
				// heartbeat that looks at ctx only when a timer wakes it
				// (a poll every few milliseconds, or the next tick) is
				// still parked on that timer, however short its period.
				harness.WithFakeTime(func() {
					ctx, cancel := context.WithCancel(context.Background())
					defer cancel()
					caller := harness.GoroutineID()
					var pings atomic.Int64
					beating := make(chan int, 1) // the id of the goroutine that pings
					ping := func() {
						if pings.Add(1) == 1 {
							beating <- harness.GoroutineID()
							return
						}
						// The clock moves only once this spec has returned
						// (or waits inside Heartbeat): a later ping is one
						// for a user who has left, after the check below
						// has already failed. End the heartbeat here, or a
						// ticker nobody stops keeps the fake clock beating
						// for ever.
						if harness.GoroutineID() == caller {
							Fail("Heartbeat pinged again on its caller's goroutine: it must start its goroutine and return at once")
						}
						runtime.Goexit()
					}

					heartbeat.Heartbeat(ctx, time.Second, ping)
					g := <-beating
					cancel()
					// Let every goroutine run until it ends or waits again,
					// without moving the clock: no tick and no poll is due.
					synctest.Wait()
					if state := harness.GoroutineState(g); state != "" {
						Fail("LEAK: the heartbeat was still running after its session was cancelled (its goroutine is parked in " + state + "): " +
							"it sees the cancel only when a timer wakes it (a poll? the next tick?), and until then it lives on and may ping for a user who has left. " +
							"It must wait for the tick and for ctx.Done() at the same time.")
					}
				})
			})
		})
	})
})
