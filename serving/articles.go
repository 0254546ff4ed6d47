package serving

import (
	"context"
	"log/slog"

	"talkbot/commands"
	"talkbot/corpus/ingest"
)

// articleAdder is /add-article: the page is added to the corpus as
// talkbot corpus add does, then indexed into the generation served.
type articleAdder struct {
	c     *ingest.Corpus
	apply func(ctx context.Context, files []string) error
	log   *slog.Logger
}

func (a *articleAdder) AddArticle(ctx context.Context, pageURL string) commands.AddedArticle {
	r := a.c.AddURL(ctx, pageURL, ingest.Hint{})
	if r.Action == ingest.Skipped {
		a.log.Info("article not added", "url", pageURL, "reason", r.Reason)
		return commands.AddedArticle{Reason: r.Reason}
	}
	a.log.Info("article added", "url", pageURL, "file", r.File, "action", r.Action, "title", r.Article.Title)
	if err := a.apply(ctx, []string{r.File}); err != nil {
		// the file is written; a rebuild or restart will index it
		a.log.Error("indexing an added article", "file", r.File, "err", err)
	}
	return commands.AddedArticle{Action: r.Action, File: r.File, Article: r.Article, Passages: r.Passages}
}
