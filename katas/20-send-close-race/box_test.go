package ballot_test

import (
	"fmt"
	"runtime"
	"sync"
	"testing/synctest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	ballot "github.com/racekatas/racekatas/katas/20-send-close-race"
)

// voters is how many people vote at the station in the busy spec.
//
// Few on purpose. To report a race, the race detector must still hold the
// history of both goroutines; it recycles the history of finished goroutines
// once about 64 of them are waiting to be recycled. A few checkers, finished
// a moment before the close, are reported on every run; hundreds might not be.
const voters = 8

// A station is one spec's polling station: its box, the register the box
// checks votes against, and the ballots expected in the box. Every spec builds
// its own, so the checkers of a spec that failed share nothing with the specs
// that follow.
type station struct {
	box   *ballot.Box
	probe *harness.Probe // every check enters it
	want  []ballot.Ballot

	// hold, if set, keeps the check of the voter called late at the town
	// hall until the spec closes it.
	hold chan struct{}
}

// late is the voter whose check is still at the town hall when the polls
// close, in the spec that holds one back.
const late = "voter-late"

// newStation opens a box with room for every vote of the day. Its probe opens
// its gate once two checks are in flight at once: ballots checked side by
// side never wait at it.
func newStation() *station {
	s := &station{probe: harness.NewProbe(2)}
	s.box = ballot.NewBox(voters, s.check)
	return s
}

// check is the register handed to the box: it finds every voter, and hands
// the vote back as a Ballot.
func (s *station) check(voter, choice string) ballot.Ballot {
	if voter == late && s.hold != nil {
		<-s.hold
		return ballot.Ballot{Voter: voter, Choice: choice}
	}
	leave := s.probe.Enter()
	defer leave()
	return ballot.Ballot{Voter: voter, Choice: choice}
}

// vote casts n votes, alternating between two choices, one voter after
// another.
func (s *station) vote(n int) {
	GinkgoHelper()
	for i := range n {
		s.want = append(s.want, ballot.Ballot{Voter: fmt.Sprintf("voter-%02d", i+1), Choice: []string{"yes", "no"}[i%2]})
	}
	box, votes := s.box, s.want
	harness.MustFinish(func() {
		for _, v := range votes {
			box.Cast(v.Voter, v.Choice)
		}
	})
}

// inTheBox waits until n ballots sit in the box.
//
// It watches the channel's length, which the race detector does not count as
// synchronisation (see raceaddr in runtime/chan.go). The wait makes sure that
// every send has happened before the polls close, so that no checker ever
// sends on a closed channel and panics; yet it orders nothing. Only Close can
// order the checkers' sends before its close.
func (s *station) inTheBox(n int) {
	GinkgoHelper()
	ballots := s.box.Ballots()
	Eventually(func() int { return len(ballots) }).
		WithTimeout(time.Second).WithPolling(time.Millisecond).
		Should(Equal(n), "ballots in the box, a second after the votes were cast")
}

// closeAndCount seals the box, then counts what is in it, as the counters do.
func (s *station) closeAndCount() (counted []ballot.Ballot) {
	GinkgoHelper()
	box := s.box
	harness.MustFinish(box.Close)
	harness.MustFinish(func() {
		for b := range box.Ballots() {
			counted = append(counted, b)
		}
	})
	return counted
}

