package webstats_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	webstats "github.com/racekatas/racekatas/katas/37-http-stats"
)

// clients is how many clients request pages at once in the specs where
// requests overlap, each making visits requests; looks is how many snapshots
// the monitoring agent takes meanwhile.
const (
	clients = 4
	visits  = 6
	looks   = 200
)

// pages is the site: every path the renderer knows, with its body.
var pages = map[string]string{
	"/":           "<h1>Docs</h1>",
	"/install":    "<h1>Install</h1><p>go install example.org/tool@latest</p>",
	"/changelog":  "<h1>Changelog</h1><ul><li>v1.2: faster</li></ul>",
	"/contribute": "<h1>Contribute</h1>",
}

// paths lists the keys of pages in a fixed order; client i asks for path
// (i+k) mod len(paths) on its k-th request.
var paths = []string{"/", "/install", "/changelog", "/contribute"}

// pathOf is the path client i asks for on its k-th request.
func pathOf(i, k int) string { return paths[(i+k)%len(paths)] }

// served is what the statistics should say once every client has made its
// visits requests.
func served() webstats.Stats {
	want := webstats.Stats{Paths: map[string]int64{}}
	for i := range clients {
		for k := range visits {
			p := pathOf(i, k)
			want.Requests++
			want.Bytes += int64(len(pages[p]))
			want.Paths[p]++
		}
	}
	return want
}

// A site is one spec's documentation server, behind a real HTTP listener,
// with a client of its own. Every spec builds its own, and the goroutines a
// spec starts touch nothing else: requests that a failed spec leaves running
// cannot race with the next spec's setup.
type site struct {
	probe  *harness.Probe // every page render enters and leaves it
	server *webstats.Server
	http   *httptest.Server
	client *http.Client
}

// newSite starts a server for pages. Its client keeps a connection per
// client goroutine alive between requests. The probe's gate is open from the
// start.
func newSite() *site {
	s := &site{probe: harness.NewProbe(1)}
	s.server = webstats.New(s.render)
	s.http = httptest.NewServer(s.server)
	s.client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	return s
}

// close closes the client's idle connections and shuts the server down, so
// that no connection's goroutine outlives the spec.
func (s *site) close() {
	s.client.CloseIdleConnections()
	harness.MustFinish(s.http.Close)
}

// render is the Renderer the server gets: it looks the page up in pages, in
// the probe. The server counts the request after render has returned, so
// the probe's lock cannot order one request's counting against another's.
func (s *site) render(path string) (string, bool) {
	leave := s.probe.Enter()
	defer leave()
	body, ok := pages[path]
	return body, ok
}

// get requests path and returns the status code and the body.
func (s *site) get(path string) (code int, body string) {
	GinkgoHelper()
	resp, err := s.client.Get(s.http.URL + path)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	Expect(err).NotTo(HaveOccurred())
	return resp.StatusCode, string(b)
}

// visit is client i's work: visits requests, each checked.
func (s *site) visit(i int) {
	for k := range visits {
		p := pathOf(i, k)
		code, body := s.get(p)
		Expect(code).To(Equal(http.StatusOK), p)
		Expect(body).To(Equal(pages[p]), p)
	}
}

// visitAll has every client visit at once.
func (s *site) visitAll() {
	harness.MustFinish(func() { harness.Stress(clients, s.visit) })
}

// watchWhileVisited has every client visit at once, while the monitoring
// agent, on one more goroutine, takes looks snapshots. The agent does
// nothing between its snapshots (no assertion, no formatting: anything that
// synchronises could order its reads after the handlers' writes and hide a
// race); the snapshots are checked once everybody is done.
func (s *site) watchWhileVisited() (snapshots []webstats.Stats) {
	harness.MustFinish(func() {
		harness.Stress(clients+1, func(i int) {
			if i < clients {
				s.visit(i)
				return
			}
			for range looks {
				snapshots = append(snapshots, s.server.Stats())
			}
		})
	})
	return snapshots
}

// stats returns the server's own snapshot.
func (s *site) stats() (st webstats.Stats) {
	GinkgoHelper()
	harness.MustFinish(func() { st = s.server.Stats() })
	return st
}

// statsOverHTTP fetches /stats and decodes it.
func (s *site) statsOverHTTP() (st webstats.Stats) {
	GinkgoHelper()
	harness.MustFinish(func() {
		code, body := s.get("/stats")
		Expect(code).To(Equal(http.StatusOK))
		Expect(json.Unmarshal([]byte(body), &st)).To(Succeed())
	})
	return st
}

