package hub_test

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	hub "github.com/racekatas/racekatas/katas/19-stop-twice"
)

// A room is one spec's chat server: a hub, and the clients it delivers to.
// The clients record every message and can hold the hub in the middle of a
// delivery, so that Stop is called while the hub is still busy. Each spec
// gets its own room: a hub that a failed spec leaves behind shares nothing
// with the specs that follow.
type room struct {
	hub *hub.Hub

	hold chan struct{} // deliveries wait until it is closed
	held bool          // hold is still open; used on the spec's goroutine only

	mu      sync.Mutex    // protects got
	got     []string      // messages delivered, in order
	started chan struct{} // closed when the first delivery starts
}

func newRoom() *room {
	r := &room{hold: make(chan struct{}), held: true, started: make(chan struct{})}
	r.hub = hub.Start(r.deliver)
	return r
}

// deliver records msg, then waits until the room lets the hub go.
func (r *room) deliver(msg string) {
	r.mu.Lock()
	r.got = append(r.got, msg)
	if len(r.got) == 1 {
		close(r.started)
	}
	r.mu.Unlock()
	<-r.hold
}

// letGo lets every delivery, the one in progress and those to come, finish.
func (r *room) letGo() {
	if r.held {
		r.held = false
		close(r.hold)
	}
}

// Delivered returns the messages delivered so far.
func (r *room) Delivered() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.got...)
}

// fleet is how many hubs the busiest spec stops in each round, and
// stoppers how many callers stop each of them at the same time.
const (
	fleet    = 1000
	stoppers = 16
)

var _ = Describe("Hub", func() {
	var r *room

	BeforeEach(func() {
		r = newRoom()
		// A hub held in a delivery when its spec ends is let go, so that it
		// can stop and leave no goroutine behind.
		DeferCleanup(r.letGo)
	})

	// busy publishes one last message and returns once the hub is delivering
	// it: the hub stays busy, and its Done channel open, until r.letGo.
	busy := func(h *hub.Hub, started <-chan struct{}) {
		GinkgoHelper()
		harness.MustFinish(func() {
			h.Publish("server shutting down")
			<-started
		})
	}

	Context("when it is stopped once", func() {
		It("delivers every message published before Stop, in order, then stops", func() {
			r.letGo()
			h := r.hub
			harness.MustFinish(func() {
				h.Publish("hello")
				h.Publish("bye")
				h.Stop()
				<-h.Done()
			})
			Expect(r.Delivered()).To(Equal([]string{"hello", "bye"}))
		})
	})

	Context("when a message is published while the hub is still delivering the last one", func() {
		It("returns from Publish only once the hub has taken the message, and delivers it before stopping", func() {
			h := r.hub
			busy(h, r.started)

			// The hub is held in its delivery: nobody can take the next
			// message. The spec waits until the publisher has returned or is
			// parked (watching it orders nothing): a Publish that returned
			// has left its message somewhere the hub has not taken it from,
			// and a Stop that comes next may win over it.
			publisher := make(chan int, 1)
			published := make(chan struct{})
			go func() {
				defer GinkgoRecover()
				defer close(published)
				publisher <- harness.GoroutineID()
				h.Publish("one more thing")
			}()
			id := <-publisher
			Eventually(func() string { return harness.GoroutineState(id) }).
				WithTimeout(harness.ProbeWait).WithPolling(time.Millisecond).
				ShouldNot(BeElementOf("running", "runnable"), "Publish should wait, parked, for the hub")
			Expect(published).NotTo(BeClosed(), "Publish returned while the hub was still delivering the previous message: it has not taken this one")

			r.letGo()
			harness.MustFinish(func() { <-published })
			harness.MustFinish(func() {
				h.Stop()
				<-h.Done()
			})
			Expect(r.Delivered()).To(Equal([]string{"server shutting down", "one more thing"}))
		})
	})

	Context("when the signal handler and then main's cleanup stop it, while it is still busy", func() {
		It("stops once, and both calls return", func() {
			h := r.hub
			busy(h, r.started)

			harness.MustFinish(func() {
				h.Stop() // the SIGTERM handler
				h.Stop() // the deferred cleanup in main
			})
			Expect(h.Done()).NotTo(BeClosed(), "the hub stopped before its delivery in progress returned")

			r.letGo()
			harness.MustFinish(func() { <-h.Done() })
			Expect(r.Delivered()).To(Equal([]string{"server shutting down"}))
		})
	})

	Context("when the signal handler and main's cleanup stop it at the same time", func() {
		It("stops once, and both calls return", func() {
			h := r.hub
			busy(h, r.started)

			// Both callers are released together by the start barrier.
			harness.MustFinish(func() {
				harness.Stress(2, func(int) { h.Stop() })
			})

			r.letGo()
			harness.MustFinish(func() { <-h.Done() })
			Expect(r.Delivered()).To(Equal([]string{"server shutting down"}))
		})
	})

	Context("when it stopped long ago and main's cleanup stops it again", func() {
		It("does nothing more", func() {
			r.letGo()
			h := r.hub
			harness.MustFinish(func() {
				h.Stop()
				<-h.Done()
			})
			harness.MustFinish(h.Stop)
			Expect(h.Done()).To(BeClosed())
		})
	})

	Context("when thousands of hubs are each stopped by several callers at once", func() {
		It("stops every hub once, and every call returns", func() {
			// Two Stops that meet between "is it stopped?" and "stop it" both
			// stop it. One pair rarely meets there, so stoppers callers walk
			// fleets of hubs, all in the same order, round after round, for
			// as long as the watchdog's usual bound (and the watchdog waits
			// twice that). There are more threads than
			// cores: the operating system suspends callers wherever they
			// are, between the look and the close too, while callers that
			// are behind walk on past the same hub.
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(stoppers))
			r.letGo()
			mine := r.hub
			// Nothing is published to the fleet's hubs: a delivery is a
			// message that came from nowhere (a closed channel read as an
			// empty message, say).
			var strays atomic.Int64
			deliver := func(string) { strays.Add(1) }
			harness.MustFinishWithin(2*harness.DeadlockBound, func() {
				var all []*hub.Hub
				deadline := time.Now().Add(harness.DeadlockBound)
				for round := 0; round == 0 || time.Now().Before(deadline); round++ {
					hubs := make([]*hub.Hub, fleet)
					harness.Stress(stoppers, func(g int) {
						for i := g; i < fleet; i += stoppers {
							hubs[i] = hub.Start(deliver)
						}
					})
					if round == 0 {
						hubs = append(hubs, mine)
					}
					harness.Stress(stoppers, func(int) {
						for _, h := range hubs {
							h.Stop()
						}
					})
					all = append(all, hubs...)
				}
				for _, h := range all {
					<-h.Done()
				}
			})
			Expect(strays.Load()).To(BeZero(), "hubs that nobody published to delivered messages, around Stop")
		})
	})

	Context("while nobody publishes", func() {
		It("waits for a message without spinning", func() {
			h := r.hub
			harness.ExpectNoBusyWait()
			harness.MustFinish(func() {
				h.Stop()
				<-h.Done()
			})
		})
	})
})
