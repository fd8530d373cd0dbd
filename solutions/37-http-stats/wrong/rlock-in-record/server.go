// Kata 37, a tempting wrong fix: a sync.RWMutex, read-locked in record.
//
// "Requests only add to the counters, they never take a snapshot: let them
// share the lock, and give Stats the write lock so that it sees them all at
// once." But a read lock lets every holder in at the same time, and record
// writes: two requests counted at once both run requests++ and
// s.paths[path]++ under the same shared lock, which orders nothing between
// them. A data race, counts lost, and maybe "concurrent map writes".
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
// is an http.Handler; use New to make one.
type Server struct {
	render Renderer

	mu       sync.RWMutex // protects requests, bytes and paths, together
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
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.requests++
	s.bytes += int64(n)
	s.paths[path]++
}

// Stats returns a snapshot of the statistics. The caller owns its Paths map.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{Requests: s.requests, Bytes: s.bytes, Paths: maps.Clone(s.paths)}
}
