package hits_test

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	hits "github.com/racekatas/racekatas/katas/02-hot-counter"
)

// requests is the size of each batch, and reads how many times the status
// page looks at the count while a batch is served.
const (
	requests = 100
	reads    = 1000
)

// countersAtOnce goroutines count hits in tight loops, each at least
// incsEach of them and for at least flatOut in all, unless a hit goes
// missing first.
const (
	countersAtOnce = 4
	incsEach       = 10000
	flatOut        = 250 * time.Millisecond
)

// paddedInt is a counter on a cache line of its own, so that the goroutines
// reporting their counts do not slow each other down.
type paddedInt struct {
	n atomic.Int64
	_ [56]byte
}

// batch returns n distinct page paths.
func batch(n int) []string {
	paths := make([]string, n)
	for i := range paths {
		paths[i] = fmt.Sprintf("/page/%d", i)
	}
	return paths
}

var _ = Describe("ServeBatch", func() {
	var (
		counter *hits.Counter
		paths   []string
	)

	BeforeEach(func() {
		counter = &hits.Counter{}
		paths = batch(requests)
	})

	Context("when a batch of requests arrives at once", func() {
		var (
			probe  *harness.Probe
			mu     sync.Mutex // protects served
			served []string
			serve  func(path string)
		)

		BeforeEach(func() {
			probe = harness.NewProbe(2)
			served = nil
			// The probe measures how many pages are being served at once.
			// ServeBatch counts the hit after serve returns, so Inc runs
			// outside the probe and the probe's lock cannot order the Incs.
			serve = func(path string) {
				leave := probe.Enter()
				defer leave()
				mu.Lock()
				defer mu.Unlock()
				served = append(served, path)
			}
		})

		It("counts every hit exactly once", func() {
			harness.MustFinish(func() { hits.ServeBatch(counter, paths, serve) })
			Expect(counter.Value()).To(Equal(int64(requests)), "hits went missing")
		})

		It("serves every page it was given", func() {
			harness.MustFinish(func() { hits.ServeBatch(counter, paths, serve) })
			mu.Lock()
			defer mu.Unlock()
			Expect(served).To(ConsistOf(paths))
		})

		It("serves the requests side by side", func() {
			harness.MustFinish(func() { hits.ServeBatch(counter, paths, serve) })
			Expect(probe.Max()).To(BeNumerically(">=", 2),
				"the requests were served one at a time: one slow page would hold up the whole batch")
		})
	})

	Context("when one page of a batch is slow", func() {
		It("shows the hits of the pages already out before the slow one is done", func() {
			// The status page promises a live count: each hit is counted
			// once its page is out, not once the whole batch is. One page
			// is held until every other hit shows; a ServeBatch that adds
			// the batch's hits only at its end never shows them.
			slow := paths[0]
			gate := make(chan struct{})
			var release sync.Once
			open := func() { release.Do(func() { close(gate) }) }
			batchDone := make(chan struct{})
			// The status page polls on a goroutine of its own: a Value that
			// waits for the slow page (a lock held across serve) must fail
			// the spec, not hang it.
			stop := make(chan struct{})
			seen := make(chan struct{})   // closed once every other hit shows
			polled := make(chan struct{}) // closed when the poller is done
			// Cleanups run last in, first out: open the gate, stop the
			// poller, then wait for both goroutines.
			DeferCleanup(func() { harness.MustFinish(func() { <-batchDone; <-polled }) })
			DeferCleanup(func() { close(stop) })
			DeferCleanup(open)
			go func() {
				defer GinkgoRecover()
				defer close(batchDone)
				hits.ServeBatch(counter, paths, func(path string) {
					if path == slow {
						<-gate
					}
				})
			}()
			go func() {
				defer close(polled)
				tick := time.NewTicker(time.Millisecond)
				defer tick.Stop()
				for counter.Value() < requests-1 {
					select {
					case <-stop:
						return
					case <-tick.C:
					}
				}
				close(seen)
			}()
			Eventually(seen).WithTimeout(harness.DeadlockBound).Should(BeClosed(),
				"the status page did not show the hits of the pages already served while one page was slow")
			Expect(batchDone).NotTo(BeClosed(), "ServeBatch returned before its slow page was served")
			open()
			harness.MustFinish(func() { <-batchDone })
			Expect(counter.Value()).To(Equal(int64(requests)), "hits went missing")
		})
	})

	Context("when the batch is empty", func() {
		It("returns at once and counts nothing", func() {
			harness.MustFinish(func() { hits.ServeBatch(counter, nil, func(string) {}) })
			Expect(counter.Value()).To(BeZero())
		})
	})

	Context("when the status page reads while a batch is served", func() {
		It("shows a count that only grows, up to the batch size", func() {
			harness.MustFinish(func() {
				// Two goroutines released together: one serves the batch,
				// one reads the count as fast as it can.
				harness.Stress(2, func(i int) {
					if i == 0 {
						hits.ServeBatch(counter, paths, func(string) {})
						return
					}
					var last int64
					for range reads {
						v := counter.Value()
						Expect(v).To(BeNumerically(">=", last), "the count went back")
						Expect(v).To(BeNumerically("<=", requests), "the count passed the batch size")
						last = v
					}
				})
			})
			Expect(counter.Value()).To(Equal(int64(requests)), "hits went missing")
		})
	})
})

