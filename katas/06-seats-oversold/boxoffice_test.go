package boxoffice_test

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	boxoffice "github.com/racekatas/racekatas/katas/06-seats-oversold"
)

// plan is the hall's seating plan: the first rows cost more.
func plan(seat int) int {
	if seat <= 3 {
		return 80
	}
	return 50
}

// rushBuyers buyers rush each of rushHalls one-seat halls at once.
const (
	rushBuyers        = 4
	rushHalls         = 6000
	rushHallsPerBound = 1000 // how many halls run within one deadlock bound
)

// loopBuyers buyers buy until the hall is full, in each of loopHalls halls
// of loopSeats seats; then a fresh group does the same at fresh halls, for up
// to loopRounds rounds.
const (
	loopBuyers         = 8
	loopHalls          = 1000
	loopSeats          = 4
	loopRounds         = 120
	loopRoundsPerBound = 40 // how many rounds run within one deadlock bound
)

// bigHallSeats is the size of the hall that loopBuyers buyers fill flat out.
const bigHallSeats = 50000

// upTo returns the seat numbers 1 to n.
func upTo(n int) []int {
	seats := make([]int, n)
	for i := range seats {
		seats[i] = i + 1
	}
	return seats
}

// A rush is one spec's opening of sales: a hall, the buyers who press "buy"
// at the same moment, and what each of them got. Every spec builds its own,
// and its goroutines touch nothing else.
type rush struct {
	buyers int
	office *boxoffice.BoxOffice

	// gate holds each buyer inside the seating plan, after Sell has found a
	// free seat and before it counts the seat sold, until enough buyers are
	// there at once (or harness.ProbeWait has passed). Code that lets several
	// buyers take the same free seat is then caught doing so on every run.
	gate *harness.Probe

	mu      sync.Mutex // protects tickets and refused
	tickets []boxoffice.Ticket
	refused int
}

// newRush returns a rush of buyers on a hall of seats seats, whose gate
// opens once meet buyers are pricing a seat at once.
func newRush(seats, buyers, meet int) *rush {
	r := &rush{buyers: buyers, gate: harness.NewProbe(meet)}
	r.office = boxoffice.New(seats, r.price)
	return r
}

// price is the price function the box office is given: the seating plan,
// behind the gate.
func (r *rush) price(seat int) int {
	leave := r.gate.Enter()
	leave()
	return plan(seat)
}

// open releases every buyer at once, each calling Sell once, and records
// what they got.
func (r *rush) open() {
	harness.Stress(r.buyers, func(int) {
		t, ok := r.office.Sell()
		r.mu.Lock()
		defer r.mu.Unlock()
		if ok {
			r.tickets = append(r.tickets, t)
		} else {
			r.refused++
		}
	})
}

// result returns the tickets sold and the number of buyers turned away.
func (r *rush) result() ([]boxoffice.Ticket, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]boxoffice.Ticket(nil), r.tickets...), r.refused
}

// seatsOf returns the seat number of each ticket.
func seatsOf(tickets []boxoffice.Ticket) []int {
	seats := make([]int, len(tickets))
	for i, t := range tickets {
		seats[i] = t.Seat
	}
	return seats
}

