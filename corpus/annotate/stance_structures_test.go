package annotate

import (
	"os"
	"strings"
	"testing"
)

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
		// ", with X leading": X does the -ing verb; "together with X" is company
		{"", "The guarantees would take effect after a truce, with the United States leading a mechanism to monitor it.", []string{"monitoring"}, "United States=pledged"},
		{"", "Poland, together with Germany, will send troops.", troops, "Poland=pledged"},
		// a peacekeeping or peace operation is troops; Russia's "military operation" is not
		{"", "Slovakia will not participate in any peacekeeping operation in Ukraine.", troops, "Slovakia=declined"},
		{"", "Russia will not halt its military operations in Ukraine.", troops, ""},
		// the possibility of something else than the commitment is no refusal of it
		{"", "Britain ruled out the possibility of cutting military aid.", money, "United Kingdom=unclear"},
		{"", "Germany ruled out the option of reducing its troops in Lithuania.", troops, "Germany=unclear"},
		// refusing the possibility is refusing; not ruling it out is a hedge
		{"", "Poland ruled out the possibility of sending troops.", troops, "Poland=declined"},
		{"", "Warsaw rejected the option of deploying soldiers.", troops, "Poland=declined"},
		{"", "Poland did not rule out the possibility of sending troops.", troops, "Poland=unclear"},
		{"", "Hungary rejected any idea of sending troops to Ukraine.", troops, "Hungary=declined"},
		{"", "Poland did not rule out the idea of sending troops.", troops, "Poland=unclear"},
		// a time between a chain's links; taking up again; staying out
		{"", "France decided on Monday to send troops.", troops, "France=pledged"},
		{"", "Talks between Washington and Kyiv on the loan resumed.", money, ""},
		{"", "The EU agreed in December to lend Ukraine 90 billion euros.", money, "European Union=pledged"},
		{"", "Washington resumed military aid to Kyiv.", money, "United States=pledged"},
		{"", "Hungary opted out of the loan.", money, "Hungary=declined"},
		{"", "Bratislava will stay out of the loan for Ukraine.", money, "Slovakia=declined"},
		// a gerund of commitment in what is weighed is weighed, not made
		{"", "Albanese is open to Australian troops joining a peacekeeping force in Ukraine.", troops, "Australia=unclear"},
		{"", "Oslo is discussing Norwegian frigates escorting convoys in the Black Sea.", []string{"naval"}, "Norway=unclear"},
		{"", "Denmark is considering the request and is sending two frigates.", []string{"naval"}, "Denmark=pledged"},
		// a negated place contrasted with another says where, not whether
		{"Britain and France have both said they are willing to deploy soldiers once a peace deal is agreed.",
			"The force would not be stationed on the front line, he said, but at strategic locations agreed with Kyiv.", troops, ""},
		{"", "Danish troops would be deployed not along the contact line but in the cities.", troops, "Denmark=pledged"},
		{"", "Swedish soldiers would not be deployed in Ukraine but in Poland.", troops, "Sweden=declined"},
		{"", "British troops would not be deployed on the ground, but in Poland.", troops, "United Kingdom=declined"},
		{"", "Dutch troops would not be stationed near the border, but in any case Belgium will not send them.", troops, "Netherlands=declined"},
		{"", "Finland will not station troops on the front line.", troops, "Finland=declined"},
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
		{"", "Leaders debated air policing, and the alliance, including Canada, stands ready to do its part.", []string{"air policing"}, "Canada=pledged"},
		{"", "Greece said the arrangements Athens is willing to join are not security guarantees.", []string{"security guarantees"}, ""},
		{"", "Slovenia, which once called the idea premature, said it would take part in the force if a truce holds.", troops, "Slovenia=pledged"},
		// an echo repeats the stance before it
		{"", "The columnist wrote that no government really wants to send soldiers, and that Austria and Ireland had made this clear.", troops,
			"Austria=declined, Ireland=declined"},
		// who else is named beside the subject is no subject
		// paying is money whatever it buys
		{"", "Sweden will fund the new coordination cell.", money, "Sweden=pledged"},
		// a copula's topic: what the actor will be
		{"", "Hungary will not send soldiers, but Slovakia will be the logistics hub.", logistics, "Slovakia=pledged"},
		{"", "Ottawa is ready to be a backstop for the mission.", []string{"security guarantees"}, "Canada=pledged"},
		{"", "Greece would not be a naval power.", []string{"naval"}, ""},
		// an adversary's verdict on troops "sent to Ukraine" is its own
		{"", "The Kremlin has made clear that any Western troops sent to Ukraine would be legitimate targets.", troops, "Russia=opposes"},
		// an adverb is no verb of commitment
		{"", "Belgium set two conditions: a completely clear mandate and air cover.", []string{"air"}, ""},
		// someone else's hope, a demand, a verdict on a noun of commitment
		{"", "The planners hope that Canada would provide air cover.", []string{"air"}, "Canada=unclear"},
		{"", "Let the Europeans pay for the air defence.", []string{"air defence"}, "Europe=unclear"},
		{"", "He said Danish participation in the naval mission is essential.", []string{"naval"}, "Denmark=unclear"},
		{"", "The Dutch contribution to the mission will be two frigates.", []string{"naval"}, "Netherlands=pledged"},
		// whose the money is: "of UK export finance"
		{"", "He announced 2 billion euros of Swedish military aid.", money, "Sweden=pledged"},
		// "the European ... states" are Europe; "as a coalition" adds it
		{"", "Canada and the European member states will give Ukraine security guarantees.", []string{"security guarantees"},
			"Canada=pledged, Europe=pledged"},
		// who speaks for a country named by title only
		{"", "Lithuania's president said his country would be willing to send soldiers.", troops, "Lithuania=pledged"},
		// negation phrases and refusal phrases with "of"
		{"", "Serbia will under no circumstances send soldiers, the minister said.", troops, "Serbia=declined"},
		{"", "There is no question of sending Montenegrin troops, the prime minister said.", troops, "Montenegro=declined"},
		// a member of a class that does or does not commit
		{"", "Norway is among the countries that have offered to send troops.", troops, "Norway=pledged"},
		{"", "Slovenia is not among the nations willing to send troops.", troops, "Slovenia=declined"},
		{"", "Belgium and Denmark are the only countries that have offered troops.", troops, "Belgium=pledged, Denmark=pledged"},
		// comparisons beside the subject
		{"", "Poland, like Italy, will not send troops.", troops, "Italy=declined, Poland=declined"},
		{"", "Spain, unlike Italy, will send troops.", troops, "Spain=pledged"},
		// troops as the subject of a copula
		{"", "Swedish troops could be part of the force, the minister said.", troops, "Sweden=unclear"},
		{"", "Finnish troops will be part of the reassurance force.", troops, "Finland=pledged"},
		// refusals that read like pledges
		{"", "Malta said it would send no troops.", troops, "Malta=declined"},
		{"", "Austria is ready to provide air defence but not troops.", troops, "Austria=declined"},
		{"", "Portugal would rather fund air defence than send troops.", troops, "Portugal=declined"},
		{"", "Cyprus has yet to commit troops.", troops, "Cyprus=unclear"},
		{"", "Denmark wants Canada to send troops.", troops, "Canada=unclear"},
		{"", "Unlike France, Austria will not send troops.", troops, "Austria=declined"},
		{"", "Malta said that it would not, under any circumstances, send troops.", troops, "Malta=declined"},
		{"", "Latvia says it is too early to discuss sending troops.", troops, "Latvia=unclear"},
		{"", "Oslo has decided against sending troops.", troops, "Norway=declined"},
		{"", "Vienna remains opposed to sending soldiers.", troops, "Austria=declined"},
		{"", "Lisbon stopped short of committing troops.", troops, "Portugal=declined"},
		{"", "Ireland is against sending troops.", troops, "Ireland=declined"},
		// a clause of a subject and an auxiliary: the verb left out
		{"", "Slovakia won't send troops, and neither will Hungary.", troops, "Hungary=declined, Slovakia=declined"},
		{"", "Austria will not send troops; Belgium will.", troops, "Austria=declined, Belgium=pledged"},
		{"", "Britain will send troops, but Greece and Cyprus will not.", troops, "Cyprus=declined, Greece=declined, United Kingdom=pledged"},
		{"", "Estonia is willing to send troops, but Latvia is not.", troops, "Estonia=pledged, Latvia=declined"},
		// the verb phrase before "but" has the subject
		{"", "Sweden will stay in the coalition of the willing but will not deploy its soldiers.", troops, "Sweden=declined"},
	}
	for _, c := range cases {
		got := render(Stances(c.sentence, c.context, c.topic))
		if got != c.want {
			t.Errorf("Stances(%q, %v)\n got  %q\n want %q", c.sentence, c.topic, got, c.want)
		}
	}
}

