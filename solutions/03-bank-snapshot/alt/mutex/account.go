// Kata 03 · A statement that must add up, a correct alternative: a plain
// sync.Mutex instead of the reference's RWMutex.
//
// One mutex guards balance and ledger together, and Deposit and Statement
// both hold it for the whole of their work, so every statement sees the two
// fields as one deposit left them, and its entries are copied before the
// lock is released. Statements queue behind each other instead of sharing a
// read lock; that costs throughput when many pages read at once, never
// correctness.
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
	mu      sync.Mutex // protects balance and ledger, as one
	balance int64      // the sum of ledger's Cents
	ledger  []Entry    // every entry credited, oldest first
}

// Deposit credits e to the account.
func (a *Account) Deposit(e Entry) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ledger = append(a.ledger, e)
	a.balance += e.Cents
}

// Statement returns the balance and the entries credited so far. The caller
// owns the Statement: its Entries are a copy, not the account's ledger.
func (a *Account) Statement() Statement {
	a.mu.Lock()
	defer a.mu.Unlock()
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
				a.Deposit(e)
			}
		}()
	}
	wg.Wait()
}
