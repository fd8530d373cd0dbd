// Kata 14, a tempting wrong fix: a send that never waits, through a select
// with a default case.
//
// Tempting because the deadlock is gone at once: a select with a default
// never blocks, so Numbered always returns. But it returns by dropping every
// ticket nobody was receiving at that instant, and before Numbered returns
// nobody can be: the cook gets an empty, closed channel, and the kitchen cooks
// nothing. A default case turns "wait" into "throw away"; it is right only
// where losing the value is the intended policy.
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
	for i, o := range orders {
		select {
		case out <- Ticket{No: i + 1, Order: o}:
		default: // nobody is receiving: never block
		}
	}
	close(out)
	return out
}
