package inventory_test

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

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

// giftCardPanic is what the shop's rule panics with on gift cards.
var giftCardPanic = fmt.Sprintf("no order limit set for %q", "gift-card")

// shopRule is the shop's rule in every spec: at most three items of a kind
// per order. It has a bug: nobody gave gift cards a limit, and it panics on
// them. It takes no lock, so it orders nothing between the customers.
func shopRule(o inventory.Order, onShelf int) error {
	if o.SKU == "gift-card" {
		panic(giftCardPanic)
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

	// First in the container (Ginkgo keeps the order of specs within it), so
	// that nothing another spec left behind is running yet.
	Context("while one customer's order is slow to clear the rule", func() {
		It("keeps the next customer parked, not polling, until it is their turn", func() {
			entered := make(chan struct{})
			clear := make(chan struct{})
			release := sync.OnceFunc(func() { close(clear) })
			DeferCleanup(release)
			slowRule := func(o inventory.Order, onShelf int) error {
				if o.SKU == "poster" {
					close(entered)
					<-clear
				}
				return nil
			}
			w := inventory.NewWarehouse(map[string]int{"mug": 2, "poster": 1}, slowRule)
			first, second := make(chan error, 1), make(chan error, 1)
			go func() { first <- w.Reserve(inventory.Order{SKU: "poster", Qty: 1}) }()
			Eventually(entered).WithTimeout(time.Second).Should(BeClosed())
			go func() { second <- w.Reserve(inventory.Order{SKU: "mug", Qty: 1}) }()
			// The first order is in the rule; the second has nothing to do
			// but wait for it (or has already gone ahead, if Reserve lets it).
			harness.ExpectNoBusyWait()
			release()
			Eventually(first).WithTimeout(time.Second).Should(Receive(BeNil()))
			Eventually(second).WithTimeout(time.Second).Should(Receive(BeNil()))
			Expect(inStock(w, "poster")).To(BeZero())
			Expect(inStock(w, "mug")).To(Equal(1))
		})
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
			// "The panic goes on to the caller": the rule's own panic, as it
			// came, not another one made from it. A server's recover, or a
			// handler that looks for a value of its own, must see what the
			// rule panicked with.
			Expect(reserveRecovering(shop, inventory.Order{SKU: "gift-card", Qty: 1})).To(Equal(giftCardPanic),
				"the caller should recover the rule's own panic: Reserve panicked with something else, or not at all")
			Expect(reserve(shop, inventory.Order{SKU: "mug", Qty: 1})).To(Succeed(),
				"the next customer's order breaks no rule")
			Expect(inStock(shop, "gift-card")).To(Equal(100), "an order that ended in a crash takes nothing")
			Expect(inStock(shop, "mug")).To(Equal(1))
		})
	})

	Context("when two orders in a row fail, one refused and one in a panic", func() {
		It("serves the next customer after both", func() {
			Expect(reserve(shop, inventory.Order{SKU: "mug", Qty: 3})).To(MatchError(inventory.ErrOutOfStock))
			Expect(reserveRecovering(shop, inventory.Order{SKU: "gift-card", Qty: 1})).NotTo(BeNil())
			Expect(reserve(shop, inventory.Order{SKU: "mug", Qty: 2})).To(Succeed())
			Expect(inStock(shop, "mug")).To(Equal(0))
			Expect(inStock(shop, "gift-card")).To(Equal(100))
		})
	})

	// The rule is told how many items are on the shelf, and the take must
	// be computed from that same count: if another customer could take
	// items in between, one of the two sales would be lost. The rule's gate
	// opens once two customers are in it at once (or after
	// harness.ProbeWait): with the rule under the lock that never happens.
	Context("when customers check out at the same moment and the rule takes its time", func() {
		It("sells each of them a poster, and the shelf ends empty", func() {
			inRule := harness.NewProbe(2)
			gatedRule := func(o inventory.Order, onShelf int) error {
				leave := inRule.Enter()
				defer leave()
				return shopRule(o, onShelf)
			}
			w := inventory.NewWarehouse(map[string]int{"poster": customers}, gatedRule)
			errs := make([]error, customers)
			harness.MustFinish(func() {
				harness.Stress(customers, func(i int) {
					errs[i] = w.Reserve(inventory.Order{SKU: "poster", Qty: 1})
				})
			})
			for i, err := range errs {
				Expect(err).NotTo(HaveOccurred(), "customer %d", i)
			}
			Expect(inStock(w, "poster")).To(BeZero(),
				"every customer was sold a poster, yet some are still on the shelf: two sales were computed from the same count")
		})
	})

	// The rule is asked about the shelf "right now": its answer holds only
	// if nobody can change the shelf between the rule's look and the take.
	// The first order is held inside the rule; a second order then either
	// waits for the lock (the rule is asked under it) or reaches the rule
	// too, with the same count in hand.
	Context("when the rule's answer depends on the shelf and a second order comes while the first is in the rule", func() {
		It("asks the rule about the second order only once the first is taken", func() {
			errDisplay := errors.New("the last poster is the window display")
			var calls atomic.Int32
			firstIn, secondIn := make(chan struct{}), make(chan struct{})
			hold := make(chan struct{})
			release := sync.OnceFunc(func() { close(hold) })
			DeferCleanup(release)
			displayRule := func(o inventory.Order, onShelf int) error {
				switch calls.Add(1) {
				case 1:
					close(firstIn)
					<-hold
				case 2:
					close(secondIn)
				}
				if onShelf-o.Qty < 1 {
					return errDisplay
				}
				return nil
			}
			w := inventory.NewWarehouse(map[string]int{"poster": 2}, displayRule)
			order := inventory.Order{SKU: "poster", Qty: 1}
			first, second := make(chan error, 1), make(chan error, 1)
			go func() { first <- w.Reserve(order) }()
			Eventually(firstIn).WithTimeout(time.Second).Should(BeClosed())
			secondID := make(chan int, 1)
			go func() {
				secondID <- harness.GoroutineID()
				second <- w.Reserve(order)
			}()
			id := <-secondID
			// Until the second order is parked (waiting for the lock) or in
			// the rule itself: no timing involved either way.
			Eventually(func() bool {
				select {
				case <-secondIn:
					return true
				default:
				}
				switch harness.GoroutineState(id) {
				case "running", "runnable":
					return false
				}
				return true
			}).WithTimeout(time.Second).Should(BeTrue())
			release()

			var errs []error
			for _, ch := range []chan error{first, second} {
				var err error
				Eventually(ch).WithTimeout(time.Second).Should(Receive(&err))
				errs = append(errs, err)
			}
			Expect(errs[0]).NotTo(HaveOccurred(), "the first order leaves a poster on the shelf")
			Expect(errs[1]).To(MatchError(errDisplay),
				"the second order was let through and the window display sold: the rule was asked about it while the first order was still in the rule, with a count that order was about to change. Ask the rule, check the shelf and take the items under one hold of the lock")
			Expect(inStock(w, "poster")).To(Equal(1))
		})
	})

	Context("when the stock is read while customers check out", func() {
		It("reads a count between full and empty, and the shelf ends empty", func() {
			w := shop
			harness.MustFinish(func() {
				harness.Stress(2*customers, func(i int) {
					if i%2 == 0 {
						Expect(w.Reserve(inventory.Order{SKU: "poster", Qty: 1})).To(Succeed())
					} else {
						Expect(w.InStock("poster")).To(BeNumerically("<=", customers))
					}
				})
			})
			Expect(inStock(w, "poster")).To(BeZero())
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
