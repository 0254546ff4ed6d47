package extract

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// englishParagraphs are an article's body, about 150 words.
var englishParagraphs = []string{
	"Negotiators from both delegations met again on Tuesday in Geneva, where they spent most of the day on the question of who would guarantee a ceasefire once it is signed.",
	"Officials said the talks had been constructive but that no agreement was expected this week. Several European governments have offered to send monitors, and two of them said they would consider sending troops if the fighting stopped.",
	"The foreign minister told reporters that any guarantee would have to be written down and approved by parliament, and that his country would not accept a promise that could be withdrawn at the next election.",
	"A spokesman for the other side said it was ready to discuss monitoring, but not the presence of foreign soldiers. The next round of talks is due to begin in ten days, after both teams have reported to their capitals.",
}

// articlePage is a whole page around paragraphs: navigation, a headline,
// the body and a footer, as sites have them.
func articlePage(htmlAttrs, head string, paragraphs []string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html" + htmlAttrs + "><head><meta charset=\"utf-8\">" + head + "</head><body>")
	b.WriteString(`<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>`)
	b.WriteString("<main><article><h1>Talks on guarantees resume in Geneva</h1>")
	for _, p := range paragraphs {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString(`</article></main><footer><p><a href="/about">About us</a> | <a href="/privacy">Privacy</a> | © 2025 Daily Planet</p></footer></body></html>`)
	return b.String()
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestParseArticle(t *testing.T) {
	head := `<title>Talks on guarantees resume in Geneva - Daily Planet</title>
<link rel="canonical" href="/world/2025/08/17/talks-resume">
<meta property="og:site_name" content="Daily Planet">` +
		ldScript(`{"@type":"NewsArticle","headline":"Talks on guarantees resume in Geneva","datePublished":"2025-08-17T09:30:00Z","author":[{"name":"Jane Roe"},{"name":"John Doe"}],"publisher":{"name":"Daily Planet Media"}}`)
	page := articlePage(` lang="en"`, head, englishParagraphs)
	a, err := Parse([]byte(page), "text/html; charset=utf-8", mustURL(t, "https://planet.example.com/world/talks?utm_source=x"))
	if err != nil {
		t.Fatal(err)
	}
	want := Article{
		Title: "Talks on guarantees resume in Geneva", Author: "Jane Roe, John Doe",
		Publisher: "Daily Planet Media", SiteName: "Daily Planet", Language: "en",
		URL: "https://planet.example.com/world/2025/08/17/talks-resume",
	}
	if a.Title != want.Title || a.Author != want.Author || a.Publisher != want.Publisher ||
		a.SiteName != want.SiteName || a.Language != want.Language || a.URL != want.URL {
		t.Errorf("metadata:\n got %+v\nwant %+v", *a, want)
	}
	if got := a.Published.Format("2006-01-02T15:04"); got != "2025-08-17T09:30" || a.PublishedApproximate {
		t.Errorf("published %s approximate=%v", got, a.PublishedApproximate)
	}
	// The headline is metadata, and the navigation and footer are not the
	// article: the paragraphs are the body's, as written.
	if strings.Join(a.Paragraphs, "\n") != strings.Join(englishParagraphs, "\n") {
		t.Errorf("paragraphs:\n%s", strings.Join(a.Paragraphs, "\n"))
	}
}

func TestParseWithoutMetadata(t *testing.T) {
	// A saved file: no page URL, no Content-Type, no metadata but a title.
	page := strings.Replace(articlePage("", "<title>Talks resume | Daily Planet</title>", englishParagraphs), `<meta charset="utf-8">`, "", 1)
	a, err := Parse([]byte(page), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Talks resume" || a.URL != "" || !a.Published.IsZero() || a.Language != "en" {
		t.Errorf("got %+v", *a)
	}
	if len(a.Paragraphs) != len(englishParagraphs) {
		t.Errorf("%d paragraphs, want %d", len(a.Paragraphs), len(englishParagraphs))
	}
}

func TestParagraphsOf(t *testing.T) {
	doc := `<body><h2>The  first
		heading</h2><p>One <b>bold</b>, <i>one</i> word.</p><p>  </p><p><b>Summary</b>Then the tail.</p>
		<p>Line one<br>line two</p><ul><li>item a</li><li>item b</li></ul>
		<table><tr><td>Palm Bay</td><td>70</td></tr></table><script>var x = 1;</script></body>`
	want := []string{"The first heading", "One bold, one word.", "Summary Then the tail.", "Line one", "line two",
		"item a", "item b", "Palm Bay 70"}
	got := paragraphsOf(parseFragment(t, doc))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// A list of other stories as cards (a headline in a heading, a blurb)
// is no part of the article; an item of the article's own list with a
// heading and a paragraph of text is.
func TestParagraphsOfLeaveStoryCardsOut(t *testing.T) {
	long := strings.Repeat("The monitors would report to both sides every week. ", 6)
	doc := `<body><p>The article's last paragraph.</p>
		<ul><li><h3>Rams top Bears as offenses struggle</h3><h4>Neither side got much going on Sunday night</h4></li>
		<li><h3>Pats place Olszewski on IR</h3><h4>New England's roster is re-shuffling</h4></li></ul>
		<ol><li><h3>Monitoring</h3><p>` + long + `</p></li></ol></body>`
	want := []string{"The article's last paragraph.", "Monitoring", strings.TrimSpace(long)}
	got := paragraphsOf(parseFragment(t, doc))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// Charset decoding: the pages are written byte by byte, as a server in
// that charset sends them.
func TestCharsetWindows1252FromMeta(t *testing.T) {
	// 0x93 and 0x94 are curly quotes and 0xE9 is é in windows-1252; the
	// bytes are not valid UTF-8.
	body := "The minister said the caf\xe9 meeting was \x93constructive\x94 and would go on. " + strings.Join(englishParagraphs, " ")
	page := "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>Caf\xe9 talks</title></head><body><article><p>" + body + "</p></article></body></html>"
	a, err := Parse([]byte(page), "text/html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Café talks" || !strings.Contains(a.Paragraphs[0], "café meeting was “constructive”") {
		t.Errorf("title %q, text %q", a.Title, a.Paragraphs[0])
	}
}

func TestCharsetISO88591FromHeader(t *testing.T) {
	// No <meta>: only the Content-Type header says ISO-8859-1 (0xE9 is é,
	// 0xA3 is £).
	body := "Delegates in Z\xfcrich discussed a fund of \xa3200m for the reconstruction. " + strings.Join(englishParagraphs, " ")
	page := "<html><head><title>Z\xfcrich talks</title></head><body><article><p>" + body + "</p></article></body></html>"
	a, err := Parse([]byte(page), "text/html; charset=ISO-8859-1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Zürich talks" || !strings.Contains(a.Paragraphs[0], "Zürich discussed a fund of £200m") {
		t.Errorf("title %q, text %q", a.Title, a.Paragraphs[0])
	}
}

func TestCharsetHeaderBeatsMeta(t *testing.T) {
	page := "<html><head><meta charset=\"utf-8\"><title>Z\xfcrich</title></head><body><p>x</p></body></html>"
	a, _ := Parse([]byte(page), "text/html; charset=iso-8859-1", nil)
	if a == nil || a.Title != "Zürich" {
		t.Errorf("got %+v", a)
	}
}

func TestCharsetUndeclaredUTF8(t *testing.T) {
	// No charset anywhere, and the first kilobyte is all ASCII: the
	// charset package alone would guess windows-1252.
	padding := "<!-- " + strings.Repeat("padding ", 200) + "-->"
	page := "<html><head>" + padding + "<title>Zürich — talks</title></head><body><p>x</p></body></html>"
	a, _ := Parse([]byte(page), "", nil)
	if a == nil || a.Title != "Zürich — talks" {
		t.Errorf("got %+v", a)
	}
}

func TestNotHTML(t *testing.T) {
	page := []byte(articlePage("", "", englishParagraphs))
	cases := []struct {
		name        string
		body        []byte
		contentType string
	}{
		{"a PDF", []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>"), "application/pdf"},
		{"plain text", []byte(strings.Join(englishParagraphs, "\n\n")), "text/plain; charset=utf-8"},
		{"JSON", []byte(`{"headline":"x"}`), "application/json"},
		{"HTML served as an image", page, "image/png"},
		{"a PDF saved without a type", []byte("%PDF-1.7\n1 0 obj"), ""},
		{"a PNG served as octet-stream", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "application/octet-stream"},
	}
	for _, c := range cases {
		a, err := Parse(c.body, c.contentType, nil)
		if !errors.Is(err, ErrNotHTML) || a != nil {
			t.Errorf("%s: got %v, %v; want ErrNotHTML", c.name, a, err)
		} else if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error is not one line: %q", c.name, err)
		}
	}
	for _, ct := range []string{"text/html", "TEXT/HTML; charset=UTF-8", "application/xhtml+xml", "application/octet-stream", "", "bad;;type"} {
		if _, err := Parse(page, ct, nil); err != nil {
			t.Errorf("Content-Type %q: %v", ct, err)
		}
	}
}

func TestNoArticle(t *testing.T) {
	cases := []struct{ name, page string }{
		{"empty", ""},
		{"a login form", `<html><head><title>Sign in</title></head><body><form><label>Email</label><input name="e"><label>Password</label><input type="password"><button>Sign in</button></form><p>Forgot your password?</p></body></html>`},
		{"a short notice", articlePage("", "", []string{"This page has moved. Please update your bookmarks and follow the link to the new address of our news service."})},
		{"a paywall teaser", articlePage("", ldScript(`{"@type":"NewsArticle","isAccessibleForFree":false}`), englishParagraphs[:3])},
	}
	for _, c := range cases {
		a, err := Parse([]byte(c.page), "text/html", nil)
		if !errors.Is(err, ErrNoArticle) {
			t.Errorf("%s: got %v, want ErrNoArticle", c.name, err)
			continue
		}
		if a == nil {
			t.Errorf("%s: no article returned with the error", c.name)
		}
		t.Logf("%s: %v", c.name, err)
	}
	// The same three paragraphs without the paywall flag are an article.
	if _, err := Parse([]byte(articlePage("", "", englishParagraphs[:3])), "text/html", nil); err != nil {
		t.Errorf("three free paragraphs: %v", err)
	}
}

var germanParagraphs = []string{
	"Die Unterhändler beider Seiten trafen sich am Dienstag erneut in Genf, wo sie den größten Teil des Tages über die Frage sprachen, wer einen Waffenstillstand garantieren würde.",
	"Die Gespräche seien konstruktiv gewesen, sagten Beamte, aber eine Einigung werde in dieser Woche nicht erwartet. Mehrere europäische Regierungen haben angeboten, Beobachter zu schicken, und zwei von ihnen würden auch Soldaten entsenden, wenn die Kämpfe aufhören.",
	"Der Außenminister sagte, jede Garantie müsse schriftlich festgehalten und vom Parlament gebilligt werden. Sein Land werde kein Versprechen annehmen, das bei der nächsten Wahl zurückgenommen werden könne.",
	"Die nächste Runde der Gespräche soll in zehn Tagen beginnen, nachdem beide Teams ihren Hauptstädten berichtet haben. Ein Sprecher der anderen Seite sagte, man sei bereit, über die Überwachung zu sprechen.",
}

var spanishParagraphs = []string{
	"Los negociadores de las dos delegaciones se reunieron de nuevo el martes en Ginebra, donde pasaron la mayor parte del día discutiendo quién garantizaría un alto el fuego una vez firmado.",
	"Los funcionarios dijeron que las conversaciones habían sido constructivas, pero que no se esperaba un acuerdo esta semana. Varios gobiernos europeos se han ofrecido para enviar observadores y dos de ellos dijeron que podrían enviar tropas.",
	"El ministro de Asuntos Exteriores dijo a los periodistas que cualquier garantía tendría que ser aprobada por el parlamento, y que su país no aceptaría una promesa que se pudiera retirar en las próximas elecciones.",
	"Un portavoz de la otra parte dijo que estaba dispuesto a hablar de la supervisión, pero no de la presencia de soldados extranjeros. La próxima ronda de conversaciones comenzará dentro de diez días.",
}

var russianParagraphs = []string{
	"Переговорщики обеих делегаций снова встретились во вторник в Женеве, где большую часть дня обсуждали вопрос о том, кто будет гарантировать прекращение огня после его подписания.",
	"Официальные лица заявили, что переговоры были конструктивными, но соглашения на этой неделе не ожидается. Несколько европейских правительств предложили направить наблюдателей.",
	"Министр иностранных дел сказал журналистам, что любая гарантия должна быть записана и одобрена парламентом. Следующий раунд переговоров должен начаться через десять дней.",
}

func TestNotEnglish(t *testing.T) {
	cases := []struct {
		name, htmlAttrs, head string
		paragraphs            []string
		wantLang              string
	}{
		{"German, declared", ` lang="de-DE"`, "", germanParagraphs, "de"},
		{"German on a site that says English", ` lang="en"`, "", germanParagraphs, "de"},
		{"Spanish, declared by og:locale", "", `<meta property="og:locale" content="es_ES">`, spanishParagraphs, "es"},
		{"Spanish, undeclared", "", "", spanishParagraphs, "es"},
		{"Russian, undeclared", "", "", russianParagraphs, ""},
		{"Russian, declared", ` lang="ru"`, "", russianParagraphs, "ru"},
	}
	for _, c := range cases {
		a, err := Parse([]byte(articlePage(c.htmlAttrs, c.head, c.paragraphs)), "text/html; charset=utf-8", nil)
		if !errors.Is(err, ErrNotEnglish) {
			t.Errorf("%s: got %v, want ErrNotEnglish", c.name, err)
			continue
		}
		if a == nil || a.Language != c.wantLang || len(a.Paragraphs) == 0 {
			t.Errorf("%s: article %+v, want language %q and the text", c.name, a, c.wantLang)
		}
		t.Logf("%s: %v", c.name, err)
	}
}

func TestEnglishDespiteDeclaration(t *testing.T) {
	// English pages with a wrong or no declaration, and English text poor
	// in common words (a table of results), are kept.
	results := []string{
		"Palm Bay 70, Rockledge 44. Palm Bay (1-0): Tolivert 25 points. Davis 17 points. Burgher 10 points. Bozeman 10 points. Bean-Laing 5 points. Moore 3 points.",
		"Rockledge (0-1): Blakely 15 points. Devoe 2 points. Baker 6 points. Brown 4 points. Upshaw 3 points. Williams 6 points. Dquendo 4 points. Balmer 4 points.",
		"Heritage 52, Titusville 38. Heritage (2-0): Jones 18 points. Smith 12 points. Lee 9 points. Garcia 7 points. Titusville (0-2): Evans 14 points. Ortiz 11 points.",
		"Melbourne 61, Eau Gallie 40. Melbourne (1-1): Carter 22 points. Nguyen 15 points. Price 10 points. Eau Gallie (0-1): Hall 13 points. Adams 9 points. Reed 8 points.",
	}
	cases := []struct {
		name, htmlAttrs string
		paragraphs      []string
	}{
		{"declared German", ` lang="de"`, englishParagraphs},
		{"declared Japanese", ` lang="ja"`, englishParagraphs},
		{"undeclared", "", englishParagraphs},
		{"sports results", ` lang="en-US"`, results},
		{"sports results, undeclared", "", results},
	}
	for _, c := range cases {
		a, err := Parse([]byte(articlePage(c.htmlAttrs, "", c.paragraphs)), "text/html; charset=utf-8", nil)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
		} else if a.Language != "en" {
			t.Errorf("%s: language %q", c.name, a.Language)
		}
	}
}

func parseFragment(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestDropLeadingTitle(t *testing.T) {
	got := dropLeadingTitle([]string{"Talks resume: what’s next?", "Body."}, "Talks Resume — What's next")
	if len(got) != 1 || got[0] != "Body." {
		t.Errorf("got %q", got)
	}
	if got := dropLeadingTitle([]string{"Body."}, "Talks resume"); len(got) != 1 {
		t.Errorf("a body that does not repeat the title lost %q", got)
	}
	// a share widget's address of the page, then the headline
	got = dropLeadingTitle([]string{"https://news.example.com/article/Talks-resume-1484.php", "Talks resume", "Body.",
		"https://news.example.com/source.pdf"}, "Talks resume")
	if strings.Join(got, "|") != "Body.|https://news.example.com/source.pdf" {
		t.Errorf("got %q", got)
	}
}

func TestDateFromTheText(t *testing.T) {
	// No date in the markup or the URL: the library's reading of the text
	// gives one, marked approximate. A bare year (the footer's ©) is none.
	paragraphs := append([]string{"Published on 17 August 2025, updated later."}, englishParagraphs...)
	a, err := Parse([]byte(articlePage("", "", paragraphs)), "text/html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Published.Format("2006-01-02"); got != "2025-08-17" || !a.PublishedApproximate {
		t.Errorf("published %s approximate=%v", got, a.PublishedApproximate)
	}
}

func TestInvalidUTF8(t *testing.T) {
	// Declared UTF-8, with a stray byte: it becomes U+FFFD.
	page := articlePage("", "<title>Talks \xff resume</title>", englishParagraphs)
	a, err := Parse([]byte(page), "text/html; charset=utf-8", nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Talks \uFFFD resume" {
		t.Errorf("title %q", a.Title)
	}
}

func TestDropShouted(t *testing.T) {
	in := []string{"WHO IS THE FRONT-RUNNER?", "Prose follows here.", "CLICK HERE TO GET THE FOX NEWS APP",
		"HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%", "CO-FOUNDER 'PROUD' OF HOME DEPOT EMPLOYEES LIVING OUT THEIR AMERICAN DREAM",
		"لا تكرهوا قوما بغير حق فإن الله لا يحب المعتدين أبدا"}
	want := []string{"WHO IS THE FRONT-RUNNER?", "Prose follows here.", "HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%",
		"لا تكرهوا قوما بغير حق فإن الله لا يحب المعتدين أبدا"}
	if got := dropShouted(in); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// A newsletter's sign-up box among the paragraphs is marked so by its
// markup, and left out; a subscriber's article is not.
func TestSignUpBoxLeftOut(t *testing.T) {
	paras := append([]string(nil), englishParagraphs...)
	page := articlePage(` lang="en"`, "<title>Talks</title>", paras)
	box := `<div class="Newsletter-stateSent"><h3>Thanks for signing up!</h3><h4>Keep an eye on your inbox for the latest news.</h4></div>`
	page = strings.Replace(page, "</p>\n<p>A spokesman", "</p>\n"+box+"<p>A spokesman", 1)
	page = strings.Replace(page, "<main><article>", `<main><article class="subscriber-content design-upgrade">`, 1)
	a, err := Parse([]byte(page), "text/html; charset=utf-8", mustURL(t, "https://planet.example.com/world/talks"))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(a.Paragraphs, "\n")
	if strings.Contains(got, "signing up") || strings.Contains(got, "inbox") {
		t.Errorf("the sign-up box was kept:\n%s", got)
	}
	if !strings.Contains(got, "A spokesman for the other side") || !strings.Contains(got, "Negotiators from both") {
		t.Errorf("article text lost:\n%s", got)
	}
}

// An article whose own class mentions a newsletter is still the article.
func TestSignUpMarkOnTheArticle(t *testing.T) {
	page := articlePage(` lang="en"`, "<title>Talks</title>", englishParagraphs)
	page = strings.Replace(page, "<main><article>", `<main><article class="story-body has-newsletter-cta">`, 1)
	a, err := Parse([]byte(page), "text/html; charset=utf-8", mustURL(t, "https://planet.example.com/world/talks"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(a.Paragraphs, "\n"); !strings.Contains(got, "Negotiators from both") {
		t.Errorf("article text lost:\n%s", got)
	}
}
