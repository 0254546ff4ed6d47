package serving

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"talkbot/answer"
	"talkbot/commands"
)

// realRouter is the commands router with a rate limit high enough that
// the tests measure the handlers, not the limiter.
func realRouter(e *answer.Engine) *commands.Router {
	return commands.NewRouter(commands.Deps{Engine: e, RateLimit: commands.RateLimit{PerSecond: 1e6, Burst: 1e6}})
}

// copyCorpus copies the bundled articles into a temp dir a test may edit.
func copyCorpus(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(filepath.Join("..", "corpus", "articles"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("..", "corpus", "articles", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// build makes a real generation over dir ("" for the bundled corpus).
func build(t testing.TB, dir string) *Generation {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	g, err := Build(ctx, BuildConfig{CorpusDir: dir, NewRouter: realRouter})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func newTextLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, nil))
}

func counter(c prometheus.Counter) float64 {
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		return -1
	}
	return m.GetCounter().GetValue()
}
