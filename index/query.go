package index

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"talkbot/corpus/annotate"
	"talkbot/corpus/text"
	"talkbot/internal/lru"
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
	// actors are the actor-field terms of the countries, governments and
	// organisations the concept names as corpus/annotate reads them: a
	// capital, demonym, institution or person stands for its country
	// ("Warsaw", "Polish", "Tusk": poland), so a passage annotated with
	// the country matches though it words it otherwise.
	actors []string
	// speakers are the speaker-field terms of the people the concept
	// names: a passage quoting them matches, though it may name them
	// only as "she" ("..., she said").
	speakers []string
	// idf is the rarity of the words as typed: what the concept weighs in
	// coverage (coverageFactor).
	idf float64
}

// correctSpelling replaces each content word that is in neither the index,
// the synonyms data nor the English word list by the closest frequent
// word of the index.
func (ix *Index) correctSpelling(ctx context.Context, r index.IndexReader, q string) (string, bool) {
	var b strings.Builder
	last, changed := 0, false
	for _, tok := range ix.wordAn.Analyze([]byte(q)) {
		raw := q[tok.Start:tok.End]
		word := string(tok.Term)
		if len(ix.textAn.Analyze([]byte(raw))) == 0 || utf8.RuneCountInString(word) < 4 ||
			strings.IndexFunc(word, unicode.IsDigit) >= 0 || synonyms().known(raw) ||
			ix.words.freq(word) > 0 || isEnglishWord(word) || ix.stemIndexed(ctx, r, raw) {
			continue
		}
		fix, ok := ix.spellCache.Get(word)
		if !ok {
			fix = ix.closestWord(word)
			ix.spellCache.Put(word, fix)
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
// transposition counts as one edit), the more frequent on a tie. Words
// one edit away are looked for first: when there is one, none two edits
// away can be nearer, and the automaton for one edit takes a tenth of
// the time to build (a quarter to half a millisecond for two).
func (ix *Index) closestWord(word string) string {
	fz := 2
	if utf8.RuneCountInString(word) <= 5 {
		fz = 1
	}
	for d := 1; d <= fz; d++ {
		if best := ix.closestWithin(word, d); best != "" {
			return best
		}
	}
	return ""
}

// closestWithin is the nearest index word at most fz edits from word,
// "" when there is none.
func (ix *Index) closestWithin(word string, fz int) string {
	best, bestD, bestF := "", fz+1, uint64(0)
	for _, e := range ix.words.fuzzy(word, fz, 200) {
		if utf8.RuneCountInString(e.word) < 3 {
			continue
		}
		d := text.EditDistance(word, e.word)
		if d > fz || d > bestD {
			continue
		}
		if d < bestD || e.freq > bestF {
			best, bestD, bestF = e.word, d, e.freq
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
	for _, t := range questionContent(ix.textAn.Analyze([]byte(q)), q) {
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
	for i := range cs {
		cs[i].actors, cs[i].speakers = namedIn(q[cs[i].start:cs[i].end])
	}
	cs = mergeNames(q, cs)
	cs = ix.mergeRoles(q, cs)
	tc := map[string][]int{}
	for i, c := range cs {
		for _, a := range c.actors {
			tc[fActor+"\x00"+a] = append(tc[fActor+"\x00"+a], i)
		}
		for _, a := range c.speakers {
			tc[fSpeaker+"\x00"+a] = append(tc[fSpeaker+"\x00"+a], i)
		}
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

// mergeNames makes a person's first name and surname one concept
// ("Jared Kushner"), matched by the surname: a passage names a person in
// full once and by the surname after ("Kushner referred to the meeting
// as ..."), and one lacking the first name lacks nothing of the question.
func mergeNames(q string, cs []concept) []concept {
	for i := 0; i+1 < len(cs); i++ {
		first, last := cs[i], cs[i+1]
		if first.syn != "" || len(first.speakers) > 0 || len(first.actors) > 0 || len(last.speakers) != 1 ||
			len(first.terms) != 1 || last.pos != first.pos+1 {
			continue
		}
		_, both := namedIn(q[first.start:last.end])
		if len(both) != 1 || both[0] != last.speakers[0] {
			continue
		}
		last.terms = append(last.terms, first.terms...)
		last.start = first.start
		cs[i+1] = last
		cs = append(cs[:i], cs[i+1:]...)
	}
	return cs
}

// mergeRoles makes an office the question names one concept with the
// person holding it ("the German chancellor": Friedrich Merz), matched by
// the holder's surname in the text or the holder as the passage's
// speaker: the passage answering "what did the German chancellor say"
// quotes Merz and seldom says "chancellor".
func (ix *Index) mergeRoles(q string, cs []concept) []concept {
	for _, h := range annotate.RoleHolders(q) {
		first, last := -1, -1
		for i, c := range cs {
			if c.start >= h.Start && c.end <= h.End {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first < 0 {
			continue
		}
		m := concept{start: cs[first].start, end: cs[last].end, pos: cs[first].pos,
			speakers: []string{strings.ToLower(h.Person)}}
		for _, t := range ix.textAn.Analyze([]byte(surname(h.Person))) {
			m.terms = append(m.terms, string(t.Term))
		}
		if len(m.terms) == 0 {
			continue
		}
		for _, c := range cs[first : last+1] {
			m.terms = append(m.terms, c.terms...) // for positions only: the surname is searched
		}
		cs = append(cs[:first], append([]concept{m}, cs[last+1:]...)...)
	}
	return cs
}

// surname is the last word of a name.
func surname(name string) string {
	ws := strings.Fields(name)
	if len(ws) == 0 {
		return name
	}
	return ws[len(ws)-1]
}

// namedIn gives the actor-field terms of the actors s names and the
// speaker-field terms of the people it names; a person is matched as a
// speaker, not as their country ("Meloni" is not every passage on
// Italy). A reader types "croatia" as often as "Croatia", and the
// gazetteer reads a name only with its capital, so a word typed in
// lower case is also read capitalised.
func namedIn(s string) (actors, speakers []string) {
	if n, ok := namedCache.Get(s); ok {
		return n[0], n[1]
	}
	actors, speakers = readNames(s)
	namedCache.Put(s, [2][]string{actors, speakers})
	return actors, speakers
}

// namedCache keeps namedIn's answers: the gazetteer never changes, and
// reading a word with it costs more than the rest of building the query.
var namedCache = lru.New[string, [2][]string](4096)

// readNames is namedIn without the cache.
func readNames(s string) (actors, speakers []string) {
	forms := []string{s}
	if s != "" && strings.ToLower(s) == s {
		forms = append(forms, annotate.TitleCase(s))
	}
	add := func(list []string, names []string) []string {
		for _, n := range names {
			if t := strings.ToLower(n); !slices.Contains(list, t) {
				list = append(list, t)
			}
		}
		return list
	}
	for _, f := range forms {
		speakers = add(speakers, annotate.People(f))
	}
	if len(speakers) > 0 {
		return nil, speakers
	}
	for _, f := range forms {
		actors = add(actors, annotate.Actors(f))
	}
	return actors, nil
}

// boostAnnotation is what a passage's annotation (the concept's actor,
// or its person as the passage's speaker) counts for, relative to the
// word typed, when the two are equally rare (as boostSyn).
const boostAnnotation = 0.6

// fieldBoost is the boost of concept c's clause on an annotation field
// (fActor, fSpeaker), scaled by the squared idf ratio as synBoost is.
func fieldBoost(ctx context.Context, r index.IndexReader, n uint64, c concept, field, term string) float64 {
	idfText := c.idf
	idfField := bm25IDF(n, docFreq(ctx, r, field, term))
	if idfField <= 0 {
		return boostAnnotation
	}
	ratio := idfText / idfField
	return boostAnnotation * ratio * ratio
}

// questionContent drops from a question's tokens the words that shape
// it without being what it is about: the frame words ("will", "say")
// and the words of its opening that only say what kind of answer it
// wants ("how long": a passage need not say "long"), unless nothing
// would be left.
func questionContent(toks analysis.TokenStream, q string) analysis.TokenStream {
	_, opening := readQuestion(q)
	frame := kindLexiconOnce().frame
	var out analysis.TokenStream
	for i, t := range toks {
		w := strings.ToLower(text.Fold(q[t.Start:t.End]))
		if frame[w] || i < len(opening)+1 && slices.Contains(opening, w) {
			continue
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return toks
	}
	return out
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
	idfText := c.idf // of the words as typed (conceptIDF)
	idfSyn := bm25IDF(n, docFreq(ctx, r, fSyn, c.syn))
	if idfSyn <= 0 {
		return boostSyn
	}
	ratio := idfText / idfSyn
	return boostSyn * ratio * ratio
}

// conceptIDF is the idf of concept c's words as typed.
func conceptIDF(ctx context.Context, r index.IndexReader, n uint64, c concept) float64 {
	field, exact := fText, c.terms[0]
	if c.exact != "" {
		field, exact = fSyn, c.exact
	}
	return bm25IDF(n, docFreq(ctx, r, field, exact))
}

// bm25IDF is the inverse document frequency as Bleve's BM25 computes it.
func bm25IDF(n, df uint64) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// clause is one clause of the query's disjunction, with the number of
// passages it can match: what scoring it costs.
type clause struct {
	// the term query: term in field, boosted
	field, term string
	boost       float64
	df          uint64
	// annotation marks an actor or speaker clause: it re-scores the
	// candidates the words choose but chooses none on a corpus large
	// enough to prune (rareClauses), where "Paris" naming France would
	// bring in every passage on France.
	annotation bool
}

// textClauses are, for each concept, its exact word in the text field
// (or, for a multi-word synonym entry, its exact-entry term in the syn
// field) and its synonym group in the syn field, the latter boosted by
// synBoosts[i].
func textClauses(ctx context.Context, r index.IndexReader, n uint64, cs []concept, synBoosts []float64) []clause {
	term := func(field, t string, boost float64) clause {
		return clause{field: field, term: t, boost: boost, df: docFreq(ctx, r, field, t),
			annotation: field == fActor || field == fSpeaker}
	}
	var out []clause
	for i, c := range cs {
		if c.exact != "" {
			out = append(out, term(fSyn, c.exact, 1))
		} else {
			// only the words of a synonym entry are grouped, and a
			// multi-word entry always has its exact term
			out = append(out, term(fText, c.terms[0], 1))
		}
		if c.syn != "" {
			out = append(out, term(fSyn, c.syn, synBoosts[i]))
		}
		for _, a := range c.actors {
			out = append(out, term(fActor, a, fieldBoost(ctx, r, n, c, fActor, a)))
		}
		for _, a := range c.speakers {
			out = append(out, term(fSpeaker, a, fieldBoost(ctx, r, n, c, fSpeaker, a)))
		}
	}
	return out
}

func (c clause) query() query.Query {
	q := query.NewTermQuery(c.term)
	q.SetField(c.field)
	q.SetBoost(c.boost)
	return q
}

func disjunction(cls []clause) query.Query {
	qs := make([]query.Query, len(cls))
	for i, c := range cls {
		qs[i] = c.query()
	}
	return query.NewDisjunctionQuery(qs)
}

func withFilters(q query.Query, filters []query.Query) query.Query {
	if len(filters) == 0 {
		return q
	}
	return query.NewConjunctionQuery(append([]query.Query{q}, filters...))
}

// A clause is common when more than commonShare of the passages (and
// more than minCommon) match it: one in 40 kept every development answer
// at 10,000 articles, one in 60 lost one. Scoring a common clause means walking
// all its passages, most of a search's cost on a large corpus ("said",
// "people", the group of "US", "America" and "Washington"), while its
// low idf rarely decides which passages are best. These are variables
// only so that TestScale can try others.
var (
	commonShare = 1.0 / 40
	minCommon   = 5000
)

// rareClauses are the clauses that choose the candidates: all but the
// common ones, or the rarest when every clause is common. pruned reports
// whether any clause was left out. The common clauses still score the
// candidates (ranking.top), so on the development questions at
// 10,000 articles the answers are the same as with every clause, and the
// slowest questions take a third less time. A passage holding only the
// query's common words is no longer found, nor counted in Result.Total.
// On a corpus over minCommon passages annotation clauses never choose
// candidates; when nothing else is left out the pool is annotationPool.
func rareClauses(cls []clause, n uint64) (rare []clause, pruned bool) {
	limit := max(uint64(minCommon), uint64(float64(n)*commonShare))
	rarest := uint64(math.MaxUint64)
	for _, c := range cls {
		rarest = min(rarest, c.df)
	}
	limit = max(limit, rarest)
	large := n > uint64(minCommon)
	for _, c := range cls {
		if c.df <= limit && !(large && c.annotation) {
			rare = append(rare, c)
		}
	}
	if len(rare) == 0 {
		return cls, false
	}
	return rare, len(rare) < len(cls)
}
