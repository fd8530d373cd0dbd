// Kata 06, a tempting wrong fix: check with Load, then take the seat number
// from Add.
//
// Add returns the new count, so every buyer that gets past the check gets a
// seat number of its own, and pricing now runs after the count: it looks as
// if the gap is closed. It is only narrower. Two buyers can both Load 3 in a
// hall of 4, both pass the check, and both Add: one gets seat 4, the other
// seat 5, a seat the hall does not have. The check and the claim are still
// two steps; only a CompareAndSwap of the count you checked (retried when
// it fails) or a lock held across both makes them one.
package boxoffice

import "sync/atomic"

// Ticket is one sold seat. Seats are numbered from 1, front to back.
type Ticket struct {
	Seat  int
	Price int // in euros
}

// BoxOffice sells the seats of one concert. Use New to make one.
type BoxOffice struct {
	seats int64
	price func(seat int) int
	sold  atomic.Int64
}

// New returns a box office for a hall of seats seats. price gives the price
// of each seat; it may be called from several goroutines at once.
func New(seats int, price func(seat int) int) *BoxOffice {
	return &BoxOffice{seats: int64(seats), price: price}
}

// Sell sells the next free seat, or reports false if the hall is full.
func (o *BoxOffice) Sell() (Ticket, bool) {
	if o.sold.Load() >= o.seats {
		return Ticket{}, false
	}
	seat := int(o.sold.Add(1))
	return Ticket{Seat: seat, Price: o.price(seat)}, true
}

// Sold returns how many tickets have been sold so far.
func (o *BoxOffice) Sold() int {
	return int(o.sold.Load())
}
