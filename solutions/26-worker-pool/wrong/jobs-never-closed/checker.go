// Kata 26, a tempting wrong fix: count the results instead of closing.
//
// The caller knows how many results to expect, so it reads exactly that many
// and returns, and the report is right. But nobody closes jobs: every worker
// is still waiting in its range loop for a link that will never come, and
// stays there, holding its memory, for as long as the program runs.
package linkcheck

// Status is what checking one link found.
type Status struct {
	URL  string
	Code int // the HTTP status code, e.g. 200 or 404
}

// job is one link to check and its position in the caller's slice.
type job struct {
	i   int
	url string
}

// result is the Status found for the link at position i.
type result struct {
	i      int
	status Status
}

// CheckAll checks every link with check, on a pool of workers goroutines
// (workers must be at least 1), and returns the Status of links[i] at index
// i. check may be called from several goroutines at once.
func CheckAll(links []string, workers int, check func(url string) int) []Status {
	jobs := make(chan job)
	results := make(chan result)

	for range workers {
		go func() {
			for j := range jobs {
				results <- result{i: j.i, status: Status{URL: j.url, Code: check(j.url)}}
			}
		}()
	}

	go func() {
		for i, url := range links {
			jobs <- job{i: i, url: url}
		}
	}()

	statuses := make([]Status, len(links))
	for range links {
		r := <-results
		statuses[r.i] = r.status
	}
	return statuses
}
