// Kata 37, a tempting wrong fix: one mutex per statistic.
//
// Each counter gets a mutex of its own, so that a request counting its bytes
// never waits for one counting its path: "finer-grained locking". Every
// access is guarded, and the race detector is satisfied. But record updates
// the three fields in three separate critical sections, and Stats reads them
// in three more: a snapshot taken while a request is being counted can have
// its request but not its bytes, or its path but not its request. The
// numbers then do not add up, though each one on its own is right.
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

	reqMu    sync.Mutex // protects requests
	requests int64
	bytesMu  sync.Mutex // protects bytes
	bytes    int64
	pathsMu  sync.Mutex // protects paths
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
	s.reqMu.Lock()
	s.requests++
	s.reqMu.Unlock()
	s.bytesMu.Lock()
	s.bytes += int64(n)
	s.bytesMu.Unlock()
	s.pathsMu.Lock()
	s.paths[path]++
	s.pathsMu.Unlock()
}

// Stats returns a snapshot of the statistics. The caller owns its Paths map.
func (s *Server) Stats() Stats {
	var st Stats
	s.reqMu.Lock()
	st.Requests = s.requests
	s.reqMu.Unlock()
	s.bytesMu.Lock()
	st.Bytes = s.bytes
	s.bytesMu.Unlock()
	s.pathsMu.Lock()
	st.Paths = maps.Clone(s.paths)
	s.pathsMu.Unlock()
	return st
}
