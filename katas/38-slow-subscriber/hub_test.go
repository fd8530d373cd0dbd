package scoreboard_test

import (
	"fmt"
	"runtime"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	scoreboard "github.com/racekatas/racekatas/katas/38-slow-subscriber"
)

// backlog is how far behind each spec's hub lets a subscriber fall, and
// updates how many updates each spec publishes: more than the backlog, so a
// subscriber that stops reading runs out of room.
const (
	backlog = 3
	updates = 10
)

// update returns the i-th update of a match, counted from 1.
func update(i int) scoreboard.Update {
	return scoreboard.Update{Seq: i, Score: fmt.Sprintf("%d-%d", i/2, (i+1)/2)}
}

// match returns the first n updates of a match, in order.
func match(n int) []scoreboard.Update {
	all := make([]scoreboard.Update, n)
	for i := range all {
		all[i] = update(i + 1)
	}
	return all
}

// A screen is a subscriber that keeps up: a goroutine of its own takes each
// update off its channel as soon as it arrives and hands it to the spec on
// shown.
type screen struct {
	name  string
	shown chan scoreboard.Update // unbuffered: the spec receives each update
}

// A stadium is one spec's world: its hub, the screens that keep up, and the
// channel of a subscriber that never reads. Every spec builds its own, so a
// Publish that one spec leaves blocked shares nothing with the next spec.
type stadium struct {
	hub     *scoreboard.Hub
	screens []*screen
	stalled <-chan scoreboard.Update // the big screen: subscribed, never read
	stop    chan struct{}            // closed when the spec ends; the screens return
}

func newStadium() *stadium {
	return &stadium{hub: scoreboard.NewHub(backlog), stop: make(chan struct{})}
}

// watch subscribes a screen that keeps up.
func (s *stadium) watch(name string) {
	GinkgoHelper()
	var sub <-chan scoreboard.Update
	hub := s.hub
	harness.MustFinish(func() { sub = hub.Subscribe() })

	scr := &screen{name: name, shown: make(chan scoreboard.Update)}
	stop := s.stop
	go func() {
		for {
			select {
			case u := <-sub:
				select {
				case scr.shown <- u:
				case <-stop:
					return
				}
			case <-stop:
				return
			}
		}
	}()
	s.screens = append(s.screens, scr)
}

// stall subscribes the big screen, whose connection has hung: nobody ever
// reads its channel during the match.
func (s *stadium) stall() {
	GinkgoHelper()
	var sub <-chan scoreboard.Update
	hub := s.hub
	harness.MustFinish(func() { sub = hub.Subscribe() })
	s.stalled = sub
}

// publish publishes the first n updates of the match, one at a time, and
// after each one waits until every screen has shown it: the screens keep up.
// It returns what each screen showed, by screen name.
func (s *stadium) publish(n int) map[string][]scoreboard.Update {
	GinkgoHelper()
	hub, screens := s.hub, s.screens
	shown := make([][]scoreboard.Update, len(screens))
	harness.MustFinish(func() {
		for i := 1; i <= n; i++ {
			hub.Publish(update(i))
			for j, scr := range screens {
				shown[j] = append(shown[j], <-scr.shown)
			}
		}
	})
	byName := map[string][]scoreboard.Update{}
	for j, scr := range screens {
		byName[scr.name] = shown[j]
	}
	return byName
}

// dropped asks the hub how many deliveries it gave up on.
func (s *stadium) dropped() (n int) {
	GinkgoHelper()
	hub := s.hub
	harness.MustFinish(func() { n = hub.Dropped() })
	return n
}

// waiting takes, without waiting, every update that is waiting on the big
// screen's channel: what it would find if its connection came back.
func (s *stadium) waiting() []scoreboard.Update {
	var got []scoreboard.Update
	for {
		select {
		case u := <-s.stalled:
			got = append(got, u)
		default:
			return got
		}
	}
}

