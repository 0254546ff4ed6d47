package answer

import (
	"testing"

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
