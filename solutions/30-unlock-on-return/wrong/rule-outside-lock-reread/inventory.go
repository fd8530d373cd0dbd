// Kata 30, a tempting wrong fix: read the shelf under the lock, ask the rule
// with no lock held, then lock again to check the shelf afresh and take.
//
// It is tempting because every Lock sits next to its deferred Unlock, a
// panicking rule holds no lock, and the second hold reads the shelf again,
// so no sale is lost and the shelf never goes below zero. But the rule was
// asked about a count that is no longer true: while one order is in the
// rule, a second one reads the same count and is judged by it too. A rule
// that keeps the last poster for the window display lets both orders
// through, and the display is sold. The rule, the check and the take must be
// one hold of the lock; a deferred Unlock already covers the panic.
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
// methods may be called from several goroutines at once.
type Warehouse struct {
	mu    sync.Mutex
	stock map[string]int // items on the shelf, by SKU
	rule  Rule
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
func (w *Warehouse) Reserve(o Order) error {
	w.mu.Lock()
	onShelf := w.stock[o.SKU]
	w.mu.Unlock()

	if w.rule != nil {
		if err := w.rule(o, onShelf); err != nil {
			return err
		}
	}

	w.mu.Lock()
	defer w.mu.Unlock()
	onShelf = w.stock[o.SKU] // read again: the shelf may have changed meanwhile
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
