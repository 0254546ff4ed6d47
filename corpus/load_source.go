package corpus

// AllPassages splits every article into its passages, in article order.
func AllPassages(articles []Article) []Passage {
	var out []Passage
	for _, a := range articles {
		out = append(out, Passages(a)...)
	}
	return out
}
