package visits_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	visits "github.com/racekatas/racekatas/katas/04-map-writes"
)

// visitors is how many requests each spec serves, spread evenly over pages;
// looks is how many times the dashboard reads while they are served.
const (
	visitors = 60
	looks    = 100
)

// recorders goroutines each record at least recordsEach visits straight to
// a counter while the dashboard reads.
const (
	recorders   = 4
	recordsEach = 5000
)

var pages = []string{"/", "/pricing", "/blog"}

// bigSite is how many pages the site has in the spec whose dashboard takes
// a snapshot long enough for visitors to queue behind it, and queueRounds how
// many times that spec tries to make them queue.
const (
	bigSite     = 20000
	queueRounds = 10
)

// parkWait bounds how long a spec waits for a goroutine it started to park.
const parkWait = 50 * time.Millisecond

// parked waits until goroutine id is blocked on a lock, for at most
// parkWait, and reports whether it is. A goroutine that has ended never will.
func parked(id int) bool {
	for deadline := time.Now().Add(parkWait); time.Now().Before(deadline); runtime.Gosched() {
		switch state := harness.GoroutineState(id); {
		case state == "":
			return false
		case strings.HasPrefix(state, "sync."), strings.HasPrefix(state, "semacquire"):
			return true
		}
	}
	return false
}

// sum is the total of counts.
func sum(counts map[string]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// A site is one spec's web site: its visit counter, the requests it gets and
// a handler that records what it served. Every spec builds its own, and the
// goroutines a spec starts touch nothing else, so requests that a failed
// spec leaves running cannot race with the next spec's setup.
type site struct {
	counter  *visits.Counter
	requests []string       // the page of each request, in arrival order
	probe    *harness.Probe // every request's handler enters and leaves it
	door     chan struct{}  // handlers wait until it is closed

	mu      sync.Mutex // protects handled
	handled int        // how many requests were handled
}

// newSite returns a site with an empty counter and visitors requests, one
// page after another. Its door and its probe's gate are open from the start.
func newSite() *site {
	s := &site{counter: &visits.Counter{}, probe: harness.NewProbe(1), door: make(chan struct{})}
	close(s.door)
	for i := range visitors {
		s.requests = append(s.requests, pages[i%len(pages)])
	}
	return s
}

// handle is the handler passed to Serve: it renders nothing, but records
// that it ran. Serve records the visit after handle returns, so the Counter
// is used outside the probe's and the handler's locks, which cannot order
// one request's Record against another's.
func (s *site) handle(string) {
	<-s.door
	leave := s.probe.Enter()
	defer leave()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handled++
}

// Handled returns how many requests were handled so far.
func (s *site) Handled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.handled
}

// serve queues every request on a closed channel and serves them all.
func (s *site) serve() {
	queue := make(chan string, len(s.requests))
	for _, page := range s.requests {
		queue <- page
	}
	close(queue)
	visits.Serve(s.counter, queue, s.handle)
}

// whileServing serves the requests on one goroutine while the dashboard, on
// another, runs look. The requests wait at the door until the dashboard has
// started, and the dashboard stays until every request is recorded, so its
// reads overlap the requests' writes on every run, whatever the scheduler
// does. (The race detector keeps a bounded history: with hundreds of
// goroutines coming and going, it was seen to miss a conflict with a
// goroutine long finished. A reader kept alive, and a few dozen requests,
// made the report come on every one of hundreds of runs.) Neither the door
// nor the wait orders the reads against the writes: the door opens before
// the first read, and the wait ends after the last.
func (s *site) whileServing(look func()) {
	s.door = make(chan struct{})
	served := make(chan struct{})
	harness.Stress(2, func(i int) {
		if i == 0 {
			defer close(served)
			s.serve()
			return
		}
		close(s.door)
		look()
		<-served
	})
}

// serveWhileWatched serves the requests while the dashboard reads the counts
// as fast as it can.
func (s *site) serveWhileWatched() {
	s.whileServing(func() {
		last := 0
		for range looks {
			home := s.counter.Count("/")
			Expect(home).To(BeNumerically(">=", last), "the count of / went back")
			last = home
			Expect(sum(s.counter.Snapshot())).To(BeNumerically("<=", visitors), "the dashboard counted more visits than there were")
		}
	})
}

// serveWhileReading serves the requests while the dashboard adds up a
// snapshot it took before they arrived, and returns that total.
func (s *site) serveWhileReading(before map[string]int) (total int) {
	s.whileServing(func() { total = sum(before) })
	return total
}

