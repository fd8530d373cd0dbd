// Kata 30, a tempting wrong fix: never wait for the lock, give up instead.
//
// Reserve no longer hangs: it tries the lock a thousand times and then
// reports the warehouse busy. But the early returns still keep the lock, so
// after the first refused order the warehouse stays locked for good, and
// every later customer is turned away as "busy". The hang became a shop that
// sells nothing; the bug itself is still there.
package inventory

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// ErrOutOfStock is returned (wrapped) by Reserve when the shelf holds fewer
// items than the order asks for.
var ErrOutOfStock = errors.New("out of stock")

// errBusy is returned by Reserve when the warehouse stays locked too long.
var errBusy = errors.New("warehouse busy, try again later")

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

// tryLock takes w.mu if it can within a thousand tries.
func (w *Warehouse) tryLock() bool {
	for range 1000 {
		if w.mu.TryLock() {
			return true
		}
		runtime.Gosched()
	}
	return false
}

// Reserve takes o.Qty items of o.SKU off the shelf. It returns the rule's
// reason if the rule refuses the order, or an error wrapping ErrOutOfStock if
// the shelf holds too few; then it takes nothing. If the rule panics, the
// panic goes on to the caller and nothing is taken.
func (w *Warehouse) Reserve(o Order) error {
	if !w.tryLock() {
		return errBusy
	}
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
	w.mu.Unlock()
	return nil
}

// InStock returns how many items of sku are on the shelf.
func (w *Warehouse) InStock(sku string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stock[sku]
}
