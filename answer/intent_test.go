package answer

import (
	"context"
	"slices"
	"testing"

	"talkbot/corpus/annotate"
	"talkbot/index"
)

func TestIntent(t *testing.T) {
	for _, c := range []struct {
		q    string
		want QuestionIntent
	}{
		{"who pledged troops?", QuestionIntent{Kind: IntentWhoPledged, Topic: "troops", Answers: index.KindPerson | index.KindPledge}},
		{"Which countries refused to send soldiers to Ukraine", QuestionIntent{Kind: IntentWhoPledged, Topic: "soldiers",
			Answers: index.KindRefusal, Refusals: true}},
		{"which countries said they won't send soldiers", QuestionIntent{Kind: IntentWhoPledged, Topic: "soldiers",
			Answers: index.KindRefusal, Refusals: true}},
		{"which countries have not offered troops", QuestionIntent{Kind: IntentWhoPledged, Topic: "troops",
			Answers: index.KindPledge, Refusals: true}},
		{"who has never refused to send troops", QuestionIntent{Kind: IntentWhoPledged, Topic: "troops",
			Answers: index.KindPerson | index.KindRefusal}},
		{"who is ready to provide air defence", QuestionIntent{Kind: IntentWhoPledged, Topic: "air defence",
			Answers: index.KindPerson | index.KindDefinition | index.KindPledge}},
		{"what did Zelensky say about security guarantees", QuestionIntent{Kind: IntentQuote, Person: "Volodymyr Zelensky",
			Topic: "security guarantees"}},
		{"what did zelensky say", QuestionIntent{Kind: IntentQuote, Person: "Volodymyr Zelensky"}},
		{"quote Macron on troops", QuestionIntent{Kind: IntentQuote, Person: "Emmanuel Macron", Topic: "troops"}},
		{"what did the German chancellor say about the American offer", QuestionIntent{Kind: IntentQuote, Person: "Friedrich Merz",
			Topic: "the american offer", Answers: index.KindPledge}},
		{"what did the german chancellor say about troops", QuestionIntent{Kind: IntentQuote, Person: "Friedrich Merz", Topic: "troops"}},
		{"what did the french president say", QuestionIntent{Kind: IntentQuote, Person: "Emmanuel Macron"}},
		{"which European countries refused to send troops", QuestionIntent{Kind: IntentWhoPledged, Topic: "troops",
			Answers: index.KindRefusal, Refusals: true, Group: "european"}},
		{"which other countries refused to send troops", QuestionIntent{Kind: IntentWhoPledged, Topic: "troops",
			Answers: index.KindRefusal, Refusals: true}},
		{"has anyone offered air support", QuestionIntent{Kind: IntentWhoPledged, Topic: "air support", Answers: index.KindPledge}},
		{"are any countries willing to send soldiers", QuestionIntent{Kind: IntentWhoPledged, Topic: "soldiers", Answers: index.KindPledge}},
		{"who else pledged troops", QuestionIntent{Kind: IntentWhoPledged, Topic: "troops", Answers: index.KindPerson | index.KindPledge}},
		{"did any European country pledge troops", QuestionIntent{Kind: IntentWhoPledged, Topic: "troops", Answers: index.KindPledge,
			Group: "european"}},
		{"would any of the allies be willing to send soldiers", QuestionIntent{Kind: IntentWhoPledged, Topic: "soldiers", Answers: index.KindPledge}},
		{"did any NATO member pledge troops", QuestionIntent{Kind: IntentWhoPledged, Topic: "troops", Answers: index.KindPledge, Group: "nato"}},
		{"which Scandinavian countries offered troops", QuestionIntent{Kind: IntentWhoPledged, Topic: "troops", Answers: index.KindPledge,
			Group: "nordic"}},
		{"which other European countries refused to send troops", QuestionIntent{Kind: IntentWhoPledged, Topic: "troops",
			Answers: index.KindRefusal, Refusals: true, Group: "european"}},
		{"which of the NATO members ruled out troops", QuestionIntent{Kind: IntentWhoPledged, Topic: "troops",
			Answers: index.KindRefusal, Refusals: true, Group: "nato"}},
		{"which NATO member states pledged troops", QuestionIntent{Kind: IntentWhoPledged, Topic: "troops", Answers: index.KindPledge, Group: "nato"}},
		{"is any deal possible", QuestionIntent{Kind: IntentPassages}},
		{"which European countries", QuestionIntent{Kind: IntentPassages}},
		{"how did Putin react to the reassurance force", QuestionIntent{Kind: IntentQuote, Person: "Vladimir Putin", Topic: "the reassurance force"}},
		{"what did Peskov comment on the coalition", QuestionIntent{Kind: IntentQuote, Person: "Dmitry Peskov", Topic: "the coalition"}},
		{"what did Macron say to reporters", QuestionIntent{Kind: IntentQuote, Person: "Emmanuel Macron"}},
		{"how did Kyiv respond to Putin's demands", QuestionIntent{Kind: IntentPassages}},
		{"how many troops could France send", QuestionIntent{Kind: IntentPassages, Answers: index.KindQuantity}},
		{"who led the Northwood meeting", QuestionIntent{Kind: IntentPassages, Answers: index.KindPerson}},
		{"what did Macron propose", QuestionIntent{Kind: IntentPassages}},
		{"croatia troops", QuestionIntent{Kind: IntentPassages}},
	} {
		if got := Intent(c.q); got != c.want {
			t.Errorf("%q:\n got %+v\nwant %+v", c.q, got, c.want)
		}
	}
}

