package text

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Zelenskyy’s café":         "Zelenskyy's cafe",
		"“robust” guarantees":      `"robust" guarantees`,
		"in\u00a0Ukraine":          "in Ukraine",
		"post–war — talks":         "post-war - talks",
		"Moskva «Kremlin»":         `Moskva "Kremlin"`,
		"plain ASCII stays":        "plain ASCII stays",
		"Łódź and Kraków":          "Łodz and Krakow", // Ł has no combining mark to strip
		"naïve résumé":             "naive resume",
		"A\u202Fthin\u2009space":   "A thin space",
		"′prime′ and ″double″":     `'prime' and "double"`,
		"":                         "",
		"ﬁ ligature is kept as is": "ﬁ ligature is kept as is",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKey(t *testing.T) {
	tests := map[string]string{
		"  Zelenskyy’s\u00a0 CAFÉ \n said ": "zelenskyy's cafe said",
		"US backs\u00a0plan":                "us backs plan",
		"":                                  "",
	}
	for in, want := range tests {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"  Leading space. Trailing space.  ", []string{"Leading space.", "Trailing space."}},
		{"No terminal punctuation", []string{"No terminal punctuation"}},
		{"Mr. Smith met Dr. Jones. They talked.", []string{"Mr. Smith met Dr. Jones.", "They talked."}},
		{"The U.S. and the U.K. agreed. Then they left.", []string{"The U.S. and the U.K. agreed.", "Then they left."}},
		{"J. Smith wrote it. It was read.", []string{"J. Smith wrote it.", "It was read."}},
		{"It costs 3.5 billion. Fine.", []string{"It costs 3.5 billion.", "Fine."}},
		{"the U.S.-led force. Next.", []string{"the U.S.-led force.", "Next."}},
		{"He said “we will help.” Then he left.", []string{"He said “we will help.”", "Then he left."}},
		{"“Is it over?” she asked. “No.”", []string{"“Is it over?” she asked.", "“No.”"}},
		{"Wait... what? Yes.", []string{"Wait... what?", "Yes."}},
		{"It ended (finally.) Then more.", []string{"It ended (finally.)", "Then more."}},
		{"lower case after. stays joined", []string{"lower case after. stays joined"}},
		{"In 2014 it began. 2022 was worse.", []string{"In 2014 it began.", "2022 was worse."}},
		{"Points: a) first. And b) second.", []string{"Points: a) first.", "And b) second."}},
		{"Line one.\nLine two.", []string{"Line one.", "Line two."}},
		{"Ends with quote.” ", []string{"Ends with quote.”"}},
		{"One… Two.", []string{"One…", "Two."}},
		{"", nil},
		{"   ", nil},
	}
	for _, tt := range tests {
		if got := SentenceStrings(tt.in); !reflect.DeepEqual(got, tt.want) && (len(got) > 0 || len(tt.want) > 0) {
			t.Errorf("SentenceStrings(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// checkSpans asserts the Sentences contract: spans in order, within
// bounds, not empty, trimmed, and covering every non-space byte of s.
func checkSpans(t *testing.T, s string, spans []Span) {
	t.Helper()
	covered := make([]bool, len(s))
	prev := 0
	for i, sp := range spans {
		if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
			t.Fatalf("span %d %v out of order or bounds (prev end %d, len %d) in %q", i, sp, prev, len(s), s)
		}
		part := s[sp.Start:sp.End]
		if strings.TrimFunc(part, unicode.IsSpace) != part {
			t.Errorf("span %d %q has surrounding space", i, part)
		}
		for j := sp.Start; j < sp.End; j++ {
			covered[j] = true
		}
		prev = sp.End
	}
	for i, r := range s {
		if !unicode.IsSpace(r) && !covered[i] {
			t.Fatalf("byte %d (%q) of %q is in no sentence: %v", i, r, s, spans)
		}
	}
}

func TestSentencesCover(t *testing.T) {
	for _, s := range []string{
		"A. B. C.", "... ?! .", "“”", "x.\u00a0Y", "Mr. . . Z", "a)\n\n(B) c.", "U.S. U.K. E.U.",
	} {
		checkSpans(t, s, Sentences(s))
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"One. Two! Three?",
		"Mr. Smith met Dr. Jones. They talked.",
		"He said “we will help.” Then he left.",
		"It costs 3.5 billion… Fine?! (Yes.) [No.] ‘Maybe.’",
		"\u00a0Zelenskyy&nbsp, a member.\u2028Next\u0085line.",
		"\xff\xfe invalid. UTF-8.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSpans(t, s, Sentences(s))
	})
}
