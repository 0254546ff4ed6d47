package answer

import (
	"context"

	"talkbot/index"
)

// Update indexes changed article files and returns the engine answering
// from the index that holds them (index.Index.Update); e keeps answering
// as before until it is closed. Live reports whether the index takes
// updates; NeedsRebuild whether so many were taken that a rebuild would
// search faster.
func (e *Engine) Update(ctx context.Context, changes []index.Change) (*Engine, error) {
	next, err := e.ix.Update(ctx, changes)
	if err != nil {
		return nil, err
	}
	return NewEngine(next), nil
}

// CorpusChanges names the corpus files that changed since an index
// opened with index.Options.CheckLater was built; checked is false when
// there was nothing left to check (index.CorpusChanges).
func (e *Engine) CorpusChanges(ctx context.Context) (names []string, checked bool, err error) {
	return e.ix.CorpusChanges(ctx)
}

// Live reports whether the engine's index takes Update.
func (e *Engine) Live() bool { return e.ix.Live() }

// NeedsRebuild reports an index that a rebuild would make faster.
func (e *Engine) NeedsRebuild() bool { return e.ix.NeedsRebuild() }

// HasArticle reports whether the index holds the article with that id.
func (e *Engine) HasArticle(id string) bool {
	_, ok := e.ix.Article(id)
	return ok
}
