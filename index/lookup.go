package index

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"talkbot/corpus"
	"talkbot/corpus/annotate"
	"talkbot/corpus/text"
)

// meta is the part of a passage stored beside its text.
type meta struct {
	Article  string   `json:"a"`
	Seq      int      `json:"s"`
	Line     int      `json:"l,omitempty"`
	Actors   []string `json:"ac,omitempty"`
	Speakers []string `json:"sp,omitempty"`
	// Quotes are the passage's attributed quotations as byte ranges of
	// its text and an index into Speakers: a quote answer reads them
	// here instead of reading the articles again.
	Quotes []metaQuote `json:"q,omitempty"`
}

type metaQuote struct {
	Start   int `json:"s"`
	End     int `json:"e"`
	Speaker int `json:"w"`
}

func encodeMeta(p corpus.Passage) string {
	m := meta{Article: p.ArticleID, Seq: p.Seq, Line: p.Line, Actors: p.Actors, Speakers: p.Speakers}
	for _, q := range p.Quotations {
		if w := slices.Index(p.Speakers, q.Speaker); w >= 0 {
			m.Quotes = append(m.Quotes, metaQuote{q.Start, q.End, w})
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// passageFrom rebuilds a passage from its stored fields; false when they
// do not fit together (a quotation outside the text).
func passageFrom(id, txt, metaJSON string) (corpus.Passage, bool) {
	var m meta
	if json.Unmarshal([]byte(metaJSON), &m) != nil {
		return corpus.Passage{}, false
	}
	p := corpus.Passage{ID: id, ArticleID: m.Article, Seq: m.Seq, Text: txt, Line: m.Line,
		Actors: m.Actors, Speakers: m.Speakers}
	for _, q := range m.Quotes {
		if q.Start < 0 || q.Start > q.End || q.End > len(txt) || q.Speaker < 0 || q.Speaker >= len(m.Speakers) {
			return corpus.Passage{}, false
		}
		p.Quotations = append(p.Quotations, annotate.Quotation{Speaker: m.Speakers[q.Speaker], Text: txt[q.Start:q.End], Start: q.Start, End: q.End})
	}
	return p, true
}

// Passage returns a passage by id from the index's stored fields.
func (ix *Index) Passage(id string) (corpus.Passage, bool) {
	return ix.cachedPassage(id, func() (corpus.Passage, bool) { return ix.loadPassage(id) })
}

// cachedPassage is passage id from the cache, or read by load and kept.
func (ix *Index) cachedPassage(id string, load func() (corpus.Passage, bool)) (corpus.Passage, bool) {
	if p, ok := ix.passageCache.Get(id); ok {
		return p, true
	}
	p, ok := load()
	if ok {
		ix.passageCache.Put(id, p)
	}
	return p, ok
}

func (ix *Index) loadPassage(id string) (p corpus.Passage, ok bool) {
	var err error
	defer func() {
		ix.failed(context.Background(), &err)
		if err != nil {
			p, ok = corpus.Passage{}, false
		}
	}()
	doc, err := ix.bi.Document(id)
	if err != nil || doc == nil {
		return corpus.Passage{}, false
	}
	var txt, mj string
	doc.VisitFields(func(f index.Field) {
		switch f.Name() {
		case fText:
			txt = string(f.Value())
		case fMeta:
			mj = string(f.Value())
		}
	})
	return ix.passageOfFields(id, txt, mj)
}

// passageOfFields is the passage id whose stored text and meta are txt
// and mj.
func (ix *Index) passageOfFields(id, txt, mj string) (corpus.Passage, bool) {
	if mj == "" {
		return corpus.Passage{}, false
	}
	p, ok := passageFrom(id, txt, mj)
	if _, known := ix.articles[p.ArticleID]; ok && !known {
		// a live update added it after this value was made: its article
		// is in the next one
		return corpus.Passage{}, false
	}
	return p, ok
}

// hitPassages reads the passages of search hits through each hit's
// internal document number, sparing the lookup of its id in every
// segment's dictionary that Document makes: at 100,000 articles (55
// segments) that lookup was a seventh of a search. A hit whose number
// does not name it in the snapshot read (a live update merged segments
// since the search) is read by id.
type hitPassages struct {
	ix      *Index
	snap    *scorch.IndexSnapshot
	r       indexReader
	offsets []uint64 // each segment's first global document number
}

func (ix *Index) hitPassages() *hitPassages {
	r, err := ix.reader()
	if err != nil {
		return &hitPassages{ix: ix}
	}
	hp := ix.hitPassagesIn(r)
	hp.r = r
	return hp
}

// hitPassagesIn reads passages through r, which the caller closes: the
// reader a search numbered its hits and their copies in.
func (ix *Index) hitPassagesIn(r indexReader) *hitPassages {
	hp := &hitPassages{ix: ix}
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		hp.snap = snap
		var running uint64
		for _, seg := range snap.Segments() {
			hp.offsets = append(hp.offsets, running)
			running += uint64(seg.FullSize())
		}
	}
	return hp
}

func (hp *hitPassages) close() {
	if hp.r != nil {
		_ = hp.r.Close()
	}
}

// of is the passage of hit h, as Passage(h.ID) gives it.
func (hp *hitPassages) of(h *search.DocumentMatch) (corpus.Passage, bool) {
	return hp.ix.cachedPassage(h.ID, func() (corpus.Passage, bool) {
		if p, ok := hp.load(h); ok {
			return p, true
		}
		return hp.ix.loadPassage(h.ID)
	})
}

func (hp *hitPassages) load(h *search.DocumentMatch) (corpus.Passage, bool) {
	if len(h.IndexInternalID) != 8 {
		return corpus.Passage{}, false
	}
	id, p, ok := hp.read(h.IndexInternalID.Value())
	return p, ok && id == h.ID
}

// numbered is the passage of global document number num in the
// snapshot read (a first pass's folded copy).
func (hp *hitPassages) numbered(num uint64) (corpus.Passage, bool) {
	_, p, ok := hp.read(num)
	return p, ok
}

// read is the id and passage of global document number num in the
// snapshot read.
func (hp *hitPassages) read(num uint64) (id string, p corpus.Passage, ok bool) {
	if hp.snap == nil {
		return "", corpus.Passage{}, false
	}
	defer func() {
		if r := recover(); r != nil {
			id, p, ok = "", corpus.Passage{}, false // read by id, which reports damage
		}
	}()
	id, txt, mj, err := hp.fields(num)
	if err != nil || id == "" {
		return "", corpus.Passage{}, false
	}
	p, ok = hp.ix.passageOfFields(id, txt, mj)
	return id, p, ok
}

// fields reads the stored id, text and meta of global document number
// num of the snapshot.
func (hp *hitPassages) fields(num uint64) (id, txt, mj string, err error) {
	i := sort.Search(len(hp.offsets), func(x int) bool { return hp.offsets[x] > num }) - 1
	segs := hp.snap.Segments()
	if i < 0 || i >= len(segs) {
		return "", "", "", errNoSuchDoc
	}
	err = segs[i].VisitDocument(num-hp.offsets[i], func(name string, _ byte, val []byte, _ []uint64) bool {
		switch name {
		case "_id":
			id = string(val)
		case fText:
			txt = string(val)
		case fMeta:
			mj = string(val)
		}
		return true
	})
	return id, txt, mj, err
}

var errNoSuchDoc = errors.New("no such document number")

// Neighbours returns the text of the passages just before and after p in
// its article ("" at either end).
func (ix *Index) Neighbours(p corpus.Passage) (before, after string) {
	if p.Seq > 0 {
		if b, ok := ix.Passage(corpus.PassageID(p.ArticleID, p.Seq-1)); ok {
			before = b.Text
		}
	}
	if a, ok := ix.Passage(corpus.PassageID(p.ArticleID, p.Seq+1)); ok {
		after = a.Text
	}
	return before, after
}

// Articles returns every article, newest first, without its body
// (Paragraphs is nil).
func (ix *Index) Articles() []corpus.Article {
	newest := ix.newest()
	out := make([]corpus.Article, len(newest))
	for i, id := range newest {
		out[i] = ix.articles[id]
	}
	return out
}

// ArticleCount is the number of articles indexed.
func (ix *Index) ArticleCount() int { return len(ix.articles) }

// Article returns an article's metadata by id (Paragraphs is nil).
func (ix *Index) Article(id string) (corpus.Article, bool) {
	a, ok := ix.articles[id]
	return a, ok
}

// Publishers lists every distinct publisher and original source.
func (ix *Index) Publishers() []string { return append([]string(nil), ix.sources...) }

// MatchingPublishers lists the publishers and original sources that the
// Publisher filter p selects: those containing it, compared folded and
// case-insensitively ("al jazeera" selects "Al Jazeera").
func (ix *Index) MatchingPublishers(p string) []string {
	want := text.Key(p)
	if want == "" {
		return nil
	}
	var out []string
	for _, s := range ix.sources {
		if strings.Contains(text.Key(s), want) {
			out = append(out, s)
		}
	}
	return out
}

// Speakers lists the distinct speakers quoted in the passages.
func (ix *Index) Speakers() []string { return append([]string(nil), ix.speakers...) }

// Actors lists the distinct actors named in the passages.
func (ix *Index) Actors() []string { return append([]string(nil), ix.actors...) }

// Synonyms returns the group of words and phrases word belongs to in the
// synonyms data, as written there and including word's own entry; nil
// when word is in no group.
func (ix *Index) Synonyms(word string) []string { return synonyms().expansions(word) }

// StancePassages are the passages that state a stance on a known topic
// (corpus.Passage.Stances), with their text, in load order: read from the
// catalog, never from Bleve. Callers must not change them.
func (ix *Index) StancePassages() []corpus.Passage { return ix.stances }
