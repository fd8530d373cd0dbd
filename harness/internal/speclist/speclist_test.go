package speclist

import (
	"encoding/json"
	"testing"

	"github.com/onsi/ginkgo/v2/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var ref = []Spec{
	{Text: "Sell sells every seat once", File: "x_test.go", Line: 10},
	{Text: "Sell turns buyers away", File: "x_test.go", Line: 20},
}

// run is a report in which each reference spec ended in the given state.
func run(t *testing.T, edit func(*types.Report), states ...types.SpecState) []byte {
	t.Helper()
	rep := types.Report{SuiteSucceeded: true}
	for i, st := range states {
		rep.SpecReports = append(rep.SpecReports, types.SpecReport{
			LeafNodeType:            types.NodeTypeIt,
			ContainerHierarchyTexts: []string{"Sell"},
			LeafNodeText:            ref[i].Text[len("Sell "):],
			LeafNodeLocation:        types.NewCodeLocationWithStackTrace(0),
			State:                   st,
		})
		rep.SpecReports[i].LeafNodeLocation.FileName = "/abs/kata/" + ref[i].File
		rep.SpecReports[i].LeafNodeLocation.LineNumber = ref[i].Line
	}
	if edit != nil {
		edit(&rep)
	}
	data, err := json.Marshal([]types.Report{rep})
	require.NoError(t, err)
	return data
}

func TestAPassNeedsEveryReferenceSpecPassed(t *testing.T) {
	passed := types.SpecStatePassed
	assert.Empty(t, Confirm(ref, run(t, nil, passed, passed)).Reason)

	cases := map[string]struct {
		report []byte
		want   string
	}{
		"no report":       {nil, "without writing Ginkgo's report"},
		"garbage":         {[]byte("{"), "incomplete or unreadable"},
		"one skipped":     {run(t, nil, passed, types.SpecStateSkipped), `1 of 2 did not; the first, "Sell turns buyers away", was skipped`},
		"one missing":     {run(t, nil, passed), "did not run"},
		"pending":         {run(t, nil, types.SpecStatePending, passed), "is pending"},
		"dry run":         {run(t, func(r *types.Report) { r.SuiteConfig.DryRun = true }, passed, passed), "dry run"},
		"focused by flag": {run(t, func(r *types.Report) { r.SuiteConfig.FocusStrings = []string{"x"} }, passed, passed), "filtered"},
		"label filter":    {run(t, func(r *types.Report) { r.SuiteConfig.LabelFilter = "x" }, passed, passed), "filtered"},
		"focused in code": {run(t, func(r *types.Report) { r.SuiteHasProgrammaticFocus = true }, passed, passed), "focused"},
		"not succeeded":   {run(t, func(r *types.Report) { r.SuiteSucceeded = false }, passed, passed), "not succeeded"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			assert.Contains(t, Confirm(ref, c.report).Reason, c.want)
		})
	}
}

func TestASpecThatRanTwiceCountsOnce(t *testing.T) {
	twice := append([]Spec{}, ref[0], ref[0], ref[1])
	passed := types.SpecStatePassed
	gap := Confirm(twice, run(t, nil, passed, passed))
	assert.Contains(t, gap.Reason, "1 of 3 did not")
	require.NotNil(t, gap.Spec)
	assert.Equal(t, 10, gap.Spec.Line)
}
