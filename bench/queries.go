package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// loadQueries is the fixed latency query set: the development questions
// followed by the lines of queries.txt (blank lines and # comments skipped).
func loadQueries(queriesPath, devPath string) ([]string, error) {
	cases, err := loadDevCases(devPath)
	if err != nil {
		return nil, err
	}
	var qs []string
	for _, c := range cases {
		qs = append(qs, c.Q)
	}
	f, err := os.Open(queriesPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		qs = append(qs, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", queriesPath, err)
	}
	if len(qs) < 100 {
		return nil, fmt.Errorf("%s and %s hold %d queries; the latency figures need at least 100", queriesPath, devPath, len(qs))
	}
	return qs, nil
}
