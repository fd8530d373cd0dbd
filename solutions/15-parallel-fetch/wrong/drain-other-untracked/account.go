// Kata 15, a tempting wrong fix: on an error, Load starts a goroutine that
// receives the other fetch's answer, so that fetch can always finish.
//
// Tempting because it frees the late sender of the failed page. But it does
// not ask whether the other answer has already come. When the profile has
// arrived and then the orders fail, Load starts a goroutine to receive from
// profiles, which will never carry a second answer: that goroutine waits
// forever instead, a leak on every page whose second answer is the error.
// A buffer of one on each channel frees every sender without anybody
// waiting for anything.
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
				go func() { <-histories }() // let the orders' fetch finish its send
				return Page{}, fmt.Errorf("loading the profile of %s: %w", user, a.err)
			}
			page.Profile = a.profile
		case a := <-histories:
			if a.err != nil {
				go func() { <-profiles }() // let the profile's fetch finish its send
				return Page{}, fmt.Errorf("loading the orders of %s: %w", user, a.err)
			}
			page.Orders = a.orders
		}
	}
	return page, nil
}
