// Kata 15, a tempting wrong fix: close both channels when Load returns, and
// recover the late sender's panic.
//
// Tempting because each half answers the other's objection: the close lets
// the late sender go (it no longer blocks), and the recover keeps "send on
// closed channel" from crashing the program. In the specs that let the late
// fetch answer only after Load has returned, nothing goes wrong. But a close
// and a send on other goroutines with nothing ordering them are a data race,
// reported by -race whether or not the send panics; and when the late answer
// comes while Load is on its way out, the send and the close really do meet.
// A receiver must not close a channel its senders still use; recover hides
// the crash, not the race.
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
func Load(user string, profile func(user string) (Profile, error), orders func(user string) ([]Order, error)) (Page, error) {
	profiles := make(chan profileAnswer)
	histories := make(chan ordersAnswer)
	// Closing both on the way out wakes a sender that is still waiting.
	defer close(profiles)
	defer close(histories)

	go func() {
		defer func() { _ = recover() }() // a send on the closed channel
		p, err := profile(user)
		profiles <- profileAnswer{profile: p, err: err}
	}()
	go func() {
		defer func() { _ = recover() }() // a send on the closed channel
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
