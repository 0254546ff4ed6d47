package answer

import "strings"

// Segment is a run of source text, bold when the highlighter marked it.
type Segment struct {
	Text string
	Bold bool
}

// Segments splits a highlighted passage into source text and the bold
// runs the highlighter added. It aligns highlighted with the raw passage
// so that a "**" the source itself contains stays text; when the two do
// not align it falls back to reading every "**" as a marker.
func Segments(raw, highlighted string) []Segment {
	if highlighted == "" {
		return []Segment{{Text: raw}}
	}
	if segs, ok := align(raw, highlighted); ok {
		return segs
	}
	parts := strings.Split(highlighted, "**")
	segs := make([]Segment, 0, len(parts))
	for k, p := range parts {
		// An odd count of markers leaves the last run unclosed: plain.
		bold := k%2 == 1 && !(k == len(parts)-1 && len(parts)%2 == 0)
		if p != "" {
			segs = append(segs, Segment{Text: p, Bold: bold})
		}
	}
	return segs
}

func align(raw, h string) ([]Segment, bool) {
	var segs []Segment
	var cur strings.Builder
	bold := false
	i, j := 0, 0
	for i < len(h) {
		if strings.HasPrefix(h[i:], "**") && !strings.HasPrefix(raw[j:], "**") {
			if cur.Len() > 0 {
				segs = append(segs, Segment{cur.String(), bold})
				cur.Reset()
			}
			bold = !bold
			i += 2
			continue
		}
		if j >= len(raw) || h[i] != raw[j] {
			return nil, false
		}
		cur.WriteByte(h[i])
		i++
		j++
	}
	if j != len(raw) || bold {
		return nil, false
	}
	if cur.Len() > 0 {
		segs = append(segs, Segment{cur.String(), false})
	}
	return segs, true
}

// Segments is the citation's passage as Segments gives it.
func (c Citation) Segments() []Segment { return Segments(c.Passage, c.Highlighted) }
