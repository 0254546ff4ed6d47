package corpus

// LoadFrom loads the articles in dir, or the bundled ones when dir is "":
// what --corpus means everywhere.
func LoadFrom(dir string) ([]Article, []Problem) {
	if dir == "" {
		return Load(Bundled())
	}
	return LoadDir(dir)
}

// AllPassages splits every article into its passages, in article order.
func AllPassages(articles []Article) []Passage {
	var out []Passage
	for _, a := range articles {
		out = append(out, Passages(a)...)
	}
	return out
}
