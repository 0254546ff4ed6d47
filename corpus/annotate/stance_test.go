package annotate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var troops = []string{"troops", "soldiers", "forces", "peacekeepers"}

func render(ss []Stance) string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Actor+"="+s.Kind.String())
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

func TestStances(t *testing.T) {
	cases := []struct {
		context, sentence string
		topic             []string
		want              string
	}{
		// coordinated subjects
		{"", "In response to France and the United Kingdom promising to send forces to Ukraine in the event of a ceasefire, the United States has supported security guarantees.", troops,
			"France=pledged, United Kingdom=pledged"},
		{"", "French President Emmanuel Macron and UK Prime Minister Keir Starmer offered to send peacekeeping troops to Ukraine.", troops,
			"France=pledged, United Kingdom=pledged"},
		// negation scope and contrast
		{"", "Croatia and the Czech Republic both declared they would not deploy troops, while Belgium said it would support the effort via its air force and navy.", troops,
			"Croatia=declined, Czech Republic=declined"},
		{"", "Croatia and the Czech Republic both declared they would not deploy troops, while Belgium said it would support the effort via its air force and navy.", []string{"air force"},
			"Belgium=pledged"},
		{"", "Trump has not committed to sending US troops and previously ruled out NATO membership for Ukraine.", troops,
			"United States=declined"},
		{"", "The US is still opposed to developing their own troops in Ukraine, officials added.", troops, "United States=declined"},
		{"", "Spain refused to send soldiers, but Portugal offered two battalions of troops.", troops, "Portugal=pledged, Spain=declined"},
		{"", "Poland ruled out sending troops to Ukraine.", troops, "Poland=declined"},
		{"", "Norway did not rule out sending troops.", troops, "Norway=unclear"},
		// hedges and conditions
		{"", "Britain is considering withdrawing plans to send thousands of troops to Ukraine.", troops, "United Kingdom=unclear"},
		{"", "The UK may abandon plans to send thousands of ground troops to Ukraine.", troops, "United Kingdom=unclear"},
		{"", "If Washington agrees, Denmark could send troops.", troops, "Denmark=unclear"},
		{"", "According to Macron, Paris could contribute “several thousand” troops.", troops, "France=unclear"},
		// capitals and leaders as governments
		{"", "London and Berlin will deploy peacekeepers.", troops, "Germany=pledged, United Kingdom=pledged"},
		{"", "Meloni pledged soldiers for the mission.", troops, "Italy=pledged"},
		{"", "The United States, in informal discussions, has announced its willingness to provide logistics.", []string{"logistics"},
			"United States=pledged"},
		// support: the topic must be the means
		{"", "US representatives have also indicated openness to support European soldiers with intelligence and logistical help.", []string{"logistics"},
			"United States=unclear"},
		{"", "US representatives have also indicated openness to support European soldiers with intelligence and logistical help.", troops, ""},
		// reported speech and pronouns
		{"", "Starmer claimed that the UK and France “will establish military hubs across Ukraine.”", []string{"military hubs"},
			"France=pledged, United Kingdom=pledged"},
		{"Merz spoke to reporters.", "“We will send troops,” he said.", troops, "Germany=pledged"},
		{"Sweden met its allies.", "It will provide air defence systems.", []string{"air defence"}, "Sweden=pledged"},
		{"", "Tusk said Poland would not send soldiers.", troops, "Poland=declined"},
		// passive with the actor as modifier; stationed outside Ukraine is
		// no pledge of troops for Ukraine
		{"", "German forces would be stationed in a neighboring nation.", troops, "Germany=unclear"},
		{"", "Italian troops would not be deployed on the ground.", troops, "Italy=declined"},
		// no actor, no topic
		{"", "Any troops could only be done with the support of the US.", troops, ""},
		{"", "France pledged money.", troops, ""},
		{"", "", troops, ""},
		{"", "Let us send troops.", troops, ""},
	}
	for _, c := range cases {
		got := render(Stances(c.sentence, c.context, c.topic))
		if got != c.want {
			t.Errorf("Stances(%q, %v)\n got  %q\n want %q", c.sentence, c.topic, got, c.want)
		}
	}
}

func FuzzStances(f *testing.F) {
	f.Add("Croatia and the Czech Republic both declared they would not deploy troops.", "Merz spoke.", "troops")
	f.Add("“We will send troops,” he said.", "Tusk arrived.", "troops")
	f.Add("If , , be be stationed", "", "air force")
	f.Fuzz(func(t *testing.T, sentence, context, topic string) {
		for _, s := range Stances(sentence, context, []string{topic}) {
			if s.Actor == "" || s.Kind < Pledged || s.Kind > Unclear {
				t.Fatalf("bad stance %+v", s)
			}
		}
	})
}

// cueAtLists is cueAt read straight off the lists, as documented: the
// kinds in order, in each phrases (longest first), then words, then
// prefixes.
func cueAtLists(toks []token, i int) (cueKind, int) {
	c := cues()
	for _, k := range []struct {
		kind cueKind
		l    *phraseList
	}{{cueOppose, &c.oppose}, {cueDecline, &c.decline}, {cueConsider, &c.consider}, {cueModal, &c.modal},
		{cueSupport, &c.support}, {cuePledge, &c.pledge}} {
		if n := k.l.at(toks, i); n > 0 {
			return k.kind, n
		}
	}
	return 0, 0
}

// TestCueIndexMatchesLists: the indexed cueAt finds what the lists say on
// every token of the bundled articles and of every cue entry.
func TestCueIndexMatchesLists(t *testing.T) {
	files, _ := filepath.Glob("../articles/*.md")
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	var f map[string]json.RawMessage
	if err := json.Unmarshal(cuesJSON, &f); err != nil {
		t.Fatal(err)
	}
	for _, v := range f {
		var ss []string
		if json.Unmarshal(v, &ss) == nil {
			texts = append(texts, strings.ReplaceAll(strings.Join(ss, " . "), "*", "ing"))
		}
	}
	n := 0
	for _, s := range texts {
		toks := tokenize(s)
		for i := range toks {
			k1, n1 := cueAt(toks, i)
			k2, n2 := cueAtLists(toks, i)
			if k1 != k2 || n1 != n2 {
				t.Errorf("at %q: indexed (%d, %d), lists (%d, %d)", toks[i].Lower, k1, n1, k2, n2)
			}
			if k1 != 0 {
				n++
			}
		}
	}
	if n == 0 {
		t.Error("no cue found at all")
	}
}
