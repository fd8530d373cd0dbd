package toolchain

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func repoRoot(t *testing.T) string {
	root, err := filepath.Abs("../../..")
	require.NoError(t, err)
	return root
}

// The real go command, with the environment broken as learners break it:
// a Problem that quotes the go command and names the cause.
func TestCheckNamesABrokenEnvironment(t *testing.T) {
	for _, tc := range []struct {
		name, key, value string
		cause, goSaid    string
	}{
		{"cgo off", "CGO_ENABLED", "0", "CGO_ENABLED=0 is set in your environment", "-race requires cgo"},
		{"missing compiler", "CC", "/nonexistent/cc", `"/nonexistent/cc", is not found`, `C compiler "/nonexistent/cc" not found`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.key == "CC" && isDarwin(t) {
				t.Skip("on macOS -race needs no C compiler")
			}
			t.Setenv(tc.key, tc.value)
			err := Check(context.Background(), repoRoot(t))
			var p *Problem
			require.True(t, errors.As(err, &p), "want a Problem, got %v", err)
			assert.Contains(t, p.Cause, tc.cause)
			assert.Contains(t, p.GoSaid, tc.goSaid)
			msg := p.Error()
			assert.True(t, strings.HasPrefix(msg, "Go cannot build with the race detector on this machine"), msg)
			assert.Contains(t, msg, "dev container")
		})
	}
}

func TestCheckPassesWhereKatasBuild(t *testing.T) {
	// The project's own tests need -race, so this machine must pass.
	assert.NoError(t, Check(context.Background(), repoRoot(t)))
}

func isDarwin(t *testing.T) bool {
	env, err := goEnv(context.Background(), repoRoot(t))
	require.NoError(t, err)
	return env.GOOS == "darwin"
}

func TestRaceSupportedMatchesTheGoCommand(t *testing.T) {
	for _, s := range []string{"linux/amd64", "linux/arm64", "darwin/arm64", "darwin/amd64", "windows/amd64"} {
		goos, goarch, _ := strings.Cut(s, "/")
		assert.True(t, RaceSupported(goos, goarch), s)
	}
	for _, s := range []string{"windows/arm64", "windows/386", "linux/386", "linux/arm", "js/wasm", "openbsd/amd64"} {
		goos, goarch, _ := strings.Cut(s, "/")
		assert.False(t, RaceSupported(goos, goarch), s)
	}
}

func TestRemedyFitsTheSystem(t *testing.T) {
	none := func(string) string { return "" }
	env := func(k, v string) func(string) string {
		return func(key string) string {
			if key == k {
				return v
			}
			return ""
		}
	}
	missing := Env{GOOS: "linux", GOARCH: "amd64", CGO_ENABLED: "0", CC: "/nonexistent/gcc"}
	debian := system{name: "Debian or Ubuntu", install: []string{"sudo apt-get install -y gcc"}}
	all := func(lines []string) string { return strings.Join(lines, "\n") }

	r := all(remedy(missing, debian, none))
	assert.Contains(t, r, "On Debian or Ubuntu, install gcc:\n  sudo apt-get install -y gcc")
	assert.Contains(t, r, "go env -w CGO_ENABLED=1")
	assert.Contains(t, r, "dev container")

	win := all(remedy(Env{GOOS: "windows", GOARCH: "amd64", CGO_ENABLED: "0", CC: "/nonexistent/gcc"}, system{name: "Windows"}, none))
	assert.Contains(t, win, "mingw-w64-ucrt-x86_64-gcc")
	assert.Contains(t, win, "go env -w CGO_ENABLED=1")
	assert.Contains(t, win, "WSL 2")

	// A compiler is there and only cgo is off: turn it on, install nothing.
	self, err := os.Executable() // any executable stands for the compiler
	require.NoError(t, err)
	off := Env{GOOS: "linux", GOARCH: "amd64", CGO_ENABLED: "0", CC: self}
	r = all(remedy(off, debian, env("CGO_ENABLED", "0")))
	assert.Contains(t, r, "export CGO_ENABLED=1")
	assert.NotContains(t, r, "apt-get")

	r = all(remedy(missing, debian, env("CC", "/nonexistent/gcc")))
	assert.Contains(t, r, "Your environment sets CC=/nonexistent/gcc: unset it")

	inContainer := all(remedy(missing, system{name: "Debian or Ubuntu", container: true, install: debian.install}, none))
	assert.Contains(t, inContainer, "Rebuild Container")
	assert.NotContains(t, inContainer, "Or skip the setup")

	arm := all(unsupported(Env{GOOS: "windows", GOARCH: "arm64"}))
	assert.Contains(t, arm, "WSL 2")
}

func TestOSRelease(t *testing.T) {
	ids := osRelease("NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\n")
	assert.True(t, ids["ubuntu"] && ids["debian"])
	ids = osRelease("ID=\"rhel\"\nID_LIKE=\"fedora centos\"\n")
	assert.True(t, ids["fedora"] && ids["rhel"])
}
