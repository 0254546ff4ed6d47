package answer

import (
	"sort"
	"strings"

	"talkbot/corpus/annotate"
	"talkbot/corpus/text"
)

// TopicMatch is what a typed topic resolves to: a known topic, or none
// with the nearest known ones.
type TopicMatch struct {
	Name    string   // the known topic ("troops"), "" when unknown
	Label   string   // how it is shown
	Nearest []string // when unknown: the closest known topics' labels
}

// ResolveTopic maps what a reader typed to a known topic: its names and
// terms (corpus/annotate/topics.json, "peacekeepers" is troops), then
// the index's synonyms ("truce monitoring"), then a spelling one or two
// letters off ("troopps"). An unknown topic comes back with the nearest
// known ones.
func (e *Engine) ResolveTopic(typed string) TopicMatch {
	ts := annotate.Topics()
	defs := ts.Defs()
	label := func(name string) TopicMatch {
		for _, d := range defs {
			if d.Name == name {
				return TopicMatch{Name: d.Name, Label: d.Label}
			}
		}
		return TopicMatch{}
	}
	key := text.Key(typed)
	if key == "" {
		return TopicMatch{Nearest: topicLabels(defs, nil)}
	}
	for _, d := range defs {
		for _, c := range append([]string{d.Name, d.Label}, d.Typed...) {
			if text.Key(c) == key {
				return label(d.Name)
			}
		}
	}
	if names := ts.TopicsIn(typed); len(names) > 0 {
		return label(names[0])
	}
	// The index's synonyms of the whole and of each word.
	cands := []string{typed}
	cands = append(cands, strings.Fields(key)...)
	for _, c := range cands {
		if e == nil || e.ix == nil {
			break
		}
		for _, syn := range e.ix.Synonyms(c) {
			if names := ts.TopicsIn(syn); len(names) > 0 {
				return label(names[0])
			}
		}
	}
	// A misspelling: the whole or one of its words within one edit of a
	// topic's word (two for five letters or more). The edits allowed are
	// the typed word's own, so a long phrase is no misspelling of "air"
	// for holding "in".
	type scored struct {
		name     string
		dist     int
		misspelt bool // within the edits the typed word allows
	}
	typo := func(typed string, dist int) bool {
		n := len([]rune(typed))
		return n >= 5 && dist <= 2 || n >= 3 && dist <= 1
	}
	var best []scored
	for _, d := range defs {
		b := scored{name: d.Name, dist: 1 << 30}
		consider := func(typed, known string) {
			dd := editDistance(typed, known)
			b.dist = min(b.dist, dd)
			b.misspelt = b.misspelt || typo(typed, dd)
		}
		for _, c := range append(append([]string{d.Name, d.Label}, d.Typed...), d.Terms...) {
			for _, cw := range strings.Fields(text.Key(c)) {
				for _, w := range strings.Fields(key) {
					// word by word only for words of four letters or
					// more: "on" in "boots on the ground" is no topic
					if len([]rune(w)) >= 4 && len([]rune(cw)) >= 4 {
						consider(w, cw)
					}
				}
			}
			consider(key, text.Key(c))
		}
		best = append(best, b)
	}
	sort.SliceStable(best, func(i, j int) bool { return best[i].dist < best[j].dist })
	for _, b := range best {
		if b.misspelt && b.dist == best[0].dist {
			return label(b.name)
		}
	}
	var near []string
	for _, b := range best {
		near = append(near, b.name)
	}
	return TopicMatch{Nearest: topicLabels(defs, near[:min(3, len(near))])}
}

// topicLabels gives the labels of names (every topic when nil).
func topicLabels(defs []annotate.TopicDef, names []string) []string {
	var out []string
	for _, n := range names {
		for _, d := range defs {
			if d.Name == n {
				out = append(out, d.Label)
			}
		}
	}
	if names == nil {
		for _, d := range defs {
			out = append(out, d.Label)
		}
	}
	return out
}

// KnownTopics are the labels of every topic who-pledged knows.
func KnownTopics() []string { return topicLabels(annotate.Topics().Defs(), nil) }

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
