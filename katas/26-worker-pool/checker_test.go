package linkcheck_test

import (
	"fmt"
	"strings"
	"sync"
	"testing/synctest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	linkcheck "github.com/racekatas/racekatas/katas/26-worker-pool"
)

// workers is the pool size every spec asks for, and pages the size of the
// site: many more links than workers, so each worker checks several.
const (
	workers = 4
	pages   = 20
)

// A fakeSite is one spec's website: its links, what its server answers, and
// a record of the checks CheckAll made. Every spec builds its own and its
// goroutines touch nothing else, so a pool that a deadlocked spec leaves
// behind cannot race with the next spec's setup.
type fakeSite struct {
	links []string
	want  []linkcheck.Status // the report CheckAll should return
	codes map[string]int     // what the server answers; read-only once built
	probe *harness.Probe     // every check enters and leaves it
	hold  chan struct{}      // if not nil, every check waits until it is closed; set before CheckAll
	bare  bool               // if set, check only answers: no probe, no record; set before CheckAll

	mu      sync.Mutex     // protects checked
	checked map[string]int // how many times each link was checked

	got []linkcheck.Status // what CheckAll returned
}

// newSite returns a site of n pages, in crawl order; every seventh page is
// missing. Its probe only counts: its gate is open from the start.
func newSite(n int) *fakeSite {
	s := &fakeSite{
		codes:   map[string]int{},
		probe:   harness.NewProbe(1),
		checked: map[string]int{},
	}
	for i := range n {
		url := fmt.Sprintf("https://example.org/page/%02d", i)
		code := 200
		if i%7 == 3 {
			code = 404
		}
		s.links = append(s.links, url)
		s.want = append(s.want, linkcheck.Status{URL: url, Code: code})
		s.codes[url] = code
	}
	return s
}

// check is the work function handed to CheckAll: it fetches nothing, but
// records the call and answers with the page's code.
func (s *fakeSite) check(url string) int {
	if s.bare {
		return s.codes[url]
	}
	leave := s.probe.Enter()
	defer leave()
	if s.hold != nil {
		<-s.hold
	}
	s.mu.Lock()
	s.checked[url]++
	s.mu.Unlock()
	return s.codes[url]
}

// checkAll runs CheckAll over the whole site with the pool of workers.
func (s *fakeSite) checkAll() {
	s.got = linkcheck.CheckAll(s.links, workers, s.check)
}

