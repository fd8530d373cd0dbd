// Kata 03, a tempting wrong fix: hold the account's lock from authorisation
// to credit, "so that no statement ever sees a payment half settled".
//
// There is no race left, but the lock now covers authorize too: the
// payments are authorised one at a time, and the goroutines only queue up
// for the lock. One slow card holds up the whole batch, and every statement
// with it. And nothing was gained: a statement taken before the credit sees
// the payment not yet credited, which is what the account holds.
package bank

import (
	"slices"
	"sync"
)

// Entry is one line of the ledger: a payment credited to the account.
type Entry struct {
	ID    int   // the payment's reference
	Cents int64 // the amount credited
}

// Statement is what the owner sees: the balance, and the entries that make
// it up, oldest first. Balance is always the sum of the entries' Cents.
type Statement struct {
	Balance int64
	Entries []Entry
}

// Account is one shop's account. The zero value is an empty account, ready
// to use.
type Account struct {
	mu      sync.RWMutex // protects balance and ledger
	balance int64        // the sum of ledger's Cents
	ledger  []Entry      // every entry credited, oldest first
}

// Deposit credits e to the account.
func (a *Account) Deposit(e Entry) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.deposit(e)
}

// deposit credits e; a.mu must be held.
func (a *Account) deposit(e Entry) {
	a.ledger = append(a.ledger, e)
	a.balance += e.Cents
}

// Statement returns the balance and the entries credited so far. The caller
// owns the Statement: its Entries are a copy, not the account's ledger.
func (a *Account) Statement() Statement {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return Statement{Balance: a.balance, Entries: slices.Clone(a.ledger)}
}

// Settle authorises every payment of batch, each on a goroutine of its own,
// and credits to a those that authorize approves. It returns once every
// payment has been authorised and, if approved, credited.
func Settle(a *Account, batch []Entry, authorize func(Entry) bool) {
	var wg sync.WaitGroup
	for _, e := range batch {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a.mu.Lock()
			defer a.mu.Unlock()
			if authorize(e) {
				a.deposit(e)
			}
		}()
	}
	wg.Wait()
}