// sellOutHalls is one round of the spec below: loopBuyers buyers, released
// together, buy until the hall is full at each of loopHalls fresh halls of
// loopSeats seats, one hall after another. It fails at the first hall that
// sold a seat it does not have, sold more or fewer tickets than its seats, or
// counts another number sold.
func sellOutHalls(round int) {
	halls := make([]*boxoffice.BoxOffice, loopHalls)
	for h := range halls {
		halls[h] = boxoffice.New(loopSeats, plan)
	}
	// How many tickets each buyer got at each hall, and a seat it should
	// not have got. Each buyer writes only its own row, so the buyers share
	// no memory but the halls.
	var (
		tickets [loopBuyers][loopHalls]int32
		bad     [loopBuyers]struct{ hall, seat int }
	)
	harness.Stress(loopBuyers, func(b int) {
		for h, office := range halls {
			for {
				t, ok := office.Sell()
				if !ok {
					break
				}
				tickets[b][h]++
				if t.Seat < 1 || t.Seat > loopSeats {
					bad[b].hall, bad[b].seat = h, t.Seat
				}
			}
		}
	})
	for _, bad := range bad {
		if bad.seat != 0 {
			Fail(fmt.Sprintf("round %d: hall %d has %d seats, but sold seat %d", round, bad.hall, loopSeats, bad.seat))
		}
	}
	for h, office := range halls {
		var sold int32
		for b := range tickets {
			sold += tickets[b][h]
		}
		if sold != loopSeats || office.Sold() != loopSeats {
			Fail(fmt.Sprintf("round %d: hall %d has %d seats, but sold %d tickets and counts %d sold", round, h, loopSeats, sold, office.Sold()))
		}
	}
}

