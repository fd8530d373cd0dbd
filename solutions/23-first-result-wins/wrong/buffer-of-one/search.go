// Kata 23, a tempting wrong fix: cancel the losers, and give the replies a
// buffer of one so that "the" late reply has somewhere to go.
//
// It is tempting because with two replicas it works: First takes one reply,
// the other lands in the buffer. With three, the third reply finds the
// buffer full and nobody receiving, and its goroutine blocks forever. A
// buffer must hold every reply First may not read: one slot per replica.
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
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	replies := make(chan reply, 1)
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
		err = r.err
	}
	return "", err
}
