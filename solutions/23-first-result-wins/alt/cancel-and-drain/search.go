// Kata 23 · First result wins — a correct alternative: cancel the losers,
// then wait for every replica to reply before returning, on an unbuffered
// channel.
//
// Why it is also correct: once the first good answer is in, First cancels
// the search's own context, and every replica honours it and returns soon.
// First goes on receiving until each goroutine has handed over its reply, so
// no send is ever left without a receiver and no goroutine outlives the call.
// It costs the time the losers take to notice the cancel; in exchange, when
// First returns, every replica has finished, which the reference does not
// promise.
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
// When it returns, every replica has returned.
func First(ctx context.Context, query string, replicas []Replica) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	replies := make(chan reply) // every reply is received below
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
		case found: // a loser, done after the cancel
		case r.err == nil:
			hits, found = r.hits, true
			cancel() // tell the others the search is over
		default:
			err = r.err
		}
	}
	if found {
		return hits, nil
	}
	return "", err
}
