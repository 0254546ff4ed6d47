package answer

import (
	"context"
	"testing"
)

// stanceOf is an actor's current stance in an answer ("" when absent).
func stanceOf(p Pledges, actor string) string {
	for _, list := range [][]Actor{p.Pledged, p.Declined, p.Unclear, p.Contested, p.Opposes, p.Groups} {
		for _, a := range list {
			if a.Actor == actor {
				return a.Stance
			}
		}
	}
	return ""
}

// TestTopicsBeyondTroops asks the realistic corpus about each known
// topic by a name a reader might type, and checks stances the articles
// state plainly: "Belgium ... will focus on air and naval forces, plus
// training", "Sweden was ready to contribute air capabilities", "the
// United States agreed ... to lead the monitoring of any truce", "Italy
// could help with monitoring from outside Ukraine", "Poland will be the
// logistics hub", "Romania commits not troops but logistical support",
// "to help train and equip a Ukrainian brigade" (Norway), "We will not
// give away our money, we will not give away our weapons" (Hungary),
// "minesweepers for the Black Sea" (Bulgaria).
func TestTopicsBeyondTroops(t *testing.T) {
	e := engineOver(t, "../testdata/realnews/articles")
	ctx := context.Background()
	for _, c := range []struct {
		typed, label string
		want         map[string]string
	}{
		{"air policing", "air defence and air policing", map[string]string{"Belgium": "pledged", "Sweden": "pledged"}},
		{"air defense", "air defence and air policing", map[string]string{"Belgium": "pledged"}},
		{"ceasefire monitoring", "ceasefire monitoring", map[string]string{"United States": "pledged", "Italy": "unclear"}},
		{"intelligence", "intelligence", map[string]string{"United States": "pledged"}},
		{"logistics", "logistics", map[string]string{"Poland": "pledged", "Romania": "pledged"}},
		{"training", "training", map[string]string{"Norway": "pledged", "Belgium": "pledged"}},
		{"money and weapons", "money and weapons", map[string]string{"Hungary": "declined", "France": "pledged"}},
		{"weapons", "money and weapons", map[string]string{"Hungary": "declined"}},
		{"Black Sea", "naval and Black Sea", map[string]string{"Bulgaria": "pledged", "Belgium": "pledged"}},
		{"naval", "naval and Black Sea", map[string]string{"Bulgaria": "pledged"}},
		// typed topics that are none of the names: through topics.json's
		// terms, the index's synonyms ("supervision" is monitoring there),
		// a misspelling
		{"minesweepers", "naval and Black Sea", map[string]string{"Bulgaria": "pledged"}},
		{"supervision", "ceasefire monitoring", map[string]string{"United States": "pledged"}},
		{"logistcs", "logistics", map[string]string{"Poland": "pledged"}},
		{"boots on the ground", "troops", map[string]string{"Poland": "declined", "Russia": "opposes"}},
	} {
		p, err := e.WhoPledged(ctx, in(t, c.typed))
		if err != nil {
			t.Fatal(err)
		}
		if p.Unknown || p.Label != c.label {
			t.Errorf("%q: label %q (unknown %v, nearest %q), want %q", c.typed, p.Label, p.Unknown, p.Nearest, c.label)
			continue
		}
		for actor, want := range c.want {
			if got := stanceOf(p, actor); got != want {
				t.Errorf("%q: %s is %q, want %q", c.typed, actor, got, want)
			}
		}
		// air, money, training are their own topics: nobody's troops
		// show up there, and Ukraine pledges nothing to itself.
		if stanceOf(p, "Ukraine") != "" {
			t.Errorf("%q: Ukraine listed", c.typed)
		}
	}
}

// TestUnknownTopic: a topic who-pledged does not know is said to be
// unknown, with the nearest known ones, never answered from noise.
func TestUnknownTopic(t *testing.T) {
	e := bundledEngine(t)
	// a phrase holding "on" or "the" is no misspelling of "boots on the ground"
	for _, typed := range []string{"sanctions", "zzz unknown words", "elections", "sign the eu summit text on ukraine in march"} {
		p, err := e.WhoPledged(context.Background(), in(t, typed))
		if err != nil {
			t.Fatal(err)
		}
		if !p.Unknown || len(p.Nearest) == 0 || len(p.Pledged)+len(p.Declined)+len(p.Unclear)+len(p.Groups) != 0 {
			t.Errorf("%q: unknown %v, nearest %q, %d pledged", typed, p.Unknown, p.Nearest, len(p.Pledged))
		}
	}
	for typed, want := range map[string]string{"troopps": "troops", "boots on the grond": "troops", "air defens": "air", "navall": "naval"} {
		if m := e.ResolveTopic(typed); m.Name != want {
			t.Errorf("%s resolved to %q, want %q", typed, m.Name, want)
		}
	}
}

// TestAskAndWhoPledgedAgree: the ledger an engine exposes is the one
// who-pledged answers from, so ask can lead with the same actors.
func TestAskAndWhoPledgedAgree(t *testing.T) {
	e := bundledEngine(t)
	l, m := e.Ledger("who pledged troops?")
	if l == nil || m.Name != "troops" {
		t.Fatalf("ledger of a question: %v %+v", l, m)
	}
	p, err := e.WhoPledged(context.Background(), in(t, "troops"))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range l.Actors {
		if got := stanceOf(p, a.Actor); a.Contested && got != "contested" || !a.Contested && got != a.Current.String() {
			t.Errorf("%s: ledger %s (contested %v), who-pledged %q", a.Actor, a.Current, a.Contested, got)
		}
	}
}

// FuzzResolveTopic: whatever a reader types resolves to a known topic or
// to none with the nearest known ones.
func FuzzResolveTopic(f *testing.F) {
	for _, s := range []string{"troops", "air defense", "troopps", "sanctions", "", "🛩️ jets", "monitoring a ceasefire"} {
		f.Add(s)
	}
	e := sharedEngine()
	f.Fuzz(func(t *testing.T, typed string) {
		m := e.ResolveTopic(typed)
		if m.Name == "" && len(m.Nearest) == 0 {
			t.Errorf("%q: neither a topic nor the nearest ones", typed)
		}
		if m.Name != "" && m.Label == "" {
			t.Errorf("%q: topic %q without a label", typed, m.Name)
		}
	})
}
