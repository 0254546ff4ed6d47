package extract

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

const testPageURL = "https://news.example.com/world/talks-resume.html"

// markupOf reads the metadata of a page whose <head> is head.
func markupOf(t *testing.T, head string) markup {
	t.Helper()
	return markupAt(t, testPageURL, head)
}

func markupAt(t *testing.T, pageURL, head string) markup {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><html" + head))
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	return readMarkup(doc, u)
}

func ldScript(json string) string {
	return `<script type="application/ld+json">` + json + `</script>`
}

func TestTitlePrecedence(t *testing.T) {
	cases := []struct{ name, head, want string }{
		{"JSON-LD headline first",
			`><head><title>Talks resume in Geneva | Daily</title><meta property="og:title" content="Talks resume in Geneva today">` +
				ldScript(`{"@type":"NewsArticle","headline":"Talks resume in Geneva"}`),
			"Talks resume in Geneva"},
		{"og:title before <title>",
			`><head><title>Talks resume - page title</title><meta property="og:title" content="Talks resume in Geneva">`,
			"Talks resume in Geneva"},
		{"<title> without its Reuters suffix",
			`><head><title>Talks resume in Geneva - Reuters</title>`, "Talks resume in Geneva"},
		{"<title> without its BBC News suffix",
			`><head><title>Talks resume in Geneva | BBC News</title>`, "Talks resume in Geneva"},
		{"site name known from og:site_name, at the start",
			`><head><meta property="og:site_name" content="The Daily Planet"><title>The Daily Planet | Talks resume in Geneva</title>`,
			"Talks resume in Geneva"},
		{"a lowercase tail is not a site name",
			`><head><title>Ukraine talks - live updates</title>`, "Ukraine talks - live updates"},
		{"og:title keeps a tail that is not the site's name",
			`><head><meta property="og:title" content="Talks resume | Analysis">`, "Talks resume | Analysis"},
		{"og:title loses the site's name",
			`><head><meta property="og:site_name" content="Daily Planet"><meta property="og:title" content="Talks resume | Daily Planet">`,
			"Talks resume"},
		{"headline loses the site's name",
			`><head><meta property="og:site_name" content="TheHill">` +
				ldScript(`{"@type":"NewsArticle","headline":"Governor doubles down | TheHill"}`),
			"Governor doubles down"},
		{"a headline that is another article's is passed over",
			`><head><meta property="og:title" content="Simple hiking survival kit">` +
				ldScript(`{"@type":"BlogPosting","headline":"Boulder Flat Irons trail"}`),
			"Simple hiking survival kit"},
		{"entities in JSON-LD are decoded",
			`><head>` + ldScript(`{"@type":"Article","headline":"Talks &amp; truce: what&#039;s next"}`),
			"Talks & truce: what's next"},
		{"the title of an inline SVG is not the page's",
			`><head></head><body><svg><title>icon</title></svg>`, ""},
	}
	for _, c := range cases {
		if got := markupOf(t, c.head).title; got != c.want {
			t.Errorf("%s: title %q, want %q", c.name, got, c.want)
		}
	}
}

func TestJSONLDShapes(t *testing.T) {
	cases := []struct{ name, json, wantAuthor, wantPublisher string }{
		{"author as a string", `{"@type":"NewsArticle","author":"Jane Roe","publisher":"Daily Planet"}`, "Jane Roe", "Daily Planet"},
		{"author as an object", `{"@type":"NewsArticle","author":{"@type":"Person","name":"Jane Roe"},"publisher":{"@type":"Organization","name":"Daily Planet"}}`, "Jane Roe", "Daily Planet"},
		{"authors as an array, repeated and with a By", `{"@type":"NewsArticle","author":[{"name":"By Jane Roe"},{"name":"John Doe"},"jane roe"]}`, "Jane Roe, John Doe", ""},
		{"a profile link is no name", `{"@type":"NewsArticle","author":["https://example.com/jane","Jane Roe"]}`, "Jane Roe", ""},
		{"inside @graph", `{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},{"@type":"ReportageNewsArticle","author":{"name":"Jane Roe"}}]}`, "Jane Roe", ""},
		{"in an array of scripts' objects", `[{"@type":"BreadcrumbList"},{"@type":"Article","author":"Jane Roe"}]`, "Jane Roe", ""},
		{"@type as an array and as an IRI", `{"@type":["CreativeWork","https://schema.org/NewsArticle"],"author":"Jane Roe"}`, "Jane Roe", ""},
		{"a page's mainEntity", `{"@type":"WebPage","mainEntity":{"@type":"NewsArticle","author":"Jane Roe"}}`, "Jane Roe", ""},
		{"not an article", `{"@type":"Product","author":"Jane Roe"}`, "", ""},
		{"broken JSON is skipped", `{"@type":"NewsArticle","author":"Jane Roe",}`, "", ""},
		{"wrapped in CDATA", `//<![CDATA[
{"@type":"NewsArticle","author":"Jane Roe"}
//]]>`, "Jane Roe", ""},
	}
	for _, c := range cases {
		m := markupOf(t, `><head>`+ldScript(c.json))
		if m.author != c.wantAuthor || m.publisher != c.wantPublisher {
			t.Errorf("%s: author %q publisher %q, want %q and %q", c.name, m.author, m.publisher, c.wantAuthor, c.wantPublisher)
		}
	}
}