func TestIntentCuesParse(t *testing.T) {
	if _, err := parseIntentCues(intentsData); err != nil {
		t.Fatal(err)
	}
	if _, err := parseIntentCues("pledge colour: red\n"); err == nil {
		t.Error("an unknown list parsed")
	}
}

// TestAskNarrowsToAGroup: "which NATO members" answers with NATO's
// members alone, and says so.
func TestAskNarrowsToAGroup(t *testing.T) {
	e := bundledEngine(t)
	all, err := e.Ask(context.Background(), in(t, "which countries pledged troops"))
	if err != nil {
		t.Fatal(err)
	}
	nato, err := e.Ask(context.Background(), in(t, "which NATO members pledged troops"))
	if err != nil {
		t.Fatal(err)
	}
	if all.Pledges == nil || nato.Pledges == nil {
		t.Fatalf("not who-pledged answers: %s, %s", all.Kind, nato.Kind)
	}
	if nato.Pledges.Among != "NATO members" || all.Pledges.Among != "" {
		t.Errorf("among %q and %q", nato.Pledges.Among, all.Pledges.Among)
	}
	count := func(p *Pledges) int {
		n := 0
		for _, sec := range p.Sections() {
			for _, a := range sec.Actors {
				if !annotate.InGroup("nato", a.Actor) {
					t.Errorf("%s is no NATO member", a.Actor)
				}
				n++
			}
		}
		return n
	}
	if n := count(nato.Pledges); n == 0 {
		t.Error("no NATO member in the answer")
	}
	// No Baltic state is in the bundled articles: the answer says so and
	// the passages follow.
	baltic, err := e.Ask(context.Background(), in(t, "which Baltic states ruled out troops"))
	if err != nil {
		t.Fatal(err)
	}
	if baltic.Pledges == nil || baltic.Pledges.Stated() || baltic.Pledges.Among != "Baltic states" || len(baltic.Results) == 0 {
		t.Errorf("a group stating nothing: kind %s, pledges %+v, %d passages", baltic.Kind, baltic.Pledges, len(baltic.Results))
	}
}

// TestPledgeSectionsOrder: a question asking who refused leads with the
// refusals; otherwise the pledges come first.
func TestPledgeSectionsOrder(t *testing.T) {
	p := Pledges{Pledged: []Actor{{Actor: "France"}}, Declined: []Actor{{Actor: "Croatia"}}}
	if s := p.Sections(); s[0].Stance != "pledged" || s[1].Stance != "declined" {
		t.Errorf("sections %v, want pledged first", s)
	}
	p.RefusalsFirst = true
	if s := p.Sections(); s[0].Stance != "declined" || s[0].Actors[0].Actor != "Croatia" || s[1].Stance != "pledged" {
		t.Errorf("sections %v, want declined first", s)
	}
}

