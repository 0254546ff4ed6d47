package extract

import (
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse feeds Parse arbitrary pages and Content-Types: it must not
// panic, must finish quickly, and must keep its promises about what it
// returns.
func FuzzParse(f *testing.F) {
	f.Add([]byte(articlePage(` lang="en"`, ldScript(`{"@type":"NewsArticle","headline":"h","author":[{"name":"a"}]}`), englishParagraphs)), "text/html")
	f.Add([]byte(articlePage("", "", germanParagraphs)), "")
	f.Add([]byte("<html><head><meta charset=windows-1252><title>Caf\xe9</title></head><body><p>\x93x\x94</p>"), "text/html")
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":["NewsArticle"],"author":[[[{"name":1}]]],"datePublished":"2025-13-45"}]}</script>`), "text/html; charset=utf-8")
	f.Add([]byte("<table><tr><td><h1>x<br><time datetime=2025-08-17>"), "application/octet-stream")
	f.Add([]byte("%PDF-1.7"), "application/pdf")
	f.Add([]byte{0xef, 0xbb, 0xbf, '<', 'p', '>', 0xff, 0xfe}, "text/html; charset=utf-16")
	pageURL, _ := url.Parse("https://example.com/2025/08/17/a")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		start := time.Now()
		a, err := Parse(body, contentType, pageURL)
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("Parse took %v on %d bytes", d, len(body))
		}
		switch {
		case err == nil:
			if a == nil || len(a.Paragraphs) == 0 {
				t.Fatalf("no error but article %+v", a)
			}
		case errors.Is(err, ErrNotHTML):
			if a != nil {
				t.Fatalf("ErrNotHTML with an article: %+v", a)
			}
			return
		case errors.Is(err, ErrNoArticle), errors.Is(err, ErrNotEnglish):
			if a == nil {
				t.Fatalf("%v without the article", err)
			}
		default:
			t.Fatalf("error of no known kind: %v", err)
		}
		if strings.Contains(err2s(err), "\n") {
			t.Fatalf("error on several lines: %q", err)
		}
		for _, p := range a.Paragraphs {
			if p == "" || strings.Join(strings.Fields(p), " ") != p {
				t.Fatalf("paragraph with stray white space: %q", p)
			}
		}
		for _, s := range append([]string{a.Title, a.Author, a.Publisher, a.SiteName, a.URL}, a.Paragraphs...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8: %q", s)
			}
		}
	})
}

func err2s(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestParseConcurrently runs Parse on several pages at once, for the race
// detector: a caller may add many pages in parallel.
func TestParseConcurrently(t *testing.T) {
	pages := loadBenchmark(t)[:8]
	var wg sync.WaitGroup
	for _, p := range pages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := Parse(p.html, "text/html; charset=utf-8", p.url); err != nil && !errors.Is(err, ErrNotEnglish) && !errors.Is(err, ErrNoArticle) {
				t.Errorf("%s: %v", p.id[:12], err)
			}
		}()
	}
	wg.Wait()
}