var _ = Describe("Box", func() {
	var s *station // the polling station of the running spec

	BeforeEach(func() {
		s = newStation()
	})

	Context("when the polls close after the last voter has voted", func() {
		It("seals the box after the last ballot, with every ballot in it", func() {
			s.vote(voters)
			s.inTheBox(voters)
			Expect(s.closeAndCount()).To(ConsistOf(s.want))
			Expect(s.probe.Max()).To(BeNumerically(">=", 2),
				"the votes were checked one after another: one slow check would hold up the queue")
		})
	})

	Context("when the polls close while a ballot is still being checked", func() {
		It("waits for that ballot, without spinning, and counts it", func() {
			s.hold = make(chan struct{})
			release := sync.OnceFunc(func() { close(s.hold) })
			sealedEarly := false // written and read on the spec's goroutine only
			DeferCleanup(func() {
				// Also when a check below fails; but not once the box is
				// seen sealed: the late send would panic and bury the
				// report.
				if !sealedEarly {
					release()
				}
			})

			s.vote(voters - 1)
			s.inTheBox(voters - 1)
			box := s.box
			harness.MustFinish(func() { box.Cast(late, "yes") })
			s.want = append(s.want, ballot.Ballot{Voter: late, Choice: "yes"})

			// The polls close: Close has to wait for the late ballot. The spec
			// checks that nothing spins meanwhile, watches Close's goroutine
			// until it is parked (or done), which orders nothing, and only
			// then lets the late check answer: a Close that did not wait has
			// sealed the box before that ballot arrives.
			closer := make(chan int, 1)
			closed := make(chan struct{})
			go func() {
				defer GinkgoRecover()
				defer close(closed)
				closer <- harness.GoroutineID()
				box.Close()
			}()
			id := <-closer
			harness.ExpectNoBusyWait()
			Eventually(func() string { return harness.GoroutineState(id) }).
				WithTimeout(harness.ProbeWait).WithPolling(time.Millisecond).
				ShouldNot(BeElementOf("running", "runnable"), "Close should wait, parked, for the ballot being checked")
			select {
			case <-closed:
				// A Close that gives up after a while may have done so
				// during the looks above, on a slow machine.
				sealedEarly = true
				Fail(fmt.Sprintf("Close returned while %s's ballot was still being checked: it sealed the box without it", late))
			default:
			}
			release()

			harness.MustFinish(func() { <-closed })
			var counted []ballot.Ballot
			harness.MustFinish(func() {
				for b := range box.Ballots() {
					counted = append(counted, b)
				}
			})
			Expect(counted).To(ConsistOf(s.want), "the ballots in the box; %s's was cast before the polls closed", late)
		})
	})

	Context("when the polls close while two ballots are still at the town hall", func() {
		It("seals the box only once both are in it, however long they take", func() {
			// Two checks are held at the town hall. The first answers once Close
			// is parked; the spec then waits until that checker has ended and
			// Close is parked again, or done (which orders nothing): a Close that
			// woke for the first ballot and sealed the box is done by then. The
			// second answers then (the next spec holds one for a fake day). Once
			// Close is seen to have returned early, the held checkers are not
			// let go: a send on the sealed box would panic and bury the report.
			slow := [2]string{"voter-slow-1", "voter-slow-2"}
			holds := [2]chan struct{}{make(chan struct{}), make(chan struct{})}
			checkers := [2]chan int{make(chan int, 1), make(chan int, 1)} // each held checker's goroutine id
			box := ballot.NewBox(3, func(voter, choice string) ballot.Ballot {
				for i, v := range slow {
					if voter == v {
						checkers[i] <- harness.GoroutineID()
						<-holds[i]
					}
				}
				return ballot.Ballot{Voter: voter, Choice: choice}
			})
			release := [2]func(){
				sync.OnceFunc(func() { close(holds[0]) }),
				sync.OnceFunc(func() { close(holds[1]) }),
			}
			sealedEarly := false // written and read on the spec's goroutine only
			DeferCleanup(func() {
				if !sealedEarly {
					release[0]()
					release[1]()
				}
			})

			want := []ballot.Ballot{{Voter: "voter-01", Choice: "yes"}, {Voter: slow[0], Choice: "no"}, {Voter: slow[1], Choice: "yes"}}
			harness.MustFinish(func() {
				for _, v := range want {
					box.Cast(v.Voter, v.Choice)
				}
			})
			var first int
			harness.MustFinish(func() { first, _ = <-checkers[0], <-checkers[1] })

			closer := make(chan int, 1)
			closed := make(chan struct{})
			go func() {
				defer GinkgoRecover()
				defer close(closed)
				closer <- harness.GoroutineID()
				box.Close()
			}()
			id := <-closer
			parked := func(id int, why string) {
				GinkgoHelper()
				Eventually(func() string { return harness.GoroutineState(id) }).
					WithTimeout(harness.ProbeWait).WithPolling(time.Millisecond).
					ShouldNot(BeElementOf("running", "runnable"), why)
			}
			stillOpen := func(why string) {
				GinkgoHelper()
				select {
				case <-closed:
					sealedEarly = true
					Fail(why)
				default:
				}
			}

			parked(id, "Close should wait, parked, for the ballots being checked")
			stillOpen("Close returned while two ballots were still being checked: it should return once it has sealed the box, with both in it")

			release[0]()
			Eventually(func() string { return harness.GoroutineState(first) }).
				WithTimeout(harness.ProbeWait).WithPolling(time.Millisecond).
				Should(BeEmpty(), "the checker of %s should end once its ballot is in the box", slow[0])
			parked(id, "Close should wait, parked, for the ballot still being checked")
			stillOpen(fmt.Sprintf("Close sealed the box as soon as %s's ballot came in, while %s's was still being checked", slow[0], slow[1]))

			release[1]()

			harness.MustFinish(func() { <-closed })
			var counted []ballot.Ballot
			harness.MustFinish(func() {
				for b := range box.Ballots() {
					counted = append(counted, b)
				}
			})
			Expect(counted).To(ConsistOf(want), "the ballots in the box; both late ones were cast before the polls closed")
		})
	})

	Context("when a ballot stays at the town hall for a long time", func() {
		It("seals the box only once it is in, however long that takes", func() {
			// On a fake clock the town hall keeps one ballot for a day, and a
			// day passes the moment every goroutine waits: a Close that gives
			// up after any timeout, a second or an hour, has sealed the box by
			// then, without that ballot.
			// One voter only: a Close that gave up would race with the send
			// of any other ballot, and the verdict must be the same on every
			// run.
			want := []ballot.Ballot{{Voter: "voter-slow", Choice: "no"}}
			sealedEarly := false
			var counted []ballot.Ballot
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					hold := make(chan struct{})
					// Closed once Close is seen to have sealed the box early:
					// the held check then ends its goroutine instead of
					// answering, as a send on the sealed box would panic and
					// bury the report.
					gaveUp := make(chan struct{})
					box := ballot.NewBox(len(want), func(voter, choice string) ballot.Ballot {
						if voter == "voter-slow" {
							select {
							case <-hold:
							case <-gaveUp:
								runtime.Goexit()
							}
						}
						return ballot.Ballot{Voter: voter, Choice: choice}
					})
					for _, v := range want {
						box.Cast(v.Voter, v.Choice)
					}
					closed := make(chan struct{})
					go func() {
						defer GinkgoRecover()
						defer close(closed)
						box.Close()
					}()
					time.Sleep(24 * time.Hour) // fake: passes as soon as all wait
					select {
					case <-closed:
						sealedEarly = true
						close(gaveUp)
						return
					default:
					}
					close(hold)
					<-closed
					for b := range box.Ballots() {
						counted = append(counted, b)
					}
				})
			})
			Expect(sealedEarly).To(BeFalse(), "Close gave up waiting and sealed the box while voter-slow's ballot was still at the town hall (after a timeout?): that vote is lost")
			Expect(counted).To(ConsistOf(want), "the ballots in the box; voter-slow's was cast before the polls closed")
		})
	})

	Context("when more ballots are cast than the box has room for", func() {
		It("keeps every ballot: the checkers wait for room while the counters read", func() {
			// A box with room for one, and three votes. The checkers name
			// their goroutines as they finish checking; the spec waits until
			// each of them has ended or is parked (which orders nothing), and
			// only then do the counters start reading. Two ballots find the
			// box full: they must wait there for room, neither thrown away
			// nor kept in a box bigger than the one asked for.
			const room, cast = 1, 3
			checkers := make(chan int, cast)
			box := ballot.NewBox(room, func(voter, choice string) ballot.Ballot {
				checkers <- harness.GoroutineID()
				return ballot.Ballot{Voter: voter, Choice: choice}
			})
			var want []ballot.Ballot
			for i := range cast {
				want = append(want, ballot.Ballot{Voter: fmt.Sprintf("voter-%02d", i+1), Choice: "yes"})
			}
			harness.MustFinish(func() {
				for _, v := range want {
					box.Cast(v.Voter, v.Choice)
				}
			})
			for range cast {
				var id int
				Eventually(checkers).WithTimeout(harness.ProbeWait).Should(Receive(&id), "a cast ballot was never checked")
				Eventually(func() string { return harness.GoroutineState(id) }).
					WithTimeout(harness.ProbeWait).WithPolling(time.Millisecond).
					ShouldNot(BeElementOf("running", "runnable"), "a checker should end, or wait parked for room")
			}
			Expect(len(box.Ballots())).To(Equal(room),
				"ballots in a box made with room for %d, once every checker had ended or was waiting", room)

			var counted []ballot.Ballot
			counting := make(chan struct{})
			go func() {
				defer GinkgoRecover()
				defer close(counting)
				for b := range box.Ballots() {
					counted = append(counted, b)
				}
			}()
			harness.MustFinish(box.Close)
			harness.MustFinish(func() { <-counting })
			Expect(counted).To(ConsistOf(want), "the ballots in the box; all %d were cast before the polls closed", cast)
		})
	})

	Context("when the box is full and the counters stall for a long time", func() {
		It("keeps every ballot until the counters make room, however long that takes", func() {
			// A box with room for one, and two votes, on a fake clock: the
			// counters start only a day later, and a day passes the moment
			// every goroutine waits. One checker finds the box full all that
			// time. A checker that gives up after a time limit, however
			// long, has thrown its ballot away by then. The counters then
			// take every ballot there is, and only then do the polls close:
			// this spec is about the full box, not about when Close seals.
			const room, cast = 1, 2
			var want, counted []ballot.Ballot
			for i := range cast {
				want = append(want, ballot.Ballot{Voter: fmt.Sprintf("voter-%02d", i+1), Choice: "no"})
			}
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					box := ballot.NewBox(room, func(voter, choice string) ballot.Ballot {
						return ballot.Ballot{Voter: voter, Choice: choice}
					})
					for _, v := range want {
						box.Cast(v.Voter, v.Choice)
					}
					time.Sleep(24 * time.Hour) // fake: passes as soon as all wait
					ballots := box.Ballots()
					for {
						// Until every goroutine has ended or waits again
						// (no time passes): a checker let in has dropped
						// its ballot.
						synctest.Wait()
						select {
						case b := <-ballots:
							counted = append(counted, b)
							continue
						default:
						}
						break
					}
					box.Close()
					for b := range ballots {
						counted = append(counted, b)
					}
				})
			})
			Expect(counted).To(ConsistOf(want),
				"ballots were lost while the box was full and the counters had not started: a checker must wait for room however long that takes, not give up after a time limit")
		})
	})

	Context("when nobody came to vote", func() {
		It("seals an empty box", func() {
			Expect(s.closeAndCount()).To(BeEmpty())
		})
	})
})
