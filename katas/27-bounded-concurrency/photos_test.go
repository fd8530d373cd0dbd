package catalog_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	catalog "github.com/racekatas/racekatas/katas/27-bounded-concurrency"
)

// limit is how many connections the CDN allows each client, and photos the
// size of the catalogue: several times the limit, so every connection serves
// several photos.
const (
	limit  = 3
	photos = 12
)

// patience is how long the slow photo's fetch waits for the others to be
// fetched around it. A FetchAll that keeps its other connections busy
// fetches them in a few milliseconds; one that waits for the slow photo
// before it starts the next ones never does, and the slow fetch gives up.
const patience = time.Second

// errNotFound is what the CDN answers for a photo it does not have.
var errNotFound = errors.New("404 Not Found")

// A fakeCDN is one spec's CDN: the photos of its catalogue and a record of
// the fetches FetchAll made. Every spec builds its own and its goroutines
// touch nothing else, so fetches that a failed spec leaves running cannot
// race with the next spec's setup.
type fakeCDN struct {
	urls  []string
	probe *harness.Probe // every fetch enters and leaves it

	// slow, if set, is the URL of a photo whose fetch lasts until every
	// other photo has been fetched, or until patience has passed.
	slow      string
	othersIn  atomic.Int64  // fetches of other photos that have returned
	othersOut chan struct{} // closed when the last of them returns
	overtaken atomic.Bool   // the slow fetch saw all the others finish

	hold chan struct{} // if not nil, every fetch waits until it is closed; set before FetchAll

	mu      sync.Mutex     // protects fetched
	fetched map[string]int // how many times each photo was fetched

	errs []error // what FetchAll returned
}

// newCDN returns a CDN serving n photos, in catalogue order; every fifth one
// is missing. Its probe only counts: its gate is open from the start.
func newCDN(n int) *fakeCDN {
	c := &fakeCDN{
		probe:     harness.NewProbe(1),
		othersOut: make(chan struct{}),
		fetched:   map[string]int{},
	}
	for i := range n {
		name := "photo"
		if i%5 == 4 {
			name = "missing"
		}
		c.urls = append(c.urls, fmt.Sprintf("https://cdn.example.com/%s-%02d.jpg", name, i))
	}
	return c
}

// fetch is the work function handed to FetchAll: it downloads nothing, but
// records the call and answers as the CDN would.
func (c *fakeCDN) fetch(url string) error {
	leave := c.probe.Enter()
	defer leave()
	if c.hold != nil {
		<-c.hold
	}
	if url == c.slow {
		select {
		case <-c.othersOut:
			c.overtaken.Store(true)
		case <-time.After(patience):
		}
	} else if c.othersIn.Add(1) == int64(len(c.urls)-1) {
		close(c.othersOut)
	}
	c.mu.Lock()
	c.fetched[url]++
	c.mu.Unlock()
	if strings.Contains(url, "missing") {
		return fmt.Errorf("%s: %w", url, errNotFound)
	}
	return nil
}

// fetchAll runs FetchAll over the whole catalogue with the CDN's limit.
func (c *fakeCDN) fetchAll() {
	c.errs = catalog.FetchAll(c.urls, limit, c.fetch)
}

// expectEveryPhotoOnce checks that FetchAll fetched each photo exactly once
// and reported each error at the index of its URL.
func (c *fakeCDN) expectEveryPhotoOnce() {
	GinkgoHelper()
	Expect(c.fetched).To(HaveLen(len(c.urls)), "some photos were never fetched")
	Expect(c.fetched).To(HaveEach(1), "some photos were fetched more than once")
	Expect(c.errs).To(HaveLen(len(c.urls)))
	for i, err := range c.errs {
		if strings.Contains(c.urls[i], "missing") {
			Expect(err).To(MatchError(errNotFound), "errs[%d], for %s", i, c.urls[i])
		} else {
			Expect(err).NotTo(HaveOccurred(), "errs[%d], for %s", i, c.urls[i])
		}
	}
}

