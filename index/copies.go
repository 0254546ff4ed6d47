package index

import (
	"hash/fnv"
	"sort"
	"strconv"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Exact copies of a passage (a syndicated story filed by several
// outlets, a wire text republished) score alike, so they take many of
// the first pass's candidates, and the second pass decodes the term
// locations of each copy only for de-duplication to drop all but one
// (on the benchmark's 100,000-article tier, 200 copies of every Brown
// text). So each passage is indexed with a key of its text (fCopy, a doc
// value), and the candidates are folded by key before the second pass:
// the best scoring of each text stays, and the copies folded into it
// name their outlets on the result (collect). The first pass itself
// keeps every copy: folding inside MaxScore lowered the k-th score it
// prunes by, and reading a key for every copy that beat it cost more
// than the second pass saved (docs/tuning.md). Near-copies (a headline
// with a prefix) are left to de-duplication after ranking (dedupe.go).

// copyKey is the key of a passage's text: 64 bits of FNV-1a, in hex.
// Two different texts sharing a key (about one pair in 4·10⁻⁷ at four
// million passages) would show as one.
func copyKey(text string) string {
	h := fnv.New64a()
	h.Write([]byte(text))
	return strconv.FormatUint(h.Sum64(), 16)
}

// maxCopies bounds the copies a candidate remembers: enough to name the
// outlets that carried a story, not every one of 200 copies.
const maxCopies = 8

// foldCopies has the first pass's candidates folded by text; a variable
// only so that tests and TestScale can compare it with keeping them.
var foldCopies = true

// foldByText keeps, of the candidates nums (document numbers in snap,
// best first), the first of each copy key, and returns them with the
// numbers folded into each kept one (at most maxCopies). A candidate
// whose key cannot be read is kept.
func foldByText(snap *scorch.IndexSnapshot, nums []uint64) (kept []uint64, copies map[uint64][]uint64) {
	keys := copyKeys(snap, nums)
	first := make(map[uint64]uint64, len(nums)) // key → the candidate kept for it
	for _, num := range nums {
		k, ok := keys[num]
		if !ok || k == 0 {
			kept = append(kept, num)
			continue
		}
		rep, seen := first[k]
		if !seen {
			first[k] = num
			kept = append(kept, num)
			continue
		}
		if copies == nil {
			copies = map[uint64][]uint64{}
		}
		if len(copies[rep]) < maxCopies {
			copies[rep] = append(copies[rep], num)
		}
	}
	return kept, copies
}

// copyKeys reads the copy keys of nums in document order, each segment's
// doc values once and chunk by chunk.
func copyKeys(snap *scorch.IndexSnapshot, nums []uint64) map[uint64]uint64 {
	sorted := append([]uint64(nil), nums...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	keys := make(map[uint64]uint64, len(nums))
	fields := []string{fCopy}
	var base uint64
	i := 0
	for _, s := range snap.Segments() {
		end := base + uint64(s.FullSize())
		dv, ok := s.Segment().(segment.DocValueVisitable)
		var state segment.DocVisitState
		for ; i < len(sorted) && sorted[i] < end; i++ {
			if !ok {
				continue
			}
			num := sorted[i]
			var k uint64
			var err error
			state, err = dv.VisitDocValues(num-base, fields, func(_ string, term []byte) {
				k, _ = strconv.ParseUint(string(term), 16, 64)
			}, state)
			if err == nil {
				keys[num] = k
			}
		}
		base = end
	}
	return keys
}
