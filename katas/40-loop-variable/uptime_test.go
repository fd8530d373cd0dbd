package uptime_test

import (
	"fmt"
	"runtime"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	uptime "github.com/racekatas/racekatas/katas/40-loop-variable"
)

// A network is one spec's servers: which hosts there are and which of them
// are up, and a record of the pings CheckAll made. Every spec builds its own,
// so goroutines that an earlier spec left behind never touch it.
type network struct {
	hosts []string        // the hosts to watch, in the order they are listed
	up    map[string]bool // which hosts answer; read-only once built
	probe *harness.Probe  // every ping enters and leaves it

	mu     sync.Mutex     // protects pinged
	pinged map[string]int // how many times each host was pinged
}

// newNetwork builds a network of hosts, all up but those listed in down.
//
// With two hosts or more, its probe opens its gate once two pings are in
// flight at once: pings that run at the same time pass straight through;
// pings made one after another wait harness.ProbeWait once, and Max stays 1.
// With fewer, the gate is open from the start.
func newNetwork(hosts []string, down ...string) *network {
	n := &network{hosts: hosts, up: map[string]bool{}, probe: harness.NewProbe(min(2, len(hosts))), pinged: map[string]int{}}
	for _, h := range hosts {
		n.up[h] = true
	}
	for _, h := range down {
		n.up[h] = false
	}
	return n
}

// ping is the work function handed to CheckAll: it records the call and
// answers whether host is up.
func (n *network) ping(host string) bool {
	leave := n.probe.Enter()
	defer leave()
	n.mu.Lock()
	n.pinged[host]++
	n.mu.Unlock()
	return n.up[host]
}

// Pinged returns how many times each host was pinged.
func (n *network) Pinged() map[string]int {
	n.mu.Lock()
	defer n.mu.Unlock()
	pinged := make(map[string]int, len(n.pinged))
	for h, c := range n.pinged {
		pinged[h] = c
	}
	return pinged
}

// Report is what CheckAll should return for n, in host order.
func (n *network) Report() []uptime.Status {
	want := make([]uptime.Status, 0, len(n.hosts))
	for _, h := range n.hosts {
		want = append(want, uptime.Status{Host: h, Up: n.up[h]})
	}
	return want
}

// checkAll runs CheckAll over the whole network under the deadlock watchdog.
// The body gets its hosts and ping as locals read here, on the spec's
// goroutine.
func checkAll(n *network) []uptime.Status {
	GinkgoHelper()
	var got []uptime.Status
	hosts, ping := n.hosts, n.ping
	harness.MustFinish(func() { got = uptime.CheckAll(hosts, ping) })
	return got
}

// watchBound bounds a spec that also watches for busy waiting: the deadlock
// bound, plus room for the look itself, whose goroutine dumps are slow on a
// loaded machine.
const watchBound = harness.DeadlockBound + 2*time.Second

// checkWhileEveryPingWaits runs CheckAll over n with a ping that holds every
// caller until the spec lets them all go. Once every host's ping has
// started, the pings have nothing to do but wait for the network, and
// CheckAll nothing but wait for them: nobody may use a core. Then the pings
// are let go. Every ping must have been under way at once.
func checkWhileEveryPingWaits(n *network) []uptime.Status {
	GinkgoHelper()
	started := make(chan struct{}, len(n.hosts))
	letGo := make(chan struct{})
	hosts, ping := n.hosts, n.ping
	slow := func(host string) bool {
		started <- struct{}{}
		<-letGo
		return ping(host)
	}
	var (
		got      []uptime.Status
		underWay int // pings started before the spec let any of them go
	)
	harness.MustFinishWithin(watchBound, func() {
		// If the check fails, let the pings go all the same: a CheckAll
		// left spinning would slow every later spec.
		released := false
		defer func() {
			if !released {
				close(letGo)
			}
		}()
		result := make(chan []uptime.Status, 1)
		go func() { result <- uptime.CheckAll(hosts, slow) }()
		// Pings made one after another never all start: give up waiting
		// for them after a while, and say so below.
		timeout := time.NewTimer(harness.ProbeWait)
		defer timeout.Stop()
	wait:
		for range hosts {
			select {
			case <-started:
				underWay++
			case <-timeout.C:
				break wait
			}
		}
		harness.ExpectNoBusyWait()
		released = true
		close(letGo)
		got = <-result
	})
	Expect(underWay).To(Equal(len(hosts)), "pings under way at once while the network was slow")
	return got
}

