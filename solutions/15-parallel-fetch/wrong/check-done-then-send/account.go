// Kata 15, a tempting wrong fix: Load closes a "gone" channel when it
// returns, and each fetch looks at it before it sends.
//
// Tempting because it reads like the cure: a fetch whose Load has gone does
// not send. But the look and the send are two steps. A fetch can find gone
// still open, then Load receives the other service's error, returns and
// closes gone, and the fetch goes on to its unbuffered send with nobody left
// to receive: the same leak, whenever the answer comes while Load is on its
// way out. Checking and then acting leaves a gap; a select that waits for the
// send and for gone at once has none, and a buffered slot needs neither.
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
	gone := make(chan struct{}) // closed once Load stops receiving
	defer close(gone)

	go func() {
		p, err := profile(user)
		select {
		case <-gone:
			return // Load has given up on us
		default:
		}
		profiles <- profileAnswer{profile: p, err: err}
	}()
	go func() {
		o, err := orders(user)
		select {
		case <-gone:
			return
		default:
		}
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
