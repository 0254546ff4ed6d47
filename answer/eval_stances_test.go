package answer

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"testing"

	"talkbot/corpus"
	"talkbot/corpus/text"
)

// The stance gold: observations {file, actor, topic, stance, condition,
// key} written from the article text before the engine was changed.
var stanceSets = []struct {
	name      string
	corpusDir string // "": the bundled articles
	files     []string
}{
	{"realnews", "../testdata/realnews/articles",
		[]string{"../testdata/realnews/stances-a.json", "../testdata/realnews/stances-b.json"}},
	// a holdout: the twelve articles of part c alone, written on 2026-12-02
	{"realnews_c", "../testdata/realnews/articles-c", []string{"../testdata/realnews/stances-c.json"}},
	// development stances of the fourteen articles of part d alone
	{"realnews_d", "../testdata/realnews/articles-d", []string{"../testdata/realnews/stances-d.json"}},
	{"bundled", "", []string{"../testdata/eval/bundled_fresh_stances.json"}},
}

type goldStance struct {
	File      string `json:"file"`
	Actor     string `json:"actor"`
	Topic     string `json:"topic"`
	Stance    string `json:"stance"`
	Condition string `json:"condition"`
	Key       string `json:"key"`
}

func loadStanceGold(t *testing.T, files []string) []goldStance {
	t.Helper()
	var out []goldStance
	for _, f := range files {
		out = append(out, loadJSON[struct {
			Observations []goldStance `json:"observations"`
		}](t, f).Observations...)
	}
	return out
}

// evalUnit is what the engine says one article shows of an actor on a
// topic: the stance and the passages quoted for it.
type evalUnit struct {
	article, actor, stance string
	quotes                 []string
}

// evalAnswer is the engine's answer on one topic, as the eval reads it:
// every observation it keeps and each actor's current stance
// ("contested" when its recent sources disagree).
type evalAnswer struct {
	units   []evalUnit
	current map[string]string
}

// stanceAnswer reads the engine's ledger of a gold topic.
func stanceAnswer(t *testing.T, e *Engine, topic string) evalAnswer {
	t.Helper()
	l, m := e.Ledger(topic)
	if l == nil {
		t.Fatalf("topic %q unknown (nearest %q)", topic, m.Nearest)
	}
	ans := evalAnswer{current: map[string]string{}}
	for _, a := range l.Actors {
		cur := a.Current.String()
		if a.Contested {
			cur = "contested"
		}
		ans.current[a.Actor] = cur
		for _, o := range a.Observations {
			ans.units = append(ans.units, evalUnit{article: o.Article.ID, actor: a.Actor, stance: o.Kind.String(), quotes: []string{o.Passage.Text}})
		}
	}
	return ans
}

// prf counts one stance's observations: found and missed gold, and the
// engine's (article, actor) units that agree with the gold or not.
// fpNone counts the disagreeing units where the gold has no observation
// of that actor and topic in that article at all (the gold is one
// observation per article, actor and topic, so these may be stances it
// left out); articleFound counts gold found in the right article even
// when the quote is another passage than the key's.
type prf struct{ goldFound, goldMissed, tp, fp, fpNone, articleFound int }

// annotatedPrecision is precision over the units the gold annotates.
func (c prf) annotatedPrecision() float64 {
	if c.tp+c.fp-c.fpNone == 0 {
		return 1
	}
	return float64(c.tp) / float64(c.tp+c.fp-c.fpNone)
}

func (c prf) articleRecall() float64 {
	if c.goldFound+c.goldMissed == 0 {
		return 1
	}
	return float64(c.articleFound) / float64(c.goldFound+c.goldMissed)
}

func (c prf) precision() float64 {
	if c.tp+c.fp == 0 {
		return 1
	}
	return float64(c.tp) / float64(c.tp+c.fp)
}

func (c prf) recall() float64 {
	if c.goldFound+c.goldMissed == 0 {
		return 1
	}
	return float64(c.goldFound) / float64(c.goldFound+c.goldMissed)
}

func (c *prf) add(o prf) {
	c.goldFound += o.goldFound
	c.goldMissed += o.goldMissed
	c.tp += o.tp
	c.fp += o.fp
	c.fpNone += o.fpNone
	c.articleFound += o.articleFound
}

// stanceScore is one topic's (or all topics') figures.
type stanceScore struct {
	pledged, declined prf
	right, actors     int
	countryRight      int
	countries         int
	declinedAsPledged int // actors whose gold current stance is declined, shown as pledged
	obsDeclAsPledged  int // gold refusals the engine reads as pledges in the same article
	confusion         map[[2]string]int
}