// observed renders what Observe reads in sentence, after context, on one
// known topic.
func observed(context, sentence, topic string) string {
	var prev *Text
	if context != "" {
		prev = NewText(context)
	}
	var ss []Stance
	for _, o := range Observe(NewText(sentence), prev) {
		if o.Topic == topic {
			ss = append(ss, Stance{Actor: o.Actor, Kind: o.Kind})
		}
	}
	return render(ss)
}

// TestObserveElliptic: a sentence that names no topic takes the one the
// text was about: "said they had no such plans", "says yes", "is ready".
func TestObserveElliptic(t *testing.T) {
	cases := []struct{ context, sentence, topic, want string }{
		// the thing the text was about, named by a pronoun
		{"The coalition is planning a multinational force.", "Oslo will contribute to it if there is a ceasefire.", "troops", "Norway=pledged"},
		{"The coalition is planning a multinational force.", "Oslo will not take part in it.", "troops", "Norway=declined"},
		{"Talk of Portuguese troops dominated the summit.", "Later, Austria, Malta and Cyprus said they had no such plans.", "troops",
			"Austria=declined, Cyprus=declined, Malta=declined"},
		{"Leaders discussed sending troops.", "\"Portugal says yes once the shooting stops,\" the minister said.", "troops", "Portugal=pledged"},
		{"The question was who would send peacekeepers.", "If a truce is signed, Norway is, in principle, ready.", "troops", "Norway=pledged"},
		{"The question was who would send peacekeepers.", "Norway is ready to talk.", "troops", ""},
		{"The question was who would send peacekeepers.", "Norway is not ready.", "troops", "Norway=declined"},
		// who else is named beside the subject is no subject; a presence
		// in Ukraine is troops
		{"Dutch Prime Minister Dick Schoof spoke.", "\"We are ready, together with Denmark and Norway, to launch an operation inside Ukraine after a truce,\" he said.", "troops",
			"Netherlands=pledged"},
		{"", "Latvia, with Estonia and Lithuania, wants to operate on Ukrainian soil once the guns fall silent.", "troops", "Latvia=pledged"},
		{"", "Ireland, as part of the coalition of the willing, is willing to operate in Ukraine.", "troops", "Ireland=pledged"},
		{"", "Ireland will operate a field hospital in Dublin.", "troops", ""},
		// paying is money whatever it buys
		{"", "Prague will keep the scheme but will no longer pay for it.", "money", "Czech Republic=declined"},
		// "the force" is its owner's, "it" the force
		{"The Nordic-Baltic Eight agreed to build a reassurance force of their own.", "The force would be ready to deploy after a truce.", "troops", ""},
		{"NATO leaders met in Vilnius.", "The force would be ready to deploy after a truce. It would also patrol the skies.", "air", "NATO=pledged"},
		{"", "Sweden offered a battalion for the force. The force, to be called Task Force Ukraine, would also protect the Black Sea shipping lanes.", "naval", "Sweden=pledged"},
		{"", "Britain and France said they would deploy if a truce holds.", "troops", "France=pledged, United Kingdom=pledged"},
		// they who operate in Ukraine are the troops pledged before
		{"", "Soldiers from the coalition of the willing would be based away from the front. Its leaders said they would be able to operate in Ukraine.", "troops",
			"Coalition of the Willing=pledged"},
		// not ruling out a participation: the topic the text was about
		{"Leaders discussed sending troops.", "Schoof said he was not ruling out Dutch participation.", "troops", "Netherlands=unclear"},
		{"", "Norway is ready to deploy as a coalition of the willing if a truce holds.", "troops", "Coalition of the Willing=pledged, Norway=pledged"},
		{"Talk was of peacekeepers.", "Luxembourg is prepared to contribute, officials said.", "troops", "Luxembourg=pledged"},
		// "he" is not the name inside a relative clause
		{"Starmer spoke of the backstop, which President Donald Trump has not offered.", "He also announced new air defence missiles.", "air", "United Kingdom=pledged"},
		// "the members", "the allies": the group named last
		{"The coalition of the willing met in London.", "The members also agreed to fund a new coordination cell.", "money", "Coalition of the Willing=pledged"},
		{"", "The allies will take part in the monitoring.", "monitoring", ""},
		// a list entry's actor and its refusal with no verb
		{"", "Portugal. No troops, whatever happens, but Lisbon will help with money.", "troops", "Portugal=declined"},
		{"", "Austria. A firm no to troops from the chancellor.", "troops", "Austria=declined"},
		// an aside after the subject names no subject ("which borders Ukraine")
		{"", "Poland, which borders Ukraine, said it would not send troops.", "troops", "Poland=declined"},
		{"", "Slovakia, a neighbour of Hungary, will not send troops.", "troops", "Slovakia=declined"},
		{"", "France, Germany and Italy, which met in Rome, said they would send troops.", "troops", "France=pledged, Germany=pledged, Italy=pledged"},
		// "be sending" is no passive; "his government" is the speaker's country
		{"", "Slovakia's prime minister told reporters his government would not be sending a single soldier.", "troops", "Slovakia=declined"},
		{"", "Hungary has made clear it will play no part in sending soldiers to Ukraine.", "troops", "Hungary=declined"},
		// "but no X" refuses X as "but not X" does; where officials spoke is no deployment
		{"", "Germany would provide intelligence, but no combat troops, officials in Berlin said.", "troops", "Germany=declined"},
		{"", "Poland will send troops, but no warships.", "naval", "Poland=declined"},
		{"", "France will send troops, officials in Paris said.", "troops", "France=pledged"},
	}
	for _, c := range cases {
		if got := observed(c.context, c.sentence, c.topic); got != c.want {
			t.Errorf("Observe(%q after %q) on %s\n got  %q\n want %q", c.sentence, c.context, c.topic, got, c.want)
		}
	}
}

