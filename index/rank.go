package index

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"talkbot/corpus/annotate"
)

type indexReader = index.IndexReader

// proximity scores how closely a hit keeps the query's concepts together,
// from 0 (no two neighbouring concepts near each other) to 1 (every pair
// of neighbouring concepts at the distance they have in the query, as in
// an exact phrase). Each pair counts 1/(1+slack), slack being how many
// positions further apart (or out of order) the words are than in the
// query, so "line of defense" still rewards the query "line of defence".
func proximity(cs []concept, pos [][]int) float64 {
	if len(cs) < 2 {
		return 0
	}
	total := 0.0
	for i := 0; i+1 < len(cs); i++ {
		gap := cs[i+1].pos - cs[i].pos
		best := 0.0
		for _, a := range pos[i] {
			for _, b := range pos[i+1] {
				d := b - a
				slack := d - gap
				if d <= 0 {
					slack = gap - d + 1 // reversed order
				}
				if slack < 0 {
					slack = -slack
				}
				if v := 1 / (1 + float64(slack)); v > best {
					best = v
				}
			}
		}
		total += best
	}
	return total / float64(len(cs)-1)
}

// windowWidth is the span, in words, windowCoverage looks within: about
// a clause.
const windowWidth = 10

// windowCoverage is the best idf-weighted share of the question's
// concepts found within windowWidth words of one another, in any order:
// proximity rewards neighbouring concepts kept in the question's order,
// this a clause that holds most of the question however it is worded
// ("Spain refused to sign up to the 5% target" for "which country
// refused the 5% target").
func windowCoverage(cs []concept, pos [][]int) float64 {
	if len(cs) < 2 {
		return 0
	}
	type at struct{ p, c int }
	var all []at
	total := 0.0
	for i, ps := range pos {
		total += cs[i].idf
		for _, p := range ps {
			all = append(all, at{p, i})
		}
	}
	if total <= 0 || len(all) == 0 {
		return 0
	}
	sort.Slice(all, func(a, b int) bool { return all[a].p < all[b].p })
	count := make([]int, len(cs))
	best, cur := 0.0, 0.0
	lo := 0
	for _, x := range all {
		if count[x.c] == 0 {
			cur += cs[x.c].idf
		}
		count[x.c]++
		for all[lo].p < x.p-windowWidth {
			count[all[lo].c]--
			if count[all[lo].c] == 0 {
				cur -= cs[all[lo].c].idf
			}
			lo++
		}
		best = max(best, cur)
	}
	return best / total
}

// conceptPositions lists, for each concept of the query, the token
// positions at which the hit matched it (in the text or syn field).
func conceptPositions(h *search.DocumentMatch, cs []concept, termConcept map[string][]int) [][]int {
	pos := make([][]int, len(cs))
	for _, field := range []string{fText, fSyn} {
		for term, locs := range h.Locations[field] {
			for _, ci := range termConcept[field+"\x00"+term] {
				for _, l := range locs {
					pos[ci] = append(pos[ci], int(l.Pos))
				}
			}
		}
	}
	return pos
}

// annotationMatches reports, for each concept, whether the hit is
// annotated with one of its actors or speakers (those fields have no word
// positions, so they count for coverage, not proximity).
func annotationMatches(h *search.DocumentMatch, cs []concept) []bool {
	out := make([]bool, len(cs))
	actors, speakers := h.Locations[fActor], h.Locations[fSpeaker]
	for i, c := range cs {
		for _, a := range c.actors {
			out[i] = out[i] || len(actors[a]) > 0
		}
		for _, a := range c.speakers {
			out[i] = out[i] || len(speakers[a]) > 0
		}
	}
	return out
}

// titleCoverage is how much of a concept the title of a passage's
// article covers when the passage itself lacks it: a passage answers in
// its article's context, and the article on "the London summit" need not
// say "summit" in the paragraph that says where it was held (BM25F's
// insight, applied to coverage).
var titleCoverage = 0.5

