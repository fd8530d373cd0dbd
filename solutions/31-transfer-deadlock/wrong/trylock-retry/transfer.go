// Kata 31, a tempting wrong fix: back off and try again.
//
// Transfer takes the payer's lock, then only tries the payee's; if it is
// taken, it lets go of the payer's lock, yields, and starts over. Nobody
// waits while holding a lock, so no cycle of waits can form and the specs'
// DEADLOCK goes away. But a payment whose payee is busy for a while (a slow
// audit log, a long transfer) never parks: it locks, fails, unlocks and
// yields in a tight loop, burning a core for as long as it waits, and two
// such payments can keep knocking each other back. It is tempting because
// it "retries", which is what a person would do.
package bank

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// ErrInsufficientFunds is returned (wrapped) by Transfer when the payer's
// balance is smaller than the amount.
var ErrInsufficientFunds = errors.New("insufficient funds")

// ErrSameAccount is returned by Transfer when the payer is the payee.
var ErrSameAccount = errors.New("cannot transfer to the same account")

// Account is one customer's account. Create one with NewAccount.
type Account struct {
	ID int // unique in the bank, never changes

	mu      sync.Mutex
	balance int
}

// NewAccount opens account id with an opening balance.
func NewAccount(id, balance int) *Account {
	return &Account{ID: id, balance: balance}
}

// Balance returns the money in the account.
func (a *Account) Balance() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance
}

// An AuditFunc writes one transfer to the audit log. It is called for every
// transfer that has the funds, before any money moves.
type AuditFunc func(fromID, toID, amount int)

// Bank moves money between accounts. Its methods may be called from several
// goroutines at once.
type Bank struct {
	audit AuditFunc
}

// NewBank returns a bank that logs every transfer with audit. A nil audit
// logs nothing.
func NewBank(audit AuditFunc) *Bank {
	return &Bank{audit: audit}
}

// Transfer moves amount (positive) from one account to another, all or
// nothing. It returns an error wrapping ErrInsufficientFunds, and moves
// nothing, if from holds less than amount.
func (b *Bank) Transfer(from, to *Account, amount int) error {
	if from == to {
		return ErrSameAccount
	}
	for {
		from.mu.Lock()
		if to.mu.TryLock() {
			break
		}
		from.mu.Unlock()
		runtime.Gosched()
	}
	defer from.mu.Unlock()
	defer to.mu.Unlock()
	if from.balance < amount {
		return fmt.Errorf("%w: account %d holds %d, %d wanted", ErrInsufficientFunds, from.ID, from.balance, amount)
	}
	if b.audit != nil {
		b.audit(from.ID, to.ID, amount)
	}
	from.balance -= amount
	to.balance += amount
	return nil
}
