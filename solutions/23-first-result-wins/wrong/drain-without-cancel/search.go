// Kata 23, a tempting wrong fix: after the first good answer, keep reading
// until every replica has replied, so that no goroutine is left blocked on
// its send.
//
// It is tempting because it does cure the blocked sends: every reply is
// received. But nothing tells the losers the search is over, and a replica
// stops only when its context is done. First now waits for the slowest
// replica before it returns the answer it already has; with a replica that
// searches until the page's context ends, it never returns.
package search

import "context"

// A Replica searches one copy of the index for query. It may take long, but
// it honours ctx: soon after ctx is done it gives up and returns ctx.Err().
// It is safe for concurrent use.
type Replica func(ctx context.Context, query string) (hits string, err error)

type reply struct {
	hits string
	err  error
}

// First asks every replica at once, each on a goroutine of its own, and
// returns the hits of the first one to answer without an error. If every
// replica fails, it returns the last error; if ctx is done first, the
// replicas give up and that error is ctx.Err(). replicas must not be empty.
func First(ctx context.Context, query string, replicas []Replica) (string, error) {
	replies := make(chan reply)
	for _, search := range replicas {
		go func() {
			hits, err := search(ctx, query)
			replies <- reply{hits, err}
		}()
	}

	var (
		hits  string
		found bool
		err   error
	)
	for range replicas {
		r := <-replies
		switch {
		case found:
		case r.err == nil:
			hits, found = r.hits, true
		default:
			err = r.err
		}
	}
	if found {
		return hits, nil
	}
	return "", err
}
