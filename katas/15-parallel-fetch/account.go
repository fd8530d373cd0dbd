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
// Your job: make every goroutine that Load starts able to finish, even after
// Load has returned early. Keep both fetches running at the same time, keep
// returning on the first error, and keep the API; no time.Sleep.
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
	// TODO: after the first error, Load stops receiving. Whichever goroutine
	// has not sent yet will find no one at the other end of its channel.
	// Give each send somewhere to go that does not need a receiver.
	profiles := make(chan profileAnswer)
	histories := make(chan ordersAnswer)

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