var _ = Describe("CheckAll", func() {
	var site *fakeSite

	BeforeEach(func() {
		site = newSite(pages)
	})

	// First in the container (Ginkgo keeps the order of specs within it), so
	// that no pool left behind by another spec is running yet.
	Context("while the checks in flight are slow and no link is left to hand out", func() {
		It("keeps the idle workers and the caller parked, not polling", func() {
			s := newSite(2)
			s.hold = make(chan struct{})
			release := sync.OnceFunc(func() { close(s.hold) })
			DeferCleanup(release)
			done := make(chan struct{})
			go func() {
				defer close(done)
				s.checkAll()
			}()
			Eventually(s.probe.InFlight).WithTimeout(time.Second).Should(Equal(2))
			// Two workers wait for their server; the other two have no link
			// to take, and the caller has no result to read.
			harness.ExpectNoBusyWait()
			release()
			Eventually(done).WithTimeout(time.Second).Should(BeClosed())
			Expect(s.got).To(Equal(s.want))
		})
	})

	Context("when the site has more links than the pool has workers", func() {
		It("checks every link exactly once and reports them in link order", func() {
			harness.MustFinish(site.checkAll)
			Expect(site.checked).To(HaveLen(pages), "some links were never checked")
			Expect(site.checked).To(HaveEach(1), "some links were checked more than once")
			Expect(site.got).To(Equal(site.want))
		})
	})

	Context("when the checks are slow enough to pile up", func() {
		BeforeEach(func() {
			// The gate holds every check until one more than the pool size
			// is in flight, or until harness.ProbeWait has passed: a pool of
			// exactly `workers` fills up and waits once; anything unbounded
			// opens it at once.
			site.probe = harness.NewProbe(workers + 1)
		})

		It("keeps exactly `workers` checks in flight at once", func() {
			harness.MustFinish(site.checkAll)
			Expect(site.probe.Max()).To(Equal(workers), "checks in flight at the busiest moment")
			Expect(site.got).To(Equal(site.want))
		})
	})

	// A buffer of results, however large, only delays the jam to the site
	// that is one link larger; this one is larger than any buffer a crawler
	// would guess.
	Context("when the site is far larger than any buffer", func() {
		BeforeEach(func() {
			site = newSite(2_000)
			// Thousands of checks through one lock would make even a right
			// CheckAll slow under the race detector; this spec only looks
			// at the report.
			site.bare = true
		})

		It("checks every link and reports them in link order", func() {
			harness.MustFinish(site.checkAll)
			Expect(site.got).To(Equal(site.want))
		})
	})

	Context("when the site has fewer links than the pool has workers", func() {
		BeforeEach(func() {
			site = newSite(1)
		})

		It("checks the one link and returns", func() {
			harness.MustFinish(site.checkAll)
			Expect(site.got).To(Equal(site.want))
		})
	})

	// However long a server takes to answer, its link belongs in the
	// report: CheckAll waits for the check, not for a timer. On a fake clock
	// a day passes at once while one check is held, so a reader that gives
	// up after a while (of any length) returns within that day.
	Context("when one link's server takes however long to answer", func() {
		It("is still waiting for it a day later, then reports every link and leaves no worker behind", func() {
			s := newSite(pages)
			slowLink := s.links[pages/2]
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					answer := make(chan struct{}) // closed by the spec: the slow server answers
					release := sync.OnceFunc(func() { close(answer) })
					defer release()
					checkers := make(chan int, len(s.links)) // the goroutine of every check
					check := func(url string) int {
						checkers <- harness.GoroutineID()
						if url == slowLink {
							<-answer
						}
						return s.codes[url] // only read: the map is built before CheckAll
					}
					report := make(chan []linkcheck.Status, 1)
					go func() { report <- linkcheck.CheckAll(s.links, workers, check) }()

					time.Sleep(24 * time.Hour) // at once, on the fake clock
					Expect(report).NotTo(Receive(),
						"CheckAll returned while the check of %s was still waiting for its server: the report must wait for every link", slowLink)
					release()
					Expect(<-report).To(Equal(s.want))

					// Every goroutine of the bubble has now ended or waits
					// for good: a worker still parked is one CheckAll left
					// behind. Say so here: once this body returns, such a
					// worker would end the bubble as a deadlock instead.
					synctest.Wait()
					close(checkers)
					for id := range checkers {
						if state := harness.GoroutineState(id); state != "" {
							Fail("LEAK: CheckAll had returned, and a worker of its pool was still there (it is parked in " +
								strings.TrimSuffix(state, " (durable)") + "): every goroutine CheckAll starts must have finished when it returns.")
						}
					}
				})
			})
		})
	})

	Context("when two sites are checked at once", func() {
		It("gives each its own report", func() {
			sites := []*fakeSite{newSite(pages), newSite(pages + 3)}
			harness.MustFinish(func() {
				harness.Stress(len(sites), func(i int) { sites[i].checkAll() })
			})
			for _, s := range sites {
				Expect(s.got).To(Equal(s.want))
			}
		})
	})

	Context("when the site has no links", func() {
		BeforeEach(func() {
			site = newSite(0)
		})

		It("returns an empty report without checking anything", func() {
			harness.MustFinish(site.checkAll)
			Expect(site.got).To(BeEmpty())
			Expect(site.probe.Calls()).To(BeZero())
		})
	})
})