func TestAuthorPublisherSiteName(t *testing.T) {
	m := markupOf(t, `><head><meta name="author" content="Meta Author"><meta property="og:site_name" content="Planet Online">`+
		ldScript(`{"@type":"NewsArticle","author":"Jane Roe","publisher":{"name":"Daily Planet Group"}}`))
	if m.author != "Jane Roe" || m.publisher != "Daily Planet Group" || m.siteName != "Planet Online" {
		t.Errorf("JSON-LD and OpenGraph: author %q publisher %q site %q", m.author, m.publisher, m.siteName)
	}
	m = markupOf(t, `><head><meta name="author" content="By  Meta Author"><meta property="og:site_name" content="Planet Online">`)
	if m.author != "Meta Author" || m.publisher != "Planet Online" || m.siteName != "Planet Online" {
		t.Errorf("meta only: author %q publisher %q site %q", m.author, m.publisher, m.siteName)
	}
	m = markupOf(t, `><head>`+ldScript(`{"@type":"NewsArticle","publisher":{"name":"Daily Planet Group"}}`))
	if m.siteName != "Daily Planet Group" {
		t.Errorf("no og:site_name: site %q, want the publisher", m.siteName)
	}
}

func TestCanonicalURL(t *testing.T) {
	cases := []struct{ name, head, want string }{
		{"canonical link before og:url",
			`><head><meta property="og:url" content="http://m.example.com/a"><link rel="canonical" href="https://news.example.com/a">`,
			"https://news.example.com/a"},
		{"og:url without a canonical link",
			`><head><meta property="og:url" content="https://news.example.com/b">`, "https://news.example.com/b"},
		{"a relative canonical link is resolved",
			`><head><link rel="canonical" href="../europe/talks.html?x=1">`, "https://news.example.com/europe/talks.html?x=1"},
		{"rel with several tokens",
			`><head><link rel="Canonical alternate" href="/c">`, "https://news.example.com/c"},
		{"a non-http link is skipped",
			`><head><link rel="canonical" href="javascript:void(0)"><meta property="og:url" content="/d">`, "https://news.example.com/d"},
		{"none", `><head>`, ""},
	}
	for _, c := range cases {
		if got := markupOf(t, c.head).canonical; got != c.want {
			t.Errorf("%s: URL %q, want %q", c.name, got, c.want)
		}
	}
	// Without a page URL only an absolute link can be used.
	doc, _ := html.Parse(strings.NewReader(`<link rel="canonical" href="/rel"><meta property="og:url" content="https://example.com/abs">`))
	if got := readMarkup(doc, nil).canonical; got != "https://example.com/abs" {
		t.Errorf("no page URL: %q", got)
	}
}

