// Kata 23, a tempting wrong fix: cancel the losers, a slot for every reply,
// and take a reply only if it has hits.
//
// It is tempting because an empty result looks like no result. But a replica
// that finds nothing for the query answers "" without an error: that is an
// answer, and the doc asks for the first one without an error. This First
// skips it, and returns another replica's error (or waits for the slowest
// replica) instead.
package search

import "context"

// A Replica searches one copy of the index for query. It may take long, but
// it honours ctx: soon after ctx is done it gives up and returns ctx.Err().
// It is safe for concurrent use.
type Replica func(ctx context.Context, query string) (hits string, err error)

// reply is what one replica returned.
type reply struct {
	hits string
	err  error
}

// First asks every replica at once, each on a goroutine of its own, and
// returns the hits of the first one to answer without an error. If every
// replica fails, it returns the last error; if ctx is done first, the
// replicas give up and that error is ctx.Err(). replicas must not be empty.
func First(ctx context.Context, query string, replicas []Replica) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	replies := make(chan reply, len(replicas))
	for _, search := range replicas {
		go func() {
			hits, err := search(ctx, query)
			replies <- reply{hits, err}
		}()
	}

	var err error
	for range replicas {
		r := <-replies
		if r.err == nil && r.hits != "" {
			return r.hits, nil
		}
		if r.err != nil {
			err = r.err
		}
	}
	return "", err
}
