// Kata 11, a tempting wrong fix: drop the WaitGroup, count the pictures
// still at work with an atomic counter, and loop until it reaches zero.
//
// Tempting because the counter is in plain sight and every path decrements
// it (deferred), and the atomic operations order each resize's write to errs
// before the load that sees zero, so the results are right and -race is
// silent. But ResizeAll never waits: while the slowest picture is resized it
// spins on the counter, burning a core for nothing. A WaitGroup is that same
// counter with a Wait that parks until it reaches zero.
package thumbnail

import (
	"runtime"
	"sync/atomic"
)

// ThumbWidth is the width of a thumbnail, in pixels. A picture no wider than
// this needs no resizing.
const ThumbWidth = 320

// Image is one picture of an album.
type Image struct {
	Name          string
	Width, Height int
}

// ResizeAll calls resize on every image wider than ThumbWidth, each call on a
// goroutine of its own, and returns once every call has returned. errs[i] is
// the error resize returned for images[i], or nil if it succeeded or the image
// needed no resizing.
func ResizeAll(images []Image, resize func(Image) error) (errs []error) {
	errs = make([]error, len(images))
	var pending atomic.Int64 // goroutines not yet finished
	for i, img := range images {
		pending.Add(1)
		go func() {
			defer pending.Add(-1) // on every way out
			if img.Width <= ThumbWidth {
				return // already small enough
			}
			errs[i] = resize(img)
		}()
	}
	for pending.Load() > 0 {
		runtime.Gosched() // let the resizes run
	}
	return errs
}