func TestDatePrecedence(t *testing.T) {
	ld := ldScript(`{"@type":"NewsArticle","datePublished":"2025-08-17T09:30:00+02:00"}`)
	og := `<meta property="article:published_time" content="2025-08-16T10:00:00Z">`
	webPage := ldScript(`{"@graph":[{"@type":"WebPage","datePublished":"2025-08-14T08:00:00Z"}]}`)
	body := `<body><time datetime="2025-08-10">old</time><time pubdate datetime="2025-08-15T12:00:00Z">x</time></body>`
	cases := []struct {
		name, pageURL, head string
		want                string
		approximate         bool
	}{
		{"JSON-LD first", testPageURL, `><head>` + og + ld + webPage + `</head>` + body, "2025-08-17T09:30:00+02:00", false},
		{"then article:published_time", testPageURL, `><head>` + og + webPage + `</head>` + body, "2025-08-16T10:00:00Z", false},
		{"then a WebPage's date", testPageURL, `><head>` + webPage + `</head>` + body, "2025-08-14T08:00:00Z", false},
		{"then the <time> marked as the publication's", testPageURL, `><head></head>` + body, "2025-08-15T12:00:00Z", false},
		{"then the first <time>", testPageURL, `><head></head><body><time datetime="2025-08-10">x</time>`, "2025-08-10T00:00:00Z", false},
		{"an unreadable date is passed over", testPageURL, `><head>` + ldScript(`{"@type":"NewsArticle","datePublished":"yesterday"}`) + og, "2025-08-16T10:00:00Z", false},
		{"then the URL's /y/m/d/", "https://example.com/2025/08/17/talks/", `><head>`, "2025-08-17T00:00:00Z", true},
		{"or its y-m-d", "https://example.com/news/2025-08-17-talks", `><head>`, "2025-08-17T00:00:00Z", true},
		{"or its /y/mon/d/", "https://example.com/world/2019/nov/18/talks", `><head>`, "2019-11-18T00:00:00Z", true},
		{"markup before the URL", "https://example.com/2020/01/01/talks", `><head>` + og, "2025-08-16T10:00:00Z", false},
		{"no such day", "https://example.com/2025/02/30/talks", `><head>`, "", false},
		{"nothing", testPageURL, `><head>`, "", false},
	}
	for _, c := range cases {
		m := markupAt(t, c.pageURL, c.head)
		got := ""
		if !m.published.IsZero() {
			got = m.published.Format(time.RFC3339)
		}
		if got != c.want || m.approximate != c.approximate {
			t.Errorf("%s: %q approximate=%v, want %q approximate=%v", c.name, got, m.approximate, c.want, c.approximate)
		}
	}
}

func TestParseDate(t *testing.T) {
	cases := map[string]string{
		"2025-08-17T09:30:00Z":              "2025-08-17T09:30:00Z",
		"2025-08-17T09:30:00.123+02:00":     "2025-08-17T09:30:00.123+02:00",
		"2025-08-17T09:30:00+0200":          "2025-08-17T09:30:00+02:00",
		"2025-08-17T09:30:00":               "2025-08-17T09:30:00Z",
		"2025-08-17T09:30":                  "2025-08-17T09:30:00Z",
		"2025-08-17 09:30:00":               "2025-08-17T09:30:00Z",
		" 2025-08-17 ":                      "2025-08-17T00:00:00Z",
		"2025/08/17":                        "2025-08-17T00:00:00Z",
		"Sun, 17 Aug 2025 09:30:00 +0000":   "2025-08-17T09:30:00Z",
		"Sun, 17 Aug 2025 09:30:00 GMT":     "2025-08-17T09:30:00Z",
		"August 17, 2025":                   "2025-08-17T00:00:00Z",
		"17 Aug 2025 09:30 GMT":             "2025-08-17T09:30:00Z",
		"Sun Aug 17 2025 09:30:00 GMT+0000": "2025-08-17T09:30:00Z",
	}
	for in, want := range cases {
		got, ok := parseDate(in)
		if !ok || got.Format(time.RFC3339Nano) != want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "yesterday", "0001-01-01T00:00:00Z", "1970-01-01", "2999-01-01", "17/08/2025"} {
		if got, ok := parseDate(in); ok {
			t.Errorf("parseDate(%q) = %v, want no date", in, got)
		}
	}
}

func TestDeclaredLanguage(t *testing.T) {
	cases := []struct{ head, want string }{
		{` lang="en-GB"><head><meta property="og:locale" content="de_DE">`, "en"},
		{`><head><meta property="og:locale" content="pt_BR">`, "pt"},
		{`><head>` + ldScript(`{"@type":"NewsArticle","inLanguage":"fr-FR"}`), "fr"},
		{`><head><meta http-equiv="Content-Language" content="es, en">`, "es"},
		{` lang=""><head>`, ""},
		{` lang="not a language"><head><meta property="og:locale" content="nl_NL">`, "nl"},
	}
	for _, c := range cases {
		if got := markupOf(t, c.head).lang; got != c.want {
			t.Errorf("<html%s: language %q, want %q", c.head, got, c.want)
		}
	}
}

func TestPaywalled(t *testing.T) {
	for json, want := range map[string]bool{
		`{"@type":"NewsArticle","isAccessibleForFree":false}`:   true,
		`{"@type":"NewsArticle","isAccessibleForFree":"False"}`: true,
		`{"@type":"NewsArticle","isAccessibleForFree":true}`:    false,
		`{"@type":"NewsArticle"}`:                               false,
	} {
		if got := markupOf(t, `><head>`+ldScript(json)).paywalled; got != want {
			t.Errorf("%s: paywalled %v, want %v", json, got, want)
		}
	}
}
