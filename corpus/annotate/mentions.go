package annotate

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"talkbot/corpus/text"
)

// mention is a run of words that names an actor or a person: tokens
// [T0, T1) of the text. Person is a canonical name for people (known ones
// from the gazetteer, others as written); Actor is the country or
// organisation named, or the person's country.
type mention struct {
	T0, T1 int
	Actor  string
	Person string
	known  bool // from the gazetteer, not guessed from capitals
}

// doc is a tokenised text with what it names.
type doc struct {
	src      string
	toks     []token
	mentions []mention
	byTok    []int // token → index into mentions, -1 for none
}

func newDoc(s string) *doc {
	d := &doc{src: s, toks: tokenize(s)}
	d.findMentions()
	return d
}

// newKnownDoc is newDoc with the gazetteer's names alone: no run of
// capitals taken for a name, for text whose capitals say nothing (a
// question typed in lower case, then capitalised word by word).
func newKnownDoc(s string) *doc {
	d := &doc{src: s, toks: tokenize(s)}
	d.findKnown(gaz())
	return d
}

// findKnown matches the gazetteer's names, longest first.
func (d *doc) findKnown(g *gazetteer) {
	d.byTok = make([]int, len(d.toks))
	for i := range d.byTok {
		d.byTok[i] = -1
	}
	for i := 0; i < len(d.toks); {
		if !d.toks[i].Word {
			i++
			continue
		}
		if m, ok := d.matchAt(g, i); ok {
			d.add(m)
			i = m.T1
			continue
		}
		i++
	}
}

// findMentions matches the gazetteer, longest first, then takes runs of
// capitalised words that it does not know as people's names ("Paula
// Pinio"), without their titles ("European Commission spokesman").
func (d *doc) findMentions() {
	g := gaz()
	d.findKnown(g)
	d.findUnknownNames(g)
	d.findSurnames(g)
	sort.Slice(d.mentions, func(i, j int) bool { return d.mentions[i].T0 < d.mentions[j].T0 })
	for i := range d.byTok {
		d.byTok[i] = -1
	}
	for n, m := range d.mentions {
		for k := m.T0; k < m.T1; k++ {
			d.byTok[k] = n
		}
	}
	// People the gazetteer does not know speak for the country in their
	// title: "Danish Prime Minister Mette Frederiksen".
	for n, m := range d.mentions {
		if !m.known && m.Person != "" && m.Actor == "" {
			d.mentions[n].Actor = d.titleActorAt(m.T0)
		}
	}
}

// lastPersonBefore is the last person named before token i (their
// mention ending at or before it) for whom keep holds; "" for none.
func (d *doc) lastPersonBefore(i int, keep func(mention) bool) string {
	for n := len(d.mentions) - 1; n >= 0; n-- {
		if m := d.mentions[n]; m.T1 <= i && m.Person != "" && keep(m) {
			return m.Person
		}
	}
	return ""
}

func (d *doc) add(m mention) {
	d.mentions = append(d.mentions, m)
	for k := m.T0; k < m.T1; k++ {
		d.byTok[k] = len(d.mentions) - 1
	}
}

// matchAt tries the gazetteer entries starting with token i; words of an
// entry may be separated by spaces or dots only.
func (d *doc) matchAt(g *gazetteer, i int) (mention, bool) {
	for _, e := range g.byFirst[d.toks[i].Lower] {
		k, ok := i, true
		for n, w := range e.words {
			if n > 0 && d.hyphenJoins(k) {
				k++ // "twenty-six countries"
			}
			if k >= len(d.toks) || !d.toks[k].Word || !wordMatches(w, d.toks[k].Norm) {
				ok = false
				break
			}
			if n > 0 && strings.Trim(d.src[d.toks[k-1].End:d.toks[k].Start], " .") != "" {
				ok = false
				break
			}
			k++
		}
		if ok {
			return mention{T0: i, T1: k, Actor: e.actor, Person: e.person, known: true}, true
		}
	}
	return mention{}, false
}

// nameStop are capitalised words that start a sentence or a title but are
// never part of a person's name.
var nameStop = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true, "we": true,
	"i": true, "in": true, "on": true, "at": true, "after": true, "before": true, "but": true, "and": true,
	"however": true, "meanwhile": true, "according": true, "following": true, "despite": true, "if": true,
	"this": true, "that": true, "these": true, "those": true, "his": true, "her": true, "their": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"article": true, "source": true, "media": true, "images": true, "photo": true, "news": true,
	"senior": true, "unnamed": true, "officials": true, "leaders": true, "western": true, "northern": true,
	"southern": true, "eastern": true, "central": true, "north": true, "south": true, "east": true, "west": true,
	"security": true, "coalition": true, "alliance": true, "ministry": true, "office": true, "house": true,
	"what": true, "who": true, "why": true, "how": true, "when": true, "where": true, "is": true, "are": true,
	"related": true, "recommended": true, "stories": true, "read": true, "more": true, "here": true,
	"previously": true, "additionally": true, "instead": true, "also": true,
}