// everyPage is the final count of a site whose requests were all recorded.
func everyPage() map[string]int {
	want := map[string]int{}
	for _, page := range pages {
		want[page] = visitors / len(pages)
	}
	return want
}

var _ = Describe("Serve", func() {
	var web *site

	BeforeEach(func() {
		web = newSite()
	})

	Context("when many visitors open the same few pages at once", func() {
		It("counts every visit exactly once", func() {
			harness.MustFinish(web.serve)

			Expect(web.Handled()).To(Equal(visitors))
			Expect(web.counter.Snapshot()).To(Equal(everyPage()), "visits went missing")
		})
	})

	Context("when the dashboard reads while requests are served", func() {
		It("shows counts that only grow, up to the number of visits", func() {
			harness.MustFinish(web.serveWhileWatched)

			Expect(web.counter.Snapshot()).To(Equal(everyPage()), "visits went missing")
		})
	})

	Context("when the dashboard keeps a snapshot while more visits arrive", func() {
		It("leaves the snapshot as it was taken", func() {
			web.counter.Record("/")
			web.counter.Record("/blog")
			before := web.counter.Snapshot()

			var total int
			harness.MustFinish(func() { total = web.serveWhileReading(before) })

			Expect(total).To(Equal(2), "the snapshot changed after it was taken")
			Expect(before).To(Equal(map[string]int{"/": 1, "/blog": 1}), "the snapshot changed after it was taken")
		})
	})

	Context("when the requests channel closes before any request", func() {
		It("returns and records nothing", func() {
			queue := make(chan string)
			close(queue)
			harness.MustFinish(func() { visits.Serve(web.counter, queue, web.handle) })

			Expect(web.Handled()).To(BeZero())
			Expect(web.counter.Snapshot()).To(BeEmpty())
		})
	})

	Context("when handling a request takes a while", func() {
		BeforeEach(func() {
			// The gate holds the first handler until a second one is in
			// flight, or until harness.ProbeWait has passed: requests
			// handled side by side open it at once.
			web.probe = harness.NewProbe(2)
		})

		It("handles the requests side by side", func() {
			harness.MustFinish(web.serve)

			Expect(web.probe.Max()).To(BeNumerically(">=", 2),
				"the requests were handled one at a time: one slow page holds up every visitor")
			Expect(web.counter.Snapshot()).To(Equal(everyPage()))
		})
	})
})

