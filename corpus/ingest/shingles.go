package ingest

import (
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
		h := fnv64(strings.Join(words[i:i+shingleWords], " "))
		if mix(h)%sampleEvery == 0 {
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

// fnv64 is FNV-1a: the same sample for the same text in every process,
// so whether two articles are one story never changes from run to run.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// mix spreads FNV's bits (its low bits follow the last bytes closely) so
// that sampling by the low bits takes one shingle in sampleEvery.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}
