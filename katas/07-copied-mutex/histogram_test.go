package latency_test

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	latency "github.com/racekatas/racekatas/katas/07-copied-mutex"
)

// The dashboard's buckets: up to 10 ms, up to 100 ms, up to 1 s, slower.
var bounds = []time.Duration{10 * time.Millisecond, 100 * time.Millisecond, time.Second}

// took returns the latency of request i: requests cycle through the four
// buckets, one each in turn.
func took(i int) time.Duration {
	return []time.Duration{
		5 * time.Millisecond, 50 * time.Millisecond, 500 * time.Millisecond, 5 * time.Second,
	}[i%4]
}

// sum adds up the counts of every bucket.
func sum(counts []int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// countsOf reads h's counts under the deadlock watchdog: Counts takes a
// lock, and a lock left held would otherwise hang the suite.
func countsOf(h *latency.Histogram) (counts []int) {
	GinkgoHelper()
	harness.MustFinish(func() { counts = h.Counts() })
	return counts
}

// manyBounds is a long list of bucket bounds, 1 ns apart, all below a
// second: looking for the bucket of a slower request walks all of them.
var manyBounds = func() []time.Duration {
	out := make([]time.Duration, 1<<20)
	for i := range out {
		out[i] = time.Duration(i + 1)
	}
	return out
}()

// requests is how many requests each busy spec records: a multiple of four,
// so that every bucket gets requests/4.
const requests = 400

var _ = Describe("Histogram", func() {
	// hist is the running spec's histogram. Spec bodies pass it to the
	// goroutines they start as an argument, never by reading this variable,
	// so nothing they leave behind can race with the next spec's setup.
	var hist *latency.Histogram

	BeforeEach(func() {
		hist = latency.New(bounds...)
	})

	Context("when many requests finish at once", func() {
		It("counts every request in its bucket", func() {
			h := hist
			harness.MustFinish(func() {
				harness.Stress(requests, func(i int) { h.Observe(took(i)) })
			})
			Expect(countsOf(h)).To(Equal([]int{requests / 4, requests / 4, requests / 4, requests / 4}),
				"requests went missing")
		})
	})

	Context("when the dashboard reads while requests are recorded", func() {
		It("shows counts that only grow, up to the number of requests", func() {
			h := hist
			harness.MustFinish(func() {
				// Two goroutines released together: one records the
				// requests, one reads the counts as fast as it can.
				harness.Stress(2, func(i int) {
					if i == 0 {
						for n := range requests {
							h.Observe(took(n))
						}
						return
					}
					last := 0
					for range requests {
						counts := h.Counts()
						Expect(counts).To(HaveLen(len(bounds) + 1))
						Expect(sum(counts)).To(BeNumerically(">=", last), "the dashboard saw the total go back")
						Expect(sum(counts)).To(BeNumerically("<=", requests), "the dashboard saw more requests than were made")
						last = sum(counts)
					}
				})
			})
			Expect(sum(countsOf(h))).To(Equal(requests), "requests went missing")
		})
	})

	Context("when two dashboards read while requests are recorded", func() {
		It("shows both of them counts that only grow", func() {
			h := hist
			harness.MustFinish(func() {
				// Two recorders and two readers released together: a
				// second caller of each method.
				harness.Stress(4, func(i int) {
					if i < 2 {
						for n := range requests / 2 {
							h.Observe(took(n))
						}
						return
					}
					last := 0
					for range requests / 2 {
						total := sum(h.Counts())
						Expect(total).To(BeNumerically(">=", last), "a dashboard saw the total go back")
						Expect(total).To(BeNumerically("<=", requests), "a dashboard saw more requests than were made")
						last = total
					}
				})
			})
			Expect(countsOf(h)).To(Equal([]int{requests / 4, requests / 4, requests / 4, requests / 4}), "requests went missing")
		})
	})

	Context("when several goroutines record requests flat out", func() {
		It("loses none of them, and the dashboard sees the total only grow", func() {
			// An Observe whose read of the counts and write of the new
			// counts are two sections (copy under the lock, add unlocked,
			// swap back under the lock) loses a request whenever another
			// Observe lands between them. Every recorder keeps going until
			// every recorder has made observesEach calls, so all of them
			// overlap however late the scheduler starts one; with more Ps
			// than cores the OS also suspends a thread between any two
			// steps.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			const recorders, observesEach = 4, 5000
			h := hist
			var (
				warm     atomic.Int32 // recorders that have made observesEach calls
				finished atomic.Int32 // recorders that are done
				recorded [recorders]int
			)
			harness.MustFinish(func() {
				// A dashboard reads for as long as the recorders run, so a
				// Counts that copies the counts outside the lock meets the
				// writes while both goroutines are alive.
				harness.Stress(recorders+1, func(i int) {
					if i == recorders {
						last := 0
						for finished.Load() < recorders {
							total := sum(h.Counts())
							if total < last {
								Fail(fmt.Sprintf("the dashboard saw the total go back, from %d to %d", last, total))
							}
							last = total
						}
						return
					}
					defer finished.Add(1)
					n := 0
					for n < observesEach || warm.Load() < recorders {
						h.Observe(took(0))
						n++
						if n == observesEach {
							warm.Add(1)
						}
					}
					recorded[i] = n
				})
			})
			want := 0
			for _, n := range recorded {
				want += n
			}
			Expect(countsOf(h)).To(Equal([]int{want, 0, 0, 0}), "requests went missing")
		})
	})

	Context("when two requests slower than every bound of a long list finish at once", func() {
		It("counts both of them", func() {
			// With manyBounds bounds, finding a request's bucket takes
			// milliseconds. An Observe that copies the counts under the
			// lock, looks for the bucket with the lock released and swaps
			// its copy back under the lock again leaves that long search
			// between its read and its write: the other request, released
			// at the same moment, reads the same counts in the meantime
			// (on one processor too: the runtime preempts a goroutine that
			// runs that long, and with more Ps than cores the OS switches
			// threads in the meantime), and one of the two swaps throws the
			// other away. The window is held open by the input, not left to
			// the scheduler.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			h := latency.New(manyBounds...)
			harness.MustFinishWithin(2*harness.DeadlockBound, func() {
				harness.Stress(2, func(int) { h.Observe(time.Hour) })
			})
			var counts []int
			harness.MustFinish(func() { counts = h.Counts() })
			Expect(counts[len(manyBounds)]).To(Equal(2), "a request went missing")
		})
	})

	Context("when it has no bounds at all", func() {
		It("counts every request in its one bucket", func() {
			h := latency.New()
			harness.MustFinish(func() {
				harness.Stress(2, func(i int) { h.Observe(took(i)) })
			})
			Expect(countsOf(h)).To(Equal([]int{2}))
		})
	})

	Context("before any request", func() {
		It("shows every bucket empty", func() {
			Expect(countsOf(hist)).To(Equal([]int{0, 0, 0, 0}))
		})
	})

	Context("when a latency falls exactly on a bound", func() {
		It("counts it in that bound's bucket, and anything slower in the next", func() {
			h := hist
			harness.MustFinish(func() {
				h.Observe(10 * time.Millisecond)
				h.Observe(time.Second)
				h.Observe(time.Second + time.Nanosecond)
			})
			Expect(countsOf(h)).To(Equal([]int{1, 0, 1, 1}))
		})
	})

	Context("when the dashboard changes the counts it was given", func() {
		It("keeps its own counts unchanged", func() {
			h := hist
			harness.MustFinish(func() { h.Observe(time.Millisecond) })
			counts := countsOf(h)
			counts[0] = 99
			Expect(countsOf(h)).To(Equal([]int{1, 0, 0, 0}))
		})
	})
})
