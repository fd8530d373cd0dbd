// Kata 23, a tempting wrong fix: cancel the losers, a slot for every reply,
// and keep the first error rather than the last, as "the root cause".
//
// It is tempting because the first failure often is the interesting one, and
// the leak is cured. But the doc promises the last error when every replica
// fails, and ctx.Err() when the page gives up first: after one replica has
// failed at once and the page then gives up, this First still reports that
// old failure instead of the page's context error.
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

	replies := make(chan reply, len(replicas)) // every reply has a place to go
	for _, search := range replicas {
		go func() {
			hits, err := search(ctx, query)
			replies <- reply{hits, err}
		}()
	}

	var err error
	for range replicas {
		r := <-replies
		if r.err == nil {
			return r.hits, nil
		}
		if err == nil {
			err = r.err // keep the root cause
		}
	}
	return "", err
}