// findUnknownNames records runs of two or more capitalised words outside
// the gazetteer as people ("Paula Pinio"), titles stripped.
func (d *doc) findUnknownNames(g *gazetteer) {
	for i := 0; i < len(d.toks); {
		if !d.isNameWord(g, i) {
			i++
			continue
		}
		j := i
		for j < len(d.toks) {
			if j > i && d.hyphenJoins(j) && d.isNameWord(g, j+1) {
				j += 2 // "Doe-Smith"
				continue
			}
			if !d.isNameWord(g, j) || (j > i && d.src[d.toks[j-1].End:d.toks[j].Start] != " ") {
				break
			}
			j++
		}
		// Drop leading titles: "Defense Minister X Y" → "X Y".
		k := i
		for n := i; n < j; n++ {
			if g.titles[d.toks[n].Lower] {
				k = n + 1
			}
		}
		if j-k >= 2 && !g.outlets[strings.ToLower(d.join(k, j))] && !d.anyOrgWord(g, k, j) {
			d.add(mention{T0: k, T1: j, Person: d.join(k, j)})
		}
		i = j
	}
}

// anyOrgWord reports whether tokens [i, j) hold a word of an
// organisation's name ("Contact Group"): no person's name.
func (d *doc) anyOrgWord(g *gazetteer, i, j int) bool {
	for n := i; n < j; n++ {
		if g.orgWords[d.toks[n].Lower] {
			return true
		}
	}
	return false
}

// findSurnames records a capitalised word standing alone as the person
// named before with it as the last word of their name: news names
// "Deputy Foreign Minister Sergei Ryabkov" once and then "Ryabkov said".
func (d *doc) findSurnames(g *gazetteer) {
	type named struct {
		person string
		t1     int
	}
	bySurname := map[string]named{}
	for _, m := range d.mentions {
		if m.known || m.Person == "" || m.T1-m.T0 < 2 {
			continue
		}
		sur := d.toks[m.T1-1].Norm
		if prev, ok := bySurname[sur]; !ok || prev.person == m.Person {
			bySurname[sur] = named{m.Person, m.T1}
		} else {
			bySurname[sur] = named{} // two people of that surname: neither
		}
	}
	if len(bySurname) == 0 {
		return
	}
	for i := range d.toks {
		if !d.isNameWord(g, i) || (i+1 < len(d.toks) && d.isNameWord(g, i+1)) || (i > 0 && d.isNameWord(g, i-1)) {
			continue
		}
		if n, ok := bySurname[d.toks[i].Norm]; ok && n.person != "" && n.t1 <= i {
			d.add(mention{T0: i, T1: i + 1, Person: n.person})
		}
	}
}

func (d *doc) isNameWord(g *gazetteer, i int) bool {
	t := d.toks[i]
	return t.Word && d.byTok[i] < 0 && t.capitalised() && !nameStop[t.Lower] && len(t.Norm) > 1 &&
		hasLower(t.Norm)
}

// join is the text of tokens [i, j) as written, folded, white space
// collapsed.
func (d *doc) join(i, j int) string {
	return strings.Join(strings.Fields(text.Fold(d.src[d.toks[i].Start:d.toks[j-1].End])), " ")
}

// hyphenJoins reports whether token j is a hyphen written tight between
// two words.
func (d *doc) hyphenJoins(j int) bool {
	return j+1 < len(d.toks) && d.toks[j].Norm == "-" && d.toks[j-1].End == d.toks[j].Start &&
		d.toks[j].End == d.toks[j+1].Start
}

// People returns the canonical names of the people text names, in order
// of first mention, each once: gazetteer people under their full name,
// others as written when they have at least a first name and a surname.
func People(s string) []string {
	d := newDoc(s)
	var out []string
	seen := map[string]bool{}
	for _, m := range d.mentions {
		if m.Person != "" && !seen[m.Person] {
			seen[m.Person] = true
			out = append(out, m.Person)
		}
	}
	return out
}

// TitleCase is s with each word's first letter upper case, words joined
// by single spaces: a name typed in lower case ("zelenskyy", "keir
// starmer") meets the gazetteer's capitals. (RoleHolders keeps byte
// offsets and so capitalises in place instead: capitaliseWords.)
func TitleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(words, " ")
}

// KnownPeople lists the people in the gazetteer, sorted.
func KnownPeople() []string { return append([]string(nil), gaz().names...) }

// IsKnownPerson reports whether person is a canonical name of the
// gazetteer.
func IsKnownPerson(person string) bool {
	_, ok := gaz().people[person]
	return ok
}

// ActorOf returns the country or organisation a known person speaks for,
// "" when unknown.
func ActorOf(person string) string { return gaz().people[person] }
