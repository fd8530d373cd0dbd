package inventory_test

import (
	"errors"
	"fmt"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	inventory "github.com/racekatas/racekatas/katas/30-unlock-on-return"
)

// customers is how many shoppers check out at the same moment in the busy
// spec; the shelf holds exactly one poster for each of them.
const customers = 8

// errTooMany is the reason the shop's rule gives for a refused order.
var errTooMany = errors.New("at most 3 items of a kind per order")

// shopRule is the shop's rule in every spec: at most three items of a kind
// per order. It has a bug: nobody gave gift cards a limit, and it panics on
// them. It takes no lock, so it orders nothing between the customers.
func shopRule(o inventory.Order, onShelf int) error {
	if o.SKU == "gift-card" {
		panic(fmt.Sprintf("no order limit set for %q", o.SKU))
	}
	if o.Qty > 3 {
		return errTooMany
	}
	return nil
}

// The helpers below run one call under the deadlock watchdog. The warehouse
// is an argument, evaluated on the spec's goroutine: a call left blocked by a
// deadlock then touches nothing that a later spec's setup writes.

func reserve(w *inventory.Warehouse, o inventory.Order) (err error) {
	GinkgoHelper()
	harness.MustFinish(func() { err = w.Reserve(o) })
	return err
}

// reserveRecovering calls Reserve and recovers a panic, as an HTTP server
// does when a handler panics, and goes on serving. It returns the value
// Reserve panicked with, or nil.
func reserveRecovering(w *inventory.Warehouse, o inventory.Order) (recovered any) {
	GinkgoHelper()
	harness.MustFinish(func() {
		defer func() { recovered = recover() }()
		_ = w.Reserve(o)
	})
	return recovered
}

func inStock(w *inventory.Warehouse, sku string) (n int) {
	GinkgoHelper()
	harness.MustFinish(func() { n = w.InStock(sku) })
	return n
}

var _ = Describe("Warehouse", func() {
	var shop *inventory.Warehouse

	BeforeEach(func() {
		shop = inventory.NewWarehouse(map[string]int{
			"mug": 2, "poster": customers, "gift-card": 100,
		}, shopRule)
	})

	Context("when the shelf holds enough", func() {
		It("takes the items off the shelf", func() {
			Expect(reserve(shop, inventory.Order{SKU: "mug", Qty: 2})).To(Succeed())
			Expect(inStock(shop, "mug")).To(Equal(0))
		})
	})

	Context("when the shelf is short", func() {
		It("refuses the order, then serves the next customer", func() {
			Expect(reserve(shop, inventory.Order{SKU: "mug", Qty: 3})).To(MatchError(inventory.ErrOutOfStock))
			Expect(reserve(shop, inventory.Order{SKU: "mug", Qty: 2})).To(Succeed(),
				"the next customer's order fits the shelf")
			Expect(inStock(shop, "mug")).To(Equal(0))
		})
	})

	Context("when the shop's rule refuses an order", func() {
		It("returns the rule's reason, then serves the next customer", func() {
			Expect(reserve(shop, inventory.Order{SKU: "poster", Qty: 4})).To(MatchError(errTooMany))
			Expect(reserve(shop, inventory.Order{SKU: "mug", Qty: 1})).To(Succeed(),
				"the next customer's order breaks no rule")
			Expect(inStock(shop, "poster")).To(Equal(customers), "a refused order takes nothing")
			Expect(inStock(shop, "mug")).To(Equal(1))
		})
	})

	Context("when the shop's rule panics", func() {
		It("takes nothing for that order, then serves the next customer", func() {
			Expect(reserveRecovering(shop, inventory.Order{SKU: "gift-card", Qty: 1})).NotTo(BeNil(),
				"the rule panics on gift cards")
			Expect(reserve(shop, inventory.Order{SKU: "mug", Qty: 1})).To(Succeed(),
				"the next customer's order breaks no rule")
			Expect(inStock(shop, "gift-card")).To(Equal(100), "an order that ended in a crash takes nothing")
			Expect(inStock(shop, "mug")).To(Equal(1))
		})
	})

	Context("when customers check out at the same moment", func() {
		It("sells each of them a poster, and the shelf ends empty", func() {
			w := shop
			errs := make([]error, customers)
			harness.MustFinish(func() {
				harness.Stress(customers, func(i int) {
					errs[i] = w.Reserve(inventory.Order{SKU: "poster", Qty: 1})
				})
			})
			for i, err := range errs {
				Expect(err).NotTo(HaveOccurred(), "customer %d", i)
			}
			Expect(inStock(shop, "poster")).To(BeZero())
		})
	})
})
