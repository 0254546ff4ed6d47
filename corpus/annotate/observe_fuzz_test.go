package annotate

import (
	"strings"
	"testing"
)

// FuzzObserve: any passage, after any passage, gives observations of a
// known topic by a named actor (never the host), with a valid kind and a
// sentence span inside the passage; the condition is words of the text.
func FuzzObserve(f *testing.F) {
	f.Add("Croatia and the Czech Republic both declared they would not deploy troops, while Belgium said it would support the effort via its air force and navy.", "Merz spoke.")
	f.Add("“We will not send troops, but we will meet our obligations in other ways,” the prime minister said.", "Bulgaria's government met.")
	f.Add("Sending a Finnish combat unit into Ukraine is not being considered at this stage, one official said.", "")
	f.Add("Tokyo is not among the 26 and is not considering sending the Self-Defense Forces.", "Japan.")
	f.Add("Romania commits not troops but logistical support, training of Ukrainian soldiers and its bases.", "")
	f.Add("Putin said any foreign forces that appear in Ukraine will be legitimate targets.", "")
	f.Add("It would help regenerate Ukraine's armed forces, secure its skies and support safe shipping in the Black Sea.", "The coalition met.")
	f.Add("\"several thousand\" French soldiers could be deployed to Ukraine once a ceasefire was signed, Macron said", "")
	f.Add("Later, Bulgaria, Italy and Japan said they had no such intention. Austria will not send troops; Belgium will, and neither will Malta.", "Talk of troops.")
	f.Add("Poland. No troops, full stop, but Poland will be the logistics hub. The force, to be called the Multinational Force Ukraine, would be ready to deploy.", "The coalition met.")
	f.Add("Norway is not among the countries that have offered, unlike Italy, to send no troops but not air defence; let the Europeans pay for it.", "")
	f.Add("We are ready, together with Britain and France, as part of the coalition of the willing, to begin operating on Ukrainian soil.", "Theo Francken spoke.")
	f.Add("He announced £1.6 billion of UK export finance. The members also agreed to fund it. Germany, the US and Italy had made this clear.", "")
	names := map[string]bool{}
	for _, d := range Topics().Defs() {
		names[d.Name] = true
	}
	f.Fuzz(func(t *testing.T, passage, prev string) {
		var pt *Text
		if prev != "" {
			pt = NewText(prev)
		}
		for _, o := range Observe(NewText(passage), pt) {
			if o.Actor == "" || ActorKind(o.Actor) == KindHost {
				t.Errorf("observation by %q: %+v", o.Actor, o)
			}
			if !names[o.Topic] {
				t.Errorf("unknown topic %q", o.Topic)
			}
			if o.Kind < Pledged || o.Kind > Opposes {
				t.Errorf("kind %d", o.Kind)
			}
			if o.Start < 0 || o.End > len(passage) || o.Start > o.End {
				t.Errorf("span [%d, %d) outside the passage (%d bytes)", o.Start, o.End, len(passage))
			}
			if o.Condition != "" && !strings.Contains(prev+"\n\n"+passage, o.Condition) {
				t.Errorf("condition %q is not words of the text", o.Condition)
			}
		}
	})
}

// TestObserveContribution: "a contribution" with no named kind is one of
// what the passage before was about.
func TestObserveContribution(t *testing.T) {
	prev := NewText("Latvia. Riga says it will only discuss troops once a peace agreement is clear.")
	got := Observe(NewText("Australia. Canberra has said it would consider a contribution if a settlement is reached."), prev)
	if len(got) != 1 || got[0].Actor != "Australia" || got[0].Topic != "troops" || got[0].Kind != Unclear {
		t.Fatalf("got %+v, want Australia unclear on troops", got)
	}
	if got := Observe(NewText("Australia said it would consider a contribution."), nil); len(got) != 0 {
		t.Errorf("no topic before: %+v", got)
	}
}
