// Kata 14, a tempting wrong fix: a sending goroutine that closes the
// channel, but gives up on a ticket the cook has not taken within 2 s.
//
// Tempting because the goroutine and its deferred close are right, and the
// timeout looks like a safety net: if the cook walks away, the printer does
// not hang forever. But a cook is not gone just because it is slow: one who
// spends more than 2 s over a dish comes back to find the next ticket thrown
// away, and the numbers jump from k to k+2. Numbered promises one Ticket per
// order; the send must wait for the cook however long that takes. (Stopping
// a printer whose cook has really gone needs a signal from the cook, such as
// a done channel or a context, not a guess at how long a dish takes.)
package tickets

import "time"

// Ticket is one printed order. No counts from 1 in the order the orders came.
type Ticket struct {
	No    int
	Order string
}

// cookPatience is how long the printer waits for the cook to take a ticket.
const cookPatience = 2 * time.Second

// Numbered returns a channel that yields one Ticket per order, in order, and
// is closed after the last one.
func Numbered(orders []string) <-chan Ticket {
	out := make(chan Ticket)
	go func() {
		defer close(out) // the printer knows when the last ticket has gone
		for i, o := range orders {
			t := time.NewTimer(cookPatience)
			select {
			case out <- Ticket{No: i + 1, Order: o}:
			case <-t.C: // the cook walked away: do not hang the printer
			}
			t.Stop()
		}
	}()
	return out
}
