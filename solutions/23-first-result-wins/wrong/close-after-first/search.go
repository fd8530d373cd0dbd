// Kata 23, a tempting wrong fix: cancel the losers, and close the channel so
// that their sends stop waiting.
//
// Closing a channel does not release a sender: a send on a closed channel
// panics. The slow replicas give up when First cancels them, send their
// replies on the channel First has just closed, and crash the program. Only
// a sender may close a channel, and only once no other send can follow.
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

	replies := make(chan reply)
	defer close(replies)
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
