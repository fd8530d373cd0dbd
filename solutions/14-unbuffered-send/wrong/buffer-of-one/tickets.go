// Kata 14, a tempting wrong fix: give the channel a buffer of 1.
//
// The first ticket goes into the buffer and the second send waits, with
// Numbered still not returned and the cook still without a channel: the same
// deadlock, one ticket later. A buffer is a fix only if it holds every ticket.
package tickets

// Ticket is one printed order. No counts from 1 in the order the orders came.
type Ticket struct {
	No    int
	Order string
}

// Numbered returns a channel that yields one Ticket per order, in order, and
// is closed after the last one.
func Numbered(orders []string) <-chan Ticket {
	out := make(chan Ticket, 1)
	for i, o := range orders {
		out <- Ticket{No: i + 1, Order: o}
	}
	close(out)
	return out
}
