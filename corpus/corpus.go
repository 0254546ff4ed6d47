// Package corpus owns the articles talkbot answers from: their metadata,
// loading them from files, splitting them into passages and annotating the
// passages with who they name and who they quote.
package corpus

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"talkbot/corpus/annotate"
)

// Article is one news article with the facts needed to cite it.
// Its JSON form is part of talkbot's output contract: keep the tags stable.
type Article struct {
	ID                   string `json:"id"`
	Title                string `json:"title"`
	Publisher            string `json:"publisher"`
	OriginalSource       string `json:"original_source"`
	URL                  string `json:"url"`
	Published            Date   `json:"published"`
	PublishedApproximate bool   `json:"published_approximate"`
	Author               string `json:"author,omitempty"`
	// AlsoPublishedBy are the other outlets that ran the same story (a
	// syndicated wire copy, a repost): one entry in the corpus names them
	// all, so search shows the passage once with every outlet.
	AlsoPublishedBy []Outlet `json:"also_published_by,omitempty"`

	// Path is the file the article came from, for error messages.
	Path string `json:"-"`
	// Paragraphs is the body as published, boilerplate removed.
	Paragraphs []Paragraph `json:"-"`
}

// Outlet is another publication of an article's story: who ran it,
// where and when.
type Outlet struct {
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	Published Date   `json:"published"`
}

// Paragraph is one paragraph of an article body with the 1-based line of
// the file it starts on.
type Paragraph struct {
	Text string
	Line int
	// Aside marks text that is never a passage of its own: a subhead or
	// a list or table line (short, no sentence end), or a line the
	// article repeats (a pull quote, a table's labels). It is the
	// article's text all the same.
	Aside bool
}

// DateLabel is the publication date as shown to readers, with "approx."
// where the date was inferred rather than read off the page.
func (a Article) DateLabel() string {
	if a.Published.IsZero() {
		return "date unknown"
	}
	s := a.Published.String()
	if a.PublishedApproximate {
		s += " (approx.)"
	}
	return s
}

// SourceLabel is the publisher, followed by the original outlet when the
// publisher republished someone else's reporting, and by the other
// outlets that ran the same story.
func (a Article) SourceLabel() string {
	s := a.Publisher
	switch {
	case a.OriginalSource == "" || a.OriginalSource == a.Publisher:
	case a.Publisher == "":
		s = a.OriginalSource
	default:
		s = a.Publisher + " (original: " + a.OriginalSource + ")"
	}
	if also := a.OtherPublishers(); len(also) > 0 {
		s += "; also published by " + strings.Join(also, ", ")
	}
	return s
}

// OtherPublishers are the distinct publishers of AlsoPublishedBy other
// than the article's own publisher and original source, in order.
func (a Article) OtherPublishers() []string {
	if len(a.AlsoPublishedBy) == 0 {
		return nil // most articles: no map to make
	}
	var out []string
	seen := map[string]bool{strings.ToLower(a.Publisher): true, strings.ToLower(a.OriginalSource): true}
	for _, o := range a.AlsoPublishedBy {
		k := strings.ToLower(strings.TrimSpace(o.Publisher))
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, strings.TrimSpace(o.Publisher))
	}
	return out
}

// WithOutlets returns a with the outlets of others added to
// AlsoPublishedBy (each once, by URL; never a itself): what one entry
// shows for a story several articles carry.
func (a Article) WithOutlets(others ...Article) Article {
	seen := map[string]bool{a.URL: true}
	var also []Outlet
	add := func(o Outlet) {
		if o.URL == "" || seen[o.URL] {
			return
		}
		seen[o.URL] = true
		also = append(also, o)
	}
	for _, o := range a.AlsoPublishedBy {
		add(o)
	}
	for _, b := range others {
		add(Outlet{Publisher: b.Publisher, URL: b.URL, Published: b.Published})
		for _, o := range b.AlsoPublishedBy {
			add(o)
		}
	}
	a.AlsoPublishedBy = also
	return a
}

// Passage is the unit that is indexed and quoted: a paragraph, or a window
// of whole sentences from a long paragraph. Text is exactly the source's.
type Passage struct {
	// ID is "<article id>/<seq>", stable for a given article file.
	ID        string
	ArticleID string
	// Seq is the 0-based position of the passage in its article, so an
	// answer can show the passage before and after.
	Seq  int
	Text string
	// Line is the 1-based line of the article file the passage starts on.
	Line int

	// Actors are the canonical names of countries, governments and
	// organisations the passage names ("United States", "NATO").
	Actors []string
	// Speakers are the people the passage quotes directly.
	Speakers []string
	// Quotations are its direct quotations attributed to a speaker, read
	// with the passage of its context that last names a person
	// (QuotationContext), so "he said" paragraphs later still has its
	// speaker; Text is the words inside the marks, Start and End their
	// byte range in Text.
	Quotations []annotate.Quotation
	// Stances are the commitments, refusals and hedges the passage's
	// sentences state on the known topics (annotate.Observe).
	Stances []annotate.Observation
}

// PassageID builds the id of the seq-th passage of an article.
func PassageID(articleID string, seq int) string {
	return fmt.Sprintf("%s/%d", articleID, seq)
}

// Date is a calendar date without time of day, written as YYYY-MM-DD.
type Date struct{ time.Time }

// DateLayout is how dates are written in front matter, flags and JSON.
const DateLayout = "2006-01-02"

// ParseDate reads a YYYY-MM-DD date.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(DateLayout)
}

// MarshalJSON writes the date as "YYYY-MM-DD", or null when unknown.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Problem is something wrong with an article file, located precisely
// enough for a person to fix it.
type Problem struct {
	Path string
	Line int // 1-based; 0 when the problem is with the whole file
	Msg  string
}

func (p Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.Path, p.Msg)
}
