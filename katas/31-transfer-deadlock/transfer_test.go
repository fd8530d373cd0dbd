package bank_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	bank "github.com/racekatas/racekatas/katas/31-transfer-deadlock"
)

// opening is every account's balance when a spec starts.
const opening = 1000

// A branch is one spec's bank: a teller, four customers' accounts, and a
// probe that the audit log enters for every transfer. Each spec builds its
// own, so transfers that a deadlocked spec leaves blocked touch nothing that
// a later spec uses.
type branch struct {
	teller                  *bank.Bank
	probe                   *harness.Probe
	alice, bob, carol, dave *bank.Account
}

// newBranch opens the four accounts, IDs 1 to 4, at the opening balance. Its
// audit log holds each transfer at the probe's gate until meet transfers are
// being audited at once, or harness.ProbeWait has passed.
func newBranch(meet int) *branch {
	p := harness.NewProbe(meet)
	return &branch{
		teller: bank.NewBank(func(fromID, toID, amount int) {
			leave := p.Enter()
			leave()
		}),
		probe: p,
		alice: bank.NewAccount(1, opening),
		bob:   bank.NewAccount(2, opening),
		carol: bank.NewAccount(3, opening),
		dave:  bank.NewAccount(4, opening),
	}
}

// balances reads the four balances, Alice's first.
func (br *branch) balances() (got []int) {
	GinkgoHelper()
	harness.MustFinish(func() {
		for _, a := range []*bank.Account{br.alice, br.bob, br.carol, br.dave} {
			got = append(got, a.Balance())
		}
	})
	return got
}

// A payment is one transfer a spec asks for.
type payment struct {
	from, to *bank.Account
	amount   int
}

// payAtOnce makes each payment on a goroutine of its own, all released
// together, under the deadlock watchdog, and returns their errors in order.
// Its inputs are arguments, evaluated on the spec's goroutine.
func payAtOnce(teller *bank.Bank, payments ...payment) []error {
	GinkgoHelper()
	errs := make([]error, len(payments))
	harness.MustFinish(func() {
		harness.Stress(len(payments), func(i int) {
			p := payments[i]
			errs[i] = teller.Transfer(p.from, p.to, p.amount)
		})
	})
	return errs
}

// expectAllWentThrough fails the spec for every payment that returned an
// error.
func expectAllWentThrough(errs []error) {
	GinkgoHelper()
	for i, err := range errs {
		Expect(err).NotTo(HaveOccurred(), "payment %d was refused", i)
	}
}

var _ = Describe("Transfer", func() {
	var br *branch

	BeforeEach(func() {
		// Two transfers audited at once open the gate: transfers that
		// really run side by side never wait on it.
		br = newBranch(2)
	})

	Context("when two customers pay each other at the same moment", func() {
		It("makes both payments", func() {
			// The audit log holds Alice's payment until Bob's is audited
			// too (or ProbeWait has passed), so both are under way at once.
			errs := payAtOnce(br.teller,
				payment{from: br.alice, to: br.bob, amount: 30},
				payment{from: br.bob, to: br.alice, amount: 50},
			)
			expectAllWentThrough(errs)
			Expect(br.balances()).To(Equal([]int{opening + 20, opening - 20, opening, opening}))
		})
	})

	Context("when two transfers share no account", func() {
		It("makes them side by side, not one after the other", func() {
			errs := payAtOnce(br.teller,
				payment{from: br.alice, to: br.bob, amount: 10},
				payment{from: br.carol, to: br.dave, amount: 20},
			)
			expectAllWentThrough(errs)
			Expect(br.probe.Max()).To(Equal(2),
				"the transfers waited for each other, though they share no account")
			Expect(br.balances()).To(Equal([]int{opening - 10, opening + 10, opening - 20, opening + 20}))
		})
	})

	Context("when the payer has too little", func() {
		It("refuses the transfer and moves nothing", func() {
			errs := payAtOnce(br.teller, payment{from: br.alice, to: br.bob, amount: opening + 1})
			Expect(errs[0]).To(MatchError(bank.ErrInsufficientFunds))
			Expect(br.balances()).To(Equal([]int{opening, opening, opening, opening}))
		})
	})

	Context("when money goes round a ring of accounts, both ways, at once", func() {
		BeforeEach(func() {
			// No gate: as many transfers as possible, as fast as possible.
			br = newBranch(1)
		})

		It("makes every payment and loses no money", func() {
			// Six streams of 200 payments of 1: each account pays out 400
			// at most, less than it opened with, and gets back as much as
			// it pays, so no payment can lack funds, and every balance
			// ends where it started.
			const each = 200
			a, b, c := br.alice, br.bob, br.carol
			var payments []payment
			for range each {
				payments = append(payments,
					payment{a, b, 1}, payment{b, c, 1}, payment{c, a, 1},
					payment{b, a, 1}, payment{c, b, 1}, payment{a, c, 1},
				)
			}
			errs := make([]error, len(payments))
			teller := br.teller
			harness.MustFinish(func() {
				harness.Stress(6, func(i int) {
					for j := i; j < len(payments); j += 6 {
						p := payments[j]
						errs[j] = teller.Transfer(p.from, p.to, p.amount)
					}
				})
			})
			expectAllWentThrough(errs)
			Expect(br.balances()).To(Equal([]int{opening, opening, opening, opening}))
		})
	})

	Context("when a customer pays their own account", func() {
		It("refuses the transfer", func() {
			errs := payAtOnce(br.teller, payment{from: br.alice, to: br.alice, amount: 10})
			Expect(errs[0]).To(MatchError(bank.ErrSameAccount))
			Expect(br.balances()).To(Equal([]int{opening, opening, opening, opening}))
		})
	})
})
