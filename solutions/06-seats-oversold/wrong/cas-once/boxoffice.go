// Kata 06, a tempting wrong fix: one CompareAndSwap, and no second try.
//
// No seat is sold twice any more: of all the buyers who saw the same free
// seat, only one swap succeeds. But the others are told "sold out" while the
// hall is nearly empty, only because another buyer was served at the same
// instant. A failed swap means "someone took that seat", not "no seats left".
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
	n := o.sold.Load()
	if n >= o.seats {
		return Ticket{}, false
	}
	seat := int(n) + 1
	t := Ticket{Seat: seat, Price: o.price(seat)}
	if !o.sold.CompareAndSwap(n, n+1) {
		return Ticket{}, false
	}
	return t, true
}

// Sold returns how many tickets have been sold so far.
func (o *BoxOffice) Sold() int {
	return int(o.sold.Load())
}
