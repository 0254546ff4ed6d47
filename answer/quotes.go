package answer

import (
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"talkbot/corpus"
	"talkbot/corpus/annotate"
	"talkbot/corpus/text"
	"talkbot/index"
)

// quoteSearchLimit bounds the passages searched to find the articles that
// quote someone.
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

// quotesOf reads every passage of the articles that quote or name canon,
// with the text before each passage, so "he said" a paragraph later still
// finds its speaker.
func (e *Engine) quotesOf(ctx context.Context, canon, about string) ([]Quote, error) {
	queries := []index.Query{
		{Speaker: canon, Text: about, Limit: quoteSearchLimit},
		{Text: surname(canon), Limit: quoteSearchLimit},
	}
	articles := map[string]corpus.Article{}
	for _, q := range queries {
		hits, err := e.searchPassages(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, pi := range hits {
			articles[pi.article.ID] = pi.article
		}
	}
	// Passages about the topic, when one is asked for.
	var aboutIDs, aboutArticles map[string]bool
	if about != "" {
		aboutIDs, aboutArticles = map[string]bool{}, map[string]bool{}
		for _, q := range []index.Query{{Speaker: canon, Text: about, Limit: quoteSearchLimit}, {Text: about, Limit: quoteSearchLimit}} {
			hits, err := e.searchPassages(ctx, q)
			if err != nil {
				return nil, err
			}
			for _, pi := range hits {
				aboutIDs[pi.p.ID] = true
				aboutArticles[pi.p.ArticleID] = true
			}
		}
	}
	ids := make([]string, 0, len(articles))
	for id := range articles {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := articles[ids[i]], articles[ids[j]]
		if !a.Published.Equal(b.Published.Time) {
			return a.Published.After(b.Published.Time)
		}
		return ids[i] < ids[j]
	})
	out := []Quote{}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if aboutArticles != nil && !aboutArticles[id] {
			continue // no passage of it is about the topic: its quotations would all be skipped
		}
		art := e.article(id)
		for i, p := range art.ps {
			if aboutIDs != nil && !aboutIDs[p.ID] {
				continue
			}
			for _, q := range art.quotations(i) {
				if q.Speaker == canon {
					out = append(out, Quote{Text: q.Text, Passage: p.Text, Article: articles[id]})
				}
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

// contextKeep is about how much of what came before a passage its
// quotations are read with: the antecedent of "he" is never far back.
const contextKeep = 3000

// contextStart is the first of the passages before ps[i] that reach into
// the contextKeep bytes before it: they are its context, whole.
func contextStart(ps []corpus.Passage, i int) int {
	first, n := i, 0
	for first > 0 && n < contextKeep {
		first--
		n += len(ps[first].Text) + 2
	}
	return first
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
	people := annotate.People(titleCase(who))
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

func surname(name string) string {
	ws := strings.Fields(name)
	if len(ws) == 0 {
		return name
	}
	return ws[len(ws)-1]
}

// titleCase capitalises each word, so typed "zelenskyy" meets the
// gazetteer's "Zelenskyy".
func titleCase(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		r, size := utf8.DecodeRuneInString(w)
		ws[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(ws, " ")
}

func hasName(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
