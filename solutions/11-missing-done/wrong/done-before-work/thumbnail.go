// Kata 11, a tempting wrong fix: call wg.Done() first thing in the
// goroutine, so that no return can skip it.
//
// Tempting because it does what the kata asks, on every path: one Done per
// Add, whichever way the goroutine leaves, and the album loads. But Done says
// "this goroutine's work is finished", and here it is said before the work
// starts. Wait returns as soon as every goroutine has started, ResizeAll
// hands errs back while resizes are still writing to it, and -race reports
// the write and the caller's read. Defer the Done: it then runs last.
package thumbnail

import "sync"

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
			wg.Done() // first, so that no return can skip it
			if img.Width <= ThumbWidth {
				return // already small enough
			}
			errs[i] = resize(img)
		}()
	}
	wg.Wait()
	return errs
}
