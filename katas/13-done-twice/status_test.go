package status_test

import (
	"errors"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	status "github.com/racekatas/racekatas/katas/13-done-twice"
)

// errTimeout is what a host that is down answers.
var errTimeout = errors.New("no answer within 2s")

// A cluster is one spec's servers: which answer, how fast, and a probe that
// every ping enters. Each spec builds its own, so the goroutines of a spec
// that deadlocked share nothing with the specs that follow.
type cluster struct {
	hosts   []string
	latency map[string]time.Duration // hosts that answer; read-only once built
	want    []status.Report          // what CheckAll should return
	probe   *harness.Probe

	// hold, if set, keeps the ping of a host called slow-db until the spec
	// closes it; entered is closed when that ping starts.
	hold, entered chan struct{}
}

// newCluster returns a cluster of the given hosts, in order: a host whose
// name starts with "down-" does not answer, every other one answers. Its
// probe opens its gate once two pings are in flight at once; with fewer than
// two hosts it is open from the start.
func newCluster(hosts ...string) *cluster {
	c := &cluster{
		hosts:   hosts,
		latency: map[string]time.Duration{},
		want:    make([]status.Report, len(hosts)),
		probe:   harness.NewProbe(min(2, len(hosts))),
	}
	for i, h := range hosts {
		if len(h) > 5 && h[:5] == "down-" {
			c.want[i] = status.Report{Host: h, Err: errTimeout}
			continue
		}
		c.latency[h] = time.Duration(i+1) * time.Millisecond
		c.want[i] = status.Report{Host: h, Up: true, Latency: c.latency[h]}
	}
	return c
}

// ping is the work function handed to CheckAll: it sends nothing over the
// network, but answers as the host would.
func (c *cluster) ping(host string) (time.Duration, error) {
	if host == "slow-db" && c.hold != nil {
		close(c.entered)
		<-c.hold
	}
	leave := c.probe.Enter()
	defer leave()
	if d, ok := c.latency[host]; ok {
		return d, nil
	}
	// A pinger that gives up says how long it waited; a Report has a
	// Latency only for a host that is up.
	return 2 * time.Second, errTimeout
}

// checkAll runs CheckAll over the whole cluster under the deadlock watchdog.
// The body reads only c, this spec's own cluster.
func (c *cluster) checkAll() (got []status.Report) {
	GinkgoHelper()
	harness.MustFinish(func() { got = status.CheckAll(c.hosts, c.ping) })
	return got
}

// The specs run in the order written: the first one a host is down in is the
// one with a single host.
var _ = Describe("CheckAll", func() {
	var c *cluster // the servers of the running spec

	Context("when every host is up", func() {
		BeforeEach(func() {
			c = newCluster("db-1", "cache-1", "web-1", "web-2")
		})

		It("reports each host up, with its latency, pinging them side by side", func() {
			Expect(c.checkAll()).To(Equal(c.want))
			Expect(c.probe.Max()).To(BeNumerically(">=", 2),
				"the hosts were pinged one after another: one slow host would hold up the page")
		})
	})

	Context("when the only host is down", func() {
		BeforeEach(func() {
			c = newCluster("down-db-1")
		})

		It("reports it down, with the error its ping returned", func() {
			Expect(c.checkAll()).To(Equal(c.want))
		})
	})

	Context("when some hosts are up and some are down", func() {
		BeforeEach(func() {
			c = newCluster("db-1", "down-cache-1", "web-1", "down-web-2", "web-3")
		})

		It("reports every host at its index, up or down", func() {
			Expect(c.checkAll()).To(Equal(c.want))
		})
	})

	Context("when the cluster has no hosts", func() {
		BeforeEach(func() {
			c = newCluster()
		})

		It("returns an empty report", func() {
			Expect(c.checkAll()).To(BeEmpty())
		})
	})

	Context("when two pages check their clusters at the same time", func() {
		It("gives each page the reports of its own hosts", func() {
			a, b := newCluster("db-1", "down-cache-1"), newCluster("down-web-1", "web-2", "web-3")
			var got [2][]status.Report
			harness.MustFinish(func() {
				harness.Stress(2, func(i int) {
					c := []*cluster{a, b}[i]
					got[i] = status.CheckAll(c.hosts, c.ping)
				})
			})
			Expect(got[0]).To(Equal(a.want), "the first page's reports")
			Expect(got[1]).To(Equal(b.want), "the second page's reports")
		})
	})

	Context("when a host takes longer to answer than any timeout CheckAll could set", func() {
		It("still waits for it, and reports it", func() {
			// On a fake clock a day passes the moment every goroutine
			// waits: a CheckAll that gives up after a timeout, however
			// long, has returned by then, with a report still missing.
			hosts := []string{"web-1", "down-db-1"}
			want := []status.Report{{Host: "web-1", Up: true, Latency: time.Millisecond}, {Host: "down-db-1", Err: errTimeout}}
			var got []status.Report
			returnedEarly := false
			harness.MustFinish(func() {
				harness.WithFakeTime(func() {
					hold := make(chan struct{})
					ping := func(host string) (time.Duration, error) {
						if host == "down-db-1" {
							<-hold
							return 0, errTimeout
						}
						return time.Millisecond, nil
					}
					result := make(chan []status.Report, 1)
					go func() { result <- status.CheckAll(hosts, ping) }()
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
				"CheckAll returned while a ping was still running: it stopped waiting after a timeout, and that host's report was missing")
			Expect(got).To(Equal(want))
		})
	})

	Context("while a host is slow to answer", func() {
		BeforeEach(func() {
			c = newCluster("slow-db", "web-1")
		})

		It("waits for it without spinning", func() {
			c.hold, c.entered = make(chan struct{}), make(chan struct{})
			release := sync.OnceFunc(func() { close(c.hold) })
			DeferCleanup(release) // also when the check fails: let the ping finish

			hosts, ping, entered := c.hosts, c.ping, c.entered
			result := make(chan []status.Report, 1)
			go func() { result <- status.CheckAll(hosts, ping) }()
			harness.MustFinish(func() { <-entered })

			// CheckAll has nothing to do until the slow ping returns: it
			// should be parked, not polling.
			harness.ExpectNoBusyWait()
			release()
			var got []status.Report
			harness.MustFinish(func() { got = <-result })
			Expect(got).To(Equal(c.want))
		})
	})
})
