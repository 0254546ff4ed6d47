package answer

import (
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"talkbot/corpus"
	"talkbot/corpus/annotate"
	"talkbot/corpus/text"
)

// Ledger is every stance the articles state on one topic, kept per actor
// with its date and quote, so that who-pledged, ask and the timeline
// read the same record. It is built once per index generation from the
// observations the index keeps (no passage is read again).
type Ledger struct {
	Topic  string        // the topic's name ("troops")
	Label  string        // how it is shown ("troops", "air defence and air policing")
	Actors []LedgerActor // most attested first
}

// LedgerActor is one actor's record on a topic.
type LedgerActor struct {
	Actor string
	Kind  string // annotate.KindCountry, KindGroup or KindAdversary
	// Current is the stance of the newest articles; when they disagree
	// Contested is set and Stances holds each of theirs.
	Current   annotate.Kind
	Contested bool
	Stances   []annotate.Kind
	// Observations are every dated observation, oldest first, a story
	// syndicated on several outlets counted once.
	Observations []StanceObservation
	// History are the older articles whose stance differs from the
	// current one, oldest first, one per article.
	History []StanceObservation
}

// StanceObservation is one actor's stance in one sentence of one passage.
type StanceObservation struct {
	Actor     string
	Topic     string
	Kind      annotate.Kind
	Condition string
	Cue       string
	Sentence  string
	Passage   corpus.Passage // ID, article, position and text
	Article   corpus.Article
	// Copies counts the near-identical passages (syndicated copies) this
	// one stands for, itself included.
	Copies int
	key    *lazyKey // the passage's words, shared by its observations
}

// lazyKey is a passage's dupKey, read when first compared; ledgers of
// two topics may be built at once, so it is read once under a sync.Once.
type lazyKey struct {
	text string
	once sync.Once
	k    *dupKey
}

func (l *lazyKey) get() *dupKey {
	l.once.Do(func() { l.k = newDupKey(l.text) })
	return l.k
}

// Date is when the observation was published.
func (o StanceObservation) Date() corpus.Date { return o.Article.Published }

// ledgers are the ledgers of one generation: the index's observations
// grouped by topic once, and each topic's ledger built on its first
// request.
type ledgers struct {
	once    sync.Once
	byTopic map[string]*topicLedger
}

type topicLedger struct {
	def  annotate.TopicDef
	obs  []StanceObservation
	once sync.Once
	l    *Ledger
}

func (e *Engine) ledgerOf(name string) *Ledger {
	e.ledgers.once.Do(func() {
		e.ledgers.byTopic = groupObservations(e.ix.StancePassages(), func(id string) corpus.Article {
			a, _ := e.ix.Article(id)
			return a
		})
	})
	tl := e.ledgers.byTopic[name]
	if tl == nil {
		return nil
	}
	tl.once.Do(func() { tl.l = newLedger(tl.def, tl.obs) })
	return tl.l
}

// groupObservations reads the observations of passages (in load order)
// into one group per known topic; each passage's words, for spotting
// syndicated copies, are read once.
func groupObservations(passages []corpus.Passage, article func(id string) corpus.Article) map[string]*topicLedger {
	out := map[string]*topicLedger{}
	for _, d := range annotate.Topics().Defs() {
		out[d.Name] = &topicLedger{def: d}
	}
	arts := map[string]corpus.Article{}
	for i := range passages {
		p := &passages[i]
		a, ok := arts[p.ArticleID]
		if !ok {
			a = article(p.ArticleID)
			arts[p.ArticleID] = a
		}
		var key *lazyKey
		for _, o := range p.Stances {
			tl := out[o.Topic]
			if tl == nil {
				continue
			}
			if key == nil {
				key = &lazyKey{text: p.Text}
			}
			sent := p.Text
			if o.Start >= 0 && o.End <= len(p.Text) && o.Start < o.End {
				sent = strings.TrimSpace(p.Text[o.Start:o.End])
			}
			tl.obs = append(tl.obs, StanceObservation{Actor: o.Actor, Topic: o.Topic,
				Kind: o.Kind, Condition: o.Condition, Cue: o.Cue, Sentence: sent, Passage: *p, Article: a, Copies: 1, key: key})
		}
	}
	return out
}

