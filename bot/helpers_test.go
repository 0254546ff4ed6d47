package bot

import (
	"context"
	"crypto/ed25519"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"talkbot/commands"
	"talkbot/internal/testengine"
)

// testKey signs every test interaction; seeded so failures reproduce.
var testKey = ed25519.NewKeyFromSeed([]byte("talkbot-serve-test-key-seed-32b!"))

func testPublic() ed25519.PublicKey { return testKey.Public().(ed25519.PublicKey) }

// realRouter is the commands router over the bundled articles, with a
// rate limit high enough that the tests measure the handlers, not the
// limiter.
func realRouter(t testing.TB) *commands.Router {
	return commands.NewRouter(commands.Deps{Engine: testengine.Bundled(t), RateLimit: commands.RateLimit{PerSecond: 1e6, Burst: 1e6}})
}

// testServer serves cfg (the real router when cfg.Handler is nil) on
// loopback.
func testServer(t testing.TB, cfg ServeConfig) (*Server, string) {
	t.Helper()
	if cfg.Handler == nil {
		cfg.Handler = realRouter(t)
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
