// Package ingest adds articles from the web to a corpus directory: it
// fetches a page (corpus/fetch) or reads a saved one, extracts the
// article (corpus/extract), and writes it in the corpus format
// (corpus.WriteFile), one story one entry: the same address updates the
// file already there, and a near-copy of an article in the corpus (a
// syndicated wire story) is recorded as another outlet of it
// (also_published_by) instead of a file of its own.
package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"

	"talkbot/corpus"
	"talkbot/corpus/extract"
	"talkbot/corpus/fetch"
	"talkbot/corpus/text"
)

// What Add did with a page.
const (
	Added   = "added"   // a new file
	Updated = "updated" // the file with the same address, rewritten
	Merged  = "merged"  // another outlet recorded on the article it copies
	Skipped = "skipped" // nothing written; Reason says why
)

// ErrSkipped wraps every reason a page is not added; ErrFiltered is a
// page a Hint's Keep refused.
var (
	ErrSkipped  = errors.New("not added")
	ErrFiltered = errors.New("filtered out")
)

// Hint is what a feed says about an item, used where the page is silent.
type Hint struct {
	Title     string
	Published time.Time
	// Keep, when set, is asked before anything is written: "" keeps the
	// article, anything else is the reason to skip it (a feed's include
	// and exclude words).
	Keep func(a corpus.Article) string
}

// Result is what became of one page.
type Result struct {
	Source string // the URL or file given
	Action string
	// File is the article file written (or that would be, with DryRun),
	// a name in the corpus directory.
	File    string
	Article corpus.Article // as it reads back from File, Paragraphs included
	// Passages is how many passages the article gives.
	Passages int
	// Reason says, in one line, why nothing was written (Action Skipped).
	Reason string
	// Err is the error behind Reason, for errors.Is (extract's and
	// fetch's errors); nil when added.
	Err error
}

// Text is the article's text as it will be quoted: its paragraphs after
// the corpus's boilerplate filter, one per line.
func (r Result) Text() string {
	var b strings.Builder
	for i, p := range r.Article.Paragraphs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// Options configure a Corpus.
type Options struct {
	// Fetch gets the pages (nil: fetch.New with its defaults).
	Fetch *fetch.Client
	// DryRun works out every result but writes nothing.
	DryRun bool
}

// Corpus adds articles to one directory. It keeps what it needs to find
// an article's earlier copy (addresses and shingle samples of every
// file) and brings it up to date from the directory before each add, so
// files others write are seen too. Safe for concurrent use: adds are
// one at a time.
type Corpus struct {
	dir   string
	opts  Options
	mu    sync.Mutex
	files map[string]*entry // by file name
	byURL map[string]string // URLKey of an article or another outlet → file
}

// entry is what is known of one article file.
type entry struct {
	name    string
	size    int64
	mod     time.Time
	md      bool
	urls    []string // URLKey of the article and of its other outlets
	sketch  sketch
	problem string // the file does not parse
}

// Open prepares to add articles to dir, which must exist.
func Open(dir string, opts Options) (*Corpus, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus directory %s: %w", dir, pathErr(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("corpus directory %s is not a directory", dir)
	}
	if opts.Fetch == nil {
		opts.Fetch = fetch.New(fetch.Options{})
	}
	return &Corpus{dir: dir, opts: opts, files: map[string]*entry{}, byURL: map[string]string{}}, nil
}

// Dir is the corpus directory.
func (c *Corpus) Dir() string { return c.dir }

// AddURL fetches a page and adds its article.
func (c *Corpus) AddURL(ctx context.Context, rawURL string, hint Hint) Result {
	res := Result{Source: rawURL, Action: Skipped}
	resp, err := c.opts.Fetch.Get(ctx, fetch.Request{URL: rawURL})
	if err != nil {
		return skip(res, err.Error(), err)
	}
	return c.add(res, resp.Body, resp.ContentType, resp.URL, hint)
}

// AddFile reads a saved page and adds its article; the page must name
// its address (a canonical link or og:url).
func (c *Corpus) AddFile(path string) Result {
	res := Result{Source: path, Action: Skipped}
	body, err := readPage(path)
	if err != nil {
		return skip(res, err.Error(), err)
	}
	return c.add(res, body, "", nil, Hint{})
}

