// Kata 31, a correct alternative: take both locks as one step.
//
// Instead of a lock order, the bank has one small mutex that a transfer holds
// only while it takes its two account locks. A transfer therefore never holds
// one account lock while another transfer holds the other one it needs:
// every transfer that holds account locks holds both, checks, audits and
// moves the money without waiting for anyone, and lets go. The one that holds
// the gate and waits for an account waits for such a transfer, which always
// finishes, so no cycle of waits can form. Transfers between customers who
// share no account still audit and move their money side by side: the gate
// is held for two Lock calls, not for the transfer. (It does make everyone
// queue behind a transfer that is waiting for a busy account, a price the
// lock order of the reference solution does not pay.)
package bank

import (
	"errors"
	"fmt"
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
	audit AuditFunc // set once by NewBank, read-only after

	// gate is held only while a transfer takes its two account locks, never
	// while it waits for anything else: whoever holds two account locks got
	// both at once and is never waiting for a third.
	gate sync.Mutex
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
	b.gate.Lock()
	from.mu.Lock()
	to.mu.Lock()
	b.gate.Unlock()
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
