// Package toolchain checks, once and before any kata is built, that this
// machine's Go can build with the race detector. Every kata is built with
// -race; where that cannot work (cgo turned off, no C compiler, a system the
// race detector does not support) each kata would otherwise fail as a
// BUILD-ERROR that points at the learner's code. The check names the cause
// and the fix for the learner's system instead.
package toolchain

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Env is what the go command reports about the build it would make.
type Env struct {
	GOOS, GOARCH, CGO_ENABLED, CC, GOVERSION string //nolint:revive // the go env names
}

// Problem is a machine that cannot build katas: why, in the go command's
// own words too, and how to fix it here.
type Problem struct {
	Cause  string   // one or two sentences
	GoSaid string   // what go build -race printed, if it ran
	Remedy []string // lines of instructions for this system
}

func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString("Go cannot build with the race detector on this machine, so no kata can run. This is the setup, not your code.\n\n")
	fmt.Fprintf(&b, "  %s\n", p.Cause)
	if p.GoSaid != "" {
		for _, l := range strings.Split(p.GoSaid, "\n") {
			fmt.Fprintf(&b, "  │ %s\n", l)
		}
	}
	b.WriteString("\n")
	for _, l := range p.Remedy {
		if l == "" {
			b.WriteString("\n")
			continue
		}
		fmt.Fprintf(&b, "%s\n", l)
	}
	return strings.TrimRight(b.String(), "\n")
}

// buildTimeout bounds the trial build: the first one compiles the race
// runtime (shared with the first kata's build, so not wasted).
const buildTimeout = 10 * time.Minute

// Check asks the go command, run in dir (the repository root, so go.mod's
// toolchain applies), whether it can build with -race. It returns a
// *Problem when it cannot, another error when the go command itself
// cannot be run, and nil when katas can be built.
//
// The trial build of runtime/race is the judge: it needs exactly what a
// kata's build needs from the machine (cgo and a working C compiler on
// Linux and Windows; neither on macOS) and takes a few hundredths of a
// second once cached. go env only explains a failure.
func Check(ctx context.Context, dir string) error {
	env, err := goEnv(ctx, dir)
	if err != nil {
		return &Problem{
			Cause:  fmt.Sprintf("The go command does not run: %v", err),
			Remedy: append([]string{"Install Go 1.25 or later from https://go.dev/dl/ and open a new terminal."}, devContainer...),
		}
	}
	sys := detect(os.Getenv, env)
	if !RaceSupported(env.GOOS, env.GOARCH) {
		return &Problem{
			Cause:  fmt.Sprintf("The race detector does not run on %s/%s (go env GOOS/GOARCH).", env.GOOS, env.GOARCH),
			Remedy: unsupported(env),
		}
	}
	out, err := trialBuild(ctx, dir)
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return &Problem{Cause: explain(env, os.Getenv), GoSaid: out, Remedy: remedy(env, sys, os.Getenv)}
}

func goEnv(ctx context.Context, dir string) (Env, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "env", "-json", "GOOS", "GOARCH", "CGO_ENABLED", "CC", "GOVERSION")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if s := strings.TrimSpace(stderr.String()); s != "" {
			return Env{}, errors.New(s)
		}
		return Env{}, err
	}
	var env Env
	if err := json.Unmarshal(out, &env); err != nil {
		return Env{}, fmt.Errorf("go env printed %q: %w", out, err)
	}
	return env, nil
}

// trialBuild compiles the race runtime as a kata's build would, and
// returns what the go command printed when it fails.
func trialBuild(ctx context.Context, dir string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, buildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-race", "runtime/race")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return tidy(string(out)), err
}

// tidy keeps the first lines of the go command's output, without blanks.
func tidy(s string) string {
	var keep []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimRight(l, " \t"); l != "" {
			keep = append(keep, l)
		}
		if len(keep) == 8 {
			keep = append(keep, "…")
			break
		}
	}
	return strings.Join(keep, "\n")
}

