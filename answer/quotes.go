package answer

import (
	"context"
	"sort"
	"strings"

	"talkbot/corpus/annotate"
	"talkbot/corpus/text"
	"talkbot/index"
)

// quoteSearchLimit bounds the passages a quote answer reads: the newest
// that quote the person (the most relevant to the topic, when one is
// given).
const quoteSearchLimit = 100

// maxClosest is how many speakers an unknown name suggests.
const maxClosest = 3

// QuotesBy answers "what did WHO say (about ABOUT)": the direct quotations
// attributed to that person, the words exactly as published, each with its
// passage and article, newest article first. An unknown person gets no
// quotes and the closest speakers the corpus does quote.
func (e *Engine) QuotesBy(ctx context.Context, who, about Input) (Quotes, error) {
	if who.Empty() {
		return Quotes{}, &InputError{"Type some words to search for."}
	}
	key := [2]string{who.String(), about.String()}
	if q, ok := e.quotes.Get(key); ok {
		return cloneQuotes(q), nil
	}
	v, err, _ := e.shared(ctx, "quote "+key[0]+"\x00"+key[1], func(ctx context.Context) (any, error) {
		q, err := e.quotesBy(ctx, key[0], key[1])
		if err == nil {
			e.quotes.Put(key, q)
		}
		return q, err
	})
	if err != nil {
		return Quotes{}, err
	}
	return cloneQuotes(v.(Quotes)), nil
}

// quotesBy is QuotesBy without its answer cache.
func (e *Engine) quotesBy(ctx context.Context, who, about string) (Quotes, error) {
	speakers := e.ix.Speakers()
	canon := ResolveSpeaker(who, speakers)
	if canon == "" {
		return Quotes{Speaker: who, Quotes: []Quote{}, Closest: ClosestSpeakers(who, speakers, maxClosest)}, nil
	}
	quotes, err := e.quotesOf(ctx, canon, about)
	if err != nil {
		return Quotes{}, err
	}
	out := Quotes{Speaker: canon, Quotes: quotes}
	if len(quotes) == 0 && !hasName(speakers, canon) {
		out.Closest = ClosestSpeakers(who, speakers, maxClosest)
	}
	return out, nil
}

// quotesOf gives canon's quotations, newest article first and in article
// order within one: the build read each passage's quotations with its
// context (corpus.Passage.Quotations), so the passages quoting canon are
// the ones whose speakers name canon, and about only narrows them.
func (e *Engine) quotesOf(ctx context.Context, canon, about string) ([]Quote, error) {
	hits, err := e.searchPassages(ctx, index.Query{Speaker: canon, Text: about, Limit: quoteSearchLimit})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if !a.article.Published.Equal(b.article.Published.Time) {
			return a.article.Published.After(b.article.Published.Time)
		}
		if a.article.ID != b.article.ID {
			return a.article.ID < b.article.ID
		}
		return a.p.Seq < b.p.Seq
	})
	out := []Quote{}
	for _, pi := range hits {
		for _, q := range pi.p.Quotations {
			if q.Speaker == canon {
				out = append(out, Quote{Text: q.Text, Passage: pi.p.Text, Article: pi.article, PassageID: pi.p.ID})
			}
		}
	}
	return dropScareQuotes(out), nil
}

// minQuoteWords is the fewest words a quotation needs to be something a
// person said rather than a word the writer put in quotation marks
// ("had “determined” which nations"), shown only when nothing longer is.
const minQuoteWords = 2

func dropScareQuotes(qs []Quote) []Quote {
	var kept []Quote
	for _, q := range qs {
		if len(strings.Fields(q.Text)) >= minQuoteWords {
			kept = append(kept, q)
		}
	}
	if len(kept) == 0 {
		return qs
	}
	return kept
}

// ResolveSpeaker maps what a reader typed ("starmer", "Zelenskyy", "Keir
// Starmr") to a canonical speaker: one the corpus quotes, else a person
// the gazetteer knows. It returns "" when nothing is close enough.
func ResolveSpeaker(who string, speakers []string) string {
	key := text.Key(who)
	candidates := append(append([]string(nil), speakers...), annotate.KnownPeople()...)
	for _, c := range candidates {
		if text.Key(c) == key {
			return c
		}
	}
	// Name variants from the gazetteer ("Zelenskyy" → Volodymyr Zelensky).
	people := annotate.People(annotate.TitleCase(who))
	if len(people) == 1 && annotate.ActorOf(people[0]) != "" {
		return people[0]
	}
	// A surname or first name alone, or a small misspelling of one.
	words := strings.Fields(key)
	best, bestScore := "", 0
	for _, c := range candidates {
		cw := strings.Fields(text.Key(c))
		if len(words) > 1 && len(cw) > 0 && nameScore(words[len(words)-1:], cw[len(cw)-1:]) == 0 {
			continue // "Boris Johnson" is not Boris Pistorius
		}
		if s := nameScore(words, cw); s > bestScore {
			best, bestScore = c, s
		}
	}
	if bestScore >= 2 {
		return best
	}
	// A full name nobody is quoted under: answered with the closest ones.
	if len(people) == 1 {
		return people[0]
	}
	return ""
}

// nameScore rates how well typed words fit a name's words: 3 per exact
// word (the surname counts double), 2 per word one or two edits away.
func nameScore(typed, name []string) int {
	score := 0
	for _, w := range typed {
		for i, n := range name {
			bonus := 0
			if i == len(name)-1 {
				bonus = 1
			}
			switch d := text.EditDistance(w, n); {
			case d == 0:
				score += 2 + bonus
			case len([]rune(n)) >= 7 && d <= 2, len([]rune(n)) >= 4 && d <= 1:
				score += 1 + bonus
			}
		}
	}
	return score
}

// ClosestSpeakers lists up to n speakers nearest to who: by shared or
// near words first, then by edit distance of the whole name.
func ClosestSpeakers(who string, speakers []string, n int) []string {
	key := text.Key(who)
	words := strings.Fields(key)
	type scored struct {
		name        string
		score, dist int
	}
	var all []scored
	for _, s := range speakers {
		k := text.Key(s)
		d := text.EditDistance(key, k)
		for _, w := range strings.Fields(k) {
			d = min(d, text.EditDistance(key, w))
		}
		all = append(all, scored{s, nameScore(words, strings.Fields(k)), d})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].score != all[j].score {
			return all[i].score > all[j].score
		}
		if all[i].dist != all[j].dist {
			return all[i].dist < all[j].dist
		}
		return all[i].name < all[j].name
	})
	var out []string
	for i := 0; i < len(all) && i < n; i++ {
		out = append(out, all[i].name)
	}
	return out
}

func hasName(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
