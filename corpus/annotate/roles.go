package annotate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A reader often names a person by office: "what did the German
// chancellor say", "the NATO secretary general", "Poland's prime
// minister". The gazetteer's people list the offices they hold (roles:
// "chancellor", "secretary general"), each held for the person's actor.
// RoleHolders reads those phrases in a question. It is never used on
// articles: an office changes hands (Scholz, then Merz), and a question
// asks about the holder now, where an article of last year meant the
// holder then.

// RoleHolder is a person a phrase of the question names by office, and
// the phrase's byte range.
type RoleHolder struct {
	Person     string
	Start, End int
}

// roleKey is an office of one actor.
type roleKey struct{ actor, role string }

// RoleHolders finds "<actor> <role>", "<actor>'s <role>" and "<role> of
// (the) <actor>" in s, for offices exactly one known person holds. A
// phrase followed by a name ("French President Emmanuel Macron") names
// that person already and is left to the name. Words typed in lower case
// are read capitalised too ("german chancellor").
func RoleHolders(s string) []RoleHolder {
	g := gaz()
	if len(g.roles) == 0 {
		return nil
	}
	out := roleHolders(g, newDoc(s))
	if len(out) == 0 && strings.ToLower(s) == s {
		out = roleHolders(g, newKnownDoc(capitaliseWords(s)))
	}
	return out
}

func roleHolders(g *gazetteer, d *doc) []RoleHolder {
	var out []RoleHolder
	for i := 0; i < len(d.toks); i++ {
		if !d.toks[i].Word || d.byTok[i] >= 0 {
			continue
		}
		for _, words := range g.roleWords[strings.ToLower(d.toks[i].Norm)] {
			j, ok := d.wordsAt(i, words)
			if !ok || d.nameAt(j) {
				continue
			}
			// "<actor> <role>", "<actor>'s <role>"
			before := i
			if before > 0 && d.toks[before-1].Lower == "'s" {
				before--
			}
			role := strings.Join(words, " ")
			if m, ok := d.actorMention(before - 1); ok && m.T1 == before {
				// the actor's own words may be part of the office:
				// "European Commission president"
				p := g.roles[roleKey{m.Actor, strings.ToLower(d.src[d.toks[m.T0].Start:d.toks[before-1].End]) + " " + role}]
				if p == "" {
					p = g.roles[roleKey{m.Actor, role}]
				}
				if p != "" {
					out = append(out, RoleHolder{p, d.toks[m.T0].Start, d.toks[j-1].End})
					i = j - 1
					break
				}
			}
			// "<role> of (the) <actor>"
			k := j
			if k < len(d.toks) && d.toks[k].Lower == "of" {
				k++
				if k < len(d.toks) && d.toks[k].Lower == "the" {
					k++
				}
				if m, ok := d.actorMention(k); ok && m.T0 == k {
					if p := g.roles[roleKey{m.Actor, role}]; p != "" {
						out = append(out, RoleHolder{p, d.toks[i].Start, d.toks[m.T1-1].End})
						i = m.T1 - 1
						break
					}
				}
			}
		}
	}
	return out
}

// actorMention is the mention of a country or organisation (not a
// person) covering token k, if any.
func (d *doc) actorMention(k int) (mention, bool) {
	if k < 0 || k >= len(d.byTok) || d.byTok[k] < 0 {
		return mention{}, false
	}
	m := d.mentions[d.byTok[k]]
	return m, m.Actor != "" && m.Person == ""
}

// wordsAt reports whether the words start at token i, and where they end.
func (d *doc) wordsAt(i int, words []string) (int, bool) {
	j := i
	for _, w := range words {
		for j < len(d.toks) && d.toks[j].Norm == "-" {
			j++ // "secretary-general"
		}
		if j >= len(d.toks) || !d.toks[j].Word || !strings.EqualFold(d.toks[j].Norm, w) {
			return 0, false
		}
		j++
	}
	return j, true
}

// nameAt reports a person's name starting at token j.
func (d *doc) nameAt(j int) bool {
	return j < len(d.toks) && d.byTok[j] >= 0 && d.mentions[d.byTok[j]].Person != ""
}

// capitaliseWords upper-cases the first letter of every word in place,
// keeping every byte offset (a letter whose capital is longer stays).
func capitaliseWords(s string) string {
	b := []byte(s)
	start := true
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if start && unicode.IsLetter(r) {
			if u := unicode.ToUpper(r); utf8.RuneLen(u) == size {
				utf8.EncodeRune(b[i:], u)
			}
		}
		start = unicode.IsSpace(r)
		i += size
	}
	return string(b)
}
