// Kata 03 · A statement that must add up
//
// A small shop banks online. Each evening the card processor settles the
// day's card payments into the shop's Account: every payment is authorised
// with the card network on a goroutine of its own, then credited. Meanwhile
// the owner keeps refreshing the statement page, which shows the balance and
// the entries it is made of. An Account keeps the two side by side, and a
// statement is only right if the balance is the sum of its entries. Nothing
// orders the deposits' writes against each other or against the statement's
// reads: entries go missing, statements do not add up, and `go test -race`
// reports a data race.
//
// Your job: make every Statement a consistent snapshot of the account, while
// payments settle side by side and statements are read at the same time.
// Keep the goroutine per payment in Settle and keep the API; no time.Sleep.
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
	// TODO: deposits write balance and ledger on many goroutines while
	// statements read both on others. A statement must see the two fields
	// as one deposit left them: give them a single guard that readers can
	// share and writers hold alone.
	balance int64   // the sum of ledger's Cents
	ledger  []Entry // every entry credited, oldest first
}

// Deposit credits e to the account.
func (a *Account) Deposit(e Entry) {
	a.ledger = append(a.ledger, e)
	a.balance += e.Cents
}

// Statement returns the balance and the entries credited so far. The caller
// owns the Statement: its Entries are a copy, not the account's ledger.
func (a *Account) Statement() Statement {
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
