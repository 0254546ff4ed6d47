package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"talkbot/corpus"
	"talkbot/corpus/extract"
	"talkbot/corpus/fetch"
	"talkbot/internal/testnet"
)

func TestMain(m *testing.M) { testnet.Guard(m) }

// story is the body of a made-up wire story, long enough to be an article.
var story = []string{
	"European leaders meeting in Paris agreed on Tuesday to send a multinational force to Ukraine once a ceasefire is signed, officials said after the talks ended late in the evening.",
	"The coalition of the willing, led by France and the United Kingdom, said the force would secure the skies and the seas and help rebuild the Ukrainian army, while the United States would lead the monitoring of any truce.",
	"Several countries, including Croatia and the Czech Republic, said they would not deploy troops, while others offered air policing, logistics and training instead of soldiers on the ground.",
	"Russia has rejected any deployment of Western troops in Ukraine and did not comment on the meeting, which diplomats described as the most concrete step yet towards security guarantees.",
}

// page is an article page as a news site serves it.
func page(title, site, canonical, date string, paragraphs []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><title>%s | %s</title>`, title, site)
	if canonical != "" {
		fmt.Fprintf(&b, `<link rel="canonical" href="%s">`, canonical)
	}
	fmt.Fprintf(&b, `<meta property="og:site_name" content="%s">`, site)
	if date != "" {
		fmt.Fprintf(&b, `<meta property="article:published_time" content="%sT10:00:00Z">`, date)
	}
	fmt.Fprintf(&b, `</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>%s</h1>`, title)
	for _, p := range paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>", p)
	}
	b.WriteString(`</article><footer>Share this article. Follow us.</footer></body></html>`)
	return b.String()
}

type site struct {
	*httptest.Server
	pages map[string]string
}

func newSite(t *testing.T) *site {
	s := &site{pages: map[string]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := s.pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, p)
	}))
	t.Cleanup(s.Close)
	return s
}

func open(t *testing.T, dir string, dry bool) *Corpus {
	c, err := Open(dir, Options{DryRun: dry, Fetch: fetch.New(fetch.Options{AllowPrivate: true})})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func files(t *testing.T, dir string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestAddUpdateAndMerge(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	ctx := context.Background()
	c := open(t, dir, false)

	s.pages["/world/paris-talks"] = page("Coalition agrees force for Ukraine", "Wire Service", s.URL+"/world/paris-talks", "2026-01-06", story)
	r := c.AddURL(ctx, s.URL+"/world/paris-talks?utm_source=x", Hint{})
	if r.Action != Added || r.File != "2026-01-06-wire-service-coalition-agrees-force-for-ukraine.md" {
		t.Fatalf("first add: %+v", r)
	}
	if r.Article.Publisher != "Wire Service" || r.Article.Published.String() != "2026-01-06" || r.Article.PublishedApproximate || r.Passages != 4 {
		t.Errorf("article %+v, %d passages", r.Article, r.Passages)
	}

	// the same canonical address again, edited: the same file, updated
	s.pages["/world/paris-talks"] = page("Coalition agrees force for Ukraine", "Wire Service", s.URL+"/world/paris-talks", "2026-01-06",
		append(append([]string{}, story...), "The leaders will meet again in London next month to settle the command structure of the force, a French official said."))
	r = c.AddURL(ctx, s.URL+"/world/paris-talks", Hint{})
	if r.Action != Updated || r.File != "2026-01-06-wire-service-coalition-agrees-force-for-ukraine.md" || r.Passages != 5 {
		t.Fatalf("update: %+v", r)
	}
	if r := c.AddURL(ctx, s.URL+"/world/paris-talks", Hint{}); r.Action != Skipped || !strings.Contains(r.Reason, "unchanged") {
		t.Errorf("unchanged: %+v", r)
	}

	// a syndicated copy on another site: recorded as another outlet
	syndicated := append([]string{"(Wire Service) —"}, story...)
	syndicated[len(syndicated)-1] += " Copyright Wire Service."
	s.pages["/copy"] = page("Europe agrees Ukraine force", "Daily Repost", s.URL+"/copy", "2026-01-07", syndicated)
	r = c.AddURL(ctx, s.URL+"/copy", Hint{})
	if r.Action != Merged || r.File != "2026-01-06-wire-service-coalition-agrees-force-for-ukraine.md" {
		t.Fatalf("near-copy: %+v", r)
	}
	if len(r.Article.AlsoPublishedBy) != 1 || r.Article.AlsoPublishedBy[0].Publisher != "Daily Repost" ||
		!strings.Contains(r.Article.SourceLabel(), "also published by Daily Repost") {
		t.Errorf("outlets %+v", r.Article.AlsoPublishedBy)
	}
	if r := c.AddURL(ctx, s.URL+"/copy", Hint{}); r.Action != Skipped || !strings.Contains(r.Reason, "another outlet of") {
		t.Errorf("the copy again: %+v", r)
	}
	if got := files(t, dir); len(got) != 1 {
		t.Errorf("files %v, want the one story", got)
	}
	// a different story is a file of its own
	other := []string{
		"Finland's parliament approved on Wednesday a bill that lets the country's soldiers take part in a future monitoring mission in Ukraine, the speaker said after a vote of 150 to 30.",
		"The mission would watch the line of contact from the air and with drones, and would not take part in any fighting, the defence minister told reporters in Helsinki after the vote.",
		"Opposition lawmakers said the government had not explained how long the soldiers would stay or who would command them, and asked for another vote before any deployment.",
	}
	s.pages["/finland"] = page("Finland votes to join Ukraine monitoring", "Nordic News", s.URL+"/finland", "", other)
	r = c.AddURL(ctx, s.URL+"/finland", Hint{})
	if r.Action != Added || !strings.HasPrefix(r.File, "undated-nordic-news-finland-votes") {
		t.Fatalf("another story: %+v", r)
	}
	arts, problems := corpus.LoadDir(dir)
	if len(problems) > 0 || len(arts) != 2 {
		t.Fatalf("the corpus reads back as %d articles, problems %v", len(arts), problems)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	s.pages["/a"] = page("Coalition agrees force for Ukraine", "Wire Service", s.URL+"/a", "2026-01-06", story)
	r := open(t, dir, true).AddURL(context.Background(), s.URL+"/a", Hint{})
	if r.Action != Added || !strings.Contains(r.Text(), "multinational force") || strings.Contains(r.Text(), "Share this article") {
		t.Fatalf("dry run: %+v", r)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("a dry run wrote %v", got)
	}
}

func TestRefusals(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	s.pages["/short"] = page("Short", "Site", s.URL+"/short", "2026-01-06", []string{"Only a line."})
	s.pages["/german"] = page("Die Koalition", "Seite", s.URL+"/german", "2026-01-06", []string{
		"Die europäischen Staats- und Regierungschefs haben sich am Dienstag in Paris darauf geeinigt, nach einem Waffenstillstand eine multinationale Truppe in die Ukraine zu entsenden, sagten Beamte nach den Gesprächen.",
		"Die Koalition der Willigen, angeführt von Frankreich und dem Vereinigten Königreich, erklärte, die Truppe werde den Luftraum und die Meere sichern und beim Wiederaufbau der ukrainischen Armee helfen.",
		"Mehrere Länder, darunter Kroatien und die Tschechische Republik, erklärten, sie würden keine Truppen entsenden, während andere Luftraumüberwachung, Logistik und Ausbildung anboten.",
	})
	s.pages["/untitled"] = strings.Replace(strings.Replace(page("", "", s.URL+"/untitled", "2026-01-06", story), "<h1></h1>", "", 1), "<title> | </title>", "", 1)
	c := open(t, dir, false)
	ctx := context.Background()
	for path, want := range map[string]error{"/short": extract.ErrNoArticle, "/german": extract.ErrNotEnglish, "/missing": fetch.ErrStatus} {
		r := c.AddURL(ctx, s.URL+path, Hint{})
		if r.Action != Skipped || !errors.Is(r.Err, want) || !errors.Is(r.Err, ErrSkipped) || strings.Contains(r.Reason, "\n") {
			t.Errorf("%s: %+v", path, r)
		}
		t.Logf("%s: %s", path, r.Reason)
	}
	if r := c.AddURL(ctx, s.URL+"/german", Hint{}); !strings.Contains(r.Reason, "analysis is English") {
		t.Errorf("non-English reason: %q", r.Reason)
	}
	if r := c.AddURL(ctx, s.URL+"/untitled", Hint{}); r.Action != Skipped || !strings.Contains(r.Reason, "no title") {
		t.Errorf("untitled: %+v", r)
	}
	// a saved page that names no address of its own
	saved := filepath.Join(t.TempDir(), "saved.html")
	os.WriteFile(saved, []byte(page("Coalition agrees force for Ukraine", "Wire Service", "", "2026-01-06", story)), 0o644)
	if r := c.AddFile(saved); r.Action != Skipped || !strings.Contains(r.Reason, "names no address") {
		t.Errorf("saved page without URL: %+v", r)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("refusals wrote %v", got)
	}
}

func TestAddFileAndUnwritableCorpus(t *testing.T) {
	saved := filepath.Join(t.TempDir(), "saved.html")
	os.WriteFile(saved, []byte(page("Coalition agrees force for Ukraine", "Wire Service", "https://wire.example/world/paris-talks", "2026-01-06", story)), 0o644)
	dir := t.TempDir()
	if r := open(t, dir, false).AddFile(saved); r.Action != Added || r.Article.URL != "https://wire.example/world/paris-talks" {
		t.Fatalf("saved page: %+v", r)
	}
	if _, err := Open(filepath.Join(dir, "nope"), Options{}); err == nil {
		t.Error("a missing corpus directory opened")
	}
	// a directory that cannot be written to (as root, one replaced by a
	// file after opening stands in for it)
	gone := t.TempDir()
	c := open(t, gone, false)
	os.RemoveAll(gone)
	os.WriteFile(gone, []byte("x"), 0o644)
	r := c.AddFile(saved)
	if r.Action != Skipped || !strings.Contains(r.Reason, gone) {
		t.Errorf("unwritable corpus: %+v", r)
	}
	t.Log(r.Reason)
}

func TestURLKey(t *testing.T) {
	for a, b := range map[string]string{
		"https://www.Example.org/a/b/?utm_source=x&id=3#top": "http://example.org/a/b?id=3",
		"https://example.org/a?b=2&a=1":                      "https://example.org/a?a=1&b=2",
	} {
		if URLKey(a) != URLKey(b) || ItemID(a) != ItemID(b) {
			t.Errorf("%s and %s differ: %s, %s", a, b, URLKey(a), URLKey(b))
		}
	}
	if URLKey("https://example.org/a") == URLKey("https://example.org/b") {
		t.Error("two pages are one")
	}
	if got := readableHost("https://www.kyivindependent.com/x"); got != "kyivindependent.com" {
		t.Errorf("readableHost = %q", got)
	}
}

// Every fault of fetching is one line and writes nothing.
func TestFetchFaultsWriteNothing(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.7 not a page")
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><p>"+strings.Repeat("word ", 1300000)+"</p></body></html>")
	})
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusBadGateway) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	// Only /slow meets the short timeout: under the race detector on a
	// busy machine, reading /huge up to the size limit took longer.
	short, err := Open(dir, Options{Fetch: fetch.New(fetch.Options{AllowPrivate: true, Timeout: 300 * time.Millisecond})})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Open(dir, Options{Fetch: fetch.New(fetch.Options{AllowPrivate: true, Timeout: 20 * time.Second})})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]error{"/pdf": extract.ErrNotHTML, "/loop": fetch.ErrLoop, "/slow": fetch.ErrTimeout,
		"/huge": fetch.ErrTooLarge, "/error": fetch.ErrStatus} {
		c := c
		if path == "/slow" {
			c = short
		}
		r := c.AddURL(context.Background(), srv.URL+path, Hint{})
		if r.Action != Skipped || !errors.Is(r.Err, want) || strings.Contains(r.Reason, "\n") || r.Reason == "" {
			t.Errorf("%s: %+v", path, r)
		}
		t.Logf("%s: %s", path, r.Reason)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("faults wrote %v", got)
	}
}
