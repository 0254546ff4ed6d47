package extract

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// markup is what the page's own markup says about it, each field taken
// from the best source that has it.
type markup struct {
	title, author, publisher, siteName string
	canonical                          string // absolute, "" when the page gives none
	lang                               string // declared, lowercase ISO 639-1, "" when none
	published                          time.Time
	approximate                        bool // published came from the URL
	paywalled                          bool // JSON-LD isAccessibleForFree is false
}

// pageTags is everything metadata is read from, gathered in one walk.
type pageTags struct {
	articles  []ldArticle       // JSON-LD article objects in document order
	pages     []ldArticle       // JSON-LD WebPage objects: only their dates are used
	meta      map[string]string // first content of each <meta> by lowercased property, name or itemprop
	canonical string            // <link rel=canonical href>
	title     string            // <title>
	htmlLang  string            // <html lang>
	pubTimes  []string          // <time datetime> marked as the publication date (itemprop, pubdate)
	times     []string          // every other <time datetime>
}

// readMarkup reads the page's metadata, best source first:
//
//   - title: JSON-LD headline, og:title, <title> without the site's name;
//   - author: JSON-LD author, <meta name=author>;
//   - publisher: JSON-LD publisher.name, og:site_name; site name the other way round;
//   - URL: <link rel=canonical>, og:url (on the benchmark's pages where the two
//     differ, the link is the better: https, or the original rather than a
//     syndicated copy), resolved against the page URL;
//   - date: JSON-LD datePublished, article:published_time (and the like),
//     <time datetime>, and last the URL's path (approximate);
//   - language: <html lang>, og:locale, JSON-LD inLanguage, Content-Language.
func readMarkup(doc *html.Node, pageURL *url.URL) markup {
	tags := gatherTags(doc)
	var ld ldArticle
	if len(tags.articles) > 0 {
		ld = tags.articles[0]
	}
	var m markup
	m.siteName = firstOf(tags.meta["og:site_name"], ld.publisher)
	m.publisher = firstOf(ld.publisher, tags.meta["og:site_name"])
	siteNames := []string{m.siteName, m.publisher, hostName(pageURL)}
	ogTitle := withoutSiteName(tags.meta["og:title"], siteNames, false)
	pageTitle := withoutSiteName(tags.title, siteNames, true)
	m.title = firstOf(headlineOf(ld.headline, siteNames, ogTitle, pageTitle), ogTitle, pageTitle)
	m.author = firstOf(ld.author, cleanAuthor(tags.meta["author"]))
	m.paywalled = ld.paywalled

	for _, u := range []string{tags.canonical, tags.meta["og:url"]} {
		if abs := absoluteURL(u, pageURL); abs != "" {
			m.canonical = abs
			break
		}
	}

	dates := []string{ld.datePublished, tags.meta["article:published_time"],
		tags.meta["datepublished"], tags.meta["pubdate"], tags.meta["publishdate"], tags.meta["date"]}
	for _, p := range tags.pages { // as Yoast writes them, for pages with no article object
		dates = append(dates, p.datePublished)
	}
	dates = append(append(dates, tags.pubTimes...), tags.times...)
	for _, d := range dates {
		if t, ok := parseDate(d); ok {
			m.published = t
			break
		}
	}
	if m.published.IsZero() {
		m.published, m.approximate = urlDate(pageURL)
	}

	for _, l := range []string{tags.htmlLang, tags.meta["og:locale"], ld.lang, tags.meta["content-language"]} {
		if m.lang = primaryLanguage(l); m.lang != "" {
			break
		}
	}
	return m
}

