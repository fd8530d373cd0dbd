package catalog_test

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	catalog "github.com/racekatas/racekatas/katas/39-cache-stampede"
)

// shoppers is how many shoppers open the same page at once in a rush.
const shoppers = 8

// page is what the database renders for product id.
func page(id string) string { return "<h1>" + id + "</h1>" }

// A database stands in for the shop's: it renders pages and records every
// call on its probe. Each spec gets one of its own, so nothing a spec leaves
// running can touch the next spec's database.
type database struct {
	probe *harness.Probe
}

// newDatabase returns a database whose probe holds each render at its gate
// until meet renders are inside at once, or until harness.ProbeWait has
// passed: long enough for every shopper of a rush to have missed before the
// first page is in the cache.
func newDatabase(meet int) *database {
	return &database{probe: harness.NewProbe(meet)}
}

// render is the load function handed to the cache.
func (db *database) render(id string) string {
	leave := db.probe.Enter()
	defer leave()
	return page(id)
}

// rush sends one shopper per id to the cache, all released at once, and
// returns the page each one got, in the order of ids. cache and ids are
// arguments, evaluated on the spec's goroutine: a body left blocked reads no
// variable that a later spec writes.
func rush(cache *catalog.Cache, ids ...string) []string {
	GinkgoHelper()
	got := make([]string, len(ids))
	// No spec here deadlocks the kata; the longer bound keeps a fix whose
	// waiters spin from timing out on a loaded machine before the spec that
	// looks for spinning gets to say so.
	harness.MustFinishWithin(watchBound, func() {
		harness.Stress(len(ids), func(i int) { got[i] = cache.Get(ids[i]) })
	})
	return got
}

// watchBound bounds a spec that also watches for busy waiting: the deadlock
// bound, plus room for the look itself and the bounded wait before it, both
// of which take goroutine dumps, slow on a loaded machine.
const watchBound = harness.DeadlockBound + 2*time.Second

// slowRender is how long the database takes to render a page on a bad day:
// longer than any shopper would like to wait, well inside watchBound.
const slowRender = 2 * time.Second

// A visit is what one shopper came back with: a page, or the panic of a
// render that failed.
type visit struct {
	page     string
	panicked bool
}

// startShoppers sends n shoppers for id to cache, each on a goroutine of its
// own, and returns their goroutine ids and a channel that delivers each
// shopper's visit once Get has returned (or panicked).
func startShoppers(cache *catalog.Cache, id string, n int) (ids []int, visits <-chan visit) {
	out := make(chan visit, n)
	started := make(chan int, n)
	for range n {
		go func() {
			started <- harness.GoroutineID()
			defer func() {
				if r := recover(); r != nil {
					out <- visit{panicked: true}
				}
			}()
			out <- visit{page: cache.Get(id)}
		}()
	}
	for range n {
		ids = append(ids, <-started)
	}
	return ids, out
}

// parkedStates are the states, as a goroutine dump names them, of a
// goroutine that waits without using a core.
var parkedStates = []string{"chan receive", "chan send", "select", "sync.Cond.Wait", "sync.Mutex.Lock", "sync.RWMutex", "sync.WaitGroup.Wait", "semacquire"}

// settle returns once every goroutine of ids has ended or is parked, or
// after half a second: a goroutine that spins never parks, and is left for
// harness.ExpectNoBusyWait to catch. It only looks: it orders nothing.
func settle(ids []int) {
	deadline := time.Now().Add(500 * time.Millisecond)
	for _, id := range ids {
		for time.Now().Before(deadline) {
			state := harness.GoroutineState(id)
			if state == "" || slices.ContainsFunc(parkedStates, func(s string) bool { return strings.HasPrefix(state, s) }) {
				break
			}
			runtime.Gosched()
		}
	}
}

// letGo closes release unless it is closed already.
func letGo(release chan struct{}) {
	select {
	case <-release:
	default:
		close(release)
	}
}

// A heldDatabase renders each page only once the spec lets it go, and its
// first render can be made to fail.
type heldDatabase struct {
	calls   atomic.Int32
	fail    atomic.Bool    // the first render panics, if set before release is closed
	again   *harness.Probe // if set, every render after the first enters it
	entered chan struct{}  // one value per render started
	release chan struct{}  // closed to let every render go on
}

