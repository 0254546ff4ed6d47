package feed

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/mmcdole/gofeed"

	"talkbot/corpus"
	"talkbot/corpus/fetch"
	"talkbot/corpus/ingest"
	"talkbot/corpus/text"
)

// StateName is the feed state file in the corpus directory: a dot file,
// which loading the corpus and watching it ignore.
const StateName = ".talkbot-feeds.json"

// Limits of one poll.
const (
	// FirstPollWindow is how far back the first poll of a new feed takes
	// items: a feed's archive is not news.
	FirstPollWindow = 3 * 24 * time.Hour
	// MaxItems is the most items of one feed read in one poll, newest
	// first; a feed of thousands (an archive, a runaway generator) gives
	// only these.
	MaxItems = 100
	// maxBackoff caps the wait after failures.
	maxBackoff = 6 * time.Hour
	// forgetAfter is how long an item id is kept after it was seen.
	forgetAfter = 120 * 24 * time.Hour
	// hostSpacing is the least time between two requests to one host.
	hostSpacing = time.Second
)

// FeedState is what is known of one feed between polls.
type FeedState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Polled       bool      `json:"polled"` // polled successfully once: later polls take every new item
	LastPoll     time.Time `json:"last_poll,omitzero"`
	LastSuccess  time.Time `json:"last_success,omitzero"`
	LastError    string    `json:"last_error,omitempty"`
	LastErrorAt  time.Time `json:"last_error_at,omitzero"`
	Failures     int       `json:"failures,omitempty"` // in a row
	NextPoll     time.Time `json:"next_poll,omitzero"`
	// RetryUntil is a 429 or 503's Retry-After: not even a forced poll
	// goes before it.
	RetryUntil time.Time `json:"retry_until,omitzero"`
	Added      int       `json:"items_added"`
}

// State is the state file: each feed's state, and the ids of the items
// already taken (talkbot's own id from the page's address, never the
// feed's GUID), with when they were seen.
type State struct {
	Feeds map[string]*FeedState `json:"feeds"`
	Seen  map[string]time.Time  `json:"seen"`
}

// LoadState reads the state file of a corpus directory; a missing file
// is an empty state.
func LoadState(dir string) (*State, error) {
	st := &State{Feeds: map[string]*FeedState{}, Seen: map[string]time.Time{}}
	b, err := os.ReadFile(filepath.Join(dir, StateName))
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("feed state %s: %w", filepath.Join(dir, StateName), err)
	}
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("feed state %s is damaged (%v); remove it to start afresh", filepath.Join(dir, StateName), err)
	}
	if st.Feeds == nil {
		st.Feeds = map[string]*FeedState{}
	}
	if st.Seen == nil {
		st.Seen = map[string]time.Time{}
	}
	return st, nil
}

// Observer hears of every poll (serving's metrics).
type Observer interface {
	Polled(feed string, st FeedState, added int, err error)
}

// Options configure a Follower.
type Options struct {
	Fetch    *fetch.Client // nil: fetch.New with defaults
	Logger   *slog.Logger  // nil: discarded
	Observer Observer      // nil: none
	Now      func() time.Time
	// HostSpacing is the least time between requests to one host
	// (default 1 s; tests set a tiny one).
	HostSpacing time.Duration
	// OnAdded is called after each pass with the article files it wrote
	// (a live index learns of them at once, without waiting for a watcher).
	OnAdded func(ctx context.Context, files []string)
}

// Follower polls the feeds of a Config into a corpus directory.
type Follower struct {
	cfg    Config
	corpus *ingest.Corpus
	opts   Options
	log    *slog.Logger

	mu       sync.Mutex
	state    *State
	lastHost map[string]time.Time // the last request to each host
	hostWait map[string]time.Time // a host backing off: no request before
}

