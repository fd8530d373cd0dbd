// Kata 11, a tempting wrong fix: the WaitGroup fixed, the size check moved by
// one pixel.
//
// Done is deferred, so every goroutine is counted out and the album loads.
// But the early return now asks whether a picture is narrower than
// ThumbWidth, where the doc says a picture no wider than ThumbWidth needs no
// resizing: a banner exactly 320 pixels wide is sent to the resizer anyway,
// costing a resize for nothing, and any error it makes lands in errs for a
// picture that should have none. A boundary is part of the contract: "no
// wider than" is <=.
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
//
// resize must be safe to call from several goroutines at once.
func ResizeAll(images []Image, resize func(Image) error) (errs []error) {
	errs = make([]error, len(images))
	var wg sync.WaitGroup
	for i, img := range images {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if img.Width < ThumbWidth {
				return // already small enough
			}
			errs[i] = resize(img)
		}()
	}
	wg.Wait()
	return errs
}
