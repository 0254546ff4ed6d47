package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"talkbot/corpus/text"
)

// searchCase is a development question: it passes at rank r when the r-th
// passage returned contains one of its keys (compared as text.Key).
type searchCase struct {
	Q    string   `json:"q"`
	Keys []string `json:"keys"`
}

func loadDevCases(path string) ([]searchCase, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var dev struct {
		Search []searchCase `json:"search"`
	}
	if err := json.Unmarshal(b, &dev); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(dev.Search) == 0 {
		return nil, fmt.Errorf("%s: no search cases", path)
	}
	return dev.Search, nil
}

// Quality is answer quality over the search cases.
type Quality struct {
	Cases    int     `json:"cases"`
	Success1 float64 `json:"success_at_1"`
	Success3 float64 `json:"success_at_3"`
	MRR10    float64 `json:"mrr_at_10"`
	// Misses lists the questions with no key in the top 10.
	Misses []string `json:"misses,omitempty"`
}

// rankOf is the 1-based rank of the first passage holding a key, 0 if none.
func rankOf(passages []string, keys []string) int {
	for i, p := range passages {
		kp := text.Key(p)
		for _, k := range keys {
			if strings.Contains(kp, text.Key(k)) {
				return i + 1
			}
		}
	}
	return 0
}

// score turns the rank found for each case into the figures.
func score(cases []searchCase, ranks []int) Quality {
	q := Quality{Cases: len(cases)}
	for i, r := range ranks {
		switch {
		case r == 0 || r > 10:
			q.Misses = append(q.Misses, cases[i].Q)
			continue
		case r == 1:
			q.Success1++
			fallthrough
		case r <= 3:
			q.Success3++
		}
		q.MRR10 += 1 / float64(r)
	}
	n := float64(len(cases))
	q.Success1 /= n
	q.Success3 /= n
	q.MRR10 /= n
	return q
}
