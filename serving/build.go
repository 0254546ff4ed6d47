package serving

import (
	"context"
	"errors"
	"fmt"
	"talkbot/answer"
	"talkbot/commands"

	"talkbot/corpus"
	"talkbot/index"
)

// BuildConfig says how to build a generation from the corpus.
type BuildConfig struct {
	// CorpusDir is the article directory ("" for the bundled corpus,
	// which never changes and so is never watched).
	CorpusDir string
	// Index is passed to index.OpenSource; Dir must be "" or a directory this
	// process alone writes.
	Index index.Options
	// NewRouter makes the router answering from e, e.g.
	// func(e *answer.Engine) *commands.Router { return commands.NewRouter(commands.Deps{Engine: e, ...}) }.
	NewRouter func(e *answer.Engine) *commands.Router
}

// ProblemsError is a corpus that did not load cleanly. A reload refuses
// it whole: serving half the articles silently would be worse than
// serving the old index a little longer.
type ProblemsError struct{ Problems []corpus.Problem }

func (e *ProblemsError) Error() string {
	if len(e.Problems) == 1 {
		return e.Problems[0].Error()
	}
	return fmt.Sprintf("%v (and %d more problems)", e.Problems[0], len(e.Problems)-1)
}

// Build reads the corpus strictly and builds a new index, engine and
// router. The
// articles are read one at a time (index.OpenSource), so a build never
// holds the whole corpus beside the index being served.
func Build(ctx context.Context, cfg BuildConfig) (*Generation, error) {
	if cfg.NewRouter == nil {
		return nil, errors.New("build: no router constructor")
	}
	ix, err := index.OpenSource(ctx, corpus.SourceOf(cfg.CorpusDir), cfg.Index)
	if err != nil {
		return nil, err
	}
	if problems := ix.Problems(); len(problems) > 0 {
		ix.Close()
		return nil, &ProblemsError{Problems: problems}
	}
	n := ix.ArticleCount()
	if n == 0 {
		ix.Close()
		return nil, fmt.Errorf("%s: no article to index", orBundled(cfg.CorpusDir))
	}
	e := answer.NewEngine(ix)
	return &Generation{Engine: e, Router: cfg.NewRouter(e), Articles: n, Passages: ix.PassageCount()}, nil
}

func orBundled(dir string) string {
	if dir == "" {
		return "the bundled corpus"
	}
	return dir
}
