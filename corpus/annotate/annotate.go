// Package annotate finds who a passage names and who it quotes: actors
// (countries, governments, organisations) from a gazetteer kept as data,
// direct quotations with their speakers, and the stance an actor takes on
// a topic. It works on plain text so the corpus package and the answer
// package can both use it.
package annotate

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// stanceRules numbers the stance reading's code: bump it when a change
// to stance.go changes what Observe finds, so indexes keeping
// observations are rebuilt.
const stanceRules = 24

// quoteRules is the same for quotes.go: whom a quotation is attributed
// to is kept in the index (corpus.Passage.Quotations and Speakers).
const quoteRules = 9

// DataVersion identifies the data and rules the annotations depend on
// (gazetteer, cues, topics), for an index that keeps them.
var DataVersion = sync.OnceValue(func() string {
	h := sha256.New()
	h.Write([]byte{stanceRules, quoteRules})
	for _, b := range [][]byte{gazetteerJSON, cuesJSON, topicsJSON} {
		h.Write(b)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
})

// Quotation is a direct quotation found in a text: the words inside the
// quotation marks, their byte range in the text, and the speaker's
// canonical name ("" when none could be attributed).
type Quotation struct {
	Speaker    string
	Text       string
	Start, End int
}

// Actors returns the canonical names of the actors text names, in order of
// first mention, each once. People count for their country ("Macron" names
// France); capitals for their government ("Kyiv" names Ukraine).
func Actors(s string) []string { return newDoc(s).actors() }

func (d *doc) actors() []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range d.mentions {
		if m.Actor != "" && !seen[m.Actor] {
			seen[m.Actor] = true
			out = append(out, m.Actor)
		}
	}
	return out
}

// Text is a passage tokenised once for its actors, its quotations, its
// stances and those of the passage after it: the same as Actors,
// Quotations and Observe on its string, without tokenising it or finding
// its names more than once.
type Text struct {
	s    string
	toks []token
	d    *doc // names found, on first use
}

// NewText tokenises s.
func NewText(s string) *Text { return &Text{s: s, toks: tokenize(s)} }

// doc is the text with its names found. Callers must not change it.
func (t *Text) doc() *doc {
	if t.d == nil {
		t.d = &doc{src: t.s, toks: t.toks}
		t.d.findMentions()
	}
	return t.d
}

// Actors is Actors of the text.
func (t *Text) Actors() []string { return t.doc().actors() }

// joined is prev, a blank line and t as one document, and the byte
// offset where t starts in it. Tokens and names never span the blank
// line, so the joined names are prev's then t's.
func (t *Text) joined(prev *Text) (*doc, int) {
	d := t.doc()
	if prev == nil || prev.s == "" {
		return &doc{src: d.src, toks: d.toks, mentions: append([]mention(nil), d.mentions...), byTok: d.byTok}, 0
	}
	pd := prev.doc()
	base := len(prev.s) + 2
	toks := make([]token, len(pd.toks), len(pd.toks)+len(d.toks))
	copy(toks, pd.toks)
	for _, tok := range d.toks {
		tok.Start += base
		tok.End += base
		toks = append(toks, tok)
	}
	n := len(pd.toks)
	ms := make([]mention, 0, len(pd.mentions)+len(d.mentions))
	ms = append(ms, pd.mentions...)
	for _, m := range d.mentions {
		m.T0 += n
		m.T1 += n
		ms = append(ms, m)
	}
	byTok := make([]int, len(toks))
	copy(byTok, pd.byTok)
	for i, b := range d.byTok {
		if b >= 0 {
			b += len(pd.mentions)
		}
		byTok[n+i] = b
	}
	return &doc{src: prev.s + "\n\n" + t.s, toks: toks, mentions: ms, byTok: byTok}, base
}

// NamesPerson reports whether the text names a person: only such a text
// before a quotation can say who "he" is (Quotations).
func (t *Text) NamesPerson() bool {
	for _, m := range t.doc().mentions {
		if m.Person != "" {
			return true
		}
	}
	return false
}

// Quotations is Quotations(t, prev), prev being the text before t in its
// article (nil or empty for none).
func (t *Text) Quotations(prev *Text) []Quotation {
	if !hasQuoteMark(t.s) {
		return nil
	}
	d, base := t.joined(prev)
	return d.quotations(base)
}
