// Package annotate finds who a passage names and who it quotes: actors
// (countries, governments, organisations) from a gazetteer kept as data,
// direct quotations with their speakers, and the stance an actor takes on
// a topic. It works on plain text so the corpus package and the answer
// package can both use it.
package annotate

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

// Text is a passage tokenised once for its actors, its quotations and
// the quotations of the passage after it: the same as Actors and
// Quotations on its string, without tokenising it three times.
type Text struct {
	s    string
	toks []token
}

// NewText tokenises s.
func NewText(s string) *Text { return &Text{s: s, toks: tokenize(s)} }

// Actors is Actors of the text.
func (t *Text) Actors() []string {
	d := &doc{src: t.s, toks: t.toks}
	d.findMentions()
	return d.actors()
}

// Quotations is Quotations(t, prev), prev being the text before t in its
// article (nil or empty for none). Tokens never span the blank line
// joining the two, so the joined text's tokens are prev's then t's.
func (t *Text) Quotations(prev *Text) []Quotation {
	if !hasQuoteMark(t.s) {
		return nil
	}
	if prev == nil || prev.s == "" {
		d := &doc{src: t.s, toks: t.toks}
		d.findMentions()
		return d.quotations(0)
	}
	base := len(prev.s) + 2
	toks := make([]token, len(prev.toks), len(prev.toks)+len(t.toks))
	copy(toks, prev.toks)
	for _, tok := range t.toks {
		tok.Start += base
		tok.End += base
		toks = append(toks, tok)
	}
	d := &doc{src: prev.s + "\n\n" + t.s, toks: toks}
	d.findMentions()
	return d.quotations(base)
}
