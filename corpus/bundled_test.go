package corpus

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// The facts each bundled article must carry, as published (the seeds'
// sources.json), written out here so the test does not depend on files
// outside the module. passages is the count checked by eye with
// go test ./corpus -run TestDump -v -args -dump.
var bundledWant = []struct {
	id, title, publisher, source, url, published, author string
	approximate                                          bool
	passages                                             int
	first, last                                          string // first and last passage start with these
}{
	{
		id: "2025-04-25-dailywrap-us-backs-european-coalition-ukraine", title: "US backs European coalition in Ukraine ceasefire plan",
		publisher: "DailyWrap", source: "The Telegraph",
		url:       "https://dailywrap.net/en-ca/us-backs-european-coalition-in-ukraine-ceasefire-plan,7150203187898497a",
		published: "2025-04-25", approximate: true, author: "Mateusz Czmiel", passages: 12,
		first: "The United States, in informal discussions", last: "The \"coalition of the willing,\" initiated",
	},
	{
		id: "2025-08-17-rightspeak-trump-backs-security-deal-ukraine", title: "Trump backs security deal for Ukraine",
		publisher: "RightSpeak (blog repost)", source: "New York Post; The Wall Street Journal",
		url:       "http://www.rightspeak.net/2025/08/trump-backs-security-deal-for-ukraine.html",
		published: "2025-08-17", approximate: true, passages: 21,
		first: "President Trump has committed in principle", last: "“We are clear that Ukraine must have ironclad",
	},
	{
		id: "2025-08-26-newsbulletin247-us-ready-provide-military-means", title: "The US is ready to provide military means of information and supervision to any western “security net” for Ukraine after the war",
		publisher: "NewsBulletin247", source: "Financial Times, as reported by Skai",
		url:       "https://newsbulletin247.com/world/719423.html",
		published: "2025-08-26", approximate: true, passages: 20,
		first: "The US is ready to provide military means", last: "Zelenski said he was informed by his military leadership",
	},
	{
		id: "2025-12-18-rbcukraine-us-europe-prepare-detailed-security", title: "US and Europe prepare detailed security guarantees plan for Ukraine, Bloomberg reports",
		publisher: "RBC-Ukraine", source: "Bloomberg",
		url:       "https://newsukraine.rbc.ua/news/us-and-europe-prepare-detailed-security-guarantees-1766081459.html",
		published: "2025-12-18", approximate: false, passages: 9,
		first: "The United States and Europe have developed", last: "According to Politico, such an offer",
	},
	{
		id: "2026-01-06-234radio-us-backs-security-guarantees-ukraine", title: "US backs security guarantees for Ukraine, as France and UK pledge troops",
		publisher: "234Radio", source: "Al Jazeera",
		url:       "https://234radio.com/us-backs-security-guarantees-for-ukraine-as-france-and-uk-pledge-troops",
		published: "2026-01-06", approximate: true, passages: 31,
		first: "In response to France and the United Kingdom", last: "Macron, Starmer, the Polish prime minister Donald Tusk",
	},
}

