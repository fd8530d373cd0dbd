// Kata 15 · Two fetches, and one of them left behind
//
// A correct alternative: one channel for both answers, with room for both,
// instead of one channel of one slot per service.
//
// Why it is also correct: each goroutine sends exactly one answer, and the
// channel has a slot for each of the two, so no send ever waits for a
// receiver. Load returns on the first error as before; the other answer lands
// in the buffer and its goroutine finishes. The channel is never closed:
// nobody ranges over it, and it is garbage once Load and both senders are
// done.
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

// answer is what either fetching goroutine sends back to Load: a profile or
// the orders, whichever that goroutine fetched, or its error.
type answer struct {
	profile   *Profile // set by the profile's goroutine
	orders    []Order  // set by the orders' goroutine
	fromUsers bool     // which service answered
	err       error
}

// Load fetches the profile and the orders of user at the same time, calling
// profile and orders each on a goroutine of its own, and returns them as one
// Page. If either call fails, Load returns that error at once, without
// waiting for the other call.
func Load(user string, profile func(user string) (Profile, error), orders func(user string) ([]Order, error)) (Page, error) {
	// Room for both answers: neither sender ever waits, even after Load has
	// returned on the other's error.
	answers := make(chan answer, 2)

	go func() {
		p, err := profile(user)
		answers <- answer{profile: &p, fromUsers: true, err: err}
	}()
	go func() {
		o, err := orders(user)
		answers <- answer{orders: o, err: err}
	}()

	var page Page
	for range 2 {
		a := <-answers
		switch {
		case a.fromUsers && a.err != nil:
			return Page{}, fmt.Errorf("loading the profile of %s: %w", user, a.err)
		case a.err != nil:
			return Page{}, fmt.Errorf("loading the orders of %s: %w", user, a.err)
		case a.fromUsers:
			page.Profile = *a.profile
		default:
			page.Orders = a.orders
		}
	}
	return page, nil
}
