// Kata 06, a tempting wrong fix: Sell under a mutex, and Sold reading the
// count without it.
//
// Sell checks and counts under the lock, so no seat is sold twice and no
// buyer is turned away too early. The count became a plain int64, and Sold
// reads it without the lock: "a read of one word cannot be torn". But the
// race detector does not judge by size: Sold's read is ordered against
// nothing that Sell writes under the lock, so reading the count while
// buyers are buying is a data race, and the compiler may even keep a stale
// count. Every access to the count takes the lock, reads too.
package boxoffice

import "sync"

// Ticket is one sold seat. Seats are numbered from 1, front to back.
type Ticket struct {
	Seat  int
	Price int // in euros
}

// BoxOffice sells the seats of one concert. Use New to make one.
type BoxOffice struct {
	seats int64
	price func(seat int) int

	mu   sync.Mutex // serialises Sell
	sold int64
}

// New returns a box office for a hall of seats seats. price gives the price
// of each seat; it may be called from several goroutines at once.
func New(seats int, price func(seat int) int) *BoxOffice {
	return &BoxOffice{seats: int64(seats), price: price}
}

// Sell sells the next free seat, or reports false if the hall is full.
func (o *BoxOffice) Sell() (Ticket, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.sold >= o.seats {
		return Ticket{}, false
	}
	o.sold++
	seat := int(o.sold)
	return Ticket{Seat: seat, Price: o.price(seat)}, true
}

// Sold returns how many tickets have been sold so far.
func (o *BoxOffice) Sold() int {
	return int(o.sold)
}
