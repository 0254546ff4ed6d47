package corpus

import (
	"strings"
	"unicode/utf8"

	"talkbot/corpus/annotate"
	"talkbot/corpus/text"
)

// MaxPassage is the length in characters a passage keeps under when its
// sentences allow: a longer paragraph is split into windows of whole
// sentences. A single sentence longer than this stays whole.
const MaxPassage = 600

// Passages splits an article into the passages that are indexed and
// quoted, in article order, each annotated with the actors it names, the
// quotations it holds and the stances it states.
func Passages(a Article) []Passage {
	var out []Passage
	var prev *annotate.Text
	var texts []*annotate.Text // the article's passages so far, for quotation context
	for _, p := range a.Paragraphs {
		if p.Aside {
			continue // a subhead is text, not a passage
		}
		line, counted := p.Line, 0 // line breaks counted up to byte counted
		for _, w := range windows(p.Text) {
			t := p.Text[w.Start:w.End]
			line += strings.Count(p.Text[counted:w.Start], "\n")
			counted = w.Start
			seq := len(out)
			at := annotate.NewText(t)
			ps := Passage{
				ID:        PassageID(a.ID, seq),
				ArticleID: a.ID,
				Seq:       seq,
				Text:      t,
				Line:      line,
				Actors:    at.Actors(),
				Stances:   annotate.Observe(at, prev),
			}
			if annotate.HasQuoteMark(t) {
				for _, q := range at.Quotations(quotationContext(out, texts)) {
					if q.Speaker == "" {
						continue
					}
					ps.Quotations = append(ps.Quotations, q)
					if !contains(ps.Speakers, q.Speaker) {
						ps.Speakers = append(ps.Speakers, q.Speaker)
					}
				}
			}
			out = append(out, ps)
			texts = append(texts, at)
			prev = at
		}
	}
	return out
}

// QuotationContext is about how much of what came before a passage its
// quotations are read with: the antecedent of "he" is never far back.
const QuotationContext = 3000

// quotationContext is the text a quotation in the next passage is read
// with: the last of the passages before it, within QuotationContext
// bytes, that names a person (nil if none does). Only the last one
// matters, and reading the whole window again for each quotation made an
// article of fiction full of dialogue take a tenth of a second.
func quotationContext(before []Passage, texts []*annotate.Text) *annotate.Text {
	n := 0
	for k := len(before) - 1; k >= 0 && n < QuotationContext; k-- {
		if texts[k].NamesPerson() {
			return texts[k]
		}
		n += len(before[k].Text) + 2
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// windows splits s into spans of whole sentences. It uses as few windows
// as keep each under MaxPassage characters, then evens out their sizes so
// that no window is a short leftover.
func windows(s string) []text.Span {
	if utf8.RuneCountInString(s) <= MaxPassage {
		return []text.Span{{Start: 0, End: len(s)}}
	}
	sents := text.Sentences(s)
	if len(sents) <= 1 {
		return []text.Span{{Start: 0, End: len(s)}}
	}
	// runesAt[b] counts the runes before byte b (set where a rune starts,
	// which is all a span boundary can be), so sizes are a subtraction.
	runesAt := make([]int, len(s)+1)
	n := 0
	for i := range s {
		runesAt[i] = n
		n++
	}
	runesAt[len(s)] = n
	size := func(i, j int) int { return runesAt[sents[j].End] - runesAt[sents[i].Start] }
	pack := func(limit int) []text.Span {
		var out []text.Span
		for i := 0; i < len(sents); {
			j := i
			for j+1 < len(sents) && size(i, j+1) <= limit {
				j++
			}
			out = append(out, text.Span{Start: sents[i].Start, End: sents[j].End})
			i = j + 1
		}
		return out
	}
	best := pack(MaxPassage)
	// The smallest limit that still needs no more windows balances them.
	lo, hi := 1, MaxPassage
	for lo < hi {
		mid := (lo + hi) / 2
		if len(pack(mid)) <= len(best) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return pack(lo)
}
