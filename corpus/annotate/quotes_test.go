package annotate

import (
	"reflect"
	"testing"
)

func TestQuotations(t *testing.T) {
	type q struct{ speaker, text string }
	cases := []struct {
		name, prev, in string
		want           []q
	}{
		{"said after", "", `"We will go," Macron said.`, []q{{"Emmanuel Macron", "We will go,"}}},
		{"said name after", "", `“We will go,” said French President Emmanuel Macron.`, []q{{"Emmanuel Macron", "We will go,"}}},
		{"title and unknown name before", "", `European Commission spokesman Paula Pinio said Tuesday: “Soon we need answers.”`,
			[]q{{"Paula Pinio", "Soon we need answers."}}},
		{"unknown name after", "", `“It is over,” Foreign Secretary Anna Lindqvist told reporters.`, []q{{"Anna Lindqvist", "It is over,"}}},
		{"odd closing mark", "Trump said on Monday that the talks went well.", `“We will participate. We will help them, “he told reporters.`,
			[]q{{"Donald Trump", "We will participate. We will help them,"}}},
		{"pronoun in same sentence", "", `Starmer noted that “the hardest yards are still ahead” despite claiming “excellent progress”.`,
			[]q{{"Keir Starmer", "the hardest yards are still ahead"}, {"Keir Starmer", "excellent progress"}}},
		{"according to after", "", `Trump “strongly supports security protocols,” according to Witkoff.`,
			[]q{{"Steve Witkoff", "strongly supports security protocols,"}}},
		{"according to him", "Kushner spoke first.", `According to him, “it was a milestone.”`,
			[]q{{"Jared Kushner", "it was a milestone."}}},
		{"she added", "Meloni arrived late.", `"Italy is ready," she added.`, []q{{"Giorgia Meloni", "Italy is ready,"}}},
		{"name inside quote is not speaker", "Tusk arrived.", `“Macron is right,” he said.`, []q{{"Donald Tusk", "Macron is right,"}}},
		{"continuation", "", `“We are ready,” Merz said. “And we will stay.”`,
			[]q{{"Friedrich Merz", "We are ready,"}, {"Friedrich Merz", "And we will stay."}}},
		{"an organisation is no speaker", "Hegseth told the Ukraine Defense Contact Group that Europe must lead.",
			`"There will not be US troops deployed to Ukraine," he said.`, []q{{"Pete Hegseth", "There will not be US troops deployed to Ukraine,"}}},
		{"continuation past an aside", "", `“They are ready,” Trump told Fox News, referring to European allies. “We will help them.”`,
			[]q{{"Donald Trump", "They are ready,"}, {"Donald Trump", "We will help them."}}},
		{"no short continuation to someone unnamed", "", `“We will not send troops,” Tusk said. His German counterpart said: “We will.”`,
			[]q{{"Donald Tusk", "We will not send troops,"}, {"", "We will."}}},
		{"no continuation to someone unnamed", "", `“We will not send troops,” Tusk said. His German counterpart, speaking later in Berlin, took a different line: “We will send troops.”`,
			[]q{{"Donald Tusk", "We will not send troops,"}, {"", "We will send troops."}}},
		{"no continuation past an aside naming another", "", `“We will not send troops,” Tusk said, after talks with Macron in Warsaw. “That is final.”`,
			[]q{{"Donald Tusk", "We will not send troops,"}, {"", "That is final."}}},
		{"adding", "Zelenski spoke.", `“The pace must be accelerated,” he said, adding: “Guarantees must be specified.”`,
			[]q{{"Volodymyr Zelensky", "The pace must be accelerated,"}, {"Volodymyr Zelensky", "Guarantees must be specified."}}},
		{"scare quotes", "", `Trump has committed in principle to providing “security guarantees” to Ukraine.`,
			[]q{{"", "security guarantees"}}},
		{"outlet is no speaker", "", `“Peace is near,” Bloomberg reports.`, []q{{"", "Peace is near,"}}},
		{"unclosed", "", `Zelensky wrote: “The coalition is ready`, []q{{"Volodymyr Zelensky", "The coalition is ready"}}},
		{"office for a person named before", "Keir Starmer has promised MPs a vote, with Emmanuel Macron and Volodymyr Zelensky.",
			`"I will keep the House updated," the Prime Minister told the Commons.`, []q{{"Keir Starmer", "I will keep the House updated,"}}},
		{"office with its country", "Macron and Merz met in Paris.", `"We are ready," said the German chancellor.`,
			[]q{{"Friedrich Merz", "We are ready,"}}},
		{"office before the quotation", "Donald Tusk met Macron in Warsaw.", `The Polish prime minister said: “We will not send troops.”`,
			[]q{{"Donald Tusk", "We will not send troops."}}},
		{"office of no one named", "Olaf Scholz spoke in Berlin.", `"We are ready," the chancellor said.`,
			[]q{{"", "We are ready,"}}},
		{"no-break space inside the marks", "", "\u201c\u00a0We will go,\u201d Macron said.", []q{{"Emmanuel Macron", "We will go,"}}},
		{"an aside between name and verb", "", `“Ukraine deserves peace,” Mark Rutte, NATO's secretary general, told reporters.`,
			[]q{{"Mark Rutte", "Ukraine deserves peace,"}}},
		{"said in the sentence before", "Maria Zakharova spoke on Thursday.",
			`Any deployment was unacceptable, she said. “We will regard these forces as targets.”`,
			[]q{{"Maria Zakharova", "We will regard these forces as targets."}}},
		{"named in the sentence before", "", `Peace was far off, Anna Lindqvist told reporters. “We need time.”`,
			[]q{{"Anna Lindqvist", "We need time."}}},
		{"its own attribution, unread", "", `Peace was far off, Anna Lindqvist told reporters. “We need time,” an aide replied.`,
			[]q{{"", "We need time,"}}},
		{"a surname after the full name", "", `Deputy Foreign Minister Sergei Ryabkov spoke to ABC. “We will not accept it,” Ryabkov said.`,
			[]q{{"Sergei Ryabkov", "We will not accept it,"}}},
		{"a surname two people share", "", `Anna Lindqvist met Erik Lindqvist. “We agree,” Lindqvist said.`,
			[]q{{"", "We agree,"}}},
		{"an aside between the name and the verb before", "", `Macron, speaking in Paris on Tuesday, said: “We are ready.”`,
			[]q{{"Emmanuel Macron", "We are ready."}}},
		{"a country's leader named before", "Giorgia Meloni spoke in Rome.", `“Italy will not send soldiers,” the Italian leader said.`,
			[]q{{"Giorgia Meloni", "Italy will not send soldiers,"}}},
		{"a leader of another country", "Giorgia Meloni spoke in Rome.", `“We are ready,” the French leader said.`,
			[]q{{"", "We are ready,"}}},
		{"no quotes", "", `Nothing quoted here.`, nil},
		{"empty quotes", "", `He said "" twice.`, nil},
	}
	for _, c := range cases {
		got := Quotations(c.in, c.prev)
		if len(got) != len(c.want) {
			t.Errorf("%s: got %d quotations %+v, want %d", c.name, len(got), got, len(c.want))
			continue
		}
		for i, w := range c.want {
			g := got[i]
			if g.Speaker != w.speaker || g.Text != w.text {
				t.Errorf("%s #%d: got (%q, %q), want (%q, %q)", c.name, i, g.Speaker, g.Text, w.speaker, w.text)
			}
			if c.in[g.Start:g.End] != g.Text {
				t.Errorf("%s #%d: range [%d,%d) is %q, not the text", c.name, i, g.Start, g.End, c.in[g.Start:g.End])
			}
		}
	}
}

