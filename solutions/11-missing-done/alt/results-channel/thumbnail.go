// Kata 11 · A WaitGroup that is never done
//
// A correct alternative: no WaitGroup. Each goroutine sends one result, its
// index and its error, on a channel with room for all of them, and ResizeAll
// receives exactly len(images) results.
//
// Why it is also correct: the deferred send runs on every way out of the
// goroutine, the early return included, so every goroutine reports once and
// the receive loop always ends. Each receive happens after the matching send,
// which comes after that goroutine's resize: ResizeAll has every error before
// it returns, and only ResizeAll writes errs. The buffer lets every sender
// finish without waiting for the receiver.
package thumbnail

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
	type result struct {
		i   int
		err error
	}
	results := make(chan result, len(images)) // one slot per picture; never closed

	for i, img := range images {
		go func() {
			var err error
			defer func() { results <- result{i, err} }() // on every way out
			if img.Width <= ThumbWidth {
				return // already small enough
			}
			err = resize(img)
		}()
	}

	errs = make([]error, len(images))
	for range images {
		r := <-results
		errs[r.i] = r.err
	}
	return errs
}
