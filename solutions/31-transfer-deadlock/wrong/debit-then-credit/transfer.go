// Kata 31, a tempting wrong fix: take the money out, then put it in.
//
// A deadlock needs a goroutine that holds one lock while it waits for
// another, so this fix never holds two: it checks, audits and debits under
// the payer's lock, lets go, and then credits under the payee's lock. No
// cycle of waits can form, and unlike other one-lock-at-a-time fixes the
// check and the debit are under one hold, so no account is overdrawn. But a
// transfer is "all or nothing": between the debit and the credit the money
// is in neither account, and anyone can see it. Alice pays Bob 100 while
// Bob's account is busy with another payment: her balance already shows
// 900, the payment has not returned, and Bob's 100 is nowhere. A report
// that adds up the balances at that moment finds money missing.
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
	// Hold only one account lock at a time: no lock is held while another is
	// awaited, so no cycle of waits can form.
	from.mu.Lock()
	if from.balance < amount {
		bal := from.balance
		from.mu.Unlock()
		return fmt.Errorf("%w: account %d holds %d, %d wanted", ErrInsufficientFunds, from.ID, bal, amount)
	}
	if b.audit != nil {
		b.audit(from.ID, to.ID, amount)
	}
	from.balance -= amount
	from.mu.Unlock()

	to.mu.Lock()
	to.balance += amount
	to.mu.Unlock()
	return nil
}
