package answer

import (
	"context"
	"fmt"
	"strings"

	"talkbot/corpus/annotate"
)

// maxActorQuotes caps the passages shown for one actor.
const maxActorQuotes = 3

// Ledger returns the stance ledger of a topic as a reader typed it
// (resolved by ResolveTopic), or nil with the nearest known topics when
// the topic is unknown. Built once per index generation.
func (e *Engine) Ledger(topic string) (*Ledger, TopicMatch) {
	m := e.ResolveTopic(topic)
	if m.Name == "" {
		return nil, m
	}
	return e.ledgerOf(m.Name), m
}

// WhoPledged answers "who pledged X": the countries that pledged,
// declined or left unclear their commitment to the topic, those whose
// newest sources disagree (contested), the groups (Europe, NATO, the
// Coalition of the Willing) apart, and an adversary's opposition, each
// with the passages that show it. It reads the topic's Ledger; an
// unknown topic answers Unknown with the nearest known topics.
func (e *Engine) WhoPledged(ctx context.Context, topic Input) (Pledges, error) {
	if topic.Empty() {
		return Pledges{}, &InputError{"Type some words to search for."}
	}
	if err := ctx.Err(); err != nil {
		return Pledges{}, err
	}
	t := topic.String()
	if p, ok := e.pledges.Get(t); ok {
		return clonePledges(p), nil
	}
	v, _, _ := e.shared(ctx, "who-pledged "+t, func(context.Context) (any, error) {
		p := e.whoPledged(t)
		e.pledges.Put(t, p)
		return p, nil
	})
	return clonePledges(v.(Pledges)), nil
}

// whoPledged is WhoPledged without its answer cache.
func (e *Engine) whoPledged(topic string) Pledges {
	l, m := e.Ledger(topic)
	if l == nil {
		p := emptyPledges(topic)
		p.Unknown, p.Nearest = true, m.Nearest
		return p
	}
	p := l.Pledges()
	p.Topic = topic
	return p
}

func emptyPledges(topic string) Pledges {
	return Pledges{Topic: topic, Pledged: []Actor{}, Declined: []Actor{}, Unclear: []Actor{},
		Contested: []Actor{}, Opposes: []Actor{}, Groups: []Actor{}}
}

// Pledges is the ledger as who-pledged shows it: countries by current
// stance, contested ones, opposition and groups apart.
func (l *Ledger) Pledges() Pledges {
	p := emptyPledges(l.Topic)
	p.Label = l.Label
	for i := range l.Actors {
		la := &l.Actors[i]
		a := la.actor()
		switch {
		case la.Kind == annotate.KindGroup:
			p.Groups = append(p.Groups, a)
		case la.Contested:
			p.Contested = append(p.Contested, a)
		case la.Current == annotate.Opposes:
			p.Opposes = append(p.Opposes, a)
		case la.Current == annotate.Pledged:
			p.Pledged = append(p.Pledged, a)
		case la.Current == annotate.Declined:
			p.Declined = append(p.Declined, a)
		default:
			p.Unclear = append(p.Unclear, a)
		}
	}
	return p
}

// actor is one ledger actor as an answer shows it: the quotes of its
// current stance (one per contested stance), newest first, its history
// and every observation's date and stance.
func (la *LedgerActor) actor() Actor {
	a := Actor{Actor: la.Actor, Stance: la.Current.String()}
	if la.Contested {
		a.Stance = "contested"
		for _, k := range la.Stances {
			a.Between = append(a.Between, k.String())
		}
	}
	if la.Kind == annotate.KindGroup {
		a.Kind = la.Kind
	}
	seen := map[string]bool{}
	addQuote := func(o StanceObservation) {
		if seen[o.Passage.ID] || len(a.Quotes) >= maxActorQuotes {
			return
		}
		seen[o.Passage.ID] = true
		a.Quotes = append(a.Quotes, Quote{Passage: o.Passage.Text, Article: o.Article, Stance: o.Kind.String(),
			Condition: o.Condition, Sentence: o.Sentence, PassageID: o.Passage.ID})
	}
	if la.Contested {
		for _, k := range la.Stances { // the newest of each side
			for i := len(la.Observations) - 1; i >= 0; i-- {
				if la.Observations[i].Kind == k {
					addQuote(la.Observations[i])
					break
				}
			}
		}
	} else {
		for i := len(la.Observations) - 1; i >= 0; i-- {
			if la.Observations[i].Kind == la.Current {
				addQuote(la.Observations[i])
			}
		}
	}
	shown := map[string]bool{}
	for _, h := range la.History {
		key := h.Kind.String() + h.Article.Published.String()
		if shown[key] {
			continue // one entry per stance and day, however many outlets
		}
		shown[key] = true
		a.History = append(a.History, fmt.Sprintf("%s (%s)", h.Kind, dateLabel(h)))
	}
	for _, o := range la.Observations {
		a.Timeline = append(a.Timeline, Mark{Date: o.Article.Published.String(), Approximate: o.Article.PublishedApproximate,
			Stance: o.Kind.String(), PassageID: o.Passage.ID})
	}
	if n := len(la.Observations); n > 0 {
		a.Since = la.Observations[n-1].Article.Published.String()
	}
	return a
}

func dateLabel(o StanceObservation) string {
	date := o.Article.Published.String()
	if date == "" {
		return "date unknown"
	}
	if o.Article.PublishedApproximate {
		date += ", approx."
	}
	return date
}

// SharedQuotes groups the actors of one list whose first n quotes (all
// of them for n <= 0) are the same passages, so a passage naming
// several actors is shown once ("France, United Kingdom"): each group is
// the actors' indexes in as, in order.
func SharedQuotes(as []Actor, n int) [][]int {
	var out [][]int
	at := map[string]int{}
	for i, a := range as {
		qs := a.Quotes
		if n > 0 && len(qs) > n {
			qs = qs[:n]
		}
		var key strings.Builder
		for _, q := range qs {
			key.WriteString(q.Article.ID + "\x00" + q.Passage + "\x00")
		}
		if g, ok := at[key.String()]; ok && key.Len() > 0 && as[out[g][0]].Stance == a.Stance {
			out[g] = append(out[g], i)
			continue
		}
		at[key.String()] = len(out)
		out = append(out, []int{i})
	}
	return out
}

// ActorNames joins the names of the actors at idx of as.
func ActorNames(as []Actor, idx []int) string {
	names := make([]string, len(idx))
	for i, n := range idx {
		names[i] = as[n].Actor
	}
	return strings.Join(names, ", ")
}
