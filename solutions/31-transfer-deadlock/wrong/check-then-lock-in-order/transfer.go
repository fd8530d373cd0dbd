// Kata 31, a tempting wrong fix: check the funds first, then lock both in
// order.
//
// The deadlock came from holding the payer's lock while waiting for the
// payee's, so this fix keeps the original check (payer's lock only, as the
// code did before), lets go, and only then takes both locks lower ID first to
// move the money. Nothing deadlocks any more. But the check and the move are
// no longer under one lock: between them another payment from the same payer
// can check the same balance, and both go through. Bob holds 1000, pays
// Alice 600 and Carol 600, and ends at -200. It is tempting because every
// payment on its own, and every pair of payments that do not share a payer,
// still looks right.
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
		defer from.mu.Unlock()
		return fmt.Errorf("%w: account %d holds %d, %d wanted", ErrInsufficientFunds, from.ID, from.balance, amount)
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
	from.balance -= amount
	to.balance += amount
	return nil
}
