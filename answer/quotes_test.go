package answer

import (
	"reflect"
	"testing"
)

func TestResolveSpeaker(t *testing.T) {
	speakers := []string{"Donald Trump", "Keir Starmer", "Volodymyr Zelensky", "Paula Pinio", "Jane Doe-Smith"}
	cases := map[string]string{
		"Trump":         "Donald Trump",
		"trump":         "Donald Trump",
		"KEIR STARMER":  "Keir Starmer",
		"Starmr":        "Keir Starmer",
		"zelenskyy":     "Volodymyr Zelensky",
		"Zelenski":      "Volodymyr Zelensky",
		"Zelenskky":     "Volodymyr Zelensky",
		"paula pinio":   "Paula Pinio",
		"Pinio":         "Paula Pinio",
		"Macron":        "Emmanuel Macron", // known person, quoted or not
		"Doe-Smith":     "Jane Doe-Smith",
		"Boris Johnson": "Boris Johnson", // a name, but nobody the corpus quotes
		"xyzzy":         "",
		"the spokesman": "",
	}
	for in, want := range cases {
		if got := ResolveSpeaker(in, speakers); got != want {
			t.Errorf("ResolveSpeaker(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClosestSpeakers(t *testing.T) {
	speakers := []string{"Donald Trump", "Donald Tusk", "Keir Starmer", "Paula Pinio"}
	if got := ClosestSpeakers("Donald Duck", speakers, 2); !reflect.DeepEqual(got, []string{"Donald Trump", "Donald Tusk"}) &&
		!reflect.DeepEqual(got, []string{"Donald Tusk", "Donald Trump"}) {
		t.Errorf("closest to Donald Duck = %q", got)
	}
	if got := ClosestSpeakers("Pinot", speakers, 1); !reflect.DeepEqual(got, []string{"Paula Pinio"}) {
		t.Errorf("closest to Pinot = %q", got)
	}
	if got := ClosestSpeakers("x", nil, 3); len(got) != 0 {
		t.Errorf("no speakers, got %q", got)
	}
}