var _ = Describe("CheckAll", func() {
	var lan *network // the servers of the running spec

	Context("when it watches several hosts, some of them down", func() {
		BeforeEach(func() {
			lan = newNetwork([]string{"db-1", "db-2", "web-1", "web-2", "web-3", "cache-1"}, "db-2", "web-3")
		})

		It("pings every host exactly once and reports each one's own status", func() {
			got := checkAll(lan)

			want := map[string]int{}
			for _, h := range lan.hosts {
				want[h] = 1
			}
			Expect(lan.Pinged()).To(Equal(want), "pings per host")
			Expect(got).To(ConsistOf(lan.Report()), "statuses reported, in any order")
		})

		It("pings the hosts at the same time", func() {
			got := checkAll(lan)

			Expect(lan.probe.Max()).To(BeNumerically(">=", 2), "the pings ran one after another, not at the same time")
			Expect(got).To(HaveLen(len(lan.hosts)))
		})
	})

	Context("when it watches a single host", func() {
		BeforeEach(func() {
			lan = newNetwork([]string{"db-1"}, "db-1")
		})

		It("reports that host", func() {
			Expect(checkAll(lan)).To(ConsistOf(uptime.Status{Host: "db-1", Up: false}))
		})
	})

	Context("when it watches no host", func() {
		BeforeEach(func() {
			lan = newNetwork(nil)
		})

		It("returns an empty report without pinging", func() {
			Expect(checkAll(lan)).To(BeEmpty())
			Expect(lan.Pinged()).To(BeEmpty())
		})
	})
	Context("when every ping takes a while", func() {
		BeforeEach(func() {
			lan = newNetwork([]string{"db-1", "db-2", "web-1", "web-2"}, "web-2")
		})

		It("waits for the pings without using a core, and reports them all", func() {
			got := checkWhileEveryPingWaits(lan)
			Expect(got).To(ConsistOf(lan.Report()))
		})
	})

	// A pool of, say, eight pings at a time passes with a few hosts, and
	// with a fleet of twenty makes the twelfth wait for one of the first
	// eight to answer: a hung host then holds up the ones behind it.
	Context("when it watches a large fleet, and every ping takes a while", func() {
		BeforeEach(func() {
			var hosts []string
			for i := 1; i <= 20; i++ {
				hosts = append(hosts, fmt.Sprintf("node-%02d", i))
			}
			lan = newNetwork(hosts, "node-07", "node-13")
		})

		It("has every host's ping under way at once", func() {
			got := checkWhileEveryPingWaits(lan)
			Expect(got).To(ConsistOf(lan.Report()))
		})
	})

	Context("when the hosts answer in another order than they are listed", func() {
		It("reports them in the order the pings finished", func() {
			hosts := []string{"db-1", "db-2", "web-1", "web-2"}
			answers := []string{"web-1", "db-2", "web-2", "db-1"} // the order they answer in
			// Every ping waits for its host's answer, and says on which
			// goroutine it runs; the spec lets one host answer, waits until
			// that ping's goroutine has ended (its status is reported), and
			// only then lets the next one answer.
			type call struct {
				host string
				id   int
			}
			calls := make(chan call, len(hosts))
			answer := map[string]chan struct{}{}
			for _, h := range hosts {
				answer[h] = make(chan struct{})
			}
			ping := func(host string) bool {
				calls <- call{host, harness.GoroutineID()}
				<-answer[host]
				return host != "db-2"
			}
			var got []uptime.Status
			ids := map[string]int{}
			harness.MustFinish(func() {
				result := make(chan []uptime.Status, 1)
				go func() { result <- uptime.CheckAll(hosts, ping) }()
				// Pings made one after another never all start: give up
				// waiting for them after a while, let every host answer,
				// and say so below.
				timeout := time.NewTimer(harness.ProbeWait)
				defer timeout.Stop()
			wait:
				for range hosts {
					select {
					case c := <-calls:
						ids[c.host] = c.id
					case <-timeout.C:
						break wait
					}
				}
				for _, h := range answers {
					close(answer[h])
					if len(ids) < len(hosts) {
						continue
					}
					// Only looks: waits until that ping's goroutine has
					// ended, or a second has passed.
					for deadline := time.Now().Add(time.Second); harness.GoroutineState(ids[h]) != "" && time.Now().Before(deadline); {
						runtime.Gosched()
					}
				}
				got = <-result
			})
			Expect(ids).To(HaveLen(len(hosts)), "pings under way at once")
			want := make([]uptime.Status, len(answers))
			for i, h := range answers {
				want[i] = uptime.Status{Host: h, Up: h != "db-2"}
			}
			Expect(got).To(Equal(want), "CheckAll promises the statuses in the order the pings finished")
		})
	})

	Context("when a host is listed twice", func() {
		BeforeEach(func() {
			lan = newNetwork([]string{"db-1", "web-1", "db-1"}, "web-1")
		})

		It("pings it twice and reports it twice", func() {
			got := checkAll(lan)
			Expect(lan.Pinged()).To(Equal(map[string]int{"db-1": 2, "web-1": 1}))
			Expect(got).To(ConsistOf(lan.Report()))
		})
	})

	Context("when two status pages check their hosts at once", func() {
		It("gives each page the report of its own hosts", func() {
			nets := []*network{
				newNetwork([]string{"db-1", "db-2", "db-3"}, "db-2"),
				newNetwork([]string{"web-1", "web-2", "web-3"}, "web-1"),
			}
			got := make([][]uptime.Status, len(nets))
			harness.MustFinish(func() {
				harness.Stress(len(nets), func(i int) { got[i] = uptime.CheckAll(nets[i].hosts, nets[i].ping) })
			})
			for i, n := range nets {
				Expect(got[i]).To(ConsistOf(n.Report()), "page %d", i)
			}
		})
	})

	// Last: a CheckAll that polls stops the fake clock, and goes on polling
	// after the watchdog has reported it; nothing runs after it but the
	// suite's end.
	Context("when a host takes longer to answer than any timeout CheckAll could set", func() {
		It("still waits for it, and reports it", func() {
			// On a fake clock a day passes the moment every goroutine
			// waits: a CheckAll that gives up after a timeout, however
			// long, has returned by then, without that host's status.
			hosts := []string{"web-1", "db-1"}
			want := []uptime.Status{{Host: "web-1", Up: true}, {Host: "db-1", Up: false}}
			var got []uptime.Status
			returnedEarly := false
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					hold := make(chan struct{}) // db-1 answers once it is closed
					ping := func(host string) bool {
						if host == "db-1" {
							<-hold
							return false
						}
						return true
					}
					result := make(chan []uptime.Status, 1)
					go func() { result <- uptime.CheckAll(hosts, ping) }()
					time.Sleep(24 * time.Hour) // fake: passes as soon as all wait
					select {
					case <-result:
						returnedEarly = true
					default:
					}
					close(hold)
					if !returnedEarly {
						got = <-result
					}
				})
			})
			Expect(returnedEarly).To(BeFalse(),
				"CheckAll returned while a ping was still running: it stopped waiting (after a timeout?), and the page showed nothing for that host")
			Expect(got).To(ConsistOf(want))
		})
	})
})
