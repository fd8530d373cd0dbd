// Kata 23, a tempting wrong fix: cancel the losers, a buffer of one, and a
// send that gives up (select with default) when the buffer is full.
//
// It is tempting because no send can ever block, so no goroutine is left
// stuck after First returns. But First has not returned yet when the replies
// crowd in: while it is still busy with one reply, a second fills the slot
// and a third is thrown away. When every replica fails, First waits for a
// reply that was dropped, until the page's context ends; a dropped good
// answer is lost the same way.
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

	replies := make(chan reply, 1)
	for _, search := range replicas {
		go func() {
			hits, err := search(ctx, query)
			select {
			case replies <- reply{hits, err}:
			default: // First already has a reply waiting; never block after it returned
			}
		}()
	}

	var err error
	for range replicas {
		select {
		case r := <-replies:
			if r.err == nil {
				return r.hits, nil
			}
			err = r.err
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	return "", err
}
