// Kata 22, a tempting wrong fix: no select on two channels, but a loop that
// looks at the answer (select with default) and at ctx.Err() in turn, with
// runtime.Gosched between looks.
//
// Tempting because it answers right: the price when Quote is quick, the
// context's error at the deadline. But between looks Price never parks: it
// keeps a core busy for as long as the service takes (BUSY-WAIT). A select
// on the answer and ctx.Done() without a default waits the same two things
// at no cost.
package pricing

import (
	"context"
	"runtime"
)

type Client struct {
	Quote func(sku string) (cents int, err error)
}

type answer struct {
	cents int
	err   error
}

func (c *Client) Price(ctx context.Context, sku string) (int, error) {
	answers := make(chan answer, 1)
	go func() {
		cents, err := c.Quote(sku)
		answers <- answer{cents, err}
	}()
	for {
		select {
		case a := <-answers:
			return a.cents, a.err
		default:
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		runtime.Gosched()
	}
}
