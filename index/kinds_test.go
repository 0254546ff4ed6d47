package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"talkbot/corpus"
)

type testArticle struct {
	id, title  string
	paragraphs []string
}

// openMem indexes articles (annotated as corpus.Passages does) in memory.
func openMem(t *testing.T, arts []testArticle) *Index {
	t.Helper()
	var as []corpus.Article
	var ps []corpus.Passage
	for i, ta := range arts {
		a := corpus.Article{ID: ta.id, Title: ta.title, Publisher: "Test", URL: "http://t/" + ta.id}
		for k, p := range ta.paragraphs {
			a.Paragraphs = append(a.Paragraphs, corpus.Paragraph{Text: p, Line: i*100 + k + 1})
		}
		as = append(as, a)
		ps = append(ps, corpus.Passages(a)...)
	}
	ix, err := Open(context.Background(), as, ps, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestQuestionKinds(t *testing.T) {
	for _, c := range []struct {
		q    string
		want Kinds
	}{
		{"how many troops could France send", KindQuantity},
		{"How much has the US spent?", KindQuantity},
		{"how long did the Anchorage talks last", KindDuration | KindQuantity},
		{"when did Trump and Putin meet in Alaska", KindDate},
		{"On what day did the leaders meet", KindDate},
		{"where was the London summit held", KindPlace},
		{"In which city did they meet", KindPlace},
		{"who led the Northwood meeting", KindPerson},
		{"what is Article 5", KindDefinition},
		{"what does MCM mean", KindDefinition},
		{"what does Stockholm want", 0},
		{"did Poland refuse to send soldiers", KindRefusal},
		{"which countries said they won't send soldiers", KindRefusal},
		{"did Merz rule out German troops", KindRefusal},
		{"is Lithuania ready to send troops", KindPledge},
		{"croatia troops", 0},
		// a cue word inside a name asks for nothing
		{"how many nations belong to the coalition of the willing", KindQuantity},
		{"what is the Coalition of the Willing supposed to do", KindDefinition},
		{"which members of the coalition of the willing are willing to send troops", KindPledge},
		{"", 0},
	} {
		if got := QuestionKinds(c.q); got != c.want {
			t.Errorf("%q: %s, want %s", c.q, got, c.want)
		}
	}
}

func TestQuestionContentDropsFrameWords(t *testing.T) {
	ix := openSmallMem(t)
	for q, want := range map[string]string{
		"who will lead the monitoring":         "lead,monitor",
		"what did Starmer say about the truce": "starmer,truce",
		"how long did the talks last":          "talk,last",
		"which leaders signed":                 "leader,sign",
		"will":                                 "will",
	} {
		cs, _ := ix.concepts(q)
		var got []string
		for _, c := range cs {
			got = append(got, c.terms...)
		}
		if strings.Join(got, ",") != want {
			t.Errorf("%q: concepts %v, want %s", q, got, want)
		}
	}
}

// kindsOf lists "word:kind" for each kind token of s.
func kindsOf(t *testing.T, ix *Index, s string) []string {
	t.Helper()
	var out []string
	for _, tk := range ix.onePass.analyse(s).kind {
		out = append(out, s[tk.Start:tk.End]+":"+string(tk.Term))
	}
	return out
}

func TestKindTokens(t *testing.T) {
	ix := openSmallMem(t)
	for _, c := range []struct {
		text      string
		want, not []string
	}{
		{"The meeting was led by Lieutenant General Nick Perry, Britain's chief of joint operations.",
			[]string{"Nick:person", "Perry:person", "was:definition"}, []string{"The:person", "joint:pledge"}},
		{"He hosted 18 leaders at Lancaster House in London on Sunday.",
			[]string{"18:quantity", "Lancaster:place", "House:place", "London:place", "Sunday:date"}, nil},
		{"The two leaders talked for nearly three hours, less than the six hours expected.",
			[]string{"two:quantity", "three:quantity", "hours:duration"}, nil},
		{"Poland ruled out troops in May 2025. We won't send them, it may be said.",
			[]string{"ruled:refusal", "out:refusal", "May:date", "2025:date", "won't:refusal", "send:pledge"},
			[]string{"2025:quantity", "may:date"}},
		{"Moscow occupies roughly a fifth of Ukrainian territory, $200 billion later.",
			[]string{"fifth:quantity", "200:quantity", "billion:quantity"}, nil},
		{"In a call from Air Force One he spoke. Two aides listened.",
			[]string{"Two:quantity"}, []string{"One:quantity"}},
		// a figure after a capitalised word is a label, not an amount,
		// unless the word is a date's
		{"Guarantees like NATO's Article 5 were offered to 30 countries. 12 of them agreed.",
			[]string{"30:quantity", "12:quantity"}, []string{"5:quantity"}},
		{"They met on January 5.", []string{"January:date", "5:quantity"}, nil},
		{"They met on May 5: the UK 5,000 and France 2,000.", []string{"May:date", "5:quantity", "5,000:quantity", "2,000:quantity"}, nil},
		{"Under Resolution 2231, 30 countries would help. At this point 26 agreed.", []string{"30:quantity", "26:quantity"}, []string{"2231:quantity"}},
		// a name holding a place word is a place, one holding an
		// organisation's word no person, and a title starts a name
		{"Planners met at the Permanent Joint Headquarters and then in the Oval Office.",
			[]string{"Headquarters:place", "Permanent:place", "Oval:place", "Office:place"},
			[]string{"Permanent:person", "Joint:person", "Oval:person"}},
		{"The United States and the European Union agreed, said NATO Secretary General Mark Rutte.",
			[]string{"Secretary:person", "Mark:person", "Rutte:person"},
			[]string{"United:person", "States:person", "European:person", "Union:person", "NATO:person"}},
	} {
		got := kindsOf(t, ix, c.text)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: no %s in %v", c.text, w, got)
			}
		}
		for _, w := range c.not {
			if slices.Contains(got, w) {
				t.Errorf("%q: %s in %v", c.text, w, got)
			}
		}
	}
}

