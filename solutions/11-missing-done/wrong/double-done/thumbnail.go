// Kata 11, a tempting wrong fix: a deferred Done, and the old Done kept too.
//
// A picture that needs resizing now leaves through both Done calls, so it is
// counted out twice. Once the counter drops below zero, Done panics with
// "sync: negative WaitGroup counter" and takes the whole program down.
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
			defer wg.Done()
			if img.Width <= ThumbWidth {
				return // already small enough
			}
			errs[i] = resize(img)
			wg.Done()
		}()
	}
	wg.Wait()
	return errs
}
