package uptime_test

import (
	"sync"

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
})
