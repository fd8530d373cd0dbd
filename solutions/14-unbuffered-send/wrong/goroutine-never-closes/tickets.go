// Kata 14, a tempting wrong fix: send from a goroutine, and leave out the close.
//
// Every ticket reaches the cook, and the goroutine ends. But the cook ranges
// until the channel is closed, and no one will ever close it: the cook waits
// for a ticket that never comes. The deadlock is now in the cook's receive.
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
	go func() {
		for i, o := range orders {
			out <- Ticket{No: i + 1, Order: o}
		}
	}()
	return out
}
