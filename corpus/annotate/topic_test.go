package annotate

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"talkbot/corpus/text"
)

var quickTopics = [][]string{{"troops", "soldiers", "forces", "peacekeepers", "boots on the ground"},
	{"logistics"}, {"military hubs"}, {"air defence", "air defense", "anti-aircraft"},
	{"monitoring", "monitor", "supervision"}, {"troopps"}, {"security guarantees"}, {"air force"}}

// TestTopicInIsExact reads every sentence of the bundled articles with the
// text before it: skipping a sentence because In says the topic is absent
// never changes what Stances finds.
func TestTopicInIsExact(t *testing.T) {
	files, _ := filepath.Glob("../articles/*.md")
	if len(files) == 0 {
		t.Fatal("no bundled articles found")
	}
	found := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		body := string(b)
		for _, terms := range quickTopics {
			tp := NewTopic(terms)
			for _, sp := range text.Sentences(body) {
				s := body[sp.Start:sp.End]
				ctx := body[max(0, sp.Start-1500):sp.Start]
				got := Stances(s, ctx, terms)
				var want []Stance
				if !strings.HasSuffix(strings.TrimSpace(s), "?") {
					want = tp.scan(s, ctx)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %q in %q: got %v, want %v", f, terms, s, got, want)
				}
				found += len(got)
			}
		}
	}
	if found == 0 {
		t.Error("no stance found at all: the test reads nothing")
	}
}

// FuzzTopicIn: when In says a sentence lacks the topic, the full reading
// finds no stance in it either.
func FuzzTopicIn(f *testing.F) {
	f.Add("France will send troops to Ukraine.", "troops", "Macron spoke.")
	f.Add("Britain offered air-defence help", "air defence", "")
	f.Add("They ruled out the logistical hubs", "logistics hubs", "Germany said")
	f.Fuzz(func(t *testing.T, sentence, term, ctx string) {
		tp := NewTopic([]string{term})
		if !tp.In(WordsOf(sentence)) {
			if st := tp.scan(sentence, ctx); len(st) > 0 {
				t.Errorf("In missed %q in %q: %v", term, sentence, st)
			}
		}
	})
}
