package corpus

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"talkbot/corpus/annotate"
	"talkbot/corpus/text"
)

// sentencesOf builds a paragraph of n made-up sentences of about size
// characters each.
func sentencesOf(n, size int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		s := fmt.Sprintf("Sentence %d says that the harbour talks went on", i+1)
		for utf8.RuneCountInString(s) < size-1 {
			s += " and on"
		}
		b.WriteString(s + ".")
	}
	return b.String()
}

// checkWindows asserts the windows of p are runs of whole sentences, in
// order, covering every sentence once.
func checkWindows(t *testing.T, p string, ws []text.Span) {
	t.Helper()
	sents := text.Sentences(p)
	starts, ends := map[int]bool{}, map[int]bool{}
	for _, s := range sents {
		starts[s.Start], ends[s.End] = true, true
	}
	if len(ws) == 0 || ws[0].Start != sents[0].Start || ws[len(ws)-1].End != sents[len(sents)-1].End {
		t.Fatalf("windows %v do not cover the sentences %v", ws, sents)
	}
	for i, w := range ws {
		if !starts[w.Start] || !ends[w.End] {
			t.Errorf("window %d %q cuts inside a sentence", i, p[w.Start:w.End])
		}
		if i > 0 && strings.TrimSpace(p[ws[i-1].End:w.Start]) != "" {
			t.Errorf("text lost between windows %d and %d", i-1, i)
		}
	}
}

func TestWindows(t *testing.T) {
	for _, tt := range []struct {
		name      string
		p         string
		wantCount int
	}{
		{"short stays whole", sentencesOf(5, 100), 1},
		{"exactly at the limit", sentencesOf(6, 100)[:MaxPassage], 1},
		{"long splits in two", sentencesOf(8, 100), 2},
		{"long splits in three", sentencesOf(15, 100), 3},
		{"uneven sentences", sentencesOf(3, 250) + " " + sentencesOf(10, 40) + " " + sentencesOf(2, 200), 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ws := windows(tt.p)
			if len(ws) != tt.wantCount {
				t.Errorf("%d windows, want %d", len(ws), tt.wantCount)
			}
			checkWindows(t, tt.p, ws)
			lo, hi := MaxPassage, 0
			for _, w := range ws {
				n := utf8.RuneCountInString(tt.p[w.Start:w.End])
				if n > MaxPassage {
					t.Errorf("window of %d characters", n)
				}
				lo, hi = min(lo, n), max(hi, n)
			}
			// balanced: no short leftover window (sentences here are ≤ 300)
			if len(ws) > 1 && hi-lo > 300 {
				t.Errorf("window sizes range %d..%d, not balanced", lo, hi)
			}
		})
	}
}

// Fifteen 100-character sentences fit 6+6+3 greedily; balanced is 5+5+5.
func TestWindowsBalanced(t *testing.T) {
	p := sentencesOf(15, 100)
	for i, w := range windows(p) {
		if got := len(text.Sentences(p[w.Start:w.End])); got != 5 {
			t.Errorf("window %d holds %d sentences, want 5", i, got)
		}
	}
}

// A sentence longer than the limit is never cut; its neighbours still
// form windows under the limit.
func TestWindowsLongSentence(t *testing.T) {
	huge := "The treaty " + strings.Repeat("and its annexes ", 50) + "were signed."
	p := sentencesOf(4, 120) + " " + huge + " " + sentencesOf(4, 120)
	ws := windows(p)
	checkWindows(t, p, ws)
	found := false
	for _, w := range ws {
		s := p[w.Start:w.End]
		if s == huge {
			found = true
		} else if n := utf8.RuneCountInString(s); n > MaxPassage {
			t.Errorf("window of %d characters beside the long sentence: %q", n, s)
		}
	}
	if !found {
		t.Errorf("the long sentence is not a window of its own: %v", ws)
	}
	if single := windows(huge + " " + huge); len(single) != 2 {
		t.Errorf("two long sentences: %d windows, want 2", len(single))
	}
}