func newHeldDatabase() *heldDatabase {
	return &heldDatabase{entered: make(chan struct{}, 2*shoppers), release: make(chan struct{})}
}

func (db *heldDatabase) render(id string) string {
	first := db.calls.Add(1) == 1
	db.entered <- struct{}{}
	<-db.release
	if first && db.fail.Load() {
		panic("the database is down")
	}
	if !first && db.again != nil {
		leave := db.again.Enter()
		defer leave()
	}
	return page(id)
}

// rushWhileRendering sends shoppers for the kettle to cache, cold and in
// front of db. Once the first render has started and every shopper has missed and
// is waiting (or half a second has passed), nobody may be using a core:
// the render is held, and the shoppers have nothing to do but wait for it.
// Then the render goes on (and fails, if fail), and rushWhileRendering
// returns what every shopper came back with.
func rushWhileRendering(cache *catalog.Cache, db *heldDatabase, fail bool) (visits []visit) {
	GinkgoHelper()
	harness.MustFinishWithin(watchBound, func() {
		// If the check fails, let the render go on (and succeed): shoppers
		// left spinning would slow every later spec.
		defer letGo(db.release)
		ids, back := startShoppers(cache, "kettle", shoppers)
		<-db.entered
		settle(ids)
		harness.ExpectNoBusyWait()
		db.fail.Store(fail)
		letGo(db.release)
		for range shoppers {
			visits = append(visits, <-back)
		}
	})
	return visits
}

