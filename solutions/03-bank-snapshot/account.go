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
// Solution: one sync.RWMutex guards balance and ledger together. Deposit
// holds it alone (Lock) while it changes both; Statement shares it (RLock)
// while it reads both and copies the ledger. A statement therefore sees the
// account between two whole deposits, never in the middle of one, and
// statements read at the same time do not wait for each other.
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
// to use; an Account must not be copied after first use (it holds a lock).
// Deposit and Statement may be called from any number of goroutines at once.
type Account struct {
	// mu protects balance and ledger, as one: the invariant "balance is the
	// sum of ledger" spans both fields, so one lock must cover both. A lock
	// per field would keep each field whole but let a statement read the
	// balance before a deposit and the ledger after it.
	//
	// An RWMutex rather than a Mutex because statements are read far more
	// often than payments arrive: any number of readers may hold RLock at
	// once, while Lock waits for them all and keeps everyone else out. A
	// plain sync.Mutex would be just as correct, only readers would queue.
	mu      sync.RWMutex
	balance int64   // the sum of ledger's Cents
	ledger  []Entry // every entry credited, oldest first
}

// Deposit credits e to the account.
//
// A deposit writes, so it takes the write lock, Lock, even though it only
// adds to the ledger. Taking RLock here (the tempting "it only appends" fix)
// lets two deposits in at once: both read the same ledger and balance, both
// write, and one credit is lost; the race detector reports it on every run.
func (a *Account) Deposit(e Entry) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ledger = append(a.ledger, e)
	a.balance += e.Cents
}

// Statement returns the balance and the entries credited so far. The caller
// owns the Statement: its Entries are a copy, not the account's ledger.
//
// Both fields are read under one RLock, so they come from the same moment:
// Unlock in Deposit synchronizes before this RLock, and no Deposit can run
// until the RUnlock. The copy is made inside the lock too. Handing out
// a.ledger itself would let the caller read and, worse, append into the
// account's array after the lock is released: an append to the caller's
// Entries writes the very slot the next Deposit writes.
func (a *Account) Statement() Statement {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return Statement{Balance: a.balance, Entries: slices.Clone(a.ledger)}
}

// Settle authorises every payment of batch, each on a goroutine of its own,
// and credits to a those that authorize approves. It returns once every
// payment has been authorised and, if approved, credited: each wg.Done
// synchronizes before the wg.Wait it releases.
//
// authorize runs outside the account's lock, so payments are authorised side
// by side; only the short Deposit is serialised. Holding the lock from
// authorisation to credit, so that "no statement sees a payment half
// settled", would make the whole batch wait on one slow card, and buys
// nothing: a statement taken between the two sees the payment not yet
// credited, which is a true picture of the account.
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
