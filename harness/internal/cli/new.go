package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/pristine"
	"github.com/racekatas/racekatas/harness/internal/scaffold"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

type newCmd struct {
	Name    string `arg:"" help:"The kata's folder name: lower-case words joined by hyphens, a number first if you like (41-my-bug)."`
	Expect  string `required:"" enum:"race,deadlock,leak,panic,wrong-result" help:"How the unsolved kata fails: race, deadlock, leak, panic or wrong-result."`
	Title   string `help:"A one-line title (default: a placeholder to fill in)."`
	Chapter string `help:"The chapter of the learning path (default: Your katas)."`
}

// Run writes the kata, records its pristine checksums and says what is left
// to write.
func (c *newCmd) Run(a *app) error {
	created, err := scaffold.New(a.root, scaffold.Options{
		Name: c.Name, Expect: verdict.Kind(c.Expect), Title: c.Title, Chapter: c.Chapter,
	})
	for _, p := range created {
		fmt.Fprintf(a.io.Out, "%s %s\n", a.style.Green("wrote"), p)
	}
	if err != nil {
		return usageErr("%v", err)
	}
	if err := recordSums(a.root, c.Name); err != nil {
		return err
	}
	fmt.Fprintf(a.io.Out, "%s %s\n\n", a.style.Green("wrote"), pristine.File)
	cmd := manifest.Command(a.root)
	fmt.Fprintf(a.io.Out, "The files are a small working example of a %s kata. Replace every %q\n", c.Expect, scaffold.Marker)
	fmt.Fprintf(a.io.Out, "with your own program, story, specs, solution and wrong fixes, then run\n")
	fmt.Fprintf(a.io.Out, "  %s sums\n  %s verify %s\n", cmd, cmd, c.Name)
	fmt.Fprintf(a.io.Out, "verify lists everything still to write, and proves the kata fails as %s,\n", c.Expect)
	fmt.Fprintf(a.io.Out, "its solution passes and each wrong fix fails as the manifest says.\n")
	return nil
}

// recordSums records the checksums of one kata's files in pristine.sum,
// keeping every other kata's.
func recordSums(root, name string) error {
	sums, err := pristine.Load(root)
	if err != nil {
		if _, statErr := os.Stat(filepath.Join(root, pristine.File)); statErr == nil {
			return err // there, but unreadable: do not overwrite it
		}
		sums = pristine.Sums{}
	}
	for _, p := range sums.Kata(name) {
		delete(sums, p)
	}
	current, err := pristine.Compute(root, []string{name})
	if err != nil {
		return err
	}
	for p, s := range current {
		sums[p] = s
	}
	return sums.Write(root)
}

// moduleRoot is the folder of the go.mod above dir (or root, if given): the
// repository `kata new` writes into before it has a manifest.
func moduleRoot(root, dir string) (string, error) {
	if root != "" {
		return filepath.Abs(root)
	}
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no go.mod in %s or any folder above it: katas live in a Go module (`go mod init`)", dir)
		}
		d = parent
	}
}
