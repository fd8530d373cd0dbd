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
// Solution: two things end every goroutine First starts. The replicas search
// under a context derived from the caller's and cancelled when First
// returns, so the ones still at work give up at once. And the replies
// channel has room for a reply from every replica, so each goroutine's one
// send completes whether or not First is still reading.
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
//
// When First returns, the replicas still searching have been told to stop
// (their context is cancelled); their goroutines end as soon as they return,
// without anybody reading their replies.
func First(ctx context.Context, query string, replicas []Replica) (string, error) {
	// The search's own context: cancelled when First returns, whichever way,
	// so the losers stop searching at once rather than when the caller's
	// context ends (which may be much later, or never).
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// One slot per replica: every goroutine can hand over its reply and end,
	// even after First has stopped reading. Cancelling alone is the tempting
	// half fix: the losers stop searching, then wait forever on an
	// unbuffered send. A buffer alone is the other half: the sends never
	// block, but the losers search on until the caller's context ends. Only
	// the goroutines below send on replies, and nobody closes it: it is
	// garbage once the last of them has sent.
	replies := make(chan reply, len(replicas))
	for _, search := range replicas {
		go func() {
			hits, err := search(ctx, query)
			replies <- reply{hits, err} // never blocks: there is a slot for every replica
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