func TestPassages(t *testing.T) {
	long := sentencesOf(8, 100)
	a := Article{ID: "ports", Paragraphs: []Paragraph{
		{Text: "“We will reopen the ports,” the minister said on Monday.", Line: 10},
		{Text: long, Line: 12},
		{Text: "First line of a wrapped paragraph that goes on\nand ends on the next line.", Line: 14},
	}}
	ps := Passages(a)
	if len(ps) != 4 {
		t.Fatalf("%d passages, want 4", len(ps))
	}
	prev := ""
	for i, p := range ps {
		if p.Seq != i || p.ID != fmt.Sprintf("ports/%d", i) || p.ArticleID != "ports" {
			t.Errorf("passage %d: seq %d id %q article %q", i, p.Seq, p.ID, p.ArticleID)
		}
		if !reflect.DeepEqual(p.Actors, annotate.Actors(p.Text)) {
			t.Errorf("passage %d actors %v, want annotate.Actors' %v", i, p.Actors, annotate.Actors(p.Text))
		}
		qs := annotate.Quotations(p.Text, prev)
		var speakers []string
		for _, q := range qs {
			if q.Speaker != "" && !contains(speakers, q.Speaker) {
				speakers = append(speakers, q.Speaker)
			}
		}
		if !reflect.DeepEqual(p.Speakers, speakers) {
			t.Errorf("passage %d speakers %v, want %v", i, p.Speakers, speakers)
		}
		prev = p.Text
	}
	if ps[1].Text+" "+ps[2].Text != long {
		t.Errorf("the two windows do not rebuild the paragraph")
	}
	if ps[0].Line != 10 || ps[1].Line != 12 || ps[2].Line != 12 || ps[3].Line != 14 {
		t.Errorf("lines = %d %d %d %d", ps[0].Line, ps[1].Line, ps[2].Line, ps[3].Line)
	}
}

// A window that starts on a later line of a hard-wrapped paragraph gets
// that line.
func TestPassageLineInWrappedParagraph(t *testing.T) {
	p := strings.Replace(sentencesOf(8, 100), " Sentence 3", "\nSentence 3", 1)
	p = strings.Replace(p, " Sentence 5", "\nSentence 5", 1)
	ps := Passages(Article{ID: "w", Paragraphs: []Paragraph{{Text: p, Line: 3}}})
	if len(ps) != 2 || ps[0].Line != 3 || ps[1].Line != 5 {
		t.Errorf("second window: %d passages, line %d; want line 5", len(ps), ps[len(ps)-1].Line)
	}
}

// TestQuotationContext: "he said" is the last person named before the
// quotation, passages back if those between name no one, but not past
// the context window, and not someone named earlier than the last; the
// quotation's range is its words in the passage.
func TestQuotationContext(t *testing.T) {
	speaker := func(texts ...string) string {
		t.Helper()
		a := Article{ID: "a"}
		for i, s := range texts {
			a.Paragraphs = append(a.Paragraphs, Paragraph{Text: s, Line: i + 1})
		}
		ps := Passages(a)
		last := ps[len(ps)-1]
		if len(last.Quotations) > 1 {
			t.Fatalf("%d quotations, want at most 1", len(last.Quotations))
		}
		if len(last.Quotations) == 0 {
			return ""
		}
		q := last.Quotations[0]
		if last.Text[q.Start:q.End] != q.Text || q.Text != "We are ready," {
			t.Errorf("quotation %q at %d-%d of %q", q.Text, q.Start, q.End, last.Text)
		}
		if !slices.Contains(last.Speakers, q.Speaker) {
			t.Errorf("speakers %q lack %q", last.Speakers, q.Speaker)
		}
		return q.Speaker
	}
	if got := speaker("Keir Starmer arrived in Paris.", "The talks began at noon.", "“We are ready,” he said."); got != "Keir Starmer" {
		t.Errorf("two passages back: %q, want Keir Starmer", got)
	}
	if got := speaker("Keir Starmer arrived.", "Emmanuel Macron met him.", "“We are ready,” he said."); got != "Emmanuel Macron" {
		t.Errorf("the last named: %q, want Emmanuel Macron", got)
	}
	filler := strings.Repeat("The talks went on. ", QuotationContext/19+1)
	if got := speaker("Keir Starmer arrived.", filler, "“We are ready,” he said."); got != "" {
		t.Errorf("past the context: %q, want no one", got)
	}
}
