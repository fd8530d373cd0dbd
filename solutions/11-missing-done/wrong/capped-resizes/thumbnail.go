// Kata 11, a tempting wrong fix: the WaitGroup fixed, and the resizes capped
// at eight at a time.
//
// Done is deferred, so the album loads, and a buffered channel of eight
// slots spares the server's CPU. But ResizeAll promises a goroutine of its
// own for each picture, and the album page relies on the resizes all running
// at once: with twelve large photos, four wait for a slot and the album
// takes twice as long as its slowest resize. A limit is a different design
// with its own trade-off (kata 27); fixing a missing Done does not call for
// one.
package thumbnail

import "sync"

// maxResizing is how many resizes run at once: enough for any album, and
// kind to the server's CPU.
const maxResizing = 8

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
	slots := make(chan struct{}, maxResizing)
	var wg sync.WaitGroup
	for i, img := range images {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if img.Width <= ThumbWidth {
				return // already small enough
			}
			slots <- struct{}{}
			defer func() { <-slots }()
			errs[i] = resize(img)
		}()
	}
	wg.Wait()
	return errs
}