// TestObserveSentences reads testdata/sentences.tsv, news sentences
// written after the stance rules of December 2026 and measured on them
// before any rule was changed for them (24 of 34 right then; the rules
// made for them since count as development): text,
// the passage before, actor, topic, stance. It reports every miss and
// fails when fewer are right than the floor, so a rule that helps
// elsewhere and breaks these shows.
func TestObserveSentences(t *testing.T) {
	const floor = 28
	b, err := os.ReadFile("testdata/sentences.tsv")
	if err != nil {
		t.Fatal(err)
	}
	right, n := 0, 0
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("testdata/sentences.tsv:%d: %d fields, want 5", i+1, len(f))
		}
		var prev *Text
		if f[1] != "" {
			prev = NewText(f[1])
		}
		got := "absent"
		for _, o := range Observe(NewText(f[0]), prev) {
			if o.Actor == f[2] && o.Topic == f[3] {
				got = o.Kind.String()
			}
		}
		n++
		if got == f[4] {
			right++
		} else {
			t.Logf("testdata/sentences.tsv:%d: %s on %s: got %s, want %s", i+1, f[2], f[3], got, f[4])
		}
	}
	t.Logf("%d of %d right", right, n)
	if right < floor {
		t.Errorf("%d of %d sentences right, fewer than %d", right, n, floor)
	}
}
