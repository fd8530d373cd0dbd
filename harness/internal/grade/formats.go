package grade

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/jstemmer/go-junit-report/v2/junit"

	"github.com/racekatas/racekatas/harness/internal/report"
)

// Formats lists what --format accepts.
var Formats = []string{"text", "markdown", "json", "junit", "classroom"}

// Write renders rep in format.
func Write(w io.Writer, format string, rep *Report) error {
	switch format {
	case "text":
		return Text(w, rep)
	case "markdown":
		return Markdown(w, rep)
	case "json":
		return JSON(w, rep)
	case "junit":
		return JUnit(w, rep)
	case "classroom":
		s, err := Classroom(rep)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(w, s)
		return err
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// verdictText is what a table shows for a result.
func verdictText(r Result) string {
	switch {
	case r.Problem != "":
		return "not graded"
	case r.Passed():
		return "solved"
	}
	return r.Verdict.Label()
}

// message is the one-line reason a kata earned no points, with the place it
// points at; empty for a solved kata.
func message(rep *Report, r Result) (string, string, int) {
	if r.Problem != "" {
		return r.Problem, "", 0
	}
	if r.Passed() {
		return "", "", 0
	}
	text, at := report.Summary(rep.Root, r.Diagnosis)
	file := ""
	if !at.IsZero() {
		if rel, err := filepath.Rel(rep.Root, at.File); err == nil && !strings.HasPrefix(rel, "..") {
			file = filepath.ToSlash(rel)
		}
	}
	return text, file, at.Line
}

// Text is the plain table for a terminal or a log.
func Text(w io.Writer, rep *Report) error {
	fmt.Fprintf(w, "%-28s %-16s %-13s %s\n", "KATA", "CHAPTER", "VERDICT", "POINTS")
	for _, r := range rep.Results {
		fmt.Fprintf(w, "%-28s %-16s %-13s %d/%d\n", r.Kata, r.Chapter, verdictText(r), r.Points, r.MaxPoints)
	}
	fmt.Fprintf(w, "\nScore: %d/%d points, %d of %d katas solved", rep.Points, rep.MaxPoints, solved(rep), len(rep.Results))
	if rep.Tamper {
		fmt.Fprint(w, " (graded against pristine specs)")
	}
	fmt.Fprintln(w)
	for _, r := range rep.Results {
		if len(r.Tampered) > 0 {
			fmt.Fprintf(w, "warning: %s: %s differ from the pristine specs; the grade may not be trustworthy\n", r.Kata, strings.Join(r.Tampered, ", "))
		}
	}
	return nil
}

func solved(rep *Report) int {
	n := 0
	for _, r := range rep.Results {
		if r.Passed() {
			n++
		}
	}
	return n
}

// MaxSummary is GitHub's limit on a step summary.
const MaxSummary = 1 << 20

// Markdown is the GitHub step summary: a table, the total, and the
// diagnosis of each unsolved kata folded away. It stays under MaxSummary by
// dropping diagnoses, last first.
func Markdown(w io.Writer, rep *Report) error {
	var head strings.Builder
	fmt.Fprintf(&head, "## racekatas: %d/%d points\n\n", rep.Points, rep.MaxPoints)
	fmt.Fprintf(&head, "%d of %d katas solved", solved(rep), len(rep.Results))
	if rep.Tamper {
		head.WriteString(", graded against the pristine specs")
	}
	head.WriteString(".\n\n| kata | chapter | verdict | points |\n|---|---|---|---|\n")
	for _, r := range rep.Results {
		mark := "✅"
		if !r.Passed() {
			mark = "❌"
		}
		fmt.Fprintf(&head, "| %s %s | %s | %s | %d/%d |\n", mark, mdEscape(r.Kata), mdEscape(r.Chapter), verdictText(r), r.Points, r.MaxPoints)
	}
	var warnings strings.Builder
	for _, r := range rep.Results {
		if len(r.Tampered) > 0 {
			fmt.Fprintf(&warnings, "> ⚠️ **%s**: %s differ from the pristine specs; this grade may not be trustworthy.\n\n", r.Kata, mdEscape(strings.Join(r.Tampered, ", ")))
		}
	}
	var details []string
	for _, r := range rep.Results {
		if r.Passed() {
			continue
		}
		body := r.Problem
		if body == "" {
			body = report.Plain(report.KataRef{Name: r.Kata, Root: rep.Root}, r.Diagnosis)
		}
		details = append(details, fmt.Sprintf("<details><summary>%s: %s</summary>\n\n```\n%s\n```\n\n</details>\n", mdEscape(r.Kata), verdictText(r), strings.ReplaceAll(strings.TrimRight(body, "\n"), "```", "'''")))
	}
	out := head.String() + "\n" + warnings.String()
	for i, d := range details {
		note := fmt.Sprintf("\n_%d more diagnoses left out to stay under GitHub's summary limit._\n", len(details)-i)
		if len(out)+len(d)+len(note) > MaxSummary-1024 {
			out += note
			break
		}
		out += d
	}
	_, err := io.WriteString(w, out)
	return err
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// JSON is the report for machines.
func JSON(w io.Writer, rep *Report) error {
	type result struct {
		Result
		Message string  `json:"message,omitempty"`
		File    string  `json:"file,omitempty"`
		Line    int     `json:"line,omitempty"`
		Seconds float64 `json:"seconds"`
	}
	out := struct {
		Points    int      `json:"points"`
		MaxPoints int      `json:"maxPoints"`
		Solved    int      `json:"solved"`
		Tamper    bool     `json:"tamperProof"`
		Katas     []result `json:"katas"`
	}{rep.Points, rep.MaxPoints, solved(rep), rep.Tamper, nil}
	for _, r := range rep.Results {
		msg, file, line := message(rep, r)
		out.Katas = append(out.Katas, result{r, msg, file, line, float64(r.Duration.Milliseconds()) / 1000})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// JUnit is one testsuite with one testcase per kata; a failure carries the
// diagnosis.
func JUnit(w io.Writer, rep *Report) error {
	suite := junit.Testsuite{Name: "racekatas", Time: seconds(rep.Duration.Seconds())}
	for _, r := range rep.Results {
		tc := junit.Testcase{Name: r.Kata, Classname: r.Chapter, Time: seconds(r.Duration.Seconds())}
		msg, _, _ := message(rep, r)
		switch {
		case r.Problem != "":
			tc.Error = &junit.Result{Message: msg, Type: "not graded"}
		case !r.Passed():
			tc.Failure = &junit.Result{Message: msg, Type: string(r.Verdict),
				Data: report.Plain(report.KataRef{Name: r.Kata, Root: rep.Root}, r.Diagnosis)}
		}
		suite.AddTestcase(tc)
	}
	suites := junit.Testsuites{}
	suites.AddSuite(suite)
	return suites.WriteXML(w)
}

func seconds(s float64) string { return fmt.Sprintf("%.3f", s) }

// classroomResult is the document the GitHub Classroom grading reporter
// reads from a runner's `result` output (base64 of this JSON).
type classroomResult struct {
	Version  int             `json:"version"`
	Status   string          `json:"status"` // pass, fail or error
	MaxScore int             `json:"max_score"`
	Tests    []classroomTest `json:"tests"`
}

type classroomTest struct {
	Name     string `json:"name"`
	Status   string `json:"status"`
	Score    int    `json:"score"`
	Message  string `json:"message"`
	TestCode string `json:"test_code"`
	Filename string `json:"filename"`
	LineNo   int    `json:"line_no"`
	Duration int64  `json:"duration"` // milliseconds
}

// Classroom is the base64 result for the Classroom reporter: one test per
// kata, so the reporter gives partial credit kata by kata.
func Classroom(rep *Report) (string, error) {
	res := classroomResult{Version: 1, Status: "pass", MaxScore: rep.MaxPoints}
	for _, r := range rep.Results {
		msg, file, line := message(rep, r)
		t := classroomTest{
			Name: r.Kata, Status: "pass", Score: r.Points, Message: msg,
			TestCode: "go run ./harness/cmd/kata check " + r.Kata,
			Filename: file, LineNo: line, Duration: r.Duration.Milliseconds(),
		}
		switch {
		case r.Problem != "":
			t.Status = "error"
			res.Status = "fail"
		case !r.Passed():
			t.Status = "fail"
			res.Status = "fail"
		}
		res.Tests = append(res.Tests, t)
	}
	data, err := json.Marshal(res)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(data), nil
}

// Annotations are GitHub Actions workflow commands that mark each unsolved
// kata at the learner's line in the pull request and run views.
func Annotations(w io.Writer, rep *Report) {
	for _, r := range rep.Results {
		if r.Passed() {
			continue
		}
		msg, file, line := message(rep, r)
		props := "title=" + escapeProperty(r.Kata+" "+verdictText(r))
		if file != "" {
			props = fmt.Sprintf("file=%s,line=%d,%s", escapeProperty(file), line, props)
		}
		fmt.Fprintf(w, "::error %s::%s\n", props, escapeData(msg))
	}
}

// escapeData and escapeProperty follow the workflow command encoding.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
