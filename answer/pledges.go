package answer

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"talkbot/corpus"
	"talkbot/corpus/annotate"
	"talkbot/corpus/text"
	"talkbot/index"
)

// pledgeSearchLimit is how many passages one search for the topic (or a
// synonym) brings back to classify: generous, because a stance is read
// from the sentence, not from the search score.
const pledgeSearchLimit = 100

// maxActorQuotes caps the passages shown for one actor.
const maxActorQuotes = 3

// stanceRecord is one actor's stance in one sentence of one passage.
type stanceRecord struct {
	actor   string
	kind    annotate.Kind
	passage corpus.Passage
	article corpus.Article
	order   int // reading order over all records, for stable ties
}

// WhoPledged answers "who pledged X": the actors that pledged, declined or
// left unclear their commitment to topic (or a synonym of it), each with
// the passages that show it. Where articles disagree, the newest decides
// and History shows the older stances.
func (e *Engine) WhoPledged(ctx context.Context, topic Input) (Pledges, error) {
	if topic.Empty() {
		return Pledges{}, &InputError{"Type some words to search for."}
	}
	t := topic.String()
	if p, ok := e.pledges.Get(t); ok {
		return clonePledges(p), nil
	}
	v, err, _ := e.shared(ctx, "who-pledged "+t, func(ctx context.Context) (any, error) {
		p, err := e.whoPledged(ctx, t)
		if err == nil {
			e.pledges.Put(t, p)
		}
		return p, err
	})
	if err != nil {
		return Pledges{}, err
	}
	return clonePledges(v.(Pledges)), nil
}

// whoPledged is WhoPledged without its answer cache.
func (e *Engine) whoPledged(ctx context.Context, topic string) (Pledges, error) {
	recs, err := e.stancesOn(ctx, topicTerms(e.ix, topic))
	if err != nil {
		return Pledges{}, err
	}
	// "ceasefire monitoring" may be written "monitoring a ceasefire": fall
	// back on the head noun, the topic's last word.
	if ws := strings.Fields(topic); len(recs) == 0 && len(ws) > 1 {
		if recs, err = e.stancesOn(ctx, topicTerms(e.ix, ws[len(ws)-1])); err != nil {
			return Pledges{}, err
		}
	}
	return groupStances(topic, recs), nil
}

// stancesOn classifies every sentence of the passages that mention one of
// terms. Only sentences whose words hold the topic are read in full, with
// the text before them as context.
func (e *Engine) stancesOn(ctx context.Context, terms []string) ([]stanceRecord, error) {
	hits, err := e.topicPassages(ctx, terms)
	if err != nil {
		return nil, err
	}
	tp := annotate.NewTopic(terms)
	var recs []stanceRecord
	for _, pi := range hits {
		spans, words := pi.sentences()
		txt := pi.p.Text
		before, haveBefore := "", false
		for k, sp := range spans {
			if !tp.In(words[k]) {
				continue
			}
			if !haveBefore {
				before, haveBefore = e.before(pi), true
			}
			ctxText := before
			if k > 0 {
				ctxText = txt[:spans[k-1].End]
				if before != "" {
					ctxText = before + "\n\n" + ctxText
				}
			}
			for _, st := range tp.StancesIn(txt[sp.Start:sp.End], ctxText, words[k]) {
				recs = append(recs, stanceRecord{actor: st.Actor, kind: st.Kind, passage: pi.p,
					article: pi.article, order: len(recs)})
			}
		}
	}
	return recs, nil
}

// topicTerms is the topic with its synonyms from the index's data.
func topicTerms(ix *index.Index, topic string) []string {
	terms := []string{topic}
	seen := map[string]bool{text.Key(topic): true}
	for _, s := range ix.Synonyms(topic) {
		if k := text.Key(s); !seen[k] {
			seen[k] = true
			terms = append(terms, s)
		}
	}
	return terms
}

// topicPassages searches for every term and keeps each passage once, in
// the order found.
func (e *Engine) topicPassages(ctx context.Context, terms []string) ([]*passageInfo, error) {
	var out []*passageInfo
	seen := map[string]bool{}
	for _, t := range terms {
		hits, err := e.searchPassages(ctx, index.Query{Text: t, Limit: pledgeSearchLimit})
		if err != nil {
			return nil, err
		}
		for _, pi := range hits {
			if !seen[pi.p.ID] {
				seen[pi.p.ID] = true
				out = append(out, pi)
			}
		}
	}
	// Reading order (article, then position) makes the answer independent
	// of search scores.
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].p.ArticleID != out[j].p.ArticleID {
			return out[i].p.ArticleID < out[j].p.ArticleID
		}
		return out[i].p.Seq < out[j].p.Seq
	})
	return out, nil
}

