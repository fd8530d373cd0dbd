// Kata 11, a tempting wrong fix: a Wait that gives up after a while.
//
// The Done is deferred, so the album loads; and to make sure a page never
// hangs again, ResizeAll waits for the WaitGroup on a helper goroutine and
// gives up after half a second. But a resize that takes longer is still
// running when ResizeAll returns: the album shows a nil error, "resized", for
// a picture that has no thumbnail yet, and the late resize then writes errs
// while the caller reads it. ResizeAll promises to return once every call has
// returned; a page that must not hang needs a bounded resize, not a bounded
// wait for it.
package thumbnail

import (
	"sync"
	"time"
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
	var wg sync.WaitGroup
	for i, img := range images {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if img.Width <= ThumbWidth {
				return // already small enough
			}
			errs[i] = resize(img)
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(500 * time.Millisecond): // never hang the album page
	}
	return errs
}
