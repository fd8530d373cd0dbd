// Kata 11, a tempting wrong fix: sleep instead of Wait.
//
// The hang is gone, but nothing orders the workers' writes to errs before the
// caller reads them: a sleep is not synchronization. The race detector, which
// tracks happens-before and not time, reports the race on every run, however
// long the sleep; and a resize slower than the sleep loses its error outright.
package thumbnail

import "time"

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
	for i, img := range images {
		go func() {
			if img.Width <= ThumbWidth {
				return // already small enough
			}
			errs[i] = resize(img)
		}()
	}
	time.Sleep(100 * time.Millisecond) // a resize takes a few milliseconds
	return errs
}
