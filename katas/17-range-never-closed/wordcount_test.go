package wordcount_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/racekatas/racekatas/harness"
	wordcount "github.com/racekatas/racekatas/katas/17-range-never-closed"
)

// count runs Frequencies under the deadlock watchdog.
//
// lines is an argument, evaluated on the spec's goroutine, not a variable
// the body reads: a body that deadlocks keeps running after its spec, and
// reading a spec variable from there would race with the next spec's setup.
func count(lines []string) (counts map[string]int) {
	GinkgoHelper()
	harness.MustFinish(func() { counts = wordcount.Frequencies(lines) })
	return counts
}

var _ = Describe("Frequencies", func() {
	var (
		lines []string
		want  map[string]int
	)

	Context("when every line has words in it", func() {
		BeforeEach(func() {
			lines = []string{
				"The cat sat on the mat.",
				"THE MAT WAS FLAT!",
			}
			want = map[string]int{"the": 3, "cat": 1, "sat": 1, "on": 1, "mat": 2, "was": 1, "flat": 1}
		})

		It("counts every word, whatever its case and punctuation", func() {
			Expect(count(lines)).To(Equal(want))
		})
	})

	Context("when the document has blank lines, and ends with a newline", func() {
		BeforeEach(func() {
			// Split on "\n", a document that ends with a newline ends with an
			// empty line.
			lines = []string{
				"Rain, rain,",
				"",
				"go away;",
				"   ",
				"come again another day.",
				"",
			}
			want = map[string]int{"rain": 2, "go": 1, "away": 1, "come": 1, "again": 1, "another": 1, "day": 1}
		})

		It("skips the blank lines and counts the words of the others", func() {
			Expect(count(lines)).To(Equal(want))
		})
	})
})