// titleKeysOf lists what a title matches, keyed as concepts' terms are
// (termConcept): its stems, synonym groups and actors, sorted. The
// catalog keeps them from the build: a change here, or to what it reads
// (the analysers, the actors' names), needs mappingVersion bumped.
func titleKeysOf(ix *Index, title string) []string {
	var keys []string
	for t := range termSet(ix.textAn, title) {
		keys = append(keys, fText+"\x00"+t)
	}
	for t := range termSet(ix.synAn, title) {
		keys = append(keys, fSyn+"\x00"+t)
	}
	for _, a := range annotate.Actors(title) {
		keys = append(keys, fActor+"\x00"+strings.ToLower(a))
	}
	sort.Strings(keys)
	return slices.Compact(keys)
}

// conceptsInTitle reports, for each concept, whether the title of the
// hit's article matches it.
func (ix *Index) conceptsInTitle(h *search.DocumentMatch, n int, termConcept map[string][]int) []bool {
	out := make([]bool, n)
	art, _, _ := strings.Cut(h.ID, "/")
	for k := range ix.titleKeysOfArticle(art) {
		for _, ci := range termConcept[k] {
			out[ci] = true
		}
	}
	return out
}

// coverageFactor favours hits that match more of the query's concepts:
// a passage naming who, what and where beats one that repeats a single
// rare word. It is 1 when every concept matches. Each concept weighs its
// idf, so missing a word most passages have ("said", "Ukraine" in a
// corpus on Ukraine) costs little and missing the rare one much; a
// concept found only in the article's title counts titleCoverage of
// itself.
func coverageFactor(cs []concept, pos [][]int, byAnnotation, inTitle []bool) float64 {
	if len(pos) < 2 {
		return 1
	}
	covered, total := 0.0, 0.0
	for i, p := range pos {
		w := cs[i].idf
		total += w
		switch {
		case len(p) > 0 || byAnnotation[i]:
			covered += w
		case inTitle[i]:
			covered += titleCoverage * w
		}
	}
	if total <= 0 {
		return 1
	}
	return math.Pow(covered/total, coverageExponent)
}

// answerReach is how many words from the question's words an answer of
// the kind asked for still counts (answerNear), and definitionReach how
// far after the defined words a definition's verb may come ("Article 5
// of the North Atlantic Treaty says ...").
const (
	answerReach     = 12
	definitionReach = 7
)

// answerNear scores, from 0 to 1, how closely a hit holds an answer of
// the kinds the question asks for to the question's words: 1 for a kind
// word beside a matched word, falling to 0 at answerReach words. Words
// that are the question's own ("years" in "how many years") are not its
// answer. A definition counts when its verb follows the question's last
// concept ("X is ...", "X says ...") or a namer comes just before its
// first ("known as X").
//
// holds reports whether the hit has a word of the kinds wanted at all.
// matched is matchedPositions(pos).
func answerNear(h *search.DocumentMatch, wants Kinds, pos [][]int, matched map[int]bool) (near float64, holds bool) {
	if wants == 0 {
		return 0, false
	}
	if len(matched) == 0 {
		return 0, false
	}
	best := 0.0
	kl := h.Locations[fKind]
	for _, term := range (wants &^ KindDefinition).terms() {
		own := ownSpans(kl[term], matched)
		for _, l := range kl[term] {
			p := int(l.Pos)
			if matched[p] || own[p] {
				continue
			}
			holds = true
			d := answerReach + 1
			for m := range matched {
				d = min(d, abs(p-m))
			}
			if v := 1 - float64(d-1)/answerReach; v > best {
				best = v
			}
		}
	}
	if wants&KindDefinition != 0 && best < 1 && definitionAt(kl[kindTerms[5]], pos) {
		best = 1
	}
	return best, holds
}

// matchedPositions are the positions of a hit where the question's
// concepts matched (conceptPositions), as a set.
func matchedPositions(pos [][]int) map[int]bool {
	matched := map[int]bool{}
	for _, ps := range pos {
		for _, p := range ps {
			matched[p] = true
		}
	}
	return matched
}

// boundReach is how many words from a word of the question an answer
// still belongs to it: "several thousand troops", "33 countries", "an
// army of around 800,000", "led by Lieutenant General Nick Perry".
const boundReach = 3

