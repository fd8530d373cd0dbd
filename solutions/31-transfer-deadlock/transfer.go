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
// Solution: one lock order for the whole bank. Transfer always locks the
// account with the lower ID first, whichever way the money goes. Two
// transfers that need the same two accounts then both start with the same
// one: whoever gets it goes on to the other, and whoever does not waits
// holding nothing, so a cycle of waits cannot form. The order covers every
// pair of accounts at once, so rings of three or more transfers cannot
// deadlock either.
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

// Account is one customer's account. Create one with NewAccount; an Account
// must not be copied (it holds a mutex).
type Account struct {
	ID int // unique in the bank, never changes; fixes the lock order

	mu      sync.Mutex // protects balance
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
}

// NewBank returns a bank that logs every transfer with audit. A nil audit
// logs nothing.
func NewBank(audit AuditFunc) *Bank {
	return &Bank{audit: audit}
}

// Transfer moves amount (positive) from one account to another, all or
// nothing. It returns an error wrapping ErrInsufficientFunds, and moves
// nothing, if from holds less than amount.
//
// Lock order: a transfer holds both accounts' locks while it checks, audits
// and moves the money, and takes them lower ID first. Any code that holds two
// account locks at once must take them in the same order.
func (b *Bank) Transfer(from, to *Account, amount int) error {
	if from == to {
		// Locking the same mutex twice would deadlock on its own.
		return ErrSameAccount
	}
	// The lower ID first, whatever the direction of the payment: the order
	// belongs to the accounts, not to the arguments. Locking the payee
	// first instead is still an order of the arguments, and Bob paying
	// Alice then locks them the other way round again. One mutex for the
	// whole bank (the tempting fix) ends the deadlock too, but makes every
	// transfer wait for every other, even between customers who share no
	// account.
	first, second := from, to
	if to.ID < from.ID {
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
