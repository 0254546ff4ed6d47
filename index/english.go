package index

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
)

//go:embed english_words.txt
var englishWordsData string

// englishWords is a general English word list (english_words.txt). A word
// a reader types that the corpus lacks is corrected only when it is in
// neither: "belong" or "paid" missing from five articles is no typo, and
// correcting them to "along" and "said" turned good questions into bad
// ones.
var englishWords = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 41000)
	sc := bufio.NewScanner(strings.NewReader(englishWordsData))
	for sc.Scan() {
		if w := sc.Text(); w != "" && w[0] != '#' {
			m[w] = struct{}{}
		}
	}
	return m
})

// isEnglishWord reports whether word (folded, lower case) is in the list.
func isEnglishWord(word string) bool {
	_, ok := englishWords()[word]
	return ok
}
