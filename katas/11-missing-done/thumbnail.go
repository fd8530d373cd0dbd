// Kata 11 · A WaitGroup that is never done
//
// A photo-sharing site makes a thumbnail of every picture in an album before
// it shows the album. ResizeAll starts one goroutine per picture and waits for
// all of them with a sync.WaitGroup. A picture that is already thumbnail size
// needs no work, so its goroutine returns early. Albums of large photos load
// fine; an album with a single small logo in it never loads: the WaitGroup's
// counter never gets back to zero, and Wait blocks forever.
//
// Your job: make ResizeAll return for every album, whatever its pictures.
// Keep one goroutine per picture and keep the API; no time.Sleep.
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
			// TODO: Add(1) counted this goroutine in. Count the ways it
			// can leave, and check that each one counts it out.
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
