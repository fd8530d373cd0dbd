// Kata 15, a tempting wrong fix: no goroutines, so no goroutine can be left
// behind.
//
// Nothing leaks any more, but the page now waits for the user service and
// then for the order service: the two delays add up, which is what the
// goroutines were there to avoid. The specs' probe sees one fetch at a time.
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

// Load fetches the profile and the orders of user, one after the other, and
// returns them as one Page. If either call fails, Load returns that error.
func Load(user string, profile func(user string) (Profile, error), orders func(user string) ([]Order, error)) (Page, error) {
	p, err := profile(user)
	if err != nil {
		return Page{}, fmt.Errorf("loading the profile of %s: %w", user, err)
	}
	o, err := orders(user)
	if err != nil {
		return Page{}, fmt.Errorf("loading the orders of %s: %w", user, err)
	}
	return Page{Profile: p, Orders: o}, nil
}