// AddPage adds the article of a page already fetched.
func (c *Corpus) AddPage(source string, body []byte, contentType string, pageURL *url.URL, hint Hint) Result {
	return c.add(Result{Source: source, Action: Skipped}, body, contentType, pageURL, hint)
}

// readPage reads a saved page through the fetch size limit.
func readPage(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, pathErr(err))
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	b, err := io.ReadAll(io.LimitReader(f, fetch.DefaultMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(b) > fetch.DefaultMaxBytes {
		return nil, fmt.Errorf("%s: %w: over the %d MB limit", path, fetch.ErrTooLarge, fetch.DefaultMaxBytes>>20)
	}
	return b, nil
}

func skip(r Result, reason string, err error) Result {
	r.Action, r.Reason = Skipped, reason
	if err == nil {
		err = errors.New(reason)
	}
	r.Err = fmt.Errorf("%w: %w", ErrSkipped, err)
	return r
}

// maxTitle bounds a title: a page whose "title" is a paragraph is
// cut at a word.
const maxTitle = 300

// add extracts the article of a page and writes it.
func (c *Corpus) add(res Result, body []byte, contentType string, pageURL *url.URL, hint Hint) Result {
	ea, err := extract.Parse(body, contentType, pageURL)
	if err != nil {
		if ea != nil { // the refused text, as the corpus would read it, for a dry run to show
			res.Article = readBack(corpus.Article{Title: ea.Title, Publisher: ea.Publisher, URL: ea.URL, Author: ea.Author, Paragraphs: paragraphs(ea.Paragraphs)})
		}
		reason := err.Error()
		if errors.Is(err, extract.ErrNotEnglish) {
			reason += " (talkbot's analysis is English: stemming, stop words, stance and quotation cues)"
		}
		return skip(res, reason, err)
	}
	a := corpus.Article{
		Title:                strings.TrimSpace(firstOf(ea.Title, hint.Title)),
		Publisher:            strings.TrimSpace(ea.Publisher),
		URL:                  strings.TrimSpace(ea.URL),
		Author:               strings.TrimSpace(ea.Author),
		PublishedApproximate: ea.PublishedApproximate,
		Paragraphs:           paragraphs(ea.Paragraphs),
	}
	if !ea.Published.IsZero() {
		a.Published = corpus.Date{Time: day(ea.Published)}
	} else if !hint.Published.IsZero() {
		// the feed's date for the item: the publisher's, but not the page's
		a.Published, a.PublishedApproximate = corpus.Date{Time: day(hint.Published)}, true
	}
	if len(a.Title) > maxTitle {
		a.Title = cutAtWord(a.Title, maxTitle)
	}
	switch {
	case a.Title == "":
		res.Article = a
		return skip(res, "the page has no title (no <title>, og:title or headline)", nil)
	case a.URL == "":
		res.Article = a
		return skip(res, "the page names no address (no canonical link or og:url); add it by its URL instead", nil)
	}
	if a.Publisher == "" {
		a.Publisher = readableHost(a.URL)
	}
	if hint.Keep != nil {
		if why := hint.Keep(a); why != "" {
			res.Article = a
			return skip(res, why, ErrFiltered)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.refresh(); err != nil {
		return skip(res, err.Error(), err)
	}
	key := URLKey(a.URL)
	if name, ok := c.byURL[key]; ok && c.files[name] != nil && c.files[name].urls[0] != key {
		return skip(res, fmt.Sprintf("already in the corpus as another outlet of %s", name), nil)
	}
	if name, ok := c.byURL[key]; ok && c.files[name].md {
		return c.update(res, name, a)
	}
	if name := c.nearCopyOf(sketchOf(paragraphTexts(a.Paragraphs))); name != "" {
		return c.merge(res, name, a)
	}
	return c.write(res, Added, c.newName(a), a)
}

// readBack is a through the corpus format and back: the paragraphs the
// boilerplate filter keeps. Metadata a refused page lacks is filled in
// only to let it be written.
func readBack(a corpus.Article) corpus.Article {
	b := a
	if b.Title == "" {
		b.Title = "untitled"
	}
	if b.Publisher == "" {
		b.Publisher = "unknown"
	}
	if !isHTTP(b.URL) {
		b.URL = "https://unknown.invalid/"
	}
	data, err := corpus.Marshal(b)
	if err != nil {
		return a
	}
	back, problems := corpus.Parse("page.md", data)
	if len(problems) > 0 {
		a.Paragraphs = nil
		return a
	}
	a.Paragraphs = back.Paragraphs
	return a
}

func isHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// update rewrites the file of the same address with the new extraction,
// keeping the outlets recorded on it.
func (c *Corpus) update(res Result, name string, a corpus.Article) Result {
	old, err := c.read(name)
	if err != nil {
		return skip(res, err.Error(), err)
	}
	a.AlsoPublishedBy = old.AlsoPublishedBy
	if a.Published.IsZero() {
		a.Published, a.PublishedApproximate = old.Published, old.PublishedApproximate
	}
	a.ID = old.ID
	if same(old, a) {
		res.File, res.Article, res.Passages = name, old, len(corpus.Passages(old))
		return skip(res, fmt.Sprintf("already in the corpus as %s, unchanged", name), nil)
	}
	return c.write(res, Updated, name, a)
}

// merge records a as another outlet of the article in name.
func (c *Corpus) merge(res Result, name string, a corpus.Article) Result {
	old, err := c.read(name)
	if err != nil {
		return skip(res, err.Error(), err)
	}
	merged := old.WithOutlets(a)
	if len(merged.AlsoPublishedBy) == len(old.AlsoPublishedBy) {
		return skip(res, fmt.Sprintf("already in the corpus as another outlet of %s", name), nil)
	}
	return c.write(res, Merged, name, merged)
}

// same says whether two articles would write the same file.
func same(a, b corpus.Article) bool {
	x, err1 := corpus.Marshal(a)
	y, err2 := corpus.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// write marshals a as name, reads it back as the corpus will (the
// boilerplate filter runs there), and writes it unless this is a dry run.
func (c *Corpus) write(res Result, action, name string, a corpus.Article) Result {
	a.ID = strings.TrimSuffix(name, ".md")
	b, err := corpus.Marshal(a)
	if err != nil {
		return skip(res, err.Error(), err)
	}
	back, problems := corpus.Parse(name, b)
	if len(problems) > 0 {
		return skip(res, "the article would not read back: "+problems[0].Error(), nil)
	}
	res.Action, res.File, res.Article, res.Passages = action, name, back, len(corpus.Passages(back))
	if c.opts.DryRun {
		return res
	}
	if err := corpus.WriteFile(c.dir, name, a); err != nil {
		return skip(res, err.Error(), err)
	}
	c.forget(name)
	if err := c.index(name); err != nil {
		return skip(res, err.Error(), err)
	}
	return res
}

// read parses an article file of the corpus.
func (c *Corpus) read(name string) (corpus.Article, error) {
	b, err := c.readFile(name)
	if err != nil {
		return corpus.Article{}, err
	}
	a, problems := corpus.Parse(name, b)
	if len(problems) > 0 {
		return corpus.Article{}, fmt.Errorf("%s: %v", name, problems[0].Error())
	}
	return a, nil
}

// maxArticleFile is the largest article file read.
const maxArticleFile = 10 << 20

func (c *Corpus) readFile(name string) ([]byte, error) {
	root, err := os.OpenRoot(c.dir)
	if err != nil {
		return nil, fmt.Errorf("corpus directory %s: %v", c.dir, pathErr(err))
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(c.dir, name), pathErr(err))
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", filepath.Join(c.dir, name))
	}
	b, err := io.ReadAll(io.LimitReader(f, maxArticleFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxArticleFile {
		return nil, fmt.Errorf("%s: over %d MB", filepath.Join(c.dir, name), maxArticleFile>>20)
	}
	return b, nil
}

// refresh brings the known files up to date with the directory: new and
// changed files are read, removed ones forgotten.
func (c *Corpus) refresh() error {
	ents, err := os.ReadDir(c.dir)
	if err != nil {
		return fmt.Errorf("corpus directory %s: %v", c.dir, pathErr(err))
	}
	present := map[string]bool{}
	for _, e := range ents {
		name := e.Name()
		ext := strings.ToLower(filepath.Ext(name))
		if e.IsDir() || (ext != ".md" && ext != ".txt") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
			strings.HasPrefix(strings.ToLower(name), "readme.") {
			continue
		}
		present[name] = true
		info, err := e.Info()
		if err != nil {
			continue
		}
		if old := c.files[name]; old != nil && old.size == info.Size() && old.mod.Equal(info.ModTime()) {
			continue
		}
		c.forget(name)
		_ = c.index(name)
	}
	for name := range c.files {
		if !present[name] {
			c.forget(name)
		}
	}
	return nil
}

// index reads one file and records its addresses and shingles.
func (c *Corpus) index(name string) error {
	info, err := os.Stat(filepath.Join(c.dir, name))
	if err != nil {
		return fmt.Errorf("%s: %v", filepath.Join(c.dir, name), pathErr(err))
	}
	// a file read as it is written is read again at the next refresh
	mod := corpus.TrustedModTime(info.ModTime(), time.Now())
	e := &entry{name: name, size: info.Size(), mod: mod, md: strings.EqualFold(filepath.Ext(name), ".md")}
	c.files[name] = e
	b, err := c.readFile(name)
	if err != nil {
		e.problem = err.Error()
		return nil
	}
	a, problems := corpus.Parse(name, b)
	if len(problems) > 0 {
		e.problem = problems[0].Error()
		return nil
	}
	if a.URL != "" {
		e.urls = append(e.urls, URLKey(a.URL))
	} else {
		e.urls = append(e.urls, "") // a .txt file: no address
	}
	for _, o := range a.AlsoPublishedBy {
		e.urls = append(e.urls, URLKey(o.URL))
	}
	for _, u := range e.urls {
		if u != "" {
			if _, taken := c.byURL[u]; !taken {
				c.byURL[u] = name
			}
		}
	}
	e.sketch = sketchOf(paragraphTexts(a.Paragraphs))
	return nil
}

// forget drops what is known of a file.
func (c *Corpus) forget(name string) {
	e := c.files[name]
	if e == nil {
		return
	}
	delete(c.files, name)
	for _, u := range e.urls {
		if c.byURL[u] == name {
			delete(c.byURL, u)
		}
	}
}

// nearCopyOf is the .md file whose text sk nearly copies ("" when
// none): the one that holds the most of it, if enough.
func (c *Corpus) nearCopyOf(sk sketch) string {
	best, bestShare := "", 0.0
	for n, e := range c.files {
		if !e.md || e.problem != "" {
			continue
		}
		if share := containment(sk, e.sketch); share >= nearCopy && (share > bestShare || share == bestShare && n < best) {
			best, bestShare = n, share
		}
	}
	return best
}

// newName is DATE-publisher-words.md, free in the directory.
func (c *Corpus) newName(a corpus.Article) string {
	date := "undated"
	if !a.Published.IsZero() {
		date = a.Published.Format(corpus.DateLayout)
	}
	base := date + "-" + slug(a.Publisher, 24) + "-" + slug(a.Title, 48)
	base = strings.TrimRight(base, "-")
	name := base + ".md"
	for i := 2; ; i++ {
		_, known := c.files[name]
		if _, err := os.Lstat(filepath.Join(c.dir, name)); !known && errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s-%d.md", base, i)
	}
}

// slug is s in lower-case ASCII words joined by hyphens, at most n bytes,
// cut at a word.
func slug(s string, n int) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text.Fold(s)), func(r rune) bool {
		return r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r))
	}) {
		words = append(words, w)
	}
	out := ""
	for _, w := range words {
		next := w
		if out != "" {
			next = out + "-" + w
		}
		if len(next) > n {
			if out == "" {
				out = w[:n]
			}
			break
		}
		out = next
	}
	if out == "" {
		out = "article"
	}
	return out
}

func paragraphs(ps []string) []corpus.Paragraph {
	out := make([]corpus.Paragraph, 0, len(ps))
	for _, p := range ps {
		// a paragraph never holds a blank line in the corpus format
		for _, part := range strings.Split(strings.ReplaceAll(p, "\r", ""), "\n") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, corpus.Paragraph{Text: part})
			}
		}
	}
	return out
}

func paragraphTexts(ps []corpus.Paragraph) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Text
	}
	return out
}

func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func cutAtWord(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
	}
	return strings.TrimSpace(s[:cut]) + "…"
}

func firstOf(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