// buildLedgers is every topic's ledger of passages, at once (tests).
func buildLedgers(passages []corpus.Passage, article func(id string) corpus.Article) map[string]*Ledger {
	out := map[string]*Ledger{}
	for name, tl := range groupObservations(passages, article) {
		out[name] = newLedger(tl.def, tl.obs)
	}
	return out
}

// newLedger groups a topic's observations by actor and decides each
// actor's current stance.
func newLedger(def annotate.TopicDef, obs []StanceObservation) *Ledger {
	l := &Ledger{Topic: def.Name, Label: def.Label}
	byActor := map[string][]StanceObservation{}
	var names []string
	for _, o := range obs {
		if _, ok := byActor[o.Actor]; !ok {
			names = append(names, o.Actor)
		}
		byActor[o.Actor] = append(byActor[o.Actor], o)
	}
	for _, name := range names {
		l.Actors = append(l.Actors, newLedgerActor(name, byActor[name]))
	}
	sort.SliceStable(l.Actors, func(i, j int) bool {
		a, b := &l.Actors[i], &l.Actors[j]
		if na, nb := a.support(), b.support(); na != nb {
			return na > nb
		}
		if da, db := a.newest(), b.newest(); !da.Equal(db.Time) {
			return da.After(db.Time)
		}
		return a.Actor < b.Actor
	})
	return l
}

// support is how many observations back the current stance.
func (a *LedgerActor) support() int {
	n := 0
	for _, o := range a.Observations {
		if a.holds(o.Kind) {
			n++
		}
	}
	return n
}

func (a *LedgerActor) newest() corpus.Date {
	if len(a.Observations) == 0 {
		return corpus.Date{}
	}
	return a.Observations[len(a.Observations)-1].Date()
}

// holds reports whether k is the current stance or one of the contested.
func (a *LedgerActor) holds(k annotate.Kind) bool {
	for _, s := range a.Stances {
		if s == k {
			return true
		}
	}
	return false
}

// recentDays is how far apart the newest articles may be to count as
// the same moment when one of their dates is approximate.
const recentDays = 7

func newLedgerActor(name string, obs []StanceObservation) LedgerActor {
	obs = dedupeSyndicated(obs)
	sort.SliceStable(obs, func(i, j int) bool {
		di, dj := obs[i].Date(), obs[j].Date()
		if !di.Equal(dj.Time) {
			return di.Before(dj.Time)
		}
		return false
	})
	a := LedgerActor{Actor: name, Kind: annotate.ActorKind(name), Observations: obs}
	arts := articleKinds(obs)
	newest := arts[len(arts)-1]
	kinds := map[annotate.Kind]bool{}
	var recent []articleKind
	for _, ak := range arts {
		if sameMoment(ak, newest) {
			recent = append(recent, ak)
		}
	}
	for _, ak := range recent {
		if !kinds[ak.kind] {
			kinds[ak.kind] = true
			a.Stances = append(a.Stances, ak.kind)
		}
	}
	a.Current = newest.kind
	if len(a.Stances) > 1 {
		a.Contested = true
		sort.Slice(a.Stances, func(i, j int) bool { return kindRank(a.Stances[i]) < kindRank(a.Stances[j]) })
		a.Current = a.Stances[0]
	}
	for _, ak := range arts {
		if sameMoment(ak, newest) || a.holds(ak.kind) {
			continue
		}
		a.History = append(a.History, ak.first)
	}
	return a
}

// kindRank orders stances when one must come first: a refusal before a
// pledge, so a declined actor is never shown as pledged on the strength
// of the same articles.
func kindRank(k annotate.Kind) int {
	switch k {
	case annotate.Declined:
		return 0
	case annotate.Opposes:
		return 1
	case annotate.Pledged:
		return 2
	}
	return 3
}

