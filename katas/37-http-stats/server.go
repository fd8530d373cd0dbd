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
// Your job: make the statistics safe to update and read from many goroutines
// at once, and every snapshot consistent.
// Keep the API, and let requests be served side by side; no time.Sleep.
package webstats

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
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
// is an http.Handler; use New to make one.
type Server struct {
	render Renderer

	// TODO: record runs on the goroutine of every request, and Stats on the
	// agent's and on those of requests for /stats. Give these three fields
	// one guard that every access goes through.
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
func (s *Server) record(path string, n int) {
	// TODO: many requests run these three lines at the same time.
	s.requests++
	s.bytes += int64(n)
	s.paths[path]++
}

// Stats returns a snapshot of the statistics. The caller owns its Paths map.
func (s *Server) Stats() Stats {
	// TODO: a snapshot is taken while requests are being counted. Which of
	// them has it counted, and is it the same answer for all three fields?
	return Stats{Requests: s.requests, Bytes: s.bytes, Paths: maps.Clone(s.paths)}
}