// RaceSupported reports whether the race detector runs on goos/goarch, as
// of Go 1.26 (internal/platform.RaceDetectorSupported). A Go release that
// adds a system is caught by the trial build anyway.
func RaceSupported(goos, goarch string) bool {
	switch goos {
	case "linux":
		switch goarch {
		case "amd64", "arm64", "loong64", "ppc64le", "riscv64", "s390x":
			return true
		}
	case "darwin":
		return goarch == "amd64" || goarch == "arm64"
	case "freebsd", "netbsd", "windows":
		return goarch == "amd64"
	}
	return false
}

// compiler returns the program go env CC names (CC may carry flags) and
// whether it can be found.
func compiler(cc string) (string, bool) {
	fields := strings.Fields(cc)
	if len(fields) == 0 {
		return cc, false
	}
	_, err := exec.LookPath(fields[0])
	return fields[0], err == nil
}

// explain says, from go env, why the trial build failed.
func explain(env Env, getenv func(string) string) string {
	cc, found := compiler(env.CC)
	switch {
	case env.CGO_ENABLED != "1" && getenv("CGO_ENABLED") == "0":
		return fmt.Sprintf("cgo is turned off: CGO_ENABLED=0 is set in your environment. The race detector needs cgo on %s.", env.GOOS)
	case env.CGO_ENABLED != "1" && !found:
		return fmt.Sprintf("There is no C compiler: go env CC is %q, which is not on your PATH, so the go command turned cgo off. The race detector needs cgo and a C compiler on %s.", env.CC, env.GOOS)
	case env.CGO_ENABLED != "1":
		return fmt.Sprintf("cgo is turned off: go env CGO_ENABLED is %q (set with `go env -w` or in GOENV). The race detector needs cgo on %s.", env.CGO_ENABLED, env.GOOS)
	case !found:
		return fmt.Sprintf("The C compiler that go env CC names, %q, is not found. The race detector needs a C compiler on %s.", cc, env.GOOS)
	}
	return fmt.Sprintf("The C compiler %q is there, but a build with -race fails with it.", cc)
}

// system is what the remedy is written for.
type system struct {
	name      string // "Debian or Ubuntu", "Fedora", "macOS", "Windows", "Linux"
	install   []string
	wsl       bool
	container bool // inside a dev container or codespace already
}

// detect works out the learner's system from GOOS, /etc/os-release and the
// environment.
func detect(getenv func(string) string, env Env) system {
	s := system{container: getenv("CODESPACES") == "true" || getenv("REMOTE_CONTAINERS") == "true"}
	switch env.GOOS {
	case "darwin":
		s.name, s.install = "macOS", []string{"xcode-select --install     # Apple's command line tools, with clang"}
	case "windows":
		s.name = "Windows"
	case "linux":
		s.wsl = getenv("WSL_DISTRO_NAME") != "" || strings.Contains(strings.ToLower(readFile("/proc/sys/kernel/osrelease")), "microsoft")
		id := osRelease(readFile("/etc/os-release"))
		switch {
		case id["debian"] || id["ubuntu"]:
			s.name, s.install = "Debian or Ubuntu", []string{"sudo apt-get update && sudo apt-get install -y gcc libc6-dev"}
		case id["fedora"] || id["rhel"] || id["centos"]:
			s.name, s.install = "Fedora", []string{"sudo dnf install -y gcc"}
		case id["alpine"]:
			s.name = "Alpine Linux"
		default:
			s.name = "Linux"
			s.install = []string{
				"sudo apt-get install -y gcc libc6-dev    # Debian, Ubuntu",
				"sudo dnf install -y gcc                  # Fedora",
			}
		}
		if s.wsl {
			s.name += " in WSL"
		}
	default:
		s.name = env.GOOS
	}
	return s
}

func readFile(path string) string {
	data, _ := os.ReadFile(path)
	return string(data)
}

// osRelease returns the ID and ID_LIKE words of an os-release file.
func osRelease(text string) map[string]bool {
	ids := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if ok && (k == "ID" || k == "ID_LIKE") {
			for _, w := range strings.Fields(strings.Trim(v, `"'`)) {
				ids[w] = true
			}
		}
	}
	return ids
}

var devContainer = []string{
	"",
	"Or skip the setup: open the repository in its dev container (on GitHub: Code → Codespaces;",
	"in VS Code: \"Dev Containers: Reopen in Container\"), where Go and gcc are ready.",
}

