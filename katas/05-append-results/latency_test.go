package monitor_test

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	monitor "github.com/racekatas/racekatas/katas/05-append-results"
)

// size is how many servers each spec's cluster has.
const size = 24

// large is the size of a cluster bigger than any buffer or pool a learner
// may size "for the clusters we have" (32, 100, 1000, 1024...).
const large = 1500

// tries is how many rounds the spec on a large cluster gives its servers to
// be pinged all at once, in case a loaded machine stalls one round for
// harness.ProbeWait; code that never pings them all at once fails every one.
const tries = 3

// The spec that repeats runs up to repeats batches of batch rounds each
// (within harness.RepeatBound), and stops early once enough rounds have gone
// wrong.
const repeats, batch, enough = 400, 20, 5

// A cluster is one spec's servers: their names, how fast each answers, and a
// record of the pings. Every spec builds its own, and the goroutines a spec
// starts touch nothing else, so pings that a failed spec leaves running
// cannot race with the next spec's setup.
type cluster struct {
	servers []string
	rtt     map[string]time.Duration // how long each server takes to answer; read-only once built
	probe   *harness.Probe           // every ping enters and leaves it

	mu     sync.Mutex     // protects pinged
	pinged map[string]int // how many times each server was pinged
}

// newCluster returns a cluster of n servers. Server i answers in i%7+1
// milliseconds, so several servers answer equally fast. Its probe only
// counts: its gate is open from the start.
func newCluster(n int) *cluster {
	c := &cluster{
		rtt:    map[string]time.Duration{},
		probe:  harness.NewProbe(1),
		pinged: map[string]int{},
	}
	for i := range n {
		name := fmt.Sprintf("node-%02d", i)
		c.servers = append(c.servers, name)
		c.rtt[name] = time.Duration(i%7+1) * time.Millisecond
	}
	return c
}

// ping is the work function handed to Latencies: it sends nothing over the
// network, but records the call and answers with the server's timing. The
// timing is appended after ping returns, so the probe's and the cluster's
// locks cannot order one goroutine's append against another's.
func (c *cluster) ping(server string) time.Duration {
	leave := c.probe.Enter()
	defer leave()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pinged[server]++
	return c.rtt[server]
}

// Pinged returns how many times each server was pinged so far.
func (c *cluster) Pinged() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.pinged))
	for name, n := range c.pinged {
		out[name] = n
	}
	return out
}

// want is what Latencies should return: every server's timing, fastest first.
func (c *cluster) want() []time.Duration {
	var out []time.Duration
	for _, d := range c.rtt {
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

// measure runs Latencies over the cluster under the deadlock watchdog. The
// body gets the servers and the ping function as locals, read here on the
// spec's goroutine: a body left blocked by a deadlock then touches nothing
// that a later spec writes.
func (c *cluster) measure() []time.Duration {
	GinkgoHelper()
	var got []time.Duration
	servers, ping := c.servers, c.ping
	harness.MustFinish(func() { got = monitor.Latencies(servers, ping) })
	return got
}

// A rendezvous holds the pings of one round until all n servers of the round
// are being pinged, then lets them all answer at the same moment. If they do
// not all come (pings sent one at a time), it lets every ping through once
// harness.ProbeWait has passed since the first, and Met reports false. Once
// released, a ping returns without taking any lock, so nothing orders one
// goroutine's recording of its timing against another's.
type rendezvous struct {
	n    int
	open chan struct{} // closed when the round's pings may answer

	mu      sync.Mutex // protects the fields below
	waiting int        // pings held so far
	met     bool       // all n came before the wait ran out
	opened  bool
	timer   *time.Timer // lets everyone through after ProbeWait
}

func newRendezvous(n int) *rendezvous {
	return &rendezvous{n: n, open: make(chan struct{})}
}

// ping answers with rtt once the round's servers have all been pinged.
func (r *rendezvous) ping(rtt time.Duration) time.Duration {
	r.mu.Lock()
	r.waiting++
	if r.waiting == r.n {
		r.met = !r.opened
		r.openLocked()
	} else if r.timer == nil {
		r.timer = time.AfterFunc(harness.ProbeWait, func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.openLocked()
		})
	}
	r.mu.Unlock()
	<-r.open
	// The close that lets the pings go queues every one of them on the
	// processor that closed it. Gosched moves each to the global queue,
	// where any processor may pick it up, so that the goroutines record
	// their timings side by side rather than in turn.
	runtime.Gosched()
	return rtt
}

// openLocked lets every ping through; r.mu must be held.
func (r *rendezvous) openLocked() {
	if r.opened {
		return
	}
	r.opened = true
	close(r.open)
	if r.timer != nil {
		r.timer.Stop()
	}
}

// Met reports whether every ping of the round was held at once.
func (r *rendezvous) Met() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.met
}

