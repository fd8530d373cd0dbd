// Kata 31, a tempting wrong fix: take one lock at a time.
//
// The deadlock comes from holding one account's lock while waiting for the
// other's, so this fix never holds two: it reads the payer's balance under
// the payer's lock, then debits under that lock again, then credits under
// the payee's. No transfer ever waits while holding anything, so the deadlock
// is gone. But the transfer is no longer all or nothing: between the funds
// check and the debit the payer's lock is free, so a second payment from the
// same account checks the same balance, both pass, and the account is
// overdrawn; and between debit and credit the money is in neither account.
package bank

import (
	"errors"
	"fmt"
	"sync"
)

var ErrInsufficientFunds = errors.New("insufficient funds")

var ErrSameAccount = errors.New("cannot transfer to the same account")

type Account struct {
	ID int

	mu      sync.Mutex
	balance int
}

func NewAccount(id, balance int) *Account {
	return &Account{ID: id, balance: balance}
}

func (a *Account) Balance() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance
}

type AuditFunc func(fromID, toID, amount int)

type Bank struct {
	audit AuditFunc
}

func NewBank(audit AuditFunc) *Bank {
	return &Bank{audit: audit}
}

func (b *Bank) Transfer(from, to *Account, amount int) error {
	if from == to {
		return ErrSameAccount
	}
	from.mu.Lock()
	held := from.balance
	from.mu.Unlock()
	if held < amount {
		return fmt.Errorf("%w: account %d holds %d, %d wanted", ErrInsufficientFunds, from.ID, held, amount)
	}
	if b.audit != nil {
		b.audit(from.ID, to.ID, amount)
	}
	from.mu.Lock()
	from.balance -= amount
	from.mu.Unlock()
	to.mu.Lock()
	to.balance += amount
	to.mu.Unlock()
	return nil
}
