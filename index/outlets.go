package index

import "talkbot/corpus"

// nameOutlet records, on the hit that shows a passage, the article of a
// near-copy of it that search drops (a syndicated story run by another
// outlet, kept as a file of its own): one result names every outlet, in
// Article.AlsoPublishedBy. hit is -1 when no hit shows it.
func (ix *Index) nameOutlet(hits []Hit, hit int, dup corpus.Passage) {
	if hit < 0 || hit >= len(hits) || dup.ArticleID == hits[hit].Article.ID {
		return
	}
	other, ok := ix.Article(dup.ArticleID)
	if !ok {
		return
	}
	hits[hit].Article = hits[hit].Article.WithOutlets(other)
}