func (s *stanceScore) add(o stanceScore) {
	s.pledged.add(o.pledged)
	s.declined.add(o.declined)
	s.right += o.right
	s.actors += o.actors
	s.countryRight += o.countryRight
	s.countries += o.countries
	s.declinedAsPledged += o.declinedAsPledged
	s.obsDeclAsPledged += o.obsDeclAsPledged
	if s.confusion == nil {
		s.confusion = map[[2]string]int{}
	}
	for k, v := range o.confusion {
		s.confusion[k] += v
	}
}

// groupActors are the gold's actors that are not one country.
var groupActors = map[string]bool{"Coalition of the Willing": true, "Europe": true, "European Union": true,
	"NATO": true, "European countries": true, "United Nations": true}

// TestEvalStances prints, per corpus and topic, the precision and recall
// of pledged and declined observations (go test -run EvalStances -v
// ./answer/), the accuracy of each actor's current stance with a
// confusion table, and how often a refusal is shown as a pledge. P* is
// pledged precision over the units the gold annotates, R* pledged recall
// counting a stance found elsewhere in the key's article. It fails when
// a refusal is listed as a pledge.
func TestEvalStances(t *testing.T) {
	var total stanceScore
	for _, set := range stanceSets {
		e := engineOver(t, set.corpusDir)
		gold := loadStanceGold(t, set.files)
		arts := map[string]corpus.Article{}
		for _, a := range e.ix.Articles() {
			arts[a.ID] = a
			if a.Path != "" {
				arts[path.Base(a.Path)] = a
			}
		}
		byTopic := map[string][]goldStance{}
		var topics []string
		for _, g := range gold {
			if _, ok := byTopic[g.Topic]; !ok {
				topics = append(topics, g.Topic)
			}
			byTopic[g.Topic] = append(byTopic[g.Topic], g)
		}
		sort.Strings(topics)
		var setScore stanceScore
		lines := []string{}
		for _, topic := range topics {
			sc := scoreTopic(t, e, set.name, topic, byTopic[topic], arts)
			setScore.add(sc)
			lines = append(lines, scoreLine(topic, sc))
		}
		fmt.Printf("\nstances %s (%d observations)\n%-20s %s\n", set.name, len(gold), "topic", scoreHeader)
		for _, l := range lines {
			fmt.Println(l)
		}
		fmt.Println(scoreLine("all", setScore))
		fmt.Printf("pledged recall in the right article %d/%d, declined %d/%d\n",
			setScore.pledged.articleFound, setScore.pledged.goldFound+setScore.pledged.goldMissed,
			setScore.declined.articleFound, setScore.declined.goldFound+setScore.declined.goldMissed)
		printConfusion(setScore)
		total.add(setScore)
	}
	fmt.Printf("\nstances overall\n%-20s %s\n%s\n", "", scoreHeader, scoreLine("all", total))
	fmt.Printf("pledged: precision over the units the gold annotates %.2f (%d of %d disagreeing units are ones the gold has no observation for), recall in the right article %.2f\n",
		total.pledged.annotatedPrecision(), total.pledged.fpNone, total.pledged.fp, total.pledged.articleRecall())
	fmt.Printf("declined: precision over annotated units %.2f, recall in the right article %.2f\n",
		total.declined.annotatedPrecision(), total.declined.articleRecall())
	fmt.Printf("declined listed as pledged: %d actors, %d observations\n", total.declinedAsPledged, total.obsDeclAsPledged)
	if total.declinedAsPledged > 0 {
		t.Errorf("%d actors whose newest gold stance is declined are listed as pledged", total.declinedAsPledged)
	}
}

const scoreHeader = "pledged P   R (n)     declined P   R (n)     current right   troops countries   decl→pledged   pledged P* R*"

