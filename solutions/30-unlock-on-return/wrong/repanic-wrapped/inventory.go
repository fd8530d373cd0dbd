// Kata 30, a tempting wrong fix: an Unlock before each return, and a
// deferred recover that unlocks on a panic and panics again with an error
// that says where it came from.
//
// It is tempting because every way out gives the lock back, a panic still
// reaches the caller, and the new message even names the SKU. But it is not
// the rule's panic that reaches the caller: Reserve promises that the panic
// goes on, and a caller that recovers it and looks at the value (a sentinel
// of its own, http.ErrAbortHandler) finds another one, and the rule's stack
// is gone from the crash report. A deferred Unlock gives the lock back and
// lets the panic go on as it came.
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
	defer func() {
		if r := recover(); r != nil {
			w.mu.Unlock()
			panic(fmt.Errorf("inventory: rule panicked on %s: %v", o.SKU, r))
		}
	}()
	onShelf := w.stock[o.SKU]
	if w.rule != nil {
		if err := w.rule(o, onShelf); err != nil {
			w.mu.Unlock()
			return err
		}
	}
	if onShelf < o.Qty {
		w.mu.Unlock()
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
