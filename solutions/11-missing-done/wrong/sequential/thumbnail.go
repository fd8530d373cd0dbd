// Kata 11, a tempting wrong fix: drop the goroutines.
//
// With no goroutines there is nothing to wait for, and every album returns.
// But the pictures are now resized one after another: an album of a hundred
// photos takes a hundred times as long, and the spec that watches the resizes
// with a probe sees at most one at a time.
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
	errs = make([]error, len(images))
	for i, img := range images {
		if img.Width <= ThumbWidth {
			continue // already small enough
		}
		errs[i] = resize(img)
	}
	return errs
}