// The lexicon is data: every name in kinds.txt must be one the code reads.
func TestKindLexiconParses(t *testing.T) {
	if _, err := parseKindLexicon(kindsData); err != nil {
		t.Fatal(err)
	}
	if _, err := parseKindLexicon("ask colour: how red\n"); err == nil || !strings.Contains(err.Error(), "unknown kind") {
		t.Errorf("an unknown kind: %v", err)
	}
	if _, err := parseKindLexicon("colour: red\n"); err == nil || !strings.Contains(err.Error(), "unknown list") {
		t.Errorf("an unknown list: %v", err)
	}
}

// A passage holding the kind asked for, beside the question's words,
// ranks above one that only repeats them.
func TestAnswerKindRanksFirst(t *testing.T) {
	ix := openMem(t, []testArticle{{"k1", "Talks", []string{
		"The talks in Anchorage were long talks, the talks of the year, and everyone talked about the talks.",
		"The two leaders talked for nearly three hours in Anchorage.",
	}}})
	res, err := ix.Search(context.Background(), Query{Text: "how long did the Anchorage talks last", Limit: 2})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("%v, %d hits", err, len(res.Hits))
	}
	if !strings.Contains(res.Hits[0].Passage.Text, "three hours") {
		t.Errorf("first: %q", res.Hits[0].Passage.Text)
	}
}

// A question on how many is not answered by a passage without a number,
// however well it matches the question's words.
func TestNoQuantityNoAnswer(t *testing.T) {
	ix := openMem(t, []testArticle{{"q1", "Paris", []string{
		"Russia has not commented on the Paris meeting of leaders.",
		"Leaders came to the Paris meeting: 27 of them.",
	}}})
	res, err := ix.Search(context.Background(), Query{Text: "how many leaders showed up at the Paris meeting", Limit: 2})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("%v, %d hits", err, len(res.Hits))
	}
	if !strings.Contains(res.Hits[0].Passage.Text, "27 of them") {
		t.Errorf("first: %q", res.Hits[0].Passage.Text)
	}
}

