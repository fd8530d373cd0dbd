package bank_test

import (
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

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

// An auditLog records the payments a teller's audit function was called
// for, from any goroutine.
type auditLog struct {
	mu      sync.Mutex
	entries []audited
}

// audited is one audit record, by account IDs.
type audited struct{ from, to, amount int }

func (l *auditLog) record(fromID, toID, amount int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, audited{fromID, toID, amount})
}

// expectAuditedOnlyIfMade fails the spec if p was audited but refused, or
// made without being audited: the audit log records every transfer that has
// the funds, before the money moves, and only those.
func (l *auditLog) expectAuditedOnlyIfMade(p payment, err error, who string) {
	GinkgoHelper()
	l.mu.Lock()
	entries := slices.Clone(l.entries)
	l.mu.Unlock()
	inLog := slices.Contains(entries, audited{p.from.ID, p.to.ID, p.amount})
	if err != nil {
		Expect(inLog).To(BeFalse(), "the audit log records %s, which was then refused (%v): the log is for transfers that have the funds, and it lists one that never happened", who, err)
	} else {
		Expect(inLog).To(BeTrue(), "%s went through without being audited", who)
	}
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

// startTransfer runs one transfer on a goroutine of its own and returns that
// goroutine's id, and a channel that delivers the transfer's error once it
// has returned.
func startTransfer(teller *bank.Bank, p payment) (id int, result <-chan error) {
	res := make(chan error, 1)
	ids := make(chan int, 1)
	go func() {
		defer GinkgoRecover()
		ids <- harness.GoroutineID()
		res <- teller.Transfer(p.from, p.to, p.amount)
	}()
	return <-ids, res
}

// letGo closes release unless it is closed already.
func letGo(release chan struct{}) {
	select {
	case <-release:
	default:
		close(release)
	}
}

// waitParkedOrDone returns once goroutine id is parked on a lock or a
// channel, or has ended, or after half a second: a goroutine that spins
// never parks, and is left for harness.ExpectNoBusyWait to catch. It only
// looks: it orders nothing, so it hides no race.
func waitParkedOrDone(id int) {
	parked := []string{"sync.Mutex.Lock", "sync.RWMutex", "chan send", "chan receive", "select", "semacquire", "sync.Cond.Wait"}
	for deadline := time.Now().Add(500 * time.Millisecond); time.Now().Before(deadline); runtime.Gosched() {
		state := harness.GoroutineState(id)
		if state == "" || slices.ContainsFunc(parked, func(s string) bool { return strings.HasPrefix(state, s) }) {
			return
		}
	}
}

// twoPaymentsOneBalance has Bob, who holds the opening balance, pay Alice
// and then Carol 600 each: he can afford one of them, not both. It lines the
// payments up the way that catches a funds check made apart from the move:
// Alice's account is held (by a payment from Alice to Dave, stopped in the
// audit log) while Bob's payment to Alice is under way, so that payment waits
// for her lock, after whatever check it makes before waiting; then Bob's
// payment to Carol runs as far as it can; only then is Alice's account let
// go. While the first payment waits for Alice, it must be parked, not
// spinning. Every audit is recorded in log. It returns the two payments'
// errors, Alice's first.
func twoPaymentsOneBalance(br *branch, log *auditLog) (toAlice, toCarol error) {
	held := make(chan struct{})
	release := make(chan struct{})
	teller := bank.NewBank(func(fromID, toID, amount int) {
		log.record(fromID, toID, amount)
		if fromID == br.alice.ID && toID == br.dave.ID {
			close(held)
			<-release
		}
	})
	harness.MustFinishWithin(watchBound, func() {
		_, aliceToDave := startTransfer(teller, payment{br.alice, br.dave, 100})
		<-held
		// If a check below fails, let go of Alice's account all the same:
		// a payment left spinning for it would slow every later spec.
		defer letGo(release)
		first, bobToAlice := startTransfer(teller, payment{br.bob, br.alice, 600})
		waitParkedOrDone(first)
		// A payment that cannot have Alice's lock yet must wait for it
		// without using a core.
		harness.ExpectNoBusyWait()
		second, bobToCarol := startTransfer(teller, payment{br.bob, br.carol, 600})
		waitParkedOrDone(second)
		letGo(release)
		Expect(<-aliceToDave).To(Succeed(), "Alice's payment to Dave")
		toAlice, toCarol = <-bobToAlice, <-bobToCarol
	})
	return toAlice, toCarol
}

// secondPaymentDuringAudit has Bob, who holds the opening balance, pay
// Alice 600 and, while that payment is stopped in the audit log, pay Carol
// 600 as well: he can afford one of them, not both. A transfer that holds
// Bob's lock from its funds check to the move makes the payment to Carol
// wait for that lock; one that lets go of it between check and move lets the
// payment to Carol check the funds Bob still has on paper. The payment to
// Carol runs as far as it can (until it waits, or returns) before the one to
// Alice is let go. Every audit is recorded in log. It returns the two
// payments' errors, Alice's first.
func secondPaymentDuringAudit(br *branch, log *auditLog) (toAlice, toCarol error) {
	GinkgoHelper()
	held := make(chan struct{})
	release := make(chan struct{})
	teller := bank.NewBank(func(fromID, toID, amount int) {
		log.record(fromID, toID, amount)
		if fromID == br.bob.ID && toID == br.alice.ID {
			close(held)
			<-release
		}
	})
	harness.MustFinish(func() {
		_, bobToAlice := startTransfer(teller, payment{br.bob, br.alice, 600})
		<-held
		defer letGo(release)
		second, bobToCarol := startTransfer(teller, payment{br.bob, br.carol, 600})
		waitParkedOrDone(second)
		letGo(release)
		toAlice, toCarol = <-bobToAlice, <-bobToCarol
	})
	return toAlice, toCarol
}

// balancesShiftBetweenTwoPayments has Alice pay Bob twice (10, then 20)
// while other payments change both their balances, and lines the steps up
// so that the two payments see the balances differently: the first sees
// Alice poorer than Bob, the second Alice richer. A transfer whose lock
// order comes from anything that changes, such as the balances, then takes
// the two locks in opposite orders, and the two payments wait for each
// other. With the lock order of the accounts' IDs, which never change, the
// steps hold nothing that is not let go. Each step runs as far as it can
// (until it waits, or returns) before the next begins:
//
//  1. Dave pays Bob 50; the audit log stops it: Bob's account is held.
//  2. Alice pays Bob 10 (the first payment): she holds 1000, Bob 1000.
//  3. Carol pays Alice 100, and the payment goes through.
//  4. Alice pays Bob 20 (the second payment): she holds 1100.
//  5. Carol pays Alice 1; the audit log stops it: Alice's account is held.
//  6. Dave's payment is let go: Bob holds 1050. Both of Alice's payments
//     go on as far as they can.
//  7. Carol's payment of 1 is let go.
//
// It returns each payment's error, by name.
func balancesShiftBetweenTwoPayments(br *branch) map[string]error {
	GinkgoHelper()
	daveToBob := payment{br.dave, br.bob, 50}
	carolToAlice := payment{br.carol, br.alice, 100}
	holdAlice := payment{br.carol, br.alice, 1}
	first := payment{br.alice, br.bob, 10}
	second := payment{br.alice, br.bob, 20}
	releaseBob, releaseAlice := make(chan struct{}), make(chan struct{})
	teller := bank.NewBank(func(fromID, toID, amount int) {
		switch (audited{fromID, toID, amount}) {
		case audited{daveToBob.from.ID, daveToBob.to.ID, daveToBob.amount}:
			<-releaseBob
		case audited{holdAlice.from.ID, holdAlice.to.ID, holdAlice.amount}:
			<-releaseAlice
		}
	})
	errs := map[string]error{}
	harness.MustFinishWithin(watchBound, func() {
		defer letGo(releaseBob)
		defer letGo(releaseAlice)
		bob, bobDone := startTransfer(teller, daveToBob)
		waitParkedOrDone(bob)
		one, oneDone := startTransfer(teller, first)
		waitParkedOrDone(one)
		carol, carolDone := startTransfer(teller, carolToAlice)
		waitParkedOrDone(carol)
		two, twoDone := startTransfer(teller, second)
		waitParkedOrDone(two)
		alice, aliceDone := startTransfer(teller, holdAlice)
		waitParkedOrDone(alice)
		letGo(releaseBob)
		// Once Dave's payment has returned, Bob's account is free and the
		// payments that waited for it are on their way.
		errs["Dave's payment of 50 to Bob"] = <-bobDone
		waitParkedOrDone(one)
		waitParkedOrDone(two)
		letGo(releaseAlice)
		errs["Alice's first payment to Bob, of 10"] = <-oneDone
		errs["Alice's second payment to Bob, of 20"] = <-twoDone
		errs["Carol's payment of 100 to Alice"] = <-carolDone
		errs["Carol's payment of 1 to Alice"] = <-aliceDone
	})
	return errs
}

// balanceWhileWaitingForPayee has Alice pay Bob 100 while Bob's account is
// held by a payment from Bob to Carol that the audit log stops, and reads
// Alice's balance while her payment waits for Bob's account. It returns
// what that read saw if it returned while the payment to Bob was still
// waiting (seen is false if it was still waiting itself), and the two
// payments' errors, Alice's first.
func balanceWhileWaitingForPayee(br *branch) (during int, seen bool, toBob, toCarol error) {
	GinkgoHelper()
	release := make(chan struct{})
	teller := bank.NewBank(func(fromID, toID, amount int) {
		if fromID == br.bob.ID && toID == br.carol.ID {
			<-release
		}
	})
	harness.MustFinishWithin(watchBound, func() {
		defer letGo(release)
		holder, bobToCarol := startTransfer(teller, payment{br.bob, br.carol, 1})
		waitParkedOrDone(holder)
		pay, aliceToBob := startTransfer(teller, payment{br.alice, br.bob, 100})
		waitParkedOrDone(pay)
		ids, balance := make(chan int, 1), make(chan int, 1)
		go func() {
			ids <- harness.GoroutineID()
			balance <- br.alice.Balance()
		}()
		waitParkedOrDone(<-ids)
		read := false
		select {
		case during, read = <-balance:
			// Only a read made while the payment had not returned tells
			// anything.
			select {
			case toBob = <-aliceToBob:
				aliceToBob = nil
			default:
				seen = true
			}
		default:
		}
		letGo(release)
		if aliceToBob != nil {
			toBob = <-aliceToBob
		}
		toCarol = <-bobToCarol
		if !read {
			<-balance
		}
	})
	return during, seen, toBob, toCarol
}

// watchBound bounds a spec that also watches for busy waiting: the deadlock
// bound, plus room for the look itself and for the bounded waits before it.
const watchBound = harness.DeadlockBound + time.Second

// queueBehindAHeldAccount pays first and then second, each on a goroutine of
// its own, while Alice's account is held by a payment from Alice to Dave
// that the audit log stops. Each payment is started only once the one before
// it waits (or has finished), so they queue for Alice's lock in that order;
// then Alice's account is let go. Whatever order a transfer takes its two
// locks in, if that order comes from the arguments, one of the two
// arrangements (first = Alice to Bob, or first = Bob to Alice) has the
// payment at the head of the queue get Alice's lock and then wait for Bob's,
// which the other payment took while it queued: the cycle, on every run.
func queueBehindAHeldAccount(br *branch, first, second payment) []error {
	GinkgoHelper()
	held := make(chan struct{})
	release := make(chan struct{})
	teller := bank.NewBank(func(fromID, toID, amount int) {
		if fromID == br.alice.ID && toID == br.dave.ID {
			close(held)
			<-release
		}
	})
	errs := make([]error, 2)
	harness.MustFinish(func() {
		_, aliceToDave := startTransfer(teller, payment{br.alice, br.dave, 100})
		<-held
		defer letGo(release)
		a, aDone := startTransfer(teller, first)
		waitParkedOrDone(a)
		b, bDone := startTransfer(teller, second)
		waitParkedOrDone(b)
		letGo(release)
		Expect(<-aliceToDave).To(Succeed(), "Alice's payment to Dave")
		errs[0], errs[1] = <-aDone, <-bDone
	})
	return errs
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

	Context("when two payments in opposite directions queue behind a third", func() {
		It("makes both, whichever queued first", func() {
			aliceToBob := payment{from: br.alice, to: br.bob, amount: 30}
			bobToAlice := payment{from: br.bob, to: br.alice, amount: 50}
			expectAllWentThrough(queueBehindAHeldAccount(br, aliceToBob, bobToAlice))
			expectAllWentThrough(queueBehindAHeldAccount(br, bobToAlice, aliceToBob))
			Expect(br.balances()).To(Equal([]int{opening + 40 - 200, opening - 40, opening, opening + 200}))
		})
	})

	Context("when a payer makes two payments at once and can afford only one", func() {
		It("makes one, refuses the other, and never overdraws", func() {
			log := &auditLog{}
			toAlice, toCarol := twoPaymentsOneBalance(br, log)
			Expect(br.bob.Balance()).To(BeNumerically(">=", 0), "Bob's account is overdrawn: both payments passed the funds check before either moved the money")
			errs := []error{toAlice, toCarol}
			Expect(slices.IndexFunc(errs, func(err error) bool { return err == nil })).NotTo(Equal(-1), "both payments were refused, though Bob could afford one")
			Expect(slices.ContainsFunc(errs, func(err error) bool { return errors.Is(err, bank.ErrInsufficientFunds) })).To(BeTrue(),
				"both payments went through, though Bob could afford only one: %v", errs)
			Expect(br.bob.Balance()).To(Equal(opening - 600))
			got := br.balances()
			Expect(got[0]+got[1]+got[2]+got[3]).To(Equal(4*opening), "money appeared or vanished: %v", got)
			// The refused payment must not be in the audit log: a transfer
			// that writes its audit record and lets go of the payer before
			// it moves the money has audited a payment that the other one
			// then leaves unaffordable.
			log.expectAuditedOnlyIfMade(payment{br.bob, br.alice, 600}, toAlice, "Bob's payment of 600 to Alice")
			log.expectAuditedOnlyIfMade(payment{br.bob, br.carol, 600}, toCarol, "Bob's payment of 600 to Carol")
		})
	})

	Context("when a payer makes a second payment while the first is being audited", func() {
		It("refuses the second, and never overdraws", func() {
			log := &auditLog{}
			toAlice, toCarol := secondPaymentDuringAudit(br, log)
			Expect(br.bob.Balance()).To(BeNumerically(">=", 0), "Bob's account is overdrawn: the second payment passed the funds check while the first was between its check and its move")
			Expect(toAlice).NotTo(HaveOccurred(), "the payment Bob could afford was refused")
			Expect(toCarol).To(MatchError(bank.ErrInsufficientFunds), "a payment Bob could no longer afford")
			Expect(br.balances()).To(Equal([]int{opening + 600, opening - 600, opening, opening}))
			log.expectAuditedOnlyIfMade(payment{br.bob, br.carol, 600}, toCarol, "Bob's payment of 600 to Carol")
		})
	})

	Context("when Alice pays Bob twice while other payments change their balances", func() {
		It("makes both payments, whatever the balances were when each began", func() {
			// One processor: the steps below then run in the order the
			// scenario gives them, with no goroutine overtaking another.
			DeferCleanup(runtime.GOMAXPROCS, runtime.GOMAXPROCS(1))
			errs := balancesShiftBetweenTwoPayments(br)
			for name, err := range errs {
				Expect(err).NotTo(HaveOccurred(), "%s was refused", name)
			}
			Expect(br.balances()).To(Equal([]int{opening + 100 + 1 - 10 - 20, opening + 50 + 10 + 20, opening - 100 - 1, opening - 50}))
		})
	})

	Context("when a payment waits for the payee's account, which another payment holds", func() {
		It("never shows the money gone from the payer before it reaches the payee", func() {
			during, seen, toBob, toCarol := balanceWhileWaitingForPayee(br)
			if seen {
				Expect(during).To(Equal(opening),
					"Alice's balance showed the 100 she is paying Bob already taken out, while that payment still waited for Bob's account (held by another payment, stopped in its audit, before any money moves): for that moment the 100 was in neither account. A transfer is all or nothing: no one may see the money leave Alice before it reaches Bob")
			}
			Expect(toBob).NotTo(HaveOccurred(), "Alice's payment to Bob")
			Expect(toCarol).NotTo(HaveOccurred(), "Bob's payment to Carol")
			Expect(br.balances()).To(Equal([]int{opening - 100, opening + 100 - 1, opening + 1, opening}))
		})
	})

	Context("when a payer pays out exactly what it holds, and then tries again", func() {
		It("makes the first payment, empties the account, and refuses the next two", func() {
			var audited []int // amounts, in the order audited; one goroutine
			teller := bank.NewBank(func(fromID, toID, amount int) { audited = append(audited, amount) })
			var errs []error
			a, b, c := br.alice, br.bob, br.carol
			harness.MustFinish(func() {
				errs = append(errs, teller.Transfer(a, b, opening), teller.Transfer(a, c, 1), teller.Transfer(a, b, 1))
			})
			Expect(errs[0]).NotTo(HaveOccurred(), "a payment of the whole balance was refused")
			Expect(errs[1]).To(MatchError(bank.ErrInsufficientFunds), "a payment from an empty account")
			Expect(errs[2]).To(MatchError(bank.ErrInsufficientFunds), "a second payment from an empty account")
			Expect(br.balances()).To(Equal([]int{0, 2 * opening, opening, opening}))
			Expect(audited).To(Equal([]int{opening}), "the audit log records every transfer that has the funds, and only those")
		})
	})

	Context("when the bank keeps no audit log", func() {
		It("still moves the money", func() {
			teller := bank.NewBank(nil)
			errs := payAtOnce(teller,
				payment{from: br.alice, to: br.bob, amount: 30},
				payment{from: br.bob, to: br.alice, amount: 50},
			)
			expectAllWentThrough(errs)
			Expect(br.balances()).To(Equal([]int{opening + 20, opening - 20, opening, opening}))
		})
	})

	Context("when balances are read while money moves", func() {
		It("answers every read, and loses no money", func() {
			// Two tellers move money between Alice and Bob while two
			// readers ask for their balances.
			teller, a, b := br.teller, br.alice, br.bob
			errs := make([]error, 2)
			harness.MustFinish(func() {
				harness.Stress(4, func(i int) {
					for range 50 {
						switch i {
						case 0:
							if err := teller.Transfer(a, b, 1); err != nil {
								errs[0] = err
							}
						case 1:
							if err := teller.Transfer(b, a, 1); err != nil {
								errs[1] = err
							}
						default:
							_ = a.Balance() + b.Balance()
						}
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
