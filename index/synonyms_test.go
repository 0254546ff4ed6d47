package index

import (
	"strings"
	"testing"
)

func TestSynonymsFileParses(t *testing.T) {
	th, err := parseThesaurus(synonymsData, "synonyms.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(th.groups) < 20 {
		t.Fatalf("only %d groups", len(th.groups))
	}
}

func TestSynonymsFileErrorsNameLine(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{"# c\ntroops\n", "x.txt:2: a group needs at least two"},
		{"troops, soldiers\nforces, soldiers\n", "x.txt:2: \"soldiers\" is also in the group on line 1"},
		{"the, troops\n", "x.txt:1: \"the\" is only stop words"},
	} {
		_, err := parseThesaurus(c.data, "x.txt")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.data, err, c.want)
		}
	}
}
