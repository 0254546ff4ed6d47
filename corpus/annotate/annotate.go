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
// first mention, each once.
func Actors(text string) []string {
	return nil // TODO(annotate helper): gazetteer matching
}

// Quotations returns the direct quotations in text. prev is the text that
// precedes it in the article (the previous passage), used to resolve "he
// said" to a speaker named just before.
func Quotations(text, prev string) []Quotation {
	return nil // TODO(annotate helper): quotation attribution
}
