// Kata 30 · A lock kept on the way out — a correct alternative: a channel
// with room for one value as the lock, released by a deferred receive.
//
// Why it is also correct: sending into the one-slot channel takes the lock
// (a second sender waits, parked, until the slot is free) and receiving
// from it gives the lock back; a receive that completes synchronizes with
// the next send, as Unlock does with Lock. The release is deferred, so it
// runs on every way out of Reserve, the early returns and a panic in the
// rule alike, and the rule, the check and the take stay one hold of the
// lock.
package inventory

import (
	"errors"
	"fmt"
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
	lock  chan struct{}  // holds a value while someone holds the lock
	stock map[string]int // items on the shelf, by SKU; protected by lock
	rule  Rule
}

// NewWarehouse returns a warehouse holding a copy of stock, that asks rule
// about every order before it reserves it. A nil rule lets every order
// through.
func NewWarehouse(stock map[string]int, rule Rule) *Warehouse {
	w := &Warehouse{lock: make(chan struct{}, 1), stock: make(map[string]int, len(stock)), rule: rule}
	for sku, n := range stock {
		w.stock[sku] = n
	}
	return w
}

func (w *Warehouse) acquire() { w.lock <- struct{}{} }
func (w *Warehouse) release() { <-w.lock }

// Reserve takes o.Qty items of o.SKU off the shelf. It returns the rule's
// reason if the rule refuses the order, or an error wrapping ErrOutOfStock if
// the shelf holds too few; then it takes nothing. If the rule panics, the
// panic goes on to the caller and nothing is taken.
func (w *Warehouse) Reserve(o Order) error {
	w.acquire()
	defer w.release()
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
	w.acquire()
	defer w.release()
	return w.stock[sku]
}