// groupStances decides each actor's stance from the newest article that
// states one, and sorts actors by how much evidence they have.
func groupStances(topic string, recs []stanceRecord) Pledges {
	byActor := map[string][]stanceRecord{}
	var actors []string
	for _, r := range recs {
		if _, ok := byActor[r.actor]; !ok {
			actors = append(actors, r.actor)
		}
		byActor[r.actor] = append(byActor[r.actor], r)
	}
	type decided struct {
		actor  Actor
		kind   annotate.Kind
		n      int
		newest corpus.Date
		first  int
	}
	var all []decided
	for _, name := range actors {
		rs := byActor[name]
		perArticle := articleStances(rs)
		final := perArticle[len(perArticle)-1]
		a := Actor{Actor: name, History: history(perArticle, final.kind)}
		var support []stanceRecord
		for _, r := range rs {
			if r.kind == final.kind {
				support = append(support, r)
			}
		}
		sort.SliceStable(support, func(i, j int) bool {
			di, dj := support[i].article.Published, support[j].article.Published
			if !di.Equal(dj.Time) {
				return di.After(dj.Time)
			}
			return support[i].order < support[j].order
		})
		seen := map[string]bool{}
		for _, r := range support {
			if seen[r.passage.ID] || len(a.Quotes) >= maxActorQuotes {
				continue
			}
			seen[r.passage.ID] = true
			a.Quotes = append(a.Quotes, Quote{Passage: r.passage.Text, Article: r.article})
		}
		all = append(all, decided{actor: a, kind: final.kind, n: len(seen), newest: final.date, first: final.first})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		if !all[i].newest.Equal(all[j].newest.Time) {
			return all[i].newest.After(all[j].newest.Time)
		}
		if all[i].first != all[j].first {
			return all[i].first < all[j].first
		}
		return all[i].actor.Actor < all[j].actor.Actor
	})
	out := Pledges{Topic: topic, Pledged: []Actor{}, Declined: []Actor{}, Unclear: []Actor{}}
	for _, d := range all {
		switch d.kind {
		case annotate.Pledged:
			out.Pledged = append(out.Pledged, d.actor)
		case annotate.Declined:
			out.Declined = append(out.Declined, d.actor)
		default:
			out.Unclear = append(out.Unclear, d.actor)
		}
	}
	return out
}

// articleStance is an actor's stance in one article.
type articleStance struct {
	article corpus.Article
	date    corpus.Date
	kind    annotate.Kind
	first   int
}

// articleStances gives the actor's stance per article, oldest first. An
// article that says both is read by its majority; on a tie a refusal
// outweighs a pledge, which outweighs a hedge, so a declined actor is
// never shown as pledged on the strength of the same article.
func articleStances(rs []stanceRecord) []articleStance {
	type tally struct {
		a      corpus.Article
		counts map[annotate.Kind]int
		first  int
	}
	byArt := map[string]*tally{}
	var ids []string
	for _, r := range rs {
		t, ok := byArt[r.article.ID]
		if !ok {
			t = &tally{a: r.article, counts: map[annotate.Kind]int{}, first: r.order}
			byArt[r.article.ID] = t
			ids = append(ids, r.article.ID)
		}
		t.counts[r.kind]++
	}
	var out []articleStance
	for _, id := range ids {
		t := byArt[id]
		best := annotate.Kind(0)
		for _, k := range []annotate.Kind{annotate.Declined, annotate.Pledged, annotate.Unclear} {
			if best == 0 || t.counts[k] > t.counts[best] {
				best = k
			}
		}
		out = append(out, articleStance{article: t.a, date: t.a.Published, kind: best, first: t.first})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].date.Equal(out[j].date.Time) {
			return out[i].date.Before(out[j].date.Time)
		}
		return out[i].article.ID < out[j].article.ID
	})
	return out
}

// history lists the stance per article, oldest first, when any older
// article disagrees with the final stance; nil otherwise.
func history(as []articleStance, final annotate.Kind) []string {
	disagree := false
	for _, a := range as {
		if a.kind != final {
			disagree = true
		}
	}
	if !disagree {
		return nil
	}
	var out []string
	for _, a := range as {
		date := a.article.Published.String()
		if date == "" {
			date = "date unknown"
		} else if a.article.PublishedApproximate {
			date += ", approx."
		}
		entry := fmt.Sprintf("%s (%s)", a.kind, date)
		if len(out) == 0 || out[len(out)-1] != entry {
			out = append(out, entry)
		}
	}
	return out
}
