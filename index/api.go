// Package index is talkbot's search engine: the Bleve mapping and
// analysis, the domain synonyms, building or reopening the index, and
// searching it with highlighting. It is the only package that imports
// Bleve.
package index

import (
	"time"

	"talkbot/corpus"
)

// Query is a search as a reader asks it. Text is free text typed by a
// person and is never parsed as query syntax.
type Query struct {
	Text string
	// Publisher keeps only articles whose publisher or original source
	// matches, case-insensitively ("" for all).
	Publisher string
	// From and To bound the publication date, inclusive; zero is open.
	From, To time.Time
	// Actor and Speaker keep only passages that name that actor or quote
	// that speaker (canonical names, as in corpus.Passage).
	Actor, Speaker string
	// Limit is the number of hits wanted (default 5, at most 100);
	// Offset skips that many hits first, for paging.
	Limit, Offset int
	// MaxPerArticle caps the hits taken from one article (0: no cap).
	MaxPerArticle int
}

// Result is one page of hits.
type Result struct {
	// Total is how many passages matched (before Limit and Offset). On
	// a large corpus, passages holding only the query's commonest words
	// do not count (see rareClauses).
	Total int
	// Suggestion is the query respelt by spelling correction, "" when
	// no word needed correcting. When set, the hits are for these words
	// (the reader should be told so); with no hits it is a "did you
	// mean" to offer.
	Suggestion string
	Hits       []Hit
}

// Hit is one matching passage with the article it comes from.
type Hit struct {
	Passage corpus.Passage
	Article corpus.Article
	// Highlighted is the passage text with matched terms in **bold**
	// (Discord markdown); the rest of the text is the source's.
	Highlighted string
	Score       float64
}