// addsUp reports whether st is a snapshot some moment of the server could
// have had: as many requests as the paths add up to, and as many bytes as
// those requests' pages.
func addsUp(st webstats.Stats) bool {
	var requests, bytes int64
	for p, n := range st.Paths {
		requests += n
		bytes += n * int64(len(pages[p]))
	}
	return requests == st.Requests && bytes == st.Bytes
}

// nowhere is a ResponseWriter that throws the response away: the specs that
// count as fast as they can call ServeHTTP directly, on goroutines of their
// own, with no network in between.
type nowhere struct{ header http.Header }

func (w *nowhere) Header() http.Header         { return w.header }
func (w *nowhere) Write(b []byte) (int, error) { return len(b), nil }
func (w *nowhere) WriteHeader(int)             {}

// Each of the two agents of snapshotsFlatOut takes at least looksFlat
// snapshots, and goes on until the servers have counted servedFlat requests
// since its first one.
const (
	looksFlat  = 300
	servedFlat = 3000
)

// snapshotsFlatOut has two goroutines serve page requests straight into
// ServeHTTP, as fast as they can, for as long as two agents are taking
// looksFlat snapshots each. Over the network a request takes so long that a
// snapshot seldom lands while one is being counted; here thousands of
// snapshots are taken while requests are being counted, every one of them,
// on as many cores as the runtime will use, so a moment at which a request
// is half counted is seen many times over. It returns every snapshot taken.
func snapshotsFlatOut(server *webstats.Server) (snapshots [][]webstats.Stats) {
	GinkgoHelper()
	reqs := make([]*http.Request, len(paths))
	for i, p := range paths {
		reqs[i] = httptest.NewRequest(http.MethodGet, p, nil)
	}
	snapshots = make([][]webstats.Stats, 2)
	var looking atomic.Int32
	looking.Store(2)
	harness.MustFinish(func() {
		harness.Stress(4, func(i int) {
			if i < 2 {
				w := &nowhere{header: http.Header{}}
				for k := 0; looking.Load() > 0; k++ {
					server.ServeHTTP(w, reqs[(i+k)%len(reqs)])
				}
				return
			}
			defer looking.Add(-1)
			// Look at least looksFlat times, and for as long as it takes
			// the servers to count servedFlat more requests: the looks and
			// the counting overlap in time, whatever the scheduler does.
			first := server.Stats()
			snapshots[i-2] = append(snapshots[i-2], first)
			for k := 1; k < looksFlat || snapshots[i-2][k-1].Requests < first.Requests+servedFlat; k++ {
				snapshots[i-2] = append(snapshots[i-2], server.Stats())
			}
		})
	})
	return snapshots
}

