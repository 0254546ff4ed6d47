package corpus

import (
	"strings"
	"testing"
)

// Made-up lines in the forms page furniture takes; none is copied from
// the bundled articles.
func TestBoilerplateKind(t *testing.T) {
	m := meta{
		title:     "Leaders agree harbour deal for Odesa",
		publisher: "Harbour Times",
		author:    "Ines Varga",
		source:    "Coastal Wire",
	}
	tests := []struct {
		line string
		want string
	}{
		// the headline again, folded, or glued to a section label or site name
		{"Leaders agree harbour deal for Odesa", kindHeadline},
		{"LEADERS AGREE HARBOUR\u00a0DEAL FOR ODESA", kindHeadline},
		{"WorldLeaders agree harbour deal for Odesa", kindHeadline},
		{"Leaders agree harbour deal for Odesa | Harbour Times", kindHeadline},
		// image credits and captions
		{"Image source: © Maria Lopes", kindImage},
		{"Photos: Kyiv city council", kindImage},
		{"Photo credit: Jan Novak", kindImage},
		{"© 2024 Some Agency", kindImage},
		{"Ministers walk to the harbour on Monday [Jane Roe via AP]", kindImage},
		{"Cranes at the port of Odesa (Reuters)", kindImage},
		{"A tanker leaves the harbour (Photo by Ola Berg/AFP)", kindImage},
		{"Delegates pose before the talks (Getty Images)", kindImage},
		// widgets
		{"Related content", kindWidget},
		{"Related articles:", kindWidget},
		{"Read also", kindWidget},
		{"Recommended Stories", kindWidget},
		{"You may also like", kindWidget},
		{"Most read", kindWidget},
		{"list of 3 itemsend of list", kindList},
		{"list of 12 items", kindList},
		{"end of list", kindList},
		{"No comments:", kindComments},
		{"14 comments:", kindComments},
		{"Post a Comment", kindComments},
		{"Leave a Reply", kindComments},
		{"Newer Post Older Post Home", kindComments},
		{"READ MORE HERE", kindReadMore},
		{"--->Read more: port reopens", kindReadMore},
		// a link to another article, its headline a sentence or not
		{"Read also: Minister says the port will reopen, but not when or for whom it will open", kindRelated},
		{"See also: Insurers balk at Black Sea cover", kindRelated},
		{"Related: What the harbour deal means for grain exporters.", kindRelated},
		// cookie and consent banners
		{"We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.", kindConsent},
		{"This site uses cookies. Accept all cookies or manage your cookie settings.", kindConsent},
		// share and follow prompts
		{"If you enjoyed this, please Like and/or Follow us on Mastodon here.", kindShare},
		{"Follow us on Telegram for the latest news.", kindShare},
		{"Share this article on WhatsApp", kindShare},
		{"Sign up for our newsletter and never miss a story.", kindShare},
		// bios
		{"After ten years as a reporter, I cover shipping and I write about trade for several outlets.", kindBio},
		{"Harbour Times is an independent online newspaper covering the Black Sea since 2001.", kindBio},
		{"Radio Nowhere is Europe's leading podcast network that seeks to bring local voices to the world.", kindBio},
		{"About the author", kindBio},
		// lone names
		{"Ines Varga", kindName},
		{"Harbour Times", kindName},
		{"By Ines Varga", kindName},
		{"By Ines Varga and Tom Ek", kindName},
		// source lines
		{"Source: Coastal Wire", kindSource},
		{"Source :Wire", kindSource},
		{"Sources: agencies", kindSource},
		// headings and subheads
		{"What the deal means for grain", kindSubhead},
		{"Talks: the next steps", kindSubhead},
		{"Will the harbour reopen?", kindSubhead},
		{"\u00a0Key facts\u00a0", kindSubhead},
	}
	for _, tt := range tests {
		if got := boilerplateKind(tt.line, m); got != tt.want {
			t.Errorf("boilerplateKind(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// Prose that resembles boilerplate must stay.
func TestBoilerplateKindKeepsProse(t *testing.T) {
	m := meta{title: "Leaders agree harbour deal for Odesa", publisher: "Harbour Times", author: "Ines Varga"}
	prose := []string{
		"Leaders agree harbour deal for Odesa, officials said on Monday, after two days of talks in Istanbul.",
		"The minister said the photos of the port would be published later.",
		"Harbour Times reported that the talks had stalled over insurance for ships.",
		"“I have been a journalist for years and I know my limits,” the editor told the agency.",
		"He said the talks would resume, citing sources close to the delegation.",
		"Asked whether Kyiv would accept, he said: “We will see.”",
		"The ministers wrote on Telegram that the deal was signed.",
		"Officials will follow the agreement closely, they said.",
		"The source of the delay was a dispute over inspections.",
		"In 2014, the port was closed for six months.",
		"Ships were shown in photos released by the navy (Reuters).",
		"What matters now, he said, is whether ships can sail safely?",
		"Ukraine is a country that seeks to join NATO and the European Union.",
		"The coalition is a group of 33 countries that aims to support Ukraine after a ceasefire.",
		"Kyiv is the capital, and its mayor said the city seeks more air defence.",
		"Read also the small print, the minister told reporters: the deal has conditions.",
		"Delegates were served coffee and cookies while the talks dragged on into the night.",
		"U.S. officials said the plan would include air support for a European force stationed in the west of the country",
	}
	for _, s := range prose {
		if got := boilerplateKind(s, m); got != "" {
			t.Errorf("boilerplateKind(%q) = %q, want prose", s, got)
		}
	}
}

func TestReadMoreCut(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The deal was signed on Monday. --->READ MORE HEREWire: Other story headline", "The deal was signed on Monday."},
		{"The deal was signed. >> Read more about the port", "The deal was signed."},
		{"Ports reopen. Read more here: link", "Ports reopen."},
		{"Experts say readers should read more about the treaty.", "Experts say readers should read more about the treaty."},
		{"No marker at all.", "No marker at all."},
	}
	for _, tt := range tests {
		if got := tt.in[:readMoreCut(tt.in)]; got != tt.want {
			t.Errorf("readMoreCut(%q) keeps %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Through the loader: what survives of a made-up page is exactly its prose,
// with its subheads and repeated lines as asides: text, never passages.
func TestRemoveBoilerplateInArticle(t *testing.T) {
	src := strings.Join([]string{
		"---",
		"title: Ports reopen after talks",
		"publisher: Harbour Times",
		"url: https://example.org/ports",
		"author: Ines Varga",
		"---",
		"NewsPorts reopen after talks",
		"Ports reopen after talks",
		"Image source: © navy",
		"Ines Varga",
		"\u00a0 \u00a0 \u00a0",
		"The ports of the region reopened on Monday after a week of talks.",
		"The ports of the region reopened on Monday after a week of talks.",
		"What comes next",
		"Ship owners said insurance remained the main obstacle. --->READ MORE HEREOther: Insurers balk",
		"Related content",
		"Follow us on Mastodon here.",
		"Source: Wire",
		"Harbour Times",
		"",
	}, "\n")
	a, problems := parseArticle("ports.md", src)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	want := []Paragraph{
		{Text: "The ports of the region reopened on Monday after a week of talks.", Line: 12},
		{Text: "The ports of the region reopened on Monday after a week of talks.", Line: 13, Aside: true},
		{Text: "What comes next", Line: 14, Aside: true},
		{Text: "Ship owners said insurance remained the main obstacle.", Line: 15},
	}
	if len(a.Paragraphs) != len(want) {
		t.Fatalf("paragraphs = %+v, want %+v", a.Paragraphs, want)
	}
	for i := range want {
		if a.Paragraphs[i] != want[i] {
			t.Errorf("paragraph %d = %+v, want %+v", i, a.Paragraphs[i], want[i])
		}
	}
	if ps := Passages(a); len(ps) != 2 || ps[1].Text != want[3].Text {
		t.Errorf("passages = %+v, want the two lines of prose", ps)
	}
}