var _ = Describe("FetchAll", func() {
	var cdn *fakeCDN

	BeforeEach(func() {
		cdn = newCDN(photos)
	})

	// First in the container (Ginkgo keeps the order of specs within it), so
	// that no fetch left behind by another spec is running yet.
	Context("while every connection is busy and photos are still waiting", func() {
		It("keeps the waiting fetches parked, not polling for a free connection", func() {
			c := newCDN(photos)
			c.hold = make(chan struct{})
			release := sync.OnceFunc(func() { close(c.hold) })
			DeferCleanup(release)
			done := make(chan struct{})
			go func() {
				defer close(done)
				c.fetchAll()
			}()
			Eventually(c.probe.InFlight).WithTimeout(time.Second).Should(Equal(limit))
			// limit fetches wait for the CDN; the other photos have nothing
			// to do but wait for one of them to end.
			harness.ExpectNoBusyWait()
			Expect(c.probe.InFlight()).To(Equal(limit), "more fetches started than the CDN allows")
			release()
			Eventually(done).WithTimeout(time.Second).Should(BeClosed())
			c.expectEveryPhotoOnce()
		})
	})

	Context("when the catalogue has more photos than the CDN allows connections", func() {
		BeforeEach(func() {
			// The gate holds every fetch until one more than the limit is
			// in flight, or until harness.ProbeWait has passed: a FetchAll
			// that keeps exactly `limit` fetches going fills up and waits
			// once; anything unbounded opens it at once.
			cdn.probe = harness.NewProbe(limit + 1)
		})

		It("keeps exactly `limit` fetches in flight at the busiest moment", func() {
			harness.MustFinish(cdn.fetchAll)
			Expect(cdn.probe.Max()).To(BeNumerically("<=", limit),
				"more fetches were in flight at once than the CDN allows")
			Expect(cdn.probe.Max()).To(Equal(limit),
				"fewer fetches were in flight at once than the CDN allows: connections sat idle")
			cdn.expectEveryPhotoOnce()
		})
	})

	Context("when connections free up while photos are still arriving", func() {
		It("gives each freed connection to one photo only", func() {
			// A catalogue of a thousand photos and a single connection,
			// with quick fetches: connections free up while FetchAll is
			// still starting photos, so a photo woken for a freed
			// connection and a photo just arriving both want it at once.
			// A count checked in one critical section and taken in
			// another, or a waiter that does not check again once woken
			// (`if` around Cond.Wait), lets both fetch. Each fetch yields
			// a few times, so a second one that should not have started
			// runs beside it. Eight Ps, even on a small machine, make
			// goroutines meet on the lock more often; and the round is
			// played until it fails, up to rounds times or budget.
			const (
				catalogue = 1000
				rounds    = 60
				budget    = 2 * time.Second
			)
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
			start := time.Now()
			for round := 1; round <= rounds && time.Since(start) < budget; round++ {
				urls := newCDN(catalogue).urls
				probe := harness.NewProbe(1) // counts only: no gate
				fetch := func(string) error {
					leave := probe.Enter()
					defer leave()
					for range 5 {
						runtime.Gosched()
					}
					return nil
				}
				// Bounded, but longer than the watchdog: a FetchAll that
				// polls for a free connection is slow here, and is reported
				// as the busy loop it is by the first spec, not as a hang.
				done := make(chan struct{})
				go func() {
					defer GinkgoRecover()
					defer close(done)
					catalog.FetchAll(urls, 1, fetch)
				}()
				select { // not Eventually: its polling would cost a round 10 ms
				case <-done:
				case <-time.After(10 * time.Second):
					Fail(fmt.Sprintf("round %d: FetchAll had not returned 10 s after it was handed %d quick fetches", round, catalogue))
				}
				Expect(probe.Max()).To(Equal(1), "round %d: a freed connection went to more than one photo", round)
			}
		})
	})

	Context("when one photo is slow to download", func() {
		BeforeEach(func() {
			cdn.slow = cdn.urls[0]
		})

		It("fetches the others on the remaining connections meanwhile", func() {
			harness.MustFinish(cdn.fetchAll)
			Expect(cdn.overtaken.Load()).To(BeTrue(),
				"the other photos waited for the slow one, though connections were free")
			cdn.expectEveryPhotoOnce()
		})
	})

	Context("when the CDN allows a single connection", func() {
		It("fetches the photos one at a time", func() {
			c := newCDN(4)
			c.probe = harness.NewProbe(2)
			harness.MustFinish(func() { c.errs = catalog.FetchAll(c.urls, 1, c.fetch) })
			Expect(c.probe.Max()).To(Equal(1))
			c.expectEveryPhotoOnce()
		})
	})

	Context("when the catalogue holds one photo more than the limit", func() {
		It("fetches them all, at most `limit` at once", func() {
			c := newCDN(limit + 1)
			c.probe = harness.NewProbe(limit + 1)
			harness.MustFinish(c.fetchAll)
			Expect(c.probe.Max()).To(Equal(limit))
			c.expectEveryPhotoOnce()
		})
	})

	Context("when the catalogue holds fewer photos than the limit", func() {
		It("fetches them all at once", func() {
			c := newCDN(limit - 1)
			c.probe = harness.NewProbe(limit - 1)
			harness.MustFinish(c.fetchAll)
			Expect(c.probe.Max()).To(Equal(limit - 1))
			c.expectEveryPhotoOnce()
		})
	})

	// Each call has its own limit: two catalogues fetched at once must each
	// get all `limit` connections, not share one pool between them.
	Context("when two catalogues are fetched at once", func() {
		It("keeps `limit` fetches in flight for each", func() {
			cdns := []*fakeCDN{newCDN(photos), newCDN(photos)}
			for _, c := range cdns {
				c.probe = harness.NewProbe(limit + 1)
			}
			harness.MustFinish(func() {
				harness.Stress(len(cdns), func(i int) { cdns[i].fetchAll() })
			})
			for i, c := range cdns {
				Expect(c.probe.Max()).To(Equal(limit), "catalogue %d: fetches in flight at the busiest moment", i)
				c.expectEveryPhotoOnce()
			}
		})
	})

	Context("when the catalogue is empty", func() {
		BeforeEach(func() {
			cdn = newCDN(0)
		})

		It("returns no errors and fetches nothing", func() {
			harness.MustFinish(cdn.fetchAll)
			Expect(cdn.errs).To(BeEmpty())
			Expect(cdn.probe.Calls()).To(BeZero())
		})
	})
})