var _ = Describe("Sell", func() {
	Context("when more buyers than seats press buy at once", func() {
		const seats, buyers = 4, 10
		var r *rush

		BeforeEach(func() {
			// The gate waits for one buyer more than there are seats.
			r = newRush(seats, buyers, seats+1)
		})

		It("sells every seat exactly once, and no more", func() {
			harness.MustFinish(r.open)
			tickets, _ := r.result()
			Expect(r.office.Sold()).To(Equal(seats), "tickets sold for a hall of %d seats", seats)
			Expect(seatsOf(tickets)).To(ConsistOf(upTo(seats)), "the seat numbers on the tickets sold")
		})

		It("turns away only the buyers left without a seat", func() {
			harness.MustFinish(r.open)
			_, refused := r.result()
			Expect(refused).To(Equal(buyers-seats), "buyers turned away")
		})
	})

	Context("when fewer buyers than seats press buy at once", func() {
		const seats, buyers = 10, 6
		var r *rush

		BeforeEach(func() {
			// The gate waits for every buyer.
			r = newRush(seats, buyers, buyers)
		})

		It("gives every buyer a seat of their own, at that seat's price", func() {
			harness.MustFinish(r.open)
			tickets, refused := r.result()
			Expect(refused).To(BeZero(), "buyers turned away while seats were left")
			Expect(seatsOf(tickets)).To(ConsistOf(upTo(buyers)), "the seat numbers on the tickets sold, from the front")
			for _, t := range tickets {
				Expect(t.Price).To(Equal(plan(t.Seat)), "the price of seat %d", t.Seat)
			}
			Expect(r.office.Sold()).To(Equal(buyers))
		})
	})

	Context("when buyers keep pressing buy until the hall is full, hall after hall", func() {
		It("never sells a seat the hall does not have", func() {
			// A check and a claim that are two atomic steps (Load, then
			// Add) leave a gap too short for any gate to hold open: the
			// only code the spec controls, the seating plan, runs after
			// the claim. Only buyers that really run side by side fall
			// into the gap, at the last seat. So several buyers buy in
			// tight loops, one hall after another, and with more Ps than
			// cores the OS also suspends a thread between any two steps.
			// One buyer caught in the gap is enough: a ticket for a seat
			// past the last, or a count past the seats. A round of a
			// thousand halls catches it about one time in four, so the
			// spec plays up to loopRounds rounds, each with fresh halls and
			// a fresh group of buyers, and stops at the first that
			// oversells.
			// A Load-then-Add fix was caught within 34 rounds in each of
			// 300 runs measured on two loaded cores, and within 25 in each
			// of 100 runs on one core, where only the OS suspending a buyer
			// inside the gap can show it.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(loopBuyers, runtime.GOMAXPROCS(0))))
			for batch := 0; batch < loopRounds; batch += loopRoundsPerBound {
				// A failure ends the batch at once, and the spec with it.
				harness.MustFinish(func() {
					for round := batch; round < batch+loopRoundsPerBound; round++ {
						sellOutHalls(round)
					}
				})
			}
		})
	})

	Context("when buyers keep pressing buy at one big hall until it is full", func() {
		It("sells each seat to one buyer only", func() {
			// A claim made as a check of the count and then a plain store
			// of the count plus one (not one CompareAndSwap) lets two
			// buyers that both checked the same count store the same new
			// count: both get the same seat, and the hall sells a ticket
			// more than it has seats. The gap is a few instructions wide,
			// so several buyers buy flat out, on more Ps than cores, for
			// as long as a big hall lasts, and every seat is checked.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(loopBuyers, runtime.GOMAXPROCS(0))))
			office := boxoffice.New(bigHallSeats, plan)
			var (
				sold    atomic.Int64                   // tickets sold
				holders [bigHallSeats + 1]atomic.Int32 // tickets sold for each seat
			)
			harness.MustFinish(func() {
				harness.Stress(loopBuyers, func(int) {
					for {
						t, ok := office.Sell()
						if !ok {
							return
						}
						sold.Add(1)
						if t.Seat < 1 || t.Seat > bigHallSeats {
							Fail(fmt.Sprintf("the hall has %d seats, but sold seat %d", bigHallSeats, t.Seat))
						}
						holders[t.Seat].Add(1)
					}
				})
			})
			for seat := 1; seat <= bigHallSeats; seat++ {
				if n := holders[seat].Load(); n != 1 {
					Fail(fmt.Sprintf("seat %d was sold %d times", seat, n))
				}
			}
			Expect(sold.Load()).To(Equal(int64(bigHallSeats)), "tickets sold for a hall of %d seats", bigHallSeats)
			Expect(office.Sold()).To(Equal(bigHallSeats), "the count of the hall")
		})
	})

	Context("when buyers rush many one-seat halls, one hall after another", func() {
		It("never sells a seat the hall does not have", func() {
			// The same gap as above, met another way: a fresh group of
			// buyers released together at each of many one-seat halls, so
			// that buyers the runtime spreads over several Ps press buy at
			// the very same instant. It catches the gap on other schedules
			// than the rounds above do: a second chance, for little time.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			for batch := 0; batch < rushHalls; batch += rushHallsPerBound {
				harness.MustFinish(func() {
					for h := batch; h < batch+rushHallsPerBound; h++ {
						office := boxoffice.New(1, plan)
						var sold atomic.Int32
						harness.Stress(rushBuyers, func(int) {
							if _, ok := office.Sell(); ok {
								sold.Add(1)
							}
						})
						if n := sold.Load(); n != 1 {
							Fail(fmt.Sprintf("one-seat hall %d sold %d tickets", h, n))
						}
					}
				})
			}
		})
	})

	Context("when the hall has no seats at all", func() {
		It("turns every buyer away", func() {
			r := newRush(0, 3, 1)
			harness.MustFinish(r.open)
			tickets, refused := r.result()
			Expect(tickets).To(BeEmpty(), "tickets sold for a hall with no seats")
			Expect(refused).To(Equal(3))
			Expect(r.office.Sold()).To(BeZero())
		})
	})

	Context("when the hall is already full", func() {
		It("turns the next buyer away and leaves the count alone", func() {
			office := boxoffice.New(2, plan)
			var sold []boxoffice.Ticket
			var ok bool
			harness.MustFinish(func() {
				for range 2 {
					t, _ := office.Sell()
					sold = append(sold, t)
				}
				_, ok = office.Sell()
			})
			Expect(sold).To(Equal([]boxoffice.Ticket{{Seat: 1, Price: 80}, {Seat: 2, Price: 80}}))
			Expect(ok).To(BeFalse(), "a third ticket was sold in a hall of two seats")
			Expect(office.Sold()).To(Equal(2))
		})
	})
})
