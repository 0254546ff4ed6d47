package annotate

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
)

//go:embed gazetteer.json
var gazetteerJSON []byte

type gazetteerFile struct {
	Actors []struct {
		Name    string   `json:"name"`
		Kind    string   `json:"kind"`
		Aliases []string `json:"aliases"`
	} `json:"actors"`
	People []struct {
		Name     string   `json:"name"`
		Actor    string   `json:"actor"`
		Variants []string `json:"variants"`
		// Roles are the offices the person holds for their actor now
		// ("chancellor"): what a question may call them (RoleHolders).
		Roles []string `json:"roles"`
	} `json:"people"`
	Phrases []string `json:"phrases"`
	Outlets []string `json:"outlets"`
	Titles  []string `json:"titles"`
	// OrgWords make a run of capitalised words an organisation's name.
	OrgWords []string `json:"organisation_words"`
	Groups   []struct {
		Name    string   `json:"name"`
		Label   string   `json:"label"`
		Words   []string `json:"words"`
		Members []string `json:"members"`
	} `json:"groups"`
}

// entry is one way of naming something: its words, and what it names.
type entry struct {
	words  []string // as written in the gazetteer, folded
	actor  string   // canonical actor, "" for none
	person string   // canonical person, "" when not a person
}

// gazetteer indexes entries by their first word, lower-cased, longest
// first so "Keir Starmer" wins over "Starmer".
type gazetteer struct {
	byFirst  map[string][]entry
	people   map[string]string // canonical person → actor
	names    []string          // canonical people, sorted
	outlets  map[string]bool   // lower-cased words of outlets
	titles   map[string]bool   // lower-cased title words
	orgWords map[string]bool   // lower-cased words of organisations' names
	kinds    map[string]string // actor → group, host or adversary (countries are absent)
	// roles maps an actor's office to the one person holding it ("" when
	// two people hold it: no guess); roleWords lists the offices' words
	// by their first, longest first.
	roles     map[roleKey]string
	roleWords map[string][][]string
	// leaders are the people holding a country's first office (prime
	// minister, president, chancellor): who "the Italian leader" may be
	leaders map[string]bool
	// groupWords maps a word naming a group of actors to the group
	// ("european": european), groups a group to its members.
	groupWords  map[string]string
	groups      map[string]map[string]bool
	groupLabels map[string]string
}

// leaderRoles are the offices "leader" stands for.
var leaderRoles = map[string]bool{"prime minister": true, "premier": true, "pm": true, "president": true, "chancellor": true}

// holdsOffice reports whether person holds one of their country's first
// offices (leaderRoles).
func (g *gazetteer) holdsOffice(person string) bool { return g.leaders[person] }

var (
	gzOnce sync.Once
	gz     *gazetteer
)

func gaz() *gazetteer {
	gzOnce.Do(func() {
		g, err := parseGazetteer(gazetteerJSON)
		if err != nil {
			// The file is embedded and covered by tests; a broken one is a build mistake.
			panic(err)
		}
		gz = g
	})
	return gz
}