func FuzzQuotations(f *testing.F) {
	f.Add(`“We will help them, “he told reporters.`, "Trump said.")
	f.Add(`"a" "b" "c`, "")
	f.Add("U.S.-led \u201cx\u201d Zelenskyy\u2019s", "")
	f.Fuzz(func(t *testing.T, s, prev string) {
		for _, q := range Quotations(s, prev) {
			if q.Start < 0 || q.End > len(s) || q.Start > q.End || s[q.Start:q.End] != q.Text {
				t.Fatalf("bad range %+v in %q", q, s)
			}
		}
		Actors(s)
		checkText(t, s, prev)
	})
}

// checkText fails when a Text, tokenised once, answers otherwise than
// Actors and Quotations on the strings.
func checkText(t *testing.T, s, prev string) {
	t.Helper()
	ts, tp := NewText(s), NewText(prev)
	if got, want := ts.Actors(), Actors(s); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: Text.Actors %q, Actors %q", s, got, want)
	}
	if got, want := ts.Quotations(tp), Quotations(s, prev); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q after %q: Text.Quotations %+v, Quotations %+v", s, prev, got, want)
	}
	if got, want := ts.Quotations(nil), Quotations(s, ""); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: Text.Quotations(nil) %+v, Quotations %+v", s, got, want)
	}
}

func TestTextMatchesStrings(t *testing.T) {
	for _, c := range [][2]string{
		{`“We will help them,” he told reporters.`, "Donald Trump met Volodymyr Zelensky in the U.S."},
		{`"Our forces are ready," she said.`, "Prime Minister Keir Starmer of the U.K."},
		{`States will send troops, "soon."`, "The United"},
		{`“a” “b” “c`, ""},
		{"plain text, no marks", "Macron said"},
	} {
		checkText(t, c[0], c[1])
	}
}

func TestHasQuoteMark(t *testing.T) {
	for _, s := range []string{"", "plain text", "café – naïve", "\xc2", "\xe2\x80", "a\u2019s"} {
		if hasQuoteMark(s) {
			t.Errorf("%q has no quotation mark", s)
		}
	}
	for _, r := range quoteMarks {
		if s := "said " + string(r) + "yes"; !hasQuoteMark(s) {
			t.Errorf("%q has a quotation mark", s)
		}
	}
}
