package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"talkbot/corpus/text"
	"talkbot/index"
)

// AskResults is how many passages an ask answer quotes, and
// AskPerArticle how many of them may come from one article, so an answer
// shows more than one outlet when more than one has something to say.
const (
	AskResults    = 3
	AskPerArticle = 2
)

// Ask answers a question with the best quoted passages: up to AskResults,
// at most AskPerArticle from one article.
//
// A question that asks who pledged or refused something ("who pledged
// troops?", "which countries refused to send soldiers") is answered first
// from the stance ledger, the same answer who-pledged gives, and one
// that asks what a person said ("what did Macron say about troops?") with
// that person's quotations; Kind says which. The passages come with
// either.
func (e *Engine) Ask(ctx context.Context, question Input) (Search, error) {
	res, err := e.search(ctx, index.Query{
		Text:          question.String(),
		Limit:         AskResults,
		MaxPerArticle: AskPerArticle,
	})
	if err != nil {
		return res, err
	}
	res.Kind = KindPassages
	switch in := Intent(question.String()); in.Kind {
	case IntentWhoPledged:
		topic, err := CheckInput(in.Topic)
		if err != nil {
			break
		}
		p, err := e.WhoPledged(ctx, topic)
		if err != nil {
			return Search{}, err
		}
		if in.Group != "" && !p.Unknown && p.Stated() {
			p = p.among(in.Group) // "which NATO members": those alone
			if !p.Stated() {
				// none of them states one: say so above the passages
				res.Kind, res.Pledges = KindWhoPledged, &p
				break
			}
		}
		if !p.Unknown && p.Stated() {
			p.RefusalsFirst = in.Refusals
			for _, actors := range []*[]Actor{&p.Pledged, &p.Declined, &p.Unclear, &p.Contested, &p.Opposes, &p.Groups} {
				*actors = actorsRankedFirst(*actors, res.Results)
			}
			res.Kind, res.Pledges = KindWhoPledged, &p
		}
	case IntentQuote:
		who, err := CheckInput(in.Person)
		if err != nil {
			break
		}
		about, err := CheckOptionalInput(in.Topic)
		if err != nil {
			break
		}
		q, err := e.QuotesBy(ctx, who, about)
		if err != nil {
			return Search{}, err
		}
		if len(q.Quotes) > 0 {
			q.Quotes = rankedFirst(q.Quotes, res.Results)
			res.Kind, res.Quotes = KindQuote, &q
		}
	}
	return res, nil
}

// actorsRankedFirst orders the actors of one stance as rankedFirst
// orders quotes, by the best ranked of each actor's quotes: "which
// countries would not deploy troops" names first the countries of the
// passage its words find best. The stances and quotes stay who-pledged's.
func actorsRankedFirst(actors []Actor, results []Citation) []Actor {
	rank := resultRanks(results)
	best := func(a Actor) (int, bool) {
		r, found := 0, false
		for _, q := range a.Quotes {
			if qr, ok := rank[q.PassageID]; ok && (!found || qr < r) {
				r, found = qr, true
			}
		}
		return r, found
	}
	return sortedByRank(actors, best)
}

// resultRanks maps each result's passage to its rank.
func resultRanks(results []Citation) map[string]int {
	rank := map[string]int{}
	for i, r := range results {
		if _, ok := rank[r.PassageID]; !ok && r.PassageID != "" {
			rank[r.PassageID] = i
		}
	}
	return rank
}

// sortedByRank is a copy of xs, those with a rank first in its order and
// the rest after them as they were. Each element's rank is read once, not
// at every comparison.
func sortedByRank[T any](xs []T, rankOf func(T) (int, bool)) []T {
	type ranked struct {
		x    T
		rank int
		ok   bool
	}
	rs := make([]ranked, len(xs))
	for i, x := range xs {
		r, ok := rankOf(x)
		rs[i] = ranked{x, r, ok}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int {
		switch {
		case a.ok && b.ok:
			return a.rank - b.rank
		case a.ok:
			return -1
		case b.ok:
			return 1
		}
		return 0
	})
	out := make([]T, len(rs))
	for i, r := range rs {
		out[i] = r.x
	}
	return out
}

// rankedFirst puts first the quotes whose passage the question's own
// search ranked, in that order, and the rest after them as they were
// (newest first): "what did Trump tell Fox News about helping Europe"
// leads with the quotation the question's words find, not his latest.
// A quotation that a ranked passage repeats word for word (the same
// story on another outlet) ranks with that passage.
func rankedFirst(qs []Quote, results []Citation) []Quote {
	rank := resultRanks(results)
	of := func(q Quote) (int, bool) {
		if r, ok := rank[q.PassageID]; ok {
			return r, true
		}
		if len(q.Text) >= minRepeatedQuote {
			for i, r := range results {
				if strings.Contains(r.Passage, q.Text) {
					return i, true
				}
			}
		}
		return 0, false
	}
	return sortedByRank(qs, of)
}

// minRepeatedQuote is the shortest quotation, in bytes, whose words found
// in another passage make it that passage's: shorter ones ("closer than
// ever") are phrases any passage may repeat.
const minRepeatedQuote = 40

// Search runs a search as the reader asked it, filters and paging
// included.
func (e *Engine) Search(ctx context.Context, q SearchQuery, p Page) (Search, error) {
	if err := e.checkPublisher(q.Publisher); err != nil {
		return Search{}, err
	}
	return e.search(ctx, index.Query{
		Text: q.Text.String(), Publisher: q.Publisher, From: q.From, To: q.To,
		Limit: p.Limit, Offset: p.Offset,
	})
}

func (e *Engine) search(ctx context.Context, q index.Query) (Search, error) {
	if q.Text == "" {
		return Search{}, &InputError{"Type some words to search for."}
	}
	if err := ctx.Err(); err != nil { // shared work runs detached: an asker gone asks nothing
		return Search{}, err
	}
	v, err, _ := e.shared(ctx, fmt.Sprintf("search %#v", q), func(ctx context.Context) (any, error) { return e.gatedSearch(ctx, q) })
	if err != nil {
		return Search{}, err
	}
	res := v.(index.Result)
	out := Search{Query: q.Text, Total: res.Total, Suggestion: res.Suggestion, Results: make([]Citation, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Results = append(out.Results, Citation{
			Passage:     h.Passage.Text,
			Highlighted: h.Highlighted,
			Score:       h.Score,
			Article:     h.Article,
			PassageID:   h.Passage.ID,
		})
	}
	return out, nil
}

// checkPublisher tells the reader when no article comes from the
// publisher they named, rather than letting it look like no passage
// matched their words.
func (e *Engine) checkPublisher(publisher string) error {
	if text.Key(publisher) == "" || len(e.ix.MatchingPublishers(publisher)) > 0 {
		return nil
	}
	known := e.ix.Publishers()
	const shown = 8
	list := strings.Join(known[:min(len(known), shown)], "; ")
	if len(known) > shown {
		list += fmt.Sprintf("; and %d more", len(known)-shown)
	}
	return &InputError{fmt.Sprintf("No article comes from a publisher or source matching %q. Try one of: %s.", publisher, list)}
}
