// Kata 14, a tempting wrong fix: a buffer big enough for any rush, say 1000.
//
// Tempting because a buffer of 1 fails only one ticket later, so a bigger
// buffer looks like the cure, and every order list the learner tries is
// shorter than 1000. But the loop still runs before Numbered returns: the
// 1001st ticket finds the buffer full, with the cook still waiting for the
// channel, and the kitchen deadlocks as before. A buffer is a fix only if it
// holds every ticket of this call: len(orders), not a guess.
package tickets

// Ticket is one printed order. No counts from 1 in the order the orders came.
type Ticket struct {
	No    int
	Order string
}

// Numbered returns a channel that yields one Ticket per order, in order, and
// is closed after the last one.
func Numbered(orders []string) <-chan Ticket {
	out := make(chan Ticket, 1000) // more than any rush we have seen
	for i, o := range orders {
		out <- Ticket{No: i + 1, Order: o}
	}
	close(out)
	return out
}
