// Kata 31 · Two transfers, each holding what the other needs
//
// A bank moves money between its customers' accounts. Every account has a
// lock of its own, so transfers between different customers run side by
// side. Transfer locks the payer's account, checks the funds, writes the
// attempt to the audit log, then locks the payee's account and moves the
// money. When Alice pays Bob at the very moment Bob pays Alice, each transfer
// takes its payer's lock, and each then waits for the lock the other one
// holds. Neither can go on, neither gives way, and both customers wait
// forever: the specs report a DEADLOCK.
//
// Your job: make transfers in opposite directions both go through. Keep one
// lock per account (transfers between different customers must still run at
// the same time) and keep the API; no time.Sleep.
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
	// TODO: Transfer(alice, bob) locks Alice then Bob; Transfer(bob, alice)
	// locks Bob then Alice. What if each takes its first lock before
	// either takes its second?
	from.mu.Lock()
	defer from.mu.Unlock()
	if from.balance < amount {
		return fmt.Errorf("%w: account %d holds %d, %d wanted", ErrInsufficientFunds, from.ID, from.balance, amount)
	}
	if b.audit != nil {
		b.audit(from.ID, to.ID, amount)
	}
	to.mu.Lock()
	defer to.mu.Unlock()
	from.balance -= amount
	to.balance += amount
	return nil
}
