// Kata 30 · An error path that keeps the lock
//
// A web shop reserves stock at checkout. Reserve locks the warehouse, asks the
// shop's rule whether the order may go ahead, checks the shelf and takes the
// items off it, then unlocks. Orders that go through are fine. But an order
// the rule refuses, or one the shelf cannot fill, leaves Reserve by an early
// return that skips the Unlock at the bottom: the warehouse stays locked, and
// the next customer's Reserve waits in Lock forever. After the first sold-out
// item, every checkout hangs: the specs report a DEADLOCK.
//
// Solution: `defer w.mu.Unlock()` right after `w.mu.Lock()`. A deferred call
// runs however the function leaves: the rule's refusal, the short shelf, the
// success at the end, and a panic on its way up to the caller. Lock and
// Unlock then sit side by side, and no later edit of the body can add a way
// out that forgets the lock.
package inventory

import (
	"errors"
	"fmt"
	"sync"
)

// ErrOutOfStock is returned (wrapped) by Reserve when the shelf holds fewer
// items than the order asks for.
var ErrOutOfStock = errors.New("out of stock")

// Order asks for Qty items (at least one) of the product SKU.
type Order struct {
	SKU string
	Qty int
}

// A Rule is the shop's own say on an order, given how many of its items are
// on the shelf right now. It returns nil to let the order through, or the
// reason to refuse it.
type Rule func(o Order, onShelf int) error

// Warehouse holds the stock of a shop. Create one with NewWarehouse; its
// methods may be called from several goroutines at once. A Warehouse must not
// be copied (it holds a mutex).
type Warehouse struct {
	mu    sync.Mutex     // protects stock; held while the rule runs
	stock map[string]int // items on the shelf, by SKU
	rule  Rule           // set once by NewWarehouse, read-only after
}

// NewWarehouse returns a warehouse holding a copy of stock, that asks rule
// about every order before it reserves it. A nil rule lets every order
// through.
func NewWarehouse(stock map[string]int, rule Rule) *Warehouse {
	w := &Warehouse{stock: make(map[string]int, len(stock)), rule: rule}
	for sku, n := range stock {
		w.stock[sku] = n
	}
	return w
}

// Reserve takes o.Qty items of o.SKU off the shelf. It returns the rule's
// reason if the rule refuses the order, or an error wrapping ErrOutOfStock if
// the shelf holds too few; then it takes nothing. If the rule panics, the
// panic goes on to the caller and nothing is taken.
//
// The rule, the check and the take happen under one hold of w.mu, so no other
// Reserve can empty the shelf between the check and the take.
func (w *Warehouse) Reserve(o Order) error {
	w.mu.Lock()
	// The deferred Unlock runs on every way out below, including a panic in
	// the rule, which an HTTP server recovers from and goes on serving. The
	// tempting fix, an Unlock before each early return, covers the two
	// returns that can be seen and misses the panic that cannot: the lock
	// stays held and the next Reserve waits for ever, as before.
	defer w.mu.Unlock()
	onShelf := w.stock[o.SKU]
	if w.rule != nil {
		if err := w.rule(o, onShelf); err != nil {
			return err
		}
	}
	if onShelf < o.Qty {
		return fmt.Errorf("%w: %d %s wanted, %d on the shelf", ErrOutOfStock, o.Qty, o.SKU, onShelf)
	}
	w.stock[o.SKU] = onShelf - o.Qty
	return nil
}

// InStock returns how many items of sku are on the shelf.
func (w *Warehouse) InStock(sku string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stock[sku]
}