// TestAskLeadFollowsItsSearch: a who-pledged or quote answer leading an
// ask puts first what the question's own words find best; the stances
// and the quotes are who-pledged's and quote's.
func TestAskLeadFollowsItsSearch(t *testing.T) {
	e := bundledEngine(t)
	ctx := context.Background()
	s, err := e.Ask(ctx, in(t, "which countries would not deploy troops"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Pledges == nil || len(s.Pledges.Declined) < 2 || len(s.Results) == 0 {
		t.Fatalf("want a who-pledged answer with refusals and passages, got kind %q", s.Kind)
	}
	first := s.Pledges.Sections()[0].Actors[0]
	if !slices.ContainsFunc(first.Quotes, func(q Quote) bool { return q.PassageID == s.Results[0].PassageID }) {
		t.Errorf("first actor %s does not hold the first passage %.80q", first.Actor, s.Results[0].Passage)
	}
	p, err := e.WhoPledged(ctx, in(t, "troops"))
	if err != nil {
		t.Fatal(err)
	}
	names := func(as []Actor) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.Actor+"="+a.Stance)
		}
		slices.Sort(out)
		return out
	}
	if !slices.Equal(names(p.Declined), names(s.Pledges.Declined)) || !slices.Equal(names(p.Pledged), names(s.Pledges.Pledged)) {
		t.Errorf("ask and who-pledged disagree: %v %v / %v %v", names(s.Pledges.Declined), names(s.Pledges.Pledged), names(p.Declined), names(p.Pledged))
	}

	s, err = e.Ask(ctx, in(t, "what did Trump tell Fox News about helping Europe"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Quotes == nil || len(s.Quotes.Quotes) < 2 || len(s.Results) == 0 {
		t.Fatalf("want a quote answer with passages, got kind %q", s.Kind)
	}
	if got := s.Quotes.Quotes[0].PassageID; got != s.Results[0].PassageID {
		t.Errorf("first quotation from %.80q, want the first passage's %.80q", s.Quotes.Quotes[0].Passage, s.Results[0].Passage)
	}
}

// TestRankedFirstBySyndicatedText: a quotation a ranked passage repeats
// word for word ranks with it; a short phrase does not.
func TestRankedFirstBySyndicatedText(t *testing.T) {
	long := "We're going to find out about him in the next couple of weeks"
	qs := []Quote{
		{Text: "closer than ever", PassageID: "a"},
		{Text: long, PassageID: "b"},
		{Text: "unrelated words said elsewhere on another day entirely", PassageID: "c"},
	}
	results := []Citation{
		{PassageID: "x", Passage: `Trump said a deal was "closer than ever" and "` + long + `," he said.`},
		{PassageID: "c", Passage: "unrelated words said elsewhere on another day entirely"},
	}
	got := rankedFirst(qs, results)
	if got[0].PassageID != "b" || got[1].PassageID != "c" || got[2].PassageID != "a" {
		t.Errorf("order %s %s %s, want b c a", got[0].PassageID, got[1].PassageID, got[2].PassageID)
	}
}

// FuzzIntent: any question reads as some intent without a panic, and a
// who-pledged reading has a topic and a known group or none.
func FuzzIntent(f *testing.F) {
	for _, s := range []string{"who pledged troops?", "did any NATO member pledge troops", "which of the", "would any",
		"did any European", "how did Putin react to", "which other European countries refused to send troops", "any", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		in := Intent(q)
		if in.Kind == IntentWhoPledged && in.Topic == "" {
			t.Errorf("%q: who-pledged with no topic", q)
		}
		if in.Group != "" && annotate.GroupLabel(in.Group) == "" {
			t.Errorf("%q: unknown group %q", q, in.Group)
		}
	})
}
