package runner

import (
	"os"
	"runtime"
	"strings"
)

// testEnvKeep names the variables a test binary inherits. Everything else is
// left out: the code under test is the learner's, and a variable such as
// GITHUB_OUTPUT (a file the Actions runner reads after the step) or a token
// would let it forge a grade or reach the repository. What stays is what Go,
// the race runtime and the harness need.
var testEnvKeep = []string{
	"PATH", "HOME", "USER", "LOGNAME", "TMPDIR", "TEMP", "TMP", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TERM", "NO_COLOR",
	"GOCACHE", "GOROOT", "GOPATH", "GOMODCACHE", "GOTMPDIR", "GOTOOLCHAIN",
	"GORACE", "GOMAXPROCS", "GODEBUG", "GOGC", "GOMEMLIMIT", "GOTRACEBACK",
	"CGO_ENABLED", "TSAN_OPTIONS",
	// Windows: the runtime and os.UserCacheDir/TempDir need these.
	"SystemRoot", "SYSTEMROOT", "windir", "WINDIR", "USERPROFILE", "LOCALAPPDATA", "APPDATA",
	"ComSpec", "COMSPEC", "PATHEXT", "SystemDrive", "SYSTEMDRIVE", "ProgramData", "PROGRAMDATA",
	"NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE", "HOMEDRIVE", "HOMEPATH",
}

// TestEnv is the environment a test binary runs with: the variables of
// testEnvKeep found in this process's environment, then extra (KEY=VALUE),
// which wins over them.
func TestEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, ok := strings.Cut(kv, "=")
		if ok && keepVar(k) {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

func keepVar(k string) bool {
	for _, keep := range testEnvKeep {
		if k == keep || runtime.GOOS == "windows" && strings.EqualFold(k, keep) {
			return true
		}
	}
	// RACEKATAS_* are the harness's own switches (FailFastEnv, ReportEnv);
	// the runner sets the ones a run needs, but a caller's are kept.
	return strings.HasPrefix(k, RacekatasPrefix)
}

// RacekatasPrefix starts the names of the harness's own variables.
const RacekatasPrefix = "RACEKATAS_"
