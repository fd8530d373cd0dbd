package hits_test

import (
	"fmt"
	"sync"

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
