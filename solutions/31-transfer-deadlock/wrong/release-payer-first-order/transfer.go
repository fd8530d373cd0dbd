// Kata 31, a tempting wrong fix: audit under the payer's lock, then lock both
// in order and check again.
//
// The original checks the funds and writes the audit under the payer's lock,
// and the deadlock comes when it waits for the payee's lock still holding
// it. So this fix keeps the check and the audit as they were, lets go of the
// payer, takes both locks lower ID first, and checks the funds a second time
// before moving anything, so no account is ever overdrawn. It is tempting
// because it looks careful: two checks instead of one. But the audit log is
// "called for every transfer that has the funds, before any money moves",
// and here a payment is audited on the strength of the first check. Bob
// holds 1000 and pays Alice 600 and Carol 600 at once: both pass the first
// check and both are audited; the one that comes second to the locks finds
// 400 and is refused. The audit log lists a payment of 600 that never
// happened.
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
	from.mu.Lock()
	if from.balance < amount {
		bal := from.balance
		from.mu.Unlock()
		return fmt.Errorf("%w: account %d holds %d, %d wanted", ErrInsufficientFunds, from.ID, bal, amount)
	}
	if b.audit != nil {
		b.audit(from.ID, to.ID, amount)
	}
	from.mu.Unlock()

	first, second := from, to
	if to.ID < from.ID {
		first, second = to, from
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	// Check again: the balance may have changed while no lock was held.
	if from.balance < amount {
		return fmt.Errorf("%w: account %d holds %d, %d wanted", ErrInsufficientFunds, from.ID, from.balance, amount)
	}
	from.balance -= amount
	to.balance += amount
	return nil
}