// publishTogether fills the stalled subscriber's backlog, then has two
// publishers publish half of updates each, at once, while a newcomer
// subscribes and asks for the count of drops: every pair of Hub's methods,
// run at once. It returns the newcomer's channel.
func (s *stadium) publishTogether() (newcomer <-chan scoreboard.Update) {
	GinkgoHelper()
	hub := s.hub
	harness.MustFinish(func() {
		for i := 1; i <= backlog; i++ {
			hub.Publish(update(i))
		}
		harness.Stress(3, func(i int) {
			switch i {
			case 0, 1:
				for k := range updates / 2 {
					hub.Publish(update(backlog + 1 + i + 2*k))
				}
			case 2:
				newcomer = hub.Subscribe()
				for range updates {
					_ = hub.Dropped()
				}
			}
		})
	})
	return newcomer
}

// thenElsewhere runs first on a goroutine of its own and, once that
// goroutine has ended, runs then on this one, under the deadlock watchdog.
// Nothing orders the two but the code under test: a method that reads its
// state after letting go of the lock leaves that read unordered with what
// then writes, which the race detector reports whatever the timing.
func thenElsewhere(first, then func()) {
	GinkgoHelper()
	done := make(chan struct{})
	ids := make(chan int, 1)
	harness.MustFinish(func() {
		go func() {
			defer close(done)
			ids <- harness.GoroutineID()
			first()
		}()
		id := <-ids
		// Only looks (no synchronisation): waits until first's
		// goroutine has ended, or a second has passed.
		for deadline := time.Now().Add(time.Second); harness.GoroutineState(id) != "" && time.Now().Before(deadline); {
			runtime.Gosched()
		}
		then()
		<-done
	})
}

// drain takes, without waiting, every update waiting on ch.
func drain(ch <-chan scoreboard.Update) []scoreboard.Update {
	var got []scoreboard.Update
	for {
		select {
		case u := <-ch:
			got = append(got, u)
		default:
			return got
		}
	}
}

// screensHung is how many stalled subscribers publishWhileHung sets up: a
// Publish that waits even a few milliseconds for each is caught waiting.
const screensHung = 100

// publishWhileHung subscribes screensHung subscribers and fills their
// backlogs, then publishes one more update on a goroutine of its own. If
// that Publish is ever seen waiting on a channel, every hung subscriber comes
// back and reads one update, which makes room for the update Publish is
// offering. It returns how many of the hung subscribers got that update, and
// whether Publish was seen waiting. A Publish that never waits has dropped it
// for all of them before anyone reads.
func publishWhileHung(hub *scoreboard.Hub) (got int, waited bool) {
	GinkgoHelper()
	subs := make([]<-chan scoreboard.Update, screensHung)
	harness.MustFinish(func() {
		for i := range subs {
			subs[i] = hub.Subscribe()
		}
		for i := 1; i <= backlog; i++ {
			hub.Publish(update(i))
		}
	})
	harness.MustFinish(func() {
		ids := make(chan int, 1)
		done := make(chan struct{})
		go func() {
			defer close(done)
			ids <- harness.GoroutineID()
			hub.Publish(update(backlog + 1))
		}()
		id := <-ids
		// Only looks: the publisher's state orders nothing. A Publish
		// that waits for a full channel, with a timeout or not, is parked
		// on it (or asleep) for as long as it waits.
		for !waited {
			state := harness.GoroutineState(id)
			if state == "" {
				break
			}
			waited = strings.HasPrefix(state, "select") || strings.HasPrefix(state, "chan send") || strings.HasPrefix(state, "sleep")
			runtime.Gosched()
		}
		if waited {
			for _, sub := range subs {
				<-sub
			}
		}
		<-done
	})
	for _, sub := range subs {
		for _, u := range drain(sub) {
			if u.Seq == backlog+1 {
				got++
			}
		}
	}
	return got, waited
}

