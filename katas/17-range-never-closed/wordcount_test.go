package wordcount_test

import (
	"fmt"
	"strings"

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

// documents is how many short documents the spec that counts them in a row
// asks for, two at a time, all within the watchdog's bound: a count that
// lingers even a dozen milliseconds after its reader is done runs out of
// time.
const documents = 400

// slowLine is a line that takes the reader a while to clean (far longer than
// the watchdog's bound divided by documents), and that has no words in it.
var slowLine = strings.Repeat("-", 1<<18)

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

	Context("when the document has no words at all", func() {
		It("counts nothing, and returns", func() {
			// The reader sends nothing: it must still say that it is done.
			Expect(count(nil)).To(BeEmpty(), "an empty document")
			Expect(count([]string{"", "   ", "...", "", "-- !? --", ""})).To(BeEmpty(), "a document of blank lines")
		})
	})

	Context("when the reader takes a while over one line", func() {
		It("waits for it, and counts the lines after it too", func() {
			// However long the counter is willing to wait for a next line,
			// a line can take longer to read: only the reader can tell that
			// it is done.
			Expect(count([]string{"Before the rule.", slowLine, "After the rule."})).To(Equal(
				map[string]int{"before": 1, "the": 2, "rule": 2, "after": 1}))
		})
	})

	Context("when many documents are counted, two at a time, one after another", func() {
		It("returns each count as soon as its reader is done, with only its own words", func() {
			harness.MustFinish(func() {
				harness.Stress(2, func(g int) {
					for i := g; i < documents; i += 2 {
						got := wordcount.Frequencies([]string{fmt.Sprintf("Page %d.", i), "", "The end."})
						Expect(got).To(Equal(map[string]int{"page": 1, fmt.Sprint(i): 1, "the": 1, "end": 1}), "document %d", i)
					}
				})
			})
		})
	})
})
