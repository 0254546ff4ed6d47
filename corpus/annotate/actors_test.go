package annotate

import (
	"reflect"
	"testing"
)

func TestActors(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"The U.S. and the UK agreed.", []string{"United States", "United Kingdom"}},
		{"Let us talk about it; give us time.", nil},
		{"US-led talks in Kiev and Kyiv", []string{"United States", "Ukraine"}},
		{"Paris could contribute troops, London said.", []string{"France", "United Kingdom"}},
		{"Kushner referred to the Parisian meeting.", []string{"United States"}},
		{"Macron, Starmer and Merz met Zelenskyy’s team.", []string{"France", "United Kingdom", "Germany", "Ukraine"}},
		{"Defense Minister Pitt Hegshez is wary.", []string{"United States"}},
		{"the alliance of willing and the Coalition of the Willing", []string{"Coalition of the Willing"}},
		{"NATO's Article 5 and the EU's plan", []string{"NATO", "European Union"}},
		{"The Washington Post and the Budapest Memorandum", nil},
		{"Czech and Polish leaders, the Czech Republic", []string{"Czech Republic", "Poland"}},
		{"AMERICA FIRST", []string{"United States"}},
		{"", nil},
	}
	for _, c := range cases {
		if got := Actors(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Actors(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPeople(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"European Commission spokesman Paula Pinio said Tuesday.", []string{"Paula Pinio"}},
		{"Zelenski, Zelenskyy and Volodymyr Zelensky", []string{"Volodymyr Zelensky"}},
		{"Defense Minister Pitt Hegshez", []string{"Pete Hegseth"}},
		{"Chancellor Friedrich Merz and Prime Minister Jane Doe-Smith spoke.", []string{"Friedrich Merz", "Jane Doe-Smith"}},
		{"Foreign Secretary Anna Lindqvist met him.", []string{"Anna Lindqvist"}},
		{"On Tuesday The Post reported.", nil},
	}
	for _, c := range cases {
		if got := People(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("People(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestGazetteerLoads(t *testing.T) {
	g, err := parseGazetteer(gazetteerJSON)
	if err != nil {
		t.Fatal(err)
	}
	if g.people["Keir Starmer"] != "United Kingdom" || len(g.names) < 20 {
		t.Fatalf("gazetteer incomplete: %d people", len(g.names))
	}
	if _, err := parseGazetteer([]byte(`{"people":[{"name":"X Y","actor":"Nowhere"}]}`)); err == nil {
		t.Fatal("unknown actor accepted")
	}
	if _, err := parseGazetteer([]byte(`{`)); err == nil {
		t.Fatal("broken JSON accepted")
	}
	if _, err := parseGazetteer([]byte(`{"groups":[{"name":"g","label":"G","words":["g"],"members":["Nowhere"]}]}`)); err == nil {
		t.Fatal("a group of an unknown actor accepted")
	}
}

// TestGroups: the words a question narrows with name groups of actors.
func TestGroups(t *testing.T) {
	for _, c := range []struct {
		word, group, in, out string
	}{
		{"European", "european", "Poland", "United States"},
		{"NATO", "nato", "Turkey", "Austria"},
		{"eu", "eu", "Austria", "Norway"},
		{"nordic", "nordic", "Finland", "Estonia"},
		{"Baltic", "baltic", "Latvia", "Poland"},
	} {
		g := GroupNamed(c.word)
		if g != c.group || !InGroup(g, c.in) || InGroup(g, c.out) || GroupLabel(g) == "" {
			t.Errorf("%s: group %q (label %q), %s in it %v, %s in it %v", c.word, g, GroupLabel(g), c.in, InGroup(g, c.in), c.out, InGroup(g, c.out))
		}
	}
	if g := GroupNamed("western"); g != "" {
		t.Errorf("western names the group %q", g)
	}
}
