// Kata 15 · Two fetches, and one of them left behind
//
// An online shop builds the "My account" page from two services: the user
// service has the customer's profile, the order service their past orders.
// Load asks both at the same time, each on a goroutine of its own, and each
// goroutine sends its answer back on a channel. As soon as either service
// fails, Load returns the error: the page cannot be shown anyway. But the
// other goroutine is still fetching, and when its answer comes it sends it on
// an unbuffered channel that nobody will ever receive from again. It waits
// there forever: every failed page leaves a goroutine behind, which the check
// at the end of each spec reports as "LEAK:".
//
// Solution: each channel gets a buffer of 1. Each goroutine sends exactly one
// answer, so its send always finds room and completes whether or not Load is
// still receiving; the goroutine then returns. An answer nobody reads stays
// in the buffer until the channel, unreachable once both Load and the
// goroutine are gone, is garbage collected with it.
package account

import "fmt"

// Profile is what the user service knows about a customer.
type Profile struct {
	ID   string
	Name string
}

// Order is one past order of a customer.
type Order struct {
	ID    string
	Total int // in cents
}

// Page is what the "My account" page shows.
type Page struct {
	Profile Profile
	Orders  []Order
}

// profileAnswer and ordersAnswer are what the two fetching goroutines send
// back to Load.
type profileAnswer struct {
	profile Profile
	err     error
}

type ordersAnswer struct {
	orders []Order
	err    error
}

// Load fetches the profile and the orders of user at the same time, calling
// profile and orders each on a goroutine of its own, and returns them as one
// Page. If either call fails, Load returns that error at once, without
// waiting for the other call.
//
// Load may return while the other call is still running: that call still
// runs to the end, and its goroutine returns when it does. profile and orders
// must therefore return eventually, and may run after Load has returned.
func Load(user string, profile func(user string) (Profile, error), orders func(user string) ([]Order, error)) (Page, error) {
	// One slot per channel, because each goroutine sends exactly one answer:
	// its send never waits for a receiver, so the goroutine can finish even
	// after Load has stopped receiving. Nobody closes these channels: no one
	// ranges over them, and each receives at most the one answer it holds.
	//
	// The tempting half fix buffers only the channel whose answer came late
	// in the run that leaked. The leak then moves to the other service: Load
	// returns on whichever error comes first, so either sender can be the
	// one left behind. Closing the channels when Load returns is worse: the
	// late sender then panics with "send on closed channel".
	//
	// Receiving both answers before returning would also end the leak, but
	// the page would then wait for the slower service even when the faster
	// one has already failed; the buffers keep the early return.
	profiles := make(chan profileAnswer, 1)
	histories := make(chan ordersAnswer, 1)

	go func() {
		p, err := profile(user)
		profiles <- profileAnswer{profile: p, err: err}
	}()
	go func() {
		o, err := orders(user)
		histories <- ordersAnswer{orders: o, err: err}
	}()

	var page Page
	for range 2 {
		select {
		case a := <-profiles:
			if a.err != nil {
				return Page{}, fmt.Errorf("loading the profile of %s: %w", user, a.err)
			}
			page.Profile = a.profile
		case a := <-histories:
			if a.err != nil {
				return Page{}, fmt.Errorf("loading the orders of %s: %w", user, a.err)
			}
			page.Orders = a.orders
		}
	}
	return page, nil
}
