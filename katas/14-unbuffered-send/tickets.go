// Kata 14 · A send that nobody is there to receive
//
// A restaurant kitchen prints a ticket for every order. The printer numbers
// the orders 1, 2, 3, ... and the line cook takes the tickets off a channel,
// in order, until the channel is closed. Numbered makes the channel, sends
// every ticket, closes it and hands it to the cook. But the channel is
// unbuffered: a send waits until someone receives, and the cook cannot start
// receiving before Numbered has returned the channel. The first send waits
// for a receive that can never begin, and the kitchen stops before a single
// ticket is printed: the specs report a DEADLOCK in Numbered, at the send.
//
// Your job: get the tickets to the cook, numbered and in order, on a channel
// that is closed after the last one. Keep Numbered's signature; no
// time.Sleep.
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
	// TODO: no one can receive from out until Numbered has returned it, and
	// this loop keeps Numbered from returning. Let the tickets wait somewhere
	// that does not hold up the return.
	for i, o := range orders {
		out <- Ticket{No: i + 1, Order: o}
	}
	close(out)
	return out
}
