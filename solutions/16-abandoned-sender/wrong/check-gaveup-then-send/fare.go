// Kata 16, a tempting wrong fix: a gaveUp channel that Quote closes when it
// times out, which the goroutine checks before it sends.
//
// Tempting because it reads right: nobody listening, no send. But the check
// and the send are two steps. If Quote gives up between them, the goroutine
// has already looked, sees nothing, and sends to nobody: the same leak, now
// only for answers that come at the very moment of the timeout. The specs
// ask for many quotes whose airline answers just as Quote gives up.
package fare

import (
	"errors"
	"time"
)

const Patience = 100 * time.Millisecond

var ErrTimeout = errors.New("fare: the airline took too long to answer")

type answer struct {
	cents int
	err   error
}

func Quote(flight string, airline func(flight string) (cents int, err error)) (int, error) {
	answers := make(chan answer)
	gaveUp := make(chan struct{})

	go func() {
		cents, err := airline(flight)
		select {
		case <-gaveUp:
			return // nobody is listening any more
		default:
		}
		answers <- answer{cents: cents, err: err}
	}()

	select {
	case a := <-answers:
		return a.cents, a.err
	case <-time.After(Patience):
		close(gaveUp)
		return 0, ErrTimeout
	}
}
