// Kata 06, a tempting wrong fix: count the seat first, and take the count
// back if that went past the last seat.
//
// Add returns the new count, so each buyer gets a number of its own, and a
// buyer whose number is past the last seat gives it back: no seat is sold
// twice and no ticket is sold past the last seat. But once the hall is full,
// every late buyer pushes the count past the seats before taking it back:
// anyone who reads Sold in that moment is told that more tickets were sold
// than the hall has seats. The count may only move when a seat is really
// sold: check first, then claim with CompareAndSwap.
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

// Sold returns how many tickets have been sold so far.
func (o *BoxOffice) Sold() int {
	return int(o.sold.Load())
}

// Sell sells the next free seat, or reports false if the hall is full.
func (o *BoxOffice) Sell() (Ticket, bool) {
	n := o.sold.Add(1)
	if n > o.seats {
		o.sold.Add(-1)
		return Ticket{}, false
	}
	seat := int(n)
	return Ticket{Seat: seat, Price: o.price(seat)}, true
}
