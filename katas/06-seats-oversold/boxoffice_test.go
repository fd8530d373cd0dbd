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

// Buyers who keep pressing buy fill turnHalls halls of turnSeats seats, one
// after another, until one of them is turned away with seats still free.
const (
	turnBuyers        = 8
	turnSeats         = 1000
	turnHalls         = 2500
	turnHallsPerBound = 25 // how many halls run within one deadlock bound
)

// lateBuyers buyers press buy lateTries times each at a full hall while the
// count is read.
const (
	lateBuyers        = 8
	lateTries         = 40000
	lateTriesPerBound = 2000 // how many tries run within one deadlock bound
)

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

	Context("when buyers keep pressing buy, and another buyer takes the seat they saw", func() {
		It("turns a buyer away only once every seat is sold", func() {
			// Between a buyer's look at the count and the claim of the
			// seat it saw, another buyer may claim that seat: the claim
			// then fails, and the hall is not full. The gap is a few
			// instructions wide, with no code of the spec inside it (a
			// Sell that prices the seat after claiming it gives the gate
			// nothing to hold), so buyers buy flat out, hall after hall, on
			// more Ps than cores: buyers running side by side meet in the
			// gap within a few halls, and with fewer cores free the OS,
			// switching threads at any instruction, now and then stops one
			// inside it while the others buy on. A buyer told "sold out"
			// checks the count at once: a correct Sell says so only when
			// every seat is taken, and the count never goes down. A fix
			// that gave up after one failed claim was caught within a few
			// hundred halls in most runs on a single loaded core, but in a
			// few runs only after 1500 or more: this is a chance, not a
			// certainty, on one core.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(turnBuyers, runtime.GOMAXPROCS(0))))
			for batch := 0; batch < turnHalls; batch += turnHallsPerBound {
				var turned atomic.Int64 // the count a buyer turned away saw, plus one
				harness.MustFinish(func() {
					for h := batch; h < batch+turnHallsPerBound && turned.Load() == 0; h++ {
						office := boxoffice.New(turnSeats, plan)
						harness.Stress(turnBuyers, func(int) {
							for {
								if _, ok := office.Sell(); !ok {
									if n := office.Sold(); n < turnSeats {
										turned.CompareAndSwap(0, int64(n)+1)
									}
									return
								}
							}
						})
					}
				})
				if n := turned.Load(); n != 0 {
					Fail(fmt.Sprintf("a buyer was turned away as if the hall were full, while only %d of its %d seats were sold: "+
						"another buyer got that seat first, which is not the same as the hall being full", n-1, turnSeats))
				}
			}
		})
	})

	Context("when the count is read while buyers are buying", func() {
		It("can be read at any moment", func() {
			// One buyer buys while someone else reads the count, with
			// nothing between them but the box office: a count read without
			// the synchronisation its writes use is a data race, which the
			// race detector reports on every run, whatever the timing.
			office := boxoffice.New(10, plan)
			var counts [3]int
			harness.MustFinish(func() {
				harness.Stress(2, func(i int) {
					if i == 0 {
						for range 3 {
							office.Sell()
						}
						return
					}
					for k := range counts {
						counts[k] = office.Sold()
					}
				})
			})
			for _, n := range counts {
				Expect(n).To(BeNumerically("<=", 3), "tickets counted sold by a moment when 3 were sold at most")
			}
			Expect(office.Sold()).To(Equal(3))
		})

		It("never counts more tickets than the hall has seats", func() {
			// The hall is sold out, and late buyers keep pressing buy, each
			// looking at the count after every try. Code that counts a seat
			// first and takes the count back when it finds the hall full
			// counts, for a moment, tickets that were never sold: another
			// buyer who reads the count in that moment reads a wrong count.
			// The moment is short, so the late buyers try many times, on
			// more Ps than cores, so that the OS also stops one of them
			// inside it now and then while the others read. Such a fix was
			// caught within 2000 tries each in about half of the runs
			// measured on one loaded core; lateTries is twenty times that.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(lateBuyers, runtime.GOMAXPROCS(0))))
			const seats = 2
			office := boxoffice.New(seats, plan)
			office.Sell()
			office.Sell()
			var over atomic.Int64 // a count past the seats that a buyer read
			for batch := 0; batch < lateTries && over.Load() == 0; batch += lateTriesPerBound {
				harness.MustFinish(func() {
					harness.Stress(lateBuyers, func(int) {
						for range lateTriesPerBound {
							if _, ok := office.Sell(); ok {
								return // a ticket past the last seat: the count says so below
							}
							n := int64(office.Sold())
							if n > seats {
								over.Store(n)
								return
							}
							if over.Load() != 0 {
								return
							}
						}
					})
				})
			}
			Expect(over.Load()).To(BeZero(),
				"tickets counted sold at a sold-out hall of %d seats: late buyers who were turned away were counted for a moment", seats)
			Expect(office.Sold()).To(Equal(seats))
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