// boundCoverage scores the answer of one kind (a single bit: a number, a
// name...) that belongs to something the question names: for each word
// of that kind within boundReach words of a matched word (and not the
// question's own, ownSpans), the idf-weighted share of the question's
// concepts found within windowWidth words of it; the best of them.
// "$200 billion" in a passage on French troops counts nothing for "how
// many French soldiers", and "thousands of ground troops to Ukraine" less
// than "Paris could contribute several thousand troops", which holds the
// French as well. matched is matchedPositions(pos).
func boundCoverage(h *search.DocumentMatch, cs []concept, pos [][]int, matched map[int]bool, kind Kinds) float64 {
	locs := h.Locations[fKind][kindTerms[bits.TrailingZeros16(uint16(kind))]]
	if len(locs) == 0 || len(cs) == 0 {
		return 0
	}
	total := 0.0
	for i := range pos {
		total += cs[i].idf
	}
	if total <= 0 {
		return 0
	}
	own := ownSpans(locs, matched)
	best := 0.0
	for _, l := range locs {
		q := int(l.Pos)
		if matched[q] || own[q] {
			continue
		}
		bound := false
		for d := 1; d <= boundReach && !bound; d++ {
			bound = matched[q-d] || matched[q+d]
		}
		if !bound {
			continue
		}
		c := 0.0
		for i, ps := range pos {
			for _, p := range ps {
				if abs(p-q) <= windowWidth {
					c += cs[i].idf
					break
				}
			}
		}
		best = max(best, c/total)
	}
	return best
}

// boundKinds are the kinds of answer of wants that are a word or a name
// beside what the question names: a number, a duration, a date, a place,
// a person.
func boundKinds(wants Kinds) []Kinds {
	var out []Kinds
	for _, k := range []Kinds{KindQuantity, KindDuration, KindDate, KindPlace, KindPerson} {
		if wants&k != 0 {
			out = append(out, k)
		}
	}
	return out
}

// ownSpans marks the positions of the kind words that make one name or
// figure with a word of the question: "Vladimir" in "Vladimir Zelensky"
// is no answer to a question naming Zelensky. A span is a run of kind
// words one byte apart in the text (a space or a hyphen between them).
func ownSpans(locs []*search.Location, matched map[int]bool) map[int]bool {
	var own map[int]bool
	for i := 0; i < len(locs); {
		j, hit := i+1, matched[int(locs[i].Pos)]
		for j < len(locs) && locs[j].Start <= locs[j-1].End+1 && locs[j].Pos == locs[j-1].Pos+1 {
			hit = hit || matched[int(locs[j].Pos)]
			j++
		}
		if hit && j-i > 1 {
			if own == nil {
				own = map[int]bool{}
			}
			for k := i; k < j; k++ {
				own[int(locs[k].Pos)] = true
			}
		}
		i = j
	}
	return own
}

// addKindLocations adds to each hit the locations of the kind-field
// terms of the kinds wanted (answerNear reads them). They are read from
// each term's postings for the hits alone, skipping to each: asking
// the search for them (a should clause) walked postings that hold most
// passages ("person", "refusal") and cost a third of a search at
// 10,000 articles. The index never changes once open, so the hits'
// internal ids are those of this reader.
func addKindLocations(ctx context.Context, r indexReader, hits search.DocumentMatchCollection, wants Kinds) error {
	if wants == 0 || len(hits) == 0 {
		return nil
	}
	byID := make([]*search.DocumentMatch, len(hits))
	copy(byID, hits)
	sort.Slice(byID, func(i, j int) bool { return bytes.Compare(byID[i].IndexInternalID, byID[j].IndexInternalID) < 0 })
	for _, term := range wants.terms() {
		tfr, err := r.TermFieldReader(ctx, []byte(term), fKind, false, false, true)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		var tfd index.TermFieldDoc
		for _, h := range byID {
			d, err := tfr.Advance(h.IndexInternalID, &tfd)
			if err != nil {
				_ = tfr.Close()
				return fmt.Errorf("search: %w", err)
			}
			if d == nil {
				break // no posting at or after this hit: none after the rest
			}
			if !bytes.Equal(d.ID, h.IndexInternalID) {
				continue
			}
			locs := make(search.Locations, len(d.Vectors))
			for k, v := range d.Vectors {
				locs[k] = &search.Location{Pos: v.Pos, Start: v.Start, End: v.End}
			}
			if h.Locations == nil {
				h.Locations = search.FieldTermLocationMap{}
			}
			if h.Locations[fKind] == nil {
				h.Locations[fKind] = search.TermLocationMap{}
			}
			h.Locations[fKind][term] = locs
		}
		_ = tfr.Close()
	}
	return nil
}