// remedy is how to make -race builds work on the learner's system: turn
// cgo on where only that is missing, install a C compiler otherwise.
func remedy(env Env, s system, getenv func(string) string) []string {
	var r []string
	_, ccFound := compiler(env.CC)
	cgoOff, fromEnv := env.CGO_ENABLED != "1", getenv("CGO_ENABLED") == "0"
	if cc := getenv("CC"); cc != "" && !ccFound {
		r = append(r, fmt.Sprintf("Your environment sets CC=%s: unset it, or point it at an installed C compiler.", cc),
			"If none is installed:")
	}
	switch {
	case cgoOff && ccFound && fromEnv && env.GOOS == "windows":
		r = append(r, "Turn cgo on: remove CGO_ENABLED=0 from your environment variables, or for this",
			"terminal: $env:CGO_ENABLED = \"1\" (PowerShell) or set CGO_ENABLED=1 (cmd).")
	case cgoOff && ccFound && fromEnv:
		r = append(r, "Turn cgo on: remove CGO_ENABLED=0 from your shell's profile, or for this shell:",
			"  export CGO_ENABLED=1")
	case cgoOff && ccFound:
		r = append(r, "Turn cgo on:", "  go env -w CGO_ENABLED=1")
	case s.container:
		r = append(r, "This is a dev container or codespace: rebuild it from .devcontainer/devcontainer.json",
			"(Command Palette: \"Codespaces: Rebuild Container\" or \"Dev Containers: Rebuild Container\"), or install gcc:")
		r = append(r, indent(s.install)...)
	case env.GOOS == "windows":
		r = append(r,
			"On Windows the race detector needs a MinGW-w64 gcc on PATH and cgo turned on:",
			"  1. Install MSYS2 from https://www.msys2.org, then in its \"MSYS2 UCRT64\" shell:",
			"       pacman -S --needed mingw-w64-ucrt-x86_64-gcc",
			"  2. Add C:\\msys64\\ucrt64\\bin to your PATH (Settings → System → About → Advanced system settings",
			"     → Environment Variables), then open a new terminal.",
			"  3. go env -w CGO_ENABLED=1",
			"  4. Check: gcc --version   and   go env CC CGO_ENABLED   (gcc, 1)",
			"",
			"Or work in WSL 2: install Ubuntu (wsl --install), clone the repository inside it, install Go",
			"from https://go.dev/dl/ there (Ubuntu's golang-go package may be older than 1.25), and run",
			"  sudo apt-get update && sudo apt-get install -y gcc libc6-dev",
		)
	case env.GOOS == "darwin":
		r = append(r, "On macOS the race detector needs no C compiler; the build above failed for another reason.",
			"If it mentions xcrun or clang, install Apple's command line tools:")
		r = append(r, indent(s.install)...)
	case strings.HasPrefix(s.name, "Alpine"):
		r = append(r, "On Alpine (musl libc) the race detector does not work: use a glibc distribution or the dev container.")
	default:
		r = append(r, fmt.Sprintf("On %s, install gcc:", s.name))
		r = append(r, indent(s.install)...)
		if cgoOff && fromEnv {
			r = append(r, "and remove CGO_ENABLED=0 from your environment (for this shell: export CGO_ENABLED=1).")
		} else if cgoOff {
			r = append(r, "then open a new shell: go env CGO_ENABLED should say 1 (if not: go env -w CGO_ENABLED=1).")
		}
	}
	if !s.container {
		r = append(r, devContainer...)
	}
	return r
}

// unsupported is the way out on a system the race detector does not run on.
func unsupported(env Env) []string {
	var r []string
	if env.GOOS == "windows" && env.GOARCH == "arm64" {
		r = append(r, "On Windows on Arm the race detector does not run natively. Work in WSL 2 instead:",
			"install Ubuntu (wsl --install), clone the repository inside it, and follow the Debian/Ubuntu steps",
			"in the README (Go from https://go.dev/dl/, then sudo apt-get install -y gcc).")
	} else {
		r = append(r, "It runs on linux (amd64, arm64 and others), darwin (amd64, arm64) and windows/amd64.",
			"If you set GOOS or GOARCH yourself, unset them (and go env -u GOOS GOARCH).")
	}
	return append(r, devContainer...)
}

func indent(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = "  " + l
	}
	return out
}
