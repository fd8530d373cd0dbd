package harness

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/onsi/ginkgo/v2"
	"github.com/onsi/gomega"
)

// SuiteTimeout bounds a whole kata suite, whatever the code under test does.
const SuiteTimeout = 30 * time.Second

// ReportEnv names the environment variable through which the kata CLI asks a
// suite for Ginkgo's JSON report (an absolute file path).
const ReportEnv = "RACEKATAS_GINKGO_REPORT"

// SpecMarker starts the line that announces each spec on stderr when the
// kata CLI runs the suite. A race report has no spec name (Ginkgo reports the
// spec as passed); the last marker before it tells which spec was running.
const SpecMarker = "racekatas: spec: "

func announceSpec() {
	if os.Getenv(ReportEnv) == "" {
		return
	}
	fmt.Fprintf(os.Stderr, "\n%s%s\n", SpecMarker, ginkgo.CurrentSpecReport().FullText())
}

// RunSuite is the whole body of a kata's Test function. It refuses to run
// without the race detector, registers Gomega, installs the per-spec leak
// check, bounds the suite by SuiteTimeout and runs the specs.
//
// It must be called once, from the package's only Test function.
func RunSuite(t *testing.T, description string) {
	t.Helper()
	if !RaceEnabled {
		t.Fatal("racekatas: this kata must run with the race detector on.\n" +
			"Run it as: go test -race ./katas/...   (or: go run -race ./harness/cmd/kata)")
	}
	gomega.RegisterFailHandler(ginkgo.Fail)
	installLeakCheck()
	suiteT.Store(t)

	suiteConfig, reporterConfig := ginkgo.GinkgoConfiguration()
	if suiteConfig.Timeout <= 0 || suiteConfig.Timeout > SuiteTimeout {
		suiteConfig.Timeout = SuiteTimeout
	}
	// After the suite timeout Ginkgo waits this long for a stuck spec before
	// giving up on it; its default of 30 s would double the bound.
	suiteConfig.GracePeriod = 2 * time.Second
	if path := os.Getenv(ReportEnv); path != "" {
		reporterConfig.JSONReport = path
		reporterConfig.NoColor = true
	}
	if os.Getenv("NO_COLOR") != "" {
		reporterConfig.NoColor = true
	}
	ginkgo.RunSpecs(t, description, suiteConfig, reporterConfig)
}
