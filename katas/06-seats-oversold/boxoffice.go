// Kata 06 · More tickets than seats
//
// A concert hall sells its tickets online. When sales open, thousands of
// buyers press "buy" at the same second, and each Sell runs on a goroutine of
// its own. Sell checks that a seat is left, works out the ticket (the next
// seat, priced by the hall's seating plan) and counts the seat as sold. Every
// access to the count is atomic, so `go test -race` has nothing to say. Yet
// the hall sells more tickets than it has seats, and hands the same seat to
// several buyers: between one buyer's check and the same buyer's count,
// others have checked too, and they all saw the same free seat.
//
// Your job: never sell more tickets than seats, nor a seat twice, and turn a
// buyer away only when the hall is full. Keep Sell safe to call from many
// goroutines at once and keep the API; no time.Sleep.
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
	// TODO: the check and the count are each atomic, but the pair is not.
	// Make "the seat I checked is still free" and "now it is mine" happen as
	// one step, and think about what a buyer should do when another took
	// that seat first.
	n := o.sold.Load()
	if n >= o.seats {
		return Ticket{}, false
	}
	seat := int(n) + 1
	t := Ticket{Seat: seat, Price: o.price(seat)}
	o.sold.Add(1)
	return t, true
}

// Sold returns how many tickets have been sold so far.
func (o *BoxOffice) Sold() int {
	return int(o.sold.Load())
}
