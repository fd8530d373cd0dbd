package bank_test

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	bank "github.com/racekatas/racekatas/katas/03-bank-snapshot"
)

// payments is the size of each evening's batch, and reads how many
// statements the owner asks for while it settles.
const (
	payments = 60
	reads    = 200
)

// depositors goroutines each credit depositsEach entries straight to an
// account while statementReaders goroutines read statements.
const (
	depositors       = 3
	depositsEach     = 500
	statementReaders = 2
)

// byID returns a copy of entries sorted by ID: the order in which payments
// are credited depends on the scheduler, the set of them does not.
func byID(entries []bank.Entry) []bank.Entry {
	return slices.SortedFunc(slices.Values(entries), func(a, b bank.Entry) int { return cmp.Compare(a.ID, b.ID) })
}

// total is what a balance should be for entries.
func total(entries []bank.Entry) int64 {
	var sum int64
	for _, e := range entries {
		sum += e.Cents
	}
	return sum
}

// missing returns the IDs of the entries of want that got lacks.
func missing(want, got []bank.Entry) []int {
	seen := map[int]bool{}
	for _, e := range got {
		seen[e.ID] = true
	}
	var ids []int
	for _, e := range want {
		if !seen[e.ID] {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// expectCredited asserts that s lists exactly the entries of want, in any
// order, and that its balance is their total.
func expectCredited(s bank.Statement, want []bank.Entry) {
	GinkgoHelper()
	Expect(missing(want, s.Entries)).To(BeEmpty(), "these payments were never credited: deposits went missing")
	Expect(byID(s.Entries)).To(Equal(want), "the statement lists entries that were not paid, or paid once and credited twice")
	Expect(s.Balance).To(Equal(total(want)), "the balance is not the total of the payments")
}

// An evening is one spec's settlement: the shop's account, the batch of card
// payments, and a card network that authorises them and records what it was
// asked. Every spec builds its own, and the goroutines a spec starts touch
// nothing else, so a settlement that a failed spec leaves running cannot race
// with the next spec's setup.
type evening struct {
	account  *bank.Account
	batch    []bank.Entry
	declined map[int]bool   // IDs the network refuses; read-only once built
	probe    *harness.Probe // every authorisation enters and leaves it
	door     chan struct{}  // authorisations wait until it is closed

	mu    sync.Mutex // protects asked
	asked []int      // the IDs the network was asked to authorise
}

// newEvening returns an empty account and a batch of n payments, IDs 1 to n,
// each of a different amount. The network approves them all; its door and
// its probe's gate are open from the start.
func newEvening(n int) *evening {
	ev := &evening{
		account:  &bank.Account{},
		declined: map[int]bool{},
		probe:    harness.NewProbe(1),
		door:     make(chan struct{}),
	}
	close(ev.door)
	for id := 1; id <= n; id++ {
		ev.batch = append(ev.batch, bank.Entry{ID: id, Cents: int64(100*id + id%7)})
	}
	return ev
}

// authorize is the work function handed to Settle: it calls no card network,
// but records the call and answers from declined.
func (ev *evening) authorize(e bank.Entry) bool {
	<-ev.door
	leave := ev.probe.Enter()
	defer leave()
	ev.mu.Lock()
	defer ev.mu.Unlock()
	ev.asked = append(ev.asked, e.ID)
	return !ev.declined[e.ID]
}

// Asked returns the IDs the network was asked to authorise so far.
func (ev *evening) Asked() []int {
	ev.mu.Lock()
	defer ev.mu.Unlock()
	return append([]int(nil), ev.asked...)
}

// approved is the part of the batch the network approves, in batch order.
func (ev *evening) approved() []bank.Entry {
	var out []bank.Entry
	for _, e := range ev.batch {
		if !ev.declined[e.ID] {
			out = append(out, e)
		}
	}
	return out
}

// ids are the IDs of the batch, in batch order.
func (ev *evening) ids() []int {
	out := make([]int, len(ev.batch))
	for i, e := range ev.batch {
		out[i] = e.ID
	}
	return out
}

// settle settles the whole batch into the account.
func (ev *evening) settle() {
	bank.Settle(ev.account, ev.batch, ev.authorize)
}

// settleWhileReading settles the batch on one goroutine while another, the
// owner's statement page, reads statements as fast as it can. Payments wait
// at the door until the page has started reading, and the page stays until
// every payment is settled, so its reads overlap the deposits on every run,
// whatever the scheduler does. (The race detector keeps a bounded history:
// with hundreds of goroutines coming and going, it was seen to miss a
// conflict with a goroutine long finished. A reader kept alive, and a few
// dozen payments, made the report come on every one of hundreds of runs.)
// Neither the door nor the wait orders the reads against the deposits: the
// door opens before the first read, the wait ends after the last.
func (ev *evening) settleWhileReading() {
	ev.door = make(chan struct{})
	settled := make(chan struct{})
	harness.Stress(2, func(i int) {
		if i == 0 {
			defer close(settled)
			ev.settle()
			return
		}
		close(ev.door)
		for range reads {
			s := ev.account.Statement()
			Expect(s.Balance).To(Equal(total(s.Entries)), "the statement does not add up: its balance is not the sum of its entries")
		}
		<-settled
	})
}

var _ = Describe("Settle", func() {
	var tonight *evening

	BeforeEach(func() {
		tonight = newEvening(payments)
	})

	Context("when the owner reads statements while a batch settles", func() {
		It("shows a balance that always matches the entries on the same statement", func() {
			harness.MustFinish(tonight.settleWhileReading)

			expectCredited(tonight.account.Statement(), tonight.batch)
		})
	})

	Context("when the card network declines some payments", func() {
		BeforeEach(func() {
			for id := 10; id <= payments; id += 10 {
				tonight.declined[id] = true
			}
		})

		It("credits every approved payment exactly once, and nothing else", func() {
			harness.MustFinish(tonight.settle)

			Expect(slices.Sorted(slices.Values(tonight.Asked()))).To(Equal(tonight.ids()), "every payment must be authorised exactly once")
			expectCredited(tonight.account.Statement(), tonight.approved())
		})
	})

	Context("when the batch is empty", func() {
		It("returns at once and credits nothing", func() {
			harness.MustFinish(func() { bank.Settle(tonight.account, nil, tonight.authorize) })

			Expect(tonight.Asked()).To(BeEmpty())
			expectCredited(tonight.account.Statement(), nil)
		})
	})

	Context("when authorising a payment takes a while", func() {
		BeforeEach(func() {
			// The gate holds the first authorisation until a second one is
			// in flight, or until harness.ProbeWait has passed: payments
			// authorised side by side open it at once.
			tonight.probe = harness.NewProbe(2)
		})

		It("authorises the payments side by side", func() {
			harness.MustFinish(tonight.settle)

			Expect(tonight.probe.Max()).To(BeNumerically(">=", 2),
				"the payments were authorised one at a time: one slow card holds up the whole batch")
			expectCredited(tonight.account.Statement(), tonight.batch)
		})
	})
})

var _ = Describe("Account", func() {
	Context("before any payment", func() {
		It("shows a zero balance and no entries", func() {
			var a bank.Account
			s := a.Statement()
			Expect(s.Balance).To(BeZero())
			Expect(s.Entries).To(BeEmpty())
		})
	})

	Context("after deposits one after another", func() {
		It("lists them oldest first, with their sum as the balance", func() {
			a := &bank.Account{}
			deposits := []bank.Entry{{ID: 1, Cents: 1250}, {ID: 2, Cents: 399}, {ID: 3, Cents: 10000}}
			for _, e := range deposits {
				harness.MustFinish(func() { a.Deposit(e) })
			}
			Expect(a.Statement()).To(Equal(bank.Statement{Balance: 11649, Entries: deposits}))
		})
	})

	Context("when deposits and statements come from several goroutines at once", func() {
		It("keeps every statement adding up and loses no deposit", func() {
			// Deposit is part of the API: a refund desk or a second batch
			// may call it beside Settle, so two callers of Deposit, and
			// Deposit beside Statement, must be safe on their own. Several
			// depositors credit in tight loops while readers keep taking
			// statements until the last depositor is done, so the reads
			// overlap the writes on every run; with more Ps than cores the
			// OS also suspends a thread between any two steps, which lands
			// a deposit between the reads of the two fields of a statement
			// whenever they are not taken under one lock.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
			a := &bank.Account{}
			var (
				finished  atomic.Int32 // depositors that are done
				deposited atomic.Int32 // deposits made so far
				read      atomic.Int32 // statements taken so far
				credited  [depositors][]bank.Entry
			)
			// The two sides keep pace: a depositor makes its k-th deposit
			// only once k statements were taken, and a statement is taken
			// only while there have been at least as many deposits as
			// statements. So they overlap from start to end, however late
			// the scheduler starts either side, and the ledger stays small
			// enough for statements to stay quick.
			harness.MustFinish(func() {
				harness.Stress(depositors+statementReaders, func(i int) {
					if i < depositors {
						// Depositor i credits IDs i+1, i+1+depositors, ...
						defer finished.Add(1)
						for k := range depositsEach {
							for int(read.Load()) < k {
								runtime.Gosched()
							}
							id := k*depositors + i + 1
							e := bank.Entry{ID: id, Cents: int64(id%97 + 1)}
							a.Deposit(e)
							credited[i] = append(credited[i], e)
							deposited.Add(1)
						}
						return
					}
					for finished.Load() < depositors {
						if deposited.Load() < read.Load() {
							runtime.Gosched()
							continue
						}
						s := a.Statement()
						read.Add(1)
						if s.Balance != total(s.Entries) {
							Fail(fmt.Sprintf("the statement does not add up: its balance is %d, the sum of its %d entries is %d", s.Balance, len(s.Entries), total(s.Entries)))
						}
					}
				})
			})
			want := byID(slices.Concat(credited[:]...))
			expectCredited(a.Statement(), want)
		})
	})

	Context("when the owner corrects a line on her statement", func() {
		It("leaves the account's ledger as it was", func() {
			// A Statement belongs to its caller: she may scribble on it.
			// A statement whose Entries are the ledger itself, even capped
			// so that an append cannot reach the ledger's spare room, still
			// lets an edit of an entry rewrite the account's history, and
			// the next statement no longer adds up.
			a := &bank.Account{}
			deposits := []bank.Entry{{ID: 1, Cents: 1250}, {ID: 2, Cents: 399}, {ID: 3, Cents: 10000}}
			for _, e := range deposits {
				harness.MustFinish(func() { a.Deposit(e) })
			}
			s := a.Statement()
			s.Entries[0].Cents = 1
			s.Entries[len(s.Entries)-1] = bank.Entry{ID: 900, Cents: 50000}
			Expect(a.Statement()).To(Equal(bank.Statement{Balance: 11649, Entries: deposits}),
				"her corrections rewrote the account's ledger")
		})
	})

	Context("when the owner adds a line to her statement while a payment arrives", func() {
		It("keeps her line out of the account's ledger", func() {
			a := &bank.Account{}
			deposits := []bank.Entry{{ID: 1, Cents: 1250}, {ID: 2, Cents: 399}, {ID: 3, Cents: 10000}}
			for _, e := range deposits {
				harness.MustFinish(func() { a.Deposit(e) })
			}
			// Three entries leave room for a fourth in the array behind the
			// ledger (append grows it to 1, 2, then 4 entries). A statement
			// that shared that array would see her line and the payment
			// written into the same slot.
			late := bank.Entry{ID: 4, Cents: 700}        // the payment that arrives
			invoice := bank.Entry{ID: 900, Cents: 50000} // a payment she expects

			var plan []bank.Entry
			s := a.Statement()
			harness.MustFinish(func() {
				// Her planning sheet extends her copy of the entries while
				// the payment is credited to the account.
				harness.Stress(2, func(i int) {
					if i == 0 {
						a.Deposit(late)
						return
					}
					plan = append(s.Entries, invoice)
				})
			})

			Expect(plan).To(Equal([]bank.Entry{deposits[0], deposits[1], deposits[2], invoice}), "her planning sheet changed under her")
			Expect(a.Statement().Entries).To(Equal([]bank.Entry{deposits[0], deposits[1], deposits[2], late}), "her line ended up in the account's ledger")
		})
	})
})
