package bot

import (
	"context"
	"crypto/ed25519"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"talkbot/commands"
	"talkbot/index"
)

// testKey signs every test interaction; seeded so failures reproduce.
var testKey = ed25519.NewKeyFromSeed([]byte("talkbot-serve-test-key-seed-32b!"))

func testPublic() ed25519.PublicKey { return testKey.Public().(ed25519.PublicKey) }

// realRouter is the commands router with a rate limit high enough that
// the tests measure the handlers, not the limiter.
func realRouter(ix *index.Index) Router {
	return commands.NewRouter(commands.Deps{Index: ix, RateLimit: commands.RateLimit{PerSecond: 1e6, Burst: 1e6}})
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

var (
	sharedOnce sync.Once
	sharedGen  *Generation
	sharedErr  error
)

// shared is one real generation over the bundled corpus for every test
// that does not change the corpus: building it is the slow part.
func shared(t testing.TB) *Generation {
	t.Helper()
	sharedOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		sharedGen, sharedErr = Build(ctx, BuildConfig{NewRouter: realRouter})
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return &Generation{Index: sharedGen.Index, Router: sharedGen.Router, Articles: sharedGen.Articles, Passages: sharedGen.Passages}
}

// keepOpen serves g without ever closing its index (a shared one).
func keepOpen(g *Generation) *Current {
	c := &Current{log: slog.New(slog.DiscardHandler)}
	c.h.store(g, func(*Generation) {})
	return c
}

// testServer serves cfg (the shared index when cfg.Current is nil) on
// loopback.
func testServer(t testing.TB, cfg ServeConfig) (*Server, string) {
	t.Helper()
	if cfg.Current == nil {
		cfg.Current = keepOpen(shared(t))
	}
	if cfg.PublicKey == nil {
		cfg.PublicKey = testPublic()
	}
	s, err := NewServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		hs.Close()
		s.waitPending(context.Background())
	})
	return s, hs.URL
}

// post sends body with the given signature headers ("" leaves one out).
func post(t testing.TB, url, sig, ts string, body []byte) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	if sig != "" {
		req.Header.Set("X-Signature-Ed25519", sig)
	}
	if ts != "" {
		req.Header.Set("X-Signature-Timestamp", ts)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// signedPost signs body now with the test key and posts it.
func signedPost(t testing.TB, url string, body []byte) (int, string, http.Header) {
	sig, ts := Sign(testKey, time.Now(), body)
	return post(t, url, sig, ts, body)
}

func newTextLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, nil))
}
