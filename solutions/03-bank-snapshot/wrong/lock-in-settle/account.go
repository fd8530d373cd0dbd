// Kata 03, a tempting wrong fix: take the lock in Settle, around the call to
// Deposit, and leave Deposit itself unguarded.
//
// The race report points at Settle's goroutines, so the lock goes there:
// the payments of a batch now credit one at a time, and Statement takes the
// same lock. But Deposit is part of the API, and nothing stops another
// caller (a refund desk, a second batch on another goroutine, a test)
// from calling it directly: those deposits take no lock, and they race with
// each other and with every statement. The guard belongs to the data, in the
// methods that touch it, not in one of their callers.
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
	mu      sync.RWMutex // held by Settle's deposits and by Statement
	balance int64        // the sum of ledger's Cents
	ledger  []Entry      // every entry credited, oldest first
}

// Deposit credits e to the account.
func (a *Account) Deposit(e Entry) {
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
			if authorize(e) {
				a.mu.Lock()
				a.Deposit(e)
				a.mu.Unlock()
			}
		}()
	}
	wg.Wait()
}