// strictKinds are the kinds of answer no passage gives without a word of
// that kind: a question on how many, how long or when is not answered by
// a passage with no number, duration or date in it, however well it
// matches the question's words. Such a passage's score is multiplied by
// answerMissing.
const strictKinds = KindQuantity | KindDuration | KindDate

// strict reports whether a passage holding no word of the kinds wanted
// cannot answer: one of strictKinds is asked for, or a person is
// ("who led the meeting") other than in a question on who pledged or
// refused something, which a country answers as often as a person
// ("who will lead the monitoring": "the US").
func strict(wants Kinds) bool {
	return wants&strictKinds != 0 || wants&KindPerson != 0 && wants&(KindPledge|KindRefusal) == 0
}

// definitionAt reports a definition verb within definitionReach words
// after a match of the last concept, or one word or two before a match
// of the first.
func definitionAt(verbs []*search.Location, pos [][]int) bool {
	if len(pos) == 0 {
		return false
	}
	first, last := pos[0], pos[len(pos)-1]
	for _, l := range verbs {
		p := int(l.Pos)
		for _, e := range last {
			if p > e && p-e <= definitionReach {
				return true
			}
		}
		for _, s := range first {
			if p < s && s-p <= 2 {
				return true
			}
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// termSet is the set of terms an analyzer makes of s.
func termSet(an analysis.Analyzer, s string) map[string]bool {
	out := map[string]bool{}
	for _, t := range an.Analyze([]byte(s)) {
		out[string(t.Term)] = true
	}
	return out
}

// highlight puts **…** around every matched word of the passage text,
// using the byte offsets Bleve recorded for the text and syn fields, so
// the markers sit on the source's own text.
func highlight(text string, locs search.FieldTermLocationMap) string {
	type span struct{ s, e int }
	var spans []span
	for _, field := range []string{fText, fSyn} {
		for _, ls := range locs[field] {
			for _, l := range ls {
				s, e := int(l.Start), int(l.End)
				if s >= 0 && s < e && e <= len(text) {
					spans = append(spans, span{s, e})
				}
			}
		}
	}
	if len(spans) == 0 {
		return text
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].s < spans[j].s })
	var b strings.Builder
	b.Grow(len(text) + 4*len(spans))
	last := 0
	for i := 0; i < len(spans); {
		s, e := spans[i].s, spans[i].e
		for i++; i < len(spans) && spans[i].s <= e; i++ {
			e = max(e, spans[i].e)
		}
		if s < last {
			s = last
		}
		b.WriteString(text[last:s])
		b.WriteString("**")
		b.WriteString(text[s:e])
		b.WriteString("**")
		last = e
	}
	b.WriteString(text[last:])
	return b.String()
}

// neighbourShare is how much of the best score of the passages beside a
// hit in its article (within the ranked window) the hit gains. An answer
// often runs on from the paragraph that names the question's words into
// the next ("In a joint statement Saturday, European leaders..." then
// "..., the leaders of Germany, France, Britain... said"), and a passage
// whose neighbour answers well is likelier on topic than a lone passage
// from an unrelated text that happens to share a word or two.
var neighbourShare = 0.2

// addNeighbourSupport raises each hit by neighbourShare of the better
// score of the passages just before and after it, as scored before any
// support was added.
func addNeighbourSupport(hits search.DocumentMatchCollection) {
	if neighbourShare == 0 || len(hits) < 2 {
		return
	}
	score := make(map[string]float64, len(hits))
	for _, h := range hits {
		score[h.ID] = h.Score
	}
	for _, h := range hits {
		i := strings.LastIndexByte(h.ID, '/')
		seq, err := strconv.Atoi(h.ID[i+1:])
		if i < 0 || err != nil {
			continue
		}
		art := h.ID[:i+1]
		best := max(score[art+strconv.Itoa(seq-1)], score[art+strconv.Itoa(seq+1)])
		h.Score += neighbourShare * best
	}
}