func scoreLine(name string, s stanceScore) string {
	return fmt.Sprintf("%-20s %.2f %.2f (%3d)    %.2f %.2f (%3d)    %3d/%-3d %.2f     %2d/%-2d            %d              %.2f %.2f",
		name, s.pledged.precision(), s.pledged.recall(), s.pledged.goldFound+s.pledged.goldMissed,
		s.declined.precision(), s.declined.recall(), s.declined.goldFound+s.declined.goldMissed,
		s.right, s.actors, ratio(s.right, s.actors), s.countryRight, s.countries, s.declinedAsPledged,
		s.pledged.annotatedPrecision(), s.pledged.articleRecall())
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func printConfusion(s stanceScore) {
	kinds := []string{"pledged", "declined", "unclear", "opposes", "contested", "absent"}
	fmt.Printf("current stance, gold (rows) × engine (columns)\n%-10s", "")
	for _, k := range kinds {
		fmt.Printf(" %9s", k)
	}
	fmt.Println()
	for _, g := range kinds[:4] {
		fmt.Printf("%-10s", g)
		for _, k := range kinds {
			fmt.Printf(" %9d", s.confusion[[2]string{g, k}])
		}
		fmt.Println()
	}
}

func scoreTopic(t *testing.T, e *Engine, set, topic string, gold []goldStance, arts map[string]corpus.Article) stanceScore {
	ans := stanceAnswer(t, e, topic)
	sc := stanceScore{confusion: map[[2]string]int{}}
	articleOf := func(file string) corpus.Article {
		if a, ok := arts[file]; ok {
			return a
		}
		if a, ok := arts[strings.TrimSuffix(file, path.Ext(file))]; ok {
			return a
		}
		t.Errorf("%s: gold file %s is not in the corpus", set, file)
		return corpus.Article{}
	}
	// Observation recall: the engine holds the actor and stance with a
	// quote that contains the key.
	goldUnit := map[[2]string]string{} // (article, actor) → gold stance
	for _, g := range gold {
		a := articleOf(g.File)
		goldUnit[[2]string{a.ID, g.Actor}] = g.Stance
		found, inArticle := false, false
		for _, u := range ans.units {
			if u.actor != g.Actor || u.stance != g.Stance {
				continue
			}
			if u.article == a.ID {
				inArticle = true
			}
			for _, q := range u.quotes {
				if strings.Contains(text.Key(q), text.Key(g.Key)) {
					found, inArticle = true, true
				}
			}
		}
		c := map[string]*prf{"pledged": &sc.pledged, "declined": &sc.declined}[g.Stance]
		if c == nil {
			continue
		}
		if inArticle {
			c.articleFound++
		}
		if found {
			c.goldFound++
		} else {
			c.goldMissed++
			if testing.Verbose() {
				where := "missed"
				if inArticle {
					where = "missed this quote (found in the article)"
				}
				t.Logf("%s %s: %s %s %s: %q", set, topic, where, g.Actor, g.Stance, g.Key)
			}
		}
	}
	// Observation precision: each (article, actor) the engine reads as
	// pledged or declined agrees with the gold's stance there.
	seen := map[[3]string]bool{}
	for _, u := range ans.units {
		k := [3]string{u.article, u.actor, u.stance}
		if seen[k] {
			continue
		}
		seen[k] = true
		c := map[string]*prf{"pledged": &sc.pledged, "declined": &sc.declined}[u.stance]
		if c == nil {
			continue
		}
		g, ok := goldUnit[[2]string{u.article, u.actor}]
		if ok && g == u.stance {
			c.tp++
			continue
		}
		c.fp++
		if !ok {
			c.fpNone++
		}
		if u.stance == "pledged" && g == "declined" {
			sc.obsDeclAsPledged++
		}
		if testing.Verbose() {
			gs := g
			if !ok {
				gs = "none"
			}
			t.Logf("%s %s: %s read as %s in %s (gold %s): %.160q", set, topic, u.actor, u.stance, u.article, gs, firstOr(u.quotes))
		}
	}
	// Current stance: the gold's newest observation decides.
	type newest struct {
		date   corpus.Date
		stance map[string]bool
	}
	cur := map[string]*newest{}
	for _, g := range gold {
		a := articleOf(g.File)
		n := cur[g.Actor]
		switch {
		case n == nil || a.Published.After(n.date.Time):
			cur[g.Actor] = &newest{date: a.Published, stance: map[string]bool{g.Stance: true}}
		case a.Published.Equal(n.date.Time):
			n.stance[g.Stance] = true
		}
	}
	var actors []string
	for a := range cur {
		actors = append(actors, a)
	}
	sort.Strings(actors)
	for _, actor := range actors {
		n := cur[actor]
		want := ""
		for s := range n.stance {
			if want == "" || s < want {
				want = s
			}
		}
		if len(n.stance) > 1 {
			want = "contested"
		}
		got, ok := ans.current[actor]
		if !ok {
			got = "absent"
		}
		right := got == want || want == "contested" && n.stance[got]
		sc.actors++
		country := !groupActors[actor]
		if country && topic == "troops" {
			sc.countries++
		}
		if right {
			sc.right++
			if country && topic == "troops" {
				sc.countryRight++
			}
		} else if testing.Verbose() {
			t.Logf("%s %s: %s current %s, gold %s (%s)", set, topic, actor, got, want, n.date)
		}
		if want == "declined" && got == "pledged" {
			sc.declinedAsPledged++
		}
		if want != "contested" {
			sc.confusion[[2]string{want, got}]++
		}
	}
	return sc
}

func firstOr(qs []string) string {
	if len(qs) == 0 {
		return ""
	}
	return qs[0]
}