var _ = Describe("Counter", func() {
	Context("when many goroutines count at the same moment as the status page reads", func() {
		It("loses no hit and never shows the count going back", func() {
			// A read-modify-write split into two steps (a Load, then a Store
			// of the value plus one) loses a hit whenever another Inc runs
			// between the steps. No hook sits between the two, so only
			// volume opens that gap: several threads that do nothing but
			// Inc, with more Ps than cores so that the OS also suspends a
			// thread between any two instructions. A fixed number of calls
			// was seen to lose no hit now and then on a busy machine (the
			// threads then take turns rather than run side by side), so the
			// counters keep going for at least flatOut, and stop early once
			// the status page sees fewer hits than the counters have
			// reported done: a lost hit never comes back, and a Value that
			// answers anything else while an Inc holds the counter (a
			// TryLock that gives up and says 0) shows the count going back
			// as soon as it answers so. The counters keep the lock busy for
			// most of the time the status page reads, so such a Value
			// answers wrong many times in flatOut. (The hot loops
			// check by hand and call Fail only on a violation: an Expect
			// per read costs more than the reads themselves.)
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			c := &hits.Counter{}
			var (
				stop    atomic.Bool               // the status page has seen enough
				counted [countersAtOnce]paddedInt // hits each counter has seen Inc return for
				behind  string                    // the first read that showed fewer hits than were counted
			)
			done := func() (sum, least int64) {
				least = -1
				for i := range counted {
					n := counted[i].n.Load()
					sum += n
					if least < 0 || n < least {
						least = n
					}
				}
				return sum, least
			}
			harness.MustFinish(func() {
				harness.Stress(countersAtOnce+1, func(i int) {
					if i == countersAtOnce {
						defer stop.Store(true)
						start := time.Now()
						var last int64
						for {
							// Read the counters' reports first: every hit
							// reported is already in the count read after.
							sum, least := done()
							v := c.Value()
							if v < last {
								Fail(fmt.Sprintf("the count went back, from %d to %d", last, v))
							}
							last = v
							if v < sum {
								behind = fmt.Sprintf("the status page showed %d hits when %d had already been counted", v, sum)
								return
							}
							if least >= incsEach && time.Since(start) >= flatOut {
								return
							}
						}
					}
					for n := int64(1); !stop.Load(); n++ {
						c.Inc()
						counted[i].n.Store(n)
					}
				})
			})
			want, _ := done()
			Expect(c.Value()).To(Equal(want), "hits went missing")
			// Every hit is there in the end, yet the status page once saw
			// fewer than had been counted: Value answered with something
			// other than the count.
			Expect(behind).To(BeEmpty(), "the count went back while hits were being counted")
		})
	})

	Context("before any hit", func() {
		It("reads zero", func() {
			var c hits.Counter
			Expect(c.Value()).To(BeZero())
		})
	})

	Context("after hits counted one after another", func() {
		It("reads how many there were", func() {
			c := &hits.Counter{}
			for range 3 {
				harness.MustFinish(c.Inc)
			}
			Expect(c.Value()).To(Equal(int64(3)))
		})
	})
})
