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
// Solution: the sends move to a goroutine that Numbered starts, and that
// goroutine closes the channel after its last send. Numbered returns at once;
// each receive by the cook then meets one send by the printer, in order.
//
// A buffer of len(orders) would also do here: every send finds room, so the
// loop never waits and Numbered returns a full, closed channel. It works only
// because the number of tickets is known before the first is printed, and it
// holds them all in memory while the cook cannot start on the first. The
// goroutine is the general fix: it works when the orders arrive over time
// (from another channel, from the network), its memory does not grow with the
// rush, and the cook starts cooking as soon as the first ticket is printed.
package tickets

// Ticket is one printed order. No counts from 1 in the order the orders came.
type Ticket struct {
	No    int
	Order string
}

// Numbered returns a channel that yields one Ticket per order, in order, and
// is closed after the last one.
//
// The channel is unbuffered. A goroutine started by Numbered sends the
// tickets and closes the channel; the caller must not close it, and must
// receive until it is closed, or that goroutine waits forever at its next
// send. The goroutine reads orders after Numbered has returned: the caller
// must not modify orders until the channel is closed.
func Numbered(orders []string) <-chan Ticket {
	out := make(chan Ticket)
	// The sends run on a goroutine of their own, so they no longer stand
	// between Numbered and its return: the cook gets the channel at once, and
	// each send waits only until the cook takes that ticket.
	//
	// The sender closes out, because only the sender knows when the last
	// ticket has gone, and the close is what ends the cook's range. The
	// tempting fixes fail: a buffer of 1 lets the first send through and
	// blocks at the second, the same deadlock one ticket later; a goroutine
	// that never closes out prints every ticket but leaves the cook waiting
	// for another; and closing out in Numbered, after starting the goroutine,
	// closes it before the first send, which then panics.
	go func() {
		defer close(out)
		for i, o := range orders {
			out <- Ticket{No: i + 1, Order: o}
		}
	}()
	return out
}
