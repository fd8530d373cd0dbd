// Kata 06 · More tickets than seats, a correct alternative: a sync.Mutex
// held from the check to the count.
//
// The reference claims a seat with CompareAndSwap in a loop. Here the check
// "a seat is free" and the count "now it is mine" both happen while holding
// mu, so no other buyer can run between them: at most seats buyers ever get
// past the check. Pricing, the slow part, runs after the lock is released,
// on a seat already claimed, so buyers do not queue behind each other's
// pricing. Sold reads the count under the same lock.
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

	mu   sync.Mutex // protects sold
	sold int64      // seats sold so far, never more than seats
}

// New returns a box office for a hall of seats seats. price gives the price
// of each seat; it may be called from several goroutines at once.
func New(seats int, price func(seat int) int) *BoxOffice {
	return &BoxOffice{seats: int64(seats), price: price}
}

// Sell sells the next free seat, or reports false if the hall is full.
func (o *BoxOffice) Sell() (Ticket, bool) {
	o.mu.Lock()
	if o.sold >= o.seats {
		o.mu.Unlock()
		return Ticket{}, false
	}
	o.sold++
	seat := int(o.sold)
	o.mu.Unlock()
	return Ticket{Seat: seat, Price: o.price(seat)}, true
}

// Sold returns how many tickets have been sold so far.
func (o *BoxOffice) Sold() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return int(o.sold)
}
