// Kata 37, a tempting wrong fix: keep an immutable snapshot behind an
// atomic.Pointer, and have record copy it, count, and store the copy.
//
// Readers need no lock, every snapshot adds up by construction, and the race
// detector sees only atomics. But Load and Store are two steps with nothing
// between them to stop another request: two requests that finish together
// both load the snapshot with 41 requests and both store one with 42, and a
// request is gone from all three numbers. Copy-on-write needs a
// CompareAndSwap loop, or a lock around the read-modify-write.
package webstats

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"sync/atomic"
)

type Stats struct {
	Requests int64            `json:"requests"` // requests served
	Bytes    int64            `json:"bytes"`    // bytes of page bodies sent
	Paths    map[string]int64 `json:"paths"`    // requests per path
}

type Renderer func(path string) (body string, ok bool)

type Server struct {
	render Renderer

	// current is never modified once published: readers need no lock, and
	// every snapshot adds up by construction.
	current atomic.Pointer[Stats]
}

func New(render Renderer) *Server {
	s := &Server{render: render}
	s.current.Store(&Stats{Paths: map[string]int64{}})
	return s
}

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

func (s *Server) record(path string, n int) {
	old := s.current.Load()
	next := &Stats{Requests: old.Requests + 1, Bytes: old.Bytes + int64(n), Paths: maps.Clone(old.Paths)}
	next.Paths[path]++
	s.current.Store(next)
}

func (s *Server) Stats() Stats {
	cur := s.current.Load()
	return Stats{Requests: cur.Requests, Bytes: cur.Bytes, Paths: maps.Clone(cur.Paths)}
}
