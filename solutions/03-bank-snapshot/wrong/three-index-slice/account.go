// Kata 03, a tempting wrong fix: Statement hands out the ledger capped with
// a full slice expression, ledger[:n:n], instead of a copy.
//
// The cap makes any append by the caller allocate a new array, so her extra
// lines never land in the account's spare room, and the race detector is
// silent. But the n entries are still the account's own: a caller who edits
// Entries[0] on her statement rewrites the ledger, and the account's next
// statement no longer adds up. Hand out a copy, made under the lock.
package bank

import "sync"

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
	balance int64
	ledger  []Entry
}

func (a *Account) Deposit(e Entry) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ledger = append(a.ledger, e)
	a.balance += e.Cents
}

func (a *Account) Statement() Statement {
	a.mu.RLock()
	defer a.mu.RUnlock()
	n := len(a.ledger)
	return Statement{Balance: a.balance, Entries: a.ledger[:n:n]}
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
