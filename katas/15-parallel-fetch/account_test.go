package account_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing/synctest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	account "github.com/racekatas/racekatas/katas/15-parallel-fetch"
)

var (
	errUsersDown  = errors.New("user service unavailable")
	errOrdersDown = errors.New("order service unavailable")
)

// What the two services answer when they work.
var (
	ada       = account.Profile{ID: "u42", Name: "Ada"}
	adaOrders = []account.Order{{ID: "o-1001", Total: 2599}, {ID: "o-1002", Total: 1250}}
)

// services stands in for the user service and the order service of one
// spec. Every spec builds its own, so a goroutine that one spec leaves behind
// touches nothing the next spec sets up.
type services struct {
	profileErr error // what the user service fails with; nil if it works
	ordersErr  error // what the order service fails with; nil if it works

	// together is the probe both fetches enter. Its gate opens once both are
	// inside at once, so a service fails only while the other fetch is in
	// flight, and Max tells whether the two ran at the same time.
	together *harness.Probe

	// failedBy carries the id of the goroutine that ran the failing fetch,
	// and release holds the other fetch back until that goroutine has ended:
	// until the error is on its way to Load (or, on an unbuffered channel,
	// in Load's hands). See load.
	failedBy chan int
	lateBy   chan int
	release  chan struct{}
}

func newServices() *services {
	return &services{
		together: harness.NewProbe(2),
		failedBy: make(chan int, 1),
		lateBy:   make(chan int, 1),
		release:  make(chan struct{}),
	}
}

func (s *services) failing() bool { return s.profileErr != nil || s.ordersErr != nil }

// fail is what the failing service does: it names its goroutine and returns.
func (s *services) fail(err error) error {
	s.failedBy <- harness.GoroutineID()
	return err
}

// answerLate is what the other service does: it names its goroutine and
// waits for the helper in load to let it answer.
func (s *services) answerLate() {
	s.lateBy <- harness.GoroutineID()
	<-s.release
}

// Profile is the user service.
func (s *services) Profile(user string) (account.Profile, error) {
	leave := s.together.Enter()
	defer leave()
	if s.profileErr != nil {
		return account.Profile{}, s.fail(s.profileErr)
	}
	if s.ordersErr != nil {
		s.answerLate()
	}
	return account.Profile{ID: user, Name: ada.Name}, nil
}

// Orders is the order service.
func (s *services) Orders(string) ([]account.Order, error) {
	leave := s.together.Enter()
	defer leave()
	if s.ordersErr != nil {
		return nil, s.fail(s.ordersErr)
	}
	if s.profileErr != nil {
		s.answerLate()
	}
	return adaOrders, nil
}

// load calls Load under the deadlock watchdog. If a service fails, a helper
// lets the other service answer as soon as the failing fetch's goroutine has
// ended, which is when Load has its error (or, on a buffered channel, soon
// before). The helper learns that by looking at the goroutine, which orders
// nothing: the late answer then comes while Load is returning, with nothing
// in Load's code ordered before or after it. A channel that Load closes on
// its way out meets that send as a data race, or a panic; a sender that no
// one is left to receive from is a leak; a buffered slot takes the answer.
// A Load that waits for both answers before it returns the error gets the
// late one too.
//
// The goroutine that ran Load stays alive until the late answer has been
// sent (or half of harness.ProbeWait has passed): the race detector may take
// a goroutine that starts after another has ended for its continuation, and
// would then see Load's last steps as ordered before the late send.
func (s *services) load(user string) (page account.Page, err error) {
	GinkgoHelper()
	loader := make(chan int, 1) // the id of the goroutine that runs Load
	helped := make(chan struct{})
	go func() {
		defer GinkgoRecover()
		defer close(helped)
		if !s.failing() {
			close(s.release)
			return
		}
		self := <-loader
		deadline := time.Now().Add(2 * harness.ProbeWait)
		select {
		case id := <-s.failedBy:
			if id != self { // Load fetches on goroutines of its own
				untilEnded(id, time.Until(deadline))
			}
		case <-time.After(time.Until(deadline)):
			// The failing fetch has not run: code that fetches one after
			// the other is waiting for this one first.
		}
		close(s.release)
		select {
		case id := <-s.lateBy:
			if id != self {
				untilEnded(id, harness.ProbeWait/2)
			}
		case <-time.After(harness.ProbeWait / 2): // the late fetch never ran
		}
	}()
	harness.MustFinish(func() {
		loader <- harness.GoroutineID()
		page, err = account.Load(user, s.Profile, s.Orders)
		<-helped
	})
	return page, err
}

// untilEnded returns once goroutine id has ended, or after bound.
func untilEnded(id int, bound time.Duration) {
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	deadline := time.After(bound)
	for harness.GoroutineState(id) != "" {
		select {
		case <-tick.C:
		case <-deadline:
			return
		}
	}
}

