package grade

import (
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/racekatas/racekatas/harness/internal/manifest"
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
	if n := unsolved(rep); n > MaxAnnotations {
		fmt.Fprintf(&warnings, "_GitHub shows %d annotations per step: the %d unsolved katas marked at their lines are the ones whose code changed, then the next ones in order; every diagnosis is below._\n\n", MaxAnnotations, MaxAnnotations)
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
// diagnosis. Each testcase names the file and line it is about (the
// learner's line for an unsolved kata, the kata's first file otherwise), so
// annotating tools point at the right place.
func JUnit(w io.Writer, rep *Report) error {
	suite := junitSuite{Name: "racekatas", Time: seconds(rep.Duration.Seconds())}
	for _, r := range rep.Results {
		msg, file, line := message(rep, r)
		if file == "" {
			file, line = kataFile(rep, r), 1
			if file == "" {
				line = 0
			}
		}
		tc := junitCase{Name: xmlText(r.Kata), Classname: xmlText(r.Chapter), Time: seconds(r.Duration.Seconds()),
			File: xmlText(file), Line: line}
		switch {
		case r.Problem != "":
			tc.Error = &junitResult{Message: xmlText(msg), Type: "not graded"}
			suite.Errors++
		case !r.Passed():
			tc.Failure = &junitResult{Message: xmlText(msg), Type: xmlText(string(r.Verdict)),
				Data: xmlText(report.Plain(report.KataRef{Name: r.Kata, Root: rep.Root}, r.Diagnosis))}
			suite.Failures++
		}
		suite.Tests++
		suite.Cases = append(suite.Cases, tc)
	}
	suites := junitSuites{Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Suites: []junitSuite{suite}}
	enc := xml.NewEncoder(w)
	enc.Indent("", "\t")
	if err := enc.Encode(suites); err != nil {
		return err
	}
	if err := enc.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

// The JUnit document, in the shape go-junit-report and most readers use,
// with the file and line attributes on testcase that annotating actions
// (action-junit-report, dorny/test-reporter) read.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr,omitempty"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	ID       int         `xml:"id,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string       `xml:"name,attr"`
	Classname string       `xml:"classname,attr"`
	Time      string       `xml:"time,attr"`
	File      string       `xml:"file,attr,omitempty"`
	Line      int          `xml:"line,attr,omitempty"`
	Error     *junitResult `xml:"error,omitempty"`
	Failure   *junitResult `xml:"failure,omitempty"`
}

type junitResult struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Data    string `xml:",cdata"`
}

// xmlText drops what XML 1.0 cannot hold, which encoding/xml passes through
// in CDATA: control bytes other than tab, newline and carriage return (a
// panic message or a terminal's escape sequences carry them), invalid UTF-8
// and the two non-characters U+FFFE and U+FFFF.
func xmlText(s string) string {
	clean := func(r rune) bool {
		return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0x7f && r != utf8.RuneError && r != 0xFFFE && r != 0xFFFF
	}
	ok := true
	for _, r := range s {
		if !clean(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if clean(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// kataFile is the kata's first non-test Go file, relative to the report's
// root, or "".
func kataFile(rep *Report, r Result) string {
	files, _ := filepath.Glob(filepath.Join(rep.Root, "katas", r.Kata, "*.go"))
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			return filepath.ToSlash(filepath.Join("katas", r.Kata, filepath.Base(f)))
		}
	}
	return ""
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
// point, so the reporter gives partial credit kata by kata. A kata worth N
// points (points = N in the manifest) is N tests of one point each, named
// "NAME (point i of N)": the reporter records the sum of the tests' scores
// but logs passed tests / tests × max_score, and the two agree only when
// every test is worth the same.
func Classroom(rep *Report) (string, error) {
	res := classroomResult{Version: 1, Status: "pass", MaxScore: rep.MaxPoints}
	for _, r := range rep.Results {
		msg, file, line := message(rep, r)
		status := "pass"
		switch {
		case r.Problem != "":
			status, res.Status = "error", "fail"
		case !r.Passed():
			status, res.Status = "fail", "fail"
		}
		n := max(r.MaxPoints, 1)
		for i := 1; i <= n; i++ {
			t := classroomTest{
				Name: r.Kata, Status: status, Message: msg,
				TestCode: manifest.Command(rep.Root) + " check " + r.Kata,
				Filename: file, LineNo: line, Duration: r.Duration.Milliseconds() / int64(n),
			}
			if n > 1 {
				t.Name = fmt.Sprintf("%s (point %d of %d)", r.Kata, i, n)
			}
			if status == "pass" && r.MaxPoints > 0 {
				t.Score = 1
			}
			res.Tests = append(res.Tests, t)
		}
	}
	return encodeClassroom(res)
}

// ClassroomError is the result of a grading that could not finish: status
// error, no points out of maxPoints (at least 1, or the reporter records
// nothing), and the reason as the one test's message, which the reporter
// prints for tests in error.
func ClassroomError(reason string, maxPoints int) (string, error) {
	return encodeClassroom(classroomResult{Version: 1, Status: "error", MaxScore: max(maxPoints, 1), Tests: []classroomTest{{
		Name: "grading", Status: "error", Message: "grading stopped: " + reason,
		TestCode: "go run ./harness/cmd/kata grade",
	}}})
}

func encodeClassroom(res classroomResult) (string, error) {
	data, err := json.Marshal(res)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(data), nil
}

// MaxAnnotations is how many error annotations GitHub shows for one step;
// the rest are dropped.
const MaxAnnotations = 10

// Annotated picks the unsolved katas to annotate, at most MaxAnnotations:
// first those whose code the learner changed (the katas being worked on),
// then the next unsolved ones in the manifest's order. It returns their
// indexes in rep.Results, in manifest order.
func Annotated(rep *Report) []int {
	var changed, rest []int
	for i, r := range rep.Results {
		switch {
		case r.Passed():
		case r.Changed:
			changed = append(changed, i)
		default:
			rest = append(rest, i)
		}
	}
	picked := append(changed, rest...)
	if len(picked) > MaxAnnotations {
		picked = picked[:MaxAnnotations]
	}
	sort.Ints(picked)
	return picked
}

// unsolved counts the katas that earned nothing.
func unsolved(rep *Report) int { return len(rep.Results) - solved(rep) }

// Annotations are GitHub Actions workflow commands that mark unsolved katas
// at the learner's line in the pull request and run views: the ones
// Annotated picks, since GitHub shows no more per step.
func Annotations(w io.Writer, rep *Report) {
	for _, i := range Annotated(rep) {
		r := rep.Results[i]
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
