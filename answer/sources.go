package answer

import (
	"sort"
	"time"

	"talkbot/corpus"
	"talkbot/corpus/text"
)

// SourcesQuery filters the list of sources; the zero value lists them all.
type SourcesQuery struct {
	// Publisher keeps the articles whose publisher or original source
	// contains it, in any case.
	Publisher string
	// From and To bound the publication date, inclusive; zero is open.
	From, To time.Time
}

// SourcesPage is one page of the sources, newest first.
type SourcesPage struct {
	// Total is how many articles pass the filters.
	Total    int
	Articles []corpus.Article
}

// Sources lists every article in the index, newest first.
func (e *Engine) Sources() Sources {
	return Sources{Articles: append([]corpus.Article(nil), e.newest()...)}
}

// SourcesPage is a page of the articles the query keeps, newest first.
// The list is sorted once per index generation, so a page costs its
// filter's pass over article metadata, never a render of every article.
func (e *Engine) SourcesPage(q SourcesQuery, p Page) (SourcesPage, error) {
	if err := e.checkPublisher(q.Publisher); err != nil {
		return SourcesPage{}, err
	}
	keep := func(corpus.Article) bool { return true }
	if text.Key(q.Publisher) != "" || !q.From.IsZero() || !q.To.IsZero() {
		match := map[string]bool{}
		for _, s := range e.ix.MatchingPublishers(q.Publisher) {
			match[s] = true
		}
		keep = func(a corpus.Article) bool {
			if len(match) > 0 && !match[a.Publisher] && !match[a.OriginalSource] {
				return false
			}
			d := a.Published.Time
			if !q.From.IsZero() && (d.IsZero() || d.Before(q.From)) {
				return false
			}
			return q.To.IsZero() || (!d.IsZero() && !d.After(q.To))
		}
	}
	var out SourcesPage
	for _, a := range e.newest() {
		if !keep(a) {
			continue
		}
		if out.Total >= p.Offset && len(out.Articles) < p.Limit {
			out.Articles = append(out.Articles, a)
		}
		out.Total++
	}
	return out, nil
}

// SourcesFromArticles lists the given articles, newest first, without
// needing an index (the terminal's sources command).
func SourcesFromArticles(arts []corpus.Article) Sources {
	return Sources{Articles: newestFirst(arts)}
}

func newestFirst(arts []corpus.Article) []corpus.Article {
	sorted := make([]corpus.Article, len(arts))
	copy(sorted, arts)
	sort.SliceStable(sorted, func(i, j int) bool {
		return sorted[i].Published.After(sorted[j].Published.Time)
	})
	return sorted
}