func sameMoment(a, b articleKind) bool {
	da, db := a.first.Date(), b.first.Date()
	if da.Equal(db.Time) {
		return true
	}
	if !a.first.Article.PublishedApproximate && !b.first.Article.PublishedApproximate {
		return false
	}
	d := da.Sub(db.Time)
	return d < recentDays*24*time.Hour && d > -recentDays*24*time.Hour
}

// articleKind is an actor's stance in one article: the refusals and
// pledges it states outweigh its hedges; between a refusal and a pledge
// the majority decides, a tie going to the refusal.
type articleKind struct {
	kind  annotate.Kind
	first StanceObservation // the article's first observation of that kind
}

func articleKinds(obs []StanceObservation) []articleKind {
	type tally struct {
		counts map[annotate.Kind]int
		first  map[annotate.Kind]StanceObservation
		order  int
	}
	byArt := map[string]*tally{}
	var ids []string
	for _, o := range obs {
		t := byArt[o.Article.ID]
		if t == nil {
			t = &tally{counts: map[annotate.Kind]int{}, first: map[annotate.Kind]StanceObservation{}, order: len(ids)}
			byArt[o.Article.ID] = t
			ids = append(ids, o.Article.ID)
		}
		t.counts[o.Kind]++
		if _, ok := t.first[o.Kind]; !ok {
			t.first[o.Kind] = o
		}
	}
	out := make([]articleKind, 0, len(ids))
	for _, id := range ids {
		t := byArt[id]
		best := annotate.Kind(0)
		if t.counts[annotate.Declined] > 0 || t.counts[annotate.Pledged] > 0 {
			best = annotate.Pledged
			if t.counts[annotate.Declined] >= t.counts[annotate.Pledged] {
				best = annotate.Declined
			}
		} else {
			for _, k := range []annotate.Kind{annotate.Opposes, annotate.Unclear} {
				if best == 0 || t.counts[k] > t.counts[best] {
					best = k
				}
			}
		}
		out = append(out, articleKind{kind: best, first: t.first[best]})
	}
	return out // obs is oldest first, so is out
}

// dedupeSyndicated keeps one observation of a story republished on
// several outlets: the same actor and stance in near-identical passage
// text counts once, as its earliest copy.
func dedupeSyndicated(obs []StanceObservation) []StanceObservation {
	sort.SliceStable(obs, func(i, j int) bool { return obs[i].Date().Before(obs[j].Date().Time) })
	var out []StanceObservation
	exact := map[string]int{} // kind and flat text → index in out
	for _, o := range obs {
		if o.key == nil {
			o.key = &lazyKey{text: o.Passage.Text}
		}
		k := o.key.get()
		flat := string(rune('0'+o.Kind)) + k.flat
		if n, ok := exact[flat]; ok {
			if out[n].Article.ID != o.Article.ID {
				out[n].Copies++
			}
			continue
		}
		dup := -1
		for n := range out {
			if out[n].Kind == o.Kind && out[n].Article.ID != o.Article.ID && nearSame(out[n].keyOf(), k) {
				dup = n
				break
			}
		}
		if dup >= 0 {
			out[dup].Copies++
			continue
		}
		exact[flat] = len(out)
		out = append(out, o)
	}
	return out
}

func (o *StanceObservation) keyOf() *dupKey { return o.key.get() }

// dupKey is a passage's words, folded: the flat text and the set.
type dupKey struct {
	flat  string
	words map[string]bool
}

func newDupKey(s string) *dupKey {
	fields := strings.FieldsFunc(text.Key(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	w := make(map[string]bool, len(fields))
	for _, f := range fields {
		w[f] = true
	}
	return &dupKey{flat: strings.Join(fields, " "), words: w}
}

// nearSame reports word sets that overlap by at least 80% (Jaccard).
func nearSame(a, b *dupKey) bool {
	na, nb := len(a.words), len(b.words)
	if na == 0 || nb == 0 || min(na, nb)*10 < max(na, nb)*8 {
		return false // sizes too far apart for 80% overlap
	}
	inter := 0
	for w := range a.words {
		if b.words[w] {
			inter++
		}
	}
	return float64(inter) >= 0.8*float64(na+nb-inter)
}