// twoServices makes a user service and an order service of which one fails
// (the user service if profileFails, else the order service) with what fail
// returns, and the other runs answer before it answers.
func twoServices(profileFails bool, fail func() error, answer func()) (func(string) (account.Profile, error), func(string) ([]account.Order, error)) {
	profile := func(user string) (account.Profile, error) {
		if profileFails {
			return account.Profile{}, fail()
		}
		answer()
		return account.Profile{ID: user, Name: ada.Name}, nil
	}
	orders := func(string) ([]account.Order, error) {
		if !profileFails {
			return nil, fail()
		}
		answer()
		return adaOrders, nil
	}
	return profile, orders
}

// story names, for a failure message, the service that fails, its error,
// and the fetch that answers.
func story(profileFails bool) (failing string, err error, other string) {
	if profileFails {
		return "user service", errUsersDown, "orders' fetch"
	}
	return "order service", errOrdersDown, "profile's fetch"
}

// slowError is a service's error whose message takes a while to build. Load
// builds its own message from it (fmt.Errorf with %w calls Error) after it
// has received the error and before it has returned: the spec runs
// whileFormatting then, once, on Load's goroutine.
type slowError struct {
	err             error
	once            sync.Once
	whileFormatting func()
}

func (e *slowError) Error() string {
	e.once.Do(e.whileFormatting)
	return e.err.Error()
}

func (e *slowError) Unwrap() error { return e.err }

// untilWaiting returns once goroutine id has ended or waits on a channel,
// or after bound.
func untilWaiting(id int, bound time.Duration) {
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	deadline := time.After(bound)
	for {
		state := harness.GoroutineState(id)
		if state == "" || strings.HasPrefix(state, "chan ") || strings.HasPrefix(state, "select") {
			return
		}
		select {
		case <-tick.C:
		case <-deadline:
			return
		}
	}
}

// instantProfile and instantOrders are services that answer at once: no
// probe, no gate.
func instantProfile(user string) (account.Profile, error) {
	return account.Profile{ID: user, Name: ada.Name}, nil
}

func instantOrders(string) ([]account.Order, error) { return adaOrders, nil }

// crowd is how many pages load at once in the busy spec.
const crowd = 300