func parseGazetteer(b []byte) (*gazetteer, error) {
	var f gazetteerFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("annotate: gazetteer.json: %w", err)
	}
	g := &gazetteer{byFirst: map[string][]entry{}, people: map[string]string{},
		outlets: map[string]bool{}, titles: map[string]bool{}, orgWords: map[string]bool{}, kinds: map[string]string{},
		roles: map[roleKey]string{}, roleWords: map[string][][]string{}, leaders: map[string]bool{},
		groupWords: map[string]string{}, groups: map[string]map[string]bool{}, groupLabels: map[string]string{}}
	actors := map[string]bool{}
	for _, a := range f.Actors {
		actors[a.Name] = true
		switch a.Kind {
		case "", "country":
		case "group", "host", "adversary":
			g.kinds[a.Name] = a.Kind
		default:
			return nil, fmt.Errorf("annotate: gazetteer.json: %s: unknown kind %q", a.Name, a.Kind)
		}
		g.add(a.Name, a.Name, "")
		for _, al := range a.Aliases {
			g.add(al, a.Name, "")
		}
	}
	for _, gr := range f.Groups {
		if gr.Name == "" || gr.Label == "" || len(gr.Words) == 0 || g.groups[gr.Name] != nil {
			return nil, fmt.Errorf("annotate: gazetteer.json: group %q: a group needs a name of its own, a label and words", gr.Name)
		}
		g.groupLabels[gr.Name] = gr.Label
		members := map[string]bool{}
		for _, m := range gr.Members {
			if !actors[m] {
				return nil, fmt.Errorf("annotate: gazetteer.json: group %s: unknown actor %q", gr.Name, m)
			}
			members[m] = true
		}
		g.groups[gr.Name] = members
		for _, w := range gr.Words {
			g.groupWords[strings.ToLower(w)] = gr.Name
		}
	}
	for _, p := range f.People {
		if p.Actor != "" && !actors[p.Actor] {
			return nil, fmt.Errorf("annotate: gazetteer.json: %s: unknown actor %q", p.Name, p.Actor)
		}
		g.people[p.Name] = p.Actor
		g.names = append(g.names, p.Name)
		g.add(p.Name, p.Actor, p.Name)
		if ws := strings.Fields(p.Name); len(ws) > 1 {
			g.add(ws[len(ws)-1], p.Actor, p.Name)
		}
		for _, v := range p.Variants {
			g.add(v, p.Actor, p.Name)
		}
		for _, r := range p.Roles {
			words := strings.Fields(strings.ToLower(r))
			if len(words) == 0 || p.Actor == "" {
				return nil, fmt.Errorf("annotate: gazetteer.json: %s: a role needs words and the person an actor", p.Name)
			}
			k := roleKey{p.Actor, strings.Join(words, " ")}
			if other, taken := g.roles[k]; taken && other != p.Name {
				g.roles[k] = "" // held by two: ambiguous
				continue
			}
			g.roles[k] = p.Name
			if leaderRoles[k.role] {
				g.leaders[p.Name] = true
			}
			known := false
			for _, ws := range g.roleWords[words[0]] {
				known = known || strings.Join(ws, " ") == k.role
			}
			if !known {
				g.roleWords[words[0]] = append(g.roleWords[words[0]], words)
			}
		}
	}
	for _, ws := range g.roleWords {
		sort.SliceStable(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	}
	for _, ph := range f.Phrases {
		g.add(ph, "", "")
	}
	for _, o := range f.Outlets {
		g.outlets[strings.ToLower(o)] = true
	}
	for _, w := range f.OrgWords {
		g.orgWords[strings.ToLower(w)] = true
	}
	for _, t := range f.Titles {
		for _, w := range strings.Fields(t) {
			g.titles[strings.ToLower(w)] = true
		}
	}
	for k := range g.byFirst {
		es := g.byFirst[k]
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].words) > len(es[j].words) })
	}
	sort.Strings(g.names)
	return g, nil
}

func (g *gazetteer) add(alias, actor, person string) {
	var words []string
	for _, t := range tokenize(alias) {
		if t.Word {
			words = append(words, t.Norm)
		}
	}
	if len(words) == 0 {
		return
	}
	k := strings.ToLower(words[0])
	for _, e := range g.byFirst[k] {
		if strings.Join(e.words, " ") == strings.Join(words, " ") {
			return // first definition wins
		}
	}
	g.byFirst[k] = append(g.byFirst[k], entry{words: words, actor: actor, person: person})
}

// wordMatches compares a gazetteer word with a text word: a word written
// with a capital must be spelt so (or in capitals), a lower-case one
// matches any case.
func wordMatches(alias, word string) bool {
	if !hasUpper(alias) {
		return strings.EqualFold(alias, word)
	}
	return word == alias || (len([]rune(alias)) > 1 && word == strings.ToUpper(alias) && hasLower(alias))
}

func hasUpper(s string) bool { return strings.IndexFunc(s, unicode.IsUpper) >= 0 }
func hasLower(s string) bool { return strings.IndexFunc(s, unicode.IsLower) >= 0 }

// Actor kinds: how an actor takes part in the talks.
const (
	KindCountry   = "country"   // a country or its government
	KindGroup     = "group"     // several countries: Europe, NATO, the EU, the Coalition of the Willing
	KindHost      = "host"      // Ukraine: receives the guarantees, never pledges them to itself
	KindAdversary = "adversary" // Russia: its refusal of foreign troops is a line of its own
)

// GroupNamed is the group of actors word names ("European", "NATO"), ""
// when it names none.
func GroupNamed(word string) string { return gaz().groupWords[strings.ToLower(word)] }

// InGroup reports whether the canonical actor belongs to the group
// (GroupNamed).
func InGroup(group, actor string) bool { return gaz().groups[group][actor] }

// GroupLabel is how a reply names the group ("NATO members").
func GroupLabel(group string) string { return gaz().groupLabels[group] }

// ActorKind is the kind of a canonical actor (KindCountry unless the
// gazetteer says otherwise).
func ActorKind(actor string) string {
	if k := gaz().kinds[actor]; k != "" {
		return k
	}
	return KindCountry
}
