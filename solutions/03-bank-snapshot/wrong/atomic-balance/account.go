// Kata 03, a tempting wrong fix: the ledger under the lock, the balance an
// atomic added after the Unlock.
//
// Each field is now safe on its own and the race detector is silent. But a
// statement is only right if its balance is the sum of its entries, and that
// invariant spans both fields: a Statement taken between a Deposit's append
// and its Add shows an entry whose cents are not in the balance. Change both
// fields under the same lock, and read both under it.
package bank

import (
	"slices"
	"sync"
	"sync/atomic"
)

type Entry struct {
	ID    int
	Cents int64
}

type Statement struct {
	Balance int64
	Entries []Entry
}

type Account struct {
	mu      sync.RWMutex
	balance atomic.Int64
	ledger  []Entry
}

func (a *Account) Deposit(e Entry) {
	a.mu.Lock()
	a.ledger = append(a.ledger, e)
	a.mu.Unlock()
	a.balance.Add(e.Cents)
}

func (a *Account) Statement() Statement {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return Statement{Balance: a.balance.Load(), Entries: slices.Clone(a.ledger)}
}

func Settle(a *Account, batch []Entry, authorize func(Entry) bool) {
	var wg sync.WaitGroup
	for _, e := range batch {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if authorize(e) {
				a.Deposit(e)
			}
		}()
	}
	wg.Wait()
}
