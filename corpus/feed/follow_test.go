package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"talkbot/corpus"
	"talkbot/corpus/fetch"
	"talkbot/corpus/ingest"
	"talkbot/internal/testnet"
)

func TestMain(m *testing.M) { testnet.Guard(m) }

// vocabulary makes each test page's text its own: no two pages are
// near-copies of each other (which would merge them as one story).
var vocabulary = strings.Fields(`officials diplomats ministers envoys leaders generals soldiers talks summit ceasefire truce monitoring
guarantees pledges troops forces ships aircraft drones radar missiles brigades coalition alliance treaty border frontline capital
Monday Tuesday Wednesday Thursday Friday weekend morning evening statement agreement proposal draft plan deal framework budget
funding training logistics reconstruction sanctions negotiations parliament government cabinet president premier chancellor
Kyiv Brussels Paris London Berlin Warsaw Rome Madrid Oslo Helsinki Vilnius Riga Tallinn Prague Vienna Ankara Geneva Washington
said told added warned announced promised declined rejected welcomed criticised approved delayed discussed proposed offered`)

// articleHTML is a news page with enough text to be an article, its
// words drawn from vocabulary by a generator seeded with topic.
func articleHTML(title, topic, canonical string) string {
	seed := uint64(14695981039346656037)
	for _, c := range topic {
		seed = (seed ^ uint64(c)) * 1099511628211
	}
	next := func() string {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return vocabulary[seed%uint64(len(vocabulary))]
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<html lang="en"><head><title>%s</title><link rel="canonical" href="%s"><meta property="og:site_name" content="Test Wire"></head><body><article><h1>%s</h1>`, title, canonical, title)
	for i := range 4 {
		fmt.Fprintf(&b, "<p>Paragraph %d about %s:", i, topic)
		for range 30 {
			b.WriteString(" " + next())
		}
		b.WriteString(".</p>")
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

type feedSite struct {
	*httptest.Server
	mu       sync.Mutex
	feeds    map[string]string // path → body
	types    map[string]string
	status   map[string]int
	requests map[string]int
	notMod   int
	etag     string
}

func newFeedSite(t *testing.T) *feedSite {
	s := &feedSite{feeds: map[string]string{}, types: map[string]string{}, status: map[string]int{}, requests: map[string]int{}, etag: `"1"`}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.requests[r.URL.Path]++
		if !strings.HasPrefix(r.UserAgent(), "talkbot/") {
			http.Error(w, "who are you", 403)
			return
		}
		if code := s.status[r.URL.Path]; code != 0 {
			if code == 429 || code == 503 {
				w.Header().Set("Retry-After", "3600")
			}
			w.WriteHeader(code)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/news/") {
			slug := strings.TrimPrefix(r.URL.Path, "/news/")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, articleHTML("Story "+slug, strings.ReplaceAll(slug, "-", " "), s.URL+r.URL.Path))
			return
		}
		body, ok := s.feeds[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == s.etag {
			s.notMod++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", s.etag)
		ct := s.types[r.URL.Path]
		if ct == "" {
			ct = "application/rss+xml"
		}
		w.Header().Set("Content-Type", ct)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *feedSite) set(path, body, ct string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feeds[path], s.types[path] = body, ct
	s.etag = fmt.Sprintf(`"%d"`, len(body))
}

type item struct {
	guid, slug string
	at         time.Time
}

func rss(items ...item) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>`)
	for _, it := range items {
		fmt.Fprintf(&b, "<item><title>Story %s</title><link>{{base}}/news/%s</link><guid>%s</guid><pubDate>%s</pubDate><description>About %s</description></item>",
			it.slug, it.slug, it.guid, it.at.Format(time.RFC1123Z), it.slug)
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

func follower(t *testing.T, dir string, cfg Config, now *time.Time) *Follower {
	c, err := ingest.Open(dir, ingest.Options{Fetch: fetch.New(fetch.Options{AllowPrivate: true})})
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFollower(cfg, c, Options{Fetch: fetch.New(fetch.Options{AllowPrivate: true}), HostSpacing: time.Millisecond,
		Now: func() time.Time { return *now }})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func articleFiles(t *testing.T, dir string) []string {
	arts, problems := corpus.LoadDir(dir)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	var out []string
	for _, a := range arts {
		out = append(out, a.Title)
	}
	return out
}

func TestFollowRSS(t *testing.T) {
	s := newFeedSite(t)
	dir := t.TempDir()
	now := time.Now()
	body := strings.ReplaceAll(rss(
		item{"g1", "ceasefire-monitoring", now.Add(-2 * time.Hour)},
		item{"g1", "air-defence-pledges", now.Add(-3 * time.Hour)},  // a duplicate GUID: another item all the same
		item{"g3", "ceasefire-monitoring", now.Add(-4 * time.Hour)}, // the same page under another GUID
		item{"g4", "old-archive-story", now.Add(-30 * 24 * time.Hour)},
		item{"g5", "football-results", now.Add(-time.Hour)},
	), "{{base}}", s.URL)
	s.set("/rss", body, "application/rss+xml")
	cfg := Config{Feeds: []Feed{{URL: s.URL + "/rss", Interval: DefaultInterval, Exclude: []string{"football"}}}}
	f := follower(t, dir, cfg, &now)
	reps, err := f.Pass(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	r := reps[0]
	if r.Err != nil || len(r.Added) != 2 {
		t.Fatalf("first poll: %+v", r)
	}
	if got := articleFiles(t, dir); len(got) != 2 {
		t.Errorf("articles %v", got)
	}
	// not due again before its interval; due after it, and then 304
	if reps, _ := f.Pass(context.Background(), false); reps[0].Polled {
		t.Error("polled before its interval")
	}
	now = now.Add(DefaultInterval + time.Second)
	reps, _ = f.Pass(context.Background(), false)
	if !reps[0].Polled || !reps[0].Unchange || s.notMod != 1 {
		t.Errorf("conditional GET: %+v, %d not-modified", reps[0], s.notMod)
	}
	// a restart: the state file keeps what was taken
	body2 := strings.ReplaceAll(rss(
		item{"g9", "new-security-talks", now.Add(-time.Minute)},
		item{"g1", "ceasefire-monitoring", now.Add(-2 * time.Hour)},
	), "{{base}}", s.URL)
	s.set("/rss", body2, "application/rss+xml")
	now = now.Add(DefaultInterval + time.Second)
	f2 := follower(t, dir, cfg, &now)
	reps, _ = f2.Pass(context.Background(), false)
	if len(reps[0].Added) != 1 || !strings.Contains(reps[0].Added[0].Article.Title, "new-security-talks") {
		t.Errorf("after a restart: %+v", reps[0])
	}
	if got := articleFiles(t, dir); len(got) != 3 {
		t.Errorf("articles %v", got)
	}
	st := f2.State()[s.URL+"/rss"]
	if st.Added != 3 || st.LastSuccess.IsZero() || st.LastError != "" {
		t.Errorf("state %+v", st)
	}
	if _, err := os.Stat(filepath.Join(dir, StateName)); err != nil {
		t.Error(err)
	}
}

func TestFollowAtomAndJSONFeed(t *testing.T) {
	s := newFeedSite(t)
	dir := t.TempDir()
	now := time.Now()
	atom := fmt.Sprintf(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>Story atom-guarantees</title><link href="%s/news/atom-guarantees"/><id>urn:1</id><updated>%s</updated></entry></feed>`,
		s.URL, now.Add(-time.Hour).Format(time.RFC3339))
	jf, _ := json.Marshal(map[string]any{"version": "https://jsonfeed.org/version/1.1", "title": "J",
		"items": []map[string]any{{"id": "1", "url": s.URL + "/news/json-troop-pledges", "title": "Story json", "date_published": now.Add(-time.Hour).Format(time.RFC3339)}}})
	s.set("/atom", atom, "application/atom+xml")
	s.set("/feed.json", string(jf), "application/feed+json")
	f := follower(t, dir, Config{Feeds: []Feed{{URL: s.URL + "/atom", Interval: DefaultInterval}, {URL: s.URL + "/feed.json", Interval: DefaultInterval}}}, &now)
	reps, _ := f.Pass(context.Background(), false)
	for _, r := range reps {
		if r.Err != nil || len(r.Added) != 1 {
			t.Errorf("%s: %+v", r.Feed.URL, r)
		}
	}
}

func TestFollowFaults(t *testing.T) {
	now := time.Now()
	// each feed on a server of its own: a host backing off waits alone
	site := map[string]*feedSite{}
	for _, name := range []string{"malformed", "huge", "busy", "down", "broken"} {
		site[name] = newFeedSite(t)
	}
	site["malformed"].set("/feed", "<html>not a feed</html>", "text/html")
	var many []item
	for i := range 10000 {
		many = append(many, item{fmt.Sprint(i % 50), fmt.Sprintf("story-%d", i), now.Add(-time.Duration(i) * time.Minute)})
	}
	huge := site["huge"]
	huge.set("/feed", strings.ReplaceAll(rss(many...), "{{base}}", huge.URL), "application/rss+xml")
	site["busy"].status["/feed"] = 429
	site["down"].status["/feed"] = 503
	site["broken"].status["/feed"] = 500
	var cfg Config
	for _, name := range []string{"malformed", "huge", "busy", "down", "broken"} {
		fd := Feed{URL: site[name].URL + "/feed", Name: name, Interval: DefaultInterval}
		if name == "huge" {
			fd.Include = []string{"story 1"}
		}
		cfg.Feeds = append(cfg.Feeds, fd)
	}
	dir := t.TempDir()
	f := follower(t, dir, cfg, &now)
	reps, err := f.Pass(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(reps[0].Err, ErrMalformed) {
		t.Errorf("malformed: %v", reps[0].Err)
	}
	// 10,000 items with 50 GUIDs between them: the newest MaxItems are
	// read, each page once; include keeps story-1 alone (story-10 is
	// "story 10": words, not letters, match)
	if r := reps[1]; r.Err != nil || r.Items != 10000 || !r.Capped || huge.requests["/news/story-1"] != 1 || len(r.Added) != 1 ||
		huge.requests["/news/story-100"] != 0 {
		t.Errorf("10,000 items: %d items, capped %v, err %v, added %d", r.Items, r.Capped, r.Err, len(r.Added))
	}
	for i, code := range []int{429, 503, 500} {
		var se *fetch.StatusError
		if r := reps[2+i]; !errors.As(r.Err, &se) || se.Code != code {
			t.Errorf("%d: %v", code, r.Err)
		}
	}
	st := f.State()
	if next := st[site["busy"].URL+"/feed"].NextPoll.Sub(now); next < time.Hour-time.Second {
		t.Errorf("429 with Retry-After 3600: next poll in %v", next)
	}
	if b := st[site["broken"].URL+"/feed"]; b.Failures != 1 || b.LastError == "" {
		t.Errorf("500: %+v", b)
	}
	// a forced pass (--all) still waits for a Retry-After
	if reps, _ := f.Pass(context.Background(), true); reps[2].Polled || !reps[4].Polled {
		t.Errorf("forced: busy polled %v, broken polled %v", reps[2].Polled, reps[4].Polled)
	}
	// a failing feed backs off: not polled at its interval, but after
	// twice it
	now = now.Add(DefaultInterval + time.Second)
	reps, _ = f.Pass(context.Background(), false)
	if reps[4].Polled || !reps[1].Polled {
		t.Errorf("after one interval: broken polled %v, huge polled %v", reps[4].Polled, reps[1].Polled)
	}
	for _, r := range reps {
		if r.Err != nil && strings.Contains(r.Err.Error(), "\n") {
			t.Errorf("not one line: %q", r.Err)
		}
	}
	if got := articleFiles(t, dir); len(got) != 1 {
		t.Errorf("%d articles", len(got))
	}
}

func TestFilterWords(t *testing.T) {
	fd := Feed{Include: []string{"security guarantees", "Kyiv"}, Exclude: []string{"football"}}
	for s, keep := range map[string]bool{
		"Talks on SECURITY guarantees resume":   true,
		"Kyiv’s mayor speaks":                   true,
		"Kyiv football team wins":               false,
		"Security of guarantees":                false,
		"Nothing relevant here at all":          false,
		"Guarantees of security for the region": false,
	} {
		if got := filterWords(fd, s) == ""; got != keep {
			t.Errorf("%q: kept %v, want %v (%s)", s, got, keep, filterWords(fd, s))
		}
	}
}
