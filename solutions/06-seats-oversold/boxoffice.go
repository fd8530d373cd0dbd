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
// Solution: claim the seat with CompareAndSwap, in a loop. CompareAndSwap(n,
// n+1) moves the count from n to n+1 only if it is still n, that is only if
// no other buyer has claimed seat n+1 since this one looked; the check and
// the claim become one indivisible step. A buyer whose swap fails lost the
// seat to someone else and looks again, so it is turned away only when the
// hall really is full.
package boxoffice

import "sync/atomic"

// Ticket is one sold seat. Seats are numbered from 1, front to back.
type Ticket struct {
	Seat  int
	Price int // in euros
}

// BoxOffice sells the seats of one concert. Use New to make one; its methods
// may be called from any number of goroutines at once.
type BoxOffice struct {
	seats int64              // read-only after New
	price func(seat int) int // read-only after New

	// sold is how many seats are claimed: seats 1 to sold are taken. It only
	// ever moves by CompareAndSwap from a value Sell has just checked, so it
	// never passes seats.
	sold atomic.Int64
}

// New returns a box office for a hall of seats seats. price gives the price
// of each seat; it may be called from several goroutines at once.
func New(seats int, price func(seat int) int) *BoxOffice {
	return &BoxOffice{seats: int64(seats), price: price}
}

// Sell sells the next free seat, or reports false if the hall is full.
func (o *BoxOffice) Sell() (Ticket, bool) {
	for {
		n := o.sold.Load()
		if n >= o.seats {
			return Ticket{}, false
		}
		// The swap succeeds for exactly one of the buyers who saw n: that
		// buyer owns seat n+1. The others find the count moved on and go
		// round again with the new count, which may now say "full".
		//
		// The tempting fix without the loop (Load, then one CompareAndSwap,
		// and "sold out" if it fails) never oversells, but it turns buyers
		// away while seats are still free, just because someone else was
		// served at the same instant. A mutex around the Add alone changes
		// nothing: the Add was already atomic, and the gap between the check
		// and the Add is still open.
		if o.sold.CompareAndSwap(n, n+1) {
			// The seat is ours, so the slow part, pricing, runs after the
			// claim and runs once. (A sync.Mutex held from the check to the
			// count would be right too, but every buyer would then wait in
			// line while another's ticket is priced.)
			seat := int(n) + 1
			return Ticket{Seat: seat, Price: o.price(seat)}, true
		}
	}
}

// Sold returns how many tickets have been sold so far. It never exceeds the
// number of seats.
func (o *BoxOffice) Sold() int {
	return int(o.sold.Load())
}
