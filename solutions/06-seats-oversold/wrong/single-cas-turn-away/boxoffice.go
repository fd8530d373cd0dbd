// Kata 06, a tempting wrong fix: claim the seat with one CompareAndSwap,
// then price it, and say "sold out" when the swap fails.
//
// No seat is sold twice: of all the buyers who saw the same free seat, only
// one swap succeeds, and the seat is priced only once it is claimed. But a
// failed swap means "someone else got that seat", not "the hall is full":
// the buyer who lost it is turned away while seats are still free. (Unlike
// the other one-swap fix, this one prices after the swap, so no buyer is
// held between the look and the claim; only buyers that really run side by
// side fall into that gap.) After a failed swap, look at the count again.
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
	n := o.sold.Load()
	if n >= o.seats {
		return Ticket{}, false
	}
	if !o.sold.CompareAndSwap(n, n+1) {
		return Ticket{}, false // sold out under us
	}
	seat := int(n) + 1
	return Ticket{Seat: seat, Price: o.price(seat)}, true
}