func gatherTags(doc *html.Node) pageTags {
	t := pageTags{meta: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Namespace == "" {
			switch n.Data {
			case "html":
				if t.htmlLang == "" {
					t.htmlLang = attr(n, "lang")
				}
			case "title":
				if t.title == "" {
					t.title = textOf(n)
				}
			case "meta":
				key := strings.ToLower(firstOf(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"), attr(n, "http-equiv")))
				if v := strings.TrimSpace(attr(n, "content")); key != "" && v != "" && t.meta[key] == "" {
					t.meta[key] = v
				}
			case "link":
				if hasToken(attr(n, "rel"), "canonical") && t.canonical == "" {
					t.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case "script":
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					articles, pages := ldObjects(textOf(n))
					t.articles = append(t.articles, articles...)
					t.pages = append(t.pages, pages...)
				}
				return
			case "time":
				if d := attr(n, "datetime"); d != "" {
					if strings.EqualFold(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate") {
						t.pubTimes = append(t.pubTimes, d)
					} else {
						t.times = append(t.times, d)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return t
}

// ldArticle is the part of a schema.org article that Parse uses.
type ldArticle struct {
	headline, datePublished, author, publisher, lang string
	paywalled                                        bool
}

// articleTypes are the schema.org types that are an article's own page.
var articleTypes = map[string]bool{
	"Article": true, "NewsArticle": true, "ReportageNewsArticle": true,
	"AnalysisNewsArticle": true, "OpinionNewsArticle": true, "BackgroundNewsArticle": true,
	"ReviewNewsArticle": true, "BlogPosting": true, "LiveBlogPosting": true,
}

// ldObjects finds the articles and the web pages in one JSON-LD script:
// the object itself, the members of an array or an @graph, or a page's
// mainEntity.
func ldObjects(script string) (articles, pages []ldArticle) {
	var v any
	if json.Unmarshal([]byte(unwrapScript(script)), &v) != nil {
		return nil, nil
	}
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if isType(x["@type"], webPageTypes) {
				pages = append(pages, ldArticle{datePublished: ldText(x["datePublished"])})
			}
			if isType(x["@type"], articleTypes) {
				articles = append(articles, ldArticle{
					headline:      ldText(x["headline"]),
					datePublished: ldText(x["datePublished"]),
					author:        joinNames(ldNames(x["author"])),
					publisher:     firstOf(ldNames(x["publisher"])...),
					lang:          ldText(x["inLanguage"]),
					paywalled:     isFalse(x["isAccessibleForFree"]),
				})
			}
			visit(x["@graph"], depth+1)
			visit(x["mainEntity"], depth+1)
		}
	}
	visit(v, 0)
	return articles, pages
}

// unwrapScript removes what some sites wrap their JSON-LD in.
func unwrapScript(s string) string {
	s = strings.TrimSpace(s)
	for _, wrap := range [][2]string{{"<!--", "-->"}, {"//<![CDATA[", "//]]>"}, {"<![CDATA[", "]]>"}} {
		if strings.HasPrefix(s, wrap[0]) && strings.HasSuffix(s, wrap[1]) {
			s = strings.TrimSpace(s[len(wrap[0]) : len(s)-len(wrap[1])])
		}
	}
	return s
}

var webPageTypes = map[string]bool{"WebPage": true, "ItemPage": true}

// isType reads @type, a string or an array, bare ("NewsArticle") or as
// an IRI ("https://schema.org/NewsArticle"), and says whether it is one
// of types.
func isType(v any, types map[string]bool) bool {
	list, _ := v.([]any)
	if s, ok := v.(string); ok {
		list = []any{s}
	}
	for _, t := range list {
		if s, ok := t.(string); ok {
			s = s[strings.LastIndexAny(s, "/:")+1:]
			if types[s] {
				return true
			}
		}
	}
	return false
}

// ldText is a string value, with the HTML entities that some sites leave
// in their JSON decoded.
func ldText(v any) string {
	s, _ := v.(string)
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// ldNames reads a person or an organisation: a string, an object with a
// name, or an array of either.
func ldNames(v any) []string {
	switch x := v.(type) {
	case string:
		if n := cleanAuthor(ldText(x)); n != "" {
			return []string{n}
		}
	case map[string]any:
		return ldNames(x["name"])
	case []any:
		var names []string
		for _, e := range x {
			names = append(names, ldNames(e)...)
		}
		return names
	}
	return nil
}

func joinNames(names []string) string {
	var kept []string
	seen := map[string]bool{}
	for _, n := range names {
		if k := strings.ToLower(n); !seen[k] {
			seen[k] = true
			kept = append(kept, n)
		}
	}
	return strings.Join(kept, ", ")
}

// cleanAuthor drops a leading "By" and values that are links to a
// profile rather than a name.
func cleanAuthor(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = strings.TrimSpace(s[3:])
	}
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return ""
	}
	return s
}

func isFalse(v any) bool {
	switch x := v.(type) {
	case bool:
		return !x
	case string:
		return strings.EqualFold(strings.TrimSpace(x), "false")
	}
	return false
}

// headlineOf is the JSON-LD headline without the site's name, unless it
// shares almost no words with the page's other titles: some sites leave
// the JSON-LD of another article in their template.
func headlineOf(headline string, siteNames []string, otherTitles ...string) string {
	headline = withoutSiteName(headline, siteNames, false)
	hw := words(strings.ToLower(headline))
	for _, other := range otherTitles {
		if other == "" || len(hw) == 0 {
			continue
		}
		ow := words(strings.ToLower(other))
		shared := 0
		for _, w := range hw {
			if slices.Contains(ow, w) {
				shared++
			}
		}
		if shared*3 < len(hw) {
			return ""
		}
		break // the best other title agrees
	}
	return headline
}

// titleSeparators part a page title from the site's name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » "}

// withoutSiteName removes the site's name from the end or the start of a
// title: "Talks resume - Reuters", "BBC News | Talks resume". The name is
// recognised when it is one of siteNames or, if anyName, when it looks
// like one: at most three words, each capitalised ("BBC News", not
// "live updates").
func withoutSiteName(title string, siteNames []string, anyName bool) string {
	title = strings.Join(strings.Fields(title), " ")
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 {
			head, tail := title[:i], title[i+len(sep):]
			if isSiteName(tail, siteNames, true) || (anyName && looksLikeName(tail) && len(words(head)) >= len(words(tail))) {
				return strings.TrimSpace(head)
			}
		}
		if i := strings.Index(title, sep); i > 0 {
			head, tail := title[:i], title[i+len(sep):]
			if isSiteName(head, siteNames, false) {
				return strings.TrimSpace(tail)
			}
		}
	}
	return title
}

// isSiteName says whether s is one of siteNames or, with orLonger, starts
// with one: a host name "bbc" recognises "BBC News" at a title's end.
func isSiteName(s string, siteNames []string, orLonger bool) bool {
	k := squash(s)
	for _, n := range siteNames {
		if n := squash(n); n != "" && (n == k || (orLonger && len(n) >= 3 && strings.HasPrefix(k, n))) {
			return true
		}
	}
	return false
}

func looksLikeName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 3 {
		return false
	}
	for _, w := range ws {
		r := []rune(w)
		if !isWordRune(r[0]) || strings.ToLower(string(r[0])) == string(r[0]) && !startsWithDigit(w) {
			return false
		}
	}
	return true
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// squash keeps only the lowercased letters and digits: "BBC News" and
// "bbcnews" are the same name.
func squash(s string) string { return strings.ToLower(strings.Join(words(s), "")) }

// hostName is the part of the host a site is named after:
// "www.reuters.com" gives "reuters".
func hostName(u *url.URL) string {
	if u == nil {
		return ""
	}
	labels := strings.Split(strings.TrimPrefix(u.Hostname(), "www."), ".")
	if len(labels) < 2 {
		return ""
	}
	if len(labels) >= 3 && len(labels[len(labels)-2]) <= 3 { // bbc.co.uk
		return labels[len(labels)-3]
	}
	return labels[len(labels)-2]
}

// absoluteURL resolves ref against the page URL; "" unless the result is
// an http(s) URL with a host.
func absoluteURL(ref string, pageURL *url.URL) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if pageURL != nil {
		u = pageURL.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// primaryLanguage is the language of a tag such as "en-GB" or "pt_BR"
// (of the first, in a Content-Language list); "" for anything else.
func primaryLanguage(tag string) string {
	tag, _, _ = strings.Cut(tag, ",")
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) < 2 || len(tag) > 3 || strings.Trim(tag, "abcdefghijklmnopqrstuvwxyz") != "" {
		return ""
	}
	return tag
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func hasToken(list, token string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, token) {
			return true
		}
	}
	return false
}

// textOf is the text inside n, white space collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}
