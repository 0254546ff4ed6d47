package bot

import (
	"context"
	"errors"
	"fmt"

	"talkbot/corpus"
	"talkbot/index"
)

// BuildConfig says how to build a generation from the corpus.
type BuildConfig struct {
	// CorpusDir is the article directory ("" for the bundled corpus,
	// which never changes and so is never watched).
	CorpusDir string
	// Index is passed to index.Open; Dir must be "" or a directory this
	// process alone writes.
	Index index.Options
	// NewRouter makes the router answering from ix, e.g.
	// func(ix *index.Index) bot.Router { return commands.NewRouter(commands.Deps{Index: ix, ...}) }.
	NewRouter func(ix *index.Index) Router
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

// Build loads the corpus strictly and builds a new index and router.
func Build(ctx context.Context, cfg BuildConfig) (*Generation, error) {
	if cfg.NewRouter == nil {
		return nil, errors.New("build: no router constructor")
	}
	articles, problems := corpus.LoadFrom(cfg.CorpusDir)
	if len(problems) > 0 {
		return nil, &ProblemsError{Problems: problems}
	}
	if len(articles) == 0 {
		return nil, fmt.Errorf("%s: no article to index", orBundled(cfg.CorpusDir))
	}
	passages := corpus.AllPassages(articles)
	ix, err := index.Open(ctx, articles, passages, cfg.Index)
	if err != nil {
		return nil, err
	}
	return &Generation{Index: ix, Router: cfg.NewRouter(ix), Articles: len(articles), Passages: len(passages)}, nil
}

func orBundled(dir string) string {
	if dir == "" {
		return "the bundled corpus"
	}
	return dir
}
