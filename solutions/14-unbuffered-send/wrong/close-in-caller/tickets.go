// Kata 14, a tempting wrong fix: send from a goroutine, close in Numbered.
//
// Numbered closes the channel right after starting the goroutine, before the
// cook can receive anything, so before the first send can complete. A send on
// a closed channel panics, and the panic takes the whole program down (the
// race detector also reports the close and the send as unordered). Only the
// sender knows when it has sent the last ticket: the sender must close.
package tickets

// Ticket is one printed order. No counts from 1 in the order the orders came.
type Ticket struct {
	No    int
	Order string
}

// Numbered returns a channel that yields one Ticket per order, in order, and
// is closed after the last one.
func Numbered(orders []string) <-chan Ticket {
	out := make(chan Ticket)
	defer close(out)
	go func() {
		for i, o := range orders {
			out <- Ticket{No: i + 1, Order: o}
		}
	}()
	return out
}
