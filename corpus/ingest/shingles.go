package ingest

import (
	"hash/maphash"
	"strings"
	"unicode"

	"talkbot/corpus/text"
)

// A near-copy (a syndicated wire story, a repost) shares most of its
// four-word shingles with the article it copies. Each article keeps a
// sample of its shingles, those whose hash falls in one bucket of
// sampleEvery, so the corpus's samples stay small (an eighth of its
// words) and two samples compare as the whole sets do, on average.
const (
	shingleWords = 4
	sampleEvery  = 8
	// minSample is the smallest sample compared: a short text shares
	// phrases with many others by chance.
	minSample = 8
	// nearCopy is the share of the smaller sample the two must have in
	// common.
	nearCopy = 0.6
)

var seed = maphash.MakeSeed()

// sample is the sampled shingle hashes of a text, each once.
func sample(paragraphs []string) map[uint64]struct{} {
	var words []string
	for _, p := range paragraphs {
		words = append(words, strings.FieldsFunc(text.Key(p), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})...)
	}
	out := map[uint64]struct{}{}
	for i := 0; i+shingleWords <= len(words); i++ {
		h := maphash.String(seed, strings.Join(words[i:i+shingleWords], " "))
		if h%sampleEvery == 0 {
			out[h] = struct{}{}
		}
	}
	return out
}

// overlap is the share of the smaller sample found in the larger one
// (0 when either is too small to judge).
func overlap(a, b map[uint64]struct{}) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < minSample {
		return 0
	}
	n := 0
	for h := range a {
		if _, ok := b[h]; ok {
			n++
		}
	}
	return float64(n) / float64(len(a))
}
