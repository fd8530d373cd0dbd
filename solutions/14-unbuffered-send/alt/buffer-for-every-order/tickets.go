// Kata 14 · A send that nobody is there to receive
//
// A correct alternative: no goroutine, but a buffer sized to this call's
// orders, make(chan Ticket, len(orders)).
//
// Why it is also correct: every send finds room, so the loop never waits for
// a receiver, closes the channel after the last ticket, and Numbered returns
// a full, closed channel. The cook then receives every ticket in order and
// its range ends at the close. The size comes from the input, so no rush can
// outgrow it (unlike a fixed buffer of 1000). The cost is memory: every
// ticket is held at once, and the cook cannot start before the last one is
// printed; the reference solution's sending goroutine has neither cost.
package tickets

// Ticket is one printed order. No counts from 1 in the order the orders came.
type Ticket struct {
	No    int
	Order string
}

// Numbered returns a channel that yields one Ticket per order, in order, and
// is closed after the last one.
//
// The channel holds every ticket already: the caller may receive at leisure,
// and nobody is left waiting if it stops early.
func Numbered(orders []string) <-chan Ticket {
	out := make(chan Ticket, len(orders)) // room for every ticket of this call
	for i, o := range orders {
		out <- Ticket{No: i + 1, Order: o}
	}
	close(out)
	return out
}
