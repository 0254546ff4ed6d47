package corpus

// LoadFrom loads the articles in dir, or the bundled ones when dir is "":
// what --corpus means everywhere. It holds the whole corpus; SourceOf(dir)
// reads it one article at a time.
func LoadFrom(dir string) ([]Article, []Problem) {
	return loadAll(SourceOf(dir))
}

// AllPassages splits every article into its passages, in article order.
func AllPassages(articles []Article) []Passage {
	var out []Passage
	for _, a := range articles {
		out = append(out, Passages(a)...)
	}
	return out
}
