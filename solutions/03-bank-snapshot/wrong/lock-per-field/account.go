// Kata 03, a tempting wrong fix: one mutex per field.
//
// Every access to balance happens under balanceMu and every access to
// ledger under ledgerMu, so the race detector is silent: each field on its
// own is always whole. But the promise is about the two together. A
// statement can read the balance, then a deposit appends its entry and adds
// its amount, then the statement copies the ledger: the entries now list a
// payment the balance does not include, and the statement does not add up.
// One invariant that spans two fields needs one lock held across both.
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
	balanceMu sync.Mutex // protects balance
	balance   int64      // the sum of ledger's Cents
	ledgerMu  sync.Mutex // protects ledger
	ledger    []Entry    // every entry credited, oldest first
}

// Deposit credits e to the account.
func (a *Account) Deposit(e Entry) {
	a.ledgerMu.Lock()
	a.ledger = append(a.ledger, e)
	a.ledgerMu.Unlock()
	a.balanceMu.Lock()
	a.balance += e.Cents
	a.balanceMu.Unlock()
}

// Statement returns the balance and the entries credited so far. The caller
// owns the Statement: its Entries are a copy, not the account's ledger.
func (a *Account) Statement() Statement {
	a.balanceMu.Lock()
	balance := a.balance
	a.balanceMu.Unlock()
	a.ledgerMu.Lock()
	defer a.ledgerMu.Unlock()
	return Statement{Balance: balance, Entries: slices.Clone(a.ledger)}
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