var _ = Describe("Cache", func() {
	var (
		db    *database
		cache *catalog.Cache
	)

	// setUp gives the spec a cold cache in front of a database whose gate
	// opens once meet renders are inside at once.
	setUp := func(meet int) {
		db = newDatabase(meet)
		cache = catalog.New(db.render)
	}

	Context("when the page is already cached", func() {
		BeforeEach(func() {
			setUp(1)
			Expect(rush(cache, "kettle")).To(Equal([]string{page("kettle")}))
		})

		It("serves every shopper without asking the database again", func() {
			got := rush(cache, slices.Repeat([]string{"kettle"}, shoppers)...)
			Expect(got).To(HaveEach(page("kettle")))
			Expect(db.probe.Calls()).To(Equal(1), "renders of the kettle's page")
		})
	})

	Context("when many shoppers miss the same page at once", func() {
		BeforeEach(func() {
			// The gate holds the first render until every shopper could
			// have missed: code that renders once per shopper opens it at
			// once; code that renders once waits harness.ProbeWait.
			setUp(shoppers)
		})

		It("asks the database once and gives every shopper the page", func() {
			got := rush(cache, slices.Repeat([]string{"kettle"}, shoppers)...)
			Expect(got).To(HaveEach(page("kettle")))
			Expect(db.probe.Calls()).To(Equal(1),
				"%d shoppers missed the kettle at once; the database should have rendered it once", shoppers)
		})
	})

	Context("when shoppers miss different pages at once", func() {
		BeforeEach(func() {
			// Two renders inside at once open the gate: they ran at the
			// same time. One render at a time waits harness.ProbeWait, and
			// the probe never sees two.
			setUp(2)
		})

		It("renders them at the same time", func() {
			got := rush(cache, "kettle", "toaster")
			Expect(got).To(Equal([]string{page("kettle"), page("toaster")}))
			Expect(db.probe.Max()).To(Equal(2),
				"one page's render held up the other's: a slow page should not stop the shop")
		})
	})
	// A shopper who missed and one who comes a moment later must not both
	// render: the page is either stored, or its render is under way and
	// found. Code that checks the cache in one critical section and
	// records the render in another, or stores the page only after the
	// render has stopped being found, leaves a moment when it is neither;
	// a quick render and shoppers coming back without pause fall into it.
	Context("when shoppers keep coming back while the page renders", func() {
		It("asks the database once, however the visits fall", func() {
			const (
				rounds  = 3000 // each a fresh cache: one render due
				visits  = 20   // per shopper and round
				budget  = 2 * time.Second
				timeout = 10 * time.Second // longer than the watchdog: see below
			)
			// Eight Ps, even on a small machine: goroutines meet on the
			// cache's locks more often.
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
			start := time.Now()
			for round := 1; round <= rounds && time.Since(start) < budget; round++ {
				var renders atomic.Int32
				cache := catalog.New(func(id string) string {
					renders.Add(1)
					for range 5 {
						runtime.Gosched() // let the shoppers come back meanwhile
					}
					return page(id)
				})
				done := make(chan struct{})
				go func() {
					defer GinkgoRecover()
					defer close(done)
					harness.Stress(shoppers, func(int) {
						for range visits {
							cache.Get("kettle")
						}
					})
				}()
				// A Get that polls for the render is slow here; the busy
				// wait spec reports it for what it is, not this one as a
				// hang.
				select { // not Eventually: its polling would cost a round 10 ms
				case <-done:
				case <-time.After(timeout):
					Fail(fmt.Sprintf("round %d: %d shoppers visiting %d times each had not been served after %s", round, shoppers, visits, timeout))
				}
				Expect(renders.Load()).To(BeEquivalentTo(1),
					"round %d: shoppers coming back while the kettle rendered on a cold cache made the database render it more than once", round)
			}
		})
	})

	Context("while a page renders for one shopper", func() {
		It("has the others for that page wait for it without using a core", func() {
			db := newHeldDatabase()
			visits := rushWhileRendering(catalog.New(db.render), db, false)
			Expect(visits).To(HaveEach(visit{page: page("kettle")}))
			Expect(db.calls.Load()).To(BeEquivalentTo(1), "renders of the kettle's page")
		})
	})

	// A database on a bad day takes seconds to render a page. Shoppers who
	// give up waiting after a while and render the page themselves bring
	// the stampede back on exactly the day the database can least take it.
	Context("when the render takes a long time", func() {
		It("has the others wait for it, however long, and asks the database once", func() {
			var calls atomic.Int32
			cache := catalog.New(func(id string) string {
				calls.Add(1)
				// Models the slow database; it orders nothing.
				<-time.After(slowRender)
				return page(id)
			})
			var visits []visit
			harness.MustFinishWithin(watchBound, func() {
				_, back := startShoppers(cache, "kettle", shoppers)
				for range shoppers {
					visits = append(visits, <-back)
				}
			})
			Expect(visits).To(HaveEach(visit{page: page("kettle")}))
			Expect(calls.Load()).To(BeEquivalentTo(1), "renders of the kettle's page")
		})
	})

	Context("when the render fails", func() {
		It("sends every waiting shopper away, and the next shopper too", func() {
			db := newHeldDatabase()
			cache := catalog.New(db.render)
			visits := rushWhileRendering(cache, db, true)
			Expect(visits).To(HaveLen(shoppers), "shoppers who came back")
			Expect(visits).To(ContainElement(visit{panicked: true}), "the render's failure reached nobody")
			Expect(visits).To(HaveEach(Or(Equal(visit{page: page("kettle")}), Equal(visit{panicked: true}))),
				"a shopper who waited for the failed render came back with something that is neither the page nor the failure")

			// A later shopper gets an answer too (the page, or the failure
			// again), instead of waiting for a render that ended long ago.
			var later visit
			harness.MustFinish(func() {
				_, back := startShoppers(cache, "kettle", 1)
				later = <-back
			})
			Expect(later).To(Or(Equal(visit{page: page("kettle")}), Equal(visit{panicked: true})))
		})

		// Shoppers who each try the render again the moment the first one
		// fails are the stampede again, on the day the database is
		// failing. One second try that the others wait for is fine, and
		// so are tries one after another; two at once are not.
		It("does not have the shoppers who waited render the page again all at once", func() {
			db := newHeldDatabase()
			// The gate holds a second try until another is in flight
			// too, or until harness.ProbeWait has passed.
			db.again = harness.NewProbe(2)
			cache := catalog.New(db.render)
			visits := rushWhileRendering(cache, db, true)
			Expect(visits).To(HaveLen(shoppers), "shoppers who came back")
			Expect(db.again.Max()).To(BeNumerically("<=", 1),
				"after the render failed, %d shoppers rendered the kettle at the same time: every shopper who waited tried again on their own", db.again.Max())
		})
	})
})
