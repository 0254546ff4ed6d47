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
			Answers: index.KindRefusal}},
		{"which countries said they won't send soldiers", QuestionIntent{Kind: IntentWhoPledged, Topic: "soldiers",
			Answers: index.KindRefusal}},
		{"who is ready to provide air defence", QuestionIntent{Kind: IntentWhoPledged, Topic: "air defence",
			Answers: index.KindPerson | index.KindDefinition | index.KindPledge}},
		{"what did Zelensky say about security guarantees", QuestionIntent{Kind: IntentQuote, Person: "Volodymyr Zelensky",
			Topic: "security guarantees"}},
		{"what did zelensky say", QuestionIntent{Kind: IntentQuote, Person: "Volodymyr Zelensky"}},
		{"quote Macron on troops", QuestionIntent{Kind: IntentQuote, Person: "Emmanuel Macron", Topic: "troops"}},
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
