// Package extract turns a fetched web page into an article: the body as
// plain-text paragraphs, and the title, author, publisher, date, language
// and canonical URL that the page's markup gives.
//
// The body comes from go-trafilatura, chosen over readeck/go-readability
// on the article-extraction benchmark in testdata/benchmark (F1 0.966
// against 0.958, same paragraph flattening); the metadata comes from this
// package's own reading of the markup, with the library's guesses only
// filling what the markup lacks.
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// Article is what a page says: its body and its metadata.
type Article struct {
	Title     string
	Author    string // several authors are joined with ", "
	Publisher string // the organisation that published it; the site name when the page names no other
	SiteName  string // the site's own name for itself (og:site_name)
	Language  string // lowercase ISO 639-1 code: "en" for every page Parse accepts
	URL       string // the canonical URL when the page gives one (absolute), else the page URL

	Published time.Time // zero when unknown
	// PublishedApproximate is true when the date came from the URL or was
	// inferred from the text, not from the page's markup.
	PublishedApproximate bool

	Paragraphs []string // the body, one paragraph per element: no HTML, white space collapsed, none empty
}

// The reasons Parse refuses a page. Each error it returns wraps one of
// them (errors.Is) and reads as one line a person can act on.
var (
	ErrNotHTML    = errors.New("not an HTML page")
	ErrNoArticle  = errors.New("no article on the page")
	ErrNotEnglish = errors.New("not an English article")
)

// minWords is the least body text an article has: a home page, a login
// form or a paywall teaser leaves less once the boilerplate is gone.
const minWords = 80

// minPaywalledWords is the same for a page whose markup says the article
// is not free to read: what such a page shows is usually a teaser, a
// paragraph or two long.
const minPaywalledWords = 150

// Parse reads a fetched page: body as received, contentType from the
// Content-Type header ("" when unknown, as for a file), pageURL the final
// URL after redirects (nil when unknown). It decodes the charset, parses
// the HTML and extracts the article.
//
// With ErrNoArticle or ErrNotEnglish the article found is returned too, so
// that a caller can show what it refused, or keep it anyway.
func Parse(body []byte, contentType string, pageURL *url.URL) (*Article, error) {
	if !isHTML(body, contentType) {
		return nil, fmt.Errorf("%w: the content type is %s", ErrNotHTML, describeType(body, contentType))
	}
	doc, err := html.Parse(bytes.NewReader(decode(body, contentType)))
	if err != nil { // only a failing reader makes html.Parse fail
		return nil, fmt.Errorf("%w: %v", ErrNotHTML, err)
	}

	m := readMarkup(doc, pageURL)
	paragraphs, lib := extractBody(doc, pageURL)
	a := &Article{
		Title:                firstOf(m.title, lib.Title),
		Author:               firstOf(m.author, lib.Author),
		Publisher:            firstOf(m.publisher, m.siteName),
		SiteName:             m.siteName,
		URL:                  m.canonical,
		Published:            m.published,
		PublishedApproximate: m.approximate,
		Paragraphs:           dropShouted(dropLeadingTitle(paragraphs, firstOf(m.title, lib.Title))),
	}
	if a.URL == "" && pageURL != nil {
		a.URL = pageURL.String()
	}
	if a.Published.IsZero() && plausibleDate(lib.Date) && !isBareYear(lib.Date) {
		// The library looks for a date in the text too: a guess.
		a.Published, a.PublishedApproximate = lib.Date, true
	}

	if len(a.Paragraphs) == 0 {
		return a, fmt.Errorf("%w: no text was found outside the page's navigation and boilerplate", ErrNoArticle)
	}
	lang, english := judgeLanguage(m.lang, a.Paragraphs)
	a.Language = lang
	if !english {
		return a, fmt.Errorf("%w: %s", ErrNotEnglish, describeLanguage(m.lang, lang))
	}
	words := countWords(a.Paragraphs)
	if m.paywalled && words < minPaywalledWords {
		return a, fmt.Errorf("%w: the page says the article is not free to read, and shows only %d words of it", ErrNoArticle, words)
	}
	if words < minWords {
		return a, fmt.Errorf("%w: only %d words of text, fewer than an article's %d", ErrNoArticle, words, minWords)
	}
	return a, nil
}

// isBareYear says whether t is 1 January at midnight UTC, which is how
// the library gives a year found alone, often a footer's "© 2025": no
// day is known then.
func isBareYear(t time.Time) bool {
	return t.Equal(time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC))
}

// isHTML says whether the page is HTML: by its declared type, or by its
// first bytes when nothing useful is declared (a file, or a server that
// says only "application/octet-stream").
func isHTML(body []byte, contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if contentType == "" || err != nil || mt == "application/octet-stream" {
		mt, _, _ = mime.ParseMediaType(http.DetectContentType(body))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

func describeType(body []byte, contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && mt != "application/octet-stream" {
		return mt
	}
	mt, _, _ := mime.ParseMediaType(http.DetectContentType(body))
	return mt + " (by its first bytes)"
}

// decode turns the body into UTF-8: the charset from a byte-order mark or
// the Content-Type header, which are certain, else from a <meta> in the
// first kilobyte. When neither is certain, a body that is valid UTF-8 is
// taken as UTF-8: text in a single-byte charset with letters beyond ASCII
// is almost never valid UTF-8, while pages that declare the wrong charset,
// or none with a first kilobyte all ASCII, are common.
//
// Bytes that are not text in the charset become U+FFFD, so that no
// invalid UTF-8 reaches the article.
func decode(body []byte, contentType string) []byte {
	enc, _, certain := charset.DetermineEncoding(body, contentType)
	if enc == encoding.Nop || (!certain && utf8.Valid(body)) {
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return out
}

// dropLeadingTitle removes the title when the body starts with it: the
// extractor keeps the page's headline, which is metadata, not text.
// A page's own address before it (a share widget's text) goes too.
func dropLeadingTitle(paragraphs []string, title string) []string {
	for len(paragraphs) > 0 && (isBareURL(paragraphs[0]) || title != "" && sameText(paragraphs[0], title)) {
		paragraphs = paragraphs[1:]
	}
	return paragraphs
}

// isBareURL reports whether a paragraph is one web address and nothing else.
func isBareURL(p string) bool {
	return !strings.ContainsAny(p, " \t") && (strings.HasPrefix(p, "https://") || strings.HasPrefix(p, "http://"))
}

// sameText compares two texts by their words only.
func sameText(a, b string) bool {
	wa, wb := words(a), words(b)
	if len(wa) != len(wb) {
		return false
	}
	for i := range wa {
		if !strings.EqualFold(wa[i], wb[i]) {
			return false
		}
	}
	return true
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// minShoutedWords is where a line in capitals stops being a subhead
// ("WHO IS THE FRONT-RUNNER?", "BOYS SOCCER") and is a promotion or a
// link to another story ("CLICK HERE TO GET THE FOX NEWS APP").
const minShoutedWords = 8

// dropShouted leaves out the paragraphs of minShoutedWords or more words
// all in capitals with no figure in them (a table row of prices has some).
func dropShouted(paragraphs []string) []string {
	return slices.DeleteFunc(slices.Clone(paragraphs), isShouted)
}

func isShouted(p string) bool {
	// a letter not in capitals (lower case, or a script without case) or a figure
	if strings.IndexFunc(p, func(r rune) bool { return unicode.IsLetter(r) && !unicode.IsUpper(r) || unicode.IsDigit(r) }) >= 0 {
		return false
	}
	return len(words(p)) >= minShoutedWords
}
