// Kata 15, a tempting wrong fix: on the first error, a goroutine drains the
// other channel, but gives up after 2 s so that it cannot leak itself.
//
// Tempting because taking the other answer off its sender's hands is right,
// and a drainer that waits forever looks like a new leak of its own. But it
// only ever waits for one answer that is sure to come: the fetch that Load
// started. With the timeout, a service that answers more than 2 s after the
// failure (an order service that itself times out after 5 s) finds the
// drainer gone, and its fetch waits at the unbuffered send forever: the same
// leak, for slower services. A buffer of one on each channel needs no one to
// wait at all.
package account

import (
	"fmt"
	"time"
)

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

// drainPatience bounds how long the leftover answer is waited for.
const drainPatience = 2 * time.Second

func drain[T any](ch <-chan T) {
	go func() {
		select {
		case <-ch:
		case <-time.After(drainPatience):
		}
	}()
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
	gotProfile, gotOrders := false, false
	for range 2 {
		select {
		case a := <-profiles:
			gotProfile = true
			if a.err != nil {
				if !gotOrders {
					drain(histories)
				}
				return Page{}, fmt.Errorf("loading the profile of %s: %w", user, a.err)
			}
			page.Profile = a.profile
		case a := <-histories:
			gotOrders = true
			if a.err != nil {
				if !gotProfile {
					drain(profiles)
				}
				return Page{}, fmt.Errorf("loading the orders of %s: %w", user, a.err)
			}
			page.Orders = a.orders
		}
	}
	return page, nil
}
