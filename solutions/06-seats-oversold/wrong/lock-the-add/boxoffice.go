// Kata 06, a tempting wrong fix: a mutex around the Add.
//
// The Add was already atomic; the lock only makes the buyers count their
// seats one at a time. The check still runs outside it, so every buyer who
// looked before the others counted still sees the same free seat, and still
// takes it.
package boxoffice

import (
	"sync"
	"sync/atomic"
)

// Ticket is one sold seat. Seats are numbered from 1, front to back.
type Ticket struct {
	Seat  int
	Price int // in euros
}

// BoxOffice sells the seats of one concert. Use New to make one.
type BoxOffice struct {
	seats int64
	price func(seat int) int

	mu   sync.Mutex // held while a sale is counted
	sold atomic.Int64
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
	o.mu.Lock()
	o.sold.Add(1)
	o.mu.Unlock()
	return t, true
}

// Sold returns how many tickets have been sold so far.
func (o *BoxOffice) Sold() int {
	return int(o.sold.Load())
}
