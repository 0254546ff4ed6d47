package annotate

import "testing"

// TestStancesStructures: grammatical structures real news uses, each in
// a sentence of our own: coordinated verb phrases, numbers inside
// clauses, refusals that name their hedge word, the subject's own
// troops, joining someone else's force, what the pledged thing is for.
func TestStancesStructures(t *testing.T) {
	logistics := []string{"logistics"}
	money := []string{"money"}
	cases := []struct {
		context, sentence string
		topic             []string
		want              string
	}{
		// a second verb phrase shares the first one's subject, not its negation
		{"", "Greece said it had no intention of sending soldiers and would instead offer minesweepers.", []string{"naval"}, "Greece=pledged"},
		{"", "Greece said it had no intention of sending soldiers and would instead offer minesweepers.", troops, "Greece=declined"},
		{"Fico spoke in Bratislava.", "He said his country was a key corridor and was ready to help with logistics after a truce.", logistics, "Slovakia=pledged"},
		{"", "Seoul is not part of the coalition and is not weighing a deployment of troops.", troops, "South Korea=declined"},
		{"", "Lisbon's job, the minister said, was to train pilots and to run a hub for the delivery of ammunition.", logistics, "Portugal=pledged"},
		{"", "Lisbon's job, the minister said, was to train pilots and to run a hub for the delivery of ammunition.", money, ""},
		// a decimal point or a thousands separator ends no clause
		{"", "Oslo announced 2.5 billion kroner of Norwegian export credit.", money, "Norway=pledged"},
		// a refusal phrase's own "option" is no hedge
		{"", "Sending Maltese soldiers was never an option, the government said.", troops, "Malta=declined"},
		// "their" soldiers are the subject's own
		{"", "Austria and Ireland said they would not send their soldiers to Ukraine.", troops, "Austria=declined, Ireland=declined"},
		// joining another's force is contributing to it
		{"", "Slovenian soldiers will not join the coalition's reassurance force.", troops, "Slovenia=declined"},
		{"", "Lithuania will take part in the multinational force led by Britain and France.", troops, "Lithuania=pledged"},
	}
	for _, c := range cases {
		got := render(Stances(c.sentence, c.context, c.topic))
		if got != c.want {
			t.Errorf("Stances(%q, %v)\n got  %q\n want %q", c.sentence, c.topic, got, c.want)
		}
	}
}
