// Kata 15, a tempting wrong fix: senders that never wait, through a select
// with a default case.
//
// Tempting because the leak is gone: a sender whose answer nobody takes drops
// it and returns, and in the specs where a service fails that is exactly
// right. But a default case also drops the answer whenever Load is not
// parked at its receive at that very instant: still starting up, or between
// its first answer and its select for the second. The answer is gone, Load
// waits for it forever, and the page never loads. Whether that happens
// depends on the scheduler; with many pages loading at once, it happens.
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

	go func() {
		p, err := profile(user)
		select {
		case profiles <- profileAnswer{profile: p, err: err}:
		default: // Load is gone: drop the answer rather than wait forever
		}
	}()
	go func() {
		o, err := orders(user)
		select {
		case histories <- ordersAnswer{orders: o, err: err}:
		default: // Load is gone: drop the answer rather than wait forever
		}
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
