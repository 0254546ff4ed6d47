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