var _ = Describe("Hub", func() {
	var arena *stadium

	BeforeEach(func() {
		arena = newStadium()
		DeferCleanup(func(stop chan struct{}) { close(stop) }, arena.stop)
	})

	Context("when every subscriber keeps up", func() {
		BeforeEach(func() {
			arena.watch("website")
			arena.watch("app")
		})

		It("delivers every update to every subscriber, in order", func() {
			shown := arena.publish(updates)
			Expect(shown).To(HaveKeyWithValue("website", match(updates)))
			Expect(shown).To(HaveKeyWithValue("app", match(updates)))
			Expect(arena.dropped()).To(BeZero(), "nothing should be dropped while everybody keeps up")
		})
	})

	Context("when one subscriber stops reading", func() {
		BeforeEach(func() {
			arena.watch("website")
			arena.stall()
			arena.watch("app")
		})

		It("keeps delivering every update to the others, in order", func() {
			shown := arena.publish(updates)
			Expect(shown).To(HaveKeyWithValue("website", match(updates)))
			Expect(shown).To(HaveKeyWithValue("app", match(updates)))
		})

		It("drops only what the stalled subscriber has no room for, and counts it", func() {
			arena.publish(updates)
			Expect(arena.dropped()).To(Equal(updates-backlog),
				"the big screen had room for %d updates of %d; every other one is a drop", backlog, updates)

			got := arena.waiting()
			Expect(got).To(HaveLen(backlog), "the big screen should find its backlog waiting when it comes back")
			for i := 1; i < len(got); i++ {
				Expect(got[i].Seq).To(BeNumerically(">", got[i-1].Seq), "the waiting updates are out of order: %v", got)
			}
		})
	})
	// A Publish that gives a full subscriber a moment to read, however
	// short, still waits for it: with many hung screens, every update comes
	// late to everyone, and Subscribe and Dropped wait behind it.
	Context("when many subscribers have used up their room", func() {
		It("drops the update for each of them at once, without waiting for any", func() {
			got, waited := publishWhileHung(arena.hub)
			Expect(waited).To(BeFalse(), "Publish waited for a subscriber with no room left")
			Expect(got).To(BeZero(), "subscribers with no room left got the update: Publish waited for them")
			Expect(arena.dropped()).To(Equal(screensHung))
		})
	})

	Context("when two publishers publish at once, while someone subscribes", func() {
		BeforeEach(func() {
			arena.stall()
		})

		It("counts every update the stalled subscriber missed, and loses no count", func() {
			newcomer := arena.publishTogether()
			// The stalled subscriber missed every update after its backlog;
			// the newcomer missed whatever came after its own backlog filled.
			late := drain(newcomer)
			Expect(len(late)).To(BeNumerically("<=", backlog))
			Expect(arena.dropped()).To(BeNumerically(">=", updates), "the stalled subscriber alone missed %d updates", updates)
			Expect(arena.dropped()).To(BeNumerically("<=", 2*updates-len(late)))
			Expect(arena.waiting()).To(Equal(match(backlog)))
		})
	})

	Context("when screens subscribe while updates are published and drops are counted", func() {
		It("counts every drop, and answers every caller", func() {
			// Nothing orders these calls but the hub: a Subscribe that
			// adds its channel, or a Dropped that reads the count, outside
			// the hub's lock is unordered with the other calls, which the
			// race detector reports on every run.
			hub := scoreboard.NewHub(backlog)
			var stalled <-chan scoreboard.Update
			harness.MustFinish(func() {
				stalled = hub.Subscribe()
				harness.Stress(4, func(i int) {
					switch i {
					case 0:
						for k := range updates {
							hub.Publish(update(k + 1))
						}
					case 1:
						for range updates {
							_ = hub.Dropped()
						}
					default:
						hub.Subscribe()
					}
				})
			})
			Expect(len(stalled)).To(Equal(backlog))
			var n int
			harness.MustFinish(func() { n = hub.Dropped() })
			Expect(n).To(BeNumerically(">=", updates-backlog), "the subscriber that never reads missed %d updates", updates-backlog)
		})
	})

	Context("when the drops are counted, and then an update is dropped elsewhere", func() {
		It("counts the drops there were, and then the new one", func() {
			// A few hubs, one after another: each is a fresh chance for
			// the race detector, whose memory of past reads is small.
			for range 4 {
				hub := scoreboard.NewHub(1)
				var n int
				harness.MustFinish(func() {
					hub.Subscribe()
					hub.Publish(update(1))
					hub.Publish(update(2))
				})
				thenElsewhere(func() { n = hub.Dropped() }, func() { hub.Publish(update(3)) })
				Expect(n).To(Equal(1))
				harness.MustFinish(func() { n = hub.Dropped() })
				Expect(n).To(Equal(2))
			}
		})
	})

	// A backlog of 0 lets a subscriber fall no update behind: it gets an
	// update only if it is there to take it when Publish offers it, and
	// misses it otherwise.
	Context("when the hub keeps no backlog", func() {
		It("hands an update to a subscriber waiting for it, and drops it for one that is not reading", func() {
			hub := scoreboard.NewHub(0)
			var ready, stalled <-chan scoreboard.Update
			harness.MustFinish(func() { ready, stalled = hub.Subscribe(), hub.Subscribe() })

			// The website waits for the next update on a goroutine of its
			// own; the spec waits until it is parked in its receive.
			got := make(chan scoreboard.Update, 1)
			stop := make(chan struct{})
			DeferCleanup(func() { close(stop) })
			ids := make(chan int, 1)
			go func() {
				ids <- harness.GoroutineID()
				select {
				case u := <-ready:
					got <- u
				case <-stop:
				}
			}()
			var id int
			harness.MustFinish(func() {
				id = <-ids
				// Only looks: waits until the website is parked in its
				// select, or a second has passed.
				for deadline := time.Now().Add(time.Second); harness.GoroutineState(id) != "select" && time.Now().Before(deadline); {
					runtime.Gosched()
				}
			})
			Expect(harness.GoroutineState(id)).To(Equal("select"), "the website never got to waiting for an update")

			harness.MustFinish(func() { hub.Publish(update(1)) })
			// A send to a receiver parked on the channel hands the update
			// over before Publish returns: a website still parked did not
			// get it.
			Expect(harness.GoroutineState(id)).NotTo(Equal("select"),
				"the website was waiting for the update and did not get it: with no backlog, an update still goes to a subscriber ready to take it")
			var u scoreboard.Update
			harness.MustFinish(func() { u = <-got })
			Expect(u).To(Equal(update(1)))
			Expect(drain(stalled)).To(BeEmpty(),
				"the big screen was not reading and had no room: it should have missed the update, not find it waiting")
			var n int
			harness.MustFinish(func() { n = hub.Dropped() })
			Expect(n).To(Equal(1), "the big screen missed one update")
		})
	})

	Context("when two subscribers fall exactly their backlog behind, then one more, and come back", func() {
		It("drops nothing until a backlog is full, then one update for each of them, and sends them the next update once they have read their backlogs", func() {
			hub := arena.hub
			var first, second <-chan scoreboard.Update
			harness.MustFinish(func() {
				first, second = hub.Subscribe(), hub.Subscribe()
				for i := 1; i <= backlog; i++ {
					hub.Publish(update(i))
				}
			})
			Expect(arena.dropped()).To(BeZero(), "a backlog of %d has room for %d updates", backlog, backlog)

			harness.MustFinish(func() { hub.Publish(update(backlog + 1)) })
			Expect(arena.dropped()).To(Equal(2), "one drop for each update that a subscriber missed")
			Expect(drain(first)).To(Equal(match(backlog)), "the first subscriber's backlog")
			Expect(drain(second)).To(Equal(match(backlog)), "the second subscriber's backlog")

			harness.MustFinish(func() { hub.Publish(update(backlog + 2)) })
			next := []scoreboard.Update{update(backlog + 2)}
			Expect(drain(first)).To(Equal(next), "a subscriber that fell behind for a while was never sent anything again")
			Expect(drain(second)).To(Equal(next), "a subscriber that fell behind for a while was never sent anything again")
			Expect(arena.dropped()).To(Equal(2))
		})
	})
})
