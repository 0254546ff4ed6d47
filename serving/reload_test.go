package serving

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"talkbot/answer"
	"talkbot/index"
)

// TestReloadSwapsAndRefusesBrokenFiles: a good reload swaps in the new
// corpus; a broken file keeps the old index serving, is logged with file
// and line, and is counted as a failure.
func TestReloadSwapsAndRefusesBrokenFiles(t *testing.T) {
	dir := copyCorpus(t)
	g := build(t, dir)
	cur := NewCurrent(g, nil)
	t.Cleanup(cur.Close)
	m := NewMetrics()
	var log strings.Builder
	r, err := NewReloader(ReloadConfig{Build: BuildConfig{CorpusDir: dir, NewRouter: realRouter}, Current: cur, Metrics: m,
		Logger: newTextLogger(&log)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	// A new article with a word no other has.
	article := "---\ntitle: \"Zyxwvut talks\"\npublisher: \"Test Wire\"\nurl: \"https://example.org/zyxwvut\"\npublished: 2025-09-01\n---\nThe zyxwvut delegation met in Geneva to discuss guarantees.\n"
	if err := os.WriteFile(filepath.Join(dir, "2025-09-01-test-zyxwvut.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := r.Reload(ctx); err != nil {
		t.Fatalf("reload: %v", err)
	}
	if hits := search(t, cur, "zyxwvut"); hits == 0 {
		t.Fatal("the new article is not searchable after the reload")
	}
	if got := counter(m.reloads.WithLabelValues("ok")); got != 1 {
		t.Fatalf("ok reloads %v, want 1", got)
	}

	// Break a file: front matter that is not YAML.
	bad := "---\ntitle: [unclosed\npublisher: x\n---\nText.\n"
	badPath := filepath.Join(dir, "2025-09-02-broken.md")
	if err := os.WriteFile(badPath, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	err = r.Reload(ctx)
	var pe *ProblemsError
	if !errors.As(err, &pe) {
		t.Fatalf("reload of a broken corpus: %v, want a ProblemsError", err)
	}
	if got := counter(m.reloads.WithLabelValues("failed")); got != 1 {
		t.Fatalf("failed reloads %v, want 1", got)
	}
	if hits := search(t, cur, "zyxwvut"); hits == 0 {
		t.Fatal("the previous index stopped serving after a failed reload")
	}
	if !strings.Contains(log.String(), "2025-09-02-broken.md") || !strings.Contains(log.String(), "line=") {
		t.Fatalf("log does not name the file and line:\n%s", log.String())
	}
}

// TestReloadWatch: with --watch, saving a file rebuilds the index.
func TestReloadWatch(t *testing.T) {
	dir := copyCorpus(t)
	cur := NewCurrent(build(t, dir), nil)
	t.Cleanup(cur.Close)
	r, err := NewReloader(ReloadConfig{Build: BuildConfig{CorpusDir: dir, NewRouter: realRouter}, Current: cur,
		Watch: true, Debounce: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	time.Sleep(50 * time.Millisecond) // let the watcher start
	article := "---\ntitle: \"Qwertzu\"\npublisher: \"Test Wire\"\nurl: \"https://example.org/q\"\npublished: 2025-09-01\n---\nThe qwertzu plan was tabled.\n"
	if err := os.WriteFile(filepath.Join(dir, "2025-09-01-q.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for search(t, cur, "qwertzu") == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the saved article was never indexed")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestReadyz: ready while an index answers, 503 once it is gone.
func TestReadyz(t *testing.T) {
	cur := NewCurrent(build(t, ""), nil)
	hs := httptest.NewServer(AdminHandler(cur, NewMetrics()))
	t.Cleanup(hs.Close)
	url := hs.URL
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/metrics": 200} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, resp.StatusCode, want)
		}
	}
	cur.Close()
	resp, err := http.Get(url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz with no index: %d, want 503", resp.StatusCode)
	}
}

func search(t testing.TB, cur *Current, q string) int {
	t.Helper()
	g, release, ok := cur.Acquire()
	if !ok {
		t.Fatal("no index")
	}
	defer release()
	sq, err := answer.NewSearchQuery(q, "", time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := g.Engine.Search(context.Background(), sq, answer.Page{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

// TestReloadOnDisk: with an index directory, each reload builds on disk
// under it, and a replaced reload's directory is removed once closed;
// leftovers of an earlier process are cleared at start.
func TestReloadOnDisk(t *testing.T) {
	dir := copyCorpus(t)
	ixDir := t.TempDir()
	ctx := context.Background()
	first, err := Build(ctx, BuildConfig{CorpusDir: dir, NewRouter: realRouter, Index: index.Options{Dir: ixDir}})
	if err != nil {
		t.Fatal(err)
	}
	cur := NewCurrent(first, nil)
	t.Cleanup(cur.Close)
	stale := filepath.Join(ixDir, "reload-7")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	r, err := NewReloader(ReloadConfig{Build: BuildConfig{CorpusDir: dir, NewRouter: realRouter, Index: index.Options{Dir: ixDir}}, Current: cur})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("leftover %s not removed: %v", stale, err)
	}
	article := "---\ntitle: \"Zyxwvut talks\"\npublisher: \"Test Wire\"\nurl: \"https://example.org/zyxwvut\"\npublished: 2025-09-01\n---\nThe zyxwvut delegation met in Geneva to discuss guarantees.\n"
	if err := os.WriteFile(filepath.Join(dir, "2025-09-01-test-zyxwvut.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := r.Reload(ctx); err != nil {
			t.Fatalf("reload %d: %v", i+1, err)
		}
	}
	if hits := search(t, cur, "zyxwvut"); hits == 0 {
		t.Fatal("the new article is not searchable after the reloads")
	}
	if _, err := os.Stat(filepath.Join(ixDir, "reload-1")); !os.IsNotExist(err) {
		t.Errorf("the replaced reload-1 is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(ixDir, "reload-2", "current")); err != nil {
		t.Errorf("the serving index is not on disk in reload-2: %v", err)
	}
}