var _ = Describe("Counter", func() {
	Context("before any visit", func() {
		It("counts zero for every page and has nothing to show", func() {
			var c visits.Counter
			Expect(c.Count("/")).To(BeZero())
			Expect(c.Snapshot()).To(BeEmpty())
		})
	})

	Context("after visits recorded one after another", func() {
		It("counts each page's visits", func() {
			c := &visits.Counter{}
			for _, page := range []string{"/", "/blog", "/", "/"} {
				harness.MustFinish(func() { c.Record(page) })
			}
			Expect(c.Count("/")).To(Equal(3))
			Expect(c.Count("/blog")).To(Equal(1))
			Expect(c.Count("/pricing")).To(BeZero())
		})
	})

	Context("when several goroutines record visits at the same moment as the dashboard reads", func() {
		It("loses no visit and shows counts that only grow", func() {
			// Record is part of the API: a second listener may call it
			// beside Serve, so two callers of Record, and Record beside
			// Count and Snapshot, must be safe on their own. Every recorder
			// counts the same page in a tight loop, and keeps going until
			// every recorder has made recordsEach calls, so all of them
			// overlap however late the scheduler starts one; with more Ps
			// than cores the OS also suspends a thread between any two
			// steps, which loses a visit whenever the increment is a
			// lookup and a separate store. The dashboard reads until the
			// last recorder is done.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			c := &visits.Counter{}
			var (
				warm     atomic.Int32 // recorders that have made recordsEach calls
				finished atomic.Int32 // recorders that are done
				recorded [recorders]int
			)
			harness.MustFinish(func() {
				harness.Stress(recorders+1, func(i int) {
					if i == recorders {
						last := 0
						for finished.Load() < recorders {
							home := c.Count("/")
							if home < last {
								Fail(fmt.Sprintf("the count of / went back, from %d to %d", last, home))
							}
							last = home
							if snap := c.Snapshot()["/"]; snap < home {
								Fail(fmt.Sprintf("the snapshot shows %d visits to /, fewer than the %d counted before it", snap, home))
							}
						}
						return
					}
					defer finished.Add(1)
					n := 0
					for n < recordsEach || warm.Load() < recorders {
						c.Record("/")
						n++
						if n == recordsEach {
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
			Expect(c.Count("/")).To(Equal(want), "visits went missing")
			Expect(c.Snapshot()).To(Equal(map[string]int{"/": want}), "visits went missing")
		})
	})

	Context("when two visitors open a new page while the dashboard reads a big snapshot", func() {
		It("counts both visits", func() {
			// The first visit to a page makes its entry; later visits add to
			// it. A Record that looks the page up under a read lock, finds
			// nothing, and then makes the entry under the write lock without
			// looking again lets two first visits each make one: the second
			// replaces the first, and the visit counted on it is lost. The
			// spec lines that up on purpose: the dashboard takes snapshots
			// of a site so big that copying it takes a while; meanwhile a
			// visit to a new page /q waits for the write lock, and two
			// visitors of another new page /p wait behind it. When the
			// snapshot under way ends, /q is stored and the two are let in
			// together: neither finds /p. The spec sees /q parked on a lock
			// before the two start, and still parked once both are. A round
			// in which that could not be seen (a snapshot over too soon, or
			// a Counter that makes no visitor wait) is checked all the same,
			// and tried again, up to queueRounds. (With more Ps than the
			// spec needs, the snapshots run beside it rather than in turn
			// with it.)
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			c := &visits.Counter{}
			harness.MustFinishWithin(5*time.Second, func() {
				for n := range bigSite {
					c.Record(fmt.Sprintf("/old/%d", n))
				}
			})
			for round := range queueRounds {
				p, q := fmt.Sprintf("/p/%d", round), fmt.Sprintf("/q/%d", round)
				lined := false // /q waited for the snapshots while both visits to /p waited behind it
				harness.MustFinishWithin(5*time.Second, func() {
					var wg sync.WaitGroup
					start := func(fn func()) int {
						id := make(chan int, 1)
						wg.Add(1)
						go func() {
							defer wg.Done()
							defer GinkgoRecover()
							id <- harness.GoroutineID()
							fn()
						}()
						return <-id
					}
					// Two dashboards take snapshot after snapshot, so that
					// one is always under way until a visit waits for them.
					var stop atomic.Bool
					for range 2 {
						start(func() {
							for !stop.Load() {
								c.Snapshot()
							}
						})
					}
					// Every visitor starts, whether or not the one before
					// it was seen waiting.
					first := start(func() { c.Record(q) })
					waiting := parked(first)
					second, third := start(func() { c.Record(p) }), start(func() { c.Record(p) })
					lined = waiting && parked(second) && parked(third) && parked(first)
					stop.Store(true)
					wg.Wait()
				})
				Expect(c.Count(q)).To(Equal(1), "the first visit to %s went missing", q)
				Expect(c.Count(p)).To(Equal(2), "two visitors opened %s, a page no one had visited, while the dashboard took snapshots, but the dashboard counts %d visits", p, c.Count(p))
				if lined {
					break
				}
			}
		})
	})

	Context("when the dashboard takes a snapshot as the first visit is recorded", func() {
		It("shows either no visit or that one", func() {
			// Snapshot beside Record, on counters that have seen nothing
			// yet: the first Record sets up the counter's storage, and a
			// Snapshot that reads it without the lock Record holds is not
			// ordered against that write, whichever of the two runs first.
			// (maps.Clone is not instrumented by the race detector, and an
			// unlocked clone beside later writes only crashes when it
			// lands inside one; the first write is the one it always sees.)
			// Many fresh counters at once make the pairs overlap, too.
			const counters = 20
			cs := make([]*visits.Counter, counters)
			for i := range cs {
				cs[i] = &visits.Counter{}
			}
			snaps := make([]map[string]int, counters)
			harness.MustFinish(func() {
				harness.Stress(2*counters, func(i int) {
					c := cs[i/2]
					if i%2 == 0 {
						c.Record("/")
						return
					}
					snaps[i/2] = c.Snapshot()
				})
			})
			for i, snap := range snaps {
				Expect(sum(snap)).To(BeNumerically("<=", 1), "the dashboard counted more visits than there were")
				Expect(cs[i].Snapshot()).To(Equal(map[string]int{"/": 1}), "the visit went missing")
			}
		})
	})

	Context("when the dashboard edits its snapshot", func() {
		It("leaves the counter's own counts alone", func() {
			c := &visits.Counter{}
			harness.MustFinish(func() { c.Record("/") })
			snap := c.Snapshot()
			snap["/"] = 1000
			Expect(c.Count("/")).To(Equal(1))
		})
	})
})
