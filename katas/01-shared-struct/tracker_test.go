package tracker_test

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	tracker "github.com/racekatas/racekatas/katas/01-shared-struct"
)

// fixes is how many GPS readings each spec sends. Every fix keeps Lon equal
// to twice Lat, so a reader that sees Lat of one fix with Lon of another has
// caught a torn read.
const fixes = 200

// movers goroutines each call Move at least movesEach times on one tracker
// while dashboards goroutines read it.
const (
	movers     = 4
	movesEach  = 1000
	dashboards = 2
)

// A burst is bursts rounds of burstSize fixes that wait in the feed before
// Follow starts.
const (
	bursts    = 20
	burstSize = 100
)

// flatOut is how long, at least, the spec whose unit reports flat out keeps
// it moving while no torn position shows.
const flatOut = 250 * time.Millisecond

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
						Expect(float64(p.Seq)).To(Equal(p.Lat), "the dashboard showed a position with the count of another fix")
					}
				})
				<-moved
			})
			Expect(van.Where()).To(Equal(tracker.Position{Lat: fixes, Lon: 2 * fixes, Seq: fixes}))
		})
	})

	Context("when a second GPS unit reports beside the one being followed", func() {
		It("applies the fixes of both and shows only positions really reported", func() {
			// Three goroutines released together, sharing nothing but the
			// tracker: Follow's goroutine applies one unit's fixes, another
			// calls Move directly for the second unit, a third reads. A
			// Move that takes no lock of its own races with both.
			t := &tracker.Tracker{}
			unit := make(chan tracker.Fix)
			harness.MustFinish(func() {
				done := tracker.Follow(t, unit)
				harness.Stress(3, func(i int) {
					switch i {
					case 0:
						for n := 1; n <= fixes; n++ {
							unit <- fix(n)
						}
						close(unit)
						<-done
					case 1:
						for n := 1; n <= fixes; n++ {
							t.Move(fix(n))
						}
					default:
						for range fixes / 10 {
							p := t.Where()
							Expect(p.Lon).To(Equal(2*p.Lat), "the dashboard saw half of one fix and half of another")
						}
					}
				})
			})
			Expect(t.Where().Seq).To(Equal(2*fixes), "fixes went missing from the count")
		})
	})

	Context("when several goroutines report fixes for the same van while dashboards read", func() {
		It("counts every fix and always shows a position the van really reported", func() {
			// Move is part of the API: a second GPS unit or a manual
			// correction may call it beside Follow, so two callers of Move,
			// and Move beside Where, must be safe on their own. Every mover
			// keeps going until every mover has made movesEach calls, so
			// all of them overlap however late the scheduler starts one;
			// with more Ps than cores the OS also suspends a thread between
			// any two steps, which loses a fix from the count whenever Move
			// reads the old position and writes the new one as two steps.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			t := &tracker.Tracker{}
			var (
				warm     atomic.Int32 // movers that have made movesEach calls
				finished atomic.Int32 // movers that are done
				moved    [movers]int
			)
			harness.MustFinish(func() {
				harness.Stress(movers+dashboards, func(i int) {
					if i >= movers {
						last := 0
						for finished.Load() < movers {
							p := t.Where()
							if p.Lon != 2*p.Lat {
								Fail(fmt.Sprintf("the dashboard saw half of one fix and half of another: %+v", p))
							}
							if p.Seq < last {
								Fail(fmt.Sprintf("the count of fixes went back, from %d to %d", last, p.Seq))
							}
							last = p.Seq
						}
						return
					}
					defer finished.Add(1)
					n := 0
					for n < movesEach || warm.Load() < movers {
						n++
						t.Move(fix(n))
						if n == movesEach {
							warm.Add(1)
						}
					}
					moved[i] = n
				})
			})
			total := 0
			for _, n := range moved {
				total += n
			}
			Expect(t.Where().Seq).To(Equal(total), "fixes went missing from the count")
		})
	})

	Context("when one GPS unit reports flat out while dashboards read", func() {
		It("shows the count of fixes that belongs to the position shown", func() {
			// One unit sends fix(1), fix(2)... in order, so the n-th fix
			// applied has Lat n: a Position whose Seq is not its Lat mixes
			// two fixes. A Tracker that guards the coordinates and the count
			// under different locks hands one out whenever a Where falls
			// between the two halves of a Move. No hook sits between the
			// halves, so only volume opens that gap: the unit keeps moving
			// until every dashboard has made readsEach reads and flatOut
			// has passed, and the dashboards keep reading until the unit
			// has stopped, so the two overlap for thousands of calls however
			// late either starts. (A fixed number of calls was seen to miss
			// now and then with one free core: the threads then take turns,
			// and only a thread suspended between two halves shows the
			// gap.) The first torn position stops everyone.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			const readsEach = 10000
			t := &tracker.Tracker{}
			var (
				read  atomic.Int32 // dashboards that have made readsEach reads
				done  atomic.Bool  // the unit has stopped
				torn  atomic.Pointer[tracker.Position]
				moves int
			)
			harness.MustFinish(func() {
				harness.Stress(1+dashboards, func(i int) {
					if i == 0 {
						defer done.Store(true)
						start := time.Now()
						for (moves < movesEach || read.Load() < dashboards || time.Since(start) < flatOut) && torn.Load() == nil {
							moves++
							t.Move(fix(moves))
						}
						return
					}
					for n := 1; (n <= readsEach || !done.Load()) && torn.Load() == nil; n++ {
						p := t.Where()
						if float64(p.Seq) != p.Lat || p.Lon != 2*p.Lat {
							// One is enough: everyone stops.
							torn.Store(&p)
							return
						}
						if n == readsEach {
							read.Add(1)
						}
					}
				})
			})
			if p := torn.Load(); p != nil {
				Fail(fmt.Sprintf("the dashboard showed a position with the count of another fix: %+v", *p))
			}
			Expect(t.Where()).To(Equal(tracker.Position{Lat: float64(moves), Lon: 2 * float64(moves), Seq: moves}))
		})
	})

	Context("when a burst of fixes is already waiting in the feed", func() {
		It("applies them in the order they arrived and shows the last one", func() {
			// The feed holds a whole burst before Follow starts, so Follow
			// can take fix after fix without waiting for the van. A Follow
			// that hands each fix to a goroutine of its own then has many
			// Moves waiting to run at once, and the scheduler starts them in
			// its own order, not the feed's: on one processor the goroutine
			// started last runs first. One processor makes that the rule
			// rather than a chance, and many bursts leave no room for luck.
			// Fixes applied in the order they arrived end on the last one,
			// with Seq equal to its Lat.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(1))
			for range bursts {
				t := &tracker.Tracker{}
				burst := make(chan tracker.Fix, burstSize)
				for n := 1; n <= burstSize; n++ {
					burst <- fix(n)
				}
				close(burst)
				harness.MustFinish(func() { <-tracker.Follow(t, burst) })
				Expect(t.Where()).To(Equal(tracker.Position{Lat: burstSize, Lon: 2 * burstSize, Seq: burstSize}),
					"after a burst of %d fixes the van shows another position than the last fix: the fixes were applied out of the order they arrived", burstSize)
			}
		})
	})

	Context("when the feed closes before any fix", func() {
		It("stops following and still shows the zero position", func() {
			harness.MustFinish(func() {
				moved = tracker.Follow(van, feed)
				close(feed)
				<-moved
			})
			Expect(van.Where()).To(Equal(tracker.Position{}))
		})
	})

	Context("when the van sends no fix for a while", func() {
		It("waits for the next one without using the processor", func() {
			moved = tracker.Follow(van, feed)
			DeferCleanup(func(done <-chan struct{}, feed chan tracker.Fix) {
				close(feed)
				harness.MustFinish(func() { <-done })
			}, moved, feed)
			harness.MustFinish(func() { feed <- fix(1) })
			harness.ExpectNoBusyWait()
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
