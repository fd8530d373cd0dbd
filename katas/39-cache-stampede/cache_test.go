package catalog_test

import (
	"slices"

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
	harness.MustFinish(func() {
		harness.Stress(len(ids), func(i int) { got[i] = cache.Get(ids[i]) })
	})
	return got
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
})
