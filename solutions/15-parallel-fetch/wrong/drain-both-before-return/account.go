// Kata 15, a tempting wrong fix: on the first error, keep receiving until the
// other fetch has answered too, and only then return the error.
//
// Tempting because nothing leaks: every send finds Load at its receive, and
// the specs where the late answer comes soon after the error pass. Wrong
// because Load no longer returns as soon as one service fails: a failed
// profile still waits for the order service, and when that service hangs
// the page hangs with it. The specs hold the other service until Load has
// returned, and this Load never does.
package account

import "fmt"

type Profile struct {
	ID   string
	Name string
}

type Order struct {
	ID    string
	Total int
}

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
	var first error
	for range 2 {
		select {
		case a := <-profiles:
			if a.err != nil && first == nil {
				first = fmt.Errorf("loading the profile of %s: %w", user, a.err)
			}
			page.Profile = a.profile
		case a := <-histories:
			if a.err != nil && first == nil {
				first = fmt.Errorf("loading the orders of %s: %w", user, a.err)
			}
			page.Orders = a.orders
		}
	}
	if first != nil {
		return Page{}, first
	}
	return page, nil
}
