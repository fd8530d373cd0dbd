// Kata 31, a tempting wrong fix: lock the poorer account first.
//
// The solution's idea is one global order for the locks, so this fix picks
// one: the account with less money first, ties broken by ID. Whichever way
// a payment goes, two payments between the same pair that see the same
// balances take the locks in the same order, and the specs in which two
// customers pay each other pass. But the order is read from balances that
// other payments keep changing, outside any lock. Alice pays Bob 10 when
// she holds 1000 and he 1050: Alice first. Carol then pays Alice 100, and
// Alice's next payment to Bob sees her richer than Bob: Bob first. The two
// payments take the same two locks in opposite orders, and each waits for
// the lock the other holds: the deadlock is back, only rarer. An order must
// come from something that never changes, such as the account's ID.
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
	// The poorer account first, ties broken by ID: one order for every
	// pair of accounts, whichever way the money goes.
	first, second := from, to
	fb, tb := from.Balance(), to.Balance()
	if tb < fb || (tb == fb && to.ID < from.ID) {
		first, second = to, from
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
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