// Every spec ends with the leak check: it fails the spec with "LEAK:" if a
// goroutine that Load started is still running half a second later.
var _ = Describe("Load", func() {
	var svc *services

	BeforeEach(func() {
		svc = newServices()
	})

	Context("when both services answer", func() {
		It("shows the profile and the orders on one page, fetched at the same time", func() {
			page, err := svc.load("u42")
			Expect(err).NotTo(HaveOccurred())
			Expect(page).To(Equal(account.Page{Profile: ada, Orders: adaOrders}))
			Expect(svc.together.Max()).To(Equal(2),
				"the fetches ran one after the other: the page waits for both delays added up")
		})
	})

	Context("when many customers open their page at once, and both services answer at once", func() {
		It("shows every page whole", func() {
			// Instant answers arrive while Load may still be on its way to its
			// receive, or between its first answer and its second: an answer
			// must wait for Load there, not be dropped.
			var pages [crowd]account.Page
			harness.MustFinish(func() {
				harness.Stress(crowd, func(i int) {
					page, err := account.Load(fmt.Sprintf("u%d", i), instantProfile, instantOrders)
					Expect(err).NotTo(HaveOccurred())
					pages[i] = page
				})
			})
			for i, page := range pages {
				Expect(page).To(Equal(account.Page{Profile: account.Profile{ID: fmt.Sprintf("u%d", i), Name: ada.Name}, Orders: adaOrders}))
			}
		})
	})

	Context("when the user service fails while the orders are still loading", func() {
		BeforeEach(func() {
			svc.profileErr = errUsersDown
		})

		It("returns the user service's error, and lets the orders' fetch finish", func() {
			page, err := svc.load("u42")
			Expect(err).To(MatchError(errUsersDown))
			Expect(page).To(BeZero())
			Expect(svc.together.Max()).To(Equal(2), "the fetches ran one after the other")
		})
	})

	Context("when the user service fails and the order service does not answer", func() {
		It("returns the user service's error at once, without waiting for the orders", func() {
			// The order service is down hard: it answers only after Load has
			// returned (the cleanup lets it go, before the leak check). A
			// Load that waits for both answers before it returns the error
			// never returns: a page that fails fast must not hang on the
			// other service.
			hung := make(chan struct{})
			DeferCleanup(func() { close(hung) })
			hungOrders := func(string) ([]account.Order, error) {
				<-hung
				return adaOrders, nil
			}
			failingProfile := func(string) (account.Profile, error) { return account.Profile{}, errUsersDown }
			var err error
			harness.MustFinish(func() {
				_, err = account.Load("u42", failingProfile, hungOrders)
			})
			Expect(err).To(MatchError(errUsersDown))
		})
	})

	Context("when the order service fails and the user service does not answer", func() {
		It("returns the order service's error at once, without waiting for the profile", func() {
			hung := make(chan struct{})
			DeferCleanup(func() { close(hung) })
			hungProfile := func(user string) (account.Profile, error) {
				<-hung
				return account.Profile{ID: user, Name: ada.Name}, nil
			}
			failingOrders := func(string) ([]account.Order, error) { return nil, errOrdersDown }
			var err error
			harness.MustFinish(func() {
				_, err = account.Load("u42", hungProfile, failingOrders)
			})
			Expect(err).To(MatchError(errOrdersDown))
		})
	})

	Context("when the order service fails while the profile is still loading", func() {
		BeforeEach(func() {
			svc.ordersErr = errOrdersDown
		})

		It("returns the order service's error, and lets the profile's fetch finish", func() {
			page, err := svc.load("u42")
			Expect(err).To(MatchError(errOrdersDown))
			Expect(page).To(BeZero())
			Expect(svc.together.Max()).To(Equal(2), "the fetches ran one after the other")
		})
	})

	Context("when one service fails and the other answers only a day later", func() {
		for _, profileFails := range []bool{true, false} {
			failing, want, other := story(profileFails)
			It(fmt.Sprintf("lets the %s finish after the %s has failed, however late its answer comes", other, failing), func() {
				// On a fake clock the day passes at once, as soon as every
				// goroutine waits: whatever takes the late answer off the
				// fetch's hands (a buffered slot, a goroutine) must still be
				// there a day later. One that gives up after a timeout, of
				// any length, has gone by the time the answer comes, and
				// the fetch waits to send it forever.
				var err error
				harness.MustFinish(func() {
					harness.WithFakeTime(func() {
						late := make(chan struct{})
						lateBy := make(chan int, 1) // the late fetch's goroutine
						profile, orders := twoServices(profileFails,
							func() error { return want },
							func() {
								lateBy <- harness.GoroutineID()
								<-late
							})
						_, err = account.Load("u42", profile, orders)
						time.Sleep(24 * time.Hour) // fake: passes as soon as all wait
						close(late)
						synctest.Wait() // until every goroutine has ended or waits again
						select {
						case id := <-lateBy:
							if state := harness.GoroutineState(id); state != "" {
								Fail(fmt.Sprintf("LEAK: the %s answered a day after Load had returned the %s's error, and its goroutine could not finish (it is parked in %s): "+
									"whatever was to take its answer had stopped waiting (after a timeout?). Every goroutine Load starts must be able to finish, however late its service answers.",
									other, failing, strings.TrimSuffix(state, " (durable)")))
							}
						default: // the other fetch never started: the other specs say so
						}
					})
				})
				Expect(err).To(MatchError(want))
			})
		}
	})

	Context("when the other service answers while Load is on its way out with the error", func() {
		for _, profileFails := range []bool{true, false} {
			failing, want, other := story(profileFails)
			It(fmt.Sprintf("lets the %s finish after the %s has failed", other, failing), func() {
				// The failing service's error takes a while to print, and
				// Load prints it into its own error after it has received
				// it and before it returns. The spec lets the other service
				// answer right then, and waits until the fetch has sent its
				// answer or waits to send it. A fetch that looks first
				// whether Load is still there (a flag, a channel Load
				// closes on return), then sends, finds Load there, and is
				// left at its send once Load returns: the leak check ends
				// the spec with "LEAK:". A send that completes without a
				// receiver, or one that also waits for Load to leave, lets
				// it finish.
				release := make(chan struct{})
				lateBy := make(chan int, 1) // the late fetch's goroutine
				defer func() {
					select {
					case <-release:
					default:
						close(release) // Load never printed the error
					}
				}()
				slow := &slowError{err: want, whileFormatting: func() {
					close(release)
					select {
					case id := <-lateBy:
						untilWaiting(id, harness.ProbeWait)
					case <-time.After(harness.ProbeWait): // the other fetch never started
					}
				}}
				profile, orders := twoServices(profileFails,
					func() error { return slow },
					func() {
						lateBy <- harness.GoroutineID()
						<-release
					})
				var err error
				harness.MustFinish(func() {
					_, err = account.Load("u42", profile, orders)
				})
				Expect(err).To(MatchError(want))
			})
		}
	})

	Context("when one service has answered and then the other fails", func() {
		for _, profileFails := range []bool{true, false} {
			failing, want, other := story(profileFails)
			It(fmt.Sprintf("returns the %s's error, and leaves nothing behind once the %s has answered", failing, other), func() {
				// The other service answers at once; the failing one fails
				// only once the other fetch's goroutine has ended: its
				// answer is in Load's hands, or in a buffer. Nothing is
				// left to take off anyone's hands: a goroutine that Load
				// starts now to receive the other answer waits for a
				// second answer that never comes, and the leak check ends
				// the spec with "LEAK:".
				answeredBy := make(chan int, 1) // the other fetch's goroutine
				profile, orders := twoServices(profileFails,
					func() error {
						select {
						case id := <-answeredBy:
							untilEnded(id, harness.ProbeWait)
						case <-time.After(harness.ProbeWait): // the fetches run one after the other
						}
						return want
					},
					func() { answeredBy <- harness.GoroutineID() })
				var (
					page account.Page
					err  error
				)
				harness.MustFinish(func() {
					page, err = account.Load("u42", profile, orders)
				})
				Expect(err).To(MatchError(want))
				Expect(page).To(BeZero())
			})
		}
	})
})