func TestBundledCorpus(t *testing.T) {
	articles, problems := Load(Bundled())
	if len(problems) > 0 {
		t.Fatalf("bundled corpus problems: %v", problems)
	}
	if len(articles) != len(bundledWant) {
		t.Fatalf("%d bundled articles, want %d", len(articles), len(bundledWant))
	}
	for i, w := range bundledWant {
		a := articles[i]
		t.Run(w.id, func(t *testing.T) {
			if a.ID != w.id || a.Title != w.title || a.Publisher != w.publisher || a.OriginalSource != w.source ||
				a.URL != w.url || a.Published.String() != w.published || a.PublishedApproximate != w.approximate || a.Author != w.author {
				t.Errorf("metadata = %+v\nwant %+v", a, w)
			}
			data, err := fs.ReadFile(Bundled(), a.ID+".md")
			if err != nil {
				t.Fatal(err)
			}
			src := string(data)
			lines := strings.Split(src, "\n")
			ps := Passages(a)
			if len(ps) != w.passages {
				t.Errorf("%d passages, want %d", len(ps), w.passages)
			}
			if len(ps) > 0 && (!strings.HasPrefix(ps[0].Text, w.first) || !strings.HasPrefix(ps[len(ps)-1].Text, w.last)) {
				t.Errorf("first/last passage = %.50q / %.50q, want %q / %q", ps[0].Text, ps[len(ps)-1].Text, w.first, w.last)
			}
			for _, p := range ps {
				if !strings.Contains(src, p.Text) {
					t.Errorf("passage %s is not the source's exact text: %.80q", p.ID, p.Text)
				}
				if p.Line < 10 || p.Line > len(lines) || !strings.Contains(lines[p.Line-1], firstLine(p.Text)) {
					t.Errorf("passage %s line %d does not hold its start %.40q", p.ID, p.Line, p.Text)
				}
				if kind := boilerplateKind(p.Text, meta{title: a.Title, publisher: a.Publisher, author: a.Author, source: a.OriginalSource}); kind != "" {
					t.Errorf("passage %s looks like a %s: %q", p.ID, kind, p.Text)
				}
				for _, bad := range []string{"READ MORE", "Images source", "(Getty Images)", "via AP]", "Follow us", "Post a Comment", "Source:", "Source :", "I bring", "Premium Internet Radio", "list of"} {
					if strings.Contains(p.Text, bad) {
						t.Errorf("passage %s holds boilerplate %q: %q", p.ID, bad, p.Text)
					}
				}
			}
		})
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// The articles' facts the evaluation and users rely on are in passages,
// whole (a window never separates them).
func TestBundledKeyPhrases(t *testing.T) {
	articles, _ := Load(Bundled())
	var all []string
	for _, a := range articles {
		for _, p := range Passages(a) {
			all = append(all, p.Text)
		}
	}
	for _, phrase := range []string{
		"reported the British \"Telegraph\" on Friday evening",
		"members of the group.",
		"Article 5 of the North Atlantic Treaty Organization maintains that if one NATO is attacked, it would be considered an attack on all 32 members of the group.",
		"U.S. president says that Putin accepted",
		"We will help them",
		"In 2014, Russia annexed Crimea",
		"Zelenskyy&nbsp, a member of the group",
		"the hardest yards are still ahead",
		"Soon we need to have information from this team",
	} {
		found := false
		for _, p := range all {
			if strings.Contains(p, phrase) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no passage holds %q", phrase)
		}
	}
}

// The seeds as .txt (the bundled bodies without front matter) give the
// same paragraphs, one line of front matter fewer for each line, and the
// titles the .txt rule derives.
func TestTxtMatchesMarkdown(t *testing.T) {
	mdArticles, _ := Load(Bundled())
	txt := fstest.MapFS{}
	for i, a := range mdArticles {
		data, err := fs.ReadFile(Bundled(), a.ID+".md")
		if err != nil {
			t.Fatal(err)
		}
		fm, problems := parseFrontMatter(string(data))
		if len(problems) > 0 {
			t.Fatal(problems)
		}
		txt[string(rune('a'+i))+"-"+a.ID+".txt"] = &fstest.MapFile{Data: data[fm.bodyStart:]}
	}
	txtArticles, problems := Load(txt)
	if len(problems) > 0 || len(txtArticles) != len(mdArticles) {
		t.Fatalf("%d .txt articles, problems %v", len(txtArticles), problems)
	}
	wantTitles := []string{
		"US backs European coalition in Ukraine ceasefire plan",
		// the page title differs; the rule cuts the lead sentence
		"President Trump has committed in principle to providing “security guarantees” to Ukraine to safeguard its frontier from Russia following a possible peace deal",
		"The US is ready to provide military means of information and supervision to any western “security net” for Ukraine after the war",
		"US and Europe prepare detailed security guarantees plan for Ukraine, Bloomberg reports",
		"US backs security guarantees for Ukraine, as France and UK pledge troops",
	}
	prose := func(ps []Paragraph) []Paragraph { // a subhead is text, not a passage
		var out []Paragraph
		for _, p := range ps {
			if !p.Aside {
				out = append(out, p)
			}
		}
		return out
	}
	for i, ta := range txtArticles {
		md := mdArticles[i]
		ta.Paragraphs, md.Paragraphs = prose(ta.Paragraphs), prose(md.Paragraphs)
		if ta.Title != wantTitles[i] {
			t.Errorf("%s: .txt title %q, want %q", ta.ID, ta.Title, wantTitles[i])
		}
		if len(ta.Paragraphs) != len(md.Paragraphs) {
			t.Errorf("%s: %d paragraphs as .txt, %d as .md", ta.ID, len(ta.Paragraphs), len(md.Paragraphs))
			continue
		}
		for j := range md.Paragraphs {
			if ta.Paragraphs[j].Text != md.Paragraphs[j].Text || ta.Paragraphs[j].Line != md.Paragraphs[j].Line-9 {
				t.Errorf("%s paragraph %d: .txt %+v, .md %+v", ta.ID, j, ta.Paragraphs[j], md.Paragraphs[j])
			}
		}
	}
}
