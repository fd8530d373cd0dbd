package grade

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekatas/racekatas/harness/internal/diagnose"
	"github.com/racekatas/racekatas/harness/internal/verdict"
)

func decodeClassroom(t *testing.T, s string) classroomResult {
	t.Helper()
	data, err := base64.StdEncoding.DecodeString(s)
	require.NoError(t, err)
	var res classroomResult
	require.NoError(t, json.Unmarshal(data, &res))
	return res
}

// The reporter logs passed/total × max_score and records the sum of the
// scores: with one test per point the two agree.
func TestAWeightedKataIsOneClassroomTestPerPoint(t *testing.T) {
	rep := &Report{Results: []Result{
		{Kata: "01-a", Verdict: verdict.Pass, Points: 1, MaxPoints: 1},
		{Kata: "02-b", Verdict: verdict.Pass, Points: 3, MaxPoints: 3},
		{Kata: "03-c", Verdict: verdict.Race, MaxPoints: 2},
	}, Points: 4, MaxPoints: 6}
	s, err := Classroom(rep)
	require.NoError(t, err)
	res := decodeClassroom(t, s)
	var names []string
	sum, passed := 0, 0
	for _, tc := range res.Tests {
		names = append(names, tc.Name)
		sum += tc.Score
		if tc.Status == "pass" {
			passed++
		}
	}
	assert.Equal(t, []string{"01-a", "02-b (point 1 of 3)", "02-b (point 2 of 3)", "02-b (point 3 of 3)",
		"03-c (point 1 of 2)", "03-c (point 2 of 2)"}, names)
	assert.Equal(t, 6, res.MaxScore)
	assert.Equal(t, 4, sum, "what the reporter records")
	assert.InDelta(t, 4.0, float64(passed)/float64(len(res.Tests))*float64(res.MaxScore), 1e-9, "what the reporter logs")
	assert.Equal(t, "fail", res.Status)
}

func TestAnErrorResultCarriesTheReason(t *testing.T) {
	s, err := ClassroomError("the pristine checkout /x cannot be used", 0)
	require.NoError(t, err)
	res := decodeClassroom(t, s)
	assert.Equal(t, "error", res.Status)
	assert.Equal(t, 1, res.MaxScore, "a max_score of 0 makes the reporter record nothing")
	require.Len(t, res.Tests, 1)
	assert.Equal(t, "grading stopped: the pristine checkout /x cannot be used", res.Tests[0].Message)
}

// GitHub shows ten error annotations per step: the changed katas first,
// then the next unsolved ones.
func TestAnnotationsPickChangedThenNextUnsolved(t *testing.T) {
	rep := &Report{}
	for i := 1; i <= 14; i++ {
		r := Result{Kata: fmt.Sprintf("%02d-k", i), Verdict: verdict.Race, MaxPoints: 1}
		switch i {
		case 1, 2:
			r.Verdict, r.Points, r.Changed = verdict.Pass, 1, true
		case 13, 14:
			r.Changed = true
		}
		rep.Results = append(rep.Results, r)
	}
	var picked []string
	for _, i := range Annotated(rep) {
		picked = append(picked, rep.Results[i].Kata)
	}
	assert.Equal(t, []string{"03-k", "04-k", "05-k", "06-k", "07-k", "08-k", "09-k", "10-k", "13-k", "14-k"}, picked)

	var buf bytes.Buffer
	Annotations(&buf, rep)
	assert.Equal(t, MaxAnnotations, strings.Count(buf.String(), "::error "))
	buf.Reset()
	require.NoError(t, Markdown(&buf, rep))
	assert.Contains(t, buf.String(), "GitHub shows 10 annotations per step")
}

// Control bytes in a diagnosis (a terminal's escapes, a NUL in a panic
// message) would make the XML malformed.
func TestJUnitIsWellFormedAndNamesFileAndLine(t *testing.T) {
	root := t.TempDir()
	rep := &Report{Root: root, Results: []Result{{
		Kata: "01-\x1bk", Chapter: "Ch\x00", Verdict: verdict.Panic, MaxPoints: 1,
		Diagnosis: diagnose.Diagnosis{Kind: verdict.Panic, Message: "boom \x1b[31mred\x1b[0m \x00 end",
			At: diagnose.Location{File: root + "/katas/01-k/k.go", Line: 7}},
	}, {Kata: "02-k", Verdict: verdict.Pass, Points: 1, MaxPoints: 1}}}
	var buf bytes.Buffer
	require.NoError(t, JUnit(&buf, rep))
	out := buf.String()
	for _, b := range []string{"\x1b", "\x00"} {
		assert.NotContains(t, out, b)
	}
	dec := xml.NewDecoder(strings.NewReader(out))
	for {
		_, err := dec.Token()
		if err != nil {
			assert.Equal(t, "EOF", err.Error(), "well-formed XML")
			break
		}
	}
	assert.Contains(t, out, `file="katas/01-k/k.go" line="7"`)
	assert.Contains(t, out, "boom [31mred[0m  end")
}