var _ = Describe("Server", func() {
	var web *site

	BeforeEach(func() {
		web = newSite()
		DeferCleanup(web.close)
	})

	Context("when many clients request pages at once", func() {
		BeforeEach(func() {
			// The gate holds the first renders until every client's first
			// request is being served, so all of them count at once.
			web.probe = harness.NewProbe(clients)
		})

		It("counts every request, byte and path exactly once", func() {
			web.visitAll()
			Expect(web.stats()).To(Equal(served()), "requests went uncounted")
		})
	})

	Context("when the monitoring agent reads the stats while pages are served", func() {
		BeforeEach(func() {
			web.probe = harness.NewProbe(clients)
		})

		It("sees snapshots that add up and never go back", func() {
			snapshots := web.watchWhileVisited()

			Expect(snapshots).To(HaveLen(looks))
			last := int64(0)
			for _, st := range snapshots {
				Expect(addsUp(st)).To(BeTrue(), "a snapshot did not add up: %+v", st)
				Expect(st.Requests).To(BeNumerically(">=", last), "the request count went back")
				last = st.Requests
			}
			Expect(web.stats()).To(Equal(served()), "requests went uncounted")
		})
	})

	Context("when rendering a page takes a while", func() {
		BeforeEach(func() {
			// The gate holds the first render until a second one is in
			// flight, or until harness.ProbeWait has passed: requests served
			// side by side open it at once.
			web.probe = harness.NewProbe(2)
		})

		It("serves the requests side by side", func() {
			web.visitAll()
			Expect(web.probe.Max()).To(BeNumerically(">=", 2),
				"the requests were served one at a time: one slow page holds up every reader")
			Expect(web.stats()).To(Equal(served()))
		})
	})

	Context("when the admin page fetches /stats", func() {
		It("gets the same numbers as JSON, without counting itself", func() {
			harness.MustFinish(func() {
				web.get("/")
				web.get("/install")
				web.get("/")
			})

			want := webstats.Stats{
				Requests: 3,
				Bytes:    int64(2*len(pages["/"]) + len(pages["/install"])),
				Paths:    map[string]int64{"/": 2, "/install": 1},
			}
			Expect(web.statsOverHTTP()).To(Equal(want))
			Expect(web.statsOverHTTP()).To(Equal(want), "asking for /stats changed the stats")
			Expect(web.stats()).To(Equal(want))
		})
	})

	Context("when a page does not exist", func() {
		It("answers 404 and counts the request, with no bytes", func() {
			var code int
			harness.MustFinish(func() { code, _ = web.get("/missing") })

			Expect(code).To(Equal(http.StatusNotFound))
			Expect(web.stats()).To(Equal(webstats.Stats{Requests: 1, Paths: map[string]int64{"/missing": 1}}))
		})
	})

	Context("before any request", func() {
		It("counts nothing", func() {
			st := web.stats()
			Expect(st.Requests).To(BeZero())
			Expect(st.Bytes).To(BeZero())
			Expect(st.Paths).To(BeEmpty())
		})
	})

	Context("when the caller edits a snapshot", func() {
		It("leaves the server's own counts alone", func() {
			harness.MustFinish(func() { web.get("/") })
			st := web.stats()
			st.Paths["/"] = 1000
			Expect(web.stats().Paths).To(Equal(map[string]int64{"/": 1}))
		})
	})
	Context("when requests are counted as fast as they come while agents take snapshots", func() {
		BeforeEach(func() {
			// Use at least four Ps, whatever GOMAXPROCS the suite runs
			// with, so that counting and snapshots really run at once.
			prev := runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
			DeferCleanup(func() { runtime.GOMAXPROCS(prev) })
		})

		It("gives every snapshot numbers that add up", func() {
			server := webstats.New(func(path string) (string, bool) {
				body, ok := pages[path]
				return body, ok
			})
			snapshots := snapshotsFlatOut(server)

			bad := 0
			var first webstats.Stats
			for _, agent := range snapshots {
				for _, st := range agent {
					if !addsUp(st) {
						if bad == 0 {
							first = st
						}
						bad++
					}
				}
			}
			Expect(bad).To(BeZero(), "%d snapshots of %d did not add up; the first: %+v", bad, len(snapshots[0])+len(snapshots[1]), first)
			final := server.Stats()
			Expect(final.Requests).To(BeNumerically(">", 0))
			Expect(addsUp(final)).To(BeTrue())
		})
	})

	Context("when many requests finish at once, server after server", func() {
		It("counts every one of them, exactly once", func() {
			const (
				handlers = 8  // requests being served at once
				each     = 40 // requests each handler serves, one after another
				budget   = time.Second
				timeout  = 10 * time.Second // longer than the watchdog: a hang is the watchdog's to report
			)
			// Straight into ServeHTTP, with no network in between: requests
			// finish so close together that two are counted at the same
			// moment many times a round. Counting that reads the numbers
			// and writes them back in two steps, with nothing to stop
			// another request's count in between, loses one of the two,
			// and the totals come out short. Nothing can hold a request
			// between the two steps, so this spec relies on numbers: a
			// fresh server round after round, until one goes wrong or the
			// time is up. Eight Ps, even on a small machine: the requests
			// meet more often.
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
			want := webstats.Stats{Paths: map[string]int64{}}
			for i := range handlers {
				for k := range each {
					p := pathOf(i, k)
					want.Requests++
					want.Bytes += int64(len(pages[p]))
					want.Paths[p]++
				}
			}
			start := time.Now()
			for round := 1; time.Since(start) < budget; round++ {
				server := webstats.New(func(path string) (string, bool) {
					body, ok := pages[path]
					return body, ok
				})
				var got webstats.Stats
				done := make(chan struct{})
				go func() {
					defer GinkgoRecover()
					defer close(done)
					harness.Stress(handlers, func(i int) {
						for k := range each {
							server.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, pathOf(i, k), nil))
						}
					})
					got = server.Stats()
				}()
				select { // not Eventually: its polling would cost a round 10 ms
				case <-done:
				case <-time.After(timeout):
					Fail(fmt.Sprintf("round %d: %d handlers serving %d requests each had not finished after %s", round, handlers, each, timeout))
				}
				Expect(got).To(Equal(want), "round %d: %d requests were served, and %d counted: requests that finished together went uncounted", round, want.Requests, got.Requests)
			}
		})
	})

	Context("when a page is empty", func() {
		It("serves and counts it, with no bytes", func() {
			pages := map[string]string{"/blank": ""}
			server := webstats.New(func(path string) (string, bool) {
				body, ok := pages[path]
				return body, ok
			})
			w := &nowhere{header: http.Header{}}
			harness.MustFinish(func() {
				server.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/blank", nil))
				server.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/blank", nil))
			})
			Expect(server.Stats()).To(Equal(webstats.Stats{Requests: 2, Paths: map[string]int64{"/blank": 2}}))
		})
	})
})
