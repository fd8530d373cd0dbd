// Kata 03, a tempting wrong fix: the right locks, but Statement hands out
// the ledger itself instead of a copy, "to save copying it on every read".
//
// The lock is released when Statement returns; the slice is not. The
// caller's Entries share the account's array, and its spare capacity: when
// the owner appends a line to her statement, she writes the very slot the
// next Deposit writes, with no lock on her side. The race detector reports
// it on every run, and one of the two lines overwrites the other.
package bank

import "sync"

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
	a.ledger = append(a.ledger, e)
	a.balance += e.Cents
}

// Statement returns the balance and the entries credited so far.
func (a *Account) Statement() Statement {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return Statement{Balance: a.balance, Entries: a.ledger}
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
			if authorize(e) {
				a.Deposit(e)
			}
		}()
	}
	wg.Wait()
}
