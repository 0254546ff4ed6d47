package index

import (
	"context"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"talkbot/corpus/text"
)

// concept is one idea of the query: a content word, or a phrase that is
// an entry of the synonyms data ("United States").
type concept struct {
	terms []string // stems in the text field
	syn   string   // canonical synonym-group term, "" when in no group
	// exact is the syn-field term of the words as typed when they are a
	// multi-word synonym entry ("United States"), "" otherwise.
	exact      string
	start, end int // byte span in the (corrected) query
	pos        int // token position of its first word in the query
}

// correctSpelling replaces each content word that is in neither the index
// nor the synonyms data by the closest frequent word of the index.
func (ix *Index) correctSpelling(ctx context.Context, r index.IndexReader, q string) (string, bool) {
	var b strings.Builder
	last, changed := 0, false
	for _, tok := range ix.wordAn.Analyze([]byte(q)) {
		raw := q[tok.Start:tok.End]
		word := string(tok.Term)
		if len(ix.textAn.Analyze([]byte(raw))) == 0 || utf8.RuneCountInString(word) < 4 ||
			strings.IndexFunc(word, unicode.IsDigit) >= 0 || synonyms().known(raw) ||
			docFreq(ctx, r, fWords, word) > 0 || ix.stemIndexed(ctx, r, raw) {
			continue
		}
		fix, ok := ix.spellCache.Get(word)
		if !ok {
			fix = ix.closestWord(ctx, r, word)
			if ctx.Err() == nil {
				ix.spellCache.Put(word, fix)
			}
		}
		if fix == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(raw); unicode.IsUpper(r) {
			f, size := utf8.DecodeRuneInString(fix)
			fix = string(unicode.ToUpper(f)) + fix[size:]
		}
		b.WriteString(q[last:tok.Start])
		b.WriteString(fix)
		last = tok.End
		changed = true
	}
	if !changed {
		return q, false
	}
	b.WriteString(q[last:])
	return b.String(), true
}

// stemIndexed reports whether the word's stem is in the index even
// though the word itself is not ("occupy" when the text has "occupying").
func (ix *Index) stemIndexed(ctx context.Context, r index.IndexReader, raw string) bool {
	for _, t := range ix.textAn.Analyze([]byte(raw)) {
		if docFreq(ctx, r, fText, string(t.Term)) > 0 {
			return true
		}
	}
	return false
}

// closestWord is the index word nearest to word by edit distance (a
// transposition counts as one edit), the more frequent on a tie.
func (ix *Index) closestWord(ctx context.Context, r index.IndexReader, word string) string {
	fz := 2
	if utf8.RuneCountInString(word) <= 5 {
		fz = 1
	}
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return ""
	}
	fd, err := fr.FieldDictFuzzy(fWords, word, fz, "")
	if err != nil {
		return ""
	}
	defer fd.Close()
	best, bestD, bestF := "", fz+1, uint64(0)
	for n := 0; n < 200; n++ {
		e, err := fd.Next()
		if err != nil || e == nil {
			break
		}
		if utf8.RuneCountInString(e.Term) < 3 {
			continue
		}
		d := text.EditDistance(word, e.Term)
		if d > fz || d > bestD {
			continue
		}
		f := docFreq(ctx, r, fWords, e.Term)
		if d < bestD || f > bestF {
			best, bestD, bestF = e.Term, d, f
		}
	}
	return best
}

func docFreq(ctx context.Context, r index.IndexReader, field, term string) uint64 {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0
	}
	defer tfr.Close()
	return tfr.Count()
}

// concepts splits the query into concepts: each stemmed content word,
// with the words of one synonym entry grouped into one concept.
func (ix *Index) concepts(q string) ([]concept, map[string][]int) {
	synToks := ix.synAn.Analyze([]byte(q))
	var cs []concept
	lastSyn := -1
	for _, t := range ix.textAn.Analyze([]byte(q)) {
		si := -1
		for k, s := range synToks {
			if s.Start <= t.Start && t.End <= s.End {
				si = k
				break
			}
		}
		if si >= 0 && si == lastSyn {
			c := &cs[len(cs)-1]
			c.terms = append(c.terms, string(t.Term))
			c.end = t.End
			continue
		}
		c := concept{terms: []string{string(t.Term)}, start: t.Start, end: t.End, pos: t.Position}
		if si >= 0 {
			c.syn = string(synToks[si].Term)
			if k := si + 1; k < len(synToks) && synToks[k].Start == synToks[si].Start && strings.Contains(string(synToks[k].Term), "=") {
				c.exact = string(synToks[k].Term)
			}
		}
		lastSyn = si
		cs = append(cs, c)
	}
	tc := map[string][]int{}
	for i, c := range cs {
		for _, t := range c.terms {
			tc[fText+"\x00"+t] = append(tc[fText+"\x00"+t], i)
		}
		for _, t := range []string{c.syn, c.exact} {
			if t != "" {
				tc[fSyn+"\x00"+t] = append(tc[fSyn+"\x00"+t], i)
			}
		}
	}
	return cs, tc
}

// boostSyn is what a synonym or name variant counts for, relative to the
// word typed, when the two are equally rare. An exact word also scores
// on its group, so it always ranks first.
const boostSyn = 0.6

// synBoost is the boost of a concept's synonym-group clause. Bleve's BM25
// weighs a term by idf twice (query weight and field weight), so a group,
// being commoner than any one of its words, would count for almost
// nothing next to a rare typed word: "promising to send forces" would
// lose to any passage that repeats "pledges". Scaling by the squared idf
// ratio makes a synonym count boostSyn of the word it stands for.
func synBoost(ctx context.Context, r index.IndexReader, n uint64, c concept) float64 {
	field, exact := fText, c.terms[0]
	if c.exact != "" {
		field, exact = fSyn, c.exact
	}
	idfText := bm25IDF(n, docFreq(ctx, r, field, exact))
	idfSyn := bm25IDF(n, docFreq(ctx, r, fSyn, c.syn))
	if idfSyn <= 0 {
		return boostSyn
	}
	ratio := idfText / idfSyn
	return boostSyn * ratio * ratio
}

// bm25IDF is the inverse document frequency as Bleve's BM25 computes it.
func bm25IDF(n, df uint64) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// textQuery is a disjunction with, for each concept, its exact word in
// the text field (or, for a multi-word synonym entry, its exact-entry
// term in the syn field) and its synonym group in the syn field, the
// latter boosted by synBoosts[i].
func textQuery(cs []concept, synBoosts []float64) query.Query {
	term := func(field, t string, boost float64) query.Query {
		q := query.NewTermQuery(t)
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	var clauses []query.Query
	for i, c := range cs {
		if c.exact != "" {
			clauses = append(clauses, term(fSyn, c.exact, 1))
		} else {
			// only the words of a synonym entry are grouped, and a
			// multi-word entry always has its exact term
			clauses = append(clauses, term(fText, c.terms[0], 1))
		}
		if c.syn != "" {
			clauses = append(clauses, term(fSyn, c.syn, synBoosts[i]))
		}
	}
	return query.NewDisjunctionQuery(clauses)
}