// One capitalised word alone is as often a place or a country as a
// person: it is a name only after a title.
func TestPersonNeedsTwoWordsOrTitle(t *testing.T) {
	ix := openSmallMem(t)
	got := kindsOf(t, ix, "They met in Paris with General Perry and Keir Starmer.")
	for _, w := range []string{"Perry:person", "Keir:person", "Starmer:person", "Paris:place"} {
		if !slices.Contains(got, w) {
			t.Errorf("no %s in %v", w, got)
		}
	}
	if slices.Contains(got, "Paris:person") {
		t.Errorf("Paris tagged a person: %v", got)
	}
}

// A name of which the question names a part is the question's own, not
// its answer: "Volodymyr" beside "Zelensky" does not say who went with
// him.
func TestOwnNameIsNoAnswer(t *testing.T) {
	ix := openMem(t, []testArticle{
		{"o1", "Visit", []string{"President Volodymyr Zelensky went to Washington on a cold Monday in the autumn."}},
		{"o2", "Visit", []string{"Zelensky went to Washington, and Emmanuel Macron and Keir Starmer went with him on Monday."}},
	})
	res, err := ix.Search(context.Background(), Query{Text: "which leaders went to Washington with Zelensky", Limit: 2})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("%v, %d hits", err, len(res.Hits))
	}
	if !strings.Contains(res.Hits[0].Passage.Text, "Macron") {
		t.Errorf("first: %q", res.Hits[0].Passage.Text)
	}
}

// A question asking who is not answered by a passage that names no one,
// however well it matches the question's words.
func TestNoPersonNoAnswer(t *testing.T) {
	ix := openMem(t, []testArticle{{"p1", "Planners", []string{
		"At Northwood the military planners said the meeting was led with a sense of urgency.",
		"Military planners came to the Northwood meeting. It was led from a long table where, among others who stayed until late that night, sat Nick Perry.",
	}}})
	res, err := ix.Search(context.Background(), Query{Text: "who led the Northwood meeting of military planners", Limit: 2})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("%v, %d hits", err, len(res.Hits))
	}
	if !strings.Contains(res.Hits[0].Passage.Text, "Nick Perry") {
		t.Errorf("first: %q", res.Hits[0].Passage.Text)
	}
}

// For a question asking how many, the number that counts what it names
// ("several thousand troops") beats one that counts something else
// ("$200 billion") in a passage that matches the question better.
func TestNumberOfWhatIsAsked(t *testing.T) {
	ix := openMem(t, []testArticle{
		{"b1", "T1", []string{"French leaders offered soldiers to Ukraine, after the US had spent well over $200 billion there."}},
		{"b2", "T2", []string{"Paris could contribute several thousand soldiers to Ukraine, Macron said."}},
		{"b3", "T3", []string{"The weather in Kyiv was cold.", "Officials met in Brussels on Monday."}},
		{"b4", "T4", []string{"Russia launched drones overnight.", "The sent letter was lost."}},
	})
	res, err := ix.Search(context.Background(), Query{Text: "how many French soldiers would be sent to Ukraine", Limit: 2})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("%v, %d hits", err, len(res.Hits))
	}
	if !strings.Contains(res.Hits[0].Passage.Text, "several thousand") {
		t.Errorf("first: %q", res.Hits[0].Passage.Text)
	}
}

// For a question asking who, the name beside what the question names
// ("Nick Perry who led the meeting") beats one further off in a passage
// that matches the question better.
func TestNameOfWhatIsAsked(t *testing.T) {
	ix := openMem(t, []testArticle{
		{"n1", "T1", []string{"The Northwood meeting of military planners was led with urgency, the planners said later, and then Nick Perry spoke."}},
		{"n2", "T2", []string{"In the end it was Nick Perry who led the long meeting, while the military planners from Northwood and from other bases listened to him for hours."}},
		{"n3", "T3", []string{"The weather in Kyiv was cold.", "Officials met in Brussels on Monday."}},
		{"n4", "T4", []string{"Russia launched drones overnight.", "The meeting was lost."}},
	})
	res, err := ix.Search(context.Background(), Query{Text: "who led the Northwood meeting of military planners", Limit: 2})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("%v, %d hits", err, len(res.Hits))
	}
	if !strings.Contains(res.Hits[0].Passage.Text, "In the end") {
		t.Errorf("first: %q", res.Hits[0].Passage.Text)
	}
}
