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

// countersAtOnce goroutines each count incsEach hits in a tight loop.
const (
	countersAtOnce = 4
	incsEach       = 10000
)

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
			// between the steps. Several threads that do nothing but Inc
			// make that near-certain: with more Ps than cores the OS also
			// preempts a thread between any two instructions. The reader
			// runs for as long as the counters do, so a plain read meets
			// the writes while both goroutines are alive. (The hot loops
			// check by hand and call Fail only on a violation: an Expect
			// per read costs more than the reads themselves.)
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			c := &hits.Counter{}
			var (
				warm     atomic.Int32 // counters that have made incsEach calls
				finished atomic.Int32 // counters that are done
				counted  [countersAtOnce]int64
			)
			harness.MustFinish(func() {
				harness.Stress(countersAtOnce+1, func(i int) {
					if i == countersAtOnce {
						var last int64
						for finished.Load() < countersAtOnce {
							v := c.Value()
							if v < last {
								Fail(fmt.Sprintf("the count went back, from %d to %d", last, v))
							}
							last = v
						}
						return
					}
					defer finished.Add(1)
					// Each counter keeps going until every counter has made
					// incsEach calls, so all of them overlap, however late
					// the scheduler starts one.
					n := int64(0)
					for n < incsEach || warm.Load() < countersAtOnce {
						c.Inc()
						n++
						if n == incsEach {
							warm.Add(1)
						}
					}
					counted[i] = n
				})
			})
			var want int64
			for _, n := range counted {
				want += n
			}
			Expect(c.Value()).To(Equal(want), "hits went missing")
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
