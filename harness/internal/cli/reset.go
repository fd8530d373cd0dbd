package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/racekatas/racekatas/harness/internal/manifest"
	"github.com/racekatas/racekatas/harness/internal/pristine"
	"github.com/racekatas/racekatas/harness/internal/state"
)

type resetCmd struct {
	Name string `arg:"" optional:"" help:"The kata to restore."`
	All  bool   `help:"Restore every kata."`
}

// Run restores a kata's files to their pristine content, found in git
// history by the checksums in katas/pristine.sum. The learner's own version
// of every file it replaces or removes is kept under .racekatas/backup/, and
// the command says where.
func (c *resetCmd) Run(a *app) error {
	var katas []manifest.Kata
	switch {
	case c.All && c.Name != "":
		return usageErr("give a kata name or --all, not both")
	case c.All:
		katas = a.m.Katas
	case c.Name == "":
		return usageErr("which kata? `kata reset NAME`, or `kata reset --all`")
	default:
		k, err := a.find(c.Name)
		if err != nil {
			return err
		}
		katas = []manifest.Kata{k}
	}
	sums, err := pristine.Load(a.root)
	if err != nil {
		return err
	}
	backup := filepath.Join(a.root, state.Dir, "backup", time.Now().Format("20060102-150405"))
	restoredAny := false
	for _, k := range katas {
		n, err := a.resetKata(k, sums, backup)
		if err != nil {
			return fmt.Errorf("%s: %w (nothing of it was changed)", k.Name, err)
		}
		restoredAny = restoredAny || n > 0
	}
	if !restoredAny {
		fmt.Fprintln(a.io.Out, "Nothing to restore: every file is as it came.")
		return nil
	}
	rel, _ := filepath.Rel(a.root, backup)
	fmt.Fprintf(a.io.Out, "\nYour versions are kept in %s/.\n", filepath.ToSlash(rel))
	return nil
}

// resetKata restores one kata and returns how many files it changed. It
// reads every pristine file before it touches any, so a kata is restored
// whole or not at all.
func (a *app) resetKata(k manifest.Kata, sums pristine.Sums, backup string) (int, error) {
	paths := sums.Kata(k.Name)
	if len(paths) == 0 {
		return 0, fmt.Errorf("%s records no files for it", pristine.File)
	}
	type change struct {
		path    string // relative to the root
		content []byte // nil: remove the file
	}
	var changes []change
	recorded := map[string]bool{}
	for _, p := range paths {
		recorded[p] = true
		current, err := os.ReadFile(filepath.Join(a.root, p))
		if err == nil && pristine.Hash(current) == sums[p] {
			continue
		}
		content, err := pristine.Content(a.root, p, sums[p])
		if err != nil {
			return 0, err
		}
		changes = append(changes, change{p, content})
	}
	// Files the learner added would still be compiled with the kata.
	entries, _ := os.ReadDir(a.m.Dir(k))
	for _, e := range entries {
		p := filepath.ToSlash(filepath.Join("katas", k.Name, e.Name()))
		if !e.IsDir() && !recorded[p] {
			changes = append(changes, change{p, nil})
		}
	}

	for _, ch := range changes {
		abs := filepath.Join(a.root, ch.path)
		if old, err := os.ReadFile(abs); err == nil {
			dst := filepath.Join(backup, ch.path)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return 0, err
			}
			if err := os.WriteFile(dst, old, 0o644); err != nil {
				return 0, err
			}
		}
		if ch.content == nil {
			if err := os.Remove(abs); err != nil {
				return 0, err
			}
			fmt.Fprintf(a.io.Out, "removed  %s (not part of the kata)\n", ch.path)
			continue
		}
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(abs, ch.content, 0o644); err != nil {
			return 0, err
		}
		fmt.Fprintf(a.io.Out, "restored %s\n", ch.path)
	}
	return len(changes), nil
}

type sumsCmd struct {
	Check bool `help:"Only report files whose content differs from katas/pristine.sum."`
}

// Run records the pristine checksums of every kata (for maintainers, after
// changing a kata).
func (c *sumsCmd) Run(a *app) error {
	names := make([]string, len(a.m.Katas))
	for i, k := range a.m.Katas {
		names[i] = k.Name
	}
	current, err := pristine.Compute(a.root, names)
	if err != nil {
		return err
	}
	if c.Check {
		recorded, err := pristine.Load(a.root)
		if err != nil {
			return err
		}
		if diff := pristine.Diff(recorded, current); len(diff) > 0 {
			for _, p := range diff {
				fmt.Fprintf(a.io.Out, "differs: %s\n", p)
			}
			return errFailed
		}
		fmt.Fprintln(a.io.Out, "every kata file matches", pristine.File)
		return nil
	}
	if a.draft {
		// A draft manifest lists only some katas: keep everyone else's sums.
		if recorded, err := pristine.Load(a.root); err == nil {
			for p, sum := range recorded {
				if _, mine := current[p]; !mine && !draftKata(a, p) {
					current[p] = sum
				}
			}
		}
	}
	if err := current.Write(a.root); err != nil {
		return err
	}
	fmt.Fprintf(a.io.Out, "recorded %d files in %s\n", len(current), pristine.File)
	return nil
}

// draftKata reports whether path belongs to one of the manifest's katas.
func draftKata(a *app, path string) bool {
	for _, k := range a.m.Katas {
		if strings.HasPrefix(path, "katas/"+k.Name+"/") {
			return true
		}
	}
	return false
}
