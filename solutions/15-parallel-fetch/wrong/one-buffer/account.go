// Kata 15, a tempting wrong fix: a buffer on the channel that leaked.
//
// The run that leaked had the orders' goroutine stuck, so the orders' channel
// gets a buffer of 1. But Load returns on whichever error comes first: when
// the order service fails while the profile is still loading, it is the
// profile's goroutine that sends late, on a channel still unbuffered, and
// waits there forever.
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
