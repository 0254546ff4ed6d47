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
func Actors(s string) []string {
	d := newDoc(s)
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
