package tracker_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	tracker "github.com/racekatas/racekatas/katas/01-shared-struct"
)

// fixes is how many GPS readings each spec sends. Every fix keeps Lon equal
// to twice Lat, so a reader that sees Lat of one fix with Lon of another has
// caught a torn read.
const fixes = 500

func fix(i int) tracker.Fix { return tracker.Fix{Lat: float64(i), Lon: 2 * float64(i)} }

var _ = Describe("Tracker", func() {
	var (
		van   *tracker.Tracker
		feed  chan tracker.Fix
		moved <-chan struct{}
	)

	BeforeEach(func() {
		van = &tracker.Tracker{}
		feed = make(chan tracker.Fix)
	})

	Context("when the van moves while the dashboard reads", func() {
		It("always shows a position the van really reported", func() {
			harness.MustFinish(func() {
				moved = tracker.Follow(van, feed)
				// Two goroutines released together: one feeds fixes, one
				// reads positions as fast as it can.
				harness.Stress(2, func(i int) {
					if i == 0 {
						for n := 1; n <= fixes; n++ {
							feed <- fix(n)
						}
						close(feed)
						return
					}
					for range fixes {
						p := van.Where()
						Expect(p.Lon).To(Equal(2*p.Lat), "the dashboard saw half of one fix and half of another")
					}
				})
				<-moved
			})
			Expect(van.Where()).To(Equal(tracker.Position{Lat: fixes, Lon: 2 * fixes, Seq: fixes}))
		})
	})

	Context("when nothing has been reported yet", func() {
		It("shows the zero position", func() {
			Expect(van.Where()).To(Equal(tracker.Position{}))
		})
	})

	Context("when the feed closes", func() {
		It("stops following and applies every fix", func() {
			harness.MustFinish(func() {
				moved = tracker.Follow(van, feed)
				for n := 1; n <= 3; n++ {
					feed <- fix(n)
				}
				close(feed)
				<-moved
			})
			Expect(van.Where().Seq).To(Equal(3))
		})
	})
})