// NewFollower follows cfg into the corpus c (its directory holds the
// state file).
func NewFollower(cfg Config, c *ingest.Corpus, opts Options) (*Follower, error) {
	if opts.Fetch == nil {
		opts.Fetch = fetch.New(fetch.Options{})
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.HostSpacing == 0 {
		opts.HostSpacing = hostSpacing
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	st, err := LoadState(c.Dir())
	if err != nil {
		return nil, err
	}
	return &Follower{cfg: cfg, corpus: c, opts: opts, log: log, state: st,
		lastHost: map[string]time.Time{}, hostWait: map[string]time.Time{}}, nil
}

// Report is one feed's poll.
type Report struct {
	Feed     Feed
	Polled   bool // false: not due yet, or its host is backing off
	NotDue   time.Time
	Added    []ingest.Result // articles written
	Skipped  []ingest.Result // items not added, with their reasons
	Err      error           // the feed could not be read
	Items    int             // items in the feed
	Capped   bool            // the feed had more than MaxItems
	Unchange bool            // 304 Not Modified
}

// Pass polls every feed that is due (all of them with force), one after
// another, saves the state, and reports on each.
func (f *Follower) Pass(ctx context.Context, force bool) ([]Report, error) {
	var out []Report
	for _, fd := range f.cfg.Feeds {
		if ctx.Err() != nil {
			break
		}
		out = append(out, f.poll(ctx, fd, force))
	}
	return out, f.save()
}

// Next is when the next feed is due.
func (f *Follower) Next() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	var next time.Time
	for _, fd := range f.cfg.Feeds {
		t := f.state.Feeds[fd.URL]
		due := time.Time{}
		if t != nil {
			due = t.NextPoll
		}
		if next.IsZero() || due.Before(next) {
			next = due
		}
	}
	return next
}

// Run polls each feed when it is due until ctx ends (serving's task).
func (f *Follower) Run(ctx context.Context) error {
	for {
		reports, err := f.Pass(ctx, false)
		if err != nil {
			f.log.Error("saving the feed state", "err", err)
		}
		var files []string
		for _, r := range reports {
			f.logReport(r)
			for _, a := range r.Added {
				files = append(files, a.File)
			}
		}
		if len(files) > 0 && f.opts.OnAdded != nil {
			f.opts.OnAdded(ctx, files)
		}
		wait := time.Until(f.Next())
		wait = min(max(wait, time.Second), time.Minute)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
}

func (f *Follower) logReport(r Report) {
	if !r.Polled {
		return
	}
	if r.Err != nil {
		f.log.Warn("feed poll failed", "feed", r.Feed.Label(), "err", r.Err)
		return
	}
	f.log.Info("feed polled", "feed", r.Feed.Label(), "items", r.Items, "added", len(r.Added), "skipped", len(r.Skipped), "not_modified", r.Unchange)
	for _, a := range r.Added {
		f.log.Info("article added from a feed", "feed", r.Feed.Label(), "file", a.File, "action", a.Action, "title", a.Article.Title)
	}
}

func (f *Follower) feedState(u string) *FeedState {
	st := f.state.Feeds[u]
	if st == nil {
		st = &FeedState{}
		f.state.Feeds[u] = st
	}
	return st
}

// poll reads one feed and adds its new items.
func (f *Follower) poll(ctx context.Context, fd Feed, force bool) Report {
	now := f.opts.Now()
	f.mu.Lock()
	st := f.feedState(fd.URL)
	host := hostOf(fd.URL)
	notBefore := st.NextPoll
	if force {
		notBefore = st.RetryUntil // the server's word holds; talkbot's own backoff does not
	} else if w := f.hostWait[host]; w.After(notBefore) {
		notBefore = w
	}
	f.mu.Unlock()
	rep := Report{Feed: fd}
	if now.Before(notBefore) {
		rep.NotDue = notBefore
		return rep
	}
	rep.Polled = true
	f.space(ctx, host)
	resp, err := f.opts.Fetch.Get(ctx, fetch.Request{URL: fd.URL, ETag: st.ETag, LastModified: st.LastModified,
		Accept: "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"})
	if err == nil && !resp.NotModified {
		var items []*gofeed.Item
		items, rep.Items, rep.Capped, err = parseFeed(resp.Body)
		if err == nil {
			f.takeItems(ctx, fd, st, items, &rep)
		}
	}
	if err == nil && resp.NotModified {
		rep.Unchange = true
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	st.LastPoll = now
	if err != nil {
		rep.Err = err
		st.LastError, st.LastErrorAt = oneLine(err.Error()), now
		st.Failures++
		wait := min(fd.Interval<<min(st.Failures, 10), maxBackoff) // twice the interval, then four times...
		var se *fetch.StatusError
		if errors.As(err, &se) && se.RetryAfter > 0 {
			retry := min(se.RetryAfter, 24*time.Hour)
			st.RetryUntil = now.Add(retry)
			wait = max(retry, fd.Interval)
		}
		st.NextPoll = now.Add(wait)
		if hostTrouble(err) {
			// the whole host waits: its other feeds too
			f.hostWait[host] = now.Add(min(wait, maxBackoff))
		}
	} else {
		st.Failures, st.LastSuccess, st.Polled = 0, now, true
		st.NextPoll = now.Add(fd.Interval)
		if resp.ETag != "" || resp.LastModified != "" || !resp.NotModified {
			st.ETag, st.LastModified = resp.ETag, resp.LastModified
		}
		st.Added += len(rep.Added)
	}
	if f.opts.Observer != nil {
		f.opts.Observer.Polled(fd.Label(), *st, len(rep.Added), err)
	}
	return rep
}

// space keeps hostSpacing between two requests to one host.
func (f *Follower) space(ctx context.Context, host string) {
	f.mu.Lock()
	last := f.lastHost[host]
	wait := time.Until(last.Add(f.opts.HostSpacing))
	f.lastHost[host] = time.Now().Add(max(wait, 0))
	f.mu.Unlock()
	if wait > 0 {
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
}

// ErrMalformed is a feed that is neither RSS, Atom nor JSON Feed.
var ErrMalformed = errors.New("not a readable feed")

// parseFeed reads a feed's items, newest first, at most MaxItems.
func parseFeed(body []byte) (items []*gofeed.Item, total int, capped bool, err error) {
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, 0, false, fmt.Errorf("%w (RSS, Atom or JSON Feed): %s", ErrMalformed, oneLine(err.Error()))
	}
	items = parsed.Items
	total = len(items)
	sort.SliceStable(items, func(i, j int) bool { return itemTime(items[i]).After(itemTime(items[j])) })
	if len(items) > MaxItems {
		items, capped = items[:MaxItems], true
	}
	return items, total, capped, nil
}

func itemTime(it *gofeed.Item) time.Time {
	switch {
	case it.PublishedParsed != nil:
		return *it.PublishedParsed
	case it.UpdatedParsed != nil:
		return *it.UpdatedParsed
	}
	return time.Time{}
}

// takeItems adds the feed's new items: each once (by talkbot's id of its
// address, whatever its GUID), only recent ones on a feed's first poll,
// and only those its include and exclude words keep.
func (f *Follower) takeItems(ctx context.Context, fd Feed, st *FeedState, items []*gofeed.Item, rep *Report) {
	now := f.opts.Now()
	inPoll := map[string]bool{}
	for _, it := range items {
		if ctx.Err() != nil {
			return
		}
		link := itemLink(it)
		if link == "" {
			rep.Skipped = append(rep.Skipped, ingest.Result{Source: it.Title, Action: ingest.Skipped, Reason: "the item has no link"})
			continue
		}
		id := ingest.ItemID(link)
		f.mu.Lock()
		_, seen := f.state.Seen[id]
		f.mu.Unlock()
		if seen || inPoll[id] {
			continue // taken already, or the same item twice in the feed
		}
		inPoll[id] = true
		published := itemTime(it)
		if !st.Polled && (published.IsZero() || now.Sub(published) > FirstPollWindow) {
			continue // a new feed's archive
		}
		if why := filterWords(fd, it.Title+"\n"+it.Description); why != "" && strings.HasPrefix(why, "excluded") {
			f.markSeen(id, now)
			rep.Skipped = append(rep.Skipped, ingest.Result{Source: link, Action: ingest.Skipped, Reason: why})
			continue
		}
		f.space(ctx, hostOf(link))
		hint := ingest.Hint{Title: it.Title, Published: published, Keep: func(a corpus.Article) string {
			var body strings.Builder
			body.WriteString(a.Title)
			for _, p := range a.Paragraphs {
				body.WriteString("\n")
				body.WriteString(p.Text)
			}
			return filterWords(fd, body.String())
		}}
		r := f.corpus.AddURL(ctx, link, hint)
		switch {
		case r.Action != ingest.Skipped:
			rep.Added = append(rep.Added, r)
			f.markSeen(id, now)
		case transient(r.Err):
			rep.Skipped = append(rep.Skipped, r) // tried again at the next poll
		default:
			rep.Skipped = append(rep.Skipped, r)
			f.markSeen(id, now)
		}
	}
}

// hostTrouble says whether an error is the server's (busy, failing,
// unreachable), not one feed's.
func hostTrouble(err error) bool {
	return transient(err) || errors.Is(err, fetch.ErrTimeout)
}

// transient says whether a page may well be added if tried later: the
// site failed, not the page.
func transient(err error) bool {
	var se *fetch.StatusError
	if errors.As(err, &se) {
		return se.Code == 429 || se.Code >= 500
	}
	return errors.Is(err, fetch.ErrTimeout) || err != nil && strings.Contains(err.Error(), "cannot connect")
}

func (f *Follower) markSeen(id string, now time.Time) {
	f.mu.Lock()
	f.state.Seen[id] = now
	f.mu.Unlock()
}

// filterWords applies a feed's include and exclude words to a text:
// "" keeps it, else the reason it goes.
func filterWords(fd Feed, s string) string {
	k := " " + strings.Join(strings.FieldsFunc(text.Key(s), notWord), " ") + " "
	has := func(w string) bool {
		return strings.Contains(k, " "+strings.Join(strings.FieldsFunc(text.Key(w), notWord), " ")+" ")
	}
	for _, w := range fd.Exclude {
		if has(w) {
			return fmt.Sprintf("excluded by the feed's exclude word %q", w)
		}
	}
	if len(fd.Include) == 0 {
		return ""
	}
	for _, w := range fd.Include {
		if has(w) {
			return ""
		}
	}
	return fmt.Sprintf("none of the feed's include words (%s) is in its title or text", strings.Join(fd.Include, ", "))
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func itemLink(it *gofeed.Item) string {
	for _, l := range append([]string{it.Link}, it.Links...) {
		if u, err := url.Parse(strings.TrimSpace(l)); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	return ""
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return strings.ToLower(u.Host) // with its port: one server
}

// save writes the state file atomically, forgetting old item ids.
func (f *Follower) save() error {
	f.mu.Lock()
	now := f.opts.Now()
	for id, t := range f.state.Seen {
		if now.Sub(t) > forgetAfter {
			delete(f.state.Seen, id)
		}
	}
	b, err := json.MarshalIndent(f.state, "", " ")
	f.mu.Unlock()
	if err != nil {
		return err
	}
	return corpus.WriteFileAtomic(f.corpus.Dir(), StateName, b)
}

// State is a copy of each feed's state, for status.
func (f *Follower) State() map[string]FeedState {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]FeedState{}
	for u, st := range f.state.Feeds {
		out[u] = *st
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
