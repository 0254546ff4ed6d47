package text

import "testing"

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"troops", "troops", 0},
		{"Zelenksy", "Zelensky", 1}, // a transposition is one edit
		{"Witkof", "Witkoff", 1},
		{"guarentees", "guarantees", 1},
		{"Starmr", "Starmer", 1},
		{"café", "cafe", 1}, // runes, not bytes
		{"kitten", "sitting", 3},
		{"", "abc", 3},
	} {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
