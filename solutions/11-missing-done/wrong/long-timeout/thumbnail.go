// Kata 11, a tempting wrong fix: a Wait that gives up, but only after a
// generous half minute.
//
// The Done is deferred and ResizeAll waits for the WaitGroup on a helper
// goroutine, as the half-second version does, with a limit no resize in a
// quick test ever reaches. The promise is still broken: a resize that takes
// longer than the limit (a huge panorama, a busy image service) is running
// when ResizeAll returns, the album shows a nil error for a picture that has
// no thumbnail yet, and the late resize writes errs while the caller reads
// it. No timeout is long enough to make "returns once every call has
// returned" true; a page that must not hang needs a bounded resize.
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
	case <-time.After(30 * time.Second): // far longer than any resize takes
	}
	return errs
}
