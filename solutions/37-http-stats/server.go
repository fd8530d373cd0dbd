// Kata 37 · Statistics kept by every request
//
// A team's documentation site is a small Go server. Besides its pages, it
// keeps statistics: how many requests it has served, how many bytes of
// pages, and how many requests each path got. The admin page fetches them as
// JSON from /stats, and the monitoring agent, running in the same process,
// calls Stats every few seconds. net/http serves every connection on a
// goroutine of its own, so the handlers of requests that arrive together
// update the same counters and the same map at once, while the agent reads
// them: counts go missing, a snapshot does not add up, the runtime may stop
// with "concurrent map writes", and `go test -race` reports a data race.
//
// Solution: a sync.Mutex in Server that guards the three statistics
// together. record holds it while it updates all three, Stats while it
// copies all three, so a snapshot is taken between two requests' updates,
// never in the middle of one. Rendering and writing the page happen outside
// the lock: requests are still served side by side, and only the few
// instructions that count them take turns.
package webstats

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"sync"
)

// Stats is a snapshot of what the server has served. Pages and 404s are
// counted; requests for /stats are not.
type Stats struct {
	Requests int64            `json:"requests"` // requests served
	Bytes    int64            `json:"bytes"`    // bytes of page bodies sent
	Paths    map[string]int64 `json:"paths"`    // requests per path
}

// A Renderer returns the body of the page at path, or false if there is no
// such page. It may be called from many goroutines at once.
type Renderer func(path string) (body string, ok bool)

// Server serves the pages its Renderer knows and counts what it serves. It
// is an http.Handler; use New to make one, and do not copy it after first
// use (it holds a mutex). Its methods may be called from any number of
// goroutines at once, as net/http does.
type Server struct {
	render Renderer // set by New, never changed: needs no lock

	// mu protects requests, bytes and paths, and the invariant that ties
	// them: requests is the sum of paths, and bytes the size of the pages
	// those requests got.
	//
	// One lock for the three, not an atomic counter each: atomics would make
	// every counter right in the end, but the map still needs a lock, and a
	// snapshot taken between a request's three updates would still not add
	// up. Nor is it enough to lock in record only: Stats reads while record
	// writes, and a race needs only one unsynchronised side.
	mu       sync.Mutex
	requests int64
	bytes    int64
	paths    map[string]int64
}

// New returns a server for the pages of render, with nothing counted yet.
func New(render Renderer) *Server {
	return &Server{render: render, paths: map[string]int64{}}
}

// ServeHTTP serves the statistics at /stats and a page at any other path,
// or 404 if render has no page there, and counts what it served.
//
// The lock is not held here, only in record and Stats: a render that takes
// a while, or a client that reads its response slowly, must not hold up
// every other request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/stats" {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(s.Stats())
		return
	}
	n := 0
	if body, ok := s.render(r.URL.Path); ok {
		n, _ = io.WriteString(w, body)
	} else {
		http.NotFound(w, r)
	}
	s.record(r.URL.Path, n)
}

// record counts one request for path whose page body was n bytes long.
//
// s.requests++ is a load, an add and a store, and s.paths[path]++ a lookup,
// an add and a store into a map that may grow: under the lock, no other
// request can run between those steps, and the three fields change as one.
func (s *Server) record(path string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	s.bytes += int64(n)
	s.paths[path]++
}

// Stats returns a snapshot of the statistics. The caller owns its Paths map.
//
// The three fields are read under the same hold of the lock, so the
// snapshot is the state between two requests' updates: its Requests is the
// sum of its Paths. Unlock synchronizes before the next Lock, so the
// snapshot sees every update counted before it. The map is copied under the
// lock, and only the copy leaves it: returning s.paths itself would let the
// caller read the map after the lock is released, while record writes it.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{Requests: s.requests, Bytes: s.bytes, Paths: maps.Clone(s.paths)}
}
