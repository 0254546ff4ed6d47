package ingest

import (
	"slices"
	"strings"
	"unicode"

	"talkbot/corpus/text"
)

// A near-copy (a syndicated wire story, a repost) shares most of its
// four-word shingles with the article it copies. Each article keeps a
// bottom-k sketch of its shingles: the sketchSize smallest of their
// hashes, with how many distinct shingles it has. Two sketches estimate
// the Jaccard similarity of the two shingle sets (the share of the
// union's sketch found in both), and with the sets' sizes, how much of
// the smaller one the larger holds. A sketch is half a kilobyte whatever
// the article's length, so a corpus of 10,000 articles keeps 5 MB of
// them and compares a new article with all of them in milliseconds.
const (
	shingleWords = 4
	sketchSize   = 64
	// minShingles is the shortest text compared: a short one shares
	// phrases with many others by chance.
	minShingles = 40
	// nearCopy is the share of the smaller text's shingles the larger
	// must hold.
	nearCopy = 0.6
)

// sketch is a text's shingles, summed up.
type sketch struct {
	mins []uint64 // the smallest hashes, ascending, at most sketchSize
	n    int      // distinct shingles
}

func sketchOf(paragraphs []string) sketch {
	var words []string
	for _, p := range paragraphs {
		words = append(words, strings.FieldsFunc(text.Key(p), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})...)
	}
	seen := map[uint64]bool{}
	var all []uint64
	for i := 0; i+shingleWords <= len(words); i++ {
		h := mix(fnv64(strings.Join(words[i:i+shingleWords], " ")))
		if !seen[h] {
			seen[h] = true
			all = append(all, h)
		}
	}
	slices.Sort(all)
	return sketch{mins: all[:min(len(all), sketchSize)], n: len(all)}
}

// containment estimates the share of the smaller text's shingles found
// in the larger (0 when either is too short to judge).
func containment(a, b sketch) float64 {
	if min(a.n, b.n) < minShingles {
		return 0
	}
	// the union's sketch: the smallest sketchSize of both, each once
	i, j, taken, both := 0, 0, 0, 0
	for taken < sketchSize && (i < len(a.mins) || j < len(b.mins)) {
		switch {
		case j >= len(b.mins) || i < len(a.mins) && a.mins[i] < b.mins[j]:
			i++
		case i >= len(a.mins) || b.mins[j] < a.mins[i]:
			j++
		default:
			both++
			i++
			j++
		}
		taken++
	}
	if taken == 0 {
		return 0
	}
	jac := float64(both) / float64(taken)
	// |A∩B| = J·|A∪B| and |A∪B| = (|A|+|B|)/(1+J)
	return jac * float64(a.n+b.n) / ((1 + jac) * float64(min(a.n, b.n)))
}

// fnv64 is FNV-1a: the same sketch for the same text in every process,
// so whether two articles are one story never changes from run to run.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// mix spreads FNV's bits, so that the smallest hashes are a fair sample.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}
