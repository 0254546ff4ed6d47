package answer

import "slices"

// clonePledges copies an answer down to its quotes, so a caller that
// edits what it got cannot change the cached one (nil stays nil, empty
// stays empty: JSON shows the difference).
func clonePledges(p Pledges) Pledges {
	p.Pledged, p.Declined, p.Unclear = cloneActors(p.Pledged), cloneActors(p.Declined), cloneActors(p.Unclear)
	p.Contested, p.Opposes, p.Groups = cloneActors(p.Contested), cloneActors(p.Opposes), cloneActors(p.Groups)
	p.Nearest = slices.Clone(p.Nearest)
	return p
}

func cloneActors(as []Actor) []Actor {
	as = slices.Clone(as)
	for i := range as {
		as[i].Quotes = slices.Clone(as[i].Quotes)
		as[i].History = slices.Clone(as[i].History)
		as[i].Between = slices.Clone(as[i].Between)
		as[i].Timeline = slices.Clone(as[i].Timeline)
	}
	return as
}

func cloneQuotes(q Quotes) Quotes {
	q.Quotes = slices.Clone(q.Quotes)
	q.Closest = slices.Clone(q.Closest)
	return q
}
