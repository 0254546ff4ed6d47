package corpus

import (
	"strings"
	"testing"
)

func paras(t *testing.T, body string) []Paragraph {
	t.Helper()
	a, problems := parseArticle("x.txt", body)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	for _, p := range a.Paragraphs {
		if !strings.Contains(body, p.Text) {
			t.Errorf("paragraph %q is not a substring of the source", p.Text)
		}
	}
	return a.Paragraphs
}

func checkParas(t *testing.T, got, want []Paragraph) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d paragraphs %+v, want %d %+v", len(got), got, len(want), want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("paragraph %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestParagraphsOnePerLine(t *testing.T) {
	body := "The first paragraph is a single line of text.\nThe second one follows on the next line.\nA third closes it.\n"
	checkParas(t, paras(t, body), []Paragraph{
		{Text: "The first paragraph is a single line of text.", Line: 1},
		{Text: "The second one follows on the next line.", Line: 2},
		{Text: "A third closes it.", Line: 3},
	})
}

func TestParagraphsBlankLinesAndNBSP(t *testing.T) {
	body := "The first paragraph is a single line of text.\n\n\u00a0 \u00a0 \u200b\n  The second one is indented.  \n\n\n• A list item that is prose.\n- Another item, with a dash.\n"
	checkParas(t, paras(t, body), []Paragraph{
		{Text: "The first paragraph is a single line of text.", Line: 1},
		{Text: "The second one is indented.", Line: 4},
		{Text: "A list item that is prose.", Line: 7},
		{Text: "Another item, with a dash.", Line: 8},
	})
}

// A hard-wrapped body (lines broken at about 60 columns) joins the lines
// of each paragraph; a short heading and the paragraph ends stay apart.
func TestParagraphsHardWrapped(t *testing.T) {
	body := strings.Join([]string{
		"Ministers from the coastal states met in the capital on",
		"Monday to agree on the rules for ships leaving the ports,",
		"officials said after the talks.",
		"",
		"Harbour rules",
		"",
		"The agreement sets out inspections for every vessel and a",
		"joint office to run them, with observers from three",
		"countries taking part from the first week.",
		"Insurers said they would wait for the first convoy before",
		"lowering their rates for the route.",
		"",
	}, "\n")
	got := paras(t, body)
	checkParas(t, got, []Paragraph{
		{Text: "Ministers from the coastal states met in the capital on\nMonday to agree on the rules for ships leaving the ports,\nofficials said after the talks.", Line: 1},
		{Text: "Harbour rules", Line: 5, Aside: true},
		{Text: "The agreement sets out inspections for every vessel and a\njoint office to run them, with observers from three\ncountries taking part from the first week.", Line: 7},
		{Text: "Insurers said they would wait for the first convoy before\nlowering their rates for the route.", Line: 10},
	})
}

// Long one-line paragraphs are never joined, even without blank lines.
func TestParagraphsLongLinesNotJoined(t *testing.T) {
	long1 := "The agreement sets out inspections for every vessel and a joint office to run them, with observers from three countries"
	long2 := "taking part from the first week, officials said after the talks in the capital on Monday evening."
	got := paras(t, "Ports deal agreed\n"+long1+"\n"+long2+"\n")
	if len(got) != 2 {
		t.Errorf("got %d paragraphs, want the 2 lines kept apart: %+v", len(got), got)
	}
}

func TestWrapWidth(t *testing.T) {
	src := "short\nlines\nonly\n"
	if _, ok := wrapWidth(src, splitLines(src, 0, 1)); ok {
		t.Error("short lines are not a wrapped body")
	}
	src = "A sentence that ends here.\nAnother sentence that ends.\nA third sentence that ends.\nAnd a fourth that also ends.\n"
	if _, ok := wrapWidth(src, splitLines(src, 0, 1)); ok {
		t.Error("lines that each end a sentence are not wrapped")
	}
}
