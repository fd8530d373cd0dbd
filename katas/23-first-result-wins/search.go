// Kata 23 · First answer wins, and the others never stop
//
// A search page keeps three replicas of its index and asks all of them at
// once: whichever answers first is shown, so one slow replica never slows
// the page down. First starts a goroutine per replica and returns the first
// good answer. But nobody tells the other replicas that the search is over.
// They keep searching for as long as the page lives, and when they do
// answer, their goroutines wait forever to hand over a reply that nobody will
// read. Every search leaves goroutines behind: a goroutine leak, which the
// check at the end of each spec reports as "LEAK:".
//
// Your job: once First has its answer, make the replicas still at work stop,
// and leave no goroutine behind. Keep one goroutine per replica and keep the
// API; no time.Sleep.
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
	// TODO: First stops reading at the first good answer. What about the
	// replicas still searching, and the replies still to come? Neither is
	// told the search is over, and neither has anywhere to go.
	replies := make(chan reply)
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
