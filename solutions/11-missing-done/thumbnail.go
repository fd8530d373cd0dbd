// Kata 11 · A WaitGroup that is never done
//
// A photo-sharing site makes a thumbnail of every picture in an album before
// it shows the album. ResizeAll starts one goroutine per picture and waits for
// all of them with a sync.WaitGroup. A picture that is already thumbnail size
// needs no work, so its goroutine returns early. Albums of large photos load
// fine; an album with a single small logo in it never loads: the WaitGroup's
// counter never gets back to zero, and Wait blocks forever.
//
// Solution: `defer wg.Done()` as the first statement of each goroutine. A
// deferred call runs however the function leaves (the early return, the end,
// even a panic in resize), so every Add(1) is matched by exactly one Done and
// Wait returns once the last goroutine has finished.
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
	// errs[i] is written only by the goroutine for images[i], and read by the
	// caller only after Wait: no two goroutines touch the same element.
	errs = make([]error, len(images))
	var wg sync.WaitGroup // counts the goroutines not yet finished
	for i, img := range images {
		// Add before go, on this goroutine: if the goroutine counted itself
		// in, Wait could find the counter at zero before it had started.
		wg.Add(1)
		go func() {
			// Deferred first thing, Done runs on every way out, including
			// ways out added later. The tempting fix, a defer at the top
			// that keeps the old wg.Done() at the end as well, counts every
			// resized picture out twice: the counter drops below zero and
			// Done panics with "sync: negative WaitGroup counter".
			// (Since Go 1.25, wg.Go(func() { ... }) does the Add and the
			// deferred Done for you.)
			defer wg.Done()
			if img.Width <= ThumbWidth {
				return // already small enough
			}
			errs[i] = resize(img)
		}()
	}
	// Each Done synchronizes before the return of the Wait it unblocks, so
	// every write to errs happens before the caller reads it. Sleeping here
	// instead would order nothing: see wrong/sleep-instead-of-wait.
	wg.Wait()
	return errs
}
