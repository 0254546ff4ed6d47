package annotate

import "testing"

// More made-up sentences: conditions after the verb, elliptical refusals,
// other people's troops, speakers known only by their title.
func TestStancesMore(t *testing.T) {
	cases := []struct {
		context, sentence string
		topic             []string
		want              string
	}{
		{"", "Italy said it was ready to send troops if a ceasefire holds.", troops, "Italy=pledged"},
		{"", "The Netherlands will contribute up to 1,000 soldiers.", troops, "Netherlands=pledged"},
		{"", "Poland's Tusk said Warsaw would not send troops to Ukraine.", troops, "Poland=declined"},
		{"", "Macron said France is prepared to deploy troops.", troops, "France=pledged"},
		{"", "Neither Spain nor Italy will send troops.", troops, "Italy=declined, Spain=declined"},
		{"", "Starmer said Britain would send troops, but Germany refused.", troops, "Germany=declined, United Kingdom=pledged"},
		{"", "The US will not deploy troops but will provide air support.", troops, "United States=declined"},
		{"", "The US will not deploy troops but will provide air support.", []string{"air support"}, "United States=pledged"},
		{"", "Russia rejected the deployment of European troops.", troops, "Russia=opposes"},
		{"", "Moscow has ruled out any presence of NATO troops in Ukraine.", troops, "Russia=opposes"},
		{"", "Sweden and Finland are ready to contribute troops, their leaders said.", troops, "Finland=pledged, Sweden=pledged"},
		{"", "“We are ready to send peacekeepers,” Dutch Prime Minister Dick Schoof said.", troops, "Netherlands=pledged"},
		{"", "Dutch Prime Minister Dick Schoof pledged troops.", troops, "Netherlands=pledged"},
		{"Starmer met Zelensky.", "He said Britain would lead the force.", troops, "United Kingdom=pledged"},
		{"", "Canada might send a few hundred soldiers.", troops, "Canada=unclear"},
		{"", "Japan is considering sending troops.", troops, "Japan=unclear"},
		{"", "Denmark has abandoned plans to deploy troops.", troops, "Denmark=declined"},
		{"", "Trump said the US would not send troops to Ukraine.", troops, "United States=declined"},
		{"", "Trump said Europe would send troops.", troops, "Europe=pledged"},
		{"", "The Kremlin said it opposed any foreign troops in Ukraine.", troops, "Russia=opposes"},
	}
	for _, c := range cases {
		got := render(Stances(c.sentence, c.context, c.topic))
		if got != c.want {
			t.Errorf("Stances(%q, %v)\n got  %q\n want %q", c.sentence, c.topic, got, c.want)
		}
	}
}