var _ = Describe("Latencies", func() {
	var nodes *cluster

	BeforeEach(func() {
		nodes = newCluster(size)
	})

	Context("when every server of the cluster answers", func() {
		It("returns one timing per server, fastest first", func() {
			got := nodes.measure()

			Expect(got).To(HaveLen(size), "timings went missing")
			Expect(got).To(Equal(nodes.want()), "timings came out twice, or out of order")
			Expect(nodes.Pinged()).To(HaveLen(size), "some servers were never pinged")
			Expect(nodes.Pinged()).To(HaveEach(1), "some servers were pinged more than once")
		})
	})

	Context("when there are no servers", func() {
		It("returns no timings", func() {
			var got []time.Duration
			ping := nodes.ping
			harness.MustFinish(func() { got = monitor.Latencies(nil, ping) })

			Expect(got).To(BeEmpty())
			Expect(nodes.Pinged()).To(BeEmpty())
		})
	})

	Context("when the cluster has one server", func() {
		It("returns its timing", func() {
			one := newCluster(1)
			Expect(one.measure()).To(Equal(one.want()))
		})
	})

	Context("when two rounds are measured at the same moment", func() {
		It("keeps each round's timings to itself", func() {
			// Two callers of Latencies, released together: any state the
			// two rounds share (a package-level slice or lock) mixes or
			// races their timings.
			rounds := [2]*cluster{newCluster(size), newCluster(size / 2)}
			var got [2][]time.Duration
			harness.MustFinish(func() {
				harness.Stress(2, func(i int) {
					got[i] = monitor.Latencies(rounds[i].servers, rounds[i].ping)
				})
			})

			for i, round := range rounds {
				Expect(got[i]).To(Equal(round.want()), "round %d got timings that are not its own", i)
			}
		})
	})

	Context("when every server answers at the same moment, round after round", func() {
		It("keeps every timing of every round", func() {
			// Each round's pings are all held until the last one is sent,
			// then answer together, so that every goroutine hands in its
			// timing at once. Code that records a timing in two steps (an
			// atomic Load, then a Store of the next index; a slice read under
			// a lock, then stored back under a second hold of it) loses one
			// only when another goroutine comes between the two steps, and
			// no fake can hold one there; many rounds make it come. Measured
			// on two cores shared with ten other busy processes, one round in
			// a few hundred loses a timing, and about two thousand rounds run
			// in the time Repeat allows.
			//
			// A round that loses one is counted, and the rounds go on until
			// a few have: the race detector, busy with tens of thousands of
			// goroutines, can miss the two writes of one such round, and each
			// further round is another chance for it. The rounds go in
			// batches, each batch under the watchdog, whose own bookkeeping
			// costs more than a round.
			servers, rtt, want := nodes.servers, nodes.rtt, nodes.want() // read-only: shared by the rounds
			var lost atomic.Int64                                        // rounds that lost a timing or gained one
			// A round whose pings did not all meet (pings sent one at a time,
			// or a machine that stalled for harness.ProbeWait) ends the
			// rounds: the spec on slow servers judges pinging one at a time.
			var apart atomic.Bool
			harness.Repeat(repeats, func(int) {
				for range batch {
					if lost.Load() >= enough || apart.Load() {
						return
					}
					meet := newRendezvous(size)
					ping := func(server string) time.Duration { return meet.ping(rtt[server]) }
					if !slices.Equal(monitor.Latencies(servers, ping), want) {
						lost.Add(1)
					}
					if !meet.Met() {
						apart.Store(true)
					}
				}
			})
			Expect(lost.Load()).To(BeZero(), "rounds in which timings went missing, or came out twice")
		})
	})

	Context("when the cluster is larger than any buffer or pool would hold", func() {
		It("returns one timing per server", func() {
			// A channel of timings sized "big enough", sent to with a
			// select/default so that no goroutine ever blocks, drops every
			// timing past its size; a slice of fixed capacity overflows.
			big := newCluster(large)
			var got []time.Duration
			servers, ping := big.servers, big.ping
			harness.MustFinishWithin(5*time.Second, func() { got = monitor.Latencies(servers, ping) })
			Expect(got).To(HaveLen(large), "timings went missing: Latencies returned %d timings for %d servers", len(got), large)
			Expect(got).To(Equal(big.want()), "timings came out twice, or out of order")
			Expect(big.Pinged()).To(HaveLen(large), "some servers were never pinged")
			Expect(big.Pinged()).To(HaveEach(1), "some servers were pinged more than once")
		})

		It("pings every server at once", func() {
			// Every ping of a round is held until the last server is being
			// pinged, so a round meets only if all of them are in flight
			// together: a fixed pool of workers, however many, never gets
			// more than its own size in, and lets them through only after
			// harness.ProbeWait. One server each, each on a goroutine of its
			// own, and every ping starts at once: no server waits for
			// another to answer before it is pinged.
			big := newCluster(large)
			servers, rtt, want := big.servers, big.rtt, big.want()
			met := false
			for range tries {
				meet := newRendezvous(large)
				var got []time.Duration
				harness.MustFinishWithin(5*time.Second, func() {
					got = monitor.Latencies(servers, func(server string) time.Duration { return meet.ping(rtt[server]) })
				})
				Expect(got).To(Equal(want), "timings went missing, came out twice, or out of order")
				if met = meet.Met(); met {
					break
				}
			}
			Expect(met).To(BeTrue(), "the %d servers were never all being pinged at once: later servers waited for earlier ones to answer, so one slow server delays the pings of others", large)
		})
	})

	Context("when the servers are slow to answer", func() {
		BeforeEach(func() {
			// The gate holds the first ping until a second one is in
			// flight, or until harness.ProbeWait has passed: pings sent
			// side by side open it at once.
			nodes.probe = harness.NewProbe(2)
		})

		It("pings them side by side", func() {
			got := nodes.measure()

			Expect(nodes.probe.Max()).To(BeNumerically(">=", 2),
				"the servers were pinged one at a time: one slow server holds up the whole round")
			Expect(got).To(HaveLen(size), "timings went missing")
			Expect(got).To(Equal(nodes.want()), "timings came out twice, or out of order")
		})
	})
})