// TestStancesRealPhrasing: the constructions real articles use, each a
// made-up sentence: conditional pledges, refusals in their many forms,
// hedges, reported speech, the pledged thing's head.
func TestStancesRealPhrasing(t *testing.T) {
	cases := []struct {
		context, sentence string
		topic             []string
		want              string
	}{
		// conditional pledges are pledges
		{"", "The UK and France confirmed they would deploy forces if a ceasefire is established.", troops, "France=pledged, United Kingdom=pledged"},
		{"", "Lithuania is ready to send troops once a peace deal is signed.", troops, "Lithuania=pledged"},
		{"", "Denmark is, in principle, ready to send soldiers.", troops, "Denmark=pledged"},
		{"", "Several thousand French soldiers could be deployed once a ceasefire is signed, Macron said.", troops, "France=pledged"},
		// refusals
		{"", "Poland will never send troops to Ukraine.", troops, "Poland=declined"},
		{"", "There will be no Italian troops on the ground.", troops, "Italy=declined"},
		{"", "Romania has no plans to send troops.", troops, "Romania=declined"},
		{"", "Japan is not considering sending the Self-Defense Forces.", troops, "Japan=declined"},
		{"Orban spoke in Budapest.", "“We refuse to take part in sending troops,” he said.", troops, "Hungary=declined"},
		{"", "Finland is not ready to send soldiers.", troops, "Finland=declined"},
		{"", "Italy does not foresee a deployment of its soldiers.", troops, "Italy=declined"},
		{"", "Greece rules out sending troops.", troops, "Greece=declined"},
		{"", "Sending a Finnish combat unit into Ukraine is not being considered.", troops, "Finland=declined"},
		// hedges
		{"", "Australia may consider sending peacekeepers.", troops, "Australia=unclear"},
		{"", "Canada did not rule out sending troops.", troops, "Canada=unclear"},
		{"", "Norway's prime minister said it was too early to talk about sending Norwegian soldiers.", troops, "Norway=unclear"},
		{"", "Sweden declined to say whether Swedish troops could be sent.", troops, "Sweden=unclear"},
		{"", "Finland had not decided whether to send soldiers.", troops, "Finland=unclear"},
		// reported speech names the country reported about
		{"", "Tusk said that Germany would send troops.", troops, "Germany=pledged"},
		// the pledged thing is the topic only when it is the thing pledged
		{"", "Washington has also pledged to support the multinational forces.", troops, ""},
		{"", "Romania commits not troops but logistical support.", troops, "Romania=declined"},
		{"", "Romania commits not troops but logistical support.", []string{"logistics"}, "Romania=pledged"},
		{"", "Bulgaria will focus on air and naval forces.", troops, ""},
		{"", "Bulgaria will focus on air and naval forces.", []string{"naval"}, "Bulgaria=pledged"},
		{"", "Ankara offered to mediate rather than to send forces.", troops, "Turkey=declined"},
		{"", "The Pentagon will provide intelligence to the British and European soldiers.", troops, ""},
		{"", "The Pentagon will provide intelligence to the British and European soldiers.", []string{"intelligence"}, "United States=pledged"},
		// reconstruction is money: what a partner pays to rebuild
		{"", "Tokyo will focus on non-military support such as reconstruction.", []string{"money"}, "Japan=pledged"},
		{"", "Croatia, he said, would keep helping in other ways, especially with reconstruction.", []string{"money"}, "Croatia=pledged"},
		{"", "The reconstruction of Ukraine was discussed in Rome.", []string{"money"}, ""},
		// the host pledges nothing to itself; the adversary opposes
		{"", "Ukraine will deploy troops along the line of contact.", troops, ""},
		{"", "Putin said any foreign forces that appear in Ukraine will be legitimate targets.", troops, "Russia=opposes"},
		// coordinated verb phrases share their subject
		{"", "Tokyo is not among the 26 and is not considering sending troops.", troops, "Japan=declined"},
		// deontic modals: a demand of an actor is no pledge by it
		{"", "Hegseth said Europe must supply troops.", troops, "Europe=unclear"},
		{"", "Europe said the guarantees should include a European-led force.", troops, "Europe=pledged"},
		// asides, anaphors and the verb after "to"
		{"", "Sweden was ready to contribute air capabilities and, if needed, some naval capabilities.", []string{"naval"}, "Sweden=pledged"},
		{"", "Fidan said his country was ready to take charge of the naval part.", []string{"naval"}, "Turkey=pledged"},
		{"", "Ankara says it is, in principle, ready to take the lead in Black Sea maritime security.", []string{"naval"}, "Turkey=pledged"},
		{"Bulgaria's prime minister spoke.", "Bulgaria's contribution, he explained, would consist of minesweepers.", []string{"naval"}, "Bulgaria=pledged"},
		{"", "Estonia will provide a company of soldiers. The offer also includes a naval vessel.", []string{"naval"}, "Estonia=pledged"},
		{"", "Germany will continue to contribute financially.", []string{"money"}, "Germany=pledged"},
		{"", "Russia also continues to reject any deployment of European troops in Ukraine.", troops, "Russia=opposes"},
		{"", "Moscow has stressed that the deployment of NATO troops in Ukraine is unacceptable.", troops, "Russia=opposes"},
		// who a commitment describes, listed after "include"
		{"", "The countries prepared to send troops include not only EU members but also Norway and Turkey.", troops,
			"European Union=pledged, Norway=pledged, Turkey=pledged"},
		{"", "Britain and France will push ahead with plans for a reassurance force after any ceasefire.", troops,
			"France=pledged, United Kingdom=pledged"},
		{"", "The coalition had completed its plans to deploy troops in the event of a ceasefire.", troops, "Coalition of the Willing=pledged"},
		// who speaks for a government, discourse markers, handing over
		{"", "American negotiators offered Ukraine a package of security guarantees.", []string{"security guarantees"}, "United States=pledged"},
		{"", "The Trump administration has handed Ukraine a draft security guarantee.", []string{"security guarantees"}, "United States=pledged"},
		{"Merz spoke in Paris.", "“We are of course ready to take part in the security guarantees,” he said.", []string{"security guarantees"}, "Germany=pledged"},
		// troops somewhere else are no troops for Ukraine
		{"", "Several hundred Canadian soldiers lead NATO's multinational brigade in Latvia.", troops, "Canada=unclear"},
	}
	for _, c := range cases {
		got := render(Stances(c.sentence, c.context, c.topic))
		if got != c.want {
			t.Errorf("Stances(%q, %v)\n got  %q\n want %q", c.sentence, c.topic, got, c.want)
		}
	}
}
